//! The outline (bookmarks): each article (its title is a level-0 anchor)
//! with its headings nested by level below it; in a book, one root for
//! the book over its contents and articles.

use super::objects::Alloc;
use crate::layout::page::Anchor;
use pdf_writer::{Pdf, Ref, TextStr};

/// Space above an outline target: a little air above headings.
fn n_top_pad(level: u8) -> f32 {
    if level <= 1 { 24.0 } else { 4.0 }
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
}

/// Writes the outline of the anchors (page index, anchor) on the pages
/// `page_ids` of a document `height` points high; returns its object.
pub(crate) fn write_outline(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    anchors: &[(usize, Anchor)],
    page_ids: &[Ref],
    height: f32,
    book: Option<&str>,
) -> Ref {
    let outline_id = alloc.next();
    let nodes = tree(alloc, outline_id, anchors, book);
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
            item.count(count(&nodes, i));
        }
        let top = (height - n.y + n_top_pad(n.level)).min(height);
        item.dest().page(page_ids[n.page]).xyz(0.0, top, None);
    }
    outline_id
}

/// The outline's tree: node 0 stands for the outline dictionary itself.
fn tree(
    alloc: &mut Alloc,
    outline_id: Ref,
    anchors: &[(usize, Anchor)],
    book: Option<&str>,
) -> Vec<Node> {
    let mut nodes: Vec<Node> = vec![Node {
        id: outline_id,
        title: String::new(),
        page: 0,
        y: 0.0,
        level: 0,
        children: vec![],
        parent: usize::MAX,
    }];
    let mut stack: Vec<usize> = vec![0];
    // A book's outline has one root, the book, over its contents and
    // articles.
    if let Some(title) = book {
        nodes.push(Node {
            id: alloc.next(),
            title: title.to_string(),
            page: 0,
            y: 0.0,
            level: 0,
            children: vec![],
            parent: 0,
        });
        nodes[0].children.push(1);
        stack.push(1);
    }
    let base = stack.len();
    for (page, a) in anchors {
        let level = a.level.saturating_add(1);
        while stack.len() > base && nodes[*stack.last().expect("stack")].level >= level {
            stack.pop();
        }
        let parent = *stack.last().expect("stack");
        let idx = nodes.len();
        nodes.push(Node {
            id: alloc.next(),
            title: a.title.clone(),
            page: *page,
            y: a.y,
            level,
            children: vec![],
            parent,
        });
        nodes[parent].children.push(idx);
        stack.push(idx);
    }
    nodes
}

/// The number of entries below node `i`, open.
fn count(nodes: &[Node], i: usize) -> i32 {
    nodes[i].children.iter().map(|&c| 1 + count(nodes, c)).sum()
}
