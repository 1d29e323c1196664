//! Paragraph setting: shaping, break opportunities, hyphenation, line
//! breaking and bidi reordering, from styled text to positioned glyphs.

use crate::fonts::{Fonts, Style, needs_glyph};
use crate::hyph;
use crate::linebreak::{self, INFINITE, Item, Kind};
use folio_core::script::{is_cjk, is_combining_mark, is_rtl};
use unicode_linebreak::BreakOpportunity;

/// A colour for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Color {
    #[default]
    Black,
    Link,
    Gray,
}

/// A run of text in one style.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<String>,
    pub color: Color,
}

impl Span {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> Self {
        Span {
            text: text.into(),
            style,
            link: None,
            color: Color::Black,
        }
    }
}

/// Horizontal alignment of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Justify,
    Start,
    End,
}

/// How to set one paragraph.
pub(crate) struct ParaSpec<'s> {
    pub spans: &'s [Span],
    pub size: f32,
    pub width: f32,
    pub first_indent: f32,
    pub align: Align,
    /// BCP 47 tag of the text, for hyphenation and shaping.
    pub lang: &'s str,
    /// Right-to-left base direction.
    pub rtl: bool,
    /// Keep every space (code): no stretching, no hyphenation.
    pub preformatted: bool,
}

/// A glyph placed on a line.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub face: usize,
    pub gid: u16,
    pub size: f32,
    /// Left edge of the glyph's advance box, from the line's left edge.
    pub x: f32,
    /// Vertical offset from the baseline (up).
    pub y: f32,
    /// The glyph's advance in points as shaped.
    pub advance: f32,
    /// The text this glyph stands for (empty for the 2nd+ glyph of a cluster).
    pub text: GlyphText,
    pub color: Color,
}

/// A glyph's text: nearly always a character or two, so it is kept inline
/// (no allocation for each of the millions of glyphs of a book); longer
/// clusters go to the heap.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum GlyphText {
    Inline(u8, [u8; 22]),
    Heap(Box<str>),
}

impl Default for GlyphText {
    fn default() -> Self {
        GlyphText::Inline(0, [0; 22])
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> Self {
        if s.len() <= 22 {
            let mut buf = [0; 22];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            GlyphText::Inline(s.len() as u8, buf)
        } else {
            GlyphText::Heap(s.into())
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // Always whole characters: built from a `&str` above.
            GlyphText::Inline(len, buf) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            GlyphText::Heap(s) => s,
        }
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// A link area on a line.
#[derive(Debug, Clone)]
pub(crate) struct LinkArea {
    pub x0: f32,
    pub x1: f32,
    pub url: String,
}

/// One set line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub glyphs: Vec<Glyph>,
    pub links: Vec<LinkArea>,
    /// Width of the set material.
    pub width: f32,
    /// The line ends with a hyphen (a page should not end here).
    pub hyphenated: bool,
    /// How far the spaces were stretched (> 0) or shrunk (< 0), as a
    /// fraction of their stretchability or shrinkability.
    #[cfg_attr(not(test), allow(dead_code))]
    pub ratio: f32,
}

/// What an item stands for on the page.
#[derive(Debug, Clone, Default)]
struct Content {
    glyphs: Vec<Glyph>,
    level: u8,
    link: Option<usize>,
}

struct Para<'f, 'a> {
    fonts: &'f Fonts<'a>,
    items: Vec<Item>,
    content: Vec<Content>,
    links: Vec<String>,
}

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

fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// A character that joins the glyph before it: a combining mark, or one
/// that needs no glyph of its own.
fn is_mark(c: char) -> bool {
    is_combining_mark(c) || !needs_glyph(c)
}

/// Cleans text for setting: tabs/newlines become spaces (except in
/// preformatted text), soft hyphens and BOMs go.
fn clean(text: &str, preformatted: bool) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{00AD}' | '\u{FEFF}'))
        .map(|c| {
            if (!preformatted && (c == '\n' || c == '\t' || c == '\r')) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

impl<'f, 'a> Para<'f, 'a> {
    fn push(&mut self, width: f64, kind: Kind, content: Content) {
        self.items.push(Item { width, kind });
        self.content.push(content);
    }
}

/// Sets a paragraph into lines.
pub(crate) fn set(fonts: &Fonts<'_>, spec: &ParaSpec<'_>) -> Vec<Line> {
    let size = spec.size;
    // One string with span boundaries.
    let mut text = String::new();
    let mut bounds: Vec<(usize, usize)> = Vec::new(); // (start byte, span index)
    for (i, s) in spec.spans.iter().enumerate() {
        let t = clean(&s.text, spec.preformatted);
        if t.is_empty() {
            continue;
        }
        bounds.push((text.len(), i));
        text.push_str(&t);
    }
    // Collapse the text's leading/trailing whitespace.
    if !spec.preformatted && text.trim().is_empty() {
        return Vec::new();
    }
    if text.is_empty() {
        return vec![Line::default()];
    }
    let span_at = |byte: usize| -> usize {
        let i = bounds.partition_point(|&(s, _)| s <= byte);
        bounds[i.saturating_sub(1)].1
    };
    let has_rtl = spec.rtl || text.chars().any(is_rtl);
    let levels: Vec<u8> = if has_rtl {
        let base = if spec.rtl {
            unicode_bidi::Level::rtl()
        } else {
            unicode_bidi::Level::ltr()
        };
        let info = unicode_bidi::BidiInfo::new(&text, Some(base));
        info.levels.iter().map(|l| l.number()).collect()
    } else {
        vec![0; text.len()]
    };
    let base_level: u8 = if spec.rtl { 1 } else { 0 };
    let dict = if spec.preformatted || spec.align != Align::Justify {
        None
    } else {
        hyph::dictionary(spec.lang)
    };
    let mut para = Para {
        fonts,
        items: Vec::new(),
        content: Vec::new(),
        links: Vec::new(),
    };
    let mut link_ids: Vec<Option<usize>> = Vec::with_capacity(spec.spans.len());
    for s in spec.spans {
        link_ids.push(s.link.as_ref().map(|u| {
            para.links.push(u.clone());
            para.links.len() - 1
        }));
    }
    if spec.first_indent > 0.0 {
        para.push(
            spec.first_indent as f64,
            Kind::Box,
            Content {
                level: base_level,
                ..Default::default()
            },
        );
    }
    let justify = spec.align == Align::Justify && !spec.preformatted;
    let mut prev = 0;
    let mut breaks: Vec<(usize, BreakOpportunity)> = if spec.preformatted {
        // Code breaks only at spaces (and, when too long, anywhere).
        let mut v: Vec<(usize, BreakOpportunity)> = text
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .map(|(i, _)| (i + 1, BreakOpportunity::Allowed))
            .collect();
        v.push((text.len(), BreakOpportunity::Mandatory));
        v
    } else {
        unicode_linebreak::linebreaks(&text).collect()
    };
    if breaks.last().map(|b| b.0) != Some(text.len()) {
        breaks.push((text.len(), BreakOpportunity::Mandatory));
    }
    let mut last_face = fonts.primary(spec.spans[bounds[0].1].style);
    for (end, _) in breaks {
        if end <= prev {
            continue;
        }
        let seg = &text[prev..end];
        let word_len = if spec.preformatted {
            seg.trim_end_matches(' ').len()
        } else {
            seg.trim_end_matches(is_space).len()
        };
        let word_end = prev + word_len;
        // Leading spaces of preformatted text are kept as a box.
        let word = &text[prev..word_end];
        let is_last = end == text.len();
        if !word.is_empty() {
            add_word(
                &mut para,
                spec,
                &text,
                prev,
                word,
                &levels,
                &span_at,
                &link_ids,
                &mut last_face,
                dict,
            );
        }
        let space = &text[word_end..end];
        if !space.is_empty() && !is_last {
            let span = &spec.spans[span_at(word_end)];
            let face = last_face;
            let glyphs = shape(fonts, face, space, size, false, spec.lang, span.color);
            let w: f32 = glyphs.iter().map(|g| g.advance).sum();
            let w = if w <= 0.0 { size * 0.3 } else { w } as f64;
            let (stretch, shrink) = if justify {
                (w * 0.5, w * 0.4)
            } else {
                (0.0, 0.0)
            };
            let level = levels.get(word_end).copied().unwrap_or(base_level);
            let link = link_ids[span_at(word_end)];
            para.push(
                w,
                Kind::Glue { stretch, shrink },
                Content {
                    glyphs: glyphs.into_iter().take(1).collect(),
                    level,
                    link,
                },
            );
        } else if !is_last && !word.is_empty() {
            // A break opportunity without a space: after a hyphen or dash,
            // between CJK characters, after a slash.
            let lastc = word.chars().last().unwrap_or(' ');
            if matches!(lastc, '-' | '‐' | '–' | '—') {
                para.push(
                    0.0,
                    Kind::Penalty {
                        cost: 50.0,
                        flagged: true,
                        discretionary: false,
                    },
                    Content::default(),
                );
            } else {
                let stretch = if justify && is_cjk(lastc) {
                    size as f64 * 0.08
                } else {
                    0.0
                };
                para.push(
                    0.0,
                    Kind::Penalty {
                        cost: if is_cjk(lastc) { 0.0 } else { 30.0 },
                        flagged: false,
                        discretionary: false,
                    },
                    Content::default(),
                );
                if stretch > 0.0 {
                    // Inter-character glue for justifying CJK; a break here
                    // is the same as at the penalty, so it is not a
                    // breakpoint (a penalty precedes it, not a box).
                    para.push(
                        0.0,
                        Kind::Glue {
                            stretch,
                            shrink: 0.0,
                        },
                        Content::default(),
                    );
                }
            }
        }
        prev = end;
    }
    // Split boxes wider than the measure into clusters so they can break.
    let measure = spec.width as f64;
    split_overlong(&mut para, measure);
    // Finish: fill glue and a forced break.
    // Ragged paragraphs of several lines get balanced lines: their last
    // line stretches no more than the others. Justified ones (and text that
    // fits on one line) end with an infinitely stretchable fill.
    let natural: f64 = para
        .items
        .iter()
        .filter(|i| !matches!(i.kind, Kind::Penalty { .. }))
        .map(|i| i.width)
        .sum();
    let fill = if justify || natural <= measure {
        1.0e5
    } else {
        0.0
    };
    para.push(
        0.0,
        Kind::Glue {
            stretch: fill,
            shrink: 0.0,
        },
        Content::default(),
    );
    para.push(
        0.0,
        Kind::Penalty {
            cost: -INFINITE,
            flagged: false,
            discretionary: false,
        },
        Content::default(),
    );
    let extra = if justify { 0.0 } else { size as f64 * 4.0 };
    let breaks = linebreak::break_paragraph(&para.items, measure, extra, dict.is_some());
    build_lines(&para, &breaks.positions, spec, base_level)
}

#[allow(clippy::too_many_arguments)]
fn add_word(
    para: &mut Para<'_, '_>,
    spec: &ParaSpec<'_>,
    text: &str,
    start: usize,
    word: &str,
    levels: &[u8],
    span_at: &dyn Fn(usize) -> usize,
    link_ids: &[Option<usize>],
    last_face: &mut usize,
    dict: Option<&'static hyphenation::Standard>,
) {
    let fonts = para.fonts;
    let size = spec.size;
    // Pieces: same span, same face, same bidi level.
    let mut pieces: Vec<(usize, usize, usize, usize, u8)> = Vec::new(); // start,end,span,face,level
    let mut prev_char: Option<char> = None;
    for (off, c) in word.char_indices() {
        let abs = start + off;
        let span_i = span_at(abs);
        let style = spec.spans[span_i].style;
        let last = &fonts.faces[*last_face];
        let primary = &fonts.faces[fonts.primary(style)];
        let same_style =
            last.bold == primary.bold && last.italic == primary.italic && last.mono == primary.mono;
        let keep = !needs_glyph(c)
            || (is_mark(c) && last.covers(c))
            || (prev_char.is_some() && !c.is_alphabetic() && same_style && last.covers(c));
        // Digits and punctuation opening a word take the face of the
        // letters that follow when it has them (`28일` all in the Korean
        // face), so a word is not set in two designs without need.
        let ahead = || {
            if c.is_alphabetic() || prev_char.is_some() {
                return None;
            }
            let next = word[off..].chars().find(|ch| ch.is_alphabetic())?;
            let f = fonts.face_for(style, next);
            fonts.faces[f].covers(c).then_some(f)
        };
        let face = if keep {
            *last_face
        } else if let Some(f) = ahead() {
            f
        } else {
            fonts.face_for(style, c)
        };
        *last_face = face;
        prev_char = Some(c);
        let level = levels.get(abs).copied().unwrap_or(0);
        match pieces.last_mut() {
            Some(p) if p.2 == span_i && p.3 == face && p.4 == level => p.1 = abs + c.len_utf8(),
            _ => pieces.push((abs, abs + c.len_utf8(), span_i, face, level)),
        }
    }
    // Hyphenation points (absolute byte offsets).
    let mut hyph_points: Vec<usize> = Vec::new();
    if let Some(d) = dict {
        let any_link = pieces.iter().any(|p| link_ids[p.2].is_some());
        // Never inside links, addresses, or words with digits.
        let plain_word = !any_link
            && !word.contains("://")
            && !word.contains('@')
            && !word.contains("www.")
            && !word.chars().any(|c| c.is_numeric());
        if plain_word {
            // The alphabetic core of the word.
            let core_start = word
                .char_indices()
                .find(|(_, c)| c.is_alphabetic())
                .map(|(i, _)| i);
            let core_end = word
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_alphabetic())
                .map(|(i, c)| i + c.len_utf8());
            if let (Some(a), Some(b)) = (core_start, core_end) {
                let core = &word[a..b];
                let plain = core.chars().all(|c| c.is_alphabetic() || is_mark(c));
                if plain && core.chars().count() >= 5 && !core.chars().any(is_cjk) {
                    use hyphenation::Hyphenator;
                    let lower = core.to_lowercase();
                    if lower.len() == core.len() {
                        for p in d.hyphenate(&lower).breaks {
                            hyph_points.push(start + a + p);
                        }
                    }
                }
            }
        }
    }
    for (ps, pe, span_i, face, level) in pieces {
        let span = &spec.spans[span_i];
        let rtl = level % 2 == 1;
        let piece_text = &text[ps..pe];
        let glyphs = shape(fonts, face, piece_text, size, rtl, spec.lang, span.color);
        let link = link_ids[span_i];
        // Split at hyphenation points that fall on cluster boundaries.
        let mut cuts: Vec<usize> = Vec::new(); // glyph indices
        if !rtl {
            let mut clusters: Vec<usize> = Vec::with_capacity(glyphs.len());
            let mut c = 0;
            for g in &glyphs {
                if !g.text.is_empty() {
                    clusters.push(c);
                    c += g.text.len();
                } else {
                    clusters.push(usize::MAX);
                }
            }
            for &h in &hyph_points {
                if h <= ps || h >= pe {
                    continue;
                }
                if let Some(gi) = clusters.iter().position(|&cl| cl == h - ps) {
                    cuts.push(gi);
                }
            }
        }
        let mut from = 0;
        cuts.push(glyphs.len());
        let hyphen = if cuts.len() > 1 {
            shape(fonts, face, "-", size, false, spec.lang, span.color)
        } else {
            Vec::new()
        };
        let hyphen_w: f32 = hyphen.iter().map(|g| g.advance).sum();
        let n_cuts = cuts.len();
        for (k, &to) in cuts.iter().enumerate() {
            let mut part: Vec<Glyph> = glyphs[from..to].to_vec();
            let base = glyphs[..from].iter().map(|g| g.advance).sum::<f32>();
            for g in &mut part {
                g.x -= base;
            }
            let w: f32 = part.iter().map(|g| g.advance).sum();
            para.push(
                w as f64,
                Kind::Box,
                Content {
                    glyphs: part,
                    level,
                    link,
                },
            );
            if k + 1 < n_cuts {
                para.push(
                    hyphen_w as f64,
                    Kind::Penalty {
                        cost: 100.0,
                        flagged: true,
                        discretionary: true,
                    },
                    Content {
                        glyphs: hyphen.clone(),
                        level,
                        link,
                    },
                );
            }
            from = to;
        }
    }
}

fn split_overlong(para: &mut Para<'_, '_>, measure: f64) {
    if !para
        .items
        .iter()
        .any(|i| i.kind == Kind::Box && i.width > measure)
    {
        return;
    }
    let items = std::mem::take(&mut para.items);
    let content = std::mem::take(&mut para.content);
    for (item, c) in items.into_iter().zip(content) {
        if item.kind != Kind::Box || item.width <= measure || c.glyphs.len() < 2 {
            para.push(item.width, item.kind, c);
            continue;
        }
        // One box per cluster, with a costly break between.
        let mut cur: Vec<Glyph> = Vec::new();
        let mut base = 0.0;
        let flush = |para: &mut Para<'_, '_>, cur: &mut Vec<Glyph>, base: &mut f32| {
            if cur.is_empty() {
                return;
            }
            let w: f32 = cur.iter().map(|g| g.advance).sum();
            for g in cur.iter_mut() {
                g.x -= *base;
            }
            *base += w;
            if !para.items.is_empty() && para.items.last().map(|i| i.kind) == Some(Kind::Box) {
                para.push(
                    0.0,
                    Kind::Penalty {
                        cost: 500.0,
                        flagged: false,
                        discretionary: false,
                    },
                    Content::default(),
                );
            }
            para.push(
                w as f64,
                Kind::Box,
                Content {
                    glyphs: std::mem::take(cur),
                    level: c.level,
                    link: c.link,
                },
            );
        };
        for g in c.glyphs.iter().cloned() {
            if !g.text.is_empty() && !cur.is_empty() {
                flush(para, &mut cur, &mut base);
            }
            cur.push(g);
        }
        flush(para, &mut cur, &mut base);
    }
}

fn build_lines(
    para: &Para<'_, '_>,
    positions: &[usize],
    spec: &ParaSpec<'_>,
    base_level: u8,
) -> Vec<Line> {
    let items = &para.items;
    let width = spec.width as f64;
    let mut lines = Vec::with_capacity(positions.len());
    let mut start = 0;
    let last_pos = items.len() - 1;
    for &b in positions {
        // Skip discardable items at the line start.
        while start < b && !matches!(items[start].kind, Kind::Box) {
            start += 1;
        }
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
        let is_last = b == last_pos;
        let ratio = if natural > width && shrink > 0.0 {
            ((width - natural) / shrink).max(-1.0)
        } else if natural < width && stretch > 0.0 && !is_last && spec.align == Align::Justify {
            (width - natural) / stretch
        } else {
            0.0
        };
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
        let mut x = 0.0f64;
        let mut link_runs: Vec<(f64, f64, usize)> = Vec::new();
        for &i in &order {
            let it = &items[i];
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
        let slack = (width - x).max(0.0) as f32;
        let rtl = base_level == 1;
        let offset = match spec.align {
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
            });
        }
        lines.push(line);
        start = b + 1;
    }
    lines
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

/// The characters a set of spans will draw (for font coverage checks).
pub(crate) fn chars_of(text: &str, out: &mut std::collections::BTreeSet<char>) {
    out.extend(clean(text, true).chars());
}
