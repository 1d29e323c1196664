//! Markdown reads back through a CommonMark parser (pulldown-cmark) to
//! exactly the article's text.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((article, _)) = common::article(data) else {
        return;
    };
    let mut md = Vec::new();
    folio_markdown::write(&article, &Default::default(), &mut md).unwrap();
    folio_check::markdown(&article, &String::from_utf8(md).unwrap()).unwrap();
});
