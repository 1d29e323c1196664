//! The structure tree of the tagged PDF (ISO 32000-1, 14.7; PDF/UA-1).
//!
//! The layout gives each part of the document (an article, a book's
//! front matter) a tree of structure elements, and marks each line's
//! glyphs with the element they belong to; the content streams number
//! the marked content of each page (MCIDs). Here the elements are put in
//! the order their content first appears — page by page, in each page's
//! drawing order, which is the reading order — under one `Document`
//! element: an element is attached to its parent when its first content
//! (or its first child's) is met, so elements without content are left
//! out. Link annotations join their `Link` elements as object references.
//! The parent tree maps each page's MCIDs and each link annotation back
//! to its element.

use super::objects::Alloc;
use crate::layout::tags::{Role, Tree};
use crate::typeset::text::NodeRef;
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Finish, Name, Pdf, Ref, Str, TextStr};
use rustc_hash::FxHashMap;

/// A kid of a structure element.
enum Kid {
    /// Another element (an index into [`Builder::elems`]).
    Elem(usize),
    /// Marked content: page index and MCID.
    Content(usize, i32),
    /// An annotation on a page.
    Annot(usize, Ref),
}

/// A structure element as written.
struct Elem {
    /// `None`: the `Document` element.
    src: Option<NodeRef>,
    parent: usize,
    kids: Vec<Kid>,
}

/// Puts elements in reading order as their content comes.
struct Builder<'t> {
    trees: &'t [Tree],
    elems: Vec<Elem>,
    index: FxHashMap<NodeRef, usize>,
}

impl Builder<'_> {
    /// The element of `n`, attached (with its ancestors) at the end of
    /// its parent's kids when it is new.
    fn attach(&mut self, n: NodeRef) -> usize {
        if let Some(&i) = self.index.get(&n) {
            return i;
        }
        let parent = self
            .trees
            .get(n.part as usize)
            .and_then(|t| t.nodes.get(n.node as usize))
            .and_then(|node| node.parent)
            .map_or(0, |p| {
                self.attach(NodeRef {
                    part: n.part,
                    node: p,
                })
            });
        let i = self.elems.len();
        self.elems.push(Elem {
            src: Some(n),
            parent,
            kids: Vec::new(),
        });
        self.elems[parent].kids.push(Kid::Elem(i));
        self.index.insert(n, i);
        i
    }
}

/// What the structure tree is built from.
pub(crate) struct Tagged<'a> {
    pub trees: &'a [Tree],
    /// The structure element of each MCID of each page.
    pub mcids: &'a [Vec<NodeRef>],
    /// Tagged link annotations: page, annotation, `Link` element, in the
    /// order of their `/StructParent` keys (which start after the pages').
    pub annots: &'a [(usize, Ref, NodeRef)],
    pub page_ids: &'a [Ref],
    /// The document's language (the catalog's `/Lang`): elements in
    /// another get their own.
    pub lang: &'a str,
}

/// Writes the structure tree; returns its root (the catalog's
/// `/StructTreeRoot`).
pub(crate) fn write_structure(pdf: &mut Pdf, alloc: &mut Alloc, t: &Tagged<'_>) -> Ref {
    let mut b = Builder {
        trees: t.trees,
        elems: vec![Elem {
            src: None,
            parent: 0,
            kids: Vec::new(),
        }],
        index: FxHashMap::default(),
    };
    // The element of each page's MCIDs, for the parent tree.
    let mut page_parents: Vec<Vec<usize>> = Vec::with_capacity(t.mcids.len());
    for (pi, mcids) in t.mcids.iter().enumerate() {
        let mut parents = Vec::with_capacity(mcids.len());
        for (k, &n) in mcids.iter().enumerate() {
            let e = b.attach(n);
            b.elems[e].kids.push(Kid::Content(pi, k as i32));
            parents.push(e);
        }
        page_parents.push(parents);
        for &(_, annot, n) in t.annots.iter().filter(|a| a.0 == pi) {
            let e = b.attach(n);
            b.elems[e].kids.push(Kid::Annot(pi, annot));
        }
    }
    let annot_parents: Vec<usize> = t.annots.iter().map(|&(_, _, n)| b.attach(n)).collect();

    let root = alloc.next();
    let refs: Vec<Ref> = b.elems.iter().map(|_| alloc.next()).collect();
    for (i, e) in b.elems.iter().enumerate() {
        write_elem(pdf, t, i, e, &refs, root);
    }
    // The parent tree: for each page with marked content, an array of the
    // elements of its MCIDs; for each link annotation, its element.
    let arrays: Vec<(usize, Ref)> = page_parents
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(pi, _)| (pi, alloc.next()))
        .collect();
    for &(pi, r) in &arrays {
        pdf.indirect(r)
            .array()
            .items(page_parents[pi].iter().map(|&e| refs[e]));
    }
    let mut tree = pdf.indirect(root).start::<StructTreeRoot>();
    tree.child(refs[0]);
    let mut pt = tree.parent_tree();
    let mut nums = pt.nums();
    for &(pi, r) in &arrays {
        nums.insert(pi as i32, r);
    }
    let first = t.page_ids.len();
    for (k, &e) in annot_parents.iter().enumerate() {
        nums.insert((first + k) as i32, refs[e]);
    }
    nums.finish();
    pt.finish();
    tree.parent_tree_next_key((first + annot_parents.len()) as i32);
    tree.finish();
    root
}

/// Writes element `i` (`e`), the elements' objects `refs`, in the tree
/// `root`.
fn write_elem(pdf: &mut Pdf, t: &Tagged<'_>, i: usize, e: &Elem, refs: &[Ref], root: Ref) {
    let node = e
        .src
        .and_then(|n| t.trees.get(n.part as usize)?.nodes.get(n.node as usize));
    let mut s = pdf.struct_element(refs[i]);
    match node {
        Some(n) => s.custom_kind(Name(n.role.name())),
        None => s.custom_kind(Name(b"Document")),
    };
    s.parent(if i == 0 { root } else { refs[e.parent] });
    // The page of the first marked content: content on it is referred to
    // by its MCID alone.
    let page = e.kids.iter().find_map(|k| match k {
        Kid::Content(p, _) | Kid::Annot(p, _) => Some(*p),
        Kid::Elem(_) => None,
    });
    if let Some(p) = page {
        s.page(t.page_ids[p]);
    }
    if let Some(n) = node {
        if let Some(lang) = n.lang.as_deref() {
            if !same_language(lang, t.lang) {
                s.lang(TextStr(lang));
            }
        }
        if let Some(alt) = &n.alt {
            s.alt(TextStr(alt));
        }
        if n.role == Role::Note {
            // PDF/UA-1 7.9: every note has a unique ID.
            if let Some(src) = e.src {
                s.id(Str(format!("note-{}-{}", src.part, src.node).as_bytes()));
            }
        }
    }
    let mut kids = s.children();
    for k in &e.kids {
        match *k {
            Kid::Elem(c) => {
                kids.struct_element(refs[c]);
            }
            Kid::Content(p, mcid) if Some(p) == page => {
                kids.marked_content_id(mcid);
            }
            Kid::Content(p, mcid) => {
                kids.marked_content_ref()
                    .page(t.page_ids[p])
                    .marked_content_id(mcid);
            }
            Kid::Annot(p, annot) => {
                kids.object_ref().page(t.page_ids[p]).object(annot);
            }
        }
    }
    kids.finish();
}

/// Whether two language tags name the same language (case apart).
fn same_language(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}
