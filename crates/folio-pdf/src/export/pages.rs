//! Pages: each page's content stream (built and compressed in parallel),
//! its link annotations (web links, and links to other pages from the
//! table of contents) and the page object with its fonts.

use super::content::page_content;
use super::fonts::FontUse;
use super::objects::{Alloc, deflate};
use super::pack::PackedPage;
use crate::layout::page::Anchor;
use crate::typeset::fonts::Fonts;
use pdf_writer::types::{ActionType, AnnotationType};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The written pages: their objects, and the outline anchors of each
/// (page index, anchor) in document order.
pub(crate) struct Written {
    pub page_ids: Vec<Ref>,
    pub anchors: Vec<(usize, Anchor)>,
}

/// What writing the pages reads.
pub(crate) struct PageSetup<'p, 'f, 'a> {
    pub fonts: &'f Fonts<'a>,
    pub uses: &'p BTreeMap<usize, FontUse>,
    pub font_refs: &'p BTreeMap<usize, Ref>,
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
    let streams: Vec<Vec<u8>> = pages
        .par_iter()
        .map(|page| deflate(&page_content(page, s.height, s.fonts, s.uses)))
        .collect();
    let mut anchors: Vec<(usize, Anchor)> = Vec::new();
    for (pi, (page, data)) in pages.iter().zip(streams).enumerate() {
        let content_id = alloc.next();
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        drop(data);
        let annots = write_links(pdf, alloc, page, &page_ids, s.height);
        let mut p = pdf.page(page_ids[pi]);
        p.parent(s.parent)
            .media_box(Rect::new(0.0, 0.0, s.width, s.height))
            .contents(content_id);
        if !annots.is_empty() {
            p.annotations(annots.iter().copied());
        }
        let mut res = p.resources();
        let mut f = res.fonts();
        for (&face, &r) in s.font_refs {
            f.pair(Name(format!("F{face}").as_bytes()), r);
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
    Written { page_ids, anchors }
}

/// The link annotations of `page`: web links, then links within the
/// document (table of contents entries).
fn write_links(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    page: &PackedPage,
    page_ids: &[Ref],
    height: f32,
) -> Vec<Ref> {
    let mut annots = Vec::new();
    for (r, url) in &page.links {
        let id = alloc.next();
        annots.push(id);
        let mut a = pdf.annotation(id);
        a.subtype(AnnotationType::Link)
            .rect(Rect::new(r[0], r[1], r[2], r[3]))
            .border(0.0, 0.0, 0.0, None);
        a.action()
            .action_type(ActionType::Uri)
            .uri(Str(url.as_bytes()));
        a.finish();
    }
    for l in &page.gotos {
        let Some(&target) = page_ids.get(l.page) else {
            continue;
        };
        let id = alloc.next();
        annots.push(id);
        let mut a = pdf.annotation(id);
        a.subtype(AnnotationType::Link)
            .rect(Rect::new(l.x0, height - l.bottom, l.x1, height - l.top))
            .border(0.0, 0.0, 0.0, None);
        a.action()
            .action_type(ActionType::GoTo)
            .destination()
            .page(target)
            .xyz(0.0, height, None);
        a.finish();
    }
    annots
}
