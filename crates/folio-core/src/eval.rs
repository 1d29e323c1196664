//! Scoring the parser against a corpus with a `MANIFEST.tsv` of expected
//! values (title, date, byline, paragraph count), as in Folio's dev corpus.
//!
//! The manifest is tab-separated with a header row naming at least `file`,
//! `title`, `date` and `paragraph_count`; `byline` and `language` are used
//! when present.

use crate::parse::{ParseOptions, parse_bytes};
use std::path::{Path, PathBuf};

/// One manifest row.
#[derive(Debug, Clone, Default)]
pub struct Expected {
    /// File name, relative to the manifest.
    pub file: String,
    /// Expected title.
    pub title: String,
    /// Expected ISO date, or empty.
    pub date: String,
    /// Expected byline text, or empty.
    pub byline: String,
    /// Expected paragraph count.
    pub paragraphs: usize,
}

/// The outcome for one field of one article.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The file.
    pub file: String,
    /// `title`, `date`, `byline`, `paragraphs` or `error`.
    pub field: &'static str,
    /// What the manifest says.
    pub expected: String,
    /// What the parser gave.
    pub got: String,
}

/// Scores per field.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Articles scored.
    pub total: usize,
    /// Exact titles.
    pub title: usize,
    /// Exact dates (including "no date" when none is expected).
    pub date: usize,
    /// Bylines whose names all appear in the parsed authors (or no byline
    /// expected and none found).
    pub byline: usize,
    /// Exact paragraph counts.
    pub paragraphs: usize,
    /// Every miss, for the report.
    pub misses: Vec<Miss>,
}

impl Report {
    /// A fraction in 0..=1.
    pub fn ratio(&self, hits: usize) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            hits as f64 / self.total as f64
        }
    }
}

/// Reads a manifest.
pub fn read_manifest(path: &Path) -> std::io::Result<Vec<Expected>> {
    let text = std::fs::read_to_string(path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(f), Some(t)) = (col("file"), col("title")) else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "manifest has no 'file' and 'title' columns",
        ));
    };
    let (d, b, p) = (col("date"), col("byline"), col("paragraph_count"));
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let get = |i: Option<usize>| {
                i.and_then(|i| cells.get(i))
                    .copied()
                    .unwrap_or("")
                    .to_owned()
            };
            Expected {
                file: get(Some(f)),
                title: get(Some(t)),
                date: get(d),
                byline: get(b),
                paragraphs: get(p).trim().parse().unwrap_or(0),
            }
        })
        .collect())
}

/// Whether parsed author names match a byline line, judged independently of
/// the parser's own byline rules: the names must be non-empty, each must
/// appear in the line, and after removing them, the `By`-style prefix and
/// joining words, at most one word (an outlet such as `CNN`) may remain.
pub fn byline_matches(byline: &str, authors: &[String]) -> bool {
    let line = byline.trim();
    if line.is_empty() {
        return authors.is_empty();
    }
    if authors.is_empty()
        || !authors
            .iter()
            .all(|a| !a.is_empty() && line.contains(a.as_str()))
    {
        return false;
    }
    let mut rest = line.to_owned();
    for a in authors {
        rest = rest.replacen(a.as_str(), " ", 1);
    }
    let filler = [
        "by", "text", "and", "und", "et", "y", "von", "par", "por", "written", "words", "story",
    ];
    let left = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !filler.contains(&w.to_lowercase().as_str()))
        .count();
    left <= 1
}

/// Parses every file of the manifest and scores it.
pub fn evaluate(dir: &Path, rows: &[Expected], opts: &ParseOptions) -> Report {
    let mut r = Report::default();
    for row in rows {
        r.total += 1;
        let path: PathBuf = dir.join(&row.file);
        let parsed = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| parse_bytes(&b, opts).map_err(|e| e.to_string()));
        let a = match parsed {
            Ok(p) => p.article,
            Err(e) => {
                r.misses.push(Miss {
                    file: row.file.clone(),
                    field: "error",
                    expected: String::new(),
                    got: e,
                });
                continue;
            }
        };
        let mut check =
            |field: &'static str, ok: bool, expected: String, got: String, counter: &mut usize| {
                if ok {
                    *counter += 1;
                } else {
                    r.misses.push(Miss {
                        file: row.file.clone(),
                        field,
                        expected,
                        got,
                    });
                }
            };
        let mut title = 0;
        let mut date = 0;
        let mut byline = 0;
        let mut paras = 0;
        check(
            "title",
            a.title == row.title,
            row.title.clone(),
            a.title.clone(),
            &mut title,
        );
        let got_date = a.date.map(|d| d.to_string()).unwrap_or_default();
        check(
            "date",
            got_date == row.date,
            row.date.clone(),
            got_date,
            &mut date,
        );
        let ok = byline_matches(&row.byline, &a.authors);
        check(
            "byline",
            ok,
            row.byline.clone(),
            a.authors.join("; "),
            &mut byline,
        );
        let n = a.paragraph_count();
        check(
            "paragraphs",
            n == row.paragraphs,
            row.paragraphs.to_string(),
            n.to_string(),
            &mut paras,
        );
        r.title += title;
        r.date += date;
        r.byline += byline;
        r.paragraphs += paras;
    }
    r
}
