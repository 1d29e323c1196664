//! Properties of the PDF file itself: size, determinism, metadata, outline,
//! options and diagnostics.

use folio_core::model::{Article, Block, Inline};
use folio_pdf::{PageSize, PdfOptions};
use std::path::Path;

fn fixture(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    let bytes = std::fs::read(path).unwrap();
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .unwrap()
        .article
}

fn pdf(article: &Article, opts: &PdfOptions) -> Vec<u8> {
    let mut out = Vec::new();
    folio_pdf::write(article, opts, &mut out).unwrap();
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn seed_is_small_because_fonts_are_subset() {
    let a = fixture("seed-pyongyang-times.txt");
    let bytes = pdf(&a, &PdfOptions::default());
    assert!(
        bytes.len() <= 60 * 1024,
        "seed PDF is {} bytes",
        bytes.len()
    );
    // Subset fonts carry a six-letter tag.
    let s = String::from_utf8_lossy(&bytes);
    let tagged = s
        .match_indices("/BaseFont /")
        .filter(|(i, _)| s[i + 11..].chars().nth(6) == Some('+'))
        .count();
    assert!(tagged >= 2, "no subset font names");
}

#[test]
fn two_runs_are_byte_identical_and_options_change_the_id() {
    let a = fixture("wire-dateline-byline-headings.txt");
    let opts = PdfOptions::default();
    let one = pdf(&a, &opts);
    let two = pdf(&a, &opts);
    assert_eq!(one, two);
    let letter = pdf(&a, &PdfOptions::default().with_page_size(PageSize::Letter));
    assert_ne!(one, letter);
    let id = |b: &[u8]| {
        let s = String::from_utf8_lossy(b).to_string();
        let i = s.rfind("/ID").unwrap();
        s[i..i + 80].to_string()
    };
    assert_ne!(id(&one), id(&letter));
}

#[test]
fn source_date_epoch_sets_the_dates() {
    let a = fixture("seed-pyongyang-times.txt");
    let bytes = pdf(
        &a,
        &PdfOptions::default().with_timestamp(Some(1_700_000_000)),
    );
    assert!(contains(&bytes, b"D:20231114221320Z"));
    assert!(contains(&bytes, b"2023-11-14T22:13:20Z"));
    // Without it, the article's own date.
    let bytes = pdf(&a, &PdfOptions::default());
    assert!(contains(&bytes, b"D:20230317000000Z"));
}

#[test]
fn catalog_has_language_outline_and_metadata() {
    let a = fixture("wire-dateline-byline-headings.txt");
    let bytes = pdf(&a, &PdfOptions::default());
    assert!(contains(
        &bytes,
        format!("/Lang ({})", a.language).as_bytes()
    ));
    assert!(contains(&bytes, b"/Outlines"));
    assert!(contains(&bytes, b"/Type /Metadata"));
    assert!(contains(&bytes, b"<dc:language><rdf:Bag><rdf:li>"));
    // One outline item per heading plus the article itself.
    let headings = a
        .body
        .iter()
        .filter(|b| matches!(b, Block::Heading { .. }))
        .count();
    assert!(headings > 0);
    let items = String::from_utf8_lossy(&bytes).matches("/Title (").count()
        + String::from_utf8_lossy(&bytes).matches("/Title <").count();
    // The Info dictionary has a /Title too.
    assert_eq!(items, headings + 2);
}

#[test]
fn links_become_uri_annotations() {
    let a = Article {
        title: "Links".into(),
        language: "en".into(),
        body: vec![Block::Paragraph {
            content: vec![
                Inline::text("Read "),
                Inline::Link {
                    text: "the report".into(),
                    url: "https://example.org/report".into(),
                },
                Inline::text(" today."),
            ],
        }],
        ..Default::default()
    };
    let bytes = pdf(&a, &PdfOptions::default());
    assert!(contains(&bytes, b"/URI (https://example.org/report)"));
    assert!(contains(&bytes, b"/Subtype /Link"));
}

#[test]
fn emphasis_is_italic_and_strong_is_bold() {
    let a = Article {
        title: "Spans".into(),
        language: "en".into(),
        body: vec![Block::Paragraph {
            content: vec![
                Inline::text("Plain "),
                Inline::Emphasis {
                    content: vec![Inline::text("emphasised")],
                },
                Inline::text(" and "),
                Inline::Strong {
                    content: vec![Inline::text("strong")],
                },
                Inline::text(" words."),
            ],
        }],
        ..Default::default()
    };
    let bytes = pdf(&a, &PdfOptions::default());
    // The body face's italic is embedded only for the emphasis; the bold
    // face is also the title's, so compare with the span-free article.
    assert!(contains(&bytes, b"LibertinusSerif-Italic"));
    let mut plain = a.clone();
    plain.body = vec![Block::paragraph("Plain emphasised and strong words.")];
    let without = pdf(&plain, &PdfOptions::default());
    assert!(!contains(&without, b"LibertinusSerif-Italic"));
    let opts = PdfOptions::default();
    folio_check::pdf(&a, &bytes, folio_pdf::text_area(&opts)).unwrap();
}

#[test]
fn page_sizes_set_the_media_box() {
    let a = fixture("seed-pyongyang-times.txt");
    for (size, media) in [
        (PageSize::A4, "595.28 841.89"),
        (PageSize::Letter, "612 792"),
        (PageSize::A5, "419.53 595.28"),
    ] {
        let bytes = pdf(&a, &PdfOptions::default().with_page_size(size));
        assert!(
            contains(&bytes, format!("/MediaBox [0 0 {media}]").as_bytes()),
            "{size:?}"
        );
    }
}

#[test]
fn uncovered_characters_are_an_error_with_strict_fonts() {
    // Private-use characters: no font has them.
    let a = Article {
        title: "Glyphs \u{E000}\u{E001}".into(),
        language: "en".into(),
        body: vec![Block::paragraph("text")],
        ..Default::default()
    };
    // With `strict_fonts` (without it they are drawn as a replacement
    // mark: tests/scripts.rs).
    let err = folio_pdf::write(
        &a,
        &PdfOptions::default()
            .with_system_fonts(false)
            .with_strict_fonts(true),
        &mut Vec::new(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("U+E000") && msg.contains("U+E001"), "{msg}");
    // A library message names the option, not a command-line flag.
    assert!(
        msg.contains("PdfOptions::fonts") && !msg.contains("--font"),
        "{msg}"
    );
}

#[test]
fn bad_options_are_errors() {
    // The range is the type's: an out-of-range size cannot be built.
    assert!(folio_pdf::FontSize::new(200.0).is_err());
    assert!(folio_pdf::FontSize::new(f32::NAN).is_err());
    assert!("b5".parse::<PageSize>().is_err());
    // Options deserialize with kebab-case keys and refuse unknown ones.
    let o: PdfOptions =
        serde_json::from_str(r#"{"page-size": "letter", "font-size": 12, "system-fonts": false}"#)
            .unwrap();
    assert_eq!(o.page_size, PageSize::Letter);
    assert_eq!(o.font_size.map(folio_pdf::FontSize::get), Some(12.0));
    assert!(!o.system_fonts);
    for bad in [
        r#"{"page-size": "b5"}"#,
        r#"{"font-size": 100}"#,
        r#"{"pagesize": "a4"}"#,
    ] {
        assert!(serde_json::from_str::<PdfOptions>(bad).is_err(), "{bad}");
    }
}

#[test]
fn empty_and_odd_articles_do_not_panic() {
    for a in [
        Article::default(),
        Article {
            title: "   ".into(),
            body: vec![
                Block::paragraph(""),
                Block::Code {
                    text: "\n\n".into(),
                },
                Block::List {
                    ordered: true,
                    start: Some(u64::MAX),
                    items: vec![Default::default()],
                },
                Block::paragraph("x".repeat(5000)),
                Block::paragraph("\u{202E}mixed עברית and English\u{202C}"),
            ],
            ..Default::default()
        },
    ] {
        let mut out = Vec::new();
        folio_pdf::write(&a, &PdfOptions::default(), &mut out).unwrap();
        assert!(out.starts_with(b"%PDF-"));
    }
}

#[test]
fn a_given_font_replaces_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mono.ttf");
    std::fs::write(&path, dejavu::sans_mono::regular()).unwrap();
    let a = fixture("seed-pyongyang-times.txt");
    let bytes = pdf(&a, &PdfOptions::default().with_font(path));
    let s = String::from_utf8_lossy(&bytes);
    assert!(s.contains("+DejaVuSansMono"), "the given font is not used");
    assert!(
        !s.contains("+DejaVuSerif") && !s.contains("+LibertinusSerif"),
        "the default font is still used"
    );
    // A file that is not a font is an error naming it.
    let bad = dir.path().join("bad.ttf");
    std::fs::write(&bad, b"not a font").unwrap();
    let err =
        folio_pdf::write(&a, &PdfOptions::default().with_font(bad), &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("bad.ttf"), "{err}");
}

#[test]
fn words_with_digits_and_addresses_are_not_hyphenated() {
    // A narrow page forces many breaks; none may fall inside these words.
    let long = "1Password www.examplewebsite.com/international verylongemail@internationalorganization.org "
        .repeat(6);
    let a = Article {
        title: "Digits".into(),
        language: "en".into(),
        body: vec![Block::paragraph(format!(
            "Internationalization considerations {long}"
        ))],
        ..Default::default()
    };
    let bytes = pdf(&a, &PdfOptions::default().with_page_size(PageSize::A5));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let Ok(out) = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    else {
        eprintln!("pdftotext not installed: skipping");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    for bad in [
        "1Pass-",
        "Pass-\nword",
        "exam-",
        "organi-",
        "interna-\ntional",
    ] {
        assert!(
            !text.contains(bad),
            "hyphenated inside a protected word: {bad}\n{text}"
        );
    }
}

#[test]
fn extreme_font_sizes_still_typeset() {
    let a = fixture("lists-quotes-code.txt");
    for size in [4.0, 72.0] {
        let bytes = pdf(
            &a,
            &PdfOptions::default()
                .with_font_size(folio_pdf::FontSize::new(size).unwrap())
                .with_page_size(PageSize::A5),
        );
        assert!(bytes.starts_with(b"%PDF-"), "{size}");
    }
}

#[test]
fn a_collection_is_one_document_with_an_outline_per_article() {
    let a = fixture("wire-dateline-byline-headings.txt");
    let b = fixture("russian-guillemets.txt");
    let c = folio_core::Collection {
        title: "Two Stories".into(),
        language: "en".into(),
        articles: vec![a.clone(), b.clone()],
        ..Default::default()
    };
    let mut bytes = Vec::new();
    folio_pdf::write_collection(&c, &PdfOptions::default(), &mut bytes).unwrap();
    let mut again = Vec::new();
    folio_pdf::write_collection(&c, &PdfOptions::default(), &mut again).unwrap();
    assert_eq!(bytes, again);
    assert!(contains(&bytes, b"/Title (Two Stories)"));
    // Each article starts a page: at least two pages.
    let s = String::from_utf8_lossy(&bytes);
    let pages = s.matches("/Type /Page").count() - s.matches("/Type /Pages").count();
    assert!(pages >= 2, "{pages} pages");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        let mut expected = folio_check::words(&a.title);
        expected.extend(folio_check::words(&b.title));
        assert!(folio_check::missing_in_order(&expected, &text).is_none());
    }
}
