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

/// The fonts for `text` in language `lang`; cached per (characters,
/// language), since a book's cover is rendered once but checked for
/// diagnostics too.
pub(crate) fn choose(text: &str, lang: &str) -> Chosen {
    let chars: BTreeSet<char> = text
        .chars()
        .filter(|&c| folio_fonts::needs_glyph(c))
        .collect();
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

/// The installed files [`folio_fonts::fallbacks`] chooses (as the PDF
/// writer does), each once, in order.
fn search(missing: &BTreeSet<char>, lang: &str) -> Chosen {
    let found = folio_fonts::fallbacks(missing, lang);
    let mut files: Vec<Arc<Vec<u8>>> = Vec::new();
    for f in found.faces {
        if !files.iter().any(|b| Arc::ptr_eq(b, &f.bytes)) {
            files.push(f.bytes);
        }
    }
    Chosen {
        files,
        uncovered: found.uncovered,
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
    db.faces()
        .enumerate()
        .filter(|(_, f)| !exclude.contains(&f.id) && has_char(db, f.id, c))
        .map(|(i, f)| {
            let fam = f.families.first().map(|f| f.0.as_str()).unwrap_or_default();
            let same_weight = (f.weight.0 >= 600) == (weight >= 600);
            let (regional, serif) = folio_fonts::family_rank(fam, lang);
            ((same_weight, regional, serif, usize::MAX - i), f.id)
        })
        .max_by_key(|(k, _)| *k)
        .map(|(_, id)| id)
}
