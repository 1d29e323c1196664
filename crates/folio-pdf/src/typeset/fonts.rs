//! Font loading: the bundled DejaVu faces, the user's fonts, and installed
//! system fonts for scripts the bundled faces do not cover.
//!
//! Loading happens in two steps. [`FontSources::load`] gathers the font
//! files (bundled, user, and — only when some character of the document is
//! still uncovered — system fonts found by scanning the usual font folders).
//! [`Fonts::new`] then parses them for shaping and builds one fallback chain
//! per [`Style`].

use crate::error::Error;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
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
    System,
}

/// The bundled DejaVu faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bundled {
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
            Bundled::Serif => dejavu::serif::regular(),
            Bundled::SerifBold => dejavu::serif::bold(),
            Bundled::SerifItalic => dejavu::serif::italic(),
            Bundled::SerifBoldItalic => dejavu::serif::bold_italic(),
            Bundled::Sans => dejavu::sans::regular(),
            Bundled::SansBold => dejavu::sans::bold(),
            Bundled::Mono => dejavu::sans_mono::regular(),
        }
    }
}

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
}

/// Characters that need no glyph of their own (spaces, joiners, controls).
pub(crate) fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{E0100}'..='\u{E01EF}'))
}

impl FontSources {
    /// Gathers the faces for a document whose text uses `chars`: the user's
    /// `fonts` first, then the bundled DejaVu faces, then system fonts for
    /// whatever is still uncovered. `lang` picks among regional CJK faces.
    pub(crate) fn load(
        user_fonts: &[PathBuf],
        chars: &BTreeSet<char>,
        lang: &str,
        system_fallback: bool,
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
                    Bundled::SerifBold | Bundled::SerifBoldItalic | Bundled::SansBold
                ),
                italic: matches!(b, Bundled::SerifItalic | Bundled::SerifBoldItalic),
                label: "DejaVu (bundled)".into(),
            });
        }
        let mut fonts = FontSources { sources };
        let missing = fonts.uncovered(chars);
        if !missing.is_empty() && system_fallback {
            fonts.add_system_fonts(&missing, lang);
        }
        let missing = fonts.uncovered(chars);
        if !missing.is_empty() {
            return Err(Error::MissingGlyphs {
                chars: missing.iter().collect(),
                hint: install_hint(&missing),
            });
        }
        Ok(fonts)
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

    /// Scans the system font folders and adds, for the `missing` characters,
    /// the best covering regular face and its bold sibling.
    fn add_system_fonts(&mut self, missing: &BTreeSet<char>, lang: &str) {
        let candidates = system_candidates(missing);
        let region = cjk_region(lang);
        let mut left = missing.clone();
        while !left.is_empty() {
            // Score: characters covered, then regional CJK match, serif,
            // regular weight, upright; ties broken by file order.
            let best = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.bold && !c.italic)
                .map(|(i, c)| {
                    let n = c.covered.intersection(&left).count();
                    let fam = c.family.to_ascii_lowercase();
                    let regional = region.is_some_and(|r| fam.ends_with(r)) as usize;
                    let serif = (fam.contains("serif") && !fam.contains("sans")) as usize;
                    ((n, regional, serif, usize::MAX - i), i)
                })
                .filter(|((n, ..), _)| *n > 0)
                .max();
            let Some((_, i)) = best else {
                break;
            };
            let chosen = &candidates[i];
            for c in &chosen.covered {
                left.remove(c);
            }
            self.sources.push(Source {
                bytes: Bytes::Owned(chosen.bytes.clone()),
                index: chosen.index,
                origin: Origin::System,
                bold: false,
                italic: false,
                label: chosen.label.clone(),
            });
            if let Some(b) = candidates
                .iter()
                .find(|c| c.bold && !c.italic && c.family == chosen.family)
            {
                self.sources.push(Source {
                    bytes: Bytes::Owned(b.bytes.clone()),
                    index: b.index,
                    origin: Origin::System,
                    bold: true,
                    italic: false,
                    label: b.label.clone(),
                });
            }
        }
    }
}

/// A system face that covers some of the missing characters.
struct Candidate {
    bytes: Arc<Vec<u8>>,
    index: u32,
    family: String,
    bold: bool,
    italic: bool,
    covered: BTreeSet<char>,
    label: String,
}

/// The system faces that cover some of the `missing` characters, in file
/// order.
fn system_candidates(missing: &BTreeSet<char>) -> Vec<Candidate> {
    let mut files = Vec::new();
    for dir in font_dirs() {
        collect_font_files(&dir, &mut files, 0);
    }
    files.sort();
    files.dedup();
    // Files whose names suggest the scripts needed are read first; the
    // rest only when those leave characters uncovered (a desktop may
    // have thousands of fonts).
    let keys = script_keywords(missing);
    let (likely, rest): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        keys.iter().any(|k| name.contains(k))
    });
    let mut candidates = Vec::new();
    let mut covered_all: BTreeSet<char> = BTreeSet::new();
    let paths = likely
        .iter()
        .map(|p| (p, true))
        .chain(rest.iter().map(|p| (p, false)));
    for (path, is_likely) in paths {
        if !is_likely && covered_all.len() == missing.len() {
            break;
        }
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        let data = Arc::new(data);
        let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
        for index in 0..count {
            let Ok(face) = ttf_parser::Face::parse(&data, index) else {
                continue;
            };
            let covered: BTreeSet<char> = missing
                .iter()
                .copied()
                .filter(|&c| face.glyph_index(c).is_some())
                .collect();
            if covered.is_empty() {
                continue;
            }
            covered_all.extend(covered.iter().copied());
            candidates.push(Candidate {
                family: family_name(&face),
                bold: face.weight().to_number() >= 600,
                italic: face.is_italic() || face.is_oblique(),
                bytes: data.clone(),
                index,
                covered,
                label: path.display().to_string(),
            });
        }
    }
    candidates
}

/// Lowercase file-name fragments of fonts likely to cover `missing`.
fn script_keywords(missing: &BTreeSet<char>) -> Vec<&'static str> {
    let mut keys: BTreeSet<&'static str> = BTreeSet::new();
    for &c in missing {
        let k: &[&'static str] = match c as u32 {
            0x1100..=0x11FF
            | 0x2E80..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF => &[
                "cjk", "han", "gothic", "mincho", "song", "hei", "ming", "kai", "batang", "gulim",
                "nanum", "wqy", "fallback", "uming", "ukai",
            ],
            0x0590..=0x05FF => &["hebrew"],
            0x0600..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                &["arab", "naskh", "kufi", "nastaliq"]
            }
            0x0900..=0x097F => &["devanagari", "hindi", "lohit", "mangal"],
            0x0980..=0x0DFF => &[
                "bengali",
                "gujarati",
                "gurmukhi",
                "tamil",
                "telugu",
                "kannada",
                "malayalam",
                "oriya",
                "sinhala",
                "lohit",
            ],
            0x0E00..=0x0E7F => &["thai", "tlwg"],
            0x10A0..=0x10FF => &["georgian"],
            0x1200..=0x139F => &["ethiopic"],
            _ => &["noto", "symbol", "unifont"],
        };
        keys.extend(k.iter().copied());
    }
    keys.into_iter().collect()
}

fn family_name(face: &ttf_parser::Face<'_>) -> String {
    let names = face.names();
    for id in [16u16, 1] {
        for name in names {
            if name.name_id == id && name.is_unicode() {
                if let Some(s) = name.to_string() {
                    return s;
                }
            }
        }
    }
    String::new()
}

/// The suffix Noto CJK uses for the article language's region.
fn cjk_region(lang: &str) -> Option<&'static str> {
    let lang = lang.to_ascii_lowercase();
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    match primary {
        "ja" => Some(" jp"),
        "ko" => Some(" kr"),
        "zh" if lang.contains("hant") || lang.ends_with("-tw") || lang.ends_with("-hk") => {
            Some(" tc")
        }
        "zh" => Some(" sc"),
        _ => None,
    }
}

fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from("C:\\Windows\\Fonts"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".fonts"));
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    dirs
}

fn collect_font_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_font_files(&path, out, depth + 1);
        } else if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            if matches!(
                ext.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            ) {
                out.push(path);
            }
        }
    }
}

/// What to install for characters no font covers.
fn install_hint(missing: &BTreeSet<char>) -> String {
    let mut hints = BTreeSet::new();
    for &c in missing {
        let h = match c as u32 {
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => {
                "Korean: fonts-noto-cjk (Debian/Ubuntu) or Noto Sans/Serif CJK KR"
            }
            0x2E80..=0x2FFF
            | 0x3000..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF => {
                "Chinese/Japanese: fonts-noto-cjk (Debian/Ubuntu) or Noto Serif CJK"
            }
            0x0900..=0x0DFF => {
                "Indic scripts: fonts-noto-core (Debian/Ubuntu) or Noto Serif Devanagari etc."
            }
            0x0E00..=0x0EFF => "Thai/Lao: fonts-noto-core or fonts-thai-tlwg",
            0x1F000..=0x1FAFF | 0x2600..=0x27BF => {
                "emoji and symbols: fonts-noto-core or Symbola (outline fonts; colour-bitmap emoji fonts cannot be embedded)"
            }
            _ => "a font covering them, e.g. fonts-noto-core / fonts-noto-extra (Debian/Ubuntu)",
        };
        hints.insert(h);
    }
    let list: Vec<&str> = hints.into_iter().collect();
    list.join("; ")
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
                    Bundled::Serif
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
                Style::Regular => &[Bundled::Serif, Bundled::Sans],
                Style::Bold => &[Bundled::SerifBold, Bundled::SansBold, Bundled::Serif],
                Style::Italic => &[Bundled::SerifItalic, Bundled::Serif, Bundled::Sans],
                Style::BoldItalic => &[
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
        Ok(Fonts {
            faces,
            chains,
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

    /// The primary face of a style.
    pub(crate) fn primary(&self, style: Style) -> usize {
        self.chains[style.index()][0]
    }
}
