//! Shared helpers of the JATS tests: the inputs, and a small DOM read back
//! from the output with quick-xml.

#![allow(dead_code)]

use folio_core::model::Article;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The hand-written fixtures, sorted by name: (stem, path).
pub fn fixtures() -> Vec<(String, PathBuf)> {
    txt_files(&root().join("fixtures"))
}

/// The real articles of `../shared/corpus/dev`, or none (with a printed
/// notice) when that folder is absent.
pub fn corpus() -> Vec<(String, PathBuf)> {
    let dir = root().join("../shared/corpus/dev");
    if !dir.is_dir() {
        eprintln!(
            "notice: {} not found; corpus articles skipped",
            dir.display()
        );
        return Vec::new();
    }
    txt_files(&dir)
}

fn txt_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// Parses a raw article file.
pub fn article(path: &Path) -> Article {
    let bytes = std::fs::read(path).unwrap();
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .article
}

/// Options for a flavour; Publishing gets the journal identity its DTD
/// requires (a test journal id and ISSN).
pub fn opts(flavor: folio_jats::Flavor) -> folio_jats::JatsOptions {
    let opts = folio_jats::JatsOptions::default().with_flavor(flavor);
    match flavor {
        folio_jats::Flavor::Publishing => opts.with_journal_id("folio-test").with_issn("0317-8471"),
        _ => opts,
    }
}

/// Writes an article as JATS with the given options.
pub fn jats(article: &Article, opts: &folio_jats::JatsOptions) -> String {
    let mut out = Vec::new();
    folio_jats::write(article, opts, &mut out).unwrap();
    String::from_utf8(out).expect("JATS output is UTF-8")
}

/// An element read back from the output.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Every descendant element named `name`, in document order.
    pub fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.descendants(name, out);
        }
    }

    /// All text inside the element, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => s.push_str(&e.text()),
            }
        }
        s
    }
}

/// Reads a whole XML document back with quick-xml; panics on any
/// well-formedness error. Returns the root element.
pub fn read(xml: &str) -> Element {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let ev = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.error_position()));
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(s) | Event::Empty(s) => {
                let el = Element {
                    name: s.name().as_ref().to_string(),
                    attrs: s
                        .attributes()
                        .map(|a| {
                            let a = a.expect("well-formed attribute");
                            (
                                a.key.as_ref().to_string(),
                                a.normalized_value(XmlVersion::Explicit1_0)
                                    .expect("attribute value")
                                    .into_owned(),
                            )
                        })
                        .collect(),
                    children: Vec::new(),
                };
                if empty {
                    stack.last_mut().unwrap().children.push(Node::Element(el));
                } else {
                    stack.push(el);
                }
            }
            Event::End(e) => {
                let el = stack.pop().expect("balanced tags");
                assert_eq!(e.name().as_ref(), el.name.as_str(), "mismatched end tag");
                stack.last_mut().unwrap().children.push(Node::Element(el));
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(t));
            }
            Event::CData(t) => {
                let t = t.into_inner().into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(t));
            }
            Event::GeneralRef(r) => {
                let c = match r.xml10_content().as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => r
                        .resolve_char_ref()
                        .expect("valid character reference")
                        .expect("no entity references other than the predefined ones"),
                };
                stack
                    .last_mut()
                    .unwrap()
                    .children
                    .push(Node::Text(c.to_string()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let doc = stack.pop().unwrap();
    let mut roots = doc.children.into_iter().filter_map(|c| match c {
        Node::Element(e) => Some(e),
        Node::Text(t) => {
            assert!(t.trim().is_empty(), "text outside the root: {t:?}");
            None
        }
    });
    let root = roots.next().expect("a root element");
    assert!(roots.next().is_none(), "one root element");
    root
}

/// An article that exercises every block kind in every place, odd heading
/// levels, empty fields, hostile characters and URLs: the writer's output
/// must still be valid and keep every word.
pub fn torture() -> Article {
    use folio_core::model::*;
    let t = |s: &str| Inline::text(s);
    let link = |text: &str, url: &str| Inline::Link {
        text: text.into(),
        url: url.into(),
    };
    let p = |s: &str| Block::paragraph(s);
    let every_leaf = || {
        vec![
            p("leaf paragraph"),
            Block::Heading {
                level: 2,
                content: vec![t("leaf heading")],
            },
            Block::Code {
                text: "\n  leaf code ]]> <![CDATA[ x ]]>\n\n".into(),
            },
            Block::Caption {
                kind: CaptionKind::Credit,
                content: vec![t("leaf credit")],
            },
            Block::Note {
                kind: NoteKind::Disclaimer,
                content: vec![t("leaf disclaimer")],
            },
            Block::List {
                ordered: false,
                start: None,
                items: vec![],
            },
        ]
    };
    let mut quote_blocks = every_leaf();
    quote_blocks.push(Block::Quote {
        blocks: vec![p("nested quote paragraph")],
    });
    quote_blocks.push(Block::Quote { blocks: vec![] });
    let nested_item = ListItem {
        content: vec![t("item with every child")],
        children: {
            let mut c = every_leaf();
            c.push(Block::Quote {
                blocks: quote_blocks.clone(),
            });
            c.push(Block::List {
                ordered: true,
                start: Some(0),
                items: vec![ListItem {
                    content: vec![t("zeroth")],
                    children: vec![],
                }],
            });
            c
        },
    };
    Article {
        title: "Title \u{0}with\u{7} controls\u{FFFE} & <tags> ]]>".into(),
        subtitle: Some(String::new()),
        kicker: Some("KICKER \u{1b}[31m".into()),
        standfirst: Some("Standfirst with \"quotes\" & 'apostrophes'".into()),
        authors: vec![
            "Erin Cunningham".into(),
            "Kim Jong Un".into(),
            "".into(),
            "   ".into(),
            "ÉMILE ZOLA".into(),
            "王小明".into(),
        ],
        byline: Some("By Erin Cunningham\u{85} and others".into()),
        date: chrono::NaiveDate::from_ymd_opt(1, 2, 3),
        date_text: Some("the third of February, year one".into()),
        updated_text: Some("Updated: never".into()),
        dateline: Some(Dateline {
            text: "NOWHERE (XX) —".into(),
            place: None,
            agency: Some("XX".into()),
        }),
        language: "en_US.UTF-8".into(),
        publisher: Some("  ".into()),
        copyright: Some(Copyright {
            statement: String::new(),
            year: None,
            holder: None,
        }),
        source_url: Some("https://例子.测试/路 径?q=\"x\"&r=<y>#{z}".into()),
        body: vec![
            p("Before any heading, with a \u{2028}line separator."),
            Block::Paragraph {
                content: vec![
                    t("Links: "),
                    link("spaced", "https://a.example/with space/"),
                    t(", "),
                    link("", "mailto:someone@example.com"),
                    t(", "),
                    link("empty url", ""),
                    t(", "),
                    link("relative", "../up?x=1&y=2"),
                    t(", "),
                    link("unicode", "https://ü.example/ä?ö=ß"),
                    t(", "),
                    link("js", "javascript:alert('x')"),
                    t("."),
                ],
            },
            Block::Paragraph {
                content: vec![
                    t("Some "),
                    Inline::Emphasis {
                        content: vec![
                            t("emphasised "),
                            Inline::Strong {
                                content: vec![t("and strong & <bold>")],
                            },
                        ],
                    },
                    t(" text, "),
                    Inline::Strong {
                        content: vec![link("a strong link", "https://example.com/")],
                    },
                    t(", "),
                    Inline::Emphasis { content: vec![] },
                    t("an empty span."),
                ],
            },
            Block::Heading {
                level: 3,
                content: vec![
                    t("A heading with "),
                    Inline::Emphasis {
                        content: vec![t("emphasis")],
                    },
                ],
            },
            Block::Heading {
                level: 0,
                content: vec![t("Level zero heading")],
            },
            Block::Heading {
                level: 6,
                content: vec![
                    t("Level six under zero"),
                    link("link in title", "https://t.example/"),
                ],
            },
            p("Under six."),
            Block::Heading {
                level: 3,
                content: vec![],
            },
            Block::Quote {
                blocks: quote_blocks,
            },
            Block::List {
                ordered: true,
                start: Some(u64::MAX - 1),
                items: vec![
                    nested_item,
                    ListItem::default(),
                    ListItem {
                        content: vec![],
                        children: vec![p("child without own text")],
                    },
                    ListItem {
                        content: vec![t("last")],
                        children: vec![],
                    },
                ],
            },
            Block::Heading {
                level: 255,
                content: vec![t("Level 255")],
            },
            Block::Code {
                text: String::new(),
            },
            Block::Caption {
                kind: CaptionKind::Caption,
                content: vec![],
            },
            Block::Heading {
                level: 1,
                content: vec![t("Back to one")],
            },
            Block::Note {
                kind: NoteKind::Other,
                content: vec![t("other note")],
            },
        ],
        footer: {
            let mut f = every_leaf();
            f.push(Block::Quote {
                blocks: vec![p("footer quote")],
            });
            f
        },
    }
}
