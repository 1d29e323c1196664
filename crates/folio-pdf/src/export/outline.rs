//! The outline (bookmarks): each article (its title is a level-0 anchor)
//! with its headings nested by level below it; in a book, one root for
//! the book over its contents and the book's contents tree
//! ([`folio_core::contents::Contents`], the same groups and labels as the
//! EPUB navigation): a group (a section, a year, a month) is an entry
//! pointing at its first article, with its groups or articles below.

use super::objects::Alloc;
use crate::layout::page::Anchor;
use folio_core::contents::{Contents, Item};
use pdf_writer::{Pdf, Ref, TextStr};

/// Space above an outline target: a little air above headings.
fn n_top_pad(level: u8) -> f32 {
    if level <= 1 { 24.0 } else { 4.0 }
}

/// What a book's outline shows beyond the anchors of its pages.
pub(crate) struct BookOutline<'a> {
    /// The book's title (the outline's root).
    pub title: &'a str,
    /// The contents tree: its groups and labels.
    pub contents: &'a Contents,
    /// The index of the page each article starts on.
    pub starts: Vec<usize>,
}

/// An outline entry and its place in the tree.
struct Node {
    id: Ref,
    title: String,
    page: usize,
    y: f32,
    level: u8,
    children: Vec<usize>,
    parent: usize,
    /// Shown open (a group of a long book starts closed).
    open: bool,
}

/// Writes the outline of the anchors (page index, anchor) on the pages
/// `page_ids` of a document `height` points high; returns its object.
pub(crate) fn write_outline(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    anchors: &[(usize, Anchor)],
    page_ids: &[Ref],
    height: f32,
    book: Option<&BookOutline<'_>>,
) -> Ref {
    let outline_id = alloc.next();
    let mut t = Tree::new(outline_id);
    match book {
        Some(b) => t.book(alloc, anchors, b),
        None => t.anchors(alloc, 0, anchors.iter()),
    }
    let nodes = t.nodes;
    {
        let mut outline = pdf.outline(outline_id);
        if let (Some(&f), Some(&l)) = (nodes[0].children.first(), nodes[0].children.last()) {
            outline.first(nodes[f].id).last(nodes[l].id);
        }
        outline.count(count(&nodes, 0));
    }
    for i in 1..nodes.len() {
        let n = &nodes[i];
        let mut item = pdf.outline_item(n.id);
        item.title(TextStr(&n.title));
        item.parent(nodes[n.parent].id);
        {
            let sib = &nodes[n.parent].children;
            let pos = sib.iter().position(|&s| s == i).unwrap_or(0);
            if pos > 0 {
                item.prev(nodes[sib[pos - 1]].id);
            }
            if pos + 1 < sib.len() {
                item.next(nodes[sib[pos + 1]].id);
            }
        }
        if let (Some(&f), Some(&l)) = (n.children.first(), n.children.last()) {
            item.first(nodes[f].id);
            item.last(nodes[l].id);
            let c = count(&nodes, i);
            // A closed entry's count is negative: the entries it shows
            // when opened.
            item.count(if n.open { c } else { -c });
        }
        let page = page_ids.get(n.page).or(page_ids.last());
        if let Some(&page) = page {
            let top = (height - n.y + n_top_pad(n.level)).min(height);
            item.dest().page(page).xyz(0.0, top, None);
        }
    }
    outline_id
}

/// The outline's tree: node 0 stands for the outline dictionary itself.
struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    fn new(outline_id: Ref) -> Self {
        Tree {
            nodes: vec![Node {
                id: outline_id,
                title: String::new(),
                page: 0,
                y: 0.0,
                level: 0,
                children: vec![],
                parent: usize::MAX,
                open: true,
            }],
        }
    }

    /// Adds a node below `parent`; returns its index.
    fn push(&mut self, alloc: &mut Alloc, parent: usize, mut node: Node) -> usize {
        let idx = self.nodes.len();
        node.id = alloc.next();
        node.parent = parent;
        self.nodes.push(node);
        self.nodes[parent].children.push(idx);
        idx
    }

    /// Adds `anchors` below `root`, nested by level (an anchor of level
    /// `l` goes below the last one of a lower level).
    fn anchors<'a>(
        &mut self,
        alloc: &mut Alloc,
        root: usize,
        anchors: impl Iterator<Item = &'a (usize, Anchor)>,
    ) {
        let mut stack: Vec<usize> = vec![root];
        for (page, a) in anchors {
            let level = a.level.saturating_add(1);
            while stack.len() > 1 && self.nodes[*stack.last().expect("stack")].level >= level {
                stack.pop();
            }
            let parent = *stack.last().expect("stack");
            let idx = self.push(alloc, parent, node(a.title.clone(), *page, a.y, level));
            stack.push(idx);
        }
    }

    /// A book: the root, the front matter's anchors (the contents), then
    /// the contents tree, each article's headings below its entry.
    fn book(&mut self, alloc: &mut Alloc, anchors: &[(usize, Anchor)], b: &BookOutline<'_>) {
        let root = self.push(alloc, 0, node(b.title.to_string(), 0, 0.0, 0));
        // The anchors of each article: those on its pages.
        let first = b.starts.first().copied().unwrap_or(usize::MAX);
        let mut per_article: Vec<Vec<&(usize, Anchor)>> = vec![Vec::new(); b.starts.len()];
        let mut front: Vec<&(usize, Anchor)> = Vec::new();
        for a in anchors {
            if a.0 < first {
                front.push(a);
            } else {
                // The last article starting on or before the page.
                let k = b.starts.partition_point(|&s| s <= a.0) - 1;
                per_article[k].push(a);
            }
        }
        self.anchors(alloc, root, front.into_iter());
        let closed = b.contents.entries().count() > folio_core::contents::GROUP_THRESHOLD;
        let cx = Ctx {
            per_article: &per_article,
            starts: &b.starts,
            closed,
        };
        self.items(alloc, root, &b.contents.items, &cx);
    }

    /// Adds the contents `items` below `parent`.
    fn items(&mut self, alloc: &mut Alloc, parent: usize, items: &[Item], cx: &Ctx<'_>) {
        for item in items {
            let Some(article) = item.first_article() else {
                continue;
            };
            let (page, y) = cx.target(article);
            match item {
                Item::Group(g) => {
                    let mut n = node(g.label.clone(), page, y, 1);
                    n.open = !cx.closed;
                    let idx = self.push(alloc, parent, n);
                    self.items(alloc, idx, &g.items, cx);
                }
                Item::Entry(e) => {
                    let idx = self.push(alloc, parent, node(e.label.clone(), page, y, 1));
                    // Its headings: the article's anchors but its title.
                    let own = cx.per_article.get(e.article).map_or(&[][..], Vec::as_slice);
                    let skip = usize::from(own.first().is_some_and(|a| a.1.level == 0));
                    self.anchors(alloc, idx, own[skip..].iter().copied());
                }
            }
        }
    }
}

/// What the contents tree is placed by.
struct Ctx<'a> {
    per_article: &'a [Vec<&'a (usize, Anchor)>],
    starts: &'a [usize],
    closed: bool,
}

impl Ctx<'_> {
    /// Where article `k`'s entry points: its title's anchor, else the top
    /// of its first page.
    fn target(&self, k: usize) -> (usize, f32) {
        match self.per_article.get(k).and_then(|v| v.first()) {
            Some((page, a)) if a.level == 0 => (*page, a.y),
            _ => (self.starts.get(k).copied().unwrap_or(0), 0.0),
        }
    }
}

fn node(title: String, page: usize, y: f32, level: u8) -> Node {
    Node {
        id: Ref::new(1),
        title,
        page,
        y,
        level,
        children: vec![],
        parent: 0,
        open: true,
    }
}

/// The number of entries shown below node `i` (all of them when it is
/// open; those of its open descendants count too).
fn count(nodes: &[Node], i: usize) -> i32 {
    nodes[i]
        .children
        .iter()
        .map(|&c| 1 + if nodes[c].open { count(nodes, c) } else { 0 })
        .sum()
}
