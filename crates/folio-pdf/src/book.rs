//! A book's front matter: the title page and the table of contents.
//!
//! The table of contents is set after the articles, so its page numbers
//! are the real ones; see `render_doc` in the crate root for the loop that
//! settles how many pages the contents take.

use crate::PdfOptions;
use crate::layout::{self, Anchor, Geometry, GoTo, Page, Placed, Rule};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::para;
use crate::typeset::shape;
use crate::typeset::text::{Align, Color, Glyph, Line, ParaSpec, Span};
use folio_core::model::Collection;

/// A table of contents entry: the article's title and the index of the
/// page it starts on.
pub(crate) struct Entry {
    pub title: String,
    pub page: usize,
}

/// The heading of the table of contents in the book's language (the
/// labels table every writer shares).
pub(crate) fn contents_label(lang: &str) -> &'static str {
    folio_core::labels::labels(&folio_core::Language::new(lang)).contents
}

/// The title of an entry: articles without a title still get a line.
pub(crate) fn entry_title(title: &str) -> String {
    let t = title.trim();
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t.to_string()
    }
}

/// Everything the title page prints, for the font coverage check.
pub(crate) fn front_text(c: &Collection) -> Vec<String> {
    let mut v = vec![c.title.clone(), contents_label(&c.language).to_string()];
    v.extend(c.subtitle.clone());
    v.extend(c.authors.iter().cloned());
    v.extend(c.publisher.clone());
    v.extend(c.rights.clone());
    v.extend(date_text(c));
    v.push("Untitled".into());
    v
}

fn date_text(c: &Collection) -> Option<String> {
    let d = c.date?;
    let primary = c.language.split(['-', '_']).next().unwrap_or("");
    Some(if matches!(primary, "en" | "und" | "") {
        d.format("%-d %B %Y").to_string()
    } else {
        d.format("%Y-%m-%d").to_string()
    })
}

fn set(fonts: &Fonts<'_>, spans: &[Span], size: f32, width: f32, lang: &str) -> Vec<Line> {
    para::set(
        fonts,
        &ParaSpec {
            spans,
            size,
            width,
            first_indent: 0.0,
            align: Align::Start,
            lang,
            rtl: false,
            preformatted: false,
        },
    )
}

/// Horizontal extent of a line's glyphs.
fn extent(line: &Line) -> (f32, f32) {
    let lo = line.glyphs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    let hi = line
        .glyphs
        .iter()
        .map(|g| g.x + g.advance)
        .fold(f32::MIN, f32::max);
    if lo > hi { (0.0, 0.0) } else { (lo, hi) }
}

/// Places `lines` centred on the measure, the first line box's top at
/// `*y`; advances `*y` past them.
fn centred(page: &mut Page, g: &Geometry, lines: Vec<Line>, size: f32, leading: f32, y: &mut f32) {
    for line in lines {
        let (lo, hi) = extent(&line);
        let x = g.left + (g.measure - (hi - lo)) / 2.0 - lo;
        page.lines.push(Placed {
            line,
            x,
            y: *y + (leading + size * 0.7) / 2.0,
            info: None,
        });
        *y += leading;
    }
}

fn gray(text: &str, style: Style) -> Span {
    let mut sp = Span::new(text, style);
    sp.color = Color::Gray;
    sp
}

/// The title page: the book's title, subtitle, authors and date in the
/// upper part of the page, the publisher and rights at its foot.
pub(crate) fn title_page(c: &Collection, fonts: &Fonts<'_>, opts: &PdfOptions) -> Page {
    let g = layout::geometry(opts);
    let s = g.size;
    let lang = c.language.as_str();
    let mut page = Page::default();
    let area = g.height - g.top - g.bottom;
    let mut y = g.top + area * 0.2;
    let ts = s * 2.6;
    // Absurdly long titles are cut so the page holds them (the outline
    // and the metadata keep them whole).
    let title = layout::shorten(&entry_title(&c.title), 240);
    let lines = set(fonts, &[Span::new(title, Style::Bold)], ts, g.measure, lang);
    centred(&mut page, &g, lines, ts, ts * 1.18, &mut y);
    if let Some(sub) = c.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
        y += s * 0.6;
        let ss = s * 1.35;
        let sub = layout::shorten(sub, 400);
        let lines = set(fonts, &[Span::new(sub, Style::Italic)], ss, g.measure, lang);
        centred(&mut page, &g, lines, ss, ss * 1.3, &mut y);
    }
    y += s * 1.6;
    let w = g.measure * 0.18;
    page.rules.push(Rule {
        x0: g.left + (g.measure - w) / 2.0,
        x1: g.left + (g.measure + w) / 2.0,
        y,
        width: 0.6,
    });
    y += s * 1.8;
    let authors: Vec<&str> = c
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        let as_ = s * 1.2;
        let lines = set(
            fonts,
            &[Span::new(
                layout::shorten(&authors.join(", "), 400),
                Style::Regular,
            )],
            as_,
            g.measure,
            lang,
        );
        centred(&mut page, &g, lines, as_, as_ * 1.35, &mut y);
        y += s * 0.5;
    }
    if let Some(d) = date_text(c) {
        let lines = set(fonts, &[gray(&d, Style::Italic)], s, g.measure, lang);
        centred(&mut page, &g, lines, s, s * 1.35, &mut y);
    }
    // The foot of the page: publisher, then rights.
    let mut foot: Vec<(Vec<Line>, f32, f32)> = Vec::new();
    if let Some(p) = c.publisher.as_deref().filter(|t| !t.trim().is_empty()) {
        let ps = s * 0.95;
        let lines = set(fonts, &[Span::new(p, Style::Bold)], ps, g.measure, lang);
        foot.push((lines, ps, ps * 1.35));
    }
    if let Some(r) = c.rights.as_deref().filter(|t| !t.trim().is_empty()) {
        let rs = s * 0.8;
        let lines = set(fonts, &[gray(r, Style::Regular)], rs, g.measure, lang);
        foot.push((lines, rs, rs * 1.35));
    }
    let foot_h: f32 = foot.iter().map(|(l, _, lead)| l.len() as f32 * lead).sum();
    let mut fy = (g.top + area - foot_h).max(y + s * 2.0);
    for (lines, size, leading) in foot {
        centred(&mut page, &g, lines, size, leading, &mut fy);
    }
    page
}

/// The table of contents: one entry per article, its title wrapped on the
/// measure less the number column, dotted leaders to the right-aligned page
/// number, the whole entry a link to the article's first page. `largest` is
/// the largest page number the column must hold.
pub(crate) fn contents(
    entries: &[Entry],
    largest: usize,
    lang: &str,
    fonts: &Fonts<'_>,
    opts: &PdfOptions,
) -> Vec<Page> {
    let g = layout::geometry(opts);
    let s = g.size;
    let area_bottom = g.height - g.bottom;
    let mut pages = vec![Page::default()];
    let mut y = g.top;
    // Heading.
    let hs = s * 1.7;
    let label = contents_label(lang);
    let lines = set(fonts, &[Span::new(label, Style::Bold)], hs, g.measure, lang);
    pages[0].anchors.push(Anchor {
        level: 0,
        title: label.to_string(),
        y,
    });
    for line in lines {
        pages[0].lines.push(Placed {
            line,
            x: g.left,
            y: y + hs,
            info: None,
        });
        y += hs * 1.2;
    }
    y += s * 1.4;

    let regular = fonts.primary(Style::Regular);
    let shaped = |text: &str, color: Color| -> Vec<Glyph> {
        shape::shape(fonts, regular, text, s, false, "und", color)
    };
    let digits = largest.max(1).to_string().len();
    let num_w: f32 = shaped(&"0".repeat(digits), Color::Black)
        .iter()
        .map(|g| g.advance)
        .sum();
    let gap = s * 2.0;
    // Lines after an entry's first hang in by one em.
    let hang = s;
    let title_w = g.measure - num_w - gap - hang;
    let leading = s * 1.32;
    let ascent = layout::ascent_for(fonts, s, leading);
    let dot = shaped(".", Color::Gray);
    let step = s * 0.6;
    for e in entries {
        let mut lines = set(
            fonts,
            &[Span::new(
                layout::shorten(&entry_title(&e.title), 300),
                Style::Regular,
            )],
            s,
            title_w,
            lang,
        );
        if lines.is_empty() {
            lines.push(Line::default());
        }
        let h = lines.len() as f32 * leading;
        if y + h > area_bottom && !pages.last().expect("a page").lines.is_empty() {
            pages.push(Page::default());
            y = g.top;
        }
        let page = pages.last_mut().expect("a page");
        let top = y;
        let n = lines.len();
        for (k, mut line) in lines.into_iter().enumerate() {
            // Lines after the first hang in; the leaders and the number
            // keep to the page's grid and right edge.
            let shift = if k == 0 { 0.0 } else { hang };
            if k + 1 == n {
                // Leaders on a grid shared by all entries, so the dots of
                // successive lines stand in columns; then the number.
                let (_, end) = extent(&line);
                let end = end + shift;
                let mut num = shaped(&(e.page + 1).to_string(), Color::Black);
                let w: f32 = num.iter().map(|g| g.advance).sum();
                let num_x = g.measure - w;
                let dot_w: f32 = dot.iter().map(|g| g.advance).sum();
                let first = ((end + s * 0.5) / step).ceil() as i32;
                let last = ((num_x - s * 0.5 - dot_w) / step).floor() as i32;
                for k in first..=last {
                    for d in &dot {
                        let mut d = d.clone();
                        d.x += k as f32 * step - shift;
                        line.glyphs.push(d);
                    }
                }
                for gl in &mut num {
                    gl.x += num_x - shift;
                }
                line.glyphs.extend(num);
            }
            page.lines.push(Placed {
                line,
                x: g.left + shift,
                y: y + ascent,
                info: None,
            });
            y += leading;
        }
        page.gotos.push(GoTo {
            x0: g.left,
            x1: g.left + g.measure,
            top,
            bottom: y,
            page: e.page,
        });
        y += s * 0.35;
    }
    pages
}
