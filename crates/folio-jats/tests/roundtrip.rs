//! Every JATS output, read back with quick-xml, holds exactly the model's
//! text: each body and footer block's text in order, and every header
//! field in its JATS element. Runs on every fixture, every article of
//! `../shared/corpus/dev` and a torture article, in both flavours.

mod common;

use common::{Element, article, corpus, fixtures, jats, read, torture};
use folio_check::{missing_in_order, words};
use folio_core::model::{Article, Block, plain_text};
use folio_jats::Flavor;

/// Text as the writer must show it: without the characters XML cannot carry.
fn cleaned(s: &str) -> String {
    folio_core::normalize::clean(s).into_owned()
}

/// The text of each leaf block, in reading order, as the writer must show it.
fn expected_leaves(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => out.push(cleaned(&plain_text(content))),
            Block::Code { text } => out.push(cleaned(text)),
            Block::Quote { blocks } => expected_leaves(blocks, out),
            Block::List { items, .. } => {
                for item in items {
                    if !item.content.is_empty() || item.children.is_empty() {
                        out.push(cleaned(&plain_text(&item.content)));
                    }
                    expected_leaves(&item.children, out);
                }
            }
        }
    }
}

/// The text of each leaf element (`p`, `title`, `preformat`) under `el`.
fn actual_leaves(el: &Element, out: &mut Vec<String>) {
    for child in el.elements() {
        match child.name.as_str() {
            "p" | "title" | "preformat" => {
                let wraps_block = child
                    .elements()
                    .any(|e| matches!(e.name.as_str(), "disp-quote" | "preformat" | "list"));
                if wraps_block {
                    actual_leaves(child, out);
                } else {
                    out.push(child.text());
                }
            }
            // List numbers the writer adds for lists that do not start at 1.
            "label" => {}
            _ => actual_leaves(child, out),
        }
    }
}

fn check(name: &str, a: &Article, flavor: Flavor) {
    let opts = common::opts(flavor);
    let xml = jats(a, &opts);
    let root = read(&xml);
    assert_eq!(root.name, "article", "{name}");
    assert_eq!(root.attr("dtd-version"), Some("1.3"), "{name}");
    let lang = a.language.to_string();
    assert_eq!(root.attr("xml:lang"), Some(lang.as_str()), "{name}");

    // Body: every block's text, exactly and in order.
    let mut want = Vec::new();
    expected_leaves(&a.body, &mut want);
    let mut got = Vec::new();
    if let Some(body) = root.child("body") {
        actual_leaves(body, &mut got);
    }
    assert_eq!(got, want, "{name} ({flavor}): body text differs");
    let body_text: Vec<String> = a.body.iter().map(Block::plain_text).collect();
    let body_words = words(&body_text.join("\n"));
    let body_xml = root.child("body").map(Element::text).unwrap_or_default();
    if let Some(m) = missing_in_order(&body_words, &body_xml) {
        panic!("{name} ({flavor}): body {m}");
    }

    // Footer: in back/notes, exactly and in order.
    let mut want = Vec::new();
    expected_leaves(&a.footer, &mut want);
    let mut got = Vec::new();
    if let Some(back) = root.child("back") {
        actual_leaves(back, &mut got);
    }
    assert_eq!(got, want, "{name} ({flavor}): footer text differs");

    // Header fields, each in its element.
    let front = root.child("front").expect("front");
    let meta = front.child("article-meta").expect("article-meta");
    let all = |name: &str| -> Vec<String> {
        let mut v = Vec::new();
        meta.descendants(name, &mut v);
        v.iter().map(|e| e.text()).collect()
    };
    // Blank optional fields (nothing to show once cleaned) are left out.
    let given = |f: &Option<String>| f.as_deref().map(cleaned).filter(|s| !s.trim().is_empty());
    let field = |f: &Option<String>| given(f).into_iter().collect::<Vec<_>>();
    assert_eq!(all("article-title"), [cleaned(&a.title)], "{name}: title");
    assert_eq!(all("subtitle"), field(&a.subtitle), "{name}: subtitle");
    assert_eq!(all("subject"), field(&a.kicker), "{name}: kicker");
    let abstracts: Vec<String> = meta
        .elements()
        .filter(|e| e.name == "abstract")
        .map(|e| e.text().trim().to_string())
        .collect();
    assert_eq!(abstracts, field(&a.standfirst), "{name}: standfirst");
    let mut custom = Vec::new();
    meta.descendants("custom-meta", &mut custom);
    let custom_value = |key: &str| {
        custom
            .iter()
            .find(|c| c.child("meta-name").is_some_and(|n| n.text() == key))
            .and_then(|c| c.child("meta-value"))
            .map(Element::text)
    };
    assert_eq!(custom_value("byline"), given(&a.byline), "{name}: byline");
    assert_eq!(custom_value("date-text"), given(&a.date_text), "{name}");
    assert_eq!(
        custom_value("updated-text"),
        given(&a.updated_text),
        "{name}"
    );

    // One contributor per (non-empty) author, with all of the name's words.
    let authors: Vec<String> = a
        .authors
        .iter()
        .map(|n| cleaned(n.trim()))
        .filter(|n| !n.trim().is_empty())
        .collect();
    let mut contribs = Vec::new();
    meta.descendants("contrib", &mut contribs);
    // Name parts are separate elements: join them with spaces.
    let contribs: Vec<String> = contribs
        .iter()
        .map(|c| {
            let mut parts = Vec::new();
            for part in ["surname", "given-names", "string-name"] {
                c.descendants(part, &mut parts);
            }
            parts.iter().map(|e| e.text()).collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert_eq!(contribs.len(), authors.len(), "{name}: contributors");
    for (c, n) in contribs.iter().zip(&authors) {
        let (mut got, mut want) = (words(c), words(n));
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}: author {n}");
    }

    if let Some(d) = a.date {
        let mut dates = Vec::new();
        meta.descendants("pub-date", &mut dates);
        let iso = d.format("%Y-%m-%d").to_string();
        assert_eq!(dates[0].attr("iso-8601-date"), Some(iso.as_str()), "{name}");
    } else {
        assert!(meta.child("pub-date-not-available").is_some(), "{name}");
    }
}

#[test]
fn fixtures_keep_all_text() {
    let inputs = fixtures();
    assert!(inputs.len() >= 15, "fixtures found: {}", inputs.len());
    for (stem, path) in inputs {
        let a = article(&path);
        for flavor in [Flavor::Archiving, Flavor::Publishing] {
            check(&stem, &a, flavor);
        }
    }
}

#[test]
fn corpus_keeps_all_text() {
    for (stem, path) in corpus() {
        let a = article(&path);
        for flavor in [Flavor::Archiving, Flavor::Publishing] {
            check(&stem, &a, flavor);
        }
    }
}

#[test]
fn torture_article_keeps_all_text() {
    let a = torture();
    for flavor in [Flavor::Archiving, Flavor::Publishing] {
        check("torture", &a, flavor);
        let xml = jats(&a, &common::opts(flavor));
        assert!(
            !xml.chars()
                .any(|c| folio_core::normalize::is_forbidden(c) && c != '\n'),
            "a character XML cannot carry reached the output"
        );
        assert!(!xml.contains("]]>"), "an unescaped ]]> reached the output");
    }
}
