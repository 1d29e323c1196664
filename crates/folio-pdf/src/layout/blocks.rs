//! Blocks: the article's title block, body and footer become vertical
//! units of set lines, each sized and spaced from the style table.

use super::geometry::ascent_for;
use super::page::Rule;
use super::style::{StyleTable, Text};
use super::tags::{self, Role, Tree};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::lines;
use crate::typeset::para;
use crate::typeset::shape;
use crate::typeset::text::{Align, Color, Line, Mark, NodeRef, ParaSpec, Span};
use folio_core::model::{Block, CaptionKind, Inline, ListItem};

/// A vertical unit: lines that belong together.
pub(crate) struct Unit {
    pub lines: Vec<(Line, f32)>,
    /// The measure the lines were set to.
    pub width: f32,
    pub leading: f32,
    /// From the top of a line box to its baseline.
    pub ascent: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    pub splittable: bool,
    pub anchor: Option<(u8, String)>,
    /// A rule above the unit, as a fraction of the measure.
    pub rule_above: Option<f32>,
    /// Continuation marks of wrapped code lines: the line's index and the
    /// strokes of its mark, from the line's left edge and baseline (drawn
    /// as rules, so they are artifacts with no text).
    pub wrap_marks: Vec<(usize, Vec<Rule>)>,
}

impl Unit {
    /// The unit's height without its spaces (`rule_room`: the room a rule
    /// above takes, as a fraction of the leading).
    pub(crate) fn height(&self, rule_room: f32) -> f32 {
        self.lines.len() as f32 * self.leading
            + self.rule_above.map_or(0.0, |_| self.leading * rule_room)
    }
}

/// Options for one paragraph-like unit.
pub(crate) struct P {
    pub size: f32,
    pub leading: f32,
    pub align: Align,
    pub indent_left: f32,
    pub indent_right: f32,
    pub first_indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    pub preformatted: bool,
}

/// Builds the units of one article.
pub(crate) struct Builder<'f, 'a> {
    pub fonts: &'f Fonts<'a>,
    pub st: &'f StyleTable,
    pub units: Vec<Unit>,
    pub lang: String,
    pub rtl: bool,
    pub measure: f32,
    /// The structure elements of the article (tagged PDF).
    pub tree: Tree,
    /// The element new blocks go into (`None`: the document).
    pub parent: Option<u32>,
    /// The level of the last heading (the title is an `H1`): headings
    /// below it are at most one level deeper, so none is skipped.
    pub heading_level: u8,
}

impl<'f, 'a> Builder<'f, 'a> {
    /// A builder for an article in `lang` on a text block `measure` wide.
    pub(crate) fn new(fonts: &'f Fonts<'a>, st: &'f StyleTable, lang: &str, measure: f32) -> Self {
        Builder {
            fonts,
            st,
            units: Vec::new(),
            lang: lang.to_string(),
            rtl: folio_core::lang::is_rtl(lang),
            measure,
            tree: Tree::new(0),
            parent: None,
            heading_level: 0,
        }
    }

    /// Tags the lines of `unit`, set from `spans`, as a new element of
    /// `role` in the current parent (its links become `Link` elements);
    /// returns the element.
    pub(crate) fn tag(&mut self, unit: &mut Unit, spans: &[Span], role: Role) -> u32 {
        let node = self.tree.add(role, self.parent);
        self.tag_as(unit, spans, node);
        node
    }

    /// Tags the lines of `unit`, set from `spans`, as content of element
    /// `node`; each link of the spans becomes a `Link` element in it, its
    /// alternate description the link's text and address.
    pub(crate) fn tag_as(&mut self, unit: &mut Unit, spans: &[Span], node: u32) {
        let links: Vec<&Span> = spans.iter().filter(|s| s.link.is_some()).collect();
        let mut link_nodes: Vec<Option<u32>> = vec![None; links.len()];
        let mark = self.tree.mark(node);
        let tree = &mut self.tree;
        for (line, _) in &mut unit.lines {
            lines::end_space(self.fonts, line);
            tags::mark_line(line, mark);
            tags::mark_links(line, |i| {
                let slot = link_nodes.get_mut(i);
                let known = slot.as_ref().and_then(|s| **s);
                let n = known.unwrap_or_else(|| {
                    let n = tree.add(Role::Link, Some(node));
                    tree.nodes[n as usize].alt = links.get(i).map(|s| link_alt(s));
                    n
                });
                if let Some(slot) = slot {
                    *slot = Some(n);
                }
                NodeRef {
                    part: tree.part,
                    node: n,
                }
            });
        }
    }

    /// Runs `f` with new blocks going into a new element of `role`;
    /// returns the element.
    fn within(&mut self, role: Role, f: impl FnOnce(&mut Self)) -> u32 {
        let node = self.tree.add(role, self.parent);
        let saved = self.parent.replace(node);
        f(self);
        self.parent = saved;
        node
    }

    /// Sets `spans` as one unit.
    pub(crate) fn para(&mut self, spans: &[Span], p: P) -> Unit {
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let rtl = self.rtl || folio_core::script::first_letter_is_rtl(&text).unwrap_or(false);
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
            wrap_marks: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, unit: Unit) {
        if !unit.lines.is_empty() {
            self.units.push(unit);
        }
    }

    /// Body text: justified, no spaces.
    pub(crate) fn body_p(&self) -> P {
        self.text_p(self.st.blocks.body, Align::Justify)
    }

    /// Text of size and leading `t`, aligned `align`, no spaces.
    fn text_p(&self, t: Text, align: Align) -> P {
        P {
            size: t.size,
            leading: t.leading,
            align,
            indent_left: 0.0,
            indent_right: 0.0,
            first_indent: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            preformatted: false,
        }
    }

    /// Lays out `blocks` at list depth `depth`, indented by `indent`.
    pub(crate) fn blocks(&mut self, blocks: &[Block], depth: u8, indent: f32, in_quote: bool) {
        let mut prev_was_para = false;
        for block in blocks {
            match block {
                Block::Paragraph { content } => {
                    self.paragraph(content, indent, in_quote, prev_was_para);
                    prev_was_para = true;
                    continue;
                }
                Block::Heading { level, content } => self.heading(*level, content, indent),
                Block::Quote { blocks } => self.quote(blocks, depth, indent),
                Block::List {
                    ordered,
                    start,
                    items,
                } => self.list(*ordered, *start, items, depth, indent, in_quote),
                Block::Code { text } => self.code(text, indent),
                Block::Caption { kind, content } => self.caption(*kind, content, indent),
                Block::Note { content, .. } => self.note(content, indent),
            }
            prev_was_para = false;
        }
    }

    fn paragraph(&mut self, content: &[Inline], indent: f32, in_quote: bool, after_para: bool) {
        let style = if in_quote {
            Style::Italic
        } else {
            Style::Regular
        };
        let spans = inline_spans(content, style);
        let mut p = self.body_p();
        p.indent_left = indent;
        p.indent_right = if in_quote { indent } else { 0.0 };
        if after_para {
            p.first_indent = self.st.blocks.para_indent;
        } else {
            p.space_before = self.st.blocks.para_space;
        }
        let mut u = self.para(&spans, p);
        self.tag(&mut u, &spans, Role::P);
        self.push(u);
    }

    fn heading(&mut self, level: u8, content: &[Inline], indent: f32) {
        let b = &self.st.blocks;
        let (t, style) = match level {
            1 => (b.headings[0], Style::Bold),
            2 => (b.headings[1], Style::Bold),
            _ => (b.headings[2], Style::BoldItalic),
        };
        let spans = inline_spans(content, style);
        let mut p = self.text_p(t, Align::Start);
        p.indent_left = indent;
        p.space_before = b.heading_space_before;
        p.space_after = b.heading_space_after;
        p.keep_with_next = true;
        let mut u = self.para(&spans, p);
        u.splittable = false;
        u.anchor = Some((level, folio_core::model::plain_text(content)));
        let h = level
            .saturating_add(1)
            .min(self.heading_level + 1)
            .clamp(1, 6);
        self.heading_level = h;
        self.tag(&mut u, &spans, Role::H(h));
        self.push(u);
    }

    fn quote(&mut self, blocks: &[Block], depth: u8, indent: f32) {
        let before = self.units.len();
        let b = &self.st.blocks;
        let (quote_indent, space) = (b.quote_indent, b.quote_space);
        self.within(Role::BlockQuote, |b| {
            b.blocks(blocks, depth, indent + quote_indent, true);
        });
        if let Some(u) = self.units.get_mut(before) {
            u.space_before = u.space_before.max(space);
        }
        if let Some(u) = self.units.last_mut() {
            u.space_after = u.space_after.max(space);
        }
    }

    fn list(
        &mut self,
        ordered: bool,
        start: Option<u64>,
        items: &[ListItem],
        depth: u8,
        indent: f32,
        in_quote: bool,
    ) {
        let b = &self.st.blocks;
        let item_indent = indent + b.list_indent;
        let (space_first, space, space_after) =
            (b.list_space_first, b.list_space, b.list_space_after);
        let first = start.unwrap_or(1);
        let list = self.tree.add(Role::L, self.parent);
        for (k, item) in items.iter().enumerate() {
            let marker = if ordered {
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
            p.space_before = if k == 0 { space_first } else { space };
            let mut u = self.para(&spans, p);
            let li = self.tree.add(Role::LI, Some(list));
            let lbl = self.tree.add(Role::Lbl, Some(li));
            let body = self.tree.add(Role::LBody, Some(li));
            self.tag_as(&mut u, &spans, body);
            if u.lines.is_empty() {
                u.lines.push((Line::default(), item_indent));
            }
            let n = self.add_marker(&mut u, &marker, style);
            if let Some((line, _)) = u.lines.first_mut() {
                for m in &mut line.marks {
                    m.0 += n as u32;
                }
                line.marks.insert(0, (0, self.tree.mark(lbl)));
            }
            self.push(u);
            if !item.children.is_empty() {
                let saved = self.parent.replace(body);
                self.blocks(&item.children, depth + 1, item_indent, in_quote);
                self.parent = saved;
            }
        }
        if let Some(u) = self.units.last_mut() {
            u.space_after = u.space_after.max(space_after);
        }
    }

    /// A code block: each source line is set on its own; a line too long
    /// for the measure wraps at a space or after punctuation where it can,
    /// inside a token where it must, and each wrapped line gets a drawn
    /// continuation mark at its end (an artifact: copying the text gives
    /// the source line, see [`wrap_code`]). Continuation lines hang
    /// [`Blocks::code_hang`] further in.
    ///
    /// [`Blocks::code_hang`]: super::style::Blocks::code_hang
    fn code(&mut self, text: &str, indent: f32) {
        let b = &self.st.blocks;
        let (size, leading) = (b.code.size, b.code.leading);
        let x = indent + b.code_indent;
        let width = self.measure - indent - b.code_indent;
        let space = b.code_space;
        let max_lead = b.code_max_lead;
        let hang = b.code_hang;
        let mut lines = Vec::new();
        let mut wrap_marks = Vec::new();
        let mono = self.fonts.primary(Style::Mono);
        let space_w = shape::shape(self.fonts, mono, " ", size, false, "und", Color::Black)
            .iter()
            .map(|g| g.advance)
            .sum::<f32>();
        let mark = continuation_mark(size);
        let mark_room = mark_width(size) + space_w * 0.5;
        for src in text.split('\n') {
            let src = src.trim_end().replace('\t', "    ");
            let body = src.trim_start_matches(' ');
            let lead = ((src.len() - body.len()) as f32 * space_w).min(self.measure * max_lead);
            let spans = [Span::new(body, Style::Mono)];
            let spec = |width: f32| ParaSpec {
                spans: &spans,
                size,
                width,
                first_indent: lead,
                align: Align::Start,
                lang: "und",
                rtl: false,
                preformatted: true,
            };
            // Set unbroken, then wrapped here; right-to-left text keeps
            // the paragraph breaker (its glyphs are in visual order).
            let mut set = if has_rtl(body) {
                para::set(self.fonts, &spec(width))
                    .into_iter()
                    .map(|l| (l, false))
                    .collect()
            } else {
                let mut whole = para::set(self.fonts, &spec(f32::from(u16::MAX)));
                if whole.len() == 1 {
                    let line = whole.remove(0);
                    wrap_code(line, width, lead + hang.min(width * 0.25), mark_room)
                } else {
                    whole.into_iter().map(|l| (l, false)).collect()
                }
            };
            if set.is_empty() {
                set.push((Line::default(), false));
            }
            for (mut line, wrapped) in set {
                if wrapped {
                    let end = line.width + space_w * 0.5;
                    let strokes = mark
                        .iter()
                        .map(|r| Rule {
                            x0: r.x0 + end,
                            x1: r.x1 + end,
                            ..*r
                        })
                        .collect();
                    wrap_marks.push((lines.len(), strokes));
                } else {
                    // The space a reader puts between this line and the
                    // next; a wrapped line has none, so the source line
                    // reads back whole.
                    lines::end_space(self.fonts, &mut line);
                }
                lines.push((line, x));
            }
        }
        let code = self.tree.add(Role::Code, self.parent);
        let mark = self.tree.mark(code);
        for (line, _) in &mut lines {
            tags::mark_line(line, mark);
        }
        self.push(Unit {
            lines,
            width,
            leading,
            ascent: ascent_for(self.fonts, size, leading),
            space_before: space,
            space_after: space,
            keep_with_next: false,
            splittable: true,
            anchor: None,
            rule_above: None,
            wrap_marks,
        });
    }

    fn caption(&mut self, kind: CaptionKind, content: &[Inline], indent: f32) {
        let b = &self.st.blocks;
        let (style, t, align, color) = match kind {
            CaptionKind::Caption => (Style::Italic, b.caption, Align::Start, Color::Black),
            CaptionKind::Credit => (Style::Regular, b.credit, Align::End, Color::Gray),
        };
        let mut spans = inline_spans(content, style);
        for sp in &mut spans {
            if sp.link.is_none() {
                sp.color = color;
            }
        }
        let mut p = self.text_p(t, align);
        p.indent_left = indent;
        p.space_before = b.caption_space_before;
        p.space_after = b.caption_space_after;
        let mut u = self.para(&spans, p);
        let role = match kind {
            CaptionKind::Caption => Role::Caption,
            CaptionKind::Credit => Role::P,
        };
        self.tag(&mut u, &spans, role);
        self.push(u);
    }

    fn note(&mut self, content: &[Inline], indent: f32) {
        let b = &self.st.blocks;
        let spans = inline_spans(content, Style::Regular);
        let mut p = self.text_p(b.note, Align::Justify);
        p.indent_left = indent;
        p.space_before = b.note_space_before;
        let mut u = self.para(&spans, p);
        self.tag(&mut u, &spans, Role::Note);
        self.push(u);
    }

    /// Puts a list marker in the hanging indent of the unit's first line;
    /// returns how many glyphs it added there.
    fn add_marker(&mut self, unit: &mut Unit, marker: &str, style: Style) -> usize {
        let s = self.st.blocks.marker_size;
        let gap = self.st.blocks.marker_gap;
        let face = self
            .fonts
            .face_for(style, marker.chars().next().unwrap_or('•'));
        let mut glyphs = shape::shape(self.fonts, face, marker, s, false, "und", Color::Black);
        let w: f32 = glyphs.iter().map(|g| g.advance).sum();
        let rtl = self.rtl;
        if let Some((line, x)) = unit.lines.first_mut() {
            let width = self.measure - *x;
            let start = if rtl { width + gap } else { -w - gap };
            for g in &mut glyphs {
                g.x += start;
            }
            let n = glyphs.len();
            line.glyphs.splice(0..0, glyphs);
            return n;
        }
        0
    }
}

/// Whether `text` has a right-to-left character.
fn has_rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, R};
    text.chars()
        .any(|c| matches!(unicode_bidi::bidi_class(c), R | AL | AN))
}

/// Characters a code line may wrap after (besides spaces): a path's or
/// URL's separators, an option's or expression's punctuation. Not a
/// hyphen: readers (poppler) take a line ending in one for a hyphenated
/// word and drop it when they join the lines; a line may start with one.
fn wraps_after(c: char) -> bool {
    matches!(
        c,
        '/' | '\\'
            | '.'
            | ','
            | ';'
            | ':'
            | '&'
            | '?'
            | '='
            | '|'
            | '_'
            | '+'
            | ')'
            | ']'
            | '}'
            | '>'
    )
}

/// Characters that end a line only where nothing else fits: readers
/// drop a hyphen at a line end when they join the lines.
fn ends_badly(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
}

/// Wraps a code line set on one line (`line`, its glyphs left to right,
/// the first at its lead indent) to `width`: each piece ends at the last
/// space or punctuation that fits, or, when a token is longer than the
/// room, at the last character that fits; pieces after the first start at
/// `hang`. Every piece but the last leaves `mark_room` for a continuation
/// mark and is returned with `true`. A piece keeps the spaces it ends
/// with, so that the text of the pieces, one after the other, is the text
/// of the line.
pub(crate) fn wrap_code(line: Line, width: f32, hang: f32, mark_room: f32) -> Vec<(Line, bool)> {
    let glyphs = line.glyphs;
    let n = glyphs.len();
    let right = |i: usize| glyphs[i].x + glyphs[i].advance;
    if n == 0 || glyphs.iter().map(|g| g.x + g.advance).fold(0.0, f32::max) <= width + 0.01 {
        let mut l = Line { glyphs, ..line };
        l.width = l.width.min(width);
        return vec![(l, false)];
    }
    // Cluster starts (a cluster's later glyphs have no text), and whether
    // a line may start there because the cluster before ends a word.
    let starts: Vec<usize> = (0..n)
        .filter(|&i| i == 0 || !glyphs[i].text.is_empty())
        .collect();
    let is_space =
        |i: usize| glyphs[i].text.chars().all(|c| c == ' ') && !glyphs[i].text.is_empty();
    let soft = |k: usize| -> bool {
        // A break before cluster `starts[k]`.
        let (prev, here) = (starts[k - 1], starts[k]);
        let first = glyphs[here].text.chars().next();
        let last = glyphs[prev].text.chars().last();
        let next_alnum = first.is_some_and(char::is_alphanumeric);
        !is_space(here)
            && (is_space(prev)
                || (next_alnum && last.is_some_and(wraps_after))
                || (first == Some('-') && last.is_some_and(char::is_alphanumeric)))
    };
    // The right edge of the ink of glyphs `a..b` (trailing spaces left out).
    let ink = |a: usize, b: usize| -> f32 {
        (a..b)
            .filter(|&i| !is_space(i))
            .map(right)
            .fold(glyphs[a].x, f32::max)
    };
    let mut out = Vec::new();
    let mut k = 0; // index into `starts` of the piece's first cluster
    let mut first = true;
    while k < starts.len() {
        let s = starts[k];
        let indent = if first { glyphs[0].x } else { hang };
        let shift = indent - glyphs[s].x;
        let fits = |b: usize, room: f32| ink(s, b) + shift <= width - room + 0.01;
        let end_of = |kk: usize| starts.get(kk).copied().unwrap_or(n);
        let last = fits(n, 0.0);
        let kb = if last {
            starts.len()
        } else {
            // The last soft break that fits, else the last cluster that
            // fits (at least one cluster a line).
            let mut soft_b = None;
            let mut hard_b = k + 1;
            for kk in k + 1..starts.len() {
                if !fits(end_of(kk), mark_room) {
                    break;
                }
                let prev_end = glyphs[starts[kk - 1]].text.chars().last();
                if !prev_end.is_some_and(ends_badly) || hard_b == k + 1 {
                    hard_b = kk;
                }
                if soft(kk) {
                    soft_b = Some(kk);
                }
            }
            soft_b.unwrap_or(hard_b)
        };
        let e = end_of(kb);
        let mut piece: Vec<_> = glyphs[s..e].to_vec();
        for g in &mut piece {
            g.x += shift;
        }
        let w = ink(s, e) + shift;
        out.push((
            Line {
                glyphs: piece,
                width: w.min(width),
                ..Default::default()
            },
            kb < starts.len(),
        ));
        k = kb;
        first = false;
    }
    out
}

/// The width of a continuation mark for code of `size`.
fn mark_width(size: f32) -> f32 {
    size * 0.55
}

/// A continuation mark for code of `size` — a hooked arrow, ↩, pointing
/// back to the left margin — drawn with rules (horizontal strokes) from
/// its left edge at 0 and the baseline: up a stem at the right, back
/// along a bar, to a head at the left.
fn continuation_mark(size: f32) -> Vec<Rule> {
    let w = mark_width(size);
    let t = size * 0.06; // stroke
    let bar = size * 0.18; // the bar's height above the baseline
    let top = size * 0.55;
    let head = size * 0.2; // the head's length and half height
    let mut rules = vec![
        // The bar, from the head to the stem.
        Rule {
            x0: head * 0.6,
            x1: w,
            y: -bar,
            width: t,
        },
        // The stem: a short, thick horizontal stroke is a vertical bar.
        Rule {
            x0: w - t,
            x1: w,
            y: -(bar + top) / 2.0,
            width: top - bar + t / 2.0,
        },
    ];
    // The head: rows of a triangle pointing left.
    let rows = 7;
    let step = 2.0 * head * 0.55 / rows as f32;
    for r in 0..rows {
        let dy = (r as f32 + 0.5) * step - head * 0.55;
        let inset = head * (dy.abs() / (head * 0.55));
        rules.push(Rule {
            x0: inset,
            x1: head,
            y: -bar + dy,
            width: step * 1.05,
        });
    }
    rules
}

/// The alternate description of a link: its text and its address.
fn link_alt(span: &Span) -> String {
    let text = span.text.trim();
    let url = span.link.as_deref().unwrap_or("").trim();
    if text.is_empty() || text == url {
        url.to_string()
    } else {
        format!("{text} ({url})")
    }
}

/// The first element a unit's lines are content of.
pub(crate) fn unit_node(unit: &Unit) -> Option<NodeRef> {
    unit.lines
        .iter()
        .flat_map(|(l, _)| &l.marks)
        .find_map(|&(_, m)| match m {
            Mark::Node(n) => Some(n),
            Mark::Artifact(_) => None,
        })
}

/// Converts inline content to spans in `style`; links get the link colour.
/// Emphasis turns italic (roman inside italics), strong turns bold.
pub(crate) fn inline_spans(content: &[Inline], style: Style) -> Vec<Span> {
    fn walk(content: &[Inline], style: Style, out: &mut Vec<Span>) {
        for i in content {
            match i {
                Inline::Text { text } => out.push(Span::new(text.clone(), style)),
                Inline::Link { text, url } => out.push(Span {
                    text: text.clone(),
                    style,
                    link: Some(url.clone()),
                    color: Color::Link,
                }),
                Inline::Emphasis { content } => walk(content, style.emphasised(), out),
                Inline::Strong { content } => walk(content, style.strong(), out),
            }
        }
    }
    let mut out = Vec::with_capacity(content.len());
    walk(content, style, &mut out);
    out
}
