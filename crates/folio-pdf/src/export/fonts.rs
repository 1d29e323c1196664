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

/// Per-face glyph use: the remapper and each glyph's ToUnicode text.
pub(crate) struct FontUse {
    pub remapper: GlyphRemapper,
    /// Old glyph id → the text its ToUnicode entry gives.
    pub text: FxHashMap<u16, Box<str>>,
}

impl FontUse {
    /// What a reader takes glyph `gid` to say.
    pub(crate) fn says(&self, gid: u16) -> &str {
        self.text.get(&gid).map_or("", |t| t)
    }
}

/// Which glyphs of which faces `pages` use, and what each says: the text
/// it starts a cluster with most often (ties: the smallest text).
/// Clusters that say something else get an /ActualText span.
pub(crate) fn font_uses(pages: &[PackedPage]) -> BTreeMap<usize, FontUse> {
    let mut uses: BTreeMap<usize, FontUse> = BTreeMap::new();
    let mut votes: BTreeMap<(u16, u16), BTreeMap<&str, u32>> = BTreeMap::new();
    for page in pages {
        for &(face, gid) in &page.seen {
            let u = uses.entry(face as usize).or_insert_with(|| FontUse {
                remapper: GlyphRemapper::new(),
                text: FxHashMap::default(),
            });
            u.remapper.remap(gid);
        }
        for &((face, gid, id), n) in &page.tally {
            *votes
                .entry((face, gid))
                .or_default()
                .entry(&page.strings[id as usize - 1])
                .or_default() += n;
        }
    }
    for ((face, gid), texts) in votes {
        let mut best: Option<(&str, u32)> = None;
        for (t, n) in texts {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((t, n));
            }
        }
        if let (Some(u), Some((t, _))) = (uses.get_mut(&(face as usize)), best) {
            u.text.insert(gid, t.into());
        }
    }
    uses
}

/// The objects of one embedded font.
struct FontRefs {
    type0: Ref,
    cid: Ref,
    desc: Ref,
    file: Ref,
    cmap: Ref,
}

/// Embeds each used face; returns the Type 0 font of each.
pub(crate) fn write_fonts(
    pdf: &mut Pdf,
    alloc: &mut Alloc,
    fonts: &Fonts<'_>,
    uses: &BTreeMap<usize, FontUse>,
) -> Result<BTreeMap<usize, Ref>, Error> {
    let mut font_refs: BTreeMap<usize, Ref> = BTreeMap::new();
    for (&face_idx, u) in uses {
        let refs = FontRefs {
            type0: alloc.next(),
            cid: alloc.next(),
            desc: alloc.next(),
            file: alloc.next(),
            cmap: alloc.next(),
        };
        font_refs.insert(face_idx, refs.type0);
        write_font(pdf, &fonts.faces[face_idx], u, &refs)?;
    }
    Ok(font_refs)
}

/// The subset of `face` with the glyphs of `u`, as a Type 0 font over a
/// CID font, its descriptor, its program and its ToUnicode map.
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

    pdf.type0_font(r.type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(r.cid)
        .to_unicode(r.cmap);
    write_cid_font(pdf, face, u, r, &base, is_cff, scale);
    write_descriptor(pdf, face, r, &base, is_cff, scale);
    let mut stream = pdf.stream(r.file, &program);
    stream.filter(Filter::FlateDecode);
    if is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();
    write_to_unicode(pdf, u, r.cmap);
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

/// The ToUnicode map: each kept glyph's text.
fn write_to_unicode(pdf: &mut Pdf, u: &FontUse, cmap_ref: Ref) {
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    let mut entries: Vec<(u16, &str)> = u
        .text
        .iter()
        .filter_map(|(&old, t)| Some((u.remapper.get(old)?, &**t)))
        .collect();
    entries.sort_unstable();
    for (gid, text) in entries {
        cmap.pair_with_multiple(gid, text.chars());
    }
    let cmap_data = deflate(&cmap.finish());
    pdf.cmap(cmap_ref, &cmap_data).filter(Filter::FlateDecode);
}
