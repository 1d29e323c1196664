//! PDF: parses back (lopdf) and its text extracts (pdf-extract) with every
//! word. Bundled fonts only, so a run does not depend on the machine's
//! fonts; a character they lack is the writer's documented error.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((article, _)) = common::article(data) else {
        return;
    };
    let opts = folio_pdf::PdfOptions::default().with_system_fonts(false);
    let mut pdf = Vec::new();
    match folio_pdf::write(&article, &opts, &mut pdf) {
        Ok(()) => folio_check::pdf(&article, &pdf, folio_pdf::text_area(&opts)).unwrap(),
        Err(folio_pdf::Error::MissingGlyphs { .. }) => {}
        Err(e) => panic!("{e}"),
    }
});
