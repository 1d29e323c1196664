//! A book's front matter: the title page and the table of contents.
//!
//! The table of contents is set after the articles, so its page numbers
//! are the real ones; [`front_matter`] settles how many pages the
//! contents take.

use super::geometry::{Geometry, ascent_for};
use super::labels::{contents_label, entry_title, shorten};
use super::page::{Anchor, GoTo, Page, Placed, Rule};
use super::style::{Contents, StyleTable, Text, TitlePage};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::para;
use crate::typeset::shape;
use crate::typeset::text::{Align, Color, Glyph, Line, ParaSpec, Span};
use folio_core::model::{Article, Collection};

/// A book's front matter, laid out.
pub(crate) struct FrontMatter {
    pub title_page: Page,
    pub contents: Vec<Page>,
}

/// A table of contents entry: the article's title and the index of the
/// page it starts on.
pub(crate) struct Entry {
    pub title: String,
    pub page: usize,
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

/// The front matter of a book whose articles take `article_pages` pages
/// each: the title page, then the contents (in `lang`), set with the page numbers
/// they imply; when they take a different number of pages than assumed,
/// they are set again until the count is stable.
pub(crate) fn front_matter(
    c: &Collection,
    articles: &[&Article],
    article_pages: &[usize],
    lang: &str,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &StyleTable,
) -> FrontMatter {
    let mut starts = Vec::with_capacity(article_pages.len());
    let mut body_pages = 0;
    for &n in article_pages {
        starts.push(body_pages);
        body_pages += n;
    }
    let mut toc_pages = 1;
    let mut rounds = 0;
    let toc = loop {
        let front = 1 + toc_pages;
        let entries: Vec<Entry> = articles
            .iter()
            .zip(&starts)
            .map(|(a, &s)| Entry {
                title: a.title.clone(),
                page: front + s,
            })
            .collect();
        let mut toc = contents(&entries, front + body_pages, lang, fonts, g, &st.contents);
        rounds += 1;
        if toc.len() == toc_pages {
            break toc;
        }
        if rounds >= 16 && toc.len() < toc_pages {
            // Never seen; keeps the numbers right whatever happens.
            toc.resize_with(toc_pages, Page::default);
            break toc;
        }
        toc_pages = toc.len();
    };
    FrontMatter {
        title_page: title_page(c, fonts, g, st),
        contents: toc,
    }
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

/// Where centred lines go: the page, its geometry, the baseline rule.
struct Centre<'p> {
    page: &'p mut Page,
    g: &'p Geometry,
    /// A line's baseline: half its box plus this fraction of half its size.
    baseline: f32,
}

impl Centre<'_> {
    /// Places `lines` of size and leading `t` centred on the measure, the
    /// first line box's top at `*y`; advances `*y` past them.
    fn lines(&mut self, lines: Vec<Line>, t: Text, y: &mut f32) {
        let g = self.g;
        for line in lines {
            let (lo, hi) = extent(&line);
            let x = g.left + (g.measure - (hi - lo)) / 2.0 - lo;
            self.page.lines.push(Placed {
                line,
                x,
                y: *y + (t.leading + t.size * self.baseline) / 2.0,
                info: None,
            });
            *y += t.leading;
        }
    }
}

fn gray(text: &str, style: Style) -> Span {
    let mut sp = Span::new(text, style);
    sp.color = Color::Gray;
    sp
}

/// The title page: the book's title, subtitle, authors and date in the
/// upper part of the page, the publisher and rights at its foot.
pub(crate) fn title_page(c: &Collection, fonts: &Fonts<'_>, g: &Geometry, st: &StyleTable) -> Page {
    let t = &st.title_page;
    let lang = c.language.as_str();
    let mut page = Page::default();
    let area = g.area();
    let mut y = g.top + area * t.top;
    let mut out = Centre {
        page: &mut page,
        g,
        baseline: t.baseline,
    };
    // Absurdly long titles are cut so the page holds them (the outline
    // and the metadata keep them whole).
    let title = shorten(&entry_title(&c.title), t.title_chars);
    let lines = set(
        fonts,
        &[Span::new(title, Style::Bold)],
        t.title.size,
        g.measure,
        lang,
    );
    out.lines(lines, t.title, &mut y);
    if let Some(sub) = c.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
        y += t.subtitle_space_before;
        let sub = shorten(sub, t.subtitle_chars);
        let lines = set(
            fonts,
            &[Span::new(sub, Style::Italic)],
            t.subtitle.size,
            g.measure,
            lang,
        );
        out.lines(lines, t.subtitle, &mut y);
    }
    y += t.rule_space_before;
    let w = g.measure * t.rule_length;
    out.page.rules.push(Rule {
        x0: g.left + (g.measure - w) / 2.0,
        x1: g.left + (g.measure + w) / 2.0,
        y,
        width: t.rule_width,
    });
    y += t.rule_space_after;
    let authors: Vec<&str> = c
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        let text = shorten(&authors.join(", "), t.authors_chars);
        let lines = set(
            fonts,
            &[Span::new(text, Style::Regular)],
            t.authors.size,
            g.measure,
            lang,
        );
        out.lines(lines, t.authors, &mut y);
        y += t.authors_space_after;
    }
    if let Some(d) = date_text(c) {
        let lines = set(
            fonts,
            &[gray(&d, Style::Italic)],
            t.date.size,
            g.measure,
            lang,
        );
        out.lines(lines, t.date, &mut y);
    }
    foot(c, fonts, g, t, &mut out, y);
    page
}

/// The foot of the title page: publisher, then rights, at the bottom of
/// the text block (at least `foot_gap` below `y`, where the upper part
/// ends).
fn foot(
    c: &Collection,
    fonts: &Fonts<'_>,
    g: &Geometry,
    t: &TitlePage,
    out: &mut Centre<'_>,
    y: f32,
) {
    let lang = c.language.as_str();
    // The foot of the page: publisher, then rights.
    let mut foot: Vec<(Vec<Line>, Text)> = Vec::new();
    if let Some(p) = c.publisher.as_deref().filter(|t| !t.trim().is_empty()) {
        let lines = set(
            fonts,
            &[Span::new(p, Style::Bold)],
            t.publisher.size,
            g.measure,
            lang,
        );
        foot.push((lines, t.publisher));
    }
    if let Some(r) = c.rights.as_deref().filter(|t| !t.trim().is_empty()) {
        let lines = set(
            fonts,
            &[gray(r, Style::Regular)],
            t.rights.size,
            g.measure,
            lang,
        );
        foot.push((lines, t.rights));
    }
    let foot_h: f32 = foot.iter().map(|(l, t)| l.len() as f32 * t.leading).sum();
    let mut fy = (g.top + g.area() - foot_h).max(y + t.foot_gap);
    for (lines, text) in foot {
        out.lines(lines, text, &mut fy);
    }
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
    g: &Geometry,
    st: &Contents,
) -> Vec<Page> {
    let mut pages = vec![Page::default()];
    let mut y = contents_heading(&mut pages[0], lang, fonts, g, st);
    let leaders = Leaders::new(fonts, largest, st);
    let title_w = g.measure - leaders.num_w - st.gap - st.hang;
    for e in entries {
        let title = shorten(&entry_title(&e.title), st.title_chars);
        let mut lines = set(
            fonts,
            &[Span::new(title, Style::Regular)],
            st.entry.size,
            title_w,
            lang,
        );
        if lines.is_empty() {
            lines.push(Line::default());
        }
        let h = lines.len() as f32 * st.entry.leading;
        if y + h > g.height - g.bottom && !pages.last().expect("a page").lines.is_empty() {
            pages.push(Page::default());
            y = g.top;
        }
        let page = pages.last_mut().expect("a page");
        let top = y;
        let n = lines.len();
        for (k, mut line) in lines.into_iter().enumerate() {
            // Lines after the first hang in; the leaders and the number
            // keep to the page's grid and right edge.
            let shift = if k == 0 { 0.0 } else { st.hang };
            if k + 1 == n {
                leaders.add(&mut line, e.page, shift, g.measure);
            }
            page.lines.push(Placed {
                line,
                x: g.left + shift,
                y: y + leaders.ascent,
                info: None,
            });
            y += st.entry.leading;
        }
        page.gotos.push(GoTo {
            x0: g.left,
            x1: g.left + g.measure,
            top,
            bottom: y,
            page: e.page,
        });
        y += st.entry_space_after;
    }
    pages
}

/// The contents' heading (an outline anchor too) on `page`; returns where
/// the entries start.
fn contents_heading(
    page: &mut Page,
    lang: &str,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &Contents,
) -> f32 {
    let mut y = g.top;
    let hs = st.heading.size;
    let label = contents_label(lang);
    let lines = set(fonts, &[Span::new(label, Style::Bold)], hs, g.measure, lang);
    page.anchors.push(Anchor {
        level: 0,
        title: label.to_string(),
        y,
    });
    for line in lines {
        page.lines.push(Placed {
            line,
            x: g.left,
            y: y + hs,
            info: None,
        });
        y += st.heading.leading;
    }
    y + st.heading_space_after
}

/// Dotted leaders and page numbers of the contents' entries.
struct Leaders<'f, 'a> {
    fonts: &'f Fonts<'a>,
    st: &'f Contents,
    /// The width of the page number column.
    num_w: f32,
    /// From the top of an entry's line box to its baseline.
    ascent: f32,
    dot: Vec<Glyph>,
}

impl<'f, 'a> Leaders<'f, 'a> {
    fn new(fonts: &'f Fonts<'a>, largest: usize, st: &'f Contents) -> Self {
        let mut l = Leaders {
            fonts,
            st,
            num_w: 0.0,
            ascent: ascent_for(fonts, st.entry.size, st.entry.leading),
            dot: Vec::new(),
        };
        let digits = largest.max(1).to_string().len();
        l.num_w = l
            .shaped(&"0".repeat(digits), Color::Black)
            .iter()
            .map(|g| g.advance)
            .sum();
        l.dot = l.shaped(".", Color::Gray);
        l
    }

    fn shaped(&self, text: &str, color: Color) -> Vec<Glyph> {
        let regular = self.fonts.primary(Style::Regular);
        let s = self.st.entry.size;
        shape::shape(self.fonts, regular, text, s, false, "und", color)
    }

    /// Adds leaders on a grid shared by all entries, so the dots of
    /// successive lines stand in columns, then the number of page `page`
    /// (0-based), right-aligned on `measure`, to `line` (`shift`: its
    /// indent).
    fn add(&self, line: &mut Line, page: usize, shift: f32, measure: f32) {
        let (step, gap) = (self.st.dot_step, self.st.dot_gap);
        let (_, end) = extent(line);
        let end = end + shift;
        let mut num = self.shaped(&(page + 1).to_string(), Color::Black);
        let w: f32 = num.iter().map(|g| g.advance).sum();
        let num_x = measure - w;
        let dot_w: f32 = self.dot.iter().map(|g| g.advance).sum();
        let first = ((end + gap) / step).ceil() as i32;
        let last = ((num_x - gap - dot_w) / step).floor() as i32;
        let dots = line.glyphs.len();
        for k in first..=last {
            for d in &self.dot {
                let mut d = d.clone();
                d.x += k as f32 * step - shift;
                line.glyphs.push(d);
            }
        }
        for gl in &mut num {
            gl.x += num_x - shift;
        }
        super::tags::leaders(line, dots, line.glyphs.len());
        line.glyphs.extend(num);
    }
}
