//! The JATS reader on arbitrary text: never panics (errors are fine); what
//! it reads writes back to JATS that reads again.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = folio_jats::read(text) {
        let _ = folio_jats::looks_like_jats(text);
        let mut xml = Vec::new();
        if folio_jats::write(&r.article, &Default::default(), &mut xml).is_ok() {
            folio_jats::read(&String::from_utf8(xml).unwrap()).unwrap();
        }
    }
});
