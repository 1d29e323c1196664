//! Development aid: `debug PAGE NEEDLE` prints the best candidates;
//! `debug PAGE --roles` prints what the reader made of the page.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    if a.get(2).is_some_and(|s| s == "--roles") {
        let r = folio_html::read(&bytes, &folio_html::Options::default()).expect("read page");
        let art = &r.article;
        println!("title: {:?}", art.title);
        println!("date: {:?} ({:?})", art.date, art.date_text);
        println!("authors: {:?} ({:?})", art.authors, art.byline);
        for (role, text) in folio_html::eval::roles(art) {
            println!("[{role}] {text}");
        }
        return;
    }
    print!(
        "{}",
        folio_html::extract::debug(&bytes, a.get(2).map_or("", |s| s))
    );
}
