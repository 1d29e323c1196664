//! Hyphenation dictionaries (TeX patterns via the `hyphenation` crate),
//! embedded for English, German, French, Spanish, Italian and Russian.

use hyphenation::{Language, Load, Standard};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock};

macro_rules! dict {
    ($file:literal, $lang:expr) => {{
        static CELL: OnceLock<Option<Standard>> = OnceLock::new();
        CELL.get_or_init(|| {
            let bytes: &[u8] = include_bytes!(concat!("../../hyph/", $file, ".standard.bincode"));
            Standard::from_reader($lang, &mut &bytes[..]).ok()
        })
        .as_ref()
    }};
}

/// The dictionary for a BCP 47 language tag, when one is embedded.
pub(crate) fn dictionary(tag: &str) -> Option<&'static Standard> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "en" => dict!("en-us", Language::EnglishUS),
        "de" => dict!("de-1996", Language::German1996),
        "fr" => dict!("fr", Language::French),
        "es" => dict!("es", Language::Spanish),
        "it" => dict!("it", Language::Italian),
        "ru" => dict!("ru", Language::Russian),
        _ => None,
    }
}

/// Hyphenation points of lowercase words, by dictionary: a book asks for
/// the same words thousands of times, and a pattern lookup walks a trie
/// for every substring.
type BreakCache = FxHashMap<(usize, Box<str>), Arc<[usize]>>;
static BREAKS: Mutex<Option<BreakCache>> = Mutex::new(None);

/// Past this many words the cache starts afresh (bounded memory).
const BREAKS_LIMIT: usize = 100_000;

/// The byte offsets where `lower` (a lowercase word) may be hyphenated,
/// as `dict.hyphenate(lower).breaks`, remembered.
pub(crate) fn breaks(dict: &'static Standard, lower: &str) -> Arc<[usize]> {
    use hyphenation::Hyphenator;
    let key = (std::ptr::from_ref(dict) as usize, Box::<str>::from(lower));
    let cache = || BREAKS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hit) = cache().as_ref().and_then(|m| m.get(&key)) {
        return hit.clone();
    }
    let points: Arc<[usize]> = dict.hyphenate(lower).breaks.into();
    let mut guard = cache();
    let map = guard.get_or_insert_with(FxHashMap::default);
    if map.len() >= BREAKS_LIMIT {
        map.clear();
    }
    map.insert(key, points.clone());
    points
}

/// The languages with an embedded dictionary.
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "it", "ru"];

#[cfg(test)]
mod tests {
    use super::*;
    use hyphenation::Hyphenator;

    #[test]
    fn every_embedded_language_hyphenates() {
        let words = [
            ("en", "typesetting"),
            ("de", "Silbentrennung"),
            ("fr", "typographique"),
            ("es", "tipografía"),
            ("it", "tipografia"),
            ("ru", "типография"),
        ];
        for (lang, word) in words {
            let d = dictionary(lang).unwrap_or_else(|| panic!("no dictionary for {lang}"));
            let lower = word.to_lowercase();
            let h = d.hyphenate(&lower);
            assert!(!h.breaks.is_empty(), "{lang}: no break in {word}");
        }
        assert!(dictionary("ko").is_none());
    }
}
