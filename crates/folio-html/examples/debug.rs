//! Development aid: `debug PAGE NEEDLE` prints the best candidates.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    print!(
        "{}",
        folio_html::extract::debug(&bytes, a.get(2).map_or("", |s| s))
    );
}
