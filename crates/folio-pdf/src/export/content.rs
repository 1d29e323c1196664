//! Page content streams: rules, then the glyph runs as `TJ` arrays (one
//! text matrix a run and line; a mark the font raises or lowers is drawn
//! with a text rise, `Ts`, so the word stays one run), each
//! glyph shown in the font (layer) of its (glyph, text) use, so that its
//! ToUnicode entry says exactly its part of its cluster's text (see
//! [`super::fonts`]).
//!
//! Each cluster's glyphs, read in content (drawing) order, say the
//! cluster's text ([`super::fonts::split_cluster`]); readers put
//! right-to-left runs, drawn left to right, back into logical order
//! themselves (pdf.js and poppler by the bidi algorithm; the glyph texts of
//! right-to-left clusters are stored reversed for them, see
//! `typeset::shape`). pdf.js and MuPDF ignore `/ActualText`; it is kept
//! only around clusters of several glyphs, for poppler: poppler joins a
//! mark to its base only when the mark's advance box is centred over the
//! base, and a zero-width mark drawn where the font's anchors put it often
//! is not, so without the span poppler ends the word after the mark
//! ("моло́ ко"). Every run is in marked content: the content of a structure
//! element (`/P <</MCID 3>> BDC … EMC`, numbered in the page's order), or
//! an artifact (`/Artifact <</Type /Pagination /Subtype /Header>> BDC`).

use super::fonts::{FontUse, font_name, glyph_texts};
use super::pack::{PackedGlyph, PackedPage};
use crate::layout::tags::Tree;
use crate::typeset::fonts::Fonts;
use crate::typeset::text::{Artifact, Color, Mark, NodeRef};
use pdf_writer::types::{ArtifactSubtype, ArtifactType};
use pdf_writer::{Content, Finish, Name, Str, TextStr};
use std::collections::BTreeMap;

/// The fill colour of text of colour `c`.
fn color_rgb(c: Color) -> (f32, f32, f32) {
    match c {
        Color::Black => (0.0, 0.0, 0.0),
        Color::Link => (0.05, 0.2, 0.55),
        Color::Gray => (0.35, 0.35, 0.35),
    }
}

/// The clusters of `page` drawn with several glyphs (a base and its
/// marks, a conjunct with a reordered vowel sign): (first glyph, end,
/// text), each to get an `/ActualText` span for poppler (see the module
/// documentation); a run of right-to-left text with marks gets one span
/// instead (see below). The glyphs' own codes say the same text.
fn actual_text_spans(page: &PackedPage) -> Vec<(u32, u32, String)> {
    let mut spans: Vec<(u32, u32, String)> = Vec::new();
    let n = page.glyphs.len() as u32;
    // Runs (a line's glyphs in one face) of right-to-left text with marks
    // get one span for the whole run, not one a cluster: pdf.js ends a
    // text item at each marked-content operator and orders each item
    // alone by its bidi pass, so spans a cluster gave each cluster of a
    // word back in visual order. Right-to-left cluster texts are stored
    // reversed, so such a cluster's text starts with a nonspacing mark.
    let nsm_first = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM)
    };
    let mut whole: Vec<(u32, u32)> = Vec::new();
    for run in &page.runs {
        let marked = (run.start..run.end).any(|i| {
            let next_continues = i + 1 < n && page.glyphs[i as usize + 1].text == 0;
            next_continues && nsm_first(page.text_of(i as usize))
        });
        if marked {
            whole.push((run.start, run.end));
        }
    }
    let mut whole = whole.into_iter().peekable();
    let mut i = 0;
    while i < n {
        if let Some(&(start, end)) = whole.peek() {
            if start == i {
                let text: String = (start..end).map(|k| page.text_of(k as usize)).collect();
                if !text.is_empty() {
                    spans.push((start, end, text));
                }
                whole.next();
                i = end;
                continue;
            }
        }
        let mut j = i + 1;
        while j < n && page.glyphs[j as usize].text == 0 {
            j += 1;
        }
        if let Some(&(start, _)) = whole.peek() {
            j = j.min(start.max(i + 1));
        }
        let text = page.text_of(i as usize);
        if j - i > 1 && !text.is_empty() {
            spans.push((i, j, text.to_string()));
        }
        i = j;
    }
    spans
}

/// One element of a `TJ` array.
enum TjItem {
    Glyphs(Vec<u8>),
    Adjust(f32),
}

/// Writes `items` (and the glyph codes in `buf`) as one `TJ`.
fn show_tj(content: &mut Content, items: &mut Vec<TjItem>, buf: &mut Vec<u8>) {
    if !buf.is_empty() {
        items.push(TjItem::Glyphs(std::mem::take(buf)));
    }
    if items.is_empty() {
        return;
    }
    let mut show = content.show_positioned();
    let mut tj = show.items();
    for item in items.drain(..) {
        match item {
            TjItem::Glyphs(codes) => {
                tj.show(Str(&codes));
            }
            TjItem::Adjust(a) => {
                tj.adjust(a);
            }
        }
    }
    tj.finish();
    show.finish();
}

/// Opens the marked content of `mark`: an artifact, or the content of a
/// structure element (of `trees`) with the next of the page's MCIDs.
fn begin_mark(content: &mut Content, mark: Mark, trees: &[Tree], mcids: &mut Vec<NodeRef>) {
    match mark {
        Mark::Node(n) => {
            let role = trees
                .get(n.part as usize)
                .and_then(|t| t.nodes.get(n.node as usize))
                .map_or(&b"Span"[..], |node| node.role.name());
            content
                .begin_marked_content_with_properties(Name(role))
                .properties()
                .identify(mcids.len() as i32);
            mcids.push(n);
        }
        Mark::Artifact(kind) => {
            let mut mc = content.begin_marked_content_with_properties(Name(b"Artifact"));
            let mut a = mc.properties().artifact();
            match kind {
                Artifact::Layout => {
                    a.kind(ArtifactType::Layout);
                }
                Artifact::Header => {
                    a.kind(ArtifactType::Pagination)
                        .subtype(ArtifactSubtype::Header);
                }
                Artifact::Footer => {
                    a.kind(ArtifactType::Pagination)
                        .subtype(ArtifactSubtype::Footer);
                }
            }
        }
    }
}

/// The content stream of a page: rules, then the glyph runs; and the
/// structure element of each of its MCIDs (the elements of `trees`).
pub(crate) fn page_content(
    page: &PackedPage,
    height: f32,
    fonts: &Fonts<'_>,
    uses: &BTreeMap<usize, FontUse>,
    trees: &[Tree],
) -> (Vec<u8>, Vec<NodeRef>) {
    let mut content = Content::new();
    let mut mcids: Vec<NodeRef> = Vec::new();
    if !page.rules.is_empty() {
        begin_mark(
            &mut content,
            Mark::Artifact(Artifact::Layout),
            trees,
            &mut mcids,
        );
    }
    for r in &page.rules {
        content.set_stroke_gray(0.45);
        content.set_line_width(r.width);
        content.move_to(r.x0, height - r.y);
        content.line_to(r.x1, height - r.y);
        content.stroke();
    }
    if !page.rules.is_empty() {
        content.end_marked_content();
    }
    let texts = glyph_texts(page, fonts);
    let spans = actual_text_spans(page);
    let mut spans = spans.iter().peekable();
    // The end of the open span.
    let mut open: Option<u32> = None;
    let mut cur_mark: Option<Mark> = None;
    content.begin_text();
    let mut cur_font: Option<(u16, usize, f32)> = None;
    let mut cur_color = Color::Black;
    // The text rise (`Ts`) in force: marks the font raises or lowers are
    // drawn with a rise, in their word's run (see `PackedGlyph::rise`).
    let mut cur_rise = 0.0f32;
    let mut items: Vec<TjItem> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    for run in &page.runs {
        let Some(first) = page.glyphs.get(run.start as usize) else {
            continue;
        };
        let first_x = first.x;
        if cur_mark != Some(run.mark) {
            // An ActualText span ends with its marked content.
            if open.take().is_some() {
                content.end_marked_content();
            }
            if cur_mark.is_some() {
                content.end_marked_content();
            }
            begin_mark(&mut content, run.mark, trees, &mut mcids);
            cur_mark = Some(run.mark);
        }
        let u = &uses[&(run.face as usize)];
        let first_layer = u.code(first.gid, texts[run.start as usize]).1;
        if cur_font != Some((run.face, first_layer, run.size)) {
            content.set_font(Name(font_name(run.face, first_layer).as_bytes()), run.size);
            cur_font = Some((run.face, first_layer, run.size));
        }
        if cur_color != run.color {
            let (r, g, b) = color_rgb(run.color);
            content.set_fill_rgb(r, g, b);
            cur_color = run.color;
        }
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x0 + first_x, run.baseline]);
        let face = &fonts.faces[run.face as usize];
        let scale = 1000.0 / face.units_per_em;
        // `pen` follows where the viewer's pen is, so the adjustments
        // (rounded to a tenth of a thousandth of an em, and left out below
        // half of one: float noise) never let errors add up along a line.
        let mut pen = first_x;
        for gi in run.start..run.end {
            // A `TJ` cannot hold marked content: spans cut it.
            if open == Some(gi) {
                show_tj(&mut content, &mut items, &mut buf);
                content.end_marked_content();
                open = None;
            }
            while spans.peek().is_some_and(|&&(start, _, _)| start < gi) {
                spans.next();
            }
            if let Some((start, end, text)) = spans.peek() {
                let (start, end) = (*start, *end);
                if start == gi && open.is_none() {
                    show_tj(&mut content, &mut items, &mut buf);
                    content
                        .begin_marked_content_with_properties(Name(b"Span"))
                        .properties()
                        .actual_text(TextStr(text));
                    open = Some(end);
                    spans.next();
                }
            }
            let PackedGlyph { gid, x, rise, .. } = page.glyphs[gi as usize];
            if rise != cur_rise {
                // `Ts` cannot stand inside a `TJ`: it cuts it, and the
                // pen goes on where the `TJ` left it.
                show_tj(&mut content, &mut items, &mut buf);
                content.set_rise(rise);
                cur_rise = rise;
            }
            let adj = ((x - pen) * 10_000.0 / run.size).round() / 10.0;
            if adj.abs() >= 0.5 {
                if !buf.is_empty() {
                    items.push(TjItem::Glyphs(std::mem::take(&mut buf)));
                }
                items.push(TjItem::Adjust(-adj));
                pen += adj * run.size / 1000.0;
            }
            let (code, layer) = u.code(gid, texts[gi as usize]);
            if cur_font != Some((run.face, layer, run.size)) {
                // A `TJ` shows one font: a layer change cuts it.
                show_tj(&mut content, &mut items, &mut buf);
                content.set_font(Name(font_name(run.face, layer).as_bytes()), run.size);
                cur_font = Some((run.face, layer, run.size));
            }
            buf.extend_from_slice(&code.to_be_bytes());
            let w = face
                .rb
                .glyph_hor_advance(ttf_parser::GlyphId(gid))
                .unwrap_or(0) as f32
                * scale;
            pen += w * run.size / 1000.0;
        }
        show_tj(&mut content, &mut items, &mut buf);
    }
    if open.is_some() {
        content.end_marked_content();
    }
    if cur_mark.is_some() {
        content.end_marked_content();
    }
    content.end_text();
    (content.finish().to_vec(), mcids)
}
