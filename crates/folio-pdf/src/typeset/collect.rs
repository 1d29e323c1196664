//! Paragraph collection: a paragraph's spans become the boxes, glue and
//! penalties of [`super::linebreak`] — text joined and cleaned, bidi
//! levels resolved, break opportunities found (UAX #14 by `icu_segmenter`,
//! with dictionaries for Thai, Lao, Khmer and Myanmar, which put no spaces
//! between words), words split into pieces of one face and level, shaped,
//! and cut at their hyphenation points.
//!
//! Justified text in those scripts stretches at the word boundaries the
//! dictionary finds: a zero-width glue that stretches as a space does. A
//! line of Thai has a dozen such boundaries or more, so each gap stays a
//! fraction of a space, and clusters (a consonant with its stacked vowel
//! and tone marks) are never pulled apart, as letter-spacing would.

use super::fonts::{Fonts, needs_glyph};
use super::linebreak::{INFINITE, Item, Kind};
use super::shape::shape;
use super::text::{Align, Color, Glyph, GlyphText, ParaSpec, clean, is_mark, is_space};
use folio_core::script::{is_cjk, is_rtl};
use hyphenation::Standard;
use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;
use std::sync::OnceLock;

/// How far a justified space stretches, as a fraction of its width.
const SPACE_STRETCH: f64 = 0.5;
/// How far a word boundary of Thai (and the other scripts without
/// spaces) stretches in justified text, as a fraction of a space.
const DICTIONARY_STRETCH: f64 = 1.0;
/// How far a justified space shrinks, as a fraction of its width.
const SPACE_SHRINK: f64 = 0.4;
/// The width of a space whose glyph has none, as a fraction of the size.
const EMPTY_SPACE: f32 = 0.3;
/// How far the gap between two CJK characters stretches in justified
/// text, as a fraction of the size.
const CJK_STRETCH: f64 = 0.08;
/// The cost of breaking after a hyphen or dash in the text.
const DASH_PENALTY: f64 = 50.0;
/// The cost of breaking after a slash or similar, without a space.
const NO_SPACE_PENALTY: f64 = 30.0;
/// The cost of a discretionary hyphen.
const HYPHEN_PENALTY: f64 = 100.0;
/// The cost of breaking a word too wide for the measure between clusters.
const OVERLONG_PENALTY: f64 = 500.0;

/// What an item stands for on the page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Content {
    pub glyphs: Vec<Glyph>,
    pub level: u8,
    pub link: Option<usize>,
}

/// A paragraph as items for the line breaker, each with its content.
pub(crate) struct Para<'f, 'a> {
    pub fonts: &'f Fonts<'a>,
    pub items: Vec<Item>,
    pub content: Vec<Content>,
    /// The link targets, numbered by [`Content::link`].
    pub links: Vec<String>,
}

impl Para<'_, '_> {
    fn push(&mut self, width: f64, kind: Kind, content: Content) {
        self.items.push(Item { width, kind });
        self.content.push(content);
    }
}

/// The spans' cleaned text as one string, with where each span starts.
pub(crate) struct Joined {
    pub text: String,
    /// (start byte, span index) of each non-empty span.
    bounds: Vec<(usize, usize)>,
}

impl Joined {
    /// Joins the spans of `spec`.
    pub(crate) fn new(spec: &ParaSpec<'_>) -> Self {
        let mut text = String::new();
        let mut bounds: Vec<(usize, usize)> = Vec::new();
        for (i, s) in spec.spans.iter().enumerate() {
            let t = clean(&s.text, spec.preformatted);
            if t.is_empty() {
                continue;
            }
            bounds.push((text.len(), i));
            text.push_str(&t);
        }
        Joined { text, bounds }
    }

    /// The index of the span holding byte `byte`.
    fn span_at(&self, byte: usize) -> usize {
        let i = self.bounds.partition_point(|&(s, _)| s <= byte);
        self.bounds[i.saturating_sub(1)].1
    }
}

/// The hyphenation dictionary a paragraph uses: justified prose only.
pub(crate) fn dictionary(spec: &ParaSpec<'_>) -> Option<&'static Standard> {
    if spec.preformatted || spec.align != Align::Justify {
        None
    } else {
        super::hyph::dictionary(spec.lang)
    }
}

/// Whether the paragraph's lines are justified.
pub(crate) fn justified(spec: &ParaSpec<'_>) -> bool {
    spec.align == Align::Justify && !spec.preformatted
}

/// What collecting one paragraph reads.
struct Ctx<'c> {
    spec: &'c ParaSpec<'c>,
    joined: &'c Joined,
    /// The bidi level of each byte of the text.
    levels: Vec<u8>,
    /// The link number of each span.
    link_ids: Vec<Option<usize>>,
    dict: Option<&'static Standard>,
    justify: bool,
    base_level: u8,
}

/// The bidi embedding level of each byte of `text` (all 0 for
/// left-to-right text).
fn bidi_levels(spec: &ParaSpec<'_>, text: &str) -> Vec<u8> {
    let has_rtl = spec.rtl || text.chars().any(is_rtl);
    if has_rtl {
        let base = if spec.rtl {
            unicode_bidi::Level::rtl()
        } else {
            unicode_bidi::Level::ltr()
        };
        let info = unicode_bidi::BidiInfo::new(text, Some(base));
        info.levels.iter().map(|l| l.number()).collect()
    } else {
        vec![0; text.len()]
    }
}

/// The UAX #14 line segmenter with the dictionaries for Thai, Lao, Khmer
/// and Myanmar (compiled in), made once.
fn segmenter() -> &'static icu_segmenter::LineSegmenterBorrowed<'static> {
    static SEGMENTER: OnceLock<icu_segmenter::LineSegmenterBorrowed<'static>> = OnceLock::new();
    SEGMENTER.get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()))
}

/// Where lines may break, as byte offsets after each opportunity: UAX #14
/// with dictionary word boundaries for the scripts written without spaces
/// (code: at spaces only), always ending at the end of the text.
fn break_opportunities(spec: &ParaSpec<'_>, text: &str) -> Vec<usize> {
    let mut breaks: Vec<usize> = if spec.preformatted {
        // Code breaks only at spaces (and, when too long, anywhere).
        text.char_indices()
            .filter(|&(_, c)| c == ' ')
            .map(|(i, _)| i + 1)
            .collect()
    } else {
        // The segmenter reports 0 first: not a break. It also reports the
        // end of a run of Thai (say) before a space, where UAX #14 allows
        // no break (LB7): the break is after the space.
        segmenter()
            .segment_str(text)
            .filter(|&b| b > 0 && !text[b..].starts_with(is_space))
            .collect()
    };
    if breaks.last() != Some(&text.len()) {
        breaks.push(text.len());
    }
    breaks
}

/// Whether `c` belongs to a script written without spaces between words
/// whose line breaks come from a dictionary (UAX #14 class SA: Thai, Lao,
/// Myanmar, Khmer, Tai Tham, Tai Viet, New Tai Lue).
fn is_dictionary_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F // Myanmar
        | 0x1780..=0x17FF | 0x19E0..=0x19FF // Khmer
        | 0x1950..=0x19DF // Tai Le, New Tai Lue
        | 0x1A20..=0x1AAF // Tai Tham
        | 0xAA80..=0xAADF) // Tai Viet
}

/// Collects the items of a paragraph whose joined text is not empty:
/// words, the spaces and break opportunities between them.
pub(crate) fn collect<'f, 'a>(
    fonts: &'f Fonts<'a>,
    spec: &ParaSpec<'_>,
    joined: &Joined,
    dict: Option<&'static Standard>,
) -> Para<'f, 'a> {
    let text = joined.text.as_str();
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
    let ctx = Ctx {
        spec,
        joined,
        levels: bidi_levels(spec, text),
        link_ids,
        dict,
        justify: justified(spec),
        base_level: if spec.rtl { 1 } else { 0 },
    };
    if spec.first_indent > 0.0 {
        para.push(
            spec.first_indent as f64,
            Kind::Box,
            Content {
                level: ctx.base_level,
                ..Default::default()
            },
        );
    }
    let mut prev = 0;
    let mut last_face = fonts.primary(spec.spans[joined.bounds[0].1].style);
    for end in break_opportunities(spec, text) {
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
            add_word(&mut para, &ctx, prev, word, &mut last_face);
        }
        let space = &text[word_end..end];
        if !space.is_empty() && !is_last {
            push_space(&mut para, &ctx, word_end, space, last_face);
        } else if !is_last && !word.is_empty() {
            push_break(&mut para, &ctx, word, last_face);
        }
        prev = end;
    }
    para
}

/// The width of a space in `face` at `size`.
pub(crate) fn space_width(fonts: &Fonts<'_>, face: usize, size: f32) -> f64 {
    let glyphs = shape(fonts, face, " ", size, false, "und", Color::Black);
    let w: f32 = glyphs.iter().map(|g| g.advance).sum();
    if w <= 0.0 { size * EMPTY_SPACE } else { w }.into()
}

/// The glue of the space `space` at byte `at`, in the face of the word
/// before it.
fn push_space(para: &mut Para<'_, '_>, ctx: &Ctx<'_>, at: usize, space: &str, face: usize) {
    let spec = ctx.spec;
    let size = spec.size;
    let span = &spec.spans[ctx.joined.span_at(at)];
    // A face without a space glyph (the emoji face) leaves it to the
    // text face.
    let face = if para.fonts.faces[face].covers(' ') {
        face
    } else {
        para.fonts.face_for(span.style, ' ')
    };
    let glyphs = shape(para.fonts, face, space, size, false, spec.lang, span.color);
    let w: f32 = glyphs.iter().map(|g| g.advance).sum();
    let w = if w <= 0.0 { size * EMPTY_SPACE } else { w } as f64;
    let (stretch, shrink) = if ctx.justify {
        (w * SPACE_STRETCH, w * SPACE_SHRINK)
    } else {
        (0.0, 0.0)
    };
    let level = ctx.levels.get(at).copied().unwrap_or(ctx.base_level);
    let link = ctx.link_ids[ctx.joined.span_at(at)];
    para.push(
        w,
        Kind::Glue { stretch, shrink },
        Content {
            glyphs: glyphs.into_iter().take(1).collect(),
            level,
            link,
        },
    );
}

/// A break opportunity after `word` without a space: after a hyphen or
/// dash, between CJK characters, between words of Thai and the other
/// scripts without spaces, after a slash. `face` is the face of the word.
fn push_break(para: &mut Para<'_, '_>, ctx: &Ctx<'_>, word: &str, face: usize) {
    let mut rev = word.chars().rev();
    let lastc = rev.next().unwrap_or(' ');
    // No break after a hyphen that follows a digit (`150-odd`, `3-2`):
    // pdftotext takes a hyphen at a line end for a soft one and joins the
    // lines without it, so `150odd` would be what poppler's readers copy.
    if matches!(lastc, '-' | '‐') && rev.next().is_some_and(|c| c.is_ascii_digit()) {
        return;
    }
    if matches!(lastc, '-' | '‐' | '–' | '—') {
        para.push(
            0.0,
            Kind::Penalty {
                cost: DASH_PENALTY,
                flagged: true,
                discretionary: false,
            },
            Content::default(),
        );
        return;
    }
    let dictionary = is_dictionary_script(lastc);
    let stretch = if !ctx.justify {
        0.0
    } else if is_cjk(lastc) {
        ctx.spec.size as f64 * CJK_STRETCH
    } else if dictionary {
        // A word boundary found by the dictionary starts at zero width
        // and stretches by a whole space of the word's face: a line of
        // Thai has a space or two between phrases and a dozen such
        // boundaries, which carry the justification. At the adjustment
        // ratio 2 both a boundary and a space are twice a space wide.
        space_width(para.fonts, face, ctx.spec.size) * DICTIONARY_STRETCH
    } else {
        0.0
    };
    para.push(
        0.0,
        Kind::Penalty {
            cost: if is_cjk(lastc) || dictionary {
                0.0
            } else {
                NO_SPACE_PENALTY
            },
            flagged: false,
            discretionary: false,
        },
        Content::default(),
    );
    if stretch > 0.0 {
        // Inter-character glue for justifying CJK, inter-word glue for
        // Thai; a break here is the same as at the penalty, so it is not a
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

/// A piece of a word: one span, one face, one bidi level.
struct Piece {
    start: usize,
    end: usize,
    span: usize,
    face: usize,
    level: u8,
    /// Characters no face covers: drawn as the replacement glyph.
    missing: bool,
}

/// Adds the word `word` (at byte `start` of the text): its pieces, shaped,
/// with discretionary hyphens at its hyphenation points.
fn add_word(
    para: &mut Para<'_, '_>,
    ctx: &Ctx<'_>,
    start: usize,
    word: &str,
    last_face: &mut usize,
) {
    let pieces = word_pieces(para.fonts, ctx, start, word, last_face);
    let hyph_points = match ctx.dict {
        Some(d) => hyphenation_points(d, ctx, &pieces, start, word),
        None => Vec::new(),
    };
    for piece in pieces {
        push_piece(para, ctx, piece, &hyph_points);
    }
}

/// Cuts `word` into pieces of one span, face and level, choosing each
/// character's face (`last_face`: the face of the character before).
fn word_pieces(
    fonts: &Fonts<'_>,
    ctx: &Ctx<'_>,
    start: usize,
    word: &str,
    last_face: &mut usize,
) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut prev_char: Option<char> = None;
    for (off, c) in word.char_indices() {
        let abs = start + off;
        let span_i = ctx.joined.span_at(abs);
        let style = ctx.spec.spans[span_i].style;
        let level = ctx.levels.get(abs).copied().unwrap_or(0);
        if fonts.is_missing(c) {
            prev_char = Some(c);
            match pieces.last_mut() {
                Some(p) if p.missing && p.span == span_i && p.level == level => {
                    p.end = abs + c.len_utf8()
                }
                _ => pieces.push(Piece {
                    start: abs,
                    end: abs + c.len_utf8(),
                    span: span_i,
                    face: *last_face,
                    level,
                    missing: true,
                }),
            }
            continue;
        }
        let next = word[off + c.len_utf8()..].chars().next();
        let last = &fonts.faces[*last_face];
        let primary = &fonts.faces[fonts.primary(style)];
        let same_style =
            last.bold == primary.bold && last.italic == primary.italic && last.mono == primary.mono;
        let emoji = fonts.emoji_for(c, next);
        // An emoji sequence (modifier, ZWJ partner, keycap) stays in the
        // emoji face so that it shapes into one glyph.
        let in_emoji = emoji.is_some_and(|e| e == *last_face && prev_char.is_some());
        let keep = !needs_glyph(c)
            || in_emoji
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
        // Digits and punctuation standing as a word of their own inside
        // right-to-left text (`17 مارس 2023`) take the face of the nearest
        // right-to-left letter: in another face, pdf.js ends its text item
        // at each face change and gives the items in visual order.
        let rtl_neighbour = || {
            if c.is_alphabetic() || prev_char.is_some() || level == 0 {
                return None;
            }
            let text = &ctx.joined.text;
            let before = text[..start].chars().rev().find(|ch| ch.is_alphabetic());
            let after = || text[start..].chars().find(|ch| ch.is_alphabetic());
            let letter = before.or_else(after).filter(|&ch| is_rtl(ch))?;
            let f = fonts.face_for(style, letter);
            fonts.faces[f].covers(c).then_some(f)
        };
        let face = if keep {
            *last_face
        } else if let Some(f) = emoji {
            f
        } else if let Some(f) = ahead() {
            f
        } else if let Some(f) = rtl_neighbour() {
            f
        } else {
            fonts.face_for(style, c)
        };
        *last_face = face;
        prev_char = Some(c);
        match pieces.last_mut() {
            Some(p) if !p.missing && p.span == span_i && p.face == face && p.level == level => {
                p.end = abs + c.len_utf8()
            }
            _ => pieces.push(Piece {
                start: abs,
                end: abs + c.len_utf8(),
                span: span_i,
                face,
                level,
                missing: false,
            }),
        }
    }
    pieces
}

/// The hyphenation points of `word` (absolute byte offsets): none inside
/// links, addresses, words with digits, CJK or words under five letters.
fn hyphenation_points(
    dict: &'static Standard,
    ctx: &Ctx<'_>,
    pieces: &[Piece],
    start: usize,
    word: &str,
) -> Vec<usize> {
    let mut points = Vec::new();
    let any_link = pieces.iter().any(|p| ctx.link_ids[p.span].is_some());
    let plain_word = !any_link
        && !word.contains("://")
        && !word.contains('@')
        && !word.contains("www.")
        && !word.chars().any(|c| c.is_numeric());
    if !plain_word {
        return points;
    }
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
            let lower = core.to_lowercase();
            if lower.len() == core.len() {
                for p in super::hyph::breaks(dict, &lower).iter() {
                    points.push(start + a + p);
                }
            }
        }
    }
    points
}

/// Shapes a piece and adds it as boxes, cut at the hyphenation points
/// that fall on its cluster boundaries, with a discretionary hyphen at
/// each cut.
fn push_piece(para: &mut Para<'_, '_>, ctx: &Ctx<'_>, piece: Piece, hyph_points: &[usize]) {
    let fonts = para.fonts;
    let spec = ctx.spec;
    let size = spec.size;
    let Piece {
        start: ps,
        end: pe,
        span: span_i,
        face,
        level,
        missing,
    } = piece;
    let span = &spec.spans[span_i];
    let rtl = level % 2 == 1;
    let piece_text = &ctx.joined.text[ps..pe];
    let glyphs = if missing {
        replacement_glyphs(fonts, piece_text, size, span.color)
    } else {
        let mut g = shape(fonts, face, piece_text, size, rtl, spec.lang, span.color);
        if fonts.is_emoji_face(face) {
            // The emoji face leaves an empty, zero-advance glyph for a
            // variation selector; its hmtx width is not zero, so readers
            // that place glyphs by the font's widths would overlap it
            // with the next word.
            g.retain(|g| !(g.text.is_empty() && fonts.faces[face].is_blank(g.gid)));
        }
        g
    };
    let link = ctx.link_ids[span_i];
    let mut cuts = if rtl {
        Vec::new()
    } else {
        cluster_cuts(&glyphs, ps, pe, hyph_points)
    };
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
        let content = Content {
            glyphs: part,
            level,
            link,
        };
        para.push(w as f64, Kind::Box, content);
        if k + 1 < n_cuts {
            let hyphen_kind = Kind::Penalty {
                cost: HYPHEN_PENALTY,
                flagged: true,
                discretionary: true,
            };
            let content = Content {
                glyphs: hyphen.clone(),
                level,
                link,
            };
            para.push(hyphen_w as f64, hyphen_kind, content);
        }
        from = to;
    }
}

/// The replacement glyph once for each character of `text` (characters no
/// face covers), each glyph's text the character it stands for, so that
/// copying and searching still give the original.
fn replacement_glyphs(fonts: &Fonts<'_>, text: &str, size: f32, color: Color) -> Vec<Glyph> {
    let Some((face, gid)) = fonts.replacement() else {
        return Vec::new();
    };
    let f = &fonts.faces[face];
    let advance =
        f.rb.glyph_hor_advance(ttf_parser::GlyphId(gid))
            .map_or(size * 0.6, |a| a as f32 * size / f.units_per_em);
    text.chars()
        .enumerate()
        .map(|(i, c)| Glyph {
            face,
            gid,
            size,
            x: i as f32 * advance,
            y: 0.0,
            advance,
            text: GlyphText::from(c.encode_utf8(&mut [0; 4]) as &str),
            color,
        })
        .collect()
}

/// The glyph indices where the hyphenation points inside `ps..pe` fall
/// on cluster boundaries of `glyphs` (shaped from that range).
fn cluster_cuts(glyphs: &[Glyph], ps: usize, pe: usize, hyph_points: &[usize]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut clusters: Vec<usize> = Vec::with_capacity(glyphs.len());
    let mut c = 0;
    for g in glyphs {
        if !g.text.is_empty() {
            clusters.push(c);
            c += g.text.len();
        } else {
            clusters.push(usize::MAX);
        }
    }
    for &h in hyph_points {
        if h <= ps || h >= pe {
            continue;
        }
        if let Some(gi) = clusters.iter().position(|&cl| cl == h - ps) {
            cuts.push(gi);
        }
    }
    cuts
}

/// Ends the paragraph: fill glue and a forced break. Ragged paragraphs of
/// several lines get balanced lines: their last line stretches no more
/// than the others. Justified ones (and text that fits on one line) end
/// with an infinitely stretchable fill.
pub(crate) fn finish(para: &mut Para<'_, '_>, justify: bool, measure: f64) {
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
}

/// Splits boxes wider than the measure into clusters so they can break.
pub(crate) fn split_overlong(para: &mut Para<'_, '_>, measure: f64) {
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
                        cost: OVERLONG_PENALTY,
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
