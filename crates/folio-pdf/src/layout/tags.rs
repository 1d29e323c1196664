//! The logical structure of the tagged PDF: each article (and a book's
//! front matter) gets a [`Tree`] of structure elements — headings,
//! paragraphs, lists, quotations, captions, notes, code, links, the
//! table of contents — and the lines it sets carry marks that say which
//! element their glyphs belong to ([`Mark`]), or that they are artifacts
//! (running heads, page numbers, rules, leaders). The export stage wraps
//! each marked range in marked content with an MCID and writes the
//! structure tree in the order the content first appears, which is the
//! reading order.

use super::page::Page;
use crate::typeset::fonts::Fonts;
use crate::typeset::lines::end_space;
use crate::typeset::text::{Artifact, Line, Mark, NodeRef};

/// A standard structure type of PDF 1.7 (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Art,
    Sect,
    /// `H1`–`H6`.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    BlockQuote,
    Caption,
    Note,
    Code,
    Link,
    Toc,
    Toci,
}

impl Role {
    /// The type's name as written in `/S`.
    pub(crate) fn name(self) -> &'static [u8] {
        match self {
            Role::Art => b"Art",
            Role::Sect => b"Sect",
            Role::H(n) => match n {
                0 | 1 => b"H1",
                2 => b"H2",
                3 => b"H3",
                4 => b"H4",
                5 => b"H5",
                _ => b"H6",
            },
            Role::P => b"P",
            Role::L => b"L",
            Role::LI => b"LI",
            Role::Lbl => b"Lbl",
            Role::LBody => b"LBody",
            Role::BlockQuote => b"BlockQuote",
            Role::Caption => b"Caption",
            Role::Note => b"Note",
            Role::Code => b"Code",
            Role::Link => b"Link",
            Role::Toc => b"TOC",
            Role::Toci => b"TOCI",
        }
    }
}

/// A structure element.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub role: Role,
    /// The parent element; `None` for a child of the document.
    pub parent: Option<u32>,
    /// The element's language (BCP 47), when it may differ from the
    /// document's.
    pub lang: Option<String>,
    /// Alternate description (links: the link's text and target).
    pub alt: Option<String>,
}

/// The structure elements of one part of the document (an article, a
/// book's front matter); elements are numbered in the order they are
/// made, which is not necessarily reading order: the export orders them
/// by their content.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    pub part: u32,
    pub nodes: Vec<Node>,
    /// The element of the article's copyright line when the running
    /// footer alone prints it (see `layout::article`): the footer of the
    /// article's last page is marked as its content.
    pub rights: Option<u32>,
}

impl Tree {
    /// An empty tree for part `part`.
    pub(crate) fn new(part: u32) -> Self {
        Tree {
            part,
            nodes: Vec::new(),
            rights: None,
        }
    }

    /// Adds an element of `role` under `parent`; returns its number.
    pub(crate) fn add(&mut self, role: Role, parent: Option<u32>) -> u32 {
        self.nodes.push(Node {
            role,
            parent,
            lang: None,
            alt: None,
        });
        (self.nodes.len() - 1) as u32
    }

    /// The mark of element `node`'s content.
    pub(crate) fn mark(&self, node: u32) -> Mark {
        Mark::Node(NodeRef {
            part: self.part,
            node,
        })
    }
}

/// Marks all of `line` as content of `mark`.
pub(crate) fn mark_line(line: &mut Line, mark: Mark) {
    line.marks.clear();
    line.marks.push((0, mark));
}

/// Marks the link areas of `line`: the glyphs inside each area (by the
/// middle of their advance) belong to the area's `Link` element,
/// `link_node(link index)`; the others keep their marks.
pub(crate) fn mark_links(line: &mut Line, mut link_node: impl FnMut(usize) -> NodeRef) {
    if line.links.is_empty() {
        return;
    }
    let areas: Vec<(f32, f32, NodeRef)> = line
        .links
        .iter_mut()
        .map(|a| {
            let n = link_node(a.index);
            a.tag = Some(n);
            (a.x0, a.x1, n)
        })
        .collect();
    let mut marks: Vec<(u32, Mark)> = Vec::new();
    for (i, g) in line.glyphs.iter().enumerate() {
        let mid = g.x + g.advance / 2.0;
        let m = areas
            .iter()
            .find(|(x0, x1, _)| mid >= *x0 && mid <= *x1)
            .map_or_else(|| line.mark_of(i), |&(_, _, n)| Mark::Node(n));
        if marks.last().is_none_or(|&(_, last)| last != m) {
            marks.push((i as u32, m));
        }
    }
    line.marks = marks;
}

/// The text of the glyphs of `line` marked `m`, a space where the
/// glyphs leave a gap (word spaces are not drawn).
fn text_of(line: &Line, m: Mark) -> String {
    let mut text = String::new();
    let mut end: Option<f32> = None;
    for (i, g) in line.glyphs.iter().enumerate() {
        if line.mark_of(i) != m {
            end = None;
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            continue;
        }
        if end.is_some_and(|e| g.x - e > g.size * 0.15) && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(&g.text);
        end = Some(g.x + g.advance);
    }
    text.trim().to_string()
}

/// The table of contents' entries set their title and page number as
/// content of this placeholder, and their leaders as an artifact;
/// [`front_matter`] replaces it with the entry's `TOCI`.
const ENTRY: Mark = Mark::Node(NodeRef {
    part: u32::MAX,
    node: u32::MAX,
});

/// The hook of a contents entry's last line (`layout::book`): the title
/// before `dots`, the leaders from `dots` to `number`, the page number
/// from `number` on.
pub(crate) fn leaders(line: &mut Line, dots: usize, number: usize) {
    line.marks = vec![
        (0, ENTRY),
        (dots as u32, Mark::Artifact(Artifact::Layout)),
        (number as u32, ENTRY),
    ];
    line.marks.dedup_by_key(|m| m.0);
}

/// Tags a book's front matter (part `part`), after it is laid out: on the
/// title page, the lines of the largest size (the book's title) are an
/// `H1`, each other group of lines of one size a `P`; the contents are a
/// `TOC` after an `H1` (the lines above the first entry), with a `TOCI`
/// for each entry (each link area of the contents: an entry's lines,
/// page number and leaders).
pub(crate) fn front_matter(
    title_page: &mut Page,
    contents: &mut [Page],
    part: u32,
    fonts: &Fonts<'_>,
) -> Tree {
    let mut t = Tree::new(part);
    let title = t.add(Role::Sect, None);
    let size_of = |l: &Line| l.glyphs.first().map_or(0.0, |g| g.size);
    let largest = title_page
        .lines
        .iter()
        .map(|p| size_of(&p.line))
        .fold(0.0, f32::max);
    let mut prev: Option<(f32, u32)> = None;
    for placed in &mut title_page.lines {
        let size = size_of(&placed.line);
        let node = match prev {
            Some((s, n)) if s == size => n,
            _ => {
                let role = if size == largest { Role::H(1) } else { Role::P };
                t.add(role, Some(title))
            }
        };
        prev = Some((size, node));
        end_space(fonts, &mut placed.line);
        mark_line(&mut placed.line, t.mark(node));
    }
    let heading = t.add(Role::H(1), None);
    let toc = t.add(Role::Toc, None);
    for page in contents.iter_mut() {
        // Entries in the order of their link areas: a `TOCI` holding a
        // `Link` (the link annotation's element) with the entry's text.
        let mut gotos: Vec<(f32, f32, u32)> = Vec::new();
        page.goto_tags.clear();
        for g in &page.gotos {
            let item = t.add(Role::Toci, Some(toc));
            let n = t.add(Role::Link, Some(item));
            gotos.push((g.top, g.bottom, n));
            page.goto_tags.push(NodeRef { part, node: n });
        }
        for placed in &mut page.lines {
            let entry = gotos
                .iter()
                .find(|(top, bottom, _)| placed.y >= *top && placed.y <= *bottom);
            let Some(&(_, _, n)) = entry else {
                end_space(fonts, &mut placed.line);
                mark_line(&mut placed.line, t.mark(heading));
                continue;
            };
            let m = t.mark(n);
            if placed.line.marks.is_empty() {
                end_space(fonts, &mut placed.line);
                mark_line(&mut placed.line, m);
            } else {
                for (_, mark) in &mut placed.line.marks {
                    if *mark == ENTRY {
                        *mark = m;
                    }
                }
            }
            // The link's description: the entry's text (title and page).
            let text = text_of(&placed.line, m);
            let alt = t.nodes[n as usize].alt.get_or_insert_with(String::new);
            if !alt.is_empty() && !text.is_empty() {
                alt.push(' ');
            }
            alt.push_str(text.trim());
        }
    }
    t
}
