//! `folio eval`: the parser's accuracy on a labelled folder (folio-eval):
//! field scores, and block-role precision and recall with EXPECTED.jsonl.

use crate::args::*;
use crate::exit::{EVAL as EXIT_EVAL, INPUT as EXIT_INPUT, OK as EXIT_OK};

pub(crate) fn eval(a: EvalArgs) -> u8 {
    use folio_eval::{Corpus, SplitFilter};
    let corpus = match Corpus::load(&a.dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    let split = match a.split {
        EvalSplit::All => SplitFilter::All,
        EvalSplit::Tune => SplitFilter::Tune,
        EvalSplit::Check => SplitFilter::Check,
    };
    let r = corpus.evaluate(split, &Default::default());
    // The check half is read as aggregates only.
    let list = !a.quiet && split != SplitFilter::Check;
    outln!("{}", r.render(list).trim_end());
    let mut failed = Vec::new();
    for (name, got, min) in [
        ("title", r.ratio(r.title), a.min_title),
        ("date", r.ratio(r.date), a.min_date),
        ("byline", r.ratio(r.byline), a.min_byline),
        ("paragraphs", r.ratio(r.paragraphs), a.min_paragraphs),
        ("block-role", r.block_accuracy(), a.min_blocks),
    ] {
        if got + 1e-9 < min {
            failed.push(format!(
                "{name} accuracy {:.1}% is below {:.1}%",
                100.0 * got,
                100.0 * min
            ));
        }
    }
    let roles = [
        "h",
        "li",
        "quote",
        "caption",
        "note",
        "date",
        "byline",
        "standfirst",
    ];
    if a.min_role_recall > 0.0 {
        if let Some((role, got)) = r.min_recall(&roles) {
            if got + 1e-9 < a.min_role_recall {
                failed.push(format!(
                    "{role} recall {:.1}% is below {:.1}%",
                    100.0 * got,
                    100.0 * a.min_role_recall
                ));
            }
        }
    }
    if (a.min_blocks > 0.0 || a.min_role_recall > 0.0) && !r.has_blocks {
        failed.push("block-role bars need EXPECTED.jsonl in the folder".into());
    }
    for f in &failed {
        eprintln!("folio eval: {f}");
    }
    if failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_EVAL
    }
}
