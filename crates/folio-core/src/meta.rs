//! Metadata every writer derives the same way: [`Metadata`] resolves an
//! article's or a collection's title, creators, language, date, rights,
//! publisher, identifier and timestamp once; the helpers below give stable
//! identifiers, deterministic timestamps and the display lines of the title
//! block.
//!
//! Writers call these instead of computing their own, so EPUB's OPF, PDF's
//! Info and XMP, Markdown's front matter and JATS agree for one input.

use crate::labels::labels;
use crate::lang::Language;
use crate::model::{Article, Collection};
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
/// `source_date_epoch` (seconds since the Unix epoch, from
/// `SOURCE_DATE_EPOCH`) when set, else midnight UTC of `date`, else the Unix
/// epoch. Never the clock, so output is reproducible.
pub fn timestamp(source_date_epoch: Option<i64>, date: Option<NaiveDate>) -> DateTime<Utc> {
    if let Some(t) = source_date_epoch.and_then(|s| DateTime::from_timestamp(s, 0)) {
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

/// The date to print on a cover or under the title: the model's parsed
/// date written as readers of the article's language write it
/// ([`crate::labels::format_date`]: `12 May 2015`, `2015年5月12日`, else ISO),
/// with the language it is written in. `None` without a parsed date: the
/// source's raw date text (`Date created : 2015-05-12`, `[Juche113.6.11.]`)
/// is never printed there; it stays in the metadata.
///
/// ```
/// let a = folio_core::Article {
///     language: "de".into(),
///     date: chrono::NaiveDate::from_ymd_opt(2015, 5, 12),
///     date_text: Some("Date created : 2015-05-12".into()),
///     ..Default::default()
/// };
/// assert_eq!(folio_core::meta::display_date(&a).unwrap().text, "12. Mai 2015");
/// ```
pub fn display_date(article: &Article) -> Option<crate::labels::DateText> {
    article
        .date
        .map(|d| crate::labels::format_date(d, &article.language))
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

/// The metadata of one document, resolved once by the rules every writer
/// shares.
///
/// ```
/// use folio_core::{Article, Collection, meta::Metadata};
///
/// let a = Article { title: "One".into(), language: "en".into(), authors: vec!["Jane Doe".into()],
///     date: chrono::NaiveDate::from_ymd_opt(2024, 5, 1), ..Default::default() };
/// let b = Article { title: "Two".into(), language: "en".into(), authors: vec!["John Roe".into()],
///     date: chrono::NaiveDate::from_ymd_opt(2024, 5, 3), ..Default::default() };
/// let book = Collection { title: "Both".into(), articles: vec![a, b], ..Default::default() };
/// let m = Metadata::of_collection(&book, None);
/// assert_eq!(m.creators, ["Jane Doe", "John Roe"]);
/// assert_eq!(m.language.as_str(), "en");
/// assert_eq!(m.date.unwrap().to_string(), "2024-05-03");
/// assert_eq!(m.timestamp.to_rfc3339(), "2024-05-03T00:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Metadata {
    /// The title; the "Untitled" label of the language when there is none.
    pub title: String,
    /// The subtitle, when there is one.
    pub subtitle: Option<String>,
    /// The authors, in order. A collection without its own authors lists
    /// its articles' authors, each once, in order of appearance.
    pub creators: Vec<String>,
    /// The language. A collection without a determined language of its own
    /// takes its articles' most common determined language (the first to
    /// reach that count on a tie).
    pub language: Language,
    /// The date. A collection without a date of its own takes its newest
    /// article's date.
    pub date: Option<NaiveDate>,
    /// The rights statement ([`rights`] for an article; a collection's own,
    /// else the one all its articles share).
    pub rights: Option<String>,
    /// The publisher ([`publisher`] for an article; a collection's own,
    /// else the one all its articles share).
    pub publisher: Option<String>,
    /// The source URL of an article.
    pub source: Option<String>,
    /// A short description: an article's standfirst, a collection's
    /// subtitle.
    pub description: Option<String>,
    /// A name-based UUID of the content ([`uuid`] of the fingerprint).
    pub identifier: String,
    /// The time to stamp on the output ([`timestamp`] of the date).
    pub timestamp: DateTime<Utc>,
}

fn given(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

fn title_or_untitled(title: &str, language: &Language) -> String {
    if title.trim().is_empty() {
        labels(language).untitled.to_owned()
    } else {
        title.to_owned()
    }
}

impl Metadata {
    /// Resolves an article's metadata; `source_date_epoch` is
    /// `SOURCE_DATE_EPOCH` when set.
    pub fn of_article(a: &Article, source_date_epoch: Option<i64>) -> Metadata {
        let language = a.language.clone();
        Metadata {
            title: title_or_untitled(&a.title, &language),
            subtitle: given(a.subtitle.clone()),
            creators: a.authors.clone(),
            date: a.date,
            rights: given(rights(a)),
            publisher: given(publisher(a)),
            source: given(a.source_url.clone()),
            description: given(a.standfirst.clone()),
            identifier: uuid(&fingerprint(a)),
            timestamp: timestamp(source_date_epoch, a.date),
            language,
        }
    }

    /// Resolves a collection's metadata; `source_date_epoch` is
    /// `SOURCE_DATE_EPOCH` when set.
    pub fn of_collection(c: &Collection, source_date_epoch: Option<i64>) -> Metadata {
        let language = collection_language(c);
        let creators = if c.authors.is_empty() {
            let mut all: Vec<String> = Vec::new();
            for name in c.articles.iter().flat_map(|a| &a.authors) {
                if !all.contains(name) {
                    all.push(name.clone());
                }
            }
            all
        } else {
            c.authors.clone()
        };
        let common = |f: fn(&Article) -> Option<String>| {
            let mut values = c.articles.iter().map(f);
            let first = values.next().flatten()?;
            values
                .all(|v| v.as_deref() == Some(first.as_str()))
                .then_some(first)
        };
        let date = c
            .date
            .or_else(|| c.articles.iter().filter_map(|a| a.date).max());
        Metadata {
            title: title_or_untitled(&c.title, &language),
            subtitle: given(c.subtitle.clone()),
            creators,
            date,
            rights: given(c.rights.clone()).or_else(|| given(common(rights))),
            publisher: given(c.publisher.clone()).or_else(|| given(common(publisher))),
            source: None,
            description: given(c.subtitle.clone()),
            identifier: uuid(&collection_fingerprint(c)),
            timestamp: timestamp(source_date_epoch, date),
            language,
        }
    }
}

/// A collection's language: its own when determined, else its articles'
/// most common determined language, else `und`.
pub fn collection_language(c: &Collection) -> Language {
    let own = Language::new(&c.language);
    if !own.is_undetermined() {
        return own;
    }
    let mut counts: Vec<(Language, usize)> = Vec::new();
    for a in &c.articles {
        let l = a.language.clone();
        if l.is_undetermined() {
            continue;
        }
        match counts.iter_mut().find(|(x, _)| *x == l) {
            Some((_, n)) => *n += 1,
            None => counts.push((l, 1)),
        }
    }
    // Stable: on a tie the first language to appear wins.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
        .into_iter()
        .next()
        .map(|(l, _)| l)
        .unwrap_or_default()
}
