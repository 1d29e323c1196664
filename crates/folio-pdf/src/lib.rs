//! Folio's PDF writer: a typesetter for articles.
//!
//! The layout is Folio's own: text is shaped with `rustybuzz` (kerning,
//! ligatures, Arabic joining), reordered for right-to-left paragraphs
//! (`unicode-bidi`), broken into lines with the Knuth–Plass total-fit
//! algorithm over UAX #14 break opportunities (`unicode-linebreak`) and TeX
//! hyphenation patterns (`hyphenation`, embedded for en, de, fr, es, it and
//! ru), justified with a ragged last line, and paginated with headings kept
//! with their text and widow/orphan control. The PDF objects are written
//! with `pdf-writer`; fonts are subset with `subsetter` and embedded as CID
//! fonts with a ToUnicode map, so text extraction gives back the words.
//! A glyph drawn for more than one text — the glyph of "a" that is also the
//! base of "a\u{31f}", a precomposed "á" also shaped from "a\u{301}", the
//! "fi" ligature also standing for "ﬁ", a reordered Indic vowel sign — gets
//! the text of its most common use in the map, and every other use is
//! wrapped in an `/ActualText` span, so copying and searching give back
//! exactly the characters of the article.
//!
//! Fonts: DejaVu Serif (Latin, Greek, Cyrillic) is bundled, with DejaVu Sans
//! for Arabic and Hebrew and DejaVu Sans Mono for code. Characters none of
//! them covers are looked up in the installed system fonts (Noto CJK for
//! Chinese, Japanese, Korean…); [`PdfOptions::fonts`] adds fonts in front
//! of all of these. When no font covers a character, [`write()`] fails with
//! [`Error::MissingGlyphs`] naming the characters and what to install: the
//! writer never prints empty boxes or question marks.
//!
//! Entry points: [`write()`] for one article, [`write_collection`] for a
//! book (the `folio-driver` crate registers both). A book has a title page, a
//! table of contents whose page numbers are the real ones (the articles
//! are laid out first — in parallel, as each starts on a new page — then
//! the contents, set again until the number of pages they take is stable)
//! and whose entries are links, every article from a new page with its own
//! title block, a running header with the book's title and the article's,
//! page numbers, and an outline book → articles → headings.
//!
//! The PDF objects are written with `pdf-writer` rather than `printpdf`:
//! printpdf 0.12 embeds whole fonts unless its heavy `text_layout` feature
//! is on, numbers fonts and the file ID from a global counter (so a second
//! document in one process differs), and writes flat bookmarks sorted by
//! page and name, where Folio needs subset fonts, reproducible bytes and a
//! nested outline.
//!
//! Output is deterministic: the file identifier is derived from the
//! article's content and the options, dates come from
//! [`folio_core::meta::timestamp`] (`SOURCE_DATE_EPOCH`, else the article's
//! date).
//!
//! ```
//! let article = folio_core::parse::parse(
//!     "A Title\n\nFirst paragraph of the article.\n\nA second one.",
//!     &Default::default(),
//! )
//! .unwrap()
//! .article;
//! let mut out = Vec::new();
//! folio_pdf::write(&article, &folio_pdf::PdfOptions::default(), &mut out).unwrap();
//! assert!(out.starts_with(b"%PDF-1.7"));
//! ```

#![forbid(unsafe_code)]

mod book;
mod fonts;
mod hyph;
mod layout;
mod linebreak;
mod para;
mod pdf;

use folio_core::model::{Article, Collection};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

pub use hyph::LANGUAGES as HYPHENATION_LANGUAGES;

/// Paper sizes (option values `a4`, `letter`, `a5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm (the default).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    #[serde(alias = "us-letter")]
    Letter,
    /// ISO A5, 148 × 210 mm.
    A5,
}

impl PageSize {
    /// Width and height in points.
    pub fn dimensions(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
            PageSize::A5 => (419.53, 595.28),
        }
    }
}

impl std::str::FromStr for PageSize {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(PageSize::A4),
            "letter" | "us-letter" => Ok(PageSize::Letter),
            "a5" => Ok(PageSize::A5),
            other => Err(Error::Option {
                key: "pdf.page-size".into(),
                message: format!("unknown page size '{other}' (expected a4, letter or a5)"),
            }),
        }
    }
}

/// A body font size in points, from 4 to 72: out-of-range sizes cannot be
/// built, so the range is checked here only.
///
/// ```
/// use folio_pdf::FontSize;
/// assert_eq!(FontSize::new(12.0).unwrap().get(), 12.0);
/// assert!(FontSize::new(100.0).is_err());
/// assert!("9.5pt".parse::<FontSize>().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f32", into = "f32")]
pub struct FontSize(f32);

impl FontSize {
    /// The smallest size accepted.
    pub const MIN: f32 = 4.0;
    /// The largest size accepted.
    pub const MAX: f32 = 72.0;

    /// A font size, or an error when `points` is not between
    /// [`FontSize::MIN`] and [`FontSize::MAX`].
    pub fn new(points: f32) -> Result<Self, Error> {
        if points.is_finite() && (Self::MIN..=Self::MAX).contains(&points) {
            Ok(FontSize(points))
        } else {
            Err(Error::Option {
                key: "pdf.font-size".into(),
                message: format!(
                    "{points} is out of range ({} to {} points)",
                    Self::MIN,
                    Self::MAX
                ),
            })
        }
    }

    /// The size in points.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl TryFrom<f32> for FontSize {
    type Error = String;
    fn try_from(points: f32) -> Result<Self, String> {
        FontSize::new(points).map_err(|e| match e {
            Error::Option { message, .. } => message,
            e => e.to_string(),
        })
    }
}

impl From<FontSize> for f32 {
    fn from(s: FontSize) -> f32 {
        s.0
    }
}

impl std::str::FromStr for FontSize {
    type Err = String;
    /// Reads `10.5` or `10.5pt`.
    fn from_str(s: &str) -> Result<Self, String> {
        let points: f32 = s
            .trim()
            .trim_end_matches("pt")
            .trim()
            .parse()
            .map_err(|_| format!("'{s}' is not a number of points"))?;
        FontSize::try_from(points)
    }
}

/// Options for [`write()`] and [`write_collection`].
///
/// Deserializes from the `pdf` table of `folio.toml` or `-O pdf.KEY=VALUE`
/// (kebab-case keys; unknown keys and bad values are refused).
///
/// ```
/// use folio_pdf::{FontSize, PageSize, PdfOptions};
/// let opts = PdfOptions::default()
///     .with_page_size(PageSize::Letter)
///     .with_font_size(FontSize::new(12.0).unwrap());
/// assert_eq!(opts.page_size, PageSize::Letter);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct PdfOptions {
    /// `page-size`: `a4` (default), `letter` or `a5`.
    pub page_size: PageSize,
    /// `font-size`: the body text's size in points (4–72); by default 10.5
    /// (9.5 on A5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_size: Option<FontSize>,
    /// `fonts`: font files (TrueType/OpenType, collections allowed) tried
    /// before the bundled DejaVu faces.
    pub fonts: Vec<PathBuf>,
    /// `system-fonts`: search the installed system fonts for characters
    /// the given and bundled fonts do not cover (default `true`).
    pub system_fonts: bool,
    /// Seconds since the Unix epoch for the creation and modification
    /// dates (`SOURCE_DATE_EPOCH`); by default the article's date. Not an
    /// option key: front ends set it from the environment.
    #[serde(skip)]
    pub timestamp: Option<i64>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            page_size: PageSize::A4,
            font_size: None,
            fonts: Vec::new(),
            system_fonts: true,
            timestamp: None,
        }
    }
}

impl PdfOptions {
    /// Sets [`PdfOptions::page_size`].
    pub fn with_page_size(mut self, page_size: PageSize) -> Self {
        self.page_size = page_size;
        self
    }
    /// Sets [`PdfOptions::font_size`].
    pub fn with_font_size(mut self, size: FontSize) -> Self {
        self.font_size = Some(size);
        self
    }
    /// Adds a font file to [`PdfOptions::fonts`].
    pub fn with_font(mut self, path: impl Into<PathBuf>) -> Self {
        self.fonts.push(path.into());
        self
    }
    /// Sets [`PdfOptions::system_fonts`].
    pub fn with_system_fonts(mut self, on: bool) -> Self {
        self.system_fonts = on;
        self
    }
    /// Sets [`PdfOptions::timestamp`].
    pub fn with_timestamp(mut self, timestamp: Option<i64>) -> Self {
        self.timestamp = timestamp;
        self
    }
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No available font has a glyph for these characters.
    #[error(
        "no font covers {chars}: install {hint}, or add a font file that covers them to PdfOptions::fonts",
        chars = describe(chars)
    )]
    MissingGlyphs {
        /// The uncovered characters.
        chars: String,
        /// What to install (font packages), for a front end to word.
        hint: String,
    },
    /// A font file could not be read or used.
    #[error("font {}: {message}", path.display())]
    Font {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An option value is invalid.
    #[error("invalid option {key}: {message}")]
    Option {
        /// The option's key (`pdf.page-size`).
        key: String,
        /// What is wrong with it.
        message: String,
    },
    /// Writing the output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The uncovered characters as a message lists them: `'中' (U+4E2D), …`.
pub fn describe(chars: &str) -> String {
    let list: Vec<String> = chars
        .chars()
        .take(12)
        .map(|c| format!("'{c}' (U+{:04X})", c as u32))
        .collect();
    let more = chars.chars().count().saturating_sub(12);
    if more > 0 {
        format!("{} and {more} more", list.join(", "))
    } else {
        list.join(", ")
    }
}

/// Characters the layout adds itself (markers, separators, page numbers).
const GENERATED: &str = "0123456789/ .-•–·…©";

/// Typesets `article` as a PDF into `out`.
pub fn write(article: &Article, opts: &PdfOptions, out: &mut impl Write) -> Result<(), Error> {
    let bytes = render(article, opts)?;
    out.write_all(&bytes)?;
    Ok(())
}

/// The text block of a page for `opts`: `[left, top, width, height]` in
/// points from the page's top-left corner. The running header and footer
/// lie outside it (so tests can extract the body text alone).
///
/// ```
/// let [x, y, w, h] = folio_pdf::text_area(&folio_pdf::PdfOptions::default());
/// assert!(x > 0.0 && y > 0.0 && w > 300.0 && h > 500.0);
/// ```
pub fn text_area(opts: &PdfOptions) -> [f32; 4] {
    layout::text_area(opts)
}

/// Typesets `article` and returns the PDF bytes.
fn render(article: &Article, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    let meta = pdf::DocMeta::from_article(article, opts.timestamp);
    let digest = folio_core::meta::fingerprint(article);
    render_doc(&[article], meta, digest, opts, None)
}

/// Typesets the articles one after another (each from a new page) as one
/// document described by `meta`.
fn render_doc(
    articles: &[&Article],
    meta: pdf::DocMeta,
    digest: [u8; 32],
    opts: &PdfOptions,
    book: Option<&Collection>,
) -> Result<Vec<u8>, Error> {
    let mut chars = BTreeSet::new();
    for article in articles {
        for t in article.all_text() {
            para::chars_of(&t, &mut chars);
        }
        for t in [
            folio_core::meta::rights(article),
            folio_core::meta::date_line(article),
            folio_core::meta::byline_line(article),
        ]
        .into_iter()
        .flatten()
        {
            para::chars_of(&t, &mut chars);
        }
    }
    if let Some(c) = book {
        for t in book::front_text(c) {
            para::chars_of(&t, &mut chars);
        }
    }
    chars.extend(GENERATED.chars());
    let sources = fonts::FontSources::load(&opts.fonts, &chars, &meta.language, opts.system_fonts)?;
    let fonts = fonts::Fonts::new(&sources)?;
    // Articles start on new pages, so their layouts are independent: set
    // them in parallel and pack each page at once (glyph ids and
    // positions only), then number the pages in order.
    let (width, height) = opts.page_size.dimensions();
    let laid: Vec<Vec<pdf::PackedPage>> = articles
        .par_iter()
        .map(|a| {
            layout::layout(a, &fonts, opts)
                .pages
                .into_iter()
                .map(|p| pdf::PackedPage::pack(p, height))
                .collect()
        })
        .collect();
    let mut pages: Vec<pdf::PackedPage> = Vec::new();
    let mut owners = Vec::new();
    if let Some(c) = book {
        let mut starts = Vec::with_capacity(laid.len());
        let mut body_pages = 0;
        for l in &laid {
            starts.push(body_pages);
            body_pages += l.len();
        }
        // The contents are set with the page numbers they imply; when they
        // take a different number of pages than assumed, set them again
        // until the count is stable.
        let mut toc_pages = 1;
        let mut rounds = 0;
        let toc = loop {
            let front = 1 + toc_pages;
            let entries: Vec<book::Entry> = articles
                .iter()
                .zip(&starts)
                .map(|(a, &s)| book::Entry {
                    title: a.title.clone(),
                    page: front + s,
                })
                .collect();
            let mut toc =
                book::contents(&entries, front + body_pages, &meta.language, &fonts, opts);
            rounds += 1;
            if toc.len() == toc_pages {
                break toc;
            }
            if rounds >= 16 && toc.len() < toc_pages {
                // Never seen; keeps the numbers right whatever happens.
                toc.resize_with(toc_pages, layout::Page::default);
                break toc;
            }
            toc_pages = toc.len();
        };
        pages.push(pdf::PackedPage::pack(
            book::title_page(c, &fonts, opts),
            height,
        ));
        owners.push(layout::Owner::TitlePage);
        owners.extend(std::iter::repeat_n(layout::Owner::Contents, toc.len()));
        pages.extend(toc.into_iter().map(|p| pdf::PackedPage::pack(p, height)));
    }
    for (i, l) in laid.into_iter().enumerate() {
        let first = pages.len();
        owners.extend(std::iter::repeat_n(layout::Owner::Article(i), l.len()));
        pages.extend(l);
        // Every article has a bookmark, titled or not.
        if book.is_some() {
            if let Some(p) = pages.get_mut(first) {
                if !p.anchors.iter().any(|a| a.level == 0) {
                    let top = layout::text_area(opts)[1];
                    p.anchors.insert(
                        0,
                        layout::Anchor {
                            level: 0,
                            title: book::entry_title(&articles[i].title),
                            y: top,
                        },
                    );
                }
            }
        }
    }
    if pages.is_empty() {
        pages.push(pdf::PackedPage::default());
    }
    let book_title = book.map(|c| book::entry_title(&c.title));
    let decorations = layout::decorate(
        pages.len(),
        articles,
        &owners,
        book_title.as_deref(),
        &meta.language,
        &fonts,
        opts,
    );
    for (p, d) in pages.iter_mut().zip(decorations) {
        p.add(d, height);
    }
    let time = meta.time;
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    // Different options give a different file, hence a different /ID.
    let key = format!(
        "{:?}|{:?}|{:?}",
        opts.page_size,
        opts.font_size.map(FontSize::get),
        opts.fonts
    );
    let mut h: u64 = 0xcbf29ce484222325;
    for b in key.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    for (i, b) in h.to_be_bytes().iter().enumerate() {
        id[i] ^= b;
    }
    pdf::write_pdf(
        &meta,
        &pages,
        width,
        height,
        &fonts,
        id,
        time,
        book_title.as_deref(),
    )
}

/// Typesets a collection as one PDF book: a title page (title, subtitle,
/// authors, date, publisher, rights), a table of contents with real page
/// numbers and clickable entries, each article from a new page, running
/// headers (book title / article title), the outline listing the book,
/// its contents and its articles with their headings, and the
/// collection's metadata in the document information and XMP.
///
/// ```
/// let a = folio_core::parse::parse("One\n\nText one.", &Default::default()).unwrap().article;
/// let b = folio_core::parse::parse("Two\n\nText two.", &Default::default()).unwrap().article;
/// let c = folio_core::Collection { title: "Both".into(), articles: vec![a, b], ..Default::default() };
/// let mut out = Vec::new();
/// folio_pdf::write_collection(&c, &folio_pdf::PdfOptions::default(), &mut out).unwrap();
/// assert!(out.starts_with(b"%PDF-"));
/// ```
pub fn write_collection(
    collection: &Collection,
    opts: &PdfOptions,
    out: &mut impl Write,
) -> Result<(), Error> {
    let bytes = render_collection(collection, opts)?;
    out.write_all(&bytes)?;
    Ok(())
}

fn render_collection(collection: &Collection, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    let articles: Vec<&Article> = collection.articles.iter().collect();
    let resolved = folio_core::Metadata::of_collection(collection, opts.timestamp);
    // The title page shows the resolved metadata (the articles' authors
    // when the book names none...), as the Info dictionary and XMP do.
    let front = Collection {
        title: resolved.title.clone(),
        subtitle: resolved.subtitle.clone(),
        authors: resolved.creators.clone(),
        language: resolved.language.to_string(),
        date: resolved.date,
        publisher: resolved.publisher.clone(),
        rights: resolved.rights.clone(),
        articles: Vec::new(),
        ..Default::default()
    };
    let meta = pdf::DocMeta::from_collection(collection, opts.timestamp);
    let digest = folio_core::meta::collection_fingerprint(collection);
    render_doc(&articles, meta, digest, opts, Some(&front))
}

#[cfg(test)]
mod quality_tests;
