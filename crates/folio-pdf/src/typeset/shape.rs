//! Shaping: one run of text in one face and direction becomes glyphs
//! (`rustybuzz`: kerning, ligatures, Arabic joining), each glyph carrying
//! the text of its cluster.

use super::fonts::Fonts;
use super::shape_cache::Shaped;
use super::text::{Color, Glyph, GlyphText};
use std::sync::Arc;

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
    let cache = || fonts.shaped.lock().unwrap_or_else(|e| e.into_inner());
    let hit = cache().get(face, rtl, lang, text);
    let run = match hit {
        Some(run) => run,
        None => {
            // Shaped unlocked: other threads go on meanwhile.
            let run: Arc<[Shaped]> = shape_run(fonts, face, text, rtl, lang).into();
            cache().put(face, rtl, lang, text, run.clone());
            run
        }
    };
    let scale = size / fonts.faces[face].units_per_em;
    let mut glyphs = Vec::with_capacity(run.len());
    let mut x = 0.0;
    for g in run.iter() {
        glyphs.push(Glyph {
            face,
            gid: g.gid,
            size,
            x: x + g.x_offset as f32 * scale,
            y: g.y_offset as f32 * scale,
            advance: g.x_advance as f32 * scale,
            text: glyph_text(&text[g.text.0 as usize..g.text.1 as usize], rtl),
            color,
        });
        x += g.x_advance as f32 * scale;
    }
    glyphs
}

/// A glyph's text: its cluster's characters.
fn glyph_text(t: &str, rtl: bool) -> GlyphText {
    if rtl && t.chars().count() > 1 {
        // Extractors reverse right-to-left text glyph by glyph; a
        // ligature's characters are stored reversed so they come out in
        // logical order.
        GlyphText::from(t.chars().rev().collect::<String>().as_str())
    } else {
        GlyphText::from(t)
    }
}

/// Shapes one run with rustybuzz, in font units.
fn shape_run(fonts: &Fonts<'_>, face: usize, text: &str, rtl: bool, lang: &str) -> Vec<Shaped> {
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
    let mut prev_cluster = usize::MAX;
    for (info, pos) in infos.iter().zip(positions) {
        let cluster = info.cluster as usize;
        // A cluster's text goes with its first glyph.
        let t = if cluster != prev_cluster {
            let t = cluster_text(cluster);
            (cluster as u32, (cluster + t.len()) as u32)
        } else {
            (0, 0)
        };
        prev_cluster = cluster;
        glyphs.push(Shaped {
            gid: info.glyph_id as u16,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            x_advance: pos.x_advance,
            text: t,
        });
    }
    glyphs
}
