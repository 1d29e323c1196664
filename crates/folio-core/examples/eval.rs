//! Scores the parser on a corpus folder with a MANIFEST.tsv.
//! `cargo run -p folio-core --example eval -- ../shared/corpus/dev`
use folio_core::eval;
use std::path::Path;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/dev".into());
    let dir = Path::new(&dir);
    let rows = eval::read_manifest(&if dir.join("MANIFEST.tsv").exists() {
        dir.join("MANIFEST.tsv")
    } else {
        dir.join("INDEX.tsv")
    })
    .expect("manifest");
    let r = eval::evaluate(dir, &rows, &Default::default());
    println!(
        "title {}/{} date {}/{} byline {}/{} paragraphs {}/{}",
        r.title, r.total, r.date, r.total, r.byline, r.total, r.paragraphs, r.total
    );
    for m in &r.misses {
        println!(
            "  {} {}: expected {:?}, got {:?}",
            m.file, m.field, m.expected, m.got
        );
    }
}
