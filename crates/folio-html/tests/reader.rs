//! Behaviour of the saved-page reader: limits, link safety, encodings,
//! boilerplate, and the corpus figures as a regression floor.

use folio_core::{Block, Inline};
use folio_html::{Error, Options, read};
use std::path::Path;

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A headline here | Site</title></head><body><article><h1>A headline here</h1>{body}</article></body></html>"
    )
}

const P1: &str = "<p>The first paragraph of the story has enough words, commas, and length to be article text.</p>";
const P2: &str = "<p>A second paragraph follows, also long enough, with more words, so the scoring picks this article.</p>";

fn links(blocks: &[Block]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Paragraph { content } = b {
            for i in content {
                if let Inline::Link { text, url } = i {
                    out.push((text.clone(), url.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn deep_nesting_is_a_clear_error_not_a_stack_overflow() {
    let deep = format!("{}x{}", "<div>".repeat(200_000), "</div>".repeat(200_000));
    let err = read(page(&deep).as_bytes(), &Options::default()).unwrap_err();
    assert!(matches!(err, Error::TooDeep { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("line 1") && msg.contains("512"), "{msg}");
    // Unclosed inline elements nest too.
    let spans = "<span>".repeat(100_000);
    assert!(read(page(&spans).as_bytes(), &Options::default()).is_err());
}

#[test]
fn nesting_within_the_limit_reads() {
    let ok = format!("{}{P1}{P2}{}", "<div>".repeat(100), "</div>".repeat(100));
    let r = read(page(&ok).as_bytes(), &Options::default()).unwrap();
    assert_eq!(r.article.body.len(), 2);
}

#[test]
fn size_limit() {
    let opts = Options {
        max_bytes: 1000,
        ..Options::default()
    };
    let big = page(&P1.repeat(50));
    let err = read(big.as_bytes(), &opts).unwrap_err();
    assert!(
        err.to_string().contains("over the limit of 1000 bytes"),
        "{err}"
    );
}

#[test]
fn unsafe_links_become_text_with_a_warning() {
    let body = format!(
        "{P1}<p>Click <a href=\"javascript:alert(document.cookie)\">here</a>, or <a href=\" data:text/html,x\">there</a>, or <a href=\"https://example.com/ok\">this</a>, and also see the paragraph.</p>{P2}"
    );
    let r = read(page(&body).as_bytes(), &Options::default()).unwrap();
    let all: String = r.article.body.iter().map(Block::plain_text).collect();
    assert!(all.contains("Click here, or there, or this"), "{all}");
    let l = links(&r.article.body);
    assert_eq!(
        l,
        [("this".to_owned(), "https://example.com/ok".to_owned())]
    );
    let warnings: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("unsafe"))
        .collect();
    assert_eq!(warnings.len(), 2, "{:?}", r.diagnostics);
    let json = serde_json::to_string(&r.article).unwrap();
    assert!(!json.contains("javascript") && !json.contains("data:"));
}

#[test]
fn relative_links_resolve_against_the_canonical_address() {
    let html = format!(
        "<html><head><link rel=canonical href=\"https://news.example/world/2024/story.html\"></head><body><article><h1>A headline here</h1>{P1}<p>See <a href=\"/about\">about</a> and <a href=\"other.html\">other</a>, which are both relative, within this long paragraph.</p></article></body></html>"
    );
    let r = read(html.as_bytes(), &Options::default()).unwrap();
    let l = links(&r.article.body);
    assert_eq!(l[0].1, "https://news.example/about");
    assert_eq!(l[1].1, "https://news.example/world/2024/other.html");
    assert_eq!(
        r.article.source_url.as_deref(),
        Some("https://news.example/world/2024/story.html")
    );
}

#[test]
fn encodings() {
    // ISO-8859-15 declared: 0xA4 is the euro sign.
    let mut bytes = b"<html><head><meta charset=\"iso-8859-15\"></head><body><article><h1>Prix en hausse</h1><p>Le prix passe \xe0 5 \xa4, une hausse forte, tr\xe8s forte, pour tous les clients du pays.</p></article></body></html>".to_vec();
    let r = read(&bytes, &Options::default()).unwrap();
    assert!(r.article.body[0].plain_text().contains("à 5 €"));
    // A UTF-8 BOM wins over a wrong declaration.
    bytes = b"\xEF\xBB\xBF<html><head><meta charset=\"windows-1252\"></head><body><h1>Caf\xC3\xA9 culture</h1><p>Caf\xC3\xA9s, bars, and restaurants are open again, the city said on Monday morning.</p></body></html>".to_vec();
    let r = read(&bytes, &Options::default()).unwrap();
    assert_eq!(r.article.title, "Café culture");
    // Declared legacy, but valid UTF-8: read as UTF-8, with a warning.
    let r = read(&bytes[3..], &Options::default()).unwrap();
    assert_eq!(r.article.title, "Café culture");
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.message.contains("valid UTF-8"))
    );
}

#[test]
fn boilerplate_is_dropped() {
    let body = format!(
        "<div class=\"share-bar\"><a href=\"https://facebook.com/x\">Share on Facebook</a></div>{P1}\
         <aside class=\"newsletter\"><p>Sign up for our newsletter, get it every morning, free of charge.</p><form><input type=email></form></aside>\
         {P2}<ul class=\"related-links\"><li><a href=\"/a\">Other story one</a></li><li><a href=\"/b\">Other story two</a></li></ul>\
         <section id=\"comments\"><p>Great article, I agree with everything, thanks for writing it up.</p></section>\
         <div class=\"ad\">Advertisement</div><div style=\"display: none\">hidden text</div>"
    );
    let r = read(page(&body).as_bytes(), &Options::default()).unwrap();
    let all: String = r.article.body.iter().map(Block::plain_text).collect();
    for gone in [
        "Share on",
        "newsletter",
        "Other story",
        "Great article",
        "Advertisement",
        "hidden text",
    ] {
        assert!(!all.contains(gone), "{gone} should be dropped: {all}");
    }
    assert_eq!(r.article.body.len(), 2);
}

#[test]
fn blocks_from_elements() {
    let body = format!(
        "{P1}<h2>A section</h2><ul><li>One item</li><li>Two <ol><li>nested</li></ol></li></ul>\
         <blockquote><p>A quoted line, from someone.</p></blockquote>\
         <figure><img src=\"x.jpg\" alt=\"\"><figcaption>A caption under the photo</figcaption></figure>\
         <pre><code>let x = 1;\nlet y = 2;</code></pre>{P2}"
    );
    let r = read(page(&body).as_bytes(), &Options::default()).unwrap();
    let kinds: Vec<&str> = r.article.body.iter().map(Block::kind_name).collect();
    assert_eq!(
        kinds,
        [
            "paragraph",
            "heading",
            "list",
            "quote",
            "caption",
            "code",
            "paragraph"
        ]
    );
    match &r.article.body[2] {
        Block::List { items, .. } => {
            assert_eq!(items.len(), 2);
            assert!(matches!(
                items[1].children[0],
                Block::List { ordered: true, .. }
            ));
        }
        b => panic!("{b:?}"),
    }
    assert_eq!(r.article.body[5].plain_text(), "let x = 1;\nlet y = 2;");
}

#[test]
fn emphasis_and_strong_become_spans() {
    let body = format!(
        "{P1}<p>Some <em>emphasised</em> words, a <b>bold <i>and italic</i></b> run,\n           <strong> spaced </strong>text and a<i> b</i>c <em><a href=\"https://example.com/x\">link</a></em>.</p>{P2}"
    );
    let r = read(page(&body).as_bytes(), &Options::default()).unwrap();
    let t = |s: &str| Inline::text(s);
    assert_eq!(
        r.article.body[1],
        Block::Paragraph {
            content: vec![
                t("Some "),
                Inline::Emphasis {
                    content: vec![t("emphasised")]
                },
                t(" words, a "),
                Inline::Strong {
                    content: vec![
                        t("bold "),
                        Inline::Emphasis {
                            content: vec![t("and italic")]
                        }
                    ]
                },
                t(" run, "),
                Inline::Strong {
                    content: vec![t("spaced")]
                },
                t(" text and a "),
                Inline::Emphasis {
                    content: vec![t("b")]
                },
                t("c "),
                Inline::Emphasis {
                    content: vec![Inline::Link {
                        text: "link".into(),
                        url: "https://example.com/x".into()
                    }]
                },
                t("."),
            ]
        }
    );
}

#[test]
fn metadata_from_json_ld() {
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"NewsArticle\",\"headline\":\"A headline here\",\"datePublished\":\"2021-06-01T08:00:00Z\",\"author\":[{{\"@type\":\"Person\",\"name\":\"Ann Lee\"}}],\"inLanguage\":\"fr\"}}]}}</script></head><body><h1>A headline here</h1>{P1}{P2}</body></html>"
    );
    let r = read(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(r.article.title, "A headline here");
    assert_eq!(r.article.date.unwrap().to_string(), "2021-06-01");
    assert_eq!(r.article.language, "fr");
}

#[test]
fn empty_page_is_an_error() {
    let err = read(b"<html><body></body></html>", &Options::default()).unwrap_err();
    assert!(matches!(err, Error::Empty));
}

/// The corpus figures as a floor (a regression check, not a target): the
/// tune half is what the reader was developed on. Skipped when the corpus is
/// not there.
#[test]
fn corpus_figures_do_not_regress() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/wide");
    if !corpus.join("EXPECTED.jsonl").exists() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let (tune, check, _) = folio_html::eval::measure(&corpus).unwrap();
    eprint!("{}", folio_html::eval::table(&tune, &check));
    assert_eq!(tune.errors + check.errors, 0);
    assert!(tune.f1() >= 0.965, "tune F1 {}", tune.f1());
    assert!(tune.title_pct() >= 97.0, "tune title {}", tune.title_pct());
    assert!(tune.date_pct() >= 69.0, "tune date {}", tune.date_pct());
    assert!(
        tune.byline_pct() >= 68.0,
        "tune byline {}",
        tune.byline_pct()
    );
    assert!(
        tune.dated_pct() >= 92.0,
        "tune labelled dates {}",
        tune.dated_pct()
    );
    assert!(
        tune.named_pct() >= 85.0,
        "tune labelled names {}",
        tune.named_pct()
    );
}
