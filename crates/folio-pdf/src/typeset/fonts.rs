//! Font loading: the bundled faces (Libertinus Serif for text, DejaVu for
//! coverage and code), the user's fonts, and installed
//! system fonts for scripts the bundled faces do not cover.
//!
//! Loading happens in two steps. [`FontSources::load`] gathers the font
//! files (bundled, user, and — only when some character of the document is
//! still uncovered — system fonts found by scanning the usual font folders).
//! [`Fonts::new`] then parses them for shaping and builds one fallback chain
//! per [`Style`].
//!
//! Emoji come from the bundled Noto Emoji face ([`folio_fonts::emoji`]),
//! added only when the text has characters the text faces lack. A
//! character that no face covers is drawn as the replacement glyph (U+FFFD
//! of DejaVu Sans) whose text stays the original character, and reported
//! by [`FontSources::missing`]; with `strict` it fails the document
//! instead ([`Error::MissingGlyphs`]).

use crate::error::Error;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The typographic style of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Mono,
}

impl Style {
    const ALL: [Style; 5] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
        Style::Mono,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn bold(self) -> bool {
        matches!(self, Style::Bold | Style::BoldItalic)
    }

    fn italic(self) -> bool {
        matches!(self, Style::Italic | Style::BoldItalic)
    }

    /// The style for emphasis inside this one: italic in roman text, roman
    /// in italic text (the book convention). Code stays as it is.
    pub(crate) fn emphasised(self) -> Style {
        match self {
            Style::Regular => Style::Italic,
            Style::Italic => Style::Regular,
            Style::Bold => Style::BoldItalic,
            Style::BoldItalic => Style::Bold,
            Style::Mono => Style::Mono,
        }
    }

    /// The style for strong emphasis inside this one: bold.
    pub(crate) fn strong(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
            Style::Mono => Style::Mono,
        }
    }
}

/// Where a face came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    User,
    Bundled(Bundled),
    /// The bundled emoji face.
    Emoji,
    System,
}

/// The bundled faces: Libertinus Serif, the book face of body text (in
/// `fonts/`, SIL OFL 1.1, see `fonts/OFL.txt`), and the DejaVu faces, which
/// set headings' fallbacks, code, and whatever Libertinus lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bundled {
    Book,
    BookBold,
    BookItalic,
    BookBoldItalic,
    Serif,
    SerifBold,
    SerifItalic,
    SerifBoldItalic,
    Sans,
    SansBold,
    Mono,
}

impl Bundled {
    fn data(self) -> &'static [u8] {
        match self {
            Bundled::Book => include_bytes!("../../fonts/LibertinusSerif-Regular.otf"),
            Bundled::BookBold => include_bytes!("../../fonts/LibertinusSerif-Bold.otf"),
            Bundled::BookItalic => include_bytes!("../../fonts/LibertinusSerif-Italic.otf"),
            Bundled::BookBoldItalic => {
                include_bytes!("../../fonts/LibertinusSerif-BoldItalic.otf")
            }
            Bundled::Serif => dejavu::serif::regular(),
            Bundled::SerifBold => dejavu::serif::bold(),
            Bundled::SerifItalic => dejavu::serif::italic(),
            Bundled::SerifBoldItalic => dejavu::serif::bold_italic(),
            Bundled::Sans => dejavu::sans::regular(),
            Bundled::SansBold => dejavu::sans::bold(),
            Bundled::Mono => dejavu::sans_mono::regular(),
        }
    }

    /// Whether this is one of the Libertinus (book) faces.
    fn is_book(self) -> bool {
        matches!(
            self,
            Bundled::Book | Bundled::BookBold | Bundled::BookItalic | Bundled::BookBoldItalic
        )
    }
}

pub(crate) use folio_fonts::needs_glyph;

/// Raw font bytes: bundled (static) or read from a file.
#[derive(Clone)]
enum Bytes {
    Static(&'static [u8]),
    Owned(Arc<Vec<u8>>),
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Static(s) => s,
            Bytes::Owned(v) => v,
        }
    }
}

/// One face to load: its bytes, index in a collection, and description.
struct Source {
    bytes: Bytes,
    index: u32,
    origin: Origin,
    bold: bool,
    italic: bool,
    label: String,
}

/// The font files a document needs, before parsing for shaping.
pub(crate) struct FontSources {
    sources: Vec<Source>,
    /// Characters of the document that no face covers.
    missing: BTreeSet<char>,
}

impl FontSources {
    /// Gathers the faces for a document whose text uses `chars`: the user's
    /// `fonts` first, then the bundled faces, then system fonts for
    /// whatever is still uncovered. `lang` picks among regional CJK faces.
    /// Characters no face covers are drawn as a replacement mark (see
    /// [`FontSources::missing`]), or fail the document when `strict`.
    pub(crate) fn load(
        user_fonts: &[PathBuf],
        chars: &BTreeSet<char>,
        lang: &str,
        system_fallback: bool,
        strict: bool,
    ) -> Result<Self, Error> {
        let mut sources = Vec::new();
        for path in user_fonts {
            let data = std::fs::read(path).map_err(|e| Error::Font {
                path: path.clone(),
                message: e.to_string(),
            })?;
            let data = Arc::new(data);
            let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
            let mut any = false;
            for index in 0..count {
                if let Ok(face) = ttf_parser::Face::parse(&data, index) {
                    any = true;
                    sources.push(Source {
                        bold: face.is_bold() || face.weight().to_number() >= 600,
                        italic: face.is_italic() || face.is_oblique(),
                        bytes: Bytes::Owned(data.clone()),
                        index,
                        origin: Origin::User,
                        label: path.display().to_string(),
                    });
                }
            }
            if !any {
                return Err(Error::Font {
                    path: path.clone(),
                    message: "not an OpenType/TrueType font".into(),
                });
            }
        }
        for b in [
            Bundled::Book,
            Bundled::BookBold,
            Bundled::BookItalic,
            Bundled::BookBoldItalic,
            Bundled::Serif,
            Bundled::SerifBold,
            Bundled::SerifItalic,
            Bundled::SerifBoldItalic,
            Bundled::Sans,
            Bundled::SansBold,
            Bundled::Mono,
        ] {
            sources.push(Source {
                bytes: Bytes::Static(b.data()),
                index: 0,
                origin: Origin::Bundled(b),
                bold: matches!(
                    b,
                    Bundled::BookBold
                        | Bundled::BookBoldItalic
                        | Bundled::SerifBold
                        | Bundled::SerifBoldItalic
                        | Bundled::SansBold
                ),
                italic: matches!(
                    b,
                    Bundled::BookItalic
                        | Bundled::BookBoldItalic
                        | Bundled::SerifItalic
                        | Bundled::SerifBoldItalic
                ),
                label: if b.is_book() {
                    "Libertinus Serif (bundled)".into()
                } else {
                    "DejaVu (bundled)".into()
                },
            });
        }
        let mut fonts = FontSources {
            sources,
            missing: BTreeSet::new(),
        };
        let missing = fonts.uncovered(chars);
        if !missing.is_empty() {
            fonts.add_emoji(&missing);
        }
        let missing = fonts.uncovered(chars);
        if !missing.is_empty() && system_fallback {
            fonts.add_system_fonts(&missing, lang);
        }
        let missing = fonts.uncovered(chars);
        if !missing.is_empty() && strict {
            return Err(Error::MissingGlyphs {
                chars: missing.iter().collect(),
                hint: folio_fonts::install_hint(&missing),
            });
        }
        fonts.missing = missing;
        Ok(fonts)
    }

    /// The document's characters that no face covers: each is drawn as a
    /// replacement mark, and the caller warns about it.
    pub(crate) fn missing(&self) -> &BTreeSet<char> {
        &self.missing
    }

    /// Adds the bundled emoji face when it covers some of `missing`.
    fn add_emoji(&mut self, missing: &BTreeSet<char>) {
        let data = folio_fonts::emoji();
        let Ok(face) = ttf_parser::Face::parse(data, 0) else {
            return;
        };
        if missing.iter().any(|&c| face.glyph_index(c).is_some()) {
            self.sources.push(Source {
                bytes: Bytes::Static(data),
                index: 0,
                origin: Origin::Emoji,
                bold: false,
                italic: false,
                label: "Noto Emoji (bundled)".into(),
            });
        }
    }

    fn uncovered(&self, chars: &BTreeSet<char>) -> BTreeSet<char> {
        let faces: Vec<ttf_parser::Face<'_>> = self
            .sources
            .iter()
            .filter_map(|s| ttf_parser::Face::parse(s.bytes.as_slice(), s.index).ok())
            .collect();
        chars
            .iter()
            .copied()
            .filter(|&c| needs_glyph(c) && !faces.iter().any(|f| f.glyph_index(c).is_some()))
            .collect()
    }

    /// Adds the installed faces [`folio_fonts::fallbacks`] chooses for the
    /// `missing` characters (each regular face, then its bold sibling).
    fn add_system_fonts(&mut self, missing: &BTreeSet<char>, lang: &str) {
        for f in folio_fonts::fallbacks(missing, lang).faces {
            self.sources.push(Source {
                bytes: Bytes::Owned(f.bytes),
                index: f.index,
                origin: Origin::System,
                bold: f.bold,
                italic: false,
                label: f.path.display().to_string(),
            });
        }
    }
}

/// A parsed face ready for shaping and embedding.
pub(crate) struct Face<'a> {
    pub rb: rustybuzz::Face<'a>,
    pub data: &'a [u8],
    pub index: u32,
    pub units_per_em: f32,
    pub serif: bool,
    pub mono: bool,
    pub bold: bool,
    pub italic: bool,
    pub label: &'a str,
    /// Which of U+0000–U+00FF the face covers, looked up once: most text
    /// asks for these, once for every character.
    latin1: [u64; 4],
}

impl Face<'_> {
    /// The face's PostScript name (or a stand-in), safe for a PDF name.
    pub fn postscript_name(&self) -> String {
        let names = self.rb.names();
        let mut name = String::new();
        for n in names {
            if n.name_id == 6 {
                if let Some(s) = n.to_string() {
                    name = s;
                    break;
                }
            }
        }
        if name.is_empty() {
            name = "Font".into();
        }
        name.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(60)
            .collect()
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(b) => self.latin1[usize::from(b / 64)] & (1 << (b % 64)) != 0,
            Err(_) => self.rb.glyph_index(c).is_some(),
        }
    }

    /// Whether glyph `gid` draws nothing (no outline).
    pub fn is_blank(&self, gid: u16) -> bool {
        self.rb
            .glyph_bounding_box(ttf_parser::GlyphId(gid))
            .is_none()
    }

    /// The ascender in em.
    pub fn ascender(&self) -> f32 {
        self.rb.ascender() as f32 / self.units_per_em
    }

    /// The descender in em (negative).
    pub fn descender(&self) -> f32 {
        self.rb.descender() as f32 / self.units_per_em
    }
}

/// All faces of a document plus one fallback chain per style.
pub(crate) struct Fonts<'a> {
    pub faces: Vec<Face<'a>>,
    chains: [Vec<usize>; 5],
    /// The bundled emoji face, when the document needs it.
    emoji: Option<usize>,
    /// Characters no face covers (see [`FontSources::missing`]).
    missing: BTreeSet<char>,
    /// The glyph drawn for them: (face, glyph id), U+FFFD where a face
    /// has it.
    replacement: Option<(usize, u16)>,
    /// Shaping plans by face, direction, script and language: building a
    /// plan costs more than shaping a paragraph with it.
    plans: Mutex<HashMap<PlanKey, Arc<rustybuzz::ShapePlan>>>,
    /// Runs already shaped (see [`super::shape_cache`]).
    pub(crate) shaped: Mutex<super::shape_cache::ShapeCache>,
}

type PlanKey = (
    usize,
    rustybuzz::Direction,
    rustybuzz::Script,
    Option<rustybuzz::Language>,
);

impl<'a> Fonts<'a> {
    pub(crate) fn new(sources: &'a FontSources) -> Result<Self, Error> {
        let mut faces = Vec::new();
        let mut origins = Vec::new();
        for s in &sources.sources {
            let data = s.bytes.as_slice();
            let Some(rb) = rustybuzz::Face::from_slice(data, s.index) else {
                return Err(Error::Font {
                    path: PathBuf::from(&s.label),
                    message: "the font cannot be parsed".into(),
                });
            };
            let units_per_em = rb.units_per_em() as f32;
            let mono = rb.is_monospaced() || matches!(s.origin, Origin::Bundled(Bundled::Mono));
            let serif = matches!(
                s.origin,
                Origin::Bundled(
                    Bundled::Book
                        | Bundled::BookBold
                        | Bundled::BookItalic
                        | Bundled::BookBoldItalic
                        | Bundled::Serif
                        | Bundled::SerifBold
                        | Bundled::SerifItalic
                        | Bundled::SerifBoldItalic
                )
            );
            let mut latin1 = [0u64; 4];
            for b in 0..=255u8 {
                if rb.glyph_index(char::from(b)).is_some() {
                    latin1[usize::from(b / 64)] |= 1 << (b % 64);
                }
            }
            faces.push(Face {
                latin1,
                rb,
                data,
                index: s.index,
                units_per_em,
                serif,
                mono,
                bold: s.bold,
                italic: s.italic,
                label: &s.label,
            });
            origins.push(s.origin);
        }
        let mut chains: [Vec<usize>; 5] = Default::default();
        for style in Style::ALL {
            let chain = &mut chains[style.index()];
            let want = |f: &Face<'_>| f.bold == style.bold() && f.italic == style.italic();
            // User fonts of the matching style, then user fonts of any style.
            for (i, f) in faces.iter().enumerate() {
                if origins[i] == Origin::User && (style == Style::Mono) == f.mono && want(f) {
                    chain.push(i);
                }
            }
            for (i, _) in faces.iter().enumerate() {
                if origins[i] == Origin::User && !chain.contains(&i) {
                    chain.push(i);
                }
            }
            let bundled: &[Bundled] = match style {
                // The book face first; DejaVu for what it lacks.
                Style::Regular => &[Bundled::Book, Bundled::Serif, Bundled::Sans],
                Style::Bold => &[
                    Bundled::BookBold,
                    Bundled::SerifBold,
                    Bundled::SansBold,
                    Bundled::Serif,
                ],
                Style::Italic => &[
                    Bundled::BookItalic,
                    Bundled::SerifItalic,
                    Bundled::Serif,
                    Bundled::Sans,
                ],
                Style::BoldItalic => &[
                    Bundled::BookBoldItalic,
                    Bundled::SerifBoldItalic,
                    Bundled::SerifBold,
                    Bundled::SansBold,
                    Bundled::Serif,
                ],
                Style::Mono => &[Bundled::Mono, Bundled::Serif, Bundled::Sans],
            };
            for b in bundled {
                if let Some(i) = origins.iter().position(|o| *o == Origin::Bundled(*b)) {
                    chain.push(i);
                }
            }
            if let Some(i) = origins.iter().position(|o| *o == Origin::Emoji) {
                chain.push(i);
            }
            // System fallbacks: the matching weight first.
            for (i, f) in faces.iter().enumerate() {
                if origins[i] == Origin::System && f.bold == style.bold() {
                    chain.push(i);
                }
            }
            // Everything else last, so any covered character is found.
            for i in 0..faces.len() {
                if !chain.contains(&i) {
                    chain.push(i);
                }
            }
        }
        let emoji = origins.iter().position(|o| *o == Origin::Emoji);
        let missing = sources.missing.clone();
        let replacement = if missing.is_empty() {
            None
        } else {
            // A visible mark, never `.notdef` (PDF/UA forbids drawing it):
            // U+FFFD, else a white square, else a question mark.
            ['\u{FFFD}', '\u{25A1}', '?'].into_iter().find_map(|c| {
                chains[Style::Regular.index()].iter().find_map(|&i| {
                    let gid = faces[i].rb.glyph_index(c)?;
                    Some((i, gid.0))
                })
            })
        };
        Ok(Fonts {
            faces,
            chains,
            emoji,
            missing,
            replacement,
            plans: Mutex::new(HashMap::new()),
            shaped: Mutex::default(),
        })
    }

    /// The face to set `c` in for `style`: the first face of the chain that
    /// covers it (the chain's first face when none does; callers check
    /// coverage beforehand, see [`FontSources::load`]).
    pub(crate) fn face_for(&self, style: Style, c: char) -> usize {
        let chain = &self.chains[style.index()];
        chain
            .iter()
            .copied()
            .find(|&i| self.faces[i].covers(c))
            .unwrap_or(chain[0])
    }

    /// The shaping plan for `buf` (with its segment properties set) in
    /// `face`, built once per document.
    pub(crate) fn plan(
        &self,
        face: usize,
        buf: &rustybuzz::UnicodeBuffer,
    ) -> Arc<rustybuzz::ShapePlan> {
        let key = (face, buf.direction(), buf.script(), buf.language());
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        plans
            .entry(key)
            .or_insert_with_key(|(face, dir, script, lang)| {
                Arc::new(rustybuzz::ShapePlan::new(
                    &self.faces[*face].rb,
                    *dir,
                    // `script()` reports an unset script as UNKNOWN.
                    (*script != rustybuzz::script::UNKNOWN).then_some(*script),
                    lang.as_ref(),
                    &[],
                ))
            })
            .clone()
    }

    /// The face for `c` when it asks for an emoji glyph (see
    /// [`folio_fonts::wants_emoji`]; `next` is the character after it) and
    /// the bundled emoji face has one.
    pub(crate) fn emoji_for(&self, c: char, next: Option<char>) -> Option<usize> {
        let i = self.emoji?;
        (folio_fonts::wants_emoji(c, next) && self.faces[i].covers(c)).then_some(i)
    }

    /// Whether `face` is the bundled emoji face.
    pub(crate) fn is_emoji_face(&self, face: usize) -> bool {
        self.emoji == Some(face)
    }

    /// Whether no face covers `c` (it is drawn as [`Fonts::replacement`]).
    pub(crate) fn is_missing(&self, c: char) -> bool {
        !self.missing.is_empty() && self.missing.contains(&c)
    }

    /// The replacement glyph drawn for a character no face covers:
    /// (face, glyph id).
    pub(crate) fn replacement(&self) -> Option<(usize, u16)> {
        self.replacement
    }

    /// The primary face of a style.
    pub(crate) fn primary(&self, style: Style) -> usize {
        self.chains[style.index()][0]
    }
}
