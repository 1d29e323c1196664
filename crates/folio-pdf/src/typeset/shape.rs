//! Shaping: one run of text in one face and direction becomes glyphs
//! (`rustybuzz`: kerning, ligatures, Arabic joining), each glyph carrying
//! the text of its cluster.

use super::fonts::Fonts;
use super::text::{Color, Glyph, GlyphText};

/// Shapes `text` in one face and direction. Glyph `x` values are relative
/// to the start of the run; `text` holds each cluster's characters.
pub(crate) fn shape(
    fonts: &Fonts<'_>,
    face: usize,
    text: &str,
    size: f32,
    rtl: bool,
    lang: &str,
    color: Color,
) -> Vec<Glyph> {
    let f = &fonts.faces[face];
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    if let Ok(l) = lang.parse::<rustybuzz::Language>() {
        buf.set_language(l);
    }
    buf.guess_segment_properties();
    let plan = fonts.plan(face, &buf);
    let out = rustybuzz::shape_with_plan(&f.rb, &plan, buf);
    let scale = size / f.units_per_em;
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    // Cluster boundaries in logical order, to cut the text of each cluster.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |c: usize| -> &str {
        let i = starts.partition_point(|&s| s <= c);
        let end = starts.get(i).copied().unwrap_or(text.len());
        &text[c..end]
    };
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut x = 0.0;
    let mut prev_cluster = usize::MAX;
    for (info, pos) in infos.iter().zip(positions) {
        let cluster = info.cluster as usize;
        let t = if cluster != prev_cluster {
            let t = cluster_text(cluster);
            if rtl && t.chars().count() > 1 {
                // Extractors reverse right-to-left text glyph by glyph; a
                // ligature's characters are stored reversed so they come
                // out in logical order.
                GlyphText::from(t.chars().rev().collect::<String>().as_str())
            } else {
                GlyphText::from(t)
            }
        } else {
            GlyphText::default()
        };
        prev_cluster = cluster;
        glyphs.push(Glyph {
            face,
            gid: info.glyph_id as u16,
            size,
            x: x + pos.x_offset as f32 * scale,
            y: pos.y_offset as f32 * scale,
            advance: pos.x_advance as f32 * scale,
            text: t,
            color,
        });
        x += pos.x_advance as f32 * scale;
    }
    glyphs
}
