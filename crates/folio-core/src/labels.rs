//! The words a writer adds itself ("Contents", "Untitled"), in
//! the document's language: one table used by every writer.
//!
//! ```
//! use folio_core::{labels::labels, Language};
//! assert_eq!(labels(&Language::new("de-AT")).contents, "Inhalt");
//! assert_eq!(labels(&Language::new("ko")).contents, "Contents");
//! assert_eq!(labels(&Language::new("ko")).language, "en");
//! ```

use crate::lang::Language;

/// Interface labels in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Labels {
    /// The BCP 47 tag of the language the labels are written in (`en` when
    /// the document's language has no translation here).
    pub language: &'static str,
    /// The heading of a table of contents.
    pub contents: &'static str,
    /// The title shown for an article or book without one.
    pub untitled: &'static str,
    /// The contents' group of articles without a date.
    pub undated: &'static str,
}

const EN: Labels = Labels {
    language: "en",
    contents: "Contents",
    untitled: "Untitled",
    undated: "Undated",
};

/// Every translation, by primary language subtag.
const TABLE: &[Labels] = &[
    EN,
    Labels {
        language: "de",
        contents: "Inhalt",
        untitled: "Ohne Titel",
        undated: "Ohne Datum",
    },
    Labels {
        language: "fr",
        contents: "Table des matières",
        untitled: "Sans titre",
        undated: "Sans date",
    },
    Labels {
        language: "es",
        contents: "Índice",
        untitled: "Sin título",
        undated: "Sin fecha",
    },
    Labels {
        language: "it",
        contents: "Indice",
        untitled: "Senza titolo",
        undated: "Senza data",
    },
    Labels {
        language: "pt",
        contents: "Índice",
        untitled: "Sem título",
        undated: "Sem data",
    },
    Labels {
        language: "nl",
        contents: "Inhoud",
        untitled: "Zonder titel",
        undated: "Zonder datum",
    },
    Labels {
        language: "ru",
        contents: "Содержание",
        untitled: "Без названия",
        undated: "Без даты",
    },
];

/// The labels for `language` (by its primary subtag), English when there
/// is no translation.
pub fn labels(language: &Language) -> &'static Labels {
    let primary = language.primary();
    TABLE
        .iter()
        .find(|l| l.language == primary)
        .unwrap_or(&TABLE[0])
}

/// How one language writes a date: the glibc locale its month names come
/// from and its patterns. `{d}` day, `{m}` month number, `{B}` month name
/// as in a date (`12 мая 2015`), `{L}` the month name standing alone
/// (`Май 2015`), `{Y}` year.
struct DateStyle {
    language: &'static str,
    locale: &'static str,
    date: &'static str,
    month: &'static str,
    year: &'static str,
}

const DATE_STYLES: &[DateStyle] = &[
    DateStyle {
        language: "en",
        locale: "en_GB",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "de",
        locale: "de_DE",
        date: "{d}. {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "fr",
        locale: "fr_FR",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "es",
        locale: "es_ES",
        date: "{d} de {B} de {Y}",
        month: "{L} de {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "it",
        locale: "it_IT",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "pt",
        locale: "pt_PT",
        date: "{d} de {B} de {Y}",
        month: "{L} de {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "nl",
        locale: "nl_NL",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "ru",
        locale: "ru_RU",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "uk",
        locale: "uk_UA",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "pl",
        locale: "pl_PL",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "ar",
        locale: "ar_EG",
        date: "{d} {B} {Y}",
        month: "{L} {Y}",
        year: "{Y}",
    },
    DateStyle {
        language: "zh",
        locale: "zh_CN",
        date: "{Y}年{m}月{d}日",
        month: "{Y}年{m}月",
        year: "{Y}年",
    },
    DateStyle {
        language: "ja",
        locale: "ja_JP",
        date: "{Y}年{m}月{d}日",
        month: "{Y}年{m}月",
        year: "{Y}年",
    },
    DateStyle {
        language: "ko",
        locale: "ko_KR",
        date: "{Y}년 {m}월 {d}일",
        month: "{Y}년 {m}월",
        year: "{Y}년",
    },
];

/// A date written for readers, and the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DateText {
    /// The text (`12 May 2015`, `2015年5月12日`, `2015-05-12`).
    pub text: String,
    /// The BCP 47 tag of the language the text is in: the date style's
    /// (`en`, `de`...), or `und` for an ISO date (no words in it).
    pub language: &'static str,
}

/// What part of a date to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatePart {
    Day,
    Month,
    Year,
}

fn format_part(date: chrono::NaiveDate, language: &Language, part: DatePart) -> DateText {
    use chrono::Datelike;
    use pure_rust_locales::{Locale, locale_match};
    let primary = language.primary();
    let style = DATE_STYLES.iter().find(|s| s.language == primary);
    let locale = style.and_then(|s| Locale::try_from(s.locale).ok());
    let (Some(style), Some(locale)) = (style, locale) else {
        let text = match part {
            DatePart::Day => date.format("%Y-%m-%d").to_string(),
            DatePart::Month => date.format("%Y-%m").to_string(),
            DatePart::Year => date.format("%Y").to_string(),
        };
        return DateText {
            text,
            language: "und",
        };
    };
    let m0 = date.month0() as usize;
    let in_date: &[&str] = locale_match!(locale => LC_TIME::MON);
    let alone: Option<&[&str]> = locale_match!(locale => LC_TIME::ALT_MON);
    let name = in_date.get(m0).copied().unwrap_or_default();
    let standalone = alone.and_then(|a| a.get(m0).copied()).unwrap_or(name);
    let pattern = match part {
        DatePart::Day => style.date,
        DatePart::Month => style.month,
        DatePart::Year => style.year,
    };
    let text = pattern
        .replace("{d}", &date.day().to_string())
        .replace("{m}", &date.month().to_string())
        .replace("{B}", name)
        .replace("{L}", &upper_first(standalone))
        .replace("{Y}", &date.year().to_string());
    DateText {
        text,
        language: style.language,
    }
}

/// The first letter in upper case (month names stand at the start of a
/// heading: `Mai 2015`, `Май 2015`, `Mayo de 2015`).
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A date as readers of `language` write it (`12 May 2015`, `12. Mai
/// 2015`, `2015年5月12日`), month names from glibc's locale data; an ISO
/// date (`2015-05-12`) for a language without a style here.
///
/// Covers, title pages and the lines under titles print this, never the
/// source's raw date text (which stays in the metadata).
///
/// ```
/// use folio_core::{labels::format_date, Language};
/// let d = chrono::NaiveDate::from_ymd_opt(2015, 5, 12).unwrap();
/// assert_eq!(format_date(d, &Language::new("en")).text, "12 May 2015");
/// assert_eq!(format_date(d, &Language::new("de")).text, "12. Mai 2015");
/// assert_eq!(format_date(d, &Language::new("ru")).text, "12 мая 2015");
/// assert_eq!(format_date(d, &Language::new("zh")).text, "2015年5月12日");
/// assert_eq!(format_date(d, &Language::new("ko")).text, "2015년 5월 12일");
/// assert_eq!(format_date(d, &Language::new("ar")).text, "12 مايو 2015");
/// let iso = format_date(d, &Language::new("sw"));
/// assert_eq!((iso.text.as_str(), iso.language), ("2015-05-12", "und"));
/// ```
pub fn format_date(date: chrono::NaiveDate, language: &Language) -> DateText {
    format_part(date, language, DatePart::Day)
}

/// A month and year as a heading (`May 2015`, `Май 2015`, `2015年5月`;
/// `2015-05` without a style).
///
/// ```
/// use folio_core::{labels::format_month, Language};
/// let d = chrono::NaiveDate::from_ymd_opt(2015, 5, 12).unwrap();
/// assert_eq!(format_month(d, &Language::new("en")).text, "May 2015");
/// assert_eq!(format_month(d, &Language::new("ru")).text, "Май 2015");
/// assert_eq!(format_month(d, &Language::new("es")).text, "Mayo de 2015");
/// assert_eq!(format_month(d, &Language::new("und")).text, "2015-05");
/// ```
pub fn format_month(date: chrono::NaiveDate, language: &Language) -> DateText {
    format_part(date, language, DatePart::Month)
}

/// A year as a heading (`2015`, `2015年`).
pub fn format_year(date: chrono::NaiveDate, language: &Language) -> DateText {
    format_part(date, language, DatePart::Year)
}
