//! Scores Folio's article parser against a labelled corpus.
//!
//! A corpus folder holds article texts and one of two label files:
//!
//! - `EXPECTED.jsonl` (preferred): one object per file with `file`, `title`,
//!   `date`, `byline`, `authors`, `paragraph_count` and `blocks` (every block
//!   of the file in order, each `{"type", "text"}`), as in the wide corpus.
//!   This gives field scores **and** block-role precision and recall.
//! - `MANIFEST.tsv` (or `INDEX.tsv`): tab-separated, with a header row naming
//!   at least `file` and `title`; `date`, `byline` and `paragraph_count` are
//!   used when present. This gives field scores only.
//!
//! Files are split into two fixed halves by a hash of their name
//! ([`split_of`]): develop against [`Split::Tune`], and read
//! [`Split::Check`] only as aggregates, so that the gap between the two
//! halves measures overfitting.
//!
//! ```
//! use folio_eval::{Split, split_of, byline_matches, roles_of};
//!
//! // The split is a pure function of the file name.
//! assert_eq!(split_of("001-a.txt"), split_of("001-a.txt"));
//! assert!(matches!(split_of("x.txt"), Split::Tune | Split::Check));
//!
//! // Author names against a byline line.
//! assert!(byline_matches("By Jane Doe and John Roe", &["Jane Doe".into(), "John Roe".into()]));
//!
//! // The role of every block of a parsed article, in reading order.
//! let text = "A Title\n\nBy Jane Doe\n\nFirst paragraph.\n\nSecond one.\n";
//! let parsed = folio_core::parse::parse(text, &Default::default()).unwrap();
//! let roles: Vec<&str> = roles_of(&parsed).iter().map(|r| r.role).collect();
//! assert_eq!(roles, ["title", "byline", "p", "p"]);
//! ```

use folio_core::parse::{ParseOptions, Parsed, parse_bytes};
use folio_core::{Block, NoteKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The block types of `EXPECTED.jsonl`, in report order.
pub const ROLES: &[&str] = &[
    "title",
    "date",
    "byline",
    "standfirst",
    "h",
    "p",
    "li",
    "quote",
    "caption",
    "note",
    "footer",
];

/// One half of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The half to develop against.
    Tune,
    /// The half read only as aggregate scores.
    Check,
}

/// Which files [`Corpus::evaluate`] scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SplitFilter {
    /// Every file.
    #[default]
    All,
    /// The tune half.
    Tune,
    /// The check half.
    Check,
}

impl SplitFilter {
    /// Whether a file belongs to the selection.
    pub fn selects(self, file: &str) -> bool {
        match self {
            SplitFilter::All => true,
            SplitFilter::Tune => split_of(file) == Split::Tune,
            SplitFilter::Check => split_of(file) == Split::Check,
        }
    }
}

/// FNV-1a (64 bit) of a byte string: a stable hash, the same on every
/// platform and Rust version.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The half a file belongs to: even FNV-1a hash of its name is tune, odd is
/// check. Only the file name counts, not the folder.
pub fn split_of(file: &str) -> Split {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    if fnv1a(name.as_bytes()) % 2 == 0 {
        Split::Tune
    } else {
        Split::Check
    }
}

/// One labelled block.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedBlock {
    /// `title`, `date`, `byline`, `standfirst`, `h`, `p`, `li`, `quote`,
    /// `caption`, `note` or `footer`.
    #[serde(rename = "type")]
    pub role: String,
    /// The block's text.
    pub text: String,
}

/// The expected values for one file.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Expected {
    /// File name, relative to the corpus folder.
    pub file: String,
    /// Expected title.
    #[serde(default)]
    pub title: String,
    /// Expected ISO date, or empty.
    #[serde(default)]
    pub date: String,
    /// Expected byline line, or empty.
    #[serde(default)]
    pub byline: String,
    /// Expected author names, when labelled (empty for desk and agency
    /// bylines); `None` for a manifest without names.
    #[serde(default)]
    pub authors: Option<Vec<String>>,
    /// Expected number of body paragraphs.
    #[serde(default, rename = "paragraph_count")]
    pub paragraphs: usize,
    /// Every block with its type, when labelled.
    #[serde(default)]
    pub blocks: Vec<ExpectedBlock>,
}

/// A corpus folder and its labels.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The folder.
    pub dir: PathBuf,
    /// The label file read.
    pub labels: PathBuf,
    /// One row per file.
    pub rows: Vec<Expected>,
}

/// Why a corpus could not be read.
#[derive(Debug)]
pub struct LoadError {
    /// The file or folder concerned.
    pub path: PathBuf,
    /// What went wrong, with a line number where there is one.
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: error: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

impl Corpus {
    /// Reads `EXPECTED.jsonl`, else `MANIFEST.tsv`, else `INDEX.tsv`.
    pub fn load(dir: &Path) -> Result<Corpus, LoadError> {
        let jsonl = dir.join("EXPECTED.jsonl");
        if jsonl.is_file() {
            let rows = read_expected(&jsonl)?;
            return Ok(Corpus {
                dir: dir.to_owned(),
                labels: jsonl,
                rows,
            });
        }
        for m in ["MANIFEST.tsv", "INDEX.tsv"] {
            let p = dir.join(m);
            if p.is_file() {
                let rows = read_manifest(&p).map_err(|e| LoadError {
                    path: p.clone(),
                    message: e.to_string(),
                })?;
                return Ok(Corpus {
                    dir: dir.to_owned(),
                    labels: p,
                    rows,
                });
            }
        }
        Err(LoadError {
            path: dir.to_owned(),
            message: "no EXPECTED.jsonl, MANIFEST.tsv or INDEX.tsv in this folder".into(),
        })
    }

    /// Parses and scores the selected files.
    pub fn evaluate(&self, split: SplitFilter, opts: &ParseOptions) -> Report {
        let rows: Vec<Expected> = self
            .rows
            .iter()
            .filter(|r| split.selects(&r.file))
            .cloned()
            .collect();
        let mut r = evaluate(&self.dir, &rows, opts);
        r.split = split;
        r.source = self.labels.display().to_string();
        r
    }
}

/// Reads an `EXPECTED.jsonl` file.
pub fn read_expected(path: &Path) -> Result<Vec<Expected>, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Expected = serde_json::from_str(line).map_err(|e| LoadError {
            path: path.to_owned(),
            message: format!("line {}: {e}", i + 1),
        })?;
        rows.push(row);
    }
    Ok(rows)
}

/// Reads a tab-separated manifest.
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
                authors: None,
                paragraphs: get(p).trim().parse().unwrap_or(0),
                blocks: Vec::new(),
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

/// Whether parsed names are the labelled names: the same set, with white
/// space and letter case folded (`ESTEBAN URREIZTIETA`, as a byline shows
/// it, is the name `Esteban Urreiztieta`).
pub fn authors_match(expected: &[String], got: &[String]) -> bool {
    let norm = |v: &[String]| {
        let mut v: Vec<String> = v
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|s| !s.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    norm(expected) == norm(got)
}

/// The role the parser gave one piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOf {
    /// One of [`ROLES`].
    pub role: &'static str,
    /// The text.
    pub text: String,
    /// First line (1-based).
    pub line: usize,
}

/// The role of every block of a parsed article in reading order, in the
/// types of `EXPECTED.jsonl`: header fields from the trace, one `li` per
/// list item, one `quote` per quoted paragraph, code as `p`, and date notes
/// as `date`.
pub fn roles_of(parsed: &Parsed) -> Vec<RoleOf> {
    let a = &parsed.article;
    let mut out: Vec<(usize, usize, RoleOf)> = Vec::new();
    let mut seq = 0;
    let mut push = |out: &mut Vec<(usize, usize, RoleOf)>, line, role, text: String| {
        seq += 1;
        out.push((line, seq, RoleOf { role, text, line }));
    };
    let mut body_lines = std::collections::HashSet::new();
    for t in &parsed.trace.body {
        body_lines.insert(t.lines.0);
    }
    for f in &parsed.trace.fields {
        let (role, text) = match f.field {
            "title" => ("title", Some(a.title.clone())),
            "kicker" => ("note", a.kicker.clone()),
            "subtitle" => ("standfirst", a.subtitle.clone()),
            "standfirst" => ("standfirst", a.standfirst.clone()),
            "date" => ("date", a.date_text.clone().or(a.updated_text.clone())),
            "updated_text" => ("date", a.updated_text.clone()),
            "byline" => ("byline", a.byline.clone()),
            _ => continue,
        };
        // A field read from a body block (a date line after the body) is
        // scored through that block.
        if body_lines.contains(&f.lines.0) && role == "date" {
            continue;
        }
        if let Some(text) = text {
            push(&mut out, f.lines.0, role, text);
        }
    }
    for (b, t) in a.body.iter().zip(&parsed.trace.body) {
        let line = t.lines.0;
        match b {
            Block::Paragraph { .. } => push(&mut out, line, "p", b.plain_text()),
            Block::Code { text } => push(&mut out, line, "p", text.clone()),
            Block::Heading { .. } => push(&mut out, line, "h", b.plain_text()),
            Block::Quote { blocks } => {
                for q in blocks {
                    push(&mut out, line, "quote", q.plain_text());
                }
            }
            Block::List { items, .. } => {
                for it in items {
                    push(
                        &mut out,
                        line,
                        "li",
                        folio_core::model::plain_text(&it.content),
                    );
                }
            }
            Block::Caption { .. } => push(&mut out, line, "caption", b.plain_text()),
            Block::Note { kind, .. } => {
                let role = match kind {
                    NoteKind::Date => "date",
                    _ => "note",
                };
                push(&mut out, line, role, b.plain_text())
            }
        }
    }
    for (b, t) in a.footer.iter().zip(&parsed.trace.footer) {
        push(&mut out, t.lines.0, "footer", b.plain_text());
    }
    out.sort_by_key(|(l, s, _)| (*l, *s));
    // One line read as both date and byline counts as a byline.
    let mut v: Vec<RoleOf> = Vec::with_capacity(out.len());
    for (_, _, r) in out {
        if let Some(prev) = v.last_mut() {
            if prev.line == r.line && prev.text == r.text {
                if r.role == "byline" {
                    prev.role = "byline";
                }
                continue;
            }
        }
        v.push(r);
    }
    v
}

/// Letters and digits only, lower-cased: the text as compared for matching.
fn core(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each expected block, the role of the parsed block holding its text
/// (`None` when no parsed block holds it).
pub fn align(expected: &[ExpectedBlock], got: &[RoleOf]) -> Vec<Option<&'static str>> {
    let got_core: Vec<String> = got.iter().map(|g| core(&g.text)).collect();
    let mut cursor = 0;
    let mut out = Vec::with_capacity(expected.len());
    for e in expected {
        let c = core(&e.text);
        if c.is_empty() {
            out.push(None);
            continue;
        }
        // The same text, then a parsed block holding it (blocks run
        // together), then one it starts with (a block cut in two).
        let window = cursor..got.len().min(cursor + 60);
        let hit = window
            .clone()
            .find(|&j| got_core[j] == c)
            .or_else(|| {
                window
                    .clone()
                    .find(|&j| c.len() >= 8 && got_core[j].contains(&c))
            })
            .or_else(|| {
                window
                    .clone()
                    .find(|&j| !got_core[j].is_empty() && c.starts_with(&got_core[j]))
            })
            .or_else(|| {
                window
                    .clone()
                    .find(|&j| got_core[j].len() >= 8 && c.ends_with(&got_core[j]))
            })
            .or_else(|| (cursor > 0 && got_core[cursor - 1].contains(&c)).then(|| cursor - 1));
        match hit {
            Some(j) => {
                out.push(Some(got[j].role));
                // Stay on a block that holds several expected ones.
                cursor = if got_core[j] == c { j + 1 } else { j };
                if got_core[j] != c && !got_core[j].contains(&c) {
                    cursor = j + 1;
                }
            }
            None => out.push(None),
        }
    }
    out
}

/// The outcome for one field of one article.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The file.
    pub file: String,
    /// `title`, `date`, `byline`, `paragraphs`, `error` or `role`.
    pub field: &'static str,
    /// What the labels say.
    pub expected: String,
    /// What the parser gave.
    pub got: String,
}

/// Counts for one block type.
#[derive(Debug, Clone, Copy, Default)]
pub struct RoleScore {
    /// Labelled blocks of this type.
    pub expected: usize,
    /// Labelled blocks the parser gave this type.
    pub predicted: usize,
    /// Labelled blocks of this type the parser gave this type.
    pub hit: usize,
}

impl RoleScore {
    /// hit / predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.hit as f64 / self.predicted as f64
        }
    }
    /// hit / expected (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.hit as f64 / self.expected as f64
        }
    }
}

/// Scores per field and per block type.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Which half was scored.
    pub split: SplitFilter,
    /// The label file.
    pub source: String,
    /// Articles scored.
    pub total: usize,
    /// Exact titles.
    pub title: usize,
    /// Exact dates (including "no date" when none is expected).
    pub date: usize,
    /// Author names right (the labelled set when there is one, else the
    /// names checked against the byline line).
    pub byline: usize,
    /// Exact paragraph counts (top-level paragraphs and code, as labelled).
    pub paragraphs: usize,
    /// Whether block labels were present.
    pub has_blocks: bool,
    /// Labelled blocks.
    pub blocks: usize,
    /// Labelled blocks given their labelled type.
    pub blocks_hit: usize,
    /// Per block type.
    pub roles: BTreeMap<&'static str, RoleScore>,
    /// Every miss (fields, and blocks with the wrong type).
    pub misses: Vec<Miss>,
}

impl Report {
    /// A fraction in 0..=1 of the articles.
    pub fn ratio(&self, hits: usize) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            hits as f64 / self.total as f64
        }
    }

    /// Share of labelled blocks given their labelled type.
    pub fn block_accuracy(&self) -> f64 {
        if self.blocks == 0 {
            0.0
        } else {
            self.blocks_hit as f64 / self.blocks as f64
        }
    }

    /// The lowest recall over the given block types that occur.
    pub fn min_recall(&self, roles: &[&str]) -> Option<(&'static str, f64)> {
        self.roles
            .iter()
            .filter(|(k, s)| roles.contains(k) && s.expected > 0)
            .map(|(k, s)| (*k, s.recall()))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The report as text; `misses` lists misses file by file (leave it off
    /// for the check half).
    pub fn render(&self, misses: bool) -> String {
        let mut o = String::new();
        let pct = |x: usize| 100.0 * self.ratio(x);
        let half = match self.split {
            SplitFilter::All => "",
            SplitFilter::Tune => " (tune half)",
            SplitFilter::Check => " (check half)",
        };
        let _ = writeln!(o, "{} articles from {}{half}", self.total, self.source);
        for (name, hits) in [
            ("title", self.title),
            ("date", self.date),
            ("byline", self.byline),
            ("paragraphs", self.paragraphs),
        ] {
            let _ = writeln!(
                o,
                "  {name:<11} {hits:>4}/{}  {:5.1}%",
                self.total,
                pct(hits)
            );
        }
        if self.has_blocks {
            let _ = writeln!(
                o,
                "  blocks      {:>4}/{}  {:5.1}%  (block-role accuracy)",
                self.blocks_hit,
                self.blocks,
                100.0 * self.block_accuracy()
            );
            let _ = writeln!(o, "  role        expected  precision  recall");
            for role in ROLES {
                if let Some(s) = self.roles.get(role) {
                    let _ = writeln!(
                        o,
                        "  {role:<11} {:>8}  {:8.1}%  {:5.1}%",
                        s.expected,
                        100.0 * s.precision(),
                        100.0 * s.recall()
                    );
                }
            }
        }
        if misses && !self.misses.is_empty() {
            let _ = writeln!(o, "misses:");
            for m in &self.misses {
                let _ = writeln!(
                    o,
                    "  {}  {}: expected {:?}, got {:?}",
                    m.file, m.field, m.expected, m.got
                );
            }
        }
        o
    }
}

/// Number of paragraphs as the corpora count them: top-level paragraphs and
/// code blocks (not quotes, lists, captions or notes).
pub fn paragraph_count(a: &folio_core::Article) -> usize {
    a.body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. } | Block::Code { .. }))
        .count()
}

/// Parses every listed file of `dir` and scores it.
pub fn evaluate(dir: &Path, rows: &[Expected], opts: &ParseOptions) -> Report {
    let mut r = Report::default();
    for row in rows {
        r.total += 1;
        let path: PathBuf = dir.join(&row.file);
        let parsed = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| parse_bytes(&b, opts).map_err(|e| e.to_string()));
        let parsed = match parsed {
            Ok(p) => p,
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
        let a = &parsed.article;
        let mut check = |field: &'static str, ok: bool, expected: String, got: String| {
            if !ok {
                r.misses.push(Miss {
                    file: row.file.clone(),
                    field,
                    expected,
                    got,
                });
            }
            usize::from(ok)
        };
        let got_date = a.date.map(|d| d.to_string()).unwrap_or_default();
        let byline_ok = match &row.authors {
            Some(names) => authors_match(names, &a.authors),
            None => byline_matches(&row.byline, &a.authors),
        };
        let n = paragraph_count(a);
        let t = check(
            "title",
            a.title == row.title,
            row.title.clone(),
            a.title.clone(),
        );
        let d = check("date", got_date == row.date, row.date.clone(), got_date);
        let b = check(
            "byline",
            byline_ok,
            match &row.authors {
                Some(n) => n.join("; "),
                None => row.byline.clone(),
            },
            a.authors.join("; "),
        );
        let p = check(
            "paragraphs",
            n == row.paragraphs,
            row.paragraphs.to_string(),
            n.to_string(),
        );
        r.title += t;
        r.date += d;
        r.byline += b;
        r.paragraphs += p;
        if !row.blocks.is_empty() {
            r.has_blocks = true;
            let got = roles_of(&parsed);
            let aligned = align(&row.blocks, &got);
            for (e, g) in row.blocks.iter().zip(aligned) {
                let Some(&role) = ROLES.iter().find(|x| **x == e.role) else {
                    continue;
                };
                r.blocks += 1;
                r.roles.entry(role).or_default().expected += 1;
                if let Some(g) = g {
                    r.roles.entry(g).or_default().predicted += 1;
                }
                if g == Some(role) {
                    r.blocks_hit += 1;
                    r.roles.entry(role).or_default().hit += 1;
                } else {
                    let mut text: String = e.text.chars().take(70).collect();
                    if text.len() < e.text.len() {
                        text.push('…');
                    }
                    r.misses.push(Miss {
                        file: row.file.clone(),
                        field: "role",
                        expected: format!("{role}: {text}"),
                        got: g.unwrap_or("(not found)").to_owned(),
                    });
                }
            }
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_split_ignores_the_folder() {
        assert_eq!(split_of("a/b/007-x.txt"), split_of("007-x.txt"));
    }

    #[test]
    fn align_finds_joined_and_cut_blocks() {
        let e = |role: &str, text: &str| ExpectedBlock {
            role: role.into(),
            text: text.into(),
        };
        let g = |role: &'static str, text: &str| RoleOf {
            role,
            text: text.into(),
            line: 1,
        };
        let exp = [
            e("title", "T"),
            e("p", "One two three."),
            e("p", "Four five six."),
            e("li", "- item"),
        ];
        let got = [
            g("title", "T"),
            g("p", "One two three. Four five six."),
            g("li", "item"),
        ];
        assert_eq!(
            align(&exp, &got),
            [Some("title"), Some("p"), Some("p"), Some("li")]
        );
    }

    #[test]
    fn role_scores_count_precision_and_recall() {
        let s = RoleScore {
            expected: 4,
            predicted: 2,
            hit: 1,
        };
        assert_eq!(s.precision(), 0.5);
        assert_eq!(s.recall(), 0.25);
    }
}
