//! Measures the first-parse cost (lazy regex compilation) against a warm parse.
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).expect("file")).unwrap();
    let opts = folio_core::parse::ParseOptions::default();
    let t = std::time::Instant::now();
    folio_core::parse::parse(&text, &opts).unwrap();
    let first = t.elapsed();
    let t = std::time::Instant::now();
    folio_core::parse::parse(&text, &opts).unwrap();
    eprintln!("first parse {:?}, warm parse {:?}", first, t.elapsed());
}
