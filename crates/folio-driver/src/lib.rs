//! Folio's conversion facade: one call from a document to a format's bytes.
//!
//! Folio's pipeline is **text → `folio_core::parse` → [`Article`] → writer**.
//! Each writer is its own crate with one entry point and one typed options
//! struct (`folio_pdf::write(&article, &PdfOptions, out)`). This crate puts
//! them behind one interface for front ends — the `folio` CLI and the Python
//! bindings call it, so the same input and options give the same bytes from
//! either:
//!
//! - [`WRITERS`], the registry: one line per format, its names, its options
//!   type and its entry points ([`find`] looks one up);
//! - [`Options`]: every writer's options, set by `FORMAT.KEY` from strings
//!   (`-O pdf.page-size=a5`), TOML tables (`[pdf]` in `folio.toml`), any
//!   serde value (Python keyword arguments) or a typed struct — all checked
//!   at once by the writer's own options struct, so an unknown key or a bad
//!   value is refused naming the key and what is accepted;
//! - [`Error`] with its [`ErrorKind`]: invalid option, unsupported
//!   operation, input error or output error;
//! - [`convert`] and [`convert_collection`], and [`write`] and
//!   [`write_collection`] to stream into any `Write`.
//!
//! ```
//! use folio_driver::{ErrorKind, Options, convert};
//!
//! let article = folio_core::parse::parse("A title\n\nA paragraph.", &Default::default())
//!     .unwrap()
//!     .article;
//! let mut options = Options::new();
//! options.set_str("markdown.front-matter=false")?;
//! let md = convert(&article, "md", &options)?;
//! assert_eq!(String::from_utf8(md).unwrap(), "# A title\n\nA paragraph.\n");
//!
//! // Errors keep their kind: a front end maps it to an exit status.
//! let err = options.set("pdf.font-size", 100).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidOption);
//! assert!(err.to_string().starts_with("invalid option pdf.font-size: "));
//! let err = convert(&article, "docx", &options).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidOption);
//! # Ok::<(), folio_driver::Error>(())
//! ```
//!
//! A library user who needs one format only can skip this crate: one `use`
//! line and the writer's options type are enough.
//!
//! ```
//! use folio_pdf::{PageSize, PdfOptions};
//!
//! let article = folio_core::parse::parse("A title\n\nA paragraph.", &Default::default())
//!     .unwrap()
//!     .article;
//! let options = PdfOptions::default().with_page_size(PageSize::A5);
//! let mut pdf = Vec::new();
//! match folio_pdf::write(&article, &options, &mut pdf) {
//!     Ok(()) => assert!(pdf.starts_with(b"%PDF-")),
//!     Err(folio_pdf::Error::MissingGlyphs { chars, .. }) => eprintln!("no font for {chars}"),
//!     Err(e) => panic!("{e}"),
//! }
//! ```

#![forbid(unsafe_code)]

mod error;
mod options;
mod registry;

pub use error::{Error, ErrorKind};
pub use folio_core::{Article, Collection};
pub use options::Options;
pub use registry::{
    ArticleFn, CollectionFn, Format, NoOptions, WRITERS, Warnings, Writer, find, known_formats,
};

use std::io::Write;

/// Writes `article` in `format` (a name, alias or extension) with
/// `options` into `out`, and returns the warnings about the output (see
/// [`Warnings`]).
pub fn write(
    article: &Article,
    format: &str,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Warnings, Error> {
    find(format)?.write_article(article, options, out)
}

/// Writes `collection` as one document in `format`; an
/// [`Error::Unsupported`] for formats that write one file per article
/// (JATS). Returns the warnings about the output.
pub fn write_collection(
    collection: &Collection,
    format: &str,
    options: &Options,
    out: &mut dyn Write,
) -> Result<Warnings, Error> {
    find(format)?.write_collection(collection, options, out)
}

/// Converts `article` to `format` and returns the bytes.
pub fn convert(article: &Article, format: &str, options: &Options) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    write(article, format, options, &mut out)?;
    Ok(out)
}

/// Converts `collection` to one document in `format` and returns the bytes.
///
/// ```
/// use folio_driver::{Collection, ErrorKind, Options, convert_collection};
///
/// let a = folio_core::parse::parse("One\n\nText one.", &Default::default()).unwrap().article;
/// let book = Collection { title: "A book".into(), articles: vec![a], ..Default::default() };
/// let epub = convert_collection(&book, "epub", &Options::new())?;
/// assert!(epub.starts_with(b"PK"));
/// let err = convert_collection(&book, "jats", &Options::new()).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Unsupported);
/// # Ok::<(), folio_driver::Error>(())
/// ```
pub fn convert_collection(
    collection: &Collection,
    format: &str,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    write_collection(collection, format, options, &mut out)?;
    Ok(out)
}
