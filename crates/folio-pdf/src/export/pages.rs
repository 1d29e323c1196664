//! Pages: each page's content stream (built and compressed in parallel),
//! its link annotations (web links, and links to other pages from the
//! table of contents) and the page object with its fonts; with what the
//! structure tree needs: each page's MCIDs and each link's element.

use super::content::page_content;
use super::fonts::FontUse;
use super::objects::{Alloc, deflate};
use super::pack::PackedPage;
use crate::layout::page::Anchor;
use crate::layout::tags::Tree;
use crate::typeset::fonts::Fonts;
use crate::typeset::text::NodeRef;
use pdf_writer::types::{ActionType, AnnotationType, TabOrder};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The written pages: their objects, and the outline anchors of each
/// (page index, anchor) in document order.
pub(crate) struct Written {
    pub page_ids: Vec<Ref>,
    pub anchors: Vec<(usize, Anchor)>,
    /// The structure element of each MCID of each page.
    pub mcids: Vec<Vec<NodeRef>>,
    /// The tagged link annotations: page, annotation, `Link` element, in
    /// the order of their `/StructParent` keys (which follow the pages').
    pub annots: Vec<(usize, Ref, NodeRef)>,
}

/// What writing the pages reads.
pub(crate) struct PageSetup<'p, 'f, 'a> {
    pub fonts: &'f Fonts<'a>,
    pub uses: &'p BTreeMap<usize, FontUse>,
    /// Each font's resource name and object.
    pub font_refs: &'p [(String, Ref)],
    /// The structure elements the pages' marks name.
    pub trees: &'p [Tree],
    /// The page tree's object.
    pub parent: Ref,
    /// Paper width and height.
    pub width: f32,
    pub height: f32,
}

/// Writes the pages and the page tree.
pub(crate) fn write_pages(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    pages: &[PackedPage],
    s: &PageSetup<'_, '_, '_>,
) -> Written {
    let page_ids: Vec<Ref> = pages.iter().map(|_| alloc.next()).collect();
    // Content streams are independent once the glyphs are numbered: build
    // and compress them in parallel.
    let streams: Vec<(Vec<u8>, Vec<NodeRef>)> = pages
        .par_iter()
        .map(|page| {
            let (data, mcids) = page_content(page, s.height, s.fonts, s.uses, s.trees);
            (deflate(&data), mcids)
        })
        .collect();
    let mut anchors: Vec<(usize, Anchor)> = Vec::new();
    let mut all_mcids = Vec::with_capacity(pages.len());
    let mut tagged: Vec<(usize, Ref, NodeRef)> = Vec::new();
    for (pi, (page, (data, mcids))) in pages.iter().zip(streams).enumerate() {
        let content_id = alloc.next();
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        drop(data);
        let links = Links {
            page_ids: &page_ids,
            trees: s.trees,
            height: s.height,
            // Annotations' keys follow the pages'.
            first_key: pages.len() + tagged.len(),
        };
        let annots = write_links(pdf, alloc, page, &links);
        let mut p = pdf.page(page_ids[pi]);
        p.parent(s.parent)
            .media_box(Rect::new(0.0, 0.0, s.width, s.height))
            .contents(content_id);
        if !mcids.is_empty() {
            p.struct_parents(pi as i32);
        }
        if !annots.is_empty() {
            p.annotations(annots.iter().map(|a| a.0));
            p.tab_order(TabOrder::StructureOrder);
        }
        tagged.extend(annots.iter().filter_map(|&(r, n)| Some((pi, r, n?))));
        all_mcids.push(mcids);
        let mut res = p.resources();
        let mut f = res.fonts();
        for (name, r) in s.font_refs {
            f.pair(Name(name.as_bytes()), *r);
        }
        f.finish();
        res.finish();
        p.finish();
        for a in &page.anchors {
            anchors.push((pi, a.clone()));
        }
    }
    pdf.pages(s.parent)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    Written {
        page_ids,
        anchors,
        mcids: all_mcids,
        annots: tagged,
    }
}

/// What writing a page's links reads.
struct Links<'p> {
    page_ids: &'p [Ref],
    trees: &'p [Tree],
    height: f32,
    /// The `/StructParent` key of the page's first tagged link.
    first_key: usize,
}

/// The alternate description of element `n` of `trees`.
fn alt_of(trees: &[Tree], n: NodeRef) -> Option<&str> {
    trees
        .get(n.part as usize)?
        .nodes
        .get(n.node as usize)?
        .alt
        .as_deref()
}

/// The link annotations of `page`: web links, then links within the
/// document (table of contents entries); each with its `Link` element
/// (then with a `/StructParent` key and the element's description as
/// `/Contents`).
fn write_links(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    page: &PackedPage,
    l: &Links<'_>,
) -> Vec<(Ref, Option<NodeRef>)> {
    let (page_ids, height) = (l.page_ids, l.height);
    let mut annots: Vec<(Ref, Option<NodeRef>)> = Vec::new();
    let key = |annots: &[(Ref, Option<NodeRef>)]| {
        (l.first_key + annots.iter().filter(|a| a.1.is_some()).count()) as i32
    };
    for (r, url, tag) in &page.links {
        let id = alloc.next();
        let k = key(&annots);
        annots.push((id, *tag));
        let mut a = pdf.annotation(id);
        a.subtype(AnnotationType::Link)
            .rect(Rect::new(r[0], r[1], r[2], r[3]))
            .border(0.0, 0.0, 0.0, None);
        if let Some(n) = tag {
            a.struct_parent(k);
            a.contents(TextStr(alt_of(l.trees, *n).unwrap_or(url)));
        }
        a.action()
            .action_type(ActionType::Uri)
            .uri(Str(url.as_bytes()));
        a.finish();
    }
    for (gi, g) in page.gotos.iter().enumerate() {
        let Some(&target) = page_ids.get(g.page) else {
            continue;
        };
        let tag = page.goto_tags.get(gi).copied().flatten();
        let id = alloc.next();
        let k = key(&annots);
        annots.push((id, tag));
        let mut a = pdf.annotation(id);
        a.subtype(AnnotationType::Link)
            .rect(Rect::new(g.x0, height - g.bottom, g.x1, height - g.top))
            .border(0.0, 0.0, 0.0, None);
        if let Some(n) = tag {
            a.struct_parent(k);
            if let Some(alt) = alt_of(l.trees, n) {
                a.contents(TextStr(alt));
            }
        }
        a.action()
            .action_type(ActionType::GoTo)
            .destination()
            .page(target)
            .xyz(0.0, height, None);
        a.finish();
    }
    annots
}
