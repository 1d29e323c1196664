//! Scores the parser on a corpus folder (EXPECTED.jsonl or MANIFEST.tsv).
//! `cargo run -p folio-eval --example eval -- /work/shared/corpus/wide tune`
use folio_eval::{Corpus, SplitFilter};
use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpus/dev".into());
    let split = match args.next().as_deref() {
        Some("tune") => SplitFilter::Tune,
        Some("check") => SplitFilter::Check,
        _ => SplitFilter::All,
    };
    let corpus = Corpus::load(Path::new(&dir)).expect("corpus");
    let r = corpus.evaluate(split, &Default::default());
    print!("{}", r.render(split != SplitFilter::Check));
}
