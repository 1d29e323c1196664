//! Every JATS output, read back with quick-xml, holds exactly the model's
//! text: each body and footer block's text in order, and every header
//! field in its JATS element. Runs on every fixture and every article of
//! `../shared/corpus/dev`, in both flavours.

mod common;

use common::{Element, article, corpus, fixtures, jats, read};
use folio_core::model::{Article, Block, plain_text};
use folio_core::textcheck::{missing_in_order, words};
use folio_jats::{Flavor, JatsOptions};

/// The text of each leaf block, in reading order, as the writer must show it.
fn expected_leaves(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => out.push(plain_text(content)),
            Block::Code { text } => out.push(text.clone()),
            Block::Quote { blocks } => expected_leaves(blocks, out),
            Block::List { items, .. } => {
                for item in items {
                    if !item.content.is_empty() || item.children.is_empty() {
                        out.push(plain_text(&item.content));
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
    let opts = JatsOptions {
        flavor,
        ..Default::default()
    };
    let xml = jats(a, &opts);
    let root = read(&xml);
    assert_eq!(root.name, "article", "{name}");
    assert_eq!(root.attr("dtd-version"), Some("1.3"), "{name}");
    assert_eq!(root.attr("xml:lang"), Some(a.language.as_str()), "{name}");

    // Body: every block's text, exactly and in order.
    let mut want = Vec::new();
    expected_leaves(&a.body, &mut want);
    let mut got = Vec::new();
    if let Some(body) = root.child("body") {
        actual_leaves(body, &mut got);
    }
    assert_eq!(got, want, "{name} ({flavor}): body text differs");
    let body_words = words(
        &a.body
            .iter()
            .map(Block::plain_text)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let body_text = root.child("body").map(Element::text).unwrap_or_default();
    if let Some(m) = missing_in_order(&body_words, &body_text) {
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
    let one = |name: &str| -> Vec<String> {
        let mut v = Vec::new();
        meta.descendants(name, &mut v);
        v.iter().map(|e| e.text()).collect()
    };
    assert_eq!(one("article-title"), vec![a.title.clone()], "{name}: title");
    assert_eq!(
        one("subtitle"),
        a.subtitle.iter().cloned().collect::<Vec<_>>()
    );
    assert_eq!(one("subject"), a.kicker.iter().cloned().collect::<Vec<_>>());
    let abstract_text: Vec<String> = meta
        .elements()
        .filter(|e| e.name == "abstract")
        .map(|e| e.text().trim().to_string())
        .collect();
    assert_eq!(
        abstract_text,
        a.standfirst.iter().cloned().collect::<Vec<_>>()
    );
    let mut custom = Vec::new();
    meta.descendants("custom-meta", &mut custom);
    let custom_value = |key: &str| {
        custom
            .iter()
            .find(|c| c.child("meta-name").is_some_and(|n| n.text() == key))
            .and_then(|c| c.child("meta-value"))
            .map(Element::text)
    };
    assert_eq!(custom_value("byline"), a.byline, "{name}: byline");
    assert_eq!(custom_value("date-text"), a.date_text, "{name}: date text");
    assert_eq!(custom_value("updated-text"), a.updated_text, "{name}");
    let contribs = one("contrib").len();
    assert_eq!(contribs, a.authors.len(), "{name}: one contrib per author");
    if let Some(d) = a.date {
        let mut dates = Vec::new();
        meta.descendants("pub-date", &mut dates);
        assert_eq!(
            dates[0].attr("iso-8601-date"),
            Some(d.to_string().as_str()),
            "{name}"
        );
    } else {
        assert!(meta.child("pub-date-not-available").is_some(), "{name}");
    }
    // Every word of the header reaches the front matter.
    let front_text = front.text();
    for field in [
        &a.kicker,
        &a.subtitle,
        &a.byline,
        &a.date_text,
        &a.updated_text,
        &a.standfirst,
    ]
    .into_iter()
    .flatten()
    .chain([&a.title])
    {
        if let Some(m) = missing_in_order(&words(field), &front_text) {
            panic!("{name} ({flavor}): header {m}");
        }
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
