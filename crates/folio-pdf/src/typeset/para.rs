//! Paragraph setting, a page of named steps: styled spans are collected
//! into boxes, glue and penalties ([`super::collect`]), broken into lines
//! by Knuth–Plass ([`super::linebreak`]), and built into lines of
//! positioned glyphs ([`super::lines`]).

use super::collect::{self, Joined};
use super::fonts::Fonts;
use super::linebreak;
use super::lines;
use super::text::{Line, ParaSpec};

/// Sets a paragraph into lines.
pub(crate) fn set(fonts: &Fonts<'_>, spec: &ParaSpec<'_>) -> Vec<Line> {
    let joined = Joined::new(spec);
    // Collapse the text's leading/trailing whitespace.
    if !spec.preformatted && joined.text.trim().is_empty() {
        return Vec::new();
    }
    if joined.text.is_empty() {
        return vec![Line::default()];
    }
    let dict = collect::dictionary(spec);
    let justify = collect::justified(spec);
    let measure = spec.width as f64;
    let mut para = collect::collect(fonts, spec, &joined, dict);
    collect::split_overlong(&mut para, measure);
    collect::finish(&mut para, justify, measure);
    let extra = if justify { 0.0 } else { spec.size as f64 * 4.0 };
    let breaks = linebreak::break_paragraph(&para.items, measure, extra, dict.is_some());
    lines::build(&para, &breaks.positions, spec)
}
