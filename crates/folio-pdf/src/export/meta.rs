//! Document metadata: what the Info dictionary, the XMP packet and the
//! catalog say about the document, and the file identifier.

use crate::options::{FontSize, PdfOptions};
use chrono::NaiveDate;
use chrono::{DateTime, Datelike, Timelike, Utc};
use folio_core::meta::Metadata;
use folio_core::model::{Article, Collection};
use pdf_writer::{Finish, Pdf, Ref, TextStr};

/// Document-level metadata: from one article or from a collection, as
/// [`Metadata`] resolves it for every writer.
pub(crate) struct DocMeta {
    pub title: String,
    pub creators: Vec<String>,
    pub subject: Option<String>,
    pub language: String,
    pub date: Option<NaiveDate>,
    pub rights: Option<String>,
    pub publisher: Option<String>,
    pub source: Option<String>,
    /// CreationDate and ModDate.
    pub time: chrono::DateTime<chrono::Utc>,
}

impl DocMeta {
    fn from_metadata(m: Metadata) -> Self {
        DocMeta {
            subject: m.description.or(m.subtitle),
            title: m.title,
            creators: m.creators,
            language: m.language.to_string(),
            date: m.date,
            rights: m.rights,
            publisher: m.publisher,
            source: m.source,
            time: m.timestamp,
        }
    }

    pub(crate) fn from_article(a: &Article, source_date_epoch: Option<i64>) -> Self {
        Self::from_metadata(Metadata::of_article(a, source_date_epoch))
    }

    pub(crate) fn from_collection(c: &Collection, source_date_epoch: Option<i64>) -> Self {
        Self::from_metadata(Metadata::of_collection(c, source_date_epoch))
    }
}

fn pdf_date(t: DateTime<Utc>) -> pdf_writer::Date {
    pdf_writer::Date::new(t.year().clamp(0, 9999) as u16)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The file identifier: the first half of the content digest, mixed with
/// the options that change the file (different options give a different
/// file, hence a different /ID).
pub(crate) fn file_id(digest: &[u8; 32], opts: &PdfOptions) -> [u8; 16] {
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
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
    id
}

/// The producer named in the Info dictionary and the XMP packet.
pub(crate) const PRODUCER: &str = concat!("Folio PDF ", env!("CARGO_PKG_VERSION"));

/// The objects of the document's metadata.
pub(crate) struct MetaRefs {
    pub info: Ref,
    pub xmp: Ref,
}

/// The Info dictionary, dated `meta.time`.
pub(crate) fn write_info(pdf: &mut Pdf, r: &MetaRefs, meta: &DocMeta) {
    let time = meta.time;
    let authors = meta.creators.join(", ");
    let subject = meta.subject.clone();
    let date = pdf_date(time);
    let mut info = pdf.document_info(r.info);
    info.title(TextStr(&meta.title));
    if !authors.is_empty() {
        info.author(TextStr(&authors));
    }
    if let Some(s) = &subject {
        info.subject(TextStr(s));
    }
    info.creator(TextStr("Folio"))
        .producer(TextStr(PRODUCER))
        .creation_date(date)
        .modified_date(date);
    info.finish();
}

/// The document's language for the catalog's `/Lang`: PDF/UA wants one,
/// so a document of no known language says `und` (undetermined).
pub(crate) fn catalog_language(meta: &DocMeta) -> String {
    let lang = meta.language.trim();
    if lang.is_empty() {
        "und".to_string()
    } else {
        lang.to_string()
    }
}

/// The objects the catalog points to.
pub(crate) struct CatalogRefs {
    pub catalog: Ref,
    pub pages: Ref,
    pub outline: Ref,
    /// The structure tree's root.
    pub structure: Ref,
}

/// The catalog: the page tree, the outline shown when the file opens,
/// the metadata, the language, the title shown in the window, and the
/// structure tree of a tagged PDF (`/MarkInfo <</Marked true>>`).
pub(crate) fn write_catalog(pdf: &mut Pdf, c: &CatalogRefs, r: &MetaRefs, lang: &str) {
    let mut cat = pdf.catalog(c.catalog);
    cat.pages(c.pages).outlines(c.outline).metadata(r.xmp);
    cat.page_mode(pdf_writer::types::PageMode::UseOutlines);
    cat.lang(TextStr(lang));
    cat.viewer_preferences().display_doc_title(true);
    cat.mark_info().marked(true);
    cat.pair(pdf_writer::Name(b"StructTreeRoot"), c.structure);
    cat.finish();
}
