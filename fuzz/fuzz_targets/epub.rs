//! EPUB: a valid container whose XML is well-formed and whose content
//! documents hold every body word in order.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((article, _)) = common::article(data) else {
        return;
    };
    let mut epub = Vec::new();
    folio_epub::write(&article, &Default::default(), &mut epub).unwrap();
    folio_check::epub(&article, &epub).unwrap();
});
