//! The JATS reader: our own JATS (both flavours) reads back to the model for
//! every fixture, dev and bulk article; outside JATS keeps its text.

use folio_core::{Article, Block, parse};
use folio_jats::{Flavor, JatsOptions, read};
use std::path::{Path, PathBuf};

fn to_jats(a: &Article, flavor: &str) -> String {
    let mut opts = JatsOptions::default().with_flavor(flavor.parse::<Flavor>().unwrap());
    if opts.flavor == Flavor::Publishing {
        opts = opts.with_issn("0317-8471").with_journal_id("folio-test");
    }
    let mut out = Vec::new();
    folio_jats::write(a, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What JATS carries of an article: all of it, with heading levels as
/// section depths (the writer nests sections by level).
fn jats_view(a: &Article) -> Article {
    let mut v = a.clone();
    let mut open: Vec<u8> = Vec::new();
    for b in &mut v.body {
        if let Block::Heading { level, .. } = b {
            while open.last().is_some_and(|l| *l >= *level) {
                open.pop();
            }
            open.push(*level);
            *level = open.len() as u8;
        }
    }
    v
}

fn texts_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn fixtures_dev_and_bulk_read_back_in_both_flavours() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = texts_in(&root.join("fixtures"));
    assert!(!files.is_empty());
    let shared = root.join("../shared/corpus");
    files.extend(texts_in(&shared.join("dev")));
    files.extend(texts_in(&shared.join("bulk")));
    let mut n = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(parsed) = parse::parse_bytes(&bytes, &parse::ParseOptions::default()) else {
            continue;
        };
        let a = parsed.article;
        for flavor in ["archiving", "publishing"] {
            let xml = to_jats(&a, flavor);
            let back = read(&xml).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let want = serde_json::to_string_pretty(&jats_view(&a)).unwrap();
            let got = serde_json::to_string_pretty(&jats_view(&back.article)).unwrap();
            assert_eq!(
                got,
                want,
                "{} ({flavor}) did not read back\n{xml}",
                f.display()
            );
        }
        n += 1;
    }
    eprintln!("{n} articles read back in both flavours");
}

#[test]
fn outside_jats_keeps_its_text() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="research-article" xml:lang="en">
<front><journal-meta><publisher><publisher-name>PLoS</publisher-name></publisher></journal-meta>
<article-meta>
<title-group><article-title>Whales and <italic>ships</italic></article-title><subtitle>A study</subtitle></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Roy</surname><given-names>Ann</given-names></name></contrib>
<contrib contrib-type="author"><string-name>Bo Chen</string-name></contrib></contrib-group>
<pub-date pub-type="epub"><day>3</day><month>1</month><year>2019</year></pub-date>
<permissions><copyright-statement>© 2019 Roy</copyright-statement><copyright-year>2019</copyright-year></permissions>
<self-uri xlink:href="https://example.org/a1"/>
<abstract><p>We counted whales.</p></abstract>
</article-meta></front>
<body>
<sec><title>Introduction</title>
<p>Whales strand&#x00A0;often<xref ref-type="bibr" rid="b1">1</xref>, see <ext-link xlink:href="https://example.org">data</ext-link>.</p>
<sec><title>Methods</title>
<list list-type="order"><list-item><p>Count.</p></list-item><list-item><p>Report.</p></list-item></list>
<disp-quote><p>Quoted words.</p></disp-quote>
<fig id="f1"><label>Figure 1</label><caption><p>A whale.</p></caption><graphic xlink:href="f1.png"/></fig>
<table-wrap><table><tr><td>a</td><td>b</td></tr></table></table-wrap>
<p>Energy <inline-formula><mml:math><mml:mi>E</mml:mi></mml:math></inline-formula> grows.<fn id="n1"><p>A footnote.</p></fn></p>
</sec></sec>
</body>
<back><ref-list><ref id="b1"><mixed-citation>Smith J. Whales. 2001.</mixed-citation></ref></ref-list></back>
</article>"#;
    let r = read(xml).unwrap();
    let a = &r.article;
    assert_eq!(a.title, "Whales and ships");
    assert_eq!(a.subtitle.as_deref(), Some("A study"));
    assert_eq!(a.authors, ["Ann Roy", "Bo Chen"]);
    assert_eq!(a.date.unwrap().to_string(), "2019-01-03");
    assert_eq!(a.standfirst.as_deref(), Some("We counted whales."));
    assert_eq!(a.source_url.as_deref(), Some("https://example.org/a1"));
    assert_eq!(a.language, "en");
    assert_eq!(a.publisher.as_deref(), Some("PLoS"));
    let text: Vec<String> = a.body.iter().map(Block::plain_text).collect();
    let all = text.join("\n");
    for w in [
        "Introduction",
        "Whales strand\u{a0}often1, see data.",
        "Methods",
        "Count.",
        "Quoted words.",
        "Figure 1 A whale.",
        "a | b",
        "Energy E grows.",
        "A footnote.",
        "Smith J. Whales. 2001.",
    ] {
        assert!(all.contains(w), "{w:?} lost in:\n{all}");
    }
    assert!(matches!(a.body[2], Block::Heading { level: 2, .. }));
    let lines: Vec<_> = r.diagnostics.iter().filter_map(|d| d.line).collect();
    assert!(
        lines.contains(&21),
        "table warning names its line: {:?}",
        r.diagnostics
    );
    assert!(
        lines.contains(&22),
        "formula warning names its line: {:?}",
        r.diagnostics
    );
}

#[test]
fn bad_input_is_a_clear_error() {
    let e = read("<article><body><p>x</body></article>").unwrap_err();
    assert!(e.to_string().starts_with("line 1:"), "{e}");
    // Found by the read_jats fuzz target: an error position inside a BOM.
    let crash = "\u{feff}\u{feff}q;&#?6  rkami\u{a9}yk#Upda te0\u{5}9#66x86_646l```66ha";
    assert!(read(crash).is_err());
    let e = read("<html/>").unwrap_err();
    assert!(e.to_string().contains("<html>"), "{e}");
    let deep = format!(
        "<article><body>{}x{}</body></article>",
        "<p>".repeat(100_000),
        "</p>".repeat(100_000)
    );
    let e = read(&deep).unwrap_err();
    assert!(e.to_string().contains("nest more than"), "{e}");
}

#[test]
fn unsafe_links_are_dropped() {
    let xml = r#"<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front><body><p><ext-link xlink:href="javascript:alert(1)">click</ext-link></p></body></article>"#;
    let r = read(xml).unwrap();
    assert_eq!(r.article.body[0], Block::paragraph("click"));
    assert!(r.diagnostics.iter().any(|d| d.message.contains("unsafe")));
}

/// `<italic>` and `<bold>` are emphasis and strong spans, both ways, in both
/// flavours, with links and the other kind of span inside.
#[test]
fn emphasis_and_strong_read_back() {
    use folio_core::Inline;
    let t = |s: &str| Inline::text(s);
    let content = vec![
        t("Plain, "),
        Inline::Emphasis {
            content: vec![
                t("emphasised "),
                Inline::Strong {
                    content: vec![t("and strong")],
                },
            ],
        },
        t(", "),
        Inline::Strong {
            content: vec![Inline::Link {
                text: "a strong link".into(),
                url: "https://example.com/".into(),
            }],
        },
        t("."),
    ];
    let a = Article {
        title: "Spans".into(),
        language: "en".into(),
        body: vec![Block::Paragraph {
            content: content.clone(),
        }],
        ..Default::default()
    };
    for flavor in ["archiving", "publishing"] {
        let xml = to_jats(&a, flavor);
        assert!(
            xml.contains("<italic>emphasised <bold>and strong</bold></italic>"),
            "{xml}"
        );
        let back = read(&xml).unwrap().article;
        assert_eq!(back.body, a.body, "{flavor}:\n{xml}");
    }
}
