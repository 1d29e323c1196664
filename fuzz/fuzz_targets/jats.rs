//! JATS (both flavours, chosen by the option byte) is well-formed XML that
//! holds every body word in order.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((article, knobs)) = common::article(data) else {
        return;
    };
    let mut opts = folio_jats::JatsOptions::default();
    if knobs & 0x10 != 0 {
        opts = folio_jats::JatsOptions::default()
            .with_flavor(folio_jats::Flavor::Publishing)
            .with_issn("0317-8471")
            .with_journal_id("folio-fuzz");
    }
    let mut xml = Vec::new();
    folio_jats::write(&article, &opts, &mut xml).unwrap();
    folio_check::jats(&article, &String::from_utf8(xml).unwrap()).unwrap();
});
