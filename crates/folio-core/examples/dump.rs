//! Prints the parsed block kinds with line ranges and reasons.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let p =
        folio_core::parse::parse_bytes(&std::fs::read(path).unwrap(), &Default::default()).unwrap();
    for f in &p.trace.fields {
        println!("{:?} {} ({})", f.lines, f.field, f.reason);
    }
    for (b, t) in p.article.body.iter().zip(&p.trace.body) {
        let s: String = b.plain_text().chars().take(60).collect();
        println!(
            "{:?} {:9} {:60} | {}",
            t.lines,
            b.kind_name(),
            s.replace('\n', "⏎"),
            t.reason
        );
    }
    for d in &p.diagnostics {
        println!("{d}");
    }
}
