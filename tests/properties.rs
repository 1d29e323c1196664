//! Property tests: random article-like text, full of markup characters,
//! list markers, dates, addresses, control characters, CJK and RTL text,
//! through the parser and every writer. Properties (checked by the
//! `folio-check` oracles): nothing panics, no word is lost, XML is
//! well-formed, Markdown reads back exactly, EPUB and PDF read back with
//! third-party readers and hold every word. `PROPTEST_CASES` raises the case
//! count for a longer run.

use folio_core::{Article, parse};
use proptest::prelude::*;

/// Pieces that stress the parser and the escapers.
const TOKENS: &[&str] = &[
    "the",
    "council",
    "voted",
    "Bridge",
    "*",
    "_",
    "#",
    "\\",
    "`",
    "<",
    ">",
    "&",
    "[",
    "]",
    "!",
    "|",
    "~",
    "]]>",
    "<![CDATA[",
    "&amp;",
    "&#169;",
    "1.",
    "2)",
    "-",
    "•",
    ">",
    "—",
    "--",
    "(AP)",
    "WASHINGTON",
    "March 17, 2023",
    "[Juche113.6.11.]",
    "2024-06-25",
    "©",
    "All rights reserved.",
    "www.example.com",
    "https://x.org/a_(b)?c=d",
    "a@b.com",
    "By",
    "Jane Doe",
    "Reporting by",
    "Read more:",
    "\u{a0}",
    "\t",
    "\u{7}",
    "\u{1b}",
    "\u{feff}",
    "中文",
    "한국어",
    "العربية",
    "עברית",
    "Привет",
    "«",
    "»",
    "“",
    "”",
    "…",
    "$",
    "%",
    "50%",
    "$5",
    "x86_64",
    "snake_case",
    "2*3*4",
    "\u{200b}",
    "ﬁ",
    "fi",
    "e\u{301}",
    "é",
    // A letter with a mark the font has no precomposed form for: the
    // glyph of "a" then stands for two texts (PDF /ActualText).
    "Stra\u{31f}e",
    "a",
    "🙂",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        2 => "[a-zA-Z]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..14).prop_map(|v| v.join(" "))
}

/// Lines separated by one or two newlines, sometimes three (a footer gap).
fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (line(), prop_oneof!["\n", "\n\n", "\n\n\n", "\r\n\r\n"]),
        1..14,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(l, sep)| format!("{l}{sep}"))
            .collect::<String>()
    })
}

fn parse_ok(text: &str) -> Option<Article> {
    match parse::parse(text, &Default::default()) {
        Ok(p) => Some(p.article),
        Err(folio_core::Error::Empty | folio_core::Error::Blank) => None,
        Err(e) => panic!("unexpected error {e} for {text:?}"),
    }
}

fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn parser_keeps_every_word(text in article_text()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        folio_check::keeps_every_word(&text, &a).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn markdown_reads_back_every_word(text in article_text()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let mut md = Vec::new();
        folio_markdown::write(&a, &Default::default(), &mut md).unwrap();
        // Exact: every character of the model comes back (white space
        // between blocks aside), so lost markup characters are caught too.
        folio_check::markdown(&a, &String::from_utf8(md).unwrap()).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn jats_is_well_formed_and_keeps_every_word(text in article_text(), publishing in any::<bool>()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let mut opts = folio_jats::JatsOptions::default();
        if publishing {
            opts = folio_jats::JatsOptions::default()
            .with_flavor(folio_jats::Flavor::Publishing)
            .with_issn("0317-8471")
            .with_journal_id("folio-test");
        }
        let mut xml = Vec::new();
        folio_jats::write(&a, &opts, &mut xml).unwrap();
        folio_check::jats(&a, &String::from_utf8(xml).unwrap()).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn epub_and_pdf_keep_every_word_of_odd_text(text in article_text()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let mut epub = Vec::new();
        folio_epub::write(&a, &Default::default(), &mut epub).unwrap();
        folio_check::epub(&a, &epub).map_err(TestCaseError::fail)?;
        let mut pdf = Vec::new();
        let opts = folio_pdf::PdfOptions::default().with_system_fonts(false);
        // Characters no bundled font covers are drawn as a replacement
        // mark whose text is still the character: every word comes back.
        folio_pdf::write(&a, &opts, &mut pdf).unwrap();
        folio_check::pdf(&a, &pdf, folio_pdf::text_area(&opts)).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(cases(4))]

    /// The readers people use (pdf.js, MuPDF, poppler) give back every word
    /// of odd text, whole and in order.
    ///
    /// Not in the default run: on random text it still finds open gaps of
    /// issue #16 (poppler drops or reorders words of some lines mixing a
    /// URL, `&#169;` and `x86_64`), so it would fail CI at random. Run it with
    /// `cargo test --test properties -- --ignored pdf_readers`.
    #[test]
    #[ignore = "finds open #16 reader gaps on random text; run with --ignored"]
    fn pdf_readers_read_every_word_of_odd_text(text in article_text()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let opts = folio_pdf::PdfOptions::default().with_system_fonts(false);
        let mut pdf = Vec::new();
        if folio_pdf::write(&a, &opts, &mut pdf).is_ok() {
            let failures =
                folio_check::readers::check_pdf(&a, &pdf, folio_pdf::text_area(&opts));
            // Known gap: a line that mixes right-to-left and left-to-right
            // words (`עברית council`, `العربية (AP)`) is ordered by each
            // reader's own bidi heuristics, and none agrees with the model's
            // logical order in every case (pdf.js orders each text item on
            // its own; MuPDF and poppler order the line visually). Single-
            // direction right-to-left text is held to every word in
            // crates/folio-pdf/tests/extract.rs; mixed lines are left out here.
            let rtl = text.chars().any(folio_core::script::is_rtl);
            let ltr = text
                .chars()
                .any(|c| c.is_alphabetic() && !folio_core::script::is_rtl(c));
            prop_assume!(!(rtl && ltr));
            prop_assert!(failures.is_empty(), "{}", failures.join("\n"));
        }
    }
}

/// The oracles can fail: outputs of one article checked against the same
/// article with one more word (the word the writer "lost") are rejected
/// by each of them, and accepted against the article that was written.
#[test]
fn oracles_catch_a_lost_word() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-pyongyang-times.txt"),
    )
    .unwrap();
    let a = parse_ok(&text).unwrap();
    let mut lost = a.clone();
    lost.body.insert(3, folio_core::Block::paragraph("zebra"));

    let mut md = Vec::new();
    folio_markdown::write(&a, &Default::default(), &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    folio_check::markdown(&a, &md).unwrap();
    assert!(folio_check::markdown(&lost, &md).is_err());

    let mut xml = Vec::new();
    folio_jats::write(&a, &Default::default(), &mut xml).unwrap();
    let xml = String::from_utf8(xml).unwrap();
    folio_check::jats(&a, &xml).unwrap();
    assert!(folio_check::jats(&lost, &xml).is_err());
    assert!(folio_check::jats(&a, &xml.replacen("</p>", "", 1)).is_err());

    let mut epub = Vec::new();
    folio_epub::write(&a, &Default::default(), &mut epub).unwrap();
    folio_check::epub(&a, &epub).unwrap();
    assert!(folio_check::epub(&lost, &epub).is_err());

    let mut pdf = Vec::new();
    let opts = folio_pdf::PdfOptions::default();
    folio_pdf::write(&a, &opts, &mut pdf).unwrap();
    let area = folio_pdf::text_area(&opts);
    folio_check::pdf(&a, &pdf, area).unwrap();
    assert!(folio_check::pdf(&lost, &pdf, area).is_err());
    assert!(folio_check::pdf(&a, &pdf[..pdf.len() / 2], area).is_err());
}
