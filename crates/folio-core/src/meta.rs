//! Metadata every writer derives the same way: stable identifiers,
//! deterministic timestamps, and the display lines of the title block.
//!
//! Writers call these instead of computing their own, so the EPUB
//! identifier, the PDF `/ID` and the JATS dates agree for one input.

use crate::model::{Article, Collection};
use crate::writer::Settings;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

/// A SHA-256 digest of the article's JSON form: the same for the same
/// content, different when any text or metadata changes.
pub fn fingerprint(article: &Article) -> [u8; 32] {
    let json = serde_json::to_vec(article).unwrap_or_default();
    Sha256::digest(&json).into()
}

/// A SHA-256 digest of a collection's JSON form.
pub fn collection_fingerprint(collection: &Collection) -> [u8; 32] {
    let json = serde_json::to_vec(collection).unwrap_or_default();
    Sha256::digest(&json).into()
}

/// A name-based (version 5 style) UUID from a digest, as
/// `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
///
/// ```
/// let a = folio_core::Article { title: "T".into(), ..Default::default() };
/// let u = folio_core::meta::uuid(&folio_core::meta::fingerprint(&a));
/// assert_eq!(u.len(), 36);
/// assert_eq!(&u[14..15], "5");
/// ```
pub fn uuid(digest: &[u8; 32]) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The time to stamp on an output ("modified", "creation date"):
/// `SOURCE_DATE_EPOCH` from [`Settings::timestamp`] when set, else midnight
/// UTC of `date`, else the Unix epoch. Never the clock, so output is
/// reproducible.
pub fn timestamp(settings: &Settings, date: Option<NaiveDate>) -> DateTime<Utc> {
    if let Some(t) = settings
        .timestamp
        .and_then(|s| DateTime::from_timestamp(s, 0))
    {
        return t;
    }
    date.and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc())
        .unwrap_or(DateTime::UNIX_EPOCH)
}

/// The date line to print under the title: the source's own text when there
/// is one (`March 17, 2023`), else the ISO date.
pub fn date_line(article: &Article) -> Option<String> {
    article
        .date_text
        .clone()
        .or_else(|| article.date.map(|d| d.format("%Y-%m-%d").to_string()))
}

/// The byline to print: the source's own byline, else the author names
/// joined with commas.
pub fn byline_line(article: &Article) -> Option<String> {
    article
        .byline
        .clone()
        .or_else(|| (!article.authors.is_empty()).then(|| article.authors.join(", ")))
}

/// The rights statement for metadata: the copyright statement, else
/// `© YEAR HOLDER` from what is known, else `None`.
pub fn rights(article: &Article) -> Option<String> {
    if let Some(c) = &article.copyright {
        if !c.statement.is_empty() {
            return Some(c.statement.clone());
        }
        let year = c.year.map(|y| y.to_string());
        let parts: Vec<String> = year.into_iter().chain(c.holder.clone()).collect();
        if !parts.is_empty() {
            return Some(format!("© {}", parts.join(" ")));
        }
    }
    None
}

/// The publisher for metadata: the article's publisher, else the copyright
/// holder.
pub fn publisher(article: &Article) -> Option<String> {
    article
        .publisher
        .clone()
        .or_else(|| article.copyright.as_ref().and_then(|c| c.holder.clone()))
}
