//! Runs already shaped, by face, direction, language and text: a book
//! sets the same words thousands of times, and shaping depends on nothing
//! else (size and colour are applied after), so a hit gives the same
//! glyphs, and the same bytes, as shaping again. Kept apart from shaping so
//! that the fonts, which hold the cache, need nothing of the shaper.

use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One glyph as shaped, in font units: what [`super::shape::shape`]
/// scales to a size.
#[derive(Clone)]
pub(crate) struct Shaped {
    pub gid: u16,
    pub x_offset: i32,
    pub y_offset: i32,
    pub x_advance: i32,
    /// The byte range of the cluster's text in the run, on the cluster's
    /// first glyph; empty on the others.
    pub text: (u32, u32),
}

/// Shaped runs by face, direction, language and text. Shaping depends on
/// nothing else (size and colour are applied after), so a hit gives the
/// same glyphs, and the same bytes, as shaping again.
#[derive(Default)]
pub(crate) struct ShapeCache {
    /// (face, right-to-left, language) → text → glyphs; few keys, so a list.
    runs: Vec<(RunKey, RunsByText)>,
    entries: usize,
}

/// Face, right-to-left, language.
type RunKey = (usize, bool, Box<str>);
type RunsByText = FxHashMap<Box<str>, Arc<[Shaped]>>;

/// Past this many runs the cache starts afresh, bounding its memory on
/// huge inputs (a 1,000-article book holds about 40,000).
const CACHE_LIMIT: usize = 200_000;

impl ShapeCache {
    pub(crate) fn get(
        &self,
        face: usize,
        rtl: bool,
        lang: &str,
        text: &str,
    ) -> Option<Arc<[Shaped]>> {
        self.runs
            .iter()
            .find(|((f, r, l), _)| *f == face && *r == rtl && **l == *lang)
            .and_then(|(_, m)| m.get(text).cloned())
    }

    pub(crate) fn put(
        &mut self,
        face: usize,
        rtl: bool,
        lang: &str,
        text: &str,
        run: Arc<[Shaped]>,
    ) {
        if self.entries >= CACHE_LIMIT {
            self.runs.clear();
            self.entries = 0;
        }
        let i = match self
            .runs
            .iter()
            .position(|((f, r, l), _)| *f == face && *r == rtl && **l == *lang)
        {
            Some(i) => i,
            None => {
                self.runs
                    .push(((face, rtl, lang.into()), FxHashMap::default()));
                self.runs.len() - 1
            }
        };
        if self.runs[i].1.insert(text.into(), run).is_none() {
            self.entries += 1;
        }
    }
}
