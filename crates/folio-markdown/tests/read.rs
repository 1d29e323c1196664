//! The Markdown reader: our own Markdown reads back to the model (for every
//! fixture, dev and bulk article, and for random articles), and what the
//! model cannot hold is kept as text with a warning.

use folio_core::{Article, Block, CaptionKind, Inline, ListItem, NoteKind, parse};
use folio_markdown::{MarkdownOptions, read, write};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn to_md(a: &Article) -> String {
    let mut out = Vec::new();
    write(a, &MarkdownOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What Markdown can carry of an arbitrary article (the property test's
/// random ones; Folio's own articles read back whole, see [`round_trip`]):
/// two lists of one kind in a row are one list in CommonMark, empty
/// captions and notes write nothing, and spaces at a span's edges stand
/// outside it.
fn markdown_view(a: &Article) -> Article {
    fn blocks(bs: &[Block]) -> Vec<Block> {
        let mut merged: Vec<Block> = Vec::new();
        for b in bs {
            if let (
                Some(Block::List {
                    ordered: o1,
                    items: i1,
                    ..
                }),
                Block::List {
                    ordered: o2,
                    start: None,
                    items: i2,
                },
            ) = (merged.last_mut(), b)
                && o1 == o2
            {
                i1.extend(i2.iter().cloned());
                continue;
            }
            merged.push(b.clone());
        }
        merged
            .iter()
            .filter_map(|b| {
                Some(match b {
                    Block::Caption { content, .. } | Block::Note { content, .. }
                        if folio_core::plain_text(content).is_empty() =>
                    {
                        return None;
                    }
                    Block::Quote { blocks: inner } => Block::Quote {
                        blocks: blocks(inner),
                    },
                    Block::List {
                        ordered,
                        start,
                        items,
                    } => Block::List {
                        ordered: *ordered,
                        start: *start,
                        items: items
                            .iter()
                            .map(|it| ListItem {
                                content: it.content.clone(),
                                children: blocks(&it.children),
                            })
                            .collect(),
                    },
                    b => b.clone(),
                })
            })
            .collect()
    }
    let mut v = a.clone();
    v.body = blocks(&a.body);
    hoist_blocks(&mut v.body);
    v.footer = blocks(&a.footer);
    hoist_blocks(&mut v.footer);
    v
}

/// Spaces at a span's edges stand outside it in Markdown (`*a* b`, not
/// `*a *b`): hoist them, drop empty spans and merge adjacent texts.
fn hoist(content: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let push = |out: &mut Vec<Inline>, i: Inline| match (out.last_mut(), i) {
        (_, Inline::Text { text }) if text.is_empty() => {}
        (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
        (_, i) => out.push(i),
    };
    for i in content {
        let (strong, inner) = match i {
            Inline::Emphasis { content } => (false, content),
            Inline::Strong { content } => (true, content),
            other => {
                push(&mut out, other);
                continue;
            }
        };
        let mut inner = hoist(inner);
        let mut lead = String::new();
        let mut trail = String::new();
        if let Some(Inline::Text { text }) = inner.first_mut() {
            let t = text.trim_start_matches(' ');
            lead = text[..text.len() - t.len()].to_owned();
            *text = t.to_owned();
        }
        if let Some(Inline::Text { text }) = inner.last_mut() {
            let t = text.trim_end_matches(' ');
            trail = text[t.len()..].to_owned();
            *text = t.to_owned();
        }
        inner.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
        push(&mut out, Inline::text(lead));
        if !inner.is_empty() {
            push(
                &mut out,
                if strong {
                    Inline::Strong { content: inner }
                } else {
                    Inline::Emphasis { content: inner }
                },
            );
        }
        push(&mut out, Inline::text(trail));
    }
    out
}

fn hoist_blocks(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => *content = hoist(std::mem::take(content)),
            Block::Quote { blocks } => hoist_blocks(blocks),
            Block::List { items, .. } => {
                for it in items {
                    it.content = hoist(std::mem::take(&mut it.content));
                    hoist_blocks(&mut it.children);
                }
            }
            _ => {}
        }
    }
}

/// Folio's own Markdown reads back to the same article: the JSON is equal.
fn round_trip(a: &Article, name: &str) {
    let md = to_md(a);
    let back = read(&md).unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = serde_json::to_string_pretty(a).unwrap();
    let got = serde_json::to_string_pretty(&back.article).unwrap();
    assert_eq!(got, want, "{name}: Markdown did not read back\n{md}");
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
fn fixtures_dev_and_bulk_read_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = texts_in(&root.join("fixtures"));
    let shared = root.join("../shared/corpus");
    files.extend(texts_in(&shared.join("dev")));
    files.extend(texts_in(&shared.join("bulk")));
    assert!(!texts_in(&root.join("fixtures")).is_empty(), "no fixtures");
    let mut n = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(parsed) = parse::parse_bytes(&bytes, &parse::ParseOptions::default()) else {
            continue;
        };
        round_trip(&parsed.article, &f.display().to_string());
        n += 1;
    }
    eprintln!("{n} articles read back");
}

#[test]
fn front_matter_common_keys() {
    let md = "---\ntitle: 'It''s here'\nsubtitle: A sub\nauthors: [Ann Lee, Bo Chen]\ndate: 2023-05-01\nlang: fr\ndescription: >\n  A short\n  summary.\nunknown: x\n---\n\nText.\n";
    let r = read(md).unwrap();
    let a = r.article;
    assert_eq!(a.title, "It's here");
    assert_eq!(a.subtitle.as_deref(), Some("A sub"));
    assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
    assert_eq!(a.date.unwrap().to_string(), "2023-05-01");
    assert_eq!(a.language, "fr");
    assert_eq!(a.standfirst.as_deref(), Some("A short summary."));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.line == Some(10) && d.message.contains("unknown"))
    );
    let err = read("---\ntitle: x\ndate: yesterday\n---\n\nText.\n").unwrap_err();
    assert!(err.to_string().starts_with("line 3:"), "{err}");
}

#[test]
fn plain_markdown_without_front_matter() {
    let md = "# A title\n\nSome *emphasis* and **strong** text, a <https://example.com> autolink.\n\n## Section\n\n1. one\n2. two\n   - nested\n\n> quoted\n\n```rust\nfn main() {}\n```\n\n![A photo of the bridge](bridge.jpg)\n";
    let r = read(md).unwrap();
    let a = r.article;
    assert_eq!(a.title, "A title");
    assert_eq!(
        a.body[0],
        Block::Paragraph {
            content: vec![
                Inline::text("Some "),
                Inline::Emphasis {
                    content: vec![Inline::text("emphasis")]
                },
                Inline::text(" and "),
                Inline::Strong {
                    content: vec![Inline::text("strong")]
                },
                Inline::text(" text, a "),
                Inline::Link {
                    text: "https://example.com".into(),
                    url: "https://example.com".into()
                },
                Inline::text(" autolink."),
            ]
        }
    );
    assert!(matches!(a.body[1], Block::Heading { level: 1, .. }));
    match &a.body[2] {
        Block::List {
            ordered: true,
            items,
            ..
        } => {
            assert_eq!(items.len(), 2);
            assert!(matches!(
                items[1].children[0],
                Block::List { ordered: false, .. }
            ));
        }
        b => panic!("{b:?}"),
    }
    assert!(matches!(a.body[3], Block::Quote { .. }));
    assert_eq!(
        a.body[4],
        Block::Code {
            text: "fn main() {}".into()
        }
    );
    assert_eq!(
        a.body[5],
        Block::Caption {
            kind: CaptionKind::Caption,
            content: vec![Inline::text("A photo of the bridge")]
        }
    );
}

#[test]
fn what_the_model_cannot_hold_is_kept_with_a_warning() {
    let md = "# T\n\nIntro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div class=\"x\">raw html</div>\n\nA note[^1].\n\n[^1]: The footnote text.\n";
    let r = read(md).unwrap();
    let all: Vec<String> = r.article.body.iter().map(Block::plain_text).collect();
    let joined = all.join("\n");
    for kept in [
        "a | b",
        "1 | 2",
        "raw html",
        "A note[^1].",
        "The footnote text.",
    ] {
        assert!(joined.contains(kept), "{kept} lost: {joined}");
    }
    let lines: Vec<Option<usize>> = r.diagnostics.iter().map(|d| d.line).collect();
    assert!(
        lines.contains(&Some(5)),
        "table warning line: {:?}",
        r.diagnostics
    );
    assert!(
        lines.contains(&Some(9)),
        "html warning line: {:?}",
        r.diagnostics
    );
    assert!(
        lines.contains(&Some(13)),
        "footnote warning line: {:?}",
        r.diagnostics
    );
}

#[test]
fn unsafe_links_are_dropped_text_kept() {
    let md = "# T\n\n[click](javascript:alert(1)) and [ok](https://example.com) and <data:text/html,x>.\n";
    let r = read(md).unwrap();
    let json = serde_json::to_string(&r.article).unwrap();
    assert!(!json.contains("javascript"), "{json}");
    assert!(r.article.body[0].plain_text().starts_with("click and ok"));
    assert!(r.diagnostics.iter().any(|d| d.message.contains("unsafe")));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let md = format!("# T\n\n{}deep\n", "> ".repeat(100_000));
    let err = read(&md).unwrap_err();
    assert!(err.to_string().starts_with("line 3:"), "{err}");
}

// Random articles through the writer and back.

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}",
        Just("*".to_owned()),
        Just("_".to_owned()),
        Just("#".to_owned()),
        Just("`".to_owned()),
        Just("<b>".to_owned()),
        Just("&amp;".to_owned()),
        Just("[x]".to_owned()),
        Just("1.".to_owned()),
        Just("- ".to_owned()),
        Just("> ".to_owned()),
        Just("\\".to_owned()),
        Just("|".to_owned()),
        Just("---".to_owned()),
        Just("日本語".to_owned()),
        Just("مرحبا".to_owned()),
        Just("[^1]".to_owned()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..8).prop_map(|w| w.join(" "))
}

fn link() -> impl Strategy<Value = Inline> {
    (text(), "[a-z]{1,6}").prop_map(|(t, p)| Inline::Link {
        text: t,
        url: format!("https://example.com/{p}"),
    })
}

/// An emphasis or strong span, perhaps holding a link or the other kind of
/// span.
fn span() -> impl Strategy<Value = Inline> {
    let inner = prop_oneof![
        3 => text().prop_map(|t| vec![Inline::text(t)]),
        1 => (text(), link()).prop_map(|(t, l)| vec![Inline::text(t + " "), l]),
        1 => (text(), text()).prop_map(|(a, b)| vec![
            Inline::text(a + " "),
            Inline::Emphasis { content: vec![Inline::text(b)] },
        ]),
    ];
    (any::<bool>(), inner).prop_map(|(strong, content)| {
        // Emphasis inside emphasis reads back as one span; keep them apart.
        let content = if strong {
            content
        } else {
            vec![Inline::text(folio_core::plain_text(&content))]
        };
        if strong {
            Inline::Strong { content }
        } else {
            Inline::Emphasis { content }
        }
    })
}

fn inlines() -> impl Strategy<Value = Vec<Inline>> {
    prop::collection::vec(
        prop_oneof![
            4 => text().prop_map(Inline::text),
            1 => link(),
            1 => span(),
        ],
        1..4,
    )
    .prop_map(|v| {
        // Adjacent texts would be merged by any reader: join them, with a
        // space, as a writer sees them. Spans stand apart from their
        // neighbours by a space (the unit tests cover intraword emphasis).
        let mut out: Vec<Inline> = Vec::new();
        for i in v {
            let is_span = matches!(i, Inline::Emphasis { .. } | Inline::Strong { .. });
            let after_span = matches!(
                out.last(),
                Some(Inline::Emphasis { .. } | Inline::Strong { .. })
            );
            if (is_span || after_span) && !out.is_empty() {
                match out.last_mut() {
                    Some(Inline::Text { text }) => text.push(' '),
                    _ => out.push(Inline::text(" ")),
                }
            }
            match (out.last_mut(), i) {
                (Some(Inline::Text { text: a }), Inline::Text { text: b }) => {
                    if !a.ends_with(' ') {
                        a.push(' ');
                    }
                    a.push_str(&b);
                }
                (_, i) => out.push(i),
            }
        }
        out
    })
}

fn block() -> impl Strategy<Value = Block> {
    let leaf = prop_oneof![
        4 => inlines().prop_map(|content| Block::Paragraph { content }),
        1 => (1u8..4, inlines()).prop_map(|(level, content)| Block::Heading { level, content }),
        1 => prop::collection::vec("[a-z {}();=*_<>`#-]{1,20}", 1..4)
            .prop_map(|l| Block::Code { text: l.join("\n") }),
        1 => inlines().prop_map(|content| Block::Caption { kind: CaptionKind::Caption, content }),
        1 => inlines().prop_map(|content| Block::Note { kind: NoteKind::Other, content }),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(|blocks| Block::Quote { blocks }),
            (
                any::<bool>(),
                prop::collection::vec((inlines(), prop::collection::vec(inner, 0..2)), 1..4)
            )
                .prop_map(|(ordered, items)| Block::List {
                    ordered,
                    start: None,
                    items: items
                        .into_iter()
                        // Only sub-lists below an item's text: the writer puts other
                        // children right under the text, where CommonMark reads
                        // them as a lazy continuation of it (a writer limit).
                        .map(|(content, children)| ListItem {
                            content,
                            children: children
                                .into_iter()
                                .filter(|b| matches!(b, Block::List { .. }))
                                .collect()
                        })
                        .collect(),
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn random_articles_read_back(title in text(), body in prop::collection::vec(block(), 1..6)) {
        let a = Article { title, language: "en".into(), body, ..Default::default() };
        let md = to_md(&a);
        let back = read(&md).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let want = serde_json::to_string_pretty(&markdown_view(&a)).unwrap();
        let got = serde_json::to_string_pretty(&markdown_view(&back.article)).unwrap();
        prop_assert_eq!(got, want, "\n{}", md);
    }

    #[test]
    fn reader_never_panics(s in "(\\PC|\n|[>#*_`\\[\\]()!<-]){0,300}") {
        let _ = read(&s);
    }
}

/// Emphasis where CommonMark's flanking rules make markers hard to place:
/// the text always comes back; the span does wherever Markdown can say it.
#[test]
fn emphasis_at_awkward_places_keeps_its_text() {
    let em = |t: &str| Inline::Emphasis {
        content: vec![Inline::text(t)],
    };
    let strong = |c: Vec<Inline>| Inline::Strong { content: c };
    let cases: Vec<(Vec<Inline>, bool)> = vec![
        // Intraword emphasis works with `*`.
        (
            vec![Inline::text("un"), em("believ"), Inline::text("able")],
            true,
        ),
        // Punctuation inside, letters outside: `a*"b"*c` is not emphasis.
        (
            vec![Inline::text("a"), em("\"b\""), Inline::text("c")],
            false,
        ),
        // Two spans back to back would merge their delimiter runs.
        (vec![em("one"), strong(vec![Inline::text("two")])], false),
        // Edge spaces go outside the markers.
        (
            vec![Inline::text("x"), em(" spaced "), Inline::text("y")],
            true,
        ),
        // Strong holding emphasis at its start and at its end.
        (
            vec![strong(vec![em("a"), Inline::text(" b "), em("c")])],
            true,
        ),
        // Markdown characters inside a span.
        (vec![Inline::text("see "), em("*stars* and _lines_")], true),
        (vec![em("# not a heading")], true),
    ];
    for (content, keeps_span) in cases {
        let a = Article {
            title: "T".into(),
            language: "en".into(),
            body: vec![Block::Paragraph {
                content: content.clone(),
            }],
            ..Default::default()
        };
        let md = to_md(&a);
        let back = read(&md).unwrap().article;
        assert_eq!(
            back.body[0].plain_text().replace("  ", " "),
            folio_core::plain_text(&content).replace("  ", " "),
            "text changed:\n{md}"
        );
        let Block::Paragraph { content: got } = &back.body[0] else {
            panic!("{md}")
        };
        if keeps_span {
            assert_eq!(got, &hoist(content.clone()), "span lost:\n{md}");
        }
    }
}

/// Roles CommonMark has no syntax for come back from Folio's invisible
/// marks: caption and note kinds, heading levels that skip (and headings
/// inside quotes), the footer, the dateline and the copyright details.
#[test]
fn role_marks_bring_back_what_commonmark_cannot_say() {
    use folio_core::{Copyright, Dateline};
    let a = Article {
        title: "Marks".into(),
        language: "en".into(),
        dateline: Some(Dateline {
            text: "PARIS (AFP) —".into(),
            place: Some("PARIS".into()),
            agency: Some("AFP".into()),
        }),
        copyright: Some(Copyright {
            statement: "© Example 1999–2024".into(),
            year: Some(2024),
            holder: Some("Example".into()),
        }),
        publisher: Some("Example".into()),
        body: vec![
            Block::paragraph("PARIS (AFP) — It began."),
            Block::Caption {
                kind: CaptionKind::Credit,
                content: vec![Inline::text("JANE ROE/AFP")],
            },
            Block::Heading {
                level: 3,
                content: vec![Inline::text("Deep")],
            },
            Block::Quote {
                blocks: vec![
                    Block::Heading {
                        level: 1,
                        content: vec![Inline::text("Quoted heading")],
                    },
                    Block::Note {
                        kind: NoteKind::Correction,
                        content: vec![Inline::text("Correction: inside a quote.")],
                    },
                ],
            },
            Block::Note {
                kind: NoteKind::Related,
                content: vec![Inline::text("Read more: elsewhere")],
            },
        ],
        footer: vec![
            Block::Note {
                kind: NoteKind::Other,
                content: vec![Inline::text("© Example 1999–2024")],
            },
            Block::paragraph(
                "A second footer line that is long enough to not look like a footer line at all, really, when a reader guesses by length alone and not by the mark that Folio writes.",
            ),
        ],
        ..Default::default()
    };
    round_trip(&a, "marks");
    // The marks are invisible: a CommonMark renderer shows none of them.
    let md = to_md(&a);
    let shown: String = pulldown_cmark::Parser::new(&md)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t)
            | pulldown_cmark::Event::Html(t)
            | pulldown_cmark::Event::InlineHtml(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(!shown.contains("folio:"), "{shown}");
    assert!(shown.contains("JANE ROE/AFP"), "{shown}");
}

/// A mark the reader does not know, or a mark away from any block, changes
/// nothing: the block stays a paragraph and no text is lost.
#[test]
fn unknown_or_stray_marks_are_harmless() {
    let md = "---\ntitle: T\n---\n\n[//]: # \"folio:bogus 7\"\n\nPlain text.\n\n[//]: # \"folio:note nosuchkind\"\n\nStill plain.\n\n[//]: # \"folio:heading 9\"\n\nNot a heading.\n\n[//]: # \"folio:caption\"\n";
    let a = read(md).unwrap().article;
    let texts: Vec<String> = a.body.iter().map(Block::plain_text).collect();
    assert_eq!(texts, ["Plain text.", "Still plain.", "Not a heading."]);
    assert!(a.body.iter().all(|b| matches!(b, Block::Paragraph { .. })));
}
