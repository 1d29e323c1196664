//! The fonts the PNG cover is drawn with: the PDF's bundled DejaVu faces,
//! and for characters they lack (a Chinese, Japanese, Korean, Thai…
//! title) the system faces the PDF writer would fall back to, found the
//! same way (the same font folders, files whose names suggest the script
//! first, the face covering the most characters, the article language's
//! CJK region, serif, regular weight; ties by file order). The choice
//! depends only on the characters, the language and the installed fonts,
//! so the PNG is reproducible on a machine. Characters no font covers are
//! reported ([`Chosen::uncovered`]) instead of vanishing silently.

use resvg::usvg::fontdb;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The fonts for a cover's text.
#[derive(Clone, Default)]
pub(crate) struct Chosen {
    /// System font files to load after DejaVu (bytes), in order.
    pub files: Vec<Arc<Vec<u8>>>,
    /// Characters of the text that no font covers.
    pub uncovered: BTreeSet<char>,
}

/// The bundled faces, loaded into `db`.
pub(crate) fn load_bundled(db: &mut fontdb::Database) {
    for face in [
        dejavu::serif::regular(),
        dejavu::serif::bold(),
        dejavu::sans::regular(),
        dejavu::sans::bold(),
    ] {
        db.load_font_data(face.to_vec());
    }
}

/// Whether face `id` of `db` has a glyph for `c`.
fn has_char(db: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index)
            .ok()
            .and_then(|f| f.glyph_index(c))
            .is_some()
    })
    .unwrap_or(false)
}

/// Whether a character is drawn (not a space or a control).
fn drawn(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !('\u{200B}'..='\u{200F}').contains(&c)
}

/// The fonts for `text` in language `lang`; cached per (characters,
/// language), since a book's cover is rendered once but checked for
/// diagnostics too.
pub(crate) fn choose(text: &str, lang: &str) -> Chosen {
    let chars: BTreeSet<char> = text.chars().filter(|&c| drawn(c)).collect();
    let mut bundled = fontdb::Database::new();
    load_bundled(&mut bundled);
    let missing: BTreeSet<char> = chars
        .into_iter()
        .filter(|&c| !bundled.faces().any(|f| has_char(&bundled, f.id, c)))
        .collect();
    if missing.is_empty() {
        return Chosen::default();
    }
    type Cache = Mutex<Vec<((BTreeSet<char>, String), Chosen)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (missing.clone(), lang.to_ascii_lowercase());
    let cache = CACHE.get_or_init(Default::default);
    if let Some((_, c)) = cache
        .lock()
        .ok()
        .and_then(|g| g.iter().find(|(k, _)| *k == key).cloned())
    {
        return c;
    }
    let chosen = search(&missing, lang);
    if let Ok(mut g) = cache.lock() {
        g.push((key, chosen.clone()));
    }
    chosen
}

/// A system face covering some missing characters.
struct Candidate {
    file: usize,
    family: String,
    bold: bool,
    italic: bool,
    covered: BTreeSet<char>,
}

fn search(missing: &BTreeSet<char>, lang: &str) -> Chosen {
    let mut files = Vec::new();
    for dir in font_dirs() {
        collect_font_files(&dir, &mut files, 0);
    }
    files.sort();
    files.dedup();
    let keys = script_keywords(missing);
    let (likely, rest): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        keys.iter().any(|k| name.contains(k))
    });
    let mut data: Vec<Arc<Vec<u8>>> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut covered_all: BTreeSet<char> = BTreeSet::new();
    let paths = likely
        .iter()
        .map(|p| (p, true))
        .chain(rest.iter().map(|p| (p, false)));
    for (path, is_likely) in paths {
        if !is_likely && covered_all.len() == missing.len() {
            break;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let bytes = Arc::new(bytes);
        let mut db = fontdb::Database::new();
        db.load_font_source(fontdb::Source::Binary(
            bytes.clone() as Arc<dyn AsRef<[u8]> + Send + Sync>
        ));
        let mut any = false;
        for face in db.faces() {
            let covered = db
                .with_face_data(face.id, |data, index| {
                    ttf_parser::Face::parse(data, index).ok().map(|f| {
                        missing
                            .iter()
                            .copied()
                            .filter(|&c| f.glyph_index(c).is_some())
                            .collect::<BTreeSet<char>>()
                    })
                })
                .flatten()
                .unwrap_or_default();
            if covered.is_empty() {
                continue;
            }
            any = true;
            covered_all.extend(covered.iter().copied());
            candidates.push(Candidate {
                file: data.len(),
                family: face
                    .families
                    .first()
                    .map(|f| f.0.clone())
                    .unwrap_or_default(),
                bold: face.weight.0 >= 600,
                italic: face.style != fontdb::Style::Normal,
                covered,
            });
        }
        if any {
            data.push(bytes);
        }
    }
    let region = cjk_region(lang);
    let mut left = missing.clone();
    let mut files: Vec<usize> = Vec::new();
    while !left.is_empty() {
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
        if !files.contains(&chosen.file) {
            files.push(chosen.file);
        }
        if let Some(b) = candidates
            .iter()
            .find(|c| c.bold && !c.italic && c.family == chosen.family)
        {
            if !files.contains(&b.file) {
                files.push(b.file);
            }
        }
    }
    Chosen {
        files: files.into_iter().map(|i| data[i].clone()).collect(),
        uncovered: left,
    }
}

/// The fallback face for `c` in `db`: among the faces not yet tried that
/// have it, the one of the base face's weight, then of the language's CJK
/// region, then serif; ties by load order (deterministic).
pub(crate) fn fallback(
    c: char,
    exclude: &[fontdb::ID],
    db: &fontdb::Database,
    lang: &str,
) -> Option<fontdb::ID> {
    let base = exclude.first().and_then(|&id| db.face(id));
    let weight = base.map_or(400, |b| b.weight.0);
    let region = cjk_region(lang);
    db.faces()
        .enumerate()
        .filter(|(_, f)| !exclude.contains(&f.id) && has_char(db, f.id, c))
        .map(|(i, f)| {
            let fam = f
                .families
                .first()
                .map(|f| f.0.to_ascii_lowercase())
                .unwrap_or_default();
            let same_weight = (f.weight.0 >= 600) == (weight >= 600);
            let regional = region.is_some_and(|r| fam.ends_with(r));
            let serif = fam.contains("serif") && !fam.contains("sans");
            ((same_weight, regional, serif, usize::MAX - i), f.id)
        })
        .max_by_key(|(k, _)| *k)
        .map(|(_, id)| id)
}

/// Lowercase file-name fragments of fonts likely to cover `missing` (as
/// the PDF writer's).
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

/// The suffix Noto CJK uses for the language's region.
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
