//! The writer registry: every output format, one line each.
//!
//! A format is a crate with an entry point `write(&Article, &Options, out)`
//! (and `write_collection` when it can write a book) and an options struct
//! that derives serde (`default`, `deny_unknown_fields`, kebab-case). It
//! becomes known to the CLI and the Python bindings by one [`Format`] line
//! in [`WRITERS`].

use crate::error::Error;
use crate::options::Options;
use folio_core::{Article, Collection, Diagnostic};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::Write;

/// An output format, as front ends see it.
pub trait Writer: Send + Sync {
    /// Short lowercase name used by `--to` and as the options prefix
    /// (`markdown`, `pdf`).
    fn name(&self) -> &'static str;
    /// Other names accepted by `--to` (`md` for Markdown).
    fn aliases(&self) -> &'static [&'static str];
    /// File extensions, without the dot, that select this format; the first
    /// is used for generated file names.
    fn extensions(&self) -> &'static [&'static str];
    /// One line for `folio formats`.
    fn description(&self) -> &'static str;
    /// `true` when the output is binary (never written to a terminal).
    fn is_binary(&self) -> bool;
    /// Whether [`Writer::write_collection`] writes a whole book as one file.
    fn supports_collections(&self) -> bool;
    /// Checks a table of this writer's options against its options struct;
    /// the error is the message of the struct's deserializer.
    fn check_options(&self, table: &toml::Table) -> Result<(), String>;
    /// Writes one article, and returns the warnings about what was written
    /// (a character no font covers, drawn as a replacement mark).
    fn write_article(
        &self,
        article: &Article,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Warnings, Error>;
    /// Writes a collection as one document ([`Error::Unsupported`] when
    /// [`Writer::supports_collections`] is false), and returns the
    /// warnings about what was written.
    fn write_collection(
        &self,
        collection: &Collection,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Warnings, Error>;
}

/// Warnings about written output (the output is complete, but the user
/// should know), without line numbers: they concern the output.
pub type Warnings = Vec<Diagnostic>;

/// Writes one article with a writer's typed options.
pub type ArticleFn<O> = fn(&Article, &O, &mut dyn Write) -> Result<Warnings, Error>;
/// Writes a collection with a writer's typed options.
pub type CollectionFn<O> = fn(&Collection, &O, &mut dyn Write) -> Result<Warnings, Error>;

/// No warnings: for the writers that have none.
fn quiet(_: ()) -> Warnings {
    Vec::new()
}

/// The PDF writer's missing-glyph reports as warnings.
fn pdf_warnings(missing: Vec<folio_pdf::MissingGlyph>) -> Warnings {
    missing
        .iter()
        .map(|m| Diagnostic::warning(None, m.to_string()))
        .collect()
}

/// A registry line: a writer's names, its typed options `O` and its entry
/// points.
pub struct Format<O> {
    /// See [`Writer::name`].
    pub name: &'static str,
    /// See [`Writer::aliases`].
    pub aliases: &'static [&'static str],
    /// See [`Writer::extensions`].
    pub extensions: &'static [&'static str],
    /// See [`Writer::description`].
    pub description: &'static str,
    /// See [`Writer::is_binary`].
    pub binary: bool,
    /// Puts the shared timestamp into the typed options.
    pub stamp: fn(&mut O, Option<i64>),
    /// The article entry point.
    pub article: ArticleFn<O>,
    /// The collection entry point, when there is one.
    pub collection: Option<CollectionFn<O>>,
}

impl<O> Format<O>
where
    O: Serialize + DeserializeOwned + Send + Sync,
{
    fn options(&self, options: &Options) -> Result<O, Error> {
        let mut o: O = options.get(self.name)?;
        (self.stamp)(&mut o, options.timestamp);
        Ok(o)
    }
}

impl<O> Writer for Format<O>
where
    O: Serialize + DeserializeOwned + Send + Sync,
{
    fn name(&self) -> &'static str {
        self.name
    }
    fn aliases(&self) -> &'static [&'static str] {
        self.aliases
    }
    fn extensions(&self) -> &'static [&'static str] {
        self.extensions
    }
    fn description(&self) -> &'static str {
        self.description
    }
    fn is_binary(&self) -> bool {
        self.binary
    }
    fn supports_collections(&self) -> bool {
        self.collection.is_some()
    }
    fn check_options(&self, table: &toml::Table) -> Result<(), String> {
        toml::Value::Table(table.clone())
            .try_into::<O>()
            .map(drop)
            .map_err(|e| e.message().to_owned())
    }
    fn write_article(
        &self,
        article: &Article,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Warnings, Error> {
        (self.article)(article, &self.options(options)?, out)
    }
    fn write_collection(
        &self,
        collection: &Collection,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Warnings, Error> {
        match self.collection {
            Some(f) => f(collection, &self.options(options)?, out),
            None => Err(Error::Unsupported {
                format: self.name,
                operation: "write a collection as one file",
            }),
        }
    }
}

/// The JSON writer takes no options: any key is unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

fn no_stamp<O>(_: &mut O, _: Option<i64>) {}

/// All registered writers, in the order `folio formats` lists them.
#[rustfmt::skip]
pub static WRITERS: &[&dyn Writer] = &[
    &Format::<NoOptions> { name: "json", aliases: &[], extensions: &["json"], description: "Folio's document model as JSON (readable back as input)", binary: false, stamp: no_stamp, article: |a, _, w| Ok(folio_core::json::write(a, w).map(quiet)?), collection: Some(|c, _, w| Ok(folio_core::json::write_collection(c, w).map(quiet)?)) },
    &Format::<folio_markdown::MarkdownOptions> { name: "markdown", aliases: &["md", "commonmark"], extensions: &["md", "markdown"], description: "CommonMark with YAML front matter", binary: false, stamp: no_stamp, article: |a, o, mut w| Ok(folio_markdown::write(a, o, &mut w).map(quiet)?), collection: Some(|c, o, mut w| Ok(folio_markdown::write_collection(c, o, &mut w).map(quiet)?)) },
    &Format::<folio_pdf::PdfOptions> { name: "pdf", aliases: &[], extensions: &["pdf"], description: "PDF typeset with embedded subset fonts, justification, hyphenation and an outline", binary: true, stamp: |o, t| o.timestamp = t, article: |a, o, mut w| Ok(folio_pdf::write_with_warnings(a, o, &mut w).map(pdf_warnings)?), collection: Some(|c, o, mut w| Ok(folio_pdf::write_collection_with_warnings(c, o, &mut w).map(pdf_warnings)?)) },
    &Format::<folio_jats::JatsOptions> { name: "jats", aliases: &["jats-xml"], extensions: &["xml", "jats"], description: "JATS 1.3 XML (Archiving, or Journal Publishing with --jats-flavor publishing)", binary: false, stamp: no_stamp, article: |a, o, mut w| Ok(folio_jats::write(a, o, &mut w).map(quiet)?), collection: None },
    &Format::<folio_epub::EpubOptions> { name: "epub", aliases: &["epub3"], extensions: &["epub"], description: "EPUB 3.3 e-book (EPUBCheck- and Ace-clean, reproducible)", binary: true, stamp: |o, t| o.timestamp = t, article: |a, o, mut w| Ok(folio_epub::write(a, o, &mut w).map(quiet)?), collection: Some(|c, o, mut w| Ok(folio_epub::write_collection(c, o, &mut w).map(quiet)?)) },
];

/// Finds a writer by name, alias or extension (case-insensitive, a leading
/// dot ignored).
pub fn find(key: &str) -> Result<&'static dyn Writer, Error> {
    let k = key.trim().trim_start_matches('.').to_ascii_lowercase();
    WRITERS
        .iter()
        .copied()
        .find(|w| {
            w.name() == k
                || w.aliases().contains(&k.as_str())
                || w.extensions().contains(&k.as_str())
        })
        .ok_or_else(|| Error::UnknownFormat {
            name: key.to_owned(),
            known: known_formats(),
        })
}

/// The registered format names, comma-separated.
pub fn known_formats() -> String {
    WRITERS
        .iter()
        .map(|w| w.name())
        .collect::<Vec<_>>()
        .join(", ")
}
