//! Fonts: which glyphs of which faces the pages use and what text each
//! glyph says, then each face embedded as a subset CID font with its
//! widths, descriptor and ToUnicode map.

use super::objects::{Alloc, deflate};
use super::pack::PackedPage;
use crate::error::Error;
use crate::typeset::fonts::{Face, Fonts};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Per-face glyph use: the remapper, and the texts each glyph is used for.
///
/// A reader gives a glyph the text of its code's ToUnicode entry, one entry
/// a code, and pdf.js and MuPDF ignore `/ActualText` in practice. So every
/// *use* of a glyph — (glyph, text) — is shown through a font whose
/// ToUnicode entry says exactly that text: "a" alone and as the base of
/// "a\u{31f}", the ligature glyph for "fi" and for "ﬁ", a reordered Indic
/// vowel sign in each of its clusters. A glyph's first text is in the
/// face's font (layer 0); its `k`-th other text in layer `k`: another Type 0
/// font over the same CID font and program (a few hundred bytes), with
/// its own ToUnicode map. The code stays the subset glyph id (Identity-H).
///
/// Not extra codes of one font: MuPDF keys ToUnicode by CID, so two codes
/// for one CID say one text, and a CFF (CIDFontType0) face cannot map two
/// CIDs to one glyph. Layers work for both outline formats in pdf.js,
/// MuPDF and poppler (`tests/extract.rs`).
pub(crate) struct FontUse {
    pub remapper: GlyphRemapper,
    /// Old glyph id → the texts of its uses; a text's index is its layer.
    texts: FxHashMap<u16, Vec<Box<str>>>,
    /// How many fonts (layers) the face needs.
    layers: usize,
}

impl FontUse {
    /// The code (subset glyph id) and layer that show glyph `gid` saying
    /// `text`.
    pub(crate) fn code(&self, gid: u16, text: &str) -> (u16, usize) {
        let code = self.remapper.get(gid).unwrap_or(0);
        let layer = self
            .texts
            .get(&gid)
            .and_then(|t| t.iter().position(|t| &**t == text))
            .unwrap_or(0);
        (code, layer)
    }
}

/// The resource name of layer `layer` of face `face`'s fonts.
pub(crate) fn font_name(face: u16, layer: usize) -> String {
    if layer == 0 {
        format!("F{face}")
    } else {
        format!("F{face}-{layer}")
    }
}

/// Splits the text of each cluster of `page` among the cluster's glyphs:
/// the text each glyph's code must say (see [`split_cluster`]); one entry
/// a glyph of `page.glyphs`.
pub(crate) fn glyph_texts<'p>(page: &'p PackedPage, fonts: &Fonts<'_>) -> Vec<&'p str> {
    let mut out: Vec<&str> = Vec::with_capacity(page.glyphs.len());
    // Each glyph's face.
    let mut face_of = vec![0u16; page.glyphs.len()];
    for run in &page.runs {
        for f in &mut face_of[run.start as usize..run.end as usize] {
            *f = run.face;
        }
    }
    let n = page.glyphs.len();
    let mut i = 0;
    while i < n {
        // A cluster: a glyph with text, then the glyphs of its face that
        // continue it (text 0).
        let mut j = i + 1;
        while j < n && page.glyphs[j].text == 0 && face_of[j] == face_of[i] {
            j += 1;
        }
        let text = page.text_of(i);
        let gids: Vec<u16> = page.glyphs[i..j].iter().map(|g| g.gid).collect();
        let face = &fonts.faces[face_of[i] as usize];
        out.extend(split_cluster(text, &gids, |c| {
            face.rb.glyph_index(c).map(|g| g.0)
        }));
        i = j;
    }
    out
}

/// Splits `text` (a cluster's characters as the content stream must give
/// them) among `gids` (its glyphs, in drawing order) into consecutive
/// pieces, one a glyph, so that the pieces in drawing order are `text`
/// again: a reader that reads glyphs in content order — pdf.js, MuPDF,
/// poppler — gets the cluster's text however the shaper ordered or
/// combined its glyphs.
///
/// - One glyph (a letter, a ligature, `ﬁ`, a conjunct): the whole text.
/// - A glyph that is a character's own glyph (`cmap(c) == gid`), found in
///   order, starts its piece at that character: a combining mark's glyph
///   says the mark, so "о́", "q̃", "ệ", "دِّ" read base then marks.
/// - Otherwise each glyph takes one character and the last the rest, so
///   no glyph is left without text while there are characters: for
///   Devanagari "दि", drawn vowel sign first, the sign's glyph says "द"
///   and the consonant's "ि" — content order gives "दि", where the sign
///   saying the whole cluster and the consonant nothing would also read
///   right, but leave a glyph with no text, which MuPDF shows as U+FFFD.
///   Glyphs past the characters say nothing.
/// - A piece of marks only (a mark glyph's) takes the marks that follow
///   it while the next glyph keeps a character: U+0651 U+064C U+064A
///   (yeh, dammatan, shadda stored reversed) drawn as a shadda glyph and
///   the letter gives the marks to the first and the yeh to the second,
///   not U+0651 and U+064C U+064A (see the code for why pdf.js needs it).
pub(crate) fn split_cluster<'t>(
    text: &'t str,
    gids: &[u16],
    cmap: impl Fn(char) -> Option<u16>,
) -> Vec<&'t str> {
    let n = gids.len();
    if n <= 1 {
        return vec![text; n];
    }
    // Char boundaries of `text`.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let m = bounds.len() - 1;
    // Where each glyph's piece starts, as a character index: from the
    // glyphs' own characters when they come in order, else one each.
    let mut starts: Vec<usize> = Vec::with_capacity(n);
    let mut own = true;
    let mut next = 0;
    for (k, &g) in gids.iter().enumerate() {
        let found = (next..m).find(|&ci| {
            let c = text[bounds[ci]..].chars().next().unwrap_or(' ');
            cmap(c) == Some(g)
        });
        match found {
            // The first glyph's piece starts at the text's start; each
            // later one needs room for the glyphs before it.
            Some(ci) => {
                starts.push(if k == 0 { 0 } else { ci });
                next = ci + 1;
            }
            _ => {
                own = false;
                break;
            }
        }
    }
    if !own || starts.windows(2).any(|w| w[0] >= w[1]) {
        starts = (0..n).map(|k| k.min(m)).collect();
    }
    // A mark glyph's piece takes the marks that follow it (a glyph for
    // shadda and a vowel, before the letter, in right-to-left text stored
    // reversed), so that the next glyph, a letter, says no mark: pdf.js
    // counts a glyph whose text holds a nonspacing mark as zero-width and
    // skips its advance, which puts the rest of the line out of place.
    let nsm = |ci: usize| {
        text[bounds[ci]..]
            .chars()
            .next()
            .is_some_and(|c| unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM)
    };
    for k in 1..n {
        let end = if k + 1 < n { starts[k + 1] } else { m };
        if starts[k - 1] < starts[k] && (starts[k - 1]..starts[k]).all(nsm) {
            while starts[k] + 1 < end && nsm(starts[k]) {
                starts[k] += 1;
            }
        }
    }
    (0..n)
        .map(|k| {
            let a = bounds[starts[k]];
            let b = if k + 1 < n {
                bounds[starts[k + 1]]
            } else {
                text.len()
            };
            &text[a..b.max(a)]
        })
        .collect()
}

/// Which glyphs of which faces `pages` use, and the texts of each glyph's
/// uses, in order of first use.
pub(crate) fn font_uses(pages: &[PackedPage], fonts: &Fonts<'_>) -> BTreeMap<usize, FontUse> {
    let mut uses: BTreeMap<usize, FontUse> = BTreeMap::new();
    for page in pages {
        for &(face, gid) in &page.seen {
            let u = uses.entry(face as usize).or_insert_with(|| FontUse {
                remapper: GlyphRemapper::new(),
                texts: FxHashMap::default(),
                layers: 1,
            });
            u.remapper.remap(gid);
        }
        let texts = glyph_texts(page, fonts);
        for run in &page.runs {
            let Some(u) = uses.get_mut(&(run.face as usize)) else {
                continue;
            };
            for gi in run.start..run.end {
                let gid = page.glyphs[gi as usize].gid;
                let text = texts[gi as usize];
                let known = u.texts.entry(gid).or_default();
                if !known.iter().any(|t| &**t == text) {
                    known.push(text.into());
                    u.layers = u.layers.max(known.len());
                }
            }
        }
    }
    uses
}

/// The objects of one embedded face: a Type 0 font and ToUnicode map a
/// layer, over one CID font, descriptor and program.
struct FontRefs {
    layers: Vec<(Ref, Ref)>,
    cid: Ref,
    desc: Ref,
    file: Ref,
}

/// Embeds each used face; returns each font's resource name and object.
pub(crate) fn write_fonts(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    fonts: &Fonts<'_>,
    uses: &BTreeMap<usize, FontUse>,
) -> Result<Vec<(String, Ref)>, Error> {
    let mut font_refs = Vec::new();
    for (&face_idx, u) in uses {
        let type0 = alloc.next();
        let cid = alloc.next();
        let desc = alloc.next();
        let file = alloc.next();
        let cmap = alloc.next();
        let mut layers = vec![(type0, cmap)];
        for _ in 1..u.layers {
            layers.push((alloc.next(), alloc.next()));
        }
        for (k, &(t, _)) in layers.iter().enumerate() {
            font_refs.push((font_name(face_idx as u16, k), t));
        }
        let refs = FontRefs {
            layers,
            cid,
            desc,
            file,
        };
        write_font(pdf, &fonts.faces[face_idx], u, &refs)?;
    }
    Ok(font_refs)
}

/// The subset of `face` with the glyphs of `u`, as a Type 0 font a layer
/// over one CID font, its descriptor, its program and the layers'
/// ToUnicode maps.
fn write_font(pdf: &mut Pdf, face: &Face<'_>, u: &FontUse, r: &FontRefs) -> Result<(), Error> {
    let subset =
        subsetter::subset(face.data, face.index, &u.remapper).map_err(|e| Error::Font {
            path: face.label.into(),
            message: format!("subsetting failed: {e}"),
        })?;
    // CFF outlines go in as a bare CFF program.
    let raw = ttf_parser::RawFace::parse(&subset, 0).ok();
    let cff = raw.and_then(|r| r.table(ttf_parser::Tag::from_bytes(b"CFF ")));
    let is_cff = cff.is_some();
    let program = deflate(cff.unwrap_or(&subset));
    let base = format!("{}+{}", subset_tag(face, u), face.postscript_name());
    let scale = 1000.0 / face.units_per_em;

    let type0 = |pdf: &mut Pdf, (t, cmap): (Ref, Ref)| {
        pdf.type0_font(t)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(r.cid)
            .to_unicode(cmap);
    };
    type0(pdf, r.layers[0]);
    write_cid_font(pdf, face, u, r, &base, is_cff, scale);
    write_descriptor(pdf, face, r, &base, is_cff, scale);
    let mut stream = pdf.stream(r.file, &program);
    stream.filter(Filter::FlateDecode);
    if is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();
    write_to_unicode(pdf, u, 0, r.layers[0].1);
    for (layer, &refs) in r.layers.iter().enumerate().skip(1) {
        type0(pdf, refs);
        write_to_unicode(pdf, u, layer, refs.1);
    }
    Ok(())
}

/// The six-letter subset tag: a hash of the kept glyphs and the face.
fn subset_tag(face: &Face<'_>, u: &FontUse) -> String {
    let mut tag_hash: u32 = 2166136261;
    for g in u.remapper.remapped_gids() {
        for b in g.to_be_bytes() {
            tag_hash = (tag_hash ^ b as u32).wrapping_mul(16777619);
        }
    }
    for b in face.postscript_name().bytes() {
        tag_hash = (tag_hash ^ b as u32).wrapping_mul(16777619);
    }
    let mut tag = String::new();
    let mut h = tag_hash;
    for _ in 0..6 {
        tag.push((b'A' + (h % 26) as u8) as char);
        h /= 26;
    }
    tag
}

/// The CID font with the subset glyphs' widths.
fn write_cid_font(
    pdf: &mut Pdf,
    face: &Face<'_>,
    u: &FontUse,
    r: &FontRefs,
    base: &str,
    is_cff: bool,
    scale: f32,
) {
    let widths: Vec<f32> = u
        .remapper
        .remapped_gids()
        .map(|old| {
            face.rb
                .glyph_hor_advance(ttf_parser::GlyphId(old))
                .unwrap_or(0) as f32
                * scale
        })
        .collect();
    let mut cid_font = pdf.cid_font(r.cid);
    cid_font
        .subtype(if is_cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(base.as_bytes()))
        .system_info(SYSTEM_INFO)
        .font_descriptor(r.desc)
        .default_width(0.0);
    cid_font.widths().consecutive(0, widths.iter().copied());
    if !is_cff {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid_font.finish();
}

/// The font descriptor: flags, bounding box, metrics, the program's object.
fn write_descriptor(
    pdf: &mut Pdf,
    face: &Face<'_>,
    r: &FontRefs,
    base: &str,
    is_cff: bool,
    scale: f32,
) {
    let rb = &face.rb;
    let bbox = rb.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    if face.serif {
        flags |= FontFlags::SERIF;
    }
    if face.italic {
        flags |= FontFlags::ITALIC;
    }
    if face.mono {
        flags |= FontFlags::FIXED_PITCH;
    }
    let ascent = rb.ascender() as f32 * scale;
    let descent = rb.descender() as f32 * scale;
    let cap = rb
        .capital_height()
        .map(|h| h as f32 * scale)
        .unwrap_or(ascent);
    let weight = rb.weight().to_number();
    let stem_v = 10.0 + 0.244 * (weight as f32 - 50.0);
    let mut d = pdf.font_descriptor(r.desc);
    d.name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            bbox.x_min as f32 * scale,
            bbox.y_min as f32 * scale,
            bbox.x_max as f32 * scale,
            bbox.y_max as f32 * scale,
        ))
        .italic_angle(rb.italic_angle())
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap)
        .stem_v(stem_v);
    if is_cff {
        d.font_file3(r.file);
    } else {
        d.font_file2(r.file);
    }
    d.finish();
}

/// The ToUnicode map of layer `layer`: what each glyph says in it. A
/// use whose text is empty (a glyph past its cluster's characters) gets no
/// entry.
fn write_to_unicode(pdf: &mut Pdf, u: &FontUse, layer: usize, cmap_ref: Ref) {
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    let mut entries: Vec<(u16, &str)> = u
        .texts
        .iter()
        .filter_map(|(&old, t)| Some((u.remapper.get(old)?, &**t.get(layer)?)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    entries.sort_unstable();
    for (gid, text) in entries {
        cmap.pair_with_multiple(gid, text.chars());
    }
    let cmap_data = deflate(&cmap.finish());
    pdf.cmap(cmap_ref, &cmap_data).filter(Filter::FlateDecode);
}

#[cfg(test)]
mod split_tests {
    use crate::export::fonts::split_cluster;

    #[test]
    fn a_mark_glyph_takes_the_marks_before_its_letter() {
        // Right-to-left text is stored reversed: marks, then the letter.
        assert_eq!(
            split_cluster("\u{651}\u{64c}\u{64a}", &[10, 20], |_| None),
            ["\u{651}\u{64c}", "\u{64a}"]
        );
        // A letter then its mark (left to right) is left as it was.
        assert_eq!(
            split_cluster("q\u{303}", &[1, 2], |_| None),
            ["q", "\u{303}"]
        );
        // Marks only: each glyph keeps a character.
        assert_eq!(
            split_cluster("\u{651}\u{64c}", &[10, 20], |_| None),
            ["\u{651}", "\u{64c}"]
        );
    }
}
