//! EPUBCheck 5.3 (and DAISY Ace with `ACE=1`) on every fixture, every
//! dev-corpus article and a collection of all dev articles, through
//! `../shared/tools/validate` with `STRICT=1`: a warning fails too.
//!
//! EPUBCheck takes seconds per book, so this runs when `FOLIO_VALIDATE=1`
//! is set (CI sets it); otherwise it prints a notice and checks nothing.

mod common;

use common::{article, dev_corpus, fixtures, stem};
use folio_core::{Article, Block, CaptionKind, Collection, Inline, ListItem, NoteKind};
use folio_epub::{EpubOptions, write, write_collection};
use std::path::Path;
use std::process::Command;

#[test]
fn epubcheck_and_ace_pass_every_book() {
    if std::env::var("FOLIO_VALIDATE").as_deref() != Ok("1") {
        eprintln!("notice: FOLIO_VALIDATE=1 not set; EPUBCheck/Ace validation skipped");
        return;
    }
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/validate");
    assert!(tool.exists(), "{} is missing", tool.display());
    let dir = tempfile_dir();
    let mut files = Vec::new();
    let dev = dev_corpus();
    for (prefix, path) in fixtures()
        .iter()
        .map(|p| ("fixture", p))
        .chain(dev.iter().map(|p| ("dev", p)))
    {
        let out = dir.join(format!("{prefix}-{}.epub", stem(path)));
        let mut bytes = Vec::new();
        write(&article(path), &EpubOptions::default(), &mut bytes).unwrap();
        std::fs::write(&out, bytes).unwrap();
        files.push(out);
    }
    for (name, a, opts) in edge_cases() {
        let out = dir.join(format!("edge-{name}.epub"));
        let mut bytes = Vec::new();
        write(&a, &opts, &mut bytes).unwrap();
        std::fs::write(&out, bytes).unwrap();
        files.push(out);
    }
    if !dev.is_empty() {
        let c = Collection {
            title: "Dev corpus".into(),
            articles: dev.iter().map(|p| article(p)).collect(),
            ..Default::default()
        };
        let out = dir.join("collection-dev.epub");
        let mut bytes = Vec::new();
        write_collection(&c, &EpubOptions::default(), &mut bytes).unwrap();
        std::fs::write(&out, bytes).unwrap();
        files.push(out);
    }
    let output = Command::new(&tool)
        .env("STRICT", "1")
        .args(&files)
        .output()
        .expect("validate runs");
    let report = String::from_utf8_lossy(&output.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&output.stderr));
    let passed = report.lines().filter(|l| l.contains(": PASS (")).count();
    assert!(output.status.success(), "validation failed:\n{report}");
    assert_eq!(passed, files.len(), "not every book passed:\n{report}");
    for line in report.lines() {
        assert!(
            line.contains("0 fatal, 0 errors, 0 warnings"),
            "not clean: {line}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-epub-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// Books the fixtures do not cover: no content at all, an unknown
/// language, every block kind with awkward nesting and links, and user
/// covers.
fn edge_cases() -> Vec<(&'static str, Article, EpubOptions)> {
    let t = |s: &str| vec![Inline::text(s)];
    let everything = Article {
        title: "Every block: <kinds> & \"links\"".into(),
        subtitle: Some("A subtitle".into()),
        kicker: Some("ANALYSIS".into()),
        standfirst: Some("The standfirst.".into()),
        authors: vec!["A. Writer".into(), "B. Writer".into()],
        language: "und".into(),
        source_url: Some("https://example.com/a?b=1&c=2".into()),
        body: vec![
            Block::Heading {
                level: 4,
                content: t("Deep first heading"),
            },
            Block::paragraph("Text."),
            Block::Paragraph {
                content: vec![
                    Inline::text("Some "),
                    Inline::Emphasis {
                        content: vec![
                            Inline::text("emphasis with "),
                            Inline::Strong {
                                content: vec![Inline::Link {
                                    text: "a strong link".into(),
                                    url: "https://example.com/".into(),
                                }],
                            },
                        ],
                    },
                    Inline::Strong { content: vec![] },
                    Inline::text("."),
                ],
            },
            Block::Heading {
                level: 2,
                content: t(""),
            },
            Block::Quote {
                blocks: vec![
                    Block::paragraph("Quoted."),
                    Block::Quote {
                        blocks: vec![Block::paragraph("Nested quote.")],
                    },
                ],
            },
            Block::List {
                ordered: true,
                start: Some(7),
                items: vec![ListItem {
                    content: t("Seven"),
                    children: vec![Block::List {
                        ordered: false,
                        start: None,
                        items: vec![ListItem {
                            content: t("Inner"),
                            children: vec![],
                        }],
                    }],
                }],
            },
            Block::List {
                ordered: false,
                start: None,
                items: vec![],
            },
            Block::Code {
                text: "\nfn main() {\n    println!(\"<&>\");\n}\n".into(),
            },
            Block::Caption {
                kind: CaptionKind::Caption,
                content: t("A caption."),
            },
            Block::Caption {
                kind: CaptionKind::Credit,
                content: t("PHOTO/AGENCY"),
            },
            Block::Note {
                kind: NoteKind::Correction,
                content: t("A correction."),
            },
            Block::Paragraph {
                content: vec![
                    Inline::Link {
                        text: "".into(),
                        url: "https://example.com/empty-text".into(),
                    },
                    Inline::text(" "),
                    Inline::Link {
                        text: "bad".into(),
                        url: "htp:/broken url".into(),
                    },
                    Inline::text(" "),
                    Inline::Link {
                        text: "idn".into(),
                        url: "https://bücher.example/".into(),
                    },
                    Inline::text(" "),
                    Inline::Link {
                        text: "mail".into(),
                        url: "mailto:someone@example.com".into(),
                    },
                ],
            },
        ],
        footer: vec![Block::paragraph("Footer line.")],
        ..Default::default()
    };
    let svg = b"<?xml version='1.0' encoding='UTF-8'?>\n<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10' width='10' height='10'><rect width='10' height='10' fill='#333'/></svg>\n";
    vec![
        ("empty", Article::default(), EpubOptions::default()),
        ("everything", everything.clone(), EpubOptions::default()),
        (
            "png-cover",
            everything.clone(),
            EpubOptions::default()
                .with_cover_image(PNG)
                .with_timestamp(Some(1_700_000_000)),
        ),
        (
            "svg-cover",
            everything,
            EpubOptions::default().with_cover_image(svg),
        ),
    ]
}
