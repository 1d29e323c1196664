//! Text preservation across the four document formats (issue #9): every
//! fixture and every dev-corpus article goes through Markdown, JATS (both
//! flavours), EPUB and PDF, and each output is read back with an
//! independent reader (the `folio-check` oracles): Markdown gives back the
//! article's text exactly, the others every word of the body in order.

mod common;

use folio_core::Article;

fn check(a: &Article) -> Vec<String> {
    let mut failures = Vec::new();
    let mut note = |format: &str, r: Result<(), String>| {
        if let Err(e) = r {
            failures.push(format!("{format}: {e}"));
        }
    };
    let mut md = Vec::new();
    folio_markdown::write(a, &Default::default(), &mut md).unwrap();
    note(
        "markdown",
        folio_check::markdown(a, &String::from_utf8(md).unwrap()),
    );
    for flavor in [
        folio_jats::Flavor::Archiving,
        folio_jats::Flavor::Publishing,
    ] {
        let opts = folio_jats::JatsOptions::default()
            .with_flavor(flavor)
            .with_issn("0317-8471")
            .with_journal_id("folio-test");
        let mut xml = Vec::new();
        folio_jats::write(a, &opts, &mut xml).unwrap();
        note(
            "jats",
            folio_check::jats(a, &String::from_utf8(xml).unwrap()),
        );
    }
    let mut epub = Vec::new();
    folio_epub::write(a, &Default::default(), &mut epub).unwrap();
    note("epub", folio_check::epub(a, &epub));
    let opts = folio_pdf::PdfOptions::default();
    let mut pdf = Vec::new();
    match folio_pdf::write(a, &opts, &mut pdf) {
        Ok(()) => note(
            "pdf",
            folio_check::pdf(a, &pdf, folio_pdf::text_area(&opts)),
        ),
        // CJK needs a system font (fonts-noto-cjk); without one the writer
        // refuses with a diagnostic naming the characters.
        Err(e @ folio_pdf::Error::MissingGlyphs { .. }) => eprintln!("pdf skipped: {e}"),
        Err(e) => failures.push(format!("pdf: {e}")),
    }
    failures
}

#[test]
fn every_fixture_and_dev_article_keeps_its_text_in_every_format() {
    let mut inputs = common::fixtures();
    inputs.extend(common::dev_articles());
    let mut failures = Vec::new();
    for path in &inputs {
        let bytes = std::fs::read(path).unwrap();
        let a = folio_core::parse::parse_bytes(&bytes, &Default::default())
            .unwrap()
            .article;
        for f in check(&a) {
            failures.push(format!("{}: {f}", path.display()));
        }
    }
    assert!(inputs.len() >= 15, "only {} inputs", inputs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
