//! The typesetter's vocabulary: styled spans in, set lines of positioned
//! glyphs out, and the text clean-up every stage agrees on.

use super::fonts::{Style, needs_glyph};
use folio_core::script::is_combining_mark;

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
    /// Which link of the paragraph this is (a link broken over lines has
    /// an area on each, with the same index).
    pub index: usize,
    /// The `Link` structure element of the tagged PDF (set by the layout).
    pub tag: Option<NodeRef>,
}

/// A structure element of the tagged PDF: element `node` of the
/// structure tree of `part` (an article, or a book's front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct NodeRef {
    pub part: u32,
    pub node: u32,
}

/// What a page's furniture is, for the tagged PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Artifact {
    /// Drawn for the layout only: rules, leaders, anything not marked.
    Layout,
    /// The running header.
    Header,
    /// The running footer and the page number.
    Footer,
}

/// What a range of a line's glyphs is in the tagged PDF: content of a
/// structure element, or an artifact that assistive technology skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Node(NodeRef),
    Artifact(Artifact),
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
    /// What the glyphs are in the tagged PDF: (first glyph, mark), by
    /// increasing glyph index, the first at 0. A line without marks is an
    /// artifact.
    pub marks: Vec<(u32, Mark)>,
}

impl Line {
    /// The mark of glyph `i` (an artifact when the line has no marks).
    pub(crate) fn mark_of(&self, i: usize) -> Mark {
        let k = self.marks.partition_point(|&(s, _)| s as usize <= i);
        match k {
            0 => Mark::Artifact(Artifact::Layout),
            k => self.marks[k - 1].1,
        }
    }
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// A character that joins the glyph before it: a combining mark, or one
/// that needs no glyph of its own.
pub(crate) fn is_mark(c: char) -> bool {
    is_combining_mark(c) || !needs_glyph(c)
}

/// Cleans text for setting: tabs/newlines become spaces (except in
/// preformatted text), soft hyphens and BOMs go.
pub(crate) fn clean(text: &str, preformatted: bool) -> String {
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

/// The characters a set of spans will draw (for font coverage checks).
pub(crate) fn chars_of(text: &str, out: &mut std::collections::BTreeSet<char>) {
    out.extend(clean(text, true).chars());
}
