//! Every Markdown output, parsed back with a CommonMark parser
//! (pulldown-cmark), gives exactly the model's text, block by block.

use folio_core::model::{Article, Block, Inline, ListItem, plain_text};
use folio_markdown::{MarkdownOptions, write};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The text of each leaf block of the rendered Markdown, in order.
fn rendered_blocks(md: &str) -> Vec<String> {
    // Skip the front matter.
    let body = md
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n").map(|(_, b)| b))
        .unwrap_or(md);
    // Items nest, so open leaf blocks form a stack; a finished block is
    // recorded in document order of its start.
    let mut out: Vec<Option<String>> = Vec::new();
    let mut stack: Vec<(usize, bool)> = Vec::new(); // (slot, is_item_with_paragraph)
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Paragraph) if stack.last().is_some_and(|(_, item)| *item) => {
                // A loose item's paragraph: text goes to the item.
                stack.push((stack.last().unwrap().0, false));
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                out.push(Some(String::new()));
                stack.push((out.len() - 1, false));
            }
            Event::Start(Tag::Item) => {
                out.push(Some(String::new()));
                stack.push((out.len() - 1, true));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item,
            ) => {
                stack.pop();
            }
            Event::Start(Tag::List(_)) => {
                // Text after a nested list no longer belongs to the item.
                if let Some(top) = stack.last_mut() {
                    top.1 = false;
                }
                stack.push((usize::MAX, false));
            }
            Event::End(TagEnd::List(_)) => {
                stack.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(&(slot, _)) = stack.last() {
                    if let Some(Some(s)) = out.get_mut(slot) {
                        s.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(&(slot, _)) = stack.last() {
                    if let Some(Some(s)) = out.get_mut(slot) {
                        s.push('\n');
                    }
                }
            }
            Event::Html(h) if h.starts_with("<!-- markdownlint-") => {}
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in output: {h:?}\n{md}"),
            _ => {}
        }
    }
    let out: Vec<String> = out.into_iter().flatten().collect();
    out
}

fn model_blocks(a: &Article) -> Vec<String> {
    fn walk(b: &Block, out: &mut Vec<String>) {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => out.push(plain_text(content)),
            Block::Code { text } => out.push(format!("{text}\n")),
            Block::Quote { blocks } => blocks.iter().for_each(|b| walk(b, out)),
            Block::List { items, .. } => {
                for ListItem { content, children } in items {
                    out.push(plain_text(content));
                    children.iter().for_each(|b| walk(b, out));
                }
            }
        }
    }
    let mut out = Vec::new();
    if let Some(s) = &a.standfirst {
        out.push(s.clone());
    }
    a.body.iter().for_each(|b| walk(b, &mut out));
    a.footer.iter().for_each(|b| walk(b, &mut out));
    out
}

fn check(a: &Article) {
    let mut buf = Vec::new();
    write(a, &MarkdownOptions::default(), &mut buf).unwrap();
    let md = String::from_utf8(buf).unwrap();
    let got = rendered_blocks(&md);
    let want = model_blocks(a);
    assert_eq!(got, want, "round trip differs; markdown was:\n{md}");
}

const ADVERSARIAL: &[&str] = &[
    "* _ # \\ ` < > & [ ] ! |",
    "1. not a list",
    "1) not a list either",
    "123456789. still not",
    "- not a bullet",
    "+ not a bullet",
    "* not a bullet",
    "> not a quote",
    "# not a heading",
    "###### not a heading",
    "trailing backslash \\",
    "<http://example.com/raw> and <b>bold</b> and <!-- c --> and <?pi?>",
    "&amp; &copy; &#169; &#x41; & alone && twice",
    "snake_case_names and _leading and trailing_ and __dunder__",
    "2*3*4 = 24 and **not bold** and *not em*",
    "[link](http://x) ![img](y.png) [ref][1] [1]: http://z",
    "`code` ``double`` ```triple```",
    "~~strike~~ ~single~",
    "---",
    "***",
    "___",
    "===",
    "    four leading spaces",
    "\ttab lead and\tinside\t",
    "trailing spaces   ",
    "nbsp\u{a0}inside and at end\u{a0}",
    "line\nbreak inside",
    "a | table | row",
    "100% $5 @handle #tag ^caret == equals",
    "]]> <![CDATA[ x ]]>",
    "\\",
    "#",
    "<",
    "&",
    "_",
    "```",
    "Ends with hash #",
    "ends with period.",
    "unicode «quotes» “curly” — dashes ‘single’ 中文 한국어 العربية",
];

#[test]
fn adversarial_paragraphs_round_trip() {
    for s in ADVERSARIAL {
        let a = Article {
            title: (*s).into(),
            language: "en".into(),
            body: vec![Block::paragraph(*s)],
            ..Default::default()
        };
        check(&a);
    }
}

#[test]
fn adversarial_headings_list_items_and_quotes_round_trip() {
    for s in ADVERSARIAL {
        let inl = vec![Inline::text(*s)];
        let a = Article {
            title: "t".into(),
            language: "en".into(),
            body: vec![
                Block::Heading {
                    level: 1,
                    content: inl.clone(),
                },
                Block::paragraph("between"),
                Block::List {
                    ordered: false,
                    start: None,
                    items: vec![ListItem {
                        content: inl.clone(),
                        children: vec![],
                    }],
                },
                Block::List {
                    ordered: true,
                    start: Some(3),
                    items: vec![
                        ListItem {
                            content: inl.clone(),
                            children: vec![],
                        },
                        ListItem {
                            content: vec![Inline::text("parent")],
                            children: vec![Block::List {
                                ordered: false,
                                start: None,
                                items: vec![ListItem {
                                    content: inl.clone(),
                                    children: vec![],
                                }],
                            }],
                        },
                    ],
                },
                Block::Quote {
                    blocks: vec![
                        Block::Paragraph {
                            content: inl.clone(),
                        },
                        Block::paragraph("second"),
                    ],
                },
                Block::Code {
                    text: format!("{s}\n  indented ```\n"),
                },
            ],
            ..Default::default()
        };
        check(&a);
    }
}

#[test]
fn links_round_trip() {
    let a = Article {
        title: "t".into(),
        body: vec![Block::Paragraph {
            content: vec![
                Inline::text("See "),
                Inline::Link {
                    text: "www.example.com".into(),
                    url: "http://www.example.com".into(),
                },
                Inline::text(", "),
                Inline::Link {
                    text: "a@b.com".into(),
                    url: "mailto:a@b.com".into(),
                },
                Inline::text(", "),
                Inline::Link {
                    text: "https://x.org/a_(b)?c=<d>".into(),
                    url: "https://x.org/a_(b)?c=<d>".into(),
                },
                Inline::text(", "),
                // Not CommonMark autolinks: an internationalized domain, a
                // label with an edge hyphen, a scheme starting with a digit
                // (found by fuzzing: `<...>` would read back as text).
                Inline::Link {
                    text: "alex@exam\u{2022}ple.com".into(),
                    url: "mailto:alex@exam\u{2022}ple.com".into(),
                },
                Inline::text(", "),
                Inline::Link {
                    text: "a@-b.com".into(),
                    url: "mailto:a@-b.com".into(),
                },
                Inline::text(", "),
                Inline::Link {
                    text: "1x:y".into(),
                    url: "1x:y".into(),
                },
                // A `!` before a link would make it an image (fuzzing).
                Inline::text(", o!"),
                Inline::Link {
                    text: "penewww.kcna.kp".into(),
                    url: "http://penewww.kcna.kp".into(),
                },
                Inline::text(", o\\!"),
                Inline::Link {
                    text: "x".into(),
                    url: "http://x.org".into(),
                },
                Inline::text(" and "),
                Inline::Link {
                    text: "[odd] *text*".into(),
                    url: "http://e.com/ space".into(),
                },
            ],
        }],
        ..Default::default()
    };
    check(&a);
}

#[test]
fn links_at_the_start_of_a_line_do_not_open_html_blocks() {
    // `<!lex@…>` or `<?x@…>` at a line start would begin an HTML block
    // (found by fuzzing); such addresses are written as links.
    for addr in ["!lex@example.com", "?x@example.com", "!--c@example.com"] {
        let a = Article {
            title: "t".into(),
            body: vec![Block::Paragraph {
                content: vec![
                    Inline::Link {
                        text: addr.into(),
                        url: format!("mailto:{addr}"),
                    },
                    Inline::text(" wrote."),
                ],
            }],
            ..Default::default()
        };
        check(&a);
    }
}

#[test]
fn fixtures_and_corpus_round_trip() {
    let mut n = 0;
    let dirs = [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/dev"),
    ];
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(dir) else {
            println!("notice: {dir} is absent; skipped");
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                let a = folio_core::parse::parse_bytes(
                    &std::fs::read(&p).unwrap(),
                    &Default::default(),
                )
                .unwrap()
                .article;
                check(&a);
                n += 1;
            }
        }
    }
    assert!(n >= 15, "only {n} inputs checked");
}
