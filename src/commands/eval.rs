//! `folio eval`: the parser's accuracy on a folder with a MANIFEST.tsv.
//! (Moved here unchanged from `cli.rs`.)
use crate::args::*;
use crate::exit::{EVAL as EXIT_EVAL, INPUT as EXIT_INPUT, OK as EXIT_OK};

pub(crate) fn eval(a: EvalArgs) -> u8 {
    use folio_core::eval;
    let manifest = ["MANIFEST.tsv", "INDEX.tsv"]
        .iter()
        .map(|m| a.dir.join(m))
        .find(|p| p.is_file());
    let Some(manifest) = manifest else {
        eprintln!(
            "{}: error: no MANIFEST.tsv or INDEX.tsv in this folder",
            a.dir.display()
        );
        return EXIT_INPUT;
    };
    let rows = match eval::read_manifest(&manifest) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: error: {e}", manifest.display());
            return EXIT_INPUT;
        }
    };
    let r = eval::evaluate(&a.dir, &rows, &Default::default());
    let pct = |x: usize| 100.0 * r.ratio(x);
    outln!("{} articles in {}", r.total, a.dir.display());
    outln!(
        "  title       {:>4}/{}  {:5.1}%",
        r.title,
        r.total,
        pct(r.title)
    );
    outln!(
        "  date        {:>4}/{}  {:5.1}%",
        r.date,
        r.total,
        pct(r.date)
    );
    outln!(
        "  byline      {:>4}/{}  {:5.1}%",
        r.byline,
        r.total,
        pct(r.byline)
    );
    outln!(
        "  paragraphs  {:>4}/{}  {:5.1}%",
        r.paragraphs,
        r.total,
        pct(r.paragraphs)
    );
    if !a.quiet && !r.misses.is_empty() {
        outln!("misses:");
        for m in &r.misses {
            outln!(
                "  {}  {}: expected {:?}, got {:?}",
                m.file,
                m.field,
                m.expected,
                m.got
            );
        }
    }
    let mut ok = true;
    for (name, hits, min) in [
        ("title", r.title, a.min_title),
        ("date", r.date, a.min_date),
        ("byline", r.byline, a.min_byline),
        ("paragraphs", r.paragraphs, a.min_paragraphs),
    ] {
        if r.ratio(hits) + 1e-9 < min {
            eprintln!(
                "folio eval: {name} accuracy {:.1}% is below {:.1}%",
                100.0 * r.ratio(hits),
                100.0 * min
            );
            ok = false;
        }
    }
    if ok { EXIT_OK } else { EXIT_EVAL }
}
