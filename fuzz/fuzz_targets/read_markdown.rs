//! The Markdown reader on arbitrary text: never panics; what it reads
//! writes back to Markdown and reads again without error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = folio_markdown::read(text) {
        let mut md = Vec::new();
        folio_markdown::write(&r.article, &Default::default(), &mut md).unwrap();
        folio_markdown::read(&String::from_utf8(md).unwrap()).unwrap();
    }
});
