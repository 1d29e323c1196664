//! Installed fonts for characters that Folio's bundled faces (DejaVu)
//! lack: one search of the usual font folders and one choice, shared by
//! the PDF typesetter (`folio-pdf`) and the EPUB's PNG cover
//! (`folio-epub`), so that both draw a Chinese title, say, with the same
//! face.
//!
//! The choice depends only on the characters, the language and the
//! installed files, never on the order a directory lists them: files are
//! sorted, those whose names suggest the script are read first, and the
//! face covering the most characters wins, then the language's CJK region,
//! then serif; ties go to the earlier file.
//!
//! ```
//! use std::collections::BTreeSet;
//! // Latin letters need a glyph; spaces and joiners do not.
//! assert!(folio_fonts::needs_glyph('a'));
//! assert!(!folio_fonts::needs_glyph('\u{200D}'));
//! assert_eq!(folio_fonts::cjk_region("zh-Hant-TW"), Some(" tc"));
//! // Whatever is installed, every asked character is either covered by a
//! // chosen face or reported as uncovered.
//! let missing: BTreeSet<char> = ['\u{4E2D}', '\u{10FFFD}'].into_iter().collect();
//! let found = folio_fonts::fallbacks(&missing, "zh");
//! assert!(found.uncovered.contains(&'\u{10FFFD}'));
//! for f in &found.faces {
//!     assert!(!f.covered.is_empty() || f.bold);
//! }
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The bundled monochrome emoji face: Noto Emoji Regular (outlines, SIL
/// Open Font License 1.1, `fonts/OFL.txt`; from the npm package
/// `@expo-google-fonts/noto-emoji` 0.4.7, Google Fonts v64). Its GSUB
/// joins flags, keycaps, skin tones and ZWJ sequences into one glyph, and
/// outlines draw in every PDF reader, where colour bitmap (CBDT) glyphs
/// would need Type 3 fonts. Writers add it only for characters the text
/// faces lack.
///
/// ```
/// let face = ttf_parser::Face::parse(folio_fonts::emoji(), 0).unwrap();
/// assert!(face.glyph_index('\u{1F389}').is_some()); // 🎉
/// ```
pub fn emoji() -> &'static [u8] {
    include_bytes!("../fonts/NotoEmoji-Regular.ttf")
}

/// Whether `c`, followed by `next`, asks for an emoji glyph rather than a
/// text one: a character with emoji presentation by default (🎉, 🇫), one
/// followed by the emoji variation selector U+FE0F (❤️) or by the keycap
/// mark U+20E3 (1⃣), a skin-tone modifier, or a tag of a flag sequence.
///
/// ```
/// assert!(folio_fonts::wants_emoji('\u{1F389}', None));
/// assert!(folio_fonts::wants_emoji('1', Some('\u{FE0F}')));
/// assert!(!folio_fonts::wants_emoji('1', None));
/// assert!(!folio_fonts::wants_emoji('\u{2764}', None)); // ❤ stays text
/// ```
pub fn wants_emoji(c: char, next: Option<char>) -> bool {
    matches!(next, Some('\u{FE0F}' | '\u{20E3}'))
        || matches!(c as u32,
            0x1F000..=0x1F0FF // mahjong, dominoes, cards
            | 0x1F18E | 0x1F191..=0x1F19A
            | 0x1F1E6..=0x1F1FF // regional indicators (flags)
            | 0x1F300..=0x1F5FF
            | 0x1F600..=0x1F64F
            | 0x1F680..=0x1F6FF
            | 0x1F7E0..=0x1F7EB
            | 0x1F900..=0x1F9FF
            | 0x1FA70..=0x1FAFF
            | 0xE0020..=0xE007F // tags (subdivision flags)
            | 0x231A | 0x231B | 0x23E9..=0x23EC | 0x23F0 | 0x23F3
            | 0x25FD | 0x25FE | 0x2614 | 0x2615 | 0x2648..=0x2653 | 0x267F | 0x2693
            | 0x26A1 | 0x26AA | 0x26AB | 0x26BD | 0x26BE | 0x26C4 | 0x26C5 | 0x26CE
            | 0x26D4 | 0x26EA | 0x26F2 | 0x26F3 | 0x26F5 | 0x26FA | 0x26FD | 0x2705
            | 0x270A | 0x270B | 0x2728 | 0x274C | 0x274E | 0x2753..=0x2755 | 0x2757
            | 0x2795..=0x2797 | 0x27B0 | 0x27BF | 0x2B1B | 0x2B1C | 0x2B50 | 0x2B55)
}

/// Characters that need no glyph of their own (spaces, joiners, controls).
pub fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{E0100}'..='\u{E01EF}'))
}

/// An installed face that covers some of the characters asked for.
#[derive(Clone)]
pub struct SystemFace {
    /// The font file's bytes (shared by the faces of one collection).
    pub bytes: Arc<Vec<u8>>,
    /// The face's index in its file (a `.ttc` holds several).
    pub index: u32,
    /// The file it came from.
    pub path: PathBuf,
    /// Its family name (typographic family first).
    pub family: String,
    /// Weight 600 or more.
    pub bold: bool,
    /// Italic or oblique.
    pub italic: bool,
    /// Which of the asked characters it has glyphs for.
    pub covered: BTreeSet<char>,
}

/// The faces chosen for a set of characters, and what none covers.
#[derive(Clone, Default)]
pub struct Fallbacks {
    /// In order of preference: each chosen regular face, followed by its
    /// family's bold face where one is installed (a bold face may repeat
    /// when two chosen faces share a family).
    pub faces: Vec<SystemFace>,
    /// Characters no installed face covers.
    pub uncovered: BTreeSet<char>,
}

/// Chooses installed faces for `missing` (characters the bundled faces
/// lack): repeatedly the upright regular face that covers the most of what
/// is left, preferring the CJK region of `lang` (a BCP 47 tag) and serif
/// faces, each followed by its bold sibling.
pub fn fallbacks(missing: &BTreeSet<char>, lang: &str) -> Fallbacks {
    let candidates = candidates(missing);
    let mut left = missing.clone();
    let mut faces = Vec::new();
    while !left.is_empty() {
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.bold && !c.italic)
            .map(|(i, c)| {
                let n = c.covered.intersection(&left).count();
                let (regional, serif) = family_rank(&c.family, lang);
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
        faces.push(chosen.clone());
        if let Some(b) = candidates
            .iter()
            .find(|c| c.bold && !c.italic && c.family == chosen.family)
        {
            faces.push(b.clone());
        }
    }
    Fallbacks {
        faces,
        uncovered: left,
    }
}

/// How well a family suits `lang`, for ranking faces that cover a
/// character: (the language's CJK region, serif).
pub fn family_rank(family: &str, lang: &str) -> (bool, bool) {
    let fam = family.to_ascii_lowercase();
    let regional = cjk_region(lang).is_some_and(|r| fam.ends_with(r));
    let serif = fam.contains("serif") && !fam.contains("sans");
    (regional, serif)
}

/// The installed faces that cover some of the `missing` characters, in
/// file order.
fn candidates(missing: &BTreeSet<char>) -> Vec<SystemFace> {
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
            candidates.push(SystemFace {
                family: family_name(&face),
                bold: face.weight().to_number() >= 600,
                italic: face.is_italic() || face.is_oblique(),
                bytes: data.clone(),
                index,
                covered,
                path: path.clone(),
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
pub fn cjk_region(lang: &str) -> Option<&'static str> {
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

/// The folders searched for installed fonts (Linux, macOS, Windows and
/// the user's own).
pub fn font_dirs() -> Vec<PathBuf> {
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
pub fn install_hint(missing: &BTreeSet<char>) -> String {
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
            0x2600..=0x27BF | 0x1F000..=0x1FAFF => {
                "symbols: fonts-noto-core or fonts-symbola (outline fonts)"
            }
            _ => "a font covering them, e.g. fonts-noto-core / fonts-noto-extra (Debian/Ubuntu)",
        };
        hints.insert(h);
    }
    let list: Vec<&str> = hints.into_iter().collect();
    list.join("; ")
}
