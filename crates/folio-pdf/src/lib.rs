//! Folio's PDF writer: a typesetter for articles.
//!
//! The layout is Folio's own: text is shaped with `rustybuzz` (kerning,
//! ligatures, Arabic joining), reordered for right-to-left paragraphs
//! (`unicode-bidi`), broken into lines with the Knuth–Plass total-fit
//! algorithm over UAX #14 break opportunities (`icu_segmenter`, with
//! dictionaries for Thai, Lao, Khmer and Myanmar) and TeX
//! hyphenation patterns (`hyphenation`, embedded for en, de, fr, es, it and
//! ru), justified with a ragged last line, and paginated with headings kept
//! with their text and widow/orphan control. The PDF objects are written
//! with `pdf-writer`; fonts are subset with `subsetter` and embedded as CID
//! fonts with a ToUnicode map, so text extraction gives back the words.
//! Each cluster's text is split among its glyphs in drawing order (a mark's
//! glyph says the mark), and a glyph drawn for more than one text — a
//! precomposed "á" also shaped from "a\u{301}", the "fi" ligature also
//! standing for "ﬁ", a reordered Indic vowel sign — is shown through one
//! Type 0 font per text, each with its own ToUnicode map, so pdf.js, MuPDF
//! and poppler give back the article's characters without `/ActualText`
//! (kept only around clusters of several glyphs, for poppler's word
//! breaking; one span a line's run where right-to-left text has marks, as
//! pdf.js ends a text item at each span). Marks the font raises or lowers
//! are drawn with a text rise in their word's run.
//!
//! Fonts: Libertinus Serif, a book face (Latin with Vietnamese, Greek,
//! Cyrillic, Hebrew; SIL OFL 1.1, `fonts/OFL.txt`), sets the text; DejaVu
//! Serif and Sans are bundled for what it lacks (Arabic…) and DejaVu Sans
//! Mono for code. Characters none of
//! them covers are looked up in the installed system fonts (Noto CJK for
//! Chinese, Japanese, Korean…); [`PdfOptions::fonts`] adds fonts in front
//! of all of these, and emoji come from the bundled Noto Emoji outlines.
//! A character that no font covers is drawn as a replacement mark (U+FFFD)
//! whose text is still the character, and reported as a
//! [`MissingGlyph`] warning by [`write_with_warnings`]; with
//! [`PdfOptions::strict_fonts`], [`write()`] fails instead with
//! [`Error::MissingGlyphs`] naming the characters and what to install.
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
//! The crate is three stages, one folder each, and dependencies flow one
//! way (`typeset` ← `layout` ← `export`): `src/typeset/` sets styled text
//! into lines of positioned glyphs (fonts, shaping, paragraph collection,
//! Knuth–Plass line breaking, hyphenation); `src/layout/` turns the
//! article model into pages (geometry computed once from the options, one
//! style table for every size and space, blocks, pagination, running heads,
//! a book's front matter); `src/export/` writes the pages as PDF objects
//! (packed pages, font subsets with ToUnicode maps, content streams, links,
//! outline, Info and XMP metadata, the file ID). This file is the narrow
//! entry: [`write()`], [`write_collection`], [`PdfOptions`], [`Error`],
//! and the page of named stage calls between them.
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

mod error;
mod export;
mod layout;
mod options;
mod typeset;
mod warning;

use export::meta::DocMeta;
use export::outline::BookOutline;
use export::pack::{self, PackedPage};
use folio_core::contents::Contents;
use folio_core::model::{Article, Collection};
use layout::geometry::Geometry;
use layout::style::StyleTable;
use layout::tags::Tree;
use rayon::prelude::*;
use std::io::Write;
use typeset::fonts::{FontSources, Fonts};
use typeset::text::NodeRef;

pub use error::{Error, describe};
pub use options::{FontSize, PageSize, PdfOptions};
pub use typeset::hyph::LANGUAGES as HYPHENATION_LANGUAGES;
pub use warning::MissingGlyph;

/// Typesets `article` as a PDF into `out`. Characters that no font
/// covers are drawn as a replacement mark without a word; use
/// [`write_with_warnings`] to learn of them.
pub fn write(article: &Article, opts: &PdfOptions, out: &mut impl Write) -> Result<(), Error> {
    write_with_warnings(article, opts, out).map(drop)
}

/// Typesets `article` as a PDF into `out`, and returns the characters that
/// no font covers (drawn as a replacement mark; an error instead with
/// [`PdfOptions::strict_fonts`]).
pub fn write_with_warnings(
    article: &Article,
    opts: &PdfOptions,
    out: &mut impl Write,
) -> Result<Vec<MissingGlyph>, Error> {
    let (bytes, missing) = render(article, opts)?;
    out.write_all(&bytes)?;
    Ok(missing)
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
    Geometry::new(opts).text_area()
}

/// Typesets `article` and returns the PDF bytes.
fn render(article: &Article, opts: &PdfOptions) -> Result<Rendered, Error> {
    let meta = DocMeta::from_article(article, opts.timestamp);
    let digest = folio_core::meta::fingerprint(article);
    render_doc(&[article], meta, digest, opts, None)
}

/// A document's bytes and the characters no font covered.
type Rendered = (Vec<u8>, Vec<MissingGlyph>);

/// Typesets the articles one after another (each from a new page) as one
/// document described by `meta`: a book when `book` gives its front
/// matter. A page of named calls, one stage each: fonts for every
/// character (typesetting), the articles' layout, packed at once, the
/// book's front matter, the running heads, then the PDF (export).
fn render_doc(
    articles: &[&Article],
    meta: DocMeta,
    digest: [u8; 32],
    opts: &PdfOptions,
    book: Option<(&Collection, &Contents)>,
) -> Result<Rendered, Error> {
    let geo = Geometry::new(opts);
    let style = StyleTable::new(geo.size);
    let chars = layout::chars_needed(articles, book);
    let sources = FontSources::load(
        &opts.fonts,
        &chars,
        &meta.language,
        opts.system_fonts,
        opts.strict_fonts,
    )?;
    let missing = warning::missing_glyphs(sources.missing(), articles);
    let fonts = Fonts::new(&sources)?;
    // Articles start on new pages, so their layouts are independent: set
    // them in parallel and pack each one's pages at once (glyph ids and
    // positions only), so a book is not held in memory in its heavy form.
    // Each article is a part of the structure tree (tagged PDF).
    let (laid, mut trees): (Vec<Vec<PackedPage>>, Vec<Tree>) = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let (pages, tree) =
                layout::article::in_document(a, i as u32, book.is_some(), &fonts, &geo, &style);
            (pack::pack_all(pages, geo.height), tree)
        })
        .unzip();
    let counts: Vec<usize> = laid.iter().map(Vec::len).collect();
    let front = book.map(|(c, toc)| {
        let mut f = layout::book::front_matter(
            c,
            toc,
            articles,
            &counts,
            &meta.language,
            &fonts,
            &geo,
            &style,
        );
        let part = articles.len() as u32;
        trees.push(layout::tags::front_matter(
            &mut f.title_page,
            &mut f.contents,
            part,
            &fonts,
        ));
        f
    });
    let front_pages = front.as_ref().map(|f| 1 + f.contents.len());
    let owners = layout::page::owners(front.as_ref().map(|f| f.contents.len()), &counts);
    let mut pages = pack::assemble(front, laid, geo.height);
    let rights_tags: Vec<_> = trees
        .iter()
        .map(|t| t.rights.map(|node| NodeRef { part: t.part, node }))
        .collect();
    let book_title = book.map(|(c, _)| layout::labels::entry_title(&c.title));
    let heads = layout::running::decorate(
        pages.len(),
        articles,
        &owners,
        book_title.as_deref(),
        &rights_tags,
        &meta.language,
        &fonts,
        &geo,
        &style,
    );
    pack::add_all(&mut pages, heads, geo.height);
    let id = export::meta::file_id(&digest, opts);
    let size = (geo.width, geo.height);
    let outline = book.zip(front_pages).map(|((_, toc), front)| BookOutline {
        title: book_title.as_deref().unwrap_or_default(),
        contents: toc,
        starts: counts
            .iter()
            .scan(front, |at, &n| Some(std::mem::replace(at, *at + n)))
            .collect(),
    });
    let bytes = export::write_pdf(&meta, &pages, &trees, size, &fonts, id, outline.as_ref())?;
    Ok((bytes, missing))
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
    write_collection_with_warnings(collection, opts, out).map(drop)
}

/// [`write_collection`], returning the characters that no font covers
/// (see [`write_with_warnings`]).
pub fn write_collection_with_warnings(
    collection: &Collection,
    opts: &PdfOptions,
    out: &mut impl Write,
) -> Result<Vec<MissingGlyph>, Error> {
    let (bytes, missing) = render_collection(collection, opts)?;
    out.write_all(&bytes)?;
    Ok(missing)
}

fn render_collection(collection: &Collection, opts: &PdfOptions) -> Result<Rendered, Error> {
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
    let meta = DocMeta::from_collection(collection, opts.timestamp);
    let digest = folio_core::meta::collection_fingerprint(collection);
    let toc = Contents::new(collection);
    render_doc(&articles, meta, digest, opts, Some((&front, &toc)))
}

#[cfg(test)]
mod quality_tests;
