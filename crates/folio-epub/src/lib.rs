//! Folio's EPUB writer: EPUB 3.3 e-books that EPUBCheck 5.3 and DAISY Ace
//! pass, byte for byte the same on every run.
//!
//! One article becomes a book with a cover, one chapter and a navigation
//! document (plus an NCX for older readers); a [`Collection`] becomes a book
//! with a cover, a title page and one chapter per article, its table of
//! contents listing every article and its sections.
//!
//! - **Metadata**: `dc:title`, `dc:creator` (each author), `dc:language`
//!   (BCP 47), `dc:date`, `dc:rights`, `dc:publisher`, `dc:source`, a
//!   `dc:identifier` UUID derived from the content, and `dcterms:modified`
//!   from `SOURCE_DATE_EPOCH` or the content's own date, never the clock.
//! - **Accessibility**: schema.org `accessMode`, `accessModeSufficient`,
//!   `accessibilityFeature`, `accessibilityHazard` and `accessibilitySummary`;
//!   `lang`/`xml:lang` on the package and every XHTML document; `epub:type`
//!   with the matching DPUB-ARIA role; headings that never skip a level;
//!   right-to-left languages get `dir="rtl"` and a right-to-left page
//!   progression.
//! - **Reproducible**: the archive is rewritten with `mimetype` first and
//!   stored, and fixed timestamps.
//!
//! ```
//! use folio_core::{Article, Block};
//! use folio_epub::{EpubOptions, write};
//!
//! let article = Article {
//!     title: "Fish farm expands".into(),
//!     language: "en".into(),
//!     authors: vec!["Kim Ji Hye".into()],
//!     body: vec![Block::paragraph("The farm produced more fish this year.")],
//!     ..Default::default()
//! };
//! let mut first = Vec::new();
//! write(&article, &EpubOptions::default(), &mut first).unwrap();
//! assert_eq!(&first[30..58], b"mimetypeapplication/epub+zip");
//!
//! // Same input, same options: the same bytes.
//! let mut second = Vec::new();
//! write(&article, &EpubOptions::default(), &mut second).unwrap();
//! assert_eq!(first, second);
//! ```

#![forbid(unsafe_code)]

mod cover;
mod cover_fonts;
mod package;
mod toc;
mod xhtml;

use epub_builder::ReferenceType;
use folio_core::meta::{self, Metadata};
use folio_core::model::{Article, Collection};
use package::{BookMeta, Part};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::PathBuf;
use xhtml::{Landmark, Lang};

/// The stylesheet every document links.
const CSS: &str = include_str!("style.css");

/// Options for [`write`] and [`write_collection`].
///
/// Deserializes from the `epub` table of `folio.toml` or `-O
/// epub.KEY=VALUE` (kebab-case keys; unknown keys are refused).
///
/// ```
/// let opts = folio_epub::EpubOptions::default().with_timestamp(Some(0));
/// assert_eq!(opts.timestamp, Some(0));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct EpubOptions {
    /// `cover`: a cover image file (PNG, JPEG, GIF, WebP or SVG). `None`: a
    /// typographic cover is generated from the title, authors and date.
    /// A file that cannot be read is an [`Error::CoverRead`]; a damaged or
    /// unsupported image an [`Error::Cover`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover: Option<PathBuf>,
    /// The cover image's bytes, used instead of [`EpubOptions::cover`]
    /// (not an option key: for library callers that hold the image).
    #[serde(skip)]
    pub cover_image: Option<Vec<u8>>,
    /// Seconds since the Unix epoch for `dcterms:modified` and the archive's
    /// timestamps (`SOURCE_DATE_EPOCH`). `None`: the content's date (the
    /// article's or collection's), else the Unix epoch; never the clock.
    /// Not an option key: front ends set it from the environment.
    #[serde(skip)]
    pub timestamp: Option<i64>,
}

impl EpubOptions {
    /// Sets [`EpubOptions::cover`], a cover image file.
    pub fn with_cover(mut self, path: impl Into<PathBuf>) -> Self {
        self.cover = Some(path.into());
        self
    }
    /// Sets [`EpubOptions::cover_image`], the cover image's bytes.
    pub fn with_cover_image(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.cover_image = Some(bytes.into());
        self
    }
    /// Sets [`EpubOptions::timestamp`].
    pub fn with_timestamp(mut self, timestamp: Option<i64>) -> Self {
        self.timestamp = timestamp;
        self
    }
}

/// Errors of the EPUB writer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing the output failed.
    #[error("cannot write EPUB: {0}")]
    Io(#[from] io::Error),
    /// The cover image cannot be used.
    #[error("cannot use the cover image: {0}")]
    Cover(String),
    /// The cover image file cannot be read.
    #[error("cannot read the cover image {path}: {source}")]
    CoverRead {
        /// The file that was asked for.
        path: PathBuf,
        /// Why reading failed.
        source: io::Error,
    },
    /// epub-builder failed to assemble the package.
    #[error("cannot assemble EPUB: {0}")]
    Builder(#[from] epub_builder::Error),
    /// The archive could not be rewritten.
    #[error("cannot write the EPUB archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A bug: epub-builder's output was not what this crate expects.
    #[error("internal error in the EPUB writer: {0}")]
    Internal(String),
}

fn cover_image(
    opts: &EpubOptions,
    text: &cover::CoverText,
    lang: &Lang,
) -> Result<cover::CoverImage, Error> {
    match (&opts.cover_image, &opts.cover) {
        (Some(bytes), _) => cover::user_cover(bytes),
        (None, Some(path)) => {
            let bytes = std::fs::read(path).map_err(|source| Error::CoverRead {
                path: path.clone(),
                source,
            })?;
            cover::user_cover(&bytes)
        }
        (None, None) => cover::generated_cover(text, lang),
    }
}

fn none_if_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// The package metadata: what [`Metadata`] resolved, in EPUB's terms.
fn book_meta(core: Metadata, lang: Lang) -> BookMeta {
    BookMeta { core, lang }
}

/// Warnings about the generated cover of [`write`]`(article, opts)`:
/// characters of its text that neither the bundled fonts nor any installed
/// font covers, which the PNG cover (the `cover-image`) cannot draw. Empty
/// when a cover image is given.
///
/// ```
/// let a = folio_core::parse::parse("A title\n\nText.", &Default::default()).unwrap().article;
/// assert!(folio_epub::cover_diagnostics(&a, &Default::default()).is_empty());
/// ```
pub fn cover_diagnostics(article: &Article, opts: &EpubOptions) -> Vec<folio_core::Diagnostic> {
    if opts.cover.is_some() || opts.cover_image.is_some() {
        return Vec::new();
    }
    let m = Metadata::of_article(article, opts.timestamp);
    let lang = Lang::new(m.language.as_str());
    cover::CoverText {
        title: &m.title,
        subtitle: article.subtitle.as_deref(),
        authors: none_if_empty(meta::byline_line(article)),
        publisher: m.publisher.clone(),
        date: meta::display_date(article).map(|d| d.text),
    }
    .diagnostics(&lang)
}

/// Warnings about the generated cover of
/// [`write_collection`]`(collection, opts)` (see [`cover_diagnostics`]).
pub fn collection_cover_diagnostics(
    collection: &Collection,
    opts: &EpubOptions,
) -> Vec<folio_core::Diagnostic> {
    if opts.cover.is_some() || opts.cover_image.is_some() {
        return Vec::new();
    }
    let m = Metadata::of_collection(collection, opts.timestamp);
    let lang = Lang::new(m.language.as_str());
    cover::CoverText {
        title: &m.title,
        subtitle: collection.subtitle.as_deref(),
        authors: (!m.creators.is_empty()).then(|| m.creators.join(", ")),
        publisher: m.publisher.clone(),
        date: m
            .date
            .map(|d| folio_core::labels::format_date(d, &m.language).text),
    }
    .diagnostics(&lang)
}

/// Writes one article as an EPUB 3 book: cover, one chapter, navigation
/// document and NCX.
pub fn write(article: &Article, opts: &EpubOptions, out: &mut impl Write) -> Result<(), Error> {
    let m = Metadata::of_article(article, opts.timestamp);
    let lang = Lang::new(m.language.as_str());
    let title = m.title.clone();
    let publisher = m.publisher.clone();
    let cover = cover_image(
        opts,
        &cover::CoverText {
            title: &title,
            subtitle: article.subtitle.as_deref(),
            authors: none_if_empty(meta::byline_line(article)),
            publisher: publisher.clone(),
            date: meta::display_date(article).map(|d| d.text),
        },
        &lang,
    )?;
    let (chapter, sections) = xhtml::chapter(article, &lang)?;
    let href = "article.xhtml";
    let nodes = [toc::chapter_node(href, &title, None, &sections)];
    let ncx = toc::ncx(&m.identifier, &title, &lang, &nodes)?;
    let nav = xhtml::nav(
        &title,
        &nodes,
        &[
            Landmark {
                epub_type: "cover",
                href: "cover.xhtml",
                label: "Cover",
            },
            Landmark {
                epub_type: "bodymatter",
                href,
                label: "Start of content",
            },
        ],
        &lang,
    )?;
    let parts = vec![
        Part {
            href: "cover.xhtml".into(),
            bytes: xhtml::cover_page(&title, cover.page_href(), &lang)?,
            toc_title: None,
            sections: Vec::new(),
            reftype: Some(ReferenceType::Cover),
        },
        Part {
            href: href.into(),
            bytes: chapter,
            toc_title: Some(title.clone()),
            sections,
            reftype: Some(ReferenceType::Text),
        },
    ];
    let book = book_meta(m, lang);
    package::assemble(&book, CSS, &cover, parts, nav, ncx, out)
}

/// Writes a collection as one EPUB 3 book: cover, title page, one chapter
/// per article, and a table of contents listing every article and its
/// sections.
pub fn write_collection(
    collection: &Collection,
    opts: &EpubOptions,
    out: &mut impl Write,
) -> Result<(), Error> {
    let m = Metadata::of_collection(collection, opts.timestamp);
    let lang = Lang::new(m.language.as_str());
    let title = m.title.clone();
    let creators = m.creators.clone();
    let publisher = m.publisher.clone();
    let rights = m.rights.clone();
    let date = m.date;
    // Cover and title page print the date as the book's language writes it.
    let date_text = date.map(|d| folio_core::labels::format_date(d, &m.language).text);
    let cover = cover_image(
        opts,
        &cover::CoverText {
            title: &title,
            subtitle: collection.subtitle.as_deref(),
            authors: (!creators.is_empty()).then(|| creators.join(", ")),
            publisher: publisher.clone(),
            date: date_text.clone(),
        },
        &lang,
    )?;

    let mut parts = vec![
        Part {
            href: "cover.xhtml".into(),
            bytes: xhtml::cover_page(&title, cover.page_href(), &lang)?,
            toc_title: None,
            sections: Vec::new(),
            reftype: Some(ReferenceType::Cover),
        },
        Part {
            href: "title.xhtml".into(),
            bytes: xhtml::title_page(
                &xhtml::TitlePage {
                    title: &title,
                    subtitle: collection.subtitle.as_deref(),
                    authors: &creators,
                    publisher: publisher.as_deref(),
                    date,
                    date_shown: date_text.clone(),
                    rights: rights.as_deref(),
                },
                &lang,
            )?,
            toc_title: None,
            sections: Vec::new(),
            reftype: Some(ReferenceType::TitlePage),
        },
    ];
    // Chapter files are numbered, zero-padded to the width of the article
    // count (chapter-0001 … chapter-1032), so they sort in reading order and
    // articles with the same title get distinct documents and ids.
    let width = collection.articles.len().to_string().len();
    let mut chapters: Vec<(String, Vec<xhtml::Section>, Option<Lang>)> =
        Vec::with_capacity(collection.articles.len());
    for (i, article) in collection.articles.iter().enumerate() {
        let article_lang = if article.language.is_undetermined() {
            lang.clone()
        } else {
            Lang::new(article.language.as_str())
        };
        let (bytes, sections) = xhtml::chapter(article, &article_lang)?;
        let href = format!("chapter-{:0width$}.xhtml", i + 1);
        let chapter_title = xhtml::display_title(&article.title).to_owned();
        parts.push(Part {
            href: href.clone(),
            bytes,
            toc_title: Some(chapter_title),
            sections: sections.clone(),
            reftype: (i == 0).then_some(ReferenceType::Text),
        });
        let differs = (article_lang.tag != lang.tag).then_some(article_lang);
        chapters.push((href, sections, differs));
    }
    // The table of contents is the core's, as in every writer.
    let contents = folio_core::contents::Contents::new(collection);
    let nodes = toc::from_contents(&contents, &lang, &|i, label| {
        let (href, sections, l) = &chapters[i];
        toc::chapter_node(href, label, l.clone(), sections)
    });
    let mut landmarks = vec![
        Landmark {
            epub_type: "cover",
            href: "cover.xhtml",
            label: "Cover",
        },
        Landmark {
            epub_type: "titlepage",
            href: "title.xhtml",
            label: "Title page",
        },
    ];
    if let Some((href, _, _)) = chapters.first() {
        landmarks.push(Landmark {
            epub_type: "bodymatter",
            href,
            label: "Start of content",
        });
    }
    let nav = xhtml::nav(&title, &nodes, &landmarks, &lang)?;
    let ncx = toc::ncx(&m.identifier, &title, &lang, &nodes)?;
    let book = book_meta(m, lang);
    package::assemble(&book, CSS, &cover, parts, nav, ncx, out)
}
