//! Property tests: random article-like text, full of markup characters,
//! list markers, dates, addresses, control characters, CJK and RTL text,
//! through the parser and every writer. Properties: nothing panics, no
//! word is lost, XML is well-formed, Markdown reads back exactly, the
//! binary formats have their framing. `PROPTEST_CASES` raises the case
//! count for a longer run.

use folio_core::textcheck::{missing_in_order, words};
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
    "e\u{301}",
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
        let clean = folio_core::normalize::normalize(&text).0;
        let mut want = words(&clean);
        let mut got = words(&a.all_text().join("\n"));
        // List markers (1. 2)) become structure.
        want.retain(|w| !w.chars().all(|c| c.is_ascii_digit()));
        got.retain(|w| !w.chars().all(|c| c.is_ascii_digit()));
        want.sort();
        got.sort();
        let mut j = 0;
        for w in &want {
            while j < got.len() && got[j] < *w { j += 1; }
            prop_assert!(j < got.len() && got[j] == *w, "lost {w:?} from {text:?}");
            j += 1;
        }
    }

    #[test]
    fn markdown_reads_back_every_word(text in article_text()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let mut md = Vec::new();
        folio_markdown::write(&a, &Default::default(), &mut md).unwrap();
        let md = String::from_utf8(md).unwrap();
        let body = md.split_once("\n---\n").map_or(md.as_str(), |(_, b)| b);
        let mut rendered = String::new();
        for ev in pulldown_cmark::Parser::new(body) {
            match ev {
                pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => {
                    rendered.push_str(&t);
                    rendered.push(' ');
                }
                pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                    prop_assert!(h.starts_with("<!-- markdownlint-"), "raw HTML {h:?}");
                }
                _ => rendered.push(' '),
            }
        }
        // Exact: every character of the model comes back (white space
        // between blocks aside), so lost markup characters are caught too.
        let mut expected = String::new();
        if let Some(s) = &a.standfirst { expected.push_str(s); }
        for b in a.body.iter().chain(&a.footer) { expected.push_str(&b.plain_text()); }
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squeeze(&rendered), squeeze(&expected), "markdown:\n{}", md);
    }

    #[test]
    fn jats_is_well_formed_and_keeps_every_word(text in article_text(), publishing in any::<bool>()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let mut opts = folio_jats::JatsOptions::default();
        if publishing { opts.flavor = folio_jats::Flavor::Publishing; }
        let mut xml = Vec::new();
        folio_jats::write(&a, &opts, &mut xml).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        let text = xml_text(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        let mut expected = Vec::new();
        for b in &a.body { expected.extend(words(&b.plain_text())); }
        prop_assert_eq!(missing_in_order(&expected, &text), None);
    }
}

proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn epub_and_pdf_never_fail_on_odd_text(text in article_text()) {
        let Some(a) = parse_ok(&text) else { return Ok(()) };
        let mut epub = Vec::new();
        folio_epub::write(&a, &Default::default(), &mut epub).unwrap();
        prop_assert!(epub.starts_with(b"PK\x03\x04"));
        prop_assert_eq!(&epub[30..38], b"mimetype");
        let mut pdf = Vec::new();
        let opts = folio_pdf::PdfOptions { no_system_fonts: true, ..Default::default() };
        // Characters no bundled font covers are an error by design (never
        // tofu); anything else must succeed.
        match folio_pdf::write(&a, &opts, &mut pdf) {
            Ok(()) => {
                prop_assert!(pdf.starts_with(b"%PDF-"));
                prop_assert!(pdf.windows(5).rev().take(64).any(|w| w == b"%%EOF"));
            }
            Err(e) => prop_assert!(e.to_string().to_lowercase().contains("font"), "{e}"),
        }
    }
}

/// All text nodes of an XML document, failing on any well-formedness error.
fn xml_text(xml: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut depth = 0i64;
    loop {
        match r
            .read_event()
            .map_err(|e| format!("at {}: {e}", r.buffer_position()))?
        {
            Event::Eof => break,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                out.push_str(&t.xml10_content());
                out.push(' ');
            }
            Event::CData(t) => out.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content().into_owned();
                let ch = match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => r
                        .resolve_char_ref()
                        .map_err(|e| e.to_string())?
                        .ok_or(format!("unknown entity {other}"))?,
                };
                out.push(ch);
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("unbalanced elements".into());
    }
    Ok(out)
}
