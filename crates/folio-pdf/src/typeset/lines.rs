//! Line building: the breakpoints chosen by [`super::linebreak`] become
//! lines of positioned glyphs — glue stretched or shrunk, items put in
//! visual order (UAX #9), the line aligned, its links measured.

use super::collect::Para;
use super::fonts::Fonts;
use super::linebreak::Kind;
use super::text::{Align, Line, LinkArea, ParaSpec};

/// Builds one line per breakpoint of `positions` (indices into the
/// paragraph's items; the last is the forced final break).
pub(crate) fn build(para: &Para<'_, '_>, positions: &[usize], spec: &ParaSpec<'_>) -> Vec<Line> {
    let items = &para.items;
    let rtl = spec.rtl;
    let mut lines = Vec::with_capacity(positions.len());
    let mut start = 0;
    let last_pos = items.len() - 1;
    for &b in positions {
        // Skip discardable items at the line start.
        while start < b && !matches!(items[start].kind, Kind::Box) {
            start += 1;
        }
        let (idx, hyphen_at_end) = line_items(para, start, b);
        let ratio = adjustment(para, &idx, b, hyphen_at_end, b == last_pos, spec);
        // Visual order (UAX #9, rule L2).
        let mut order: Vec<usize> = idx.clone();
        if hyphen_at_end {
            order.push(b);
        }
        let levels: Vec<u8> = order.iter().map(|&i| para.content[i].level).collect();
        reorder(&mut order, &levels);
        let mut line = Line {
            hyphenated: matches!(items[b].kind, Kind::Penalty { flagged: true, .. }),
            ratio: ratio as f32,
            ..Default::default()
        };
        let (x, link_runs) = place(para, &order, ratio, &mut line);
        let slack = (spec.width as f64 - x).max(0.0) as f32;
        align(para, &mut line, link_runs, slack, spec.align, rtl);
        lines.push(line);
        start = b + 1;
    }
    lines
}

/// The items drawn on the line `start..b` (penalties and trailing glue
/// left out), and whether it ends with a hyphen.
fn line_items(para: &Para<'_, '_>, start: usize, b: usize) -> (Vec<usize>, bool) {
    let items = &para.items;
    let mut idx: Vec<usize> = (start..b)
        .filter(|&i| !matches!(items[i].kind, Kind::Penalty { .. }))
        .collect();
    // Trailing glue is dropped.
    while idx
        .last()
        .is_some_and(|&i| matches!(items[i].kind, Kind::Glue { .. }))
    {
        idx.pop();
    }
    let hyphen_at_end = matches!(items[b].kind, Kind::Penalty { .. }) && items[b].width > 0.0;
    (idx, hyphen_at_end)
}

/// How far the line's glue stretches (> 0) or shrinks (< 0).
/// The most a justified line's glue stretches: spaces (and the word
/// boundaries of Thai) at twice their width.
const MAX_RATIO: f64 = 2.0;

fn adjustment(
    para: &Para<'_, '_>,
    idx: &[usize],
    b: usize,
    hyphen_at_end: bool,
    is_last: bool,
    spec: &ParaSpec<'_>,
) -> f64 {
    let items = &para.items;
    let width = spec.width as f64;
    let natural: f64 = idx.iter().map(|&i| items[i].width).sum::<f64>()
        + if hyphen_at_end { items[b].width } else { 0.0 };
    let stretch: f64 = idx
        .iter()
        .map(|&i| match items[i].kind {
            Kind::Glue { stretch, .. } => stretch,
            _ => 0.0,
        })
        .sum();
    let shrink: f64 = idx
        .iter()
        .map(|&i| match items[i].kind {
            Kind::Glue { shrink, .. } => shrink,
            _ => 0.0,
        })
        .sum();
    if natural > width && shrink > 0.0 {
        ((width - natural) / shrink).max(-1.0)
    } else if natural < width && stretch > 0.0 && !is_last && spec.align == Align::Justify {
        // A line that would need more is set with its spaces at twice their
        // width, short of the measure, rather than with gaps that readers
        // take for a column gutter (pdftotext split such a line in two).
        ((width - natural) / stretch).min(MAX_RATIO)
    } else {
        0.0
    }
}

/// Link runs on a line: start, end, link index.
type LinkRuns = Vec<(f64, f64, usize)>;

/// Puts the items of `order` on `line` from its left edge, glue adjusted
/// by `ratio`; returns the line's end and its link runs.
fn place(para: &Para<'_, '_>, order: &[usize], ratio: f64, line: &mut Line) -> (f64, LinkRuns) {
    let mut x = 0.0f64;
    let mut link_runs: Vec<(f64, f64, usize)> = Vec::new();
    for &i in order {
        let it = &para.items[i];
        let w = match it.kind {
            Kind::Glue { stretch, shrink } => {
                if ratio >= 0.0 {
                    it.width + ratio * stretch
                } else {
                    it.width + ratio * shrink
                }
            }
            _ => it.width,
        };
        let c = &para.content[i];
        for g in &c.glyphs {
            let mut g = g.clone();
            g.x += x as f32;
            line.glyphs.push(g);
        }
        if let Some(l) = c.link {
            match link_runs.last_mut() {
                Some(r) if r.2 == l && (r.1 - x).abs() < 0.01 => r.1 = x + w,
                _ => link_runs.push((x, x + w, l)),
            }
        }
        x += w;
    }
    line.width = x as f32;
    (x, link_runs)
}

/// Moves the placed line by its `slack` as its alignment says, and adds
/// its links.
fn align(
    para: &Para<'_, '_>,
    line: &mut Line,
    link_runs: LinkRuns,
    slack: f32,
    align: Align,
    rtl: bool,
) {
    let offset = match align {
        Align::Justify | Align::Start => {
            if rtl {
                slack
            } else {
                0.0
            }
        }
        Align::End => {
            if rtl {
                0.0
            } else {
                slack
            }
        }
    };
    if offset != 0.0 {
        for g in &mut line.glyphs {
            g.x += offset;
        }
    }
    for (x0, x1, l) in link_runs {
        line.links.push(LinkArea {
            x0: x0 as f32 + offset,
            x1: x1 as f32 + offset,
            url: para.links[l].clone(),
            index: l,
            tag: None,
        });
    }
}

/// Reverses runs of items from the highest level down to the lowest odd
/// level (UAX #9 rule L2).
fn reorder(order: &mut [usize], levels: &[u8]) {
    let Some(&max) = levels.iter().max() else {
        return;
    };
    let min_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(max + 1);
    let mut lv: Vec<(usize, u8)> = order.iter().copied().zip(levels.iter().copied()).collect();
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < lv.len() {
            if lv[i].1 >= level {
                let mut j = i;
                while j < lv.len() && lv[j].1 >= level {
                    j += 1;
                }
                lv[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    for (o, (i, _)) in order.iter_mut().zip(lv) {
        *o = i;
    }
}

/// Ends `line` (unless it ends with a hyphen) with a space glyph of its
/// last glyph's face, after its last glyph: spaces at line ends are not
/// drawn, so without it a reader of the marked content (a screen reader,
/// `pdfinfo -struct-text`) would join the last word of a line to the
/// first of the next.
pub(crate) fn end_space(fonts: &Fonts<'_>, line: &mut Line) {
    if line.hyphenated {
        return;
    }
    let Some(last) = line.glyphs.iter().max_by(|a, b| a.x.total_cmp(&b.x)) else {
        return;
    };
    let Some(face) = fonts.faces.get(last.face) else {
        return;
    };
    let Some(gid) = face.rb.glyph_index(' ') else {
        return;
    };
    let mut g = last.clone();
    g.gid = gid.0;
    g.x = last.x + last.advance;
    g.advance = 0.0;
    g.text = " ".into();
    line.glyphs.push(g);
}
