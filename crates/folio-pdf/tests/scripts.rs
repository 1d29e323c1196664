//! Scripts and symbols: characters no font covers (a replacement mark and
//! a warning, or an error with `strict_fonts`), emoji from the bundled
//! Noto Emoji face, and what poppler and MuPDF extract from both.

use folio_core::model::{Article, Block};
use folio_pdf::{PdfOptions, write_with_warnings};
use std::process::Command;

fn article(title: &str, body: &[&str]) -> Article {
    Article {
        title: title.into(),
        language: "en".into(),
        body: body.iter().map(|p| Block::paragraph(*p)).collect(),
        ..Default::default()
    }
}

/// The text a command-line extractor gives for `pdf`, when it is installed.
fn extract(pdf: &[u8], tool: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf).unwrap();
    if let Ok(keep) = std::env::var("FOLIO_KEEP_PDF") {
        std::fs::write(format!("{keep}-{tool}.pdf"), pdf).unwrap();
    }
    let txt = dir.path().join("a.txt");
    let status = match tool {
        "pdftotext" => Command::new("pdftotext")
            .arg("-enc")
            .arg("UTF-8")
            .arg(&path)
            .arg(&txt)
            .status(),
        _ => Command::new("mutool")
            .args(["draw", "-q", "-F", "txt", "-o"])
            .arg(&txt)
            .arg(&path)
            .status(),
    };
    match status {
        // MuPDF writes a glyph mapped to several astral characters as
        // UTF-16 surrogates (see the emoji test): read it lossily.
        Ok(s) if s.success() => Some(String::from_utf8_lossy(&std::fs::read(&txt).unwrap()).into()),
        Ok(s) => panic!("{tool} failed: {s}"),
        Err(_) => {
            eprintln!("{tool} not installed: extraction not checked");
            None
        }
    }
}

/// Whitespace removed, so line breaks inside the text do not matter.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_character_no_font_covers_is_a_replacement_mark_and_a_warning() {
    // Tangut and a plane-16 private-use character: no bundled font has
    // them, and system fonts are off.
    let a = article(
        "Missing glyphs",
        &["The Tangut sign \u{17000} and a private \u{10FFFD} sign are drawn."],
    );
    let opts = PdfOptions::default().with_system_fonts(false);
    let mut pdf = Vec::new();
    let missing = write_with_warnings(&a, &opts, &mut pdf).unwrap();
    let chars: Vec<char> = missing.iter().map(|m| m.ch).collect();
    assert_eq!(chars, ['\u{17000}', '\u{10FFFD}']);
    assert_eq!(missing[0].article, "Missing glyphs");
    assert!(
        missing[0].context.contains("Tangut sign \u{17000} and"),
        "{}",
        missing[0].context
    );
    let msg = missing[0].to_string();
    assert!(
        msg.starts_with("no font covers U+17000 '\u{17000}' in article \"Missing glyphs\""),
        "{msg}"
    );
    // Every word comes back, the uncovered characters too (the mark's
    // text is the character).
    folio_check::pdf(&a, &pdf, folio_pdf::text_area(&opts)).unwrap();
    if let Some(text) = extract(&pdf, "pdftotext") {
        assert!(
            squeeze(&text).contains("Tangutsign\u{17000}andaprivate\u{10FFFD}sign"),
            "{text}"
        );
    }
    if let Some(text) = extract(&pdf, "mutool") {
        assert!(squeeze(&text).contains("Tangutsign\u{17000}and"), "{text}");
    }
}

#[test]
fn strict_fonts_keeps_the_error() {
    let a = article("Strict", &["The Tangut sign \u{17000}."]);
    let opts = PdfOptions::default()
        .with_system_fonts(false)
        .with_strict_fonts(true);
    let err = write_with_warnings(&a, &opts, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, folio_pdf::Error::MissingGlyphs { .. }));
    assert!(err.to_string().contains("U+17000"), "{err}");
}

/// Party popper, thumbs up with a skin tone, the French flag, a woman
/// technologist (ZWJ sequence), keycap one, a red heart (U+2764 U+FE0F).
const EMOJI: [&str; 6] = [
    "\u{1F389}",
    "\u{1F44D}\u{1F3FD}",
    "\u{1F1EB}\u{1F1F7}",
    "\u{1F469}\u{200D}\u{1F4BB}",
    "1\u{FE0F}\u{20E3}",
    "\u{2764}\u{FE0F}",
];

#[test]
fn emoji_are_drawn_from_the_bundled_face_and_extract_as_their_code_points() {
    let body = format!(
        "Fans cheered {} and {} as the {} team won; a coder {} ranked {} with {} from all.",
        EMOJI[0], EMOJI[1], EMOJI[2], EMOJI[3], EMOJI[4], EMOJI[5]
    );
    let a = article("Emoji", &[&body]);
    // No system fonts: the bundled face alone.
    let opts = PdfOptions::default().with_system_fonts(false);
    let mut pdf = Vec::new();
    let missing = write_with_warnings(&a, &opts, &mut pdf).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
    assert!(pdf.windows(9).any(|w| w == b"NotoEmoji"), "no emoji face");
    folio_check::pdf(&a, &pdf, folio_pdf::text_area(&opts)).unwrap();
    for tool in ["pdftotext", "mutool"] {
        let Some(text) = extract(&pdf, tool) else {
            continue;
        };
        let text = squeeze(&text);
        for e in EMOJI {
            // MuPDF (1.21) decodes a ToUnicode entry of several astral
            // characters (a skin tone, a flag, a ZWJ sequence: one glyph)
            // unit by unit into lone surrogates; poppler reads them right.
            let astral = e.chars().filter(|&c| c > '\u{FFFF}').count();
            if tool == "mutool" && astral > 1 {
                eprintln!("mutool: {e:?} not checked (MuPDF surrogate decoding)");
                continue;
            }
            // Variation selectors are invisible and some readers drop
            // them; every other code point must come back, in order.
            let want: String = e.chars().filter(|&c| c != '\u{FE0F}').collect();
            let got: String = text.chars().filter(|&c| c != '\u{FE0F}').collect();
            assert!(got.contains(&want), "{tool}: {want:?} not in {text}");
        }
    }
}

#[test]
fn text_without_emoji_does_not_embed_the_emoji_face() {
    let a = article(
        "Plain",
        &["Only words here, and symbols \u{2713} \u{263A}."],
    );
    let mut pdf = Vec::new();
    folio_pdf::write(
        &a,
        &PdfOptions::default().with_system_fonts(false),
        &mut pdf,
    )
    .unwrap();
    assert!(!pdf.windows(9).any(|w| w == b"NotoEmoji"));
}

#[test]
fn a_thai_and_emoji_article_keeps_every_word() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/thai-emoji.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let a = folio_core::parse::parse(&text, &Default::default())
        .unwrap()
        .article;
    let opts = PdfOptions::default();
    let mut pdf = Vec::new();
    let missing = write_with_warnings(&a, &opts, &mut pdf).unwrap();
    if !missing.is_empty() {
        // CI installs fonts-noto-core (Thai); elsewhere Thai may be missing.
        eprintln!("{}", missing[0]);
    }
    folio_check::pdf(&a, &pdf, folio_pdf::text_area(&opts)).unwrap();
    if let Some(t) = extract(&pdf, "pdftotext") {
        let t = squeeze(&t);
        for w in [
            "กรุงเทพมหานครเป็นเมืองหลวง",
            "🎉",
            "👩\u{200D}💻",
            "1\u{FE0F}\u{20E3}",
        ] {
            assert!(t.contains(w), "{w:?} not in {t}");
        }
    }
}
