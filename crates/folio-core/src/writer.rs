//! The writer interface: what every output format implements.
//!
//! A format is a crate with one entry point (`folio_markdown::write(&article,
//! &opts, out)`) plus a unit struct that implements [`Writer`] so the CLI can
//! find it in its registry by name or file extension. [`Settings`] carries
//! the options the CLI collects; each writer maps them onto its own options
//! struct.

use crate::model::{Article, Collection};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// The error a [`Writer`] returns: each writer crate's own error, boxed.
pub type DynError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Options collected by a front end (the CLI) for whichever writer runs.
///
/// Writers read what applies to them and ignore the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Seconds since the Unix epoch to use as the "modified"/"created" time
    /// (from `SOURCE_DATE_EPOCH`). `None`: derive a stable time from the
    /// content, never from the clock.
    pub timestamp: Option<i64>,
    /// A cover image for e-book formats.
    pub cover: Option<PathBuf>,
    /// Extra font files for typeset formats, tried before the defaults.
    pub fonts: Vec<PathBuf>,
    /// Format-specific options as `key=value` pairs (`jats.flavor=publishing`,
    /// `pdf.page-size=a5`). Keys are namespaced by the writer's name.
    pub options: BTreeMap<String, String>,
}

impl Settings {
    /// The value of a format-specific option.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options.get(key).map(String::as_str)
    }
}

/// An output format.
///
/// Implementations are unit structs registered in the CLI's registry; a new
/// format is a new crate plus one line there.
pub trait Writer: Send + Sync {
    /// Short lowercase name used by `--to` (`markdown`, `json`, `jats`).
    fn name(&self) -> &'static str;
    /// Other names accepted by `--to` (`md` for Markdown).
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }
    /// File extensions, without the dot, that select this format; the first
    /// is used for generated file names.
    fn extensions(&self) -> &'static [&'static str];
    /// One line for `--help` and `folio formats`.
    fn description(&self) -> &'static str;
    /// `true` when the output is binary (never written to a terminal).
    fn is_binary(&self) -> bool {
        false
    }
    /// Writes one article.
    fn write_article(
        &self,
        article: &Article,
        settings: &Settings,
        out: &mut dyn Write,
    ) -> Result<(), DynError>;
    /// Writes a collection of articles as one document.
    fn write_collection(
        &self,
        collection: &Collection,
        settings: &Settings,
        out: &mut dyn Write,
    ) -> Result<(), DynError> {
        let _ = (collection, settings, out);
        Err(format!("the {} writer cannot write collections", self.name()).into())
    }
    /// Whether [`Writer::write_collection`] is implemented.
    fn supports_collections(&self) -> bool {
        false
    }
}

/// Finds a writer by name, alias or extension (case-insensitive, leading dot
/// ignored).
pub fn find<'a>(writers: &[&'a dyn Writer], key: &str) -> Option<&'a dyn Writer> {
    let key = key.trim_start_matches('.').to_ascii_lowercase();
    writers.iter().copied().find(|w| {
        w.name() == key
            || w.aliases().contains(&key.as_str())
            || w.extensions().contains(&key.as_str())
    })
}
