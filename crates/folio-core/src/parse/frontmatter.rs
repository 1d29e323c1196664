//! Optional front matter at the top of raw text: a `---` fenced block of
//! `key: value` lines that overrides what the heuristics find.
//!
//! ```text
//! ---
//! title: The real title
//! date: 2024-05-01
//! author: Jane Doe
//! authors: [Jane Doe, John Roe]
//! lang: de
//! ---
//! ```
//!
//! Keys: `title`, `subtitle`, `date` (ISO or any date-line form), `author` /
//! `authors` (a string, a `[a, b]` list or `- ` items), `lang` / `language`,
//! `source` / `url`, `publisher`, `rights` / `copyright`. Unknown keys are
//! reported as warnings; nothing else in the text is affected.

use super::date::{DateOrder, parse_date_line};
use crate::diag::Diagnostic;
use crate::error::Error;
use chrono::NaiveDate;

/// Values given in front matter.
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub date: Option<NaiveDate>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub source_url: Option<String>,
    pub publisher: Option<String>,
    pub rights: Option<String>,
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        if v.starts_with('"') {
            if let Ok(s) = serde_json::from_str::<String>(v) {
                return s;
            }
        }
        return v[1..v.len() - 1].replace("''", "'");
    }
    v.to_owned()
}

fn list(v: &str) -> Vec<String> {
    let v = v.trim();
    let inner = v.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
    match inner {
        Some(inner) => inner
            .split(',')
            .map(unquote)
            .filter(|s| !s.is_empty())
            .collect(),
        None if v.is_empty() => vec![],
        None => vec![unquote(v)],
    }
}

/// Reads front matter from the first lines. Returns the values and the index
/// of the first line after it (0 when there is none).
pub(crate) fn read(
    lines: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Result<(FrontMatter, usize), Error> {
    let mut fm = FrontMatter::default();
    let Some(open) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Ok((fm, 0));
    };
    if lines[open].trim_end() != "---" {
        return Ok((fm, 0));
    }
    let Some(close_rel) = lines[open + 1..].iter().take(200).position(|l| {
        let t = l.trim_end();
        t == "---" || t == "..."
    }) else {
        return Ok((fm, 0));
    };
    let close = open + 1 + close_rel;
    let body = &lines[open + 1..close];
    // Only front matter if every non-blank line is `key: value` or a list item.
    let is_kv = |l: &&str| {
        let t = l.trim();
        t.is_empty()
            || t.starts_with("- ")
            || t.starts_with('#')
            || t.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            })
    };
    if body.is_empty() || !body.iter().all(is_kv) {
        return Ok((fm, 0));
    }
    let mut current: Option<&str> = None;
    for (i, l) in body.iter().enumerate() {
        let line_no = open + 2 + i;
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            if matches!(current, Some("author" | "authors")) {
                fm.authors.push(unquote(item));
            } else {
                diags.push(Diagnostic::warning(
                    line_no,
                    "list item outside 'authors' in front matter ignored",
                ));
            }
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            continue;
        };
        let key = k.trim().to_ascii_lowercase();
        current = Some(match key.as_str() {
            "author" | "authors" => "authors",
            _ => "",
        });
        let value = unquote(v);
        match key.as_str() {
            "title" => fm.title = Some(value),
            "subtitle" => fm.subtitle = Some(value),
            "date" => {
                let d = NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                    .ok()
                    .or_else(|| parse_date_line(&value, DateOrder::Auto, true).map(|d| d.date));
                match d {
                    Some(d) => fm.date = Some(d),
                    None => {
                        return Err(Error::Invalid(format!(
                            "line {line_no}: front matter date '{value}' is not a date (use YYYY-MM-DD)"
                        )));
                    }
                }
            }
            "author" | "authors" => fm.authors.extend(list(v)),
            "lang" | "language" => match crate::lang::normalize_tag(&value) {
                Some(tag) => fm.language = Some(tag),
                None => {
                    return Err(Error::Invalid(format!(
                        "line {line_no}: front matter language '{value}' is not a BCP 47 tag (e.g. en, pt-BR)"
                    )));
                }
            },
            "source" | "url" | "source_url" => fm.source_url = Some(value),
            "publisher" => fm.publisher = Some(value),
            "rights" | "copyright" => fm.rights = Some(value),
            other => diags.push(Diagnostic::warning(
                line_no,
                format!("unknown front matter key '{other}' ignored"),
            )),
        }
    }
    Ok((fm, close + 1))
}
