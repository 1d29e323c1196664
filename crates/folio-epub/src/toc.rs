//! The table of contents as both EPUB formats want it: one tree of
//! [`NavNode`]s, built from the core's [`Contents`] (for a collection) or
//! from one chapter, written as the navigation document's `<ol>` (in
//! `xhtml::nav`) and as the NCX's `navMap` (here). Neither regroups:
//! groups, labels and disambiguation are the core's.

use crate::xhtml::{Lang, Section};
use folio_core::contents::{Contents, Item};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::HashMap;
use std::io;

/// One line of the table of contents.
#[derive(Debug, Clone)]
pub(crate) struct NavNode {
    /// The text shown.
    pub label: String,
    /// Where it links (`chapter-0001.xhtml`, `…#s2`); `None` for a group
    /// label, which the navigation document shows as a `<span>`.
    pub href: Option<String>,
    /// Where the NCX points it: the link, or a group's first article.
    pub target: String,
    /// The language of the whole entry (`lang` on its `<li>`), when it
    /// differs from the book's.
    pub lang: Option<Lang>,
    /// The language of a group's label (on its `<span>`), when it differs
    /// from the book's.
    pub label_lang: Option<Lang>,
    /// Nested lines.
    pub children: Vec<NavNode>,
}

impl NavNode {
    /// Levels from this node down (1 for a leaf).
    pub fn depth(&self) -> usize {
        1 + self.children.iter().map(NavNode::depth).max().unwrap_or(0)
    }
}

/// A chapter's line: its title, linking to it, with its sections nested
/// by depth.
pub(crate) fn chapter_node(
    href: &str,
    label: &str,
    lang: Option<Lang>,
    sections: &[Section],
) -> NavNode {
    NavNode {
        label: label.to_owned(),
        href: Some(href.to_owned()),
        target: href.to_owned(),
        lang,
        label_lang: None,
        children: section_nodes(href, sections),
    }
}

/// Sections nested by depth: each takes the following deeper ones.
fn section_nodes(href: &str, sections: &[Section]) -> Vec<NavNode> {
    let Some(first) = sections.first() else {
        return Vec::new();
    };
    let base = first.depth;
    let mut out = Vec::new();
    let mut i = 0;
    while i < sections.len() {
        let s = &sections[i];
        let mut j = i + 1;
        while j < sections.len() && sections[j].depth > s.depth.max(base) {
            j += 1;
        }
        let link = format!("{href}#{}", s.id);
        out.push(NavNode {
            label: s.title.clone(),
            href: Some(link.clone()),
            target: link,
            lang: None,
            label_lang: None,
            children: section_nodes(href, &sections[i + 1..j]),
        });
        i = j;
    }
    out
}

/// The tree of a collection's [`Contents`]; `chapter(i)` gives article
/// `i`'s line.
pub(crate) fn from_contents(
    contents: &Contents,
    book: &Lang,
    chapter: &dyn Fn(usize, &str) -> NavNode,
) -> Vec<NavNode> {
    fn go(
        items: &[Item],
        book: &Lang,
        chapter: &dyn Fn(usize, &str) -> NavNode,
        out: &mut Vec<NavNode>,
    ) {
        for item in items {
            match item {
                Item::Entry(e) => out.push(chapter(e.article, &e.label)),
                Item::Group(g) => {
                    let mut children = Vec::new();
                    go(&g.items, book, chapter, &mut children);
                    let Some(target) = children.first().map(|c| c.target.clone()) else {
                        continue;
                    };
                    let label_lang = Lang::new(&g.language);
                    out.push(NavNode {
                        label: g.label.clone(),
                        href: None,
                        target,
                        lang: None,
                        label_lang: (label_lang.tag != book.tag).then_some(label_lang),
                        children,
                    });
                }
            }
        }
    }
    let mut out = Vec::new();
    go(&contents.items, book, chapter, &mut out);
    out
}

/// The NCX (EPUB 2's table of contents, for older reading systems): the
/// same tree as the navigation document. Lines that lead to the same place
/// (a group and its first article) share a `playOrder`, as the NCX
/// specification asks; the others count up in reading order.
pub(crate) fn ncx(
    identifier: &str,
    title: &str,
    lang: &Lang,
    nodes: &[NavNode],
) -> io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::with_capacity(4096 + nodes.len() * 256));
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    nl(&mut w)?;
    let ncx = BytesStart::new("ncx").with_attributes([
        ("xmlns", "http://www.daisy.org/z3986/2005/ncx/"),
        ("version", "2005-1"),
        ("xml:lang", lang.tag.as_str()),
    ]);
    w.write_event(Event::Start(ncx))?;
    nl(&mut w)?;
    w.write_event(Event::Start(BytesStart::new("head")))?;
    nl(&mut w)?;
    let uid = format!("urn:uuid:{identifier}");
    let depth = nodes
        .iter()
        .map(NavNode::depth)
        .max()
        .unwrap_or(1)
        .to_string();
    for (name, content) in [
        ("dtb:uid", uid.as_str()),
        ("dtb:depth", depth.as_str()),
        ("dtb:totalPageCount", "0"),
        ("dtb:maxPageNumber", "0"),
    ] {
        w.write_event(Event::Empty(
            BytesStart::new("meta").with_attributes([("name", name), ("content", content)]),
        ))?;
        nl(&mut w)?;
    }
    w.write_event(Event::End(BytesEnd::new("head")))?;
    nl(&mut w)?;
    w.write_event(Event::Start(BytesStart::new("docTitle")))?;
    text_elem(&mut w, title)?;
    w.write_event(Event::End(BytesEnd::new("docTitle")))?;
    nl(&mut w)?;
    w.write_event(Event::Start(BytesStart::new("navMap")))?;
    nl(&mut w)?;
    let mut state = NcxState::default();
    for n in nodes {
        nav_point(&mut w, n, &mut state)?;
    }
    w.write_event(Event::End(BytesEnd::new("navMap")))?;
    nl(&mut w)?;
    w.write_event(Event::End(BytesEnd::new("ncx")))?;
    nl(&mut w)?;
    Ok(w.into_inner())
}

#[derive(Default)]
struct NcxState {
    ids: usize,
    order: HashMap<String, usize>,
}

fn nav_point(w: &mut Writer<Vec<u8>>, n: &NavNode, s: &mut NcxState) -> io::Result<()> {
    s.ids += 1;
    let id = format!("navPoint-{}", s.ids);
    let next = s.order.len() + 1;
    let order = (*s.order.entry(n.target.clone()).or_insert(next)).to_string();
    w.write_event(Event::Start(
        BytesStart::new("navPoint").with_attributes([("id", id.as_str()), ("playOrder", &order)]),
    ))?;
    w.write_event(Event::Start(BytesStart::new("navLabel")))?;
    text_elem(w, &n.label)?;
    w.write_event(Event::End(BytesEnd::new("navLabel")))?;
    w.write_event(Event::Empty(
        BytesStart::new("content").with_attributes([("src", n.target.as_str())]),
    ))?;
    nl(w)?;
    for c in &n.children {
        nav_point(w, c, s)?;
    }
    w.write_event(Event::End(BytesEnd::new("navPoint")))?;
    nl(w)
}

fn text_elem(w: &mut Writer<Vec<u8>>, s: &str) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new("text")))?;
    w.write_event(Event::Text(BytesText::new(s)))?;
    w.write_event(Event::End(BytesEnd::new("text")))
}

fn nl(w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    w.write_event(Event::Text(BytesText::from_escaped("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(label: &str, target: &str) -> NavNode {
        NavNode {
            label: label.into(),
            href: Some(target.into()),
            target: target.into(),
            lang: None,
            label_lang: None,
            children: Vec::new(),
        }
    }

    #[test]
    fn a_group_shares_its_first_articles_play_order() {
        let mut a = leaf("A", "a.xhtml");
        a.children.push(leaf("A1", "a.xhtml#s1"));
        let group = NavNode {
            label: "2015".into(),
            href: None,
            target: "a.xhtml".into(),
            lang: None,
            label_lang: None,
            children: vec![a, leaf("B", "b.xhtml")],
        };
        let ncx = String::from_utf8(ncx("u", "T", &Lang::new("en"), &[group]).unwrap()).unwrap();
        let orders: Vec<&str> = ncx
            .split("playOrder=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(orders, ["1", "1", "2", "3"]);
        assert!(ncx.contains("<meta name=\"dtb:depth\" content=\"3\"/>"));
    }
}
