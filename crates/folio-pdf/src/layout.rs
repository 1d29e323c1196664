//! Page layout: the article's blocks become vertical units of set lines,
//! and the units are broken into pages with headings kept with what
//! follows and widow/orphan control.

use crate::fonts::{Fonts, Style};
use crate::para::{self, Align, Color, Line, ParaSpec, Span};
use crate::{PageSize, PdfOptions};
use folio_core::model::{Article, Block, CaptionKind, Inline};

/// A line placed on a page: `x` of its left edge and `y` of its baseline,
/// both from the page's top-left corner, in points.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub line: Line,
    pub x: f32,
    pub y: f32,
    /// Where a body line comes from (`None` for the header and footer).
    #[cfg_attr(not(test), allow(dead_code))]
    pub info: Option<LineInfo>,
}

/// A body line's place in its unit, for checks of the page breaks.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct LineInfo {
    pub index: usize,
    pub count: usize,
    pub keep_with_next: bool,
    pub splittable: bool,
    /// The width the line was set to.
    pub measure: f32,
}

/// A horizontal rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub width: f32,
}

/// An outline entry: a heading's level, text and position.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    pub level: u8,
    pub title: String,
    pub y: f32,
}

/// A link to another page of the document (table of contents entries):
/// the area from the page's top-left corner, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GoTo {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Index of the target page.
    pub page: usize,
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub lines: Vec<Placed>,
    pub rules: Vec<Rule>,
    pub anchors: Vec<Anchor>,
    pub gotos: Vec<GoTo>,
}

/// The laid-out document.
pub(crate) struct Layout {
    pub pages: Vec<Page>,
}

/// A vertical unit: lines that belong together.
struct Unit {
    lines: Vec<(Line, f32)>,
    /// The measure the lines were set to.
    width: f32,
    leading: f32,
    /// From the top of a line box to its baseline.
    ascent: f32,
    space_before: f32,
    space_after: f32,
    keep_with_next: bool,
    splittable: bool,
    anchor: Option<(u8, String)>,
    rule_above: Option<f32>,
}

impl Unit {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.leading + self.rule_above.map_or(0.0, |_| self.leading * 0.5)
    }
}

/// Page geometry in points: paper, text block and base font size.
pub(crate) struct Geometry {
    pub height: f32,
    pub left: f32,
    pub measure: f32,
    pub top: f32,
    pub bottom: f32,
    pub size: f32,
}

pub(crate) fn geometry(opts: &PdfOptions) -> Geometry {
    let (width, height) = opts.page_size.dimensions();
    let size = opts
        .font_size
        .map(crate::FontSize::get)
        .unwrap_or(match opts.page_size {
            PageSize::A5 => 9.5,
            _ => 10.5,
        });
    let margin = (width * 0.14).max(size * 3.0);
    Geometry {
        height,
        left: margin,
        measure: width - 2.0 * margin,
        top: height * 0.075 + size,
        bottom: height * 0.085 + size,
        size,
    }
}

struct Builder<'f, 'a> {
    fonts: &'f Fonts<'a>,
    units: Vec<Unit>,
    lang: String,
    rtl: bool,
    size: f32,
    measure: f32,
}

pub(crate) fn ascent_for(fonts: &Fonts<'_>, size: f32, leading: f32) -> f32 {
    let f = &fonts.faces[fonts.primary(Style::Regular)];
    let asc = f.ascender() * size;
    let desc = -f.descender() * size;
    (leading - (asc + desc)) / 2.0 + asc
}

fn first_strong_rtl(text: &str) -> Option<bool> {
    folio_core::script::first_letter_is_rtl(text)
}

/// Options for one paragraph-like unit.
struct P {
    size: f32,
    leading: f32,
    align: Align,
    indent_left: f32,
    indent_right: f32,
    first_indent: f32,
    space_before: f32,
    space_after: f32,
    keep_with_next: bool,
    preformatted: bool,
}

impl<'f, 'a> Builder<'f, 'a> {
    fn para(&mut self, spans: &[Span], p: P) -> Unit {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let rtl = self.rtl || first_strong_rtl(&text).unwrap_or(false);
        let width = self.measure - p.indent_left - p.indent_right;
        let lines = para::set(
            self.fonts,
            &ParaSpec {
                spans,
                size: p.size,
                width,
                first_indent: p.first_indent,
                align: p.align,
                lang: &self.lang,
                rtl,
                preformatted: p.preformatted,
            },
        );
        let x = if rtl && p.indent_right != p.indent_left {
            p.indent_right
        } else {
            p.indent_left
        };
        Unit {
            lines: lines.into_iter().map(|l| (l, x)).collect(),
            width,
            leading: p.leading,
            ascent: ascent_for(self.fonts, p.size, p.leading),
            space_before: p.space_before,
            space_after: p.space_after,
            keep_with_next: p.keep_with_next,
            splittable: true,
            anchor: None,
            rule_above: None,
        }
    }

    fn push(&mut self, unit: Unit) {
        if !unit.lines.is_empty() {
            self.units.push(unit);
        }
    }

    fn body_p(&self) -> P {
        let s = self.size;
        P {
            size: s,
            leading: s * 1.34,
            align: Align::Justify,
            indent_left: 0.0,
            indent_right: 0.0,
            first_indent: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            preformatted: false,
        }
    }

    fn blocks(&mut self, blocks: &[Block], depth: u8, indent: f32, in_quote: bool) {
        let s = self.size;
        let mut prev_was_para = false;
        for block in blocks {
            match block {
                Block::Paragraph { content } => {
                    let style = if in_quote {
                        Style::Italic
                    } else {
                        Style::Regular
                    };
                    let spans = inline_spans(content, style);
                    let mut p = self.body_p();
                    p.indent_left = indent;
                    p.indent_right = if in_quote { indent } else { 0.0 };
                    if prev_was_para {
                        p.first_indent = s * 1.2;
                    } else {
                        p.space_before = s * 0.6;
                    }
                    let u = self.para(&spans, p);
                    self.push(u);
                    prev_was_para = true;
                    continue;
                }
                Block::Heading { level, content } => {
                    let (size, style) = match level {
                        1 => (s * 1.3, Style::Bold),
                        2 => (s * 1.12, Style::Bold),
                        _ => (s, Style::BoldItalic),
                    };
                    let spans = inline_spans(content, style);
                    let mut p = self.body_p();
                    p.size = size;
                    p.leading = size * 1.25;
                    p.align = Align::Start;
                    p.indent_left = indent;
                    p.space_before = s * 1.3;
                    p.space_after = s * 0.35;
                    p.keep_with_next = true;
                    let mut u = self.para(&spans, p);
                    u.splittable = false;
                    u.anchor = Some((*level, folio_core::model::plain_text(content)));
                    self.push(u);
                }
                Block::Quote { blocks } => {
                    let before = self.units.len();
                    self.blocks(blocks, depth, indent + s * 1.8, true);
                    if let Some(u) = self.units.get_mut(before) {
                        u.space_before = u.space_before.max(s * 0.6);
                    }
                    if let Some(u) = self.units.last_mut() {
                        u.space_after = u.space_after.max(s * 0.6);
                    }
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    let item_indent = indent + s * 1.6;
                    let first = start.unwrap_or(1);
                    for (k, item) in items.iter().enumerate() {
                        let marker = if *ordered {
                            format!("{}.", first.saturating_add(k as u64))
                        } else if depth % 2 == 0 {
                            "•".to_string()
                        } else {
                            "–".to_string()
                        };
                        let style = if in_quote {
                            Style::Italic
                        } else {
                            Style::Regular
                        };
                        let spans = inline_spans(&item.content, style);
                        let mut p = self.body_p();
                        p.indent_left = item_indent;
                        p.indent_right = if in_quote { indent } else { 0.0 };
                        p.space_before = if k == 0 { s * 0.5 } else { s * 0.2 };
                        let mut u = self.para(&spans, p);
                        if u.lines.is_empty() {
                            u.lines.push((Line::default(), item_indent));
                        }
                        self.add_marker(&mut u, &marker, style);
                        self.push(u);
                        if !item.children.is_empty() {
                            self.blocks(&item.children, depth + 1, item_indent, in_quote);
                        }
                    }
                    if let Some(u) = self.units.last_mut() {
                        u.space_after = u.space_after.max(s * 0.5);
                    }
                }
                Block::Code { text } => {
                    let size = s * 0.85;
                    let mut lines = Vec::new();
                    let mono = self.fonts.primary(Style::Mono);
                    let space_w =
                        para::shape(self.fonts, mono, " ", size, false, "und", Color::Black)
                            .iter()
                            .map(|g| g.advance)
                            .sum::<f32>();
                    for src in text.split('\n') {
                        let src = src.trim_end().replace('\t', "    ");
                        let body = src.trim_start_matches(' ');
                        let lead = (src.len() - body.len()) as f32 * space_w;
                        let spans = [Span::new(body, Style::Mono)];
                        let set = para::set(
                            self.fonts,
                            &ParaSpec {
                                spans: &spans,
                                size,
                                width: self.measure - indent - s,
                                first_indent: lead.min(self.measure / 2.0),
                                align: Align::Start,
                                lang: "und",
                                rtl: false,
                                preformatted: true,
                            },
                        );
                        if set.is_empty() {
                            lines.push((Line::default(), indent + s));
                        }
                        lines.extend(set.into_iter().map(|l| (l, indent + s)));
                    }
                    let leading = size * 1.3;
                    self.push(Unit {
                        lines,
                        width: self.measure - indent - s,
                        leading,
                        ascent: ascent_for(self.fonts, size, leading),
                        space_before: s * 0.6,
                        space_after: s * 0.6,
                        keep_with_next: false,
                        splittable: true,
                        anchor: None,
                        rule_above: None,
                    });
                }
                Block::Caption { kind, content } => {
                    let (style, size, align, color) = match kind {
                        CaptionKind::Caption => {
                            (Style::Italic, s * 0.85, Align::Start, Color::Black)
                        }
                        CaptionKind::Credit => (Style::Regular, s * 0.75, Align::End, Color::Gray),
                    };
                    let mut spans = inline_spans(content, style);
                    for sp in &mut spans {
                        if sp.link.is_none() {
                            sp.color = color;
                        }
                    }
                    let mut p = self.body_p();
                    p.size = size;
                    p.leading = size * 1.3;
                    p.align = align;
                    p.indent_left = indent;
                    p.space_before = s * 0.5;
                    p.space_after = s * 0.3;
                    let u = self.para(&spans, p);
                    self.push(u);
                }
                Block::Note { content, .. } => {
                    let size = s * 0.85;
                    let spans = inline_spans(content, Style::Regular);
                    let mut p = self.body_p();
                    p.size = size;
                    p.leading = size * 1.32;
                    p.align = Align::Justify;
                    p.indent_left = indent;
                    p.space_before = s * 0.45;
                    let u = self.para(&spans, p);
                    self.push(u);
                }
            }
            prev_was_para = false;
        }
    }

    /// Puts a list marker in the hanging indent of the unit's first line.
    fn add_marker(&mut self, unit: &mut Unit, marker: &str, style: Style) {
        let s = self.size;
        let face = self
            .fonts
            .face_for(style, marker.chars().next().unwrap_or('•'));
        let mut glyphs = para::shape(self.fonts, face, marker, s, false, "und", Color::Black);
        let w: f32 = glyphs.iter().map(|g| g.advance).sum();
        let rtl = self.rtl;
        if let Some((line, x)) = unit.lines.first_mut() {
            let width = self.measure - *x;
            let start = if rtl { width + s * 0.5 } else { -w - s * 0.5 };
            for g in &mut glyphs {
                g.x += start;
            }
            line.glyphs.splice(0..0, glyphs);
        }
    }

    fn title_block(&mut self, article: &Article) {
        let s = self.size;
        // Kicker, title, subtitle.
        if let Some(k) = &article.kicker {
            let mut sp = Span::new(k.clone(), Style::Bold);
            sp.color = Color::Gray;
            let mut q = self.body_p();
            q.size = s * 0.8;
            q.leading = s * 1.0;
            q.align = Align::Start;
            q.space_after = s * 0.3;
            q.keep_with_next = true;
            let u = self.para(&[sp], q);
            self.push(u);
        }
        let ts = s * 2.1;
        let mut q = self.body_p();
        q.size = ts;
        q.leading = ts * 1.12;
        q.align = Align::Start;
        q.keep_with_next = true;
        let mut u = self.para(&[Span::new(article.title.clone(), Style::Bold)], q);
        u.splittable = false;
        if !article.title.trim().is_empty() {
            u.anchor = Some((0, article.title.clone()));
        }
        self.push(u);
        if let Some(sub) = &article.subtitle {
            let mut q = self.body_p();
            q.size = s * 1.3;
            q.leading = s * 1.3 * 1.25;
            q.align = Align::Start;
            q.space_before = s * 0.45;
            q.keep_with_next = true;
            let u = self.para(&[Span::new(sub.clone(), Style::Italic)], q);
            self.push(u);
        }
        let mut meta: Vec<Span> = Vec::new();
        if let Some(b) = &article.byline {
            meta.push(Span::new(b.clone(), Style::Bold));
        } else if let Some(b) = folio_core::meta::byline_line(article) {
            meta.push(Span::new(b, Style::Bold));
        }
        let date = folio_core::meta::date_line(article);
        if let Some(d) = date {
            if !meta.is_empty() {
                meta.push(Span::new("  ·  ", Style::Regular));
            }
            let mut sp = Span::new(d, Style::Italic);
            sp.color = Color::Gray;
            meta.push(sp);
        }
        if let Some(u) = &article.updated_text {
            if !meta.is_empty() {
                meta.push(Span::new("  ·  ", Style::Regular));
            }
            let mut sp = Span::new(u.clone(), Style::Italic);
            sp.color = Color::Gray;
            meta.push(sp);
        }
        if !meta.is_empty() {
            let mut q = self.body_p();
            q.size = s * 0.9;
            q.leading = s * 0.9 * 1.35;
            q.align = Align::Start;
            q.space_before = s * 0.8;
            q.keep_with_next = true;
            let u = self.para(&meta, q);
            self.push(u);
        }
        if let Some(sf) = &article.standfirst {
            let mut q = self.body_p();
            q.size = s * 1.12;
            q.leading = s * 1.12 * 1.35;
            q.align = Align::Justify;
            q.space_before = s * 0.9;
            let u = self.para(&[Span::new(sf.clone(), Style::Italic)], q);
            self.push(u);
        }
        if let Some(u) = self.units.last_mut() {
            u.space_after = s * 1.2;
        }
    }
}

/// Converts inline content to spans in `style`; links get the link colour.
fn inline_spans(content: &[Inline], style: Style) -> Vec<Span> {
    content
        .iter()
        .map(|i| match i {
            Inline::Text { text } => Span::new(text.clone(), style),
            Inline::Link { text, url } => Span {
                text: text.clone(),
                style,
                link: Some(url.clone()),
                color: Color::Link,
            },
        })
        .collect()
}

/// Splits off the dateline at the start of the first paragraph, in bold.
fn dateline_spans(article: &Article, content: &[Inline]) -> Option<Vec<Span>> {
    let dl = article.dateline.as_ref()?;
    let lead = dl.text.trim();
    if lead.is_empty() {
        return None;
    }
    let Some(Inline::Text { text }) = content.first() else {
        return None;
    };
    let rest = text.strip_prefix(lead)?;
    let mut spans = vec![Span::new(lead, Style::Bold)];
    spans.push(Span::new(rest, Style::Regular));
    spans.extend(inline_spans(&content[1..], Style::Regular));
    Some(spans)
}

/// Lays out an article into pages.
pub(crate) fn layout(article: &Article, fonts: &Fonts<'_>, opts: &PdfOptions) -> Layout {
    let g = geometry(opts);
    let mut b = Builder {
        fonts,
        units: Vec::new(),
        lang: article.language.to_string(),
        rtl: article.language.is_rtl(),
        size: g.size,
        measure: g.measure,
    };
    b.title_block(article);
    let title_units = b.units.len();
    b.blocks(&article.body, 0, 0.0, false);
    // Dateline styling: the first body paragraph starts with it.
    if let Some(Block::Paragraph { content }) = article.body.first() {
        if let Some(spans) = dateline_spans(article, content) {
            if title_units < b.units.len() {
                let p = P {
                    space_before: b.units[title_units].space_before,
                    ..b.body_p()
                };
                let u = b.para(&spans, p);
                if !u.lines.is_empty() {
                    b.units[title_units] = u;
                }
            }
        }
    }
    if title_units < b.units.len() {
        b.units[title_units].rule_above = Some(1.0);
    }
    // The copyright line runs in every page's footer (see `decorate`); a
    // footer block that only repeats it is not set again in the text, unless
    // the running footer cannot hold all of it.
    let rights = folio_core::meta::rights(article).filter(|r| {
        footer_lines(fonts, r, Align::Start, article.language.as_str(), opts).len() == 1
    });
    let footer: Vec<Block> = article
        .footer
        .iter()
        .filter(|blk| Some(blk.plain_text().trim()) != rights.as_deref().map(str::trim))
        .cloned()
        .collect();
    if !footer.is_empty() {
        let start = b.units.len();
        b.blocks(&footer, 0, 0.0, false);
        if let Some(u) = b.units.get_mut(start) {
            u.rule_above = Some(0.3);
            u.space_before = g.size * 1.5;
        }
    }
    paginate(b.units, &g)
}

/// The text block of a page (left, top, width, height from the top-left
/// corner, in points), without the running header and footer.
pub(crate) fn text_area(opts: &PdfOptions) -> [f32; 4] {
    let g = geometry(opts);
    [g.left, g.top, g.measure, g.height - g.top - g.bottom]
}

fn paginate(units: Vec<Unit>, g: &Geometry) -> Layout {
    let area = g.height - g.top - g.bottom;
    let mut pages = vec![Page::default()];
    let mut y = 0.0f32; // from the top of the text area
    let mut empty = true;
    let min_lines = |u: &Unit| -> f32 {
        if u.splittable {
            u.leading * u.lines.len().min(2) as f32
        } else {
            u.height()
        }
    };
    for i in 0..units.len() {
        let u = &units[i];
        let sb = if empty { 0.0 } else { u.space_before };
        let mut need = sb
            + if u.splittable && u.lines.len() > 3 {
                u.leading * 2.0 + u.rule_above.map_or(0.0, |_| u.leading * 0.5)
            } else {
                u.height()
            };
        if u.keep_with_next {
            // Keep with the next unit's first lines (and its own successor
            // when that is kept too: a title above a subtitle above text).
            let mut j = i + 1;
            let mut chain = 0.0;
            while j < units.len() {
                let n = &units[j];
                chain += n.space_before;
                if n.keep_with_next {
                    chain += n.height();
                    j += 1;
                } else {
                    chain += min_lines(n);
                    break;
                }
            }
            need = sb + u.height() + u.space_after + chain;
        }
        if !empty && y + need > area && need <= area {
            pages.push(Page::default());
            y = 0.0;
            empty = true;
        }
        let sb = if empty { 0.0 } else { u.space_before };
        y += sb;
        if let Some(frac) = u.rule_above {
            let page = pages.last_mut().expect("a page");
            let w = g.measure * frac;
            page.rules.push(Rule {
                x0: g.left,
                x1: g.left + w,
                y: g.top + y + u.leading * 0.1,
                width: 0.5,
            });
            y += u.leading * 0.5;
        }
        if let Some((level, title)) = &u.anchor {
            pages.last_mut().expect("a page").anchors.push(Anchor {
                level: *level,
                title: title.clone(),
                y: g.top + y,
            });
        }
        let n = u.lines.len();
        let mut k = 0;
        while k < n {
            let room = ((area - y) / u.leading + 1e-3).floor().max(0.0) as usize;
            let left = n - k;
            let mut take = left.min(room);
            if take < left {
                // Orphan/widow control: at least two lines on each side.
                if u.splittable && left >= 4 {
                    if take < 2 {
                        take = 0;
                    } else if left - take < 2 {
                        take = left - 2;
                    }
                } else if !empty || room == 0 {
                    take = 0;
                }
                // No page ends with a hyphenated line when it can be helped.
                if take > 2 && u.lines[k + take - 1].0.hyphenated && left - (take - 1) >= 2 {
                    take -= 1;
                }
                if take == 0 && empty {
                    // Nothing fits even on an empty page: place anyway.
                    take = left.min(room.max(1));
                }
            }
            let page = pages.last_mut().expect("a page");
            for (li, (line, x)) in u.lines[k..k + take].iter().enumerate() {
                page.lines.push(Placed {
                    line: line.clone(),
                    x: g.left + x,
                    y: g.top + y + u.ascent,
                    info: Some(LineInfo {
                        index: k + li,
                        count: n,
                        keep_with_next: u.keep_with_next,
                        splittable: u.splittable,
                        measure: u.width,
                    }),
                });
                y += u.leading;
                empty = false;
            }
            k += take;
            if k < n {
                pages.push(Page::default());
                y = 0.0;
                empty = true;
            }
        }
        y += u.space_after;
    }
    Layout { pages }
}

/// What a page holds, for its running header and footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A book's title page: no header, no footer.
    TitlePage,
    /// A book's table of contents.
    Contents,
    /// A page of the article with this index.
    Article(usize),
}

/// `text` set as page furniture (running header and footer): gray, at
/// 80 % of the body size, `width` wide.
fn furniture(
    fonts: &Fonts<'_>,
    text: &str,
    style: Style,
    align: Align,
    width: f32,
    lang: &str,
    opts: &PdfOptions,
) -> Vec<Line> {
    let mut sp = Span::new(text, style);
    sp.color = Color::Gray;
    para::set(
        fonts,
        &ParaSpec {
            spans: &[sp],
            size: geometry(opts).size * 0.8,
            width,
            first_indent: 0.0,
            align,
            lang,
            rtl: false,
            preformatted: false,
        },
    )
}

/// `text` set as the running footer's copyright line (in 78 % of the
/// measure): one line when it fits.
fn footer_lines(
    fonts: &Fonts<'_>,
    text: &str,
    align: Align,
    lang: &str,
    opts: &PdfOptions,
) -> Vec<Line> {
    let width = geometry(opts).measure * 0.78;
    furniture(fonts, text, Style::Regular, align, width, lang, opts)
}

/// The running header, footer and page numbers of each of `pages` pages,
/// set after pagination (drawn over the pages' own content).
/// `owners[i]` says what page `i` holds; `lang` is the document's language.
/// In a book (`book_title` given) the header carries the book's title on
/// the left and the article's title on the right, and the footer the page
/// number alone; a single article's header carries its title.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decorate(
    pages: usize,
    articles: &[&Article],
    owners: &[Owner],
    book_title: Option<&str>,
    lang: &str,
    fonts: &Fonts<'_>,
    opts: &PdfOptions,
) -> Vec<Page> {
    let g = geometry(opts);
    let total = pages;
    let mut out: Vec<Page> = (0..pages).map(|_| Page::default()).collect();
    let set_one = |text: &str, style: Style, align: Align, width: f32| -> Option<Line> {
        furniture(fonts, text, style, align, width, lang, opts)
            .into_iter()
            .next()
    };
    // One line no wider than `width`, the text shortened at a word
    // boundary (with an ellipsis) until it fits; with its width.
    let fit = |text: &str, style: Style, width: f32| -> Option<(Line, f32)> {
        let mut max = text.chars().count();
        loop {
            let t = shorten(text, max);
            let mut lines = furniture(fonts, &t, style, Align::Start, f32::MAX / 4.0, lang, opts);
            let w = lines.first().map_or(0.0, |l| l.width);
            if (lines.len() == 1 && w <= width) || max <= 4 || lines.is_empty() {
                return if lines.is_empty() {
                    None
                } else {
                    Some((lines.swap_remove(0), w))
                };
            }
            // Cut about as much as overflows, at least one character.
            let over = ((w - width) / w * max as f32).ceil() as usize;
            max = max.saturating_sub(over.max(1)).max(4);
        }
    };
    let header_y = g.top - g.size * 1.9;
    let footer_y = g.height - g.bottom + g.size * 2.6;
    for (i, page) in out.iter_mut().enumerate() {
        let Some(&owner) = owners.get(i) else {
            break;
        };
        if owner == Owner::TitlePage {
            continue;
        }
        let starts = i == 0 || owners[i - 1] != owner;
        let n = i + 1;
        let num = if book_title.is_some() || total == 1 {
            n.to_string()
        } else {
            format!("{n} / {total}")
        };
        let num_w = g.measure * 0.2;
        if let Some(l) = set_one(&num, Style::Regular, Align::End, num_w) {
            page.lines.push(Placed {
                line: l,
                x: g.left + g.measure - num_w,
                y: footer_y,
                info: None,
            });
        }
        let (right_title, rights) = match owner {
            Owner::Article(idx) => (
                articles[idx].title.as_str(),
                folio_core::meta::rights(articles[idx]),
            ),
            _ => (crate::book::contents_label(lang), None),
        };
        if let Some(r) = rights {
            // All of it when it fits (then the text does not repeat it, see
            // `layout`); otherwise shortened, the text keeping it whole.
            let whole = footer_lines(fonts, &r, Align::Start, lang, opts);
            let line = match <[Line; 1]>::try_from(whole) {
                Ok([l]) => Some(l),
                Err(_) => fit(&r, Style::Regular, g.measure * 0.78).map(|(l, _)| l),
            };
            if let Some(l) = line {
                page.lines.push(Placed {
                    line: l,
                    x: g.left,
                    y: footer_y,
                    info: None,
                });
            }
        }
        if starts || (owner == Owner::Contents && book_title.is_none()) {
            continue;
        }
        match book_title {
            Some(book) => {
                // The article's title gets the room it needs (up to 60 %
                // of the measure); the book's title the rest.
                let gap = g.size * 2.0;
                let right = fit(right_title, Style::Italic, g.measure * 0.6);
                let right_w = right.as_ref().map_or(0.0, |(_, w)| *w);
                if let Some((l, w)) = right {
                    page.lines.push(Placed {
                        line: l,
                        x: g.left + g.measure - w,
                        y: header_y,
                        info: None,
                    });
                }
                if let Some((l, _)) = fit(book, Style::Regular, g.measure - right_w - gap) {
                    page.lines.push(Placed {
                        line: l,
                        x: g.left,
                        y: header_y,
                        info: None,
                    });
                }
            }
            None => {
                let title = shorten(right_title, 70);
                if let Some(l) = set_one(&title, Style::Italic, Align::Start, g.measure) {
                    page.lines.push(Placed {
                        line: l,
                        x: g.left,
                        y: header_y,
                        info: None,
                    });
                }
            }
        }
        page.rules.push(Rule {
            x0: g.left,
            x1: g.left + g.measure,
            y: g.top - g.size * 1.3,
            width: 0.4,
        });
    }
    out
}

/// The first `max` characters of `s` at a word boundary, with an ellipsis.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}
