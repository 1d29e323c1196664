//! Measuring the reader against a labelled corpus of saved pages.
//!
//! The corpus is a folder with `EXPECTED.jsonl` (one object per article:
//! `file`, `title`, `date`, `byline`, `blocks` of `{type, text}`) and an
//! `html/` folder holding the page behind each file (same stem, `.html`).
//!
//! Pages are split into a fixed **tune** half and **check** half by the
//! FNV-1a hash of the file stem (even: tune, odd: check), so the split never
//! changes as files are added. Develop on tune; read check only as totals.
//!
//! Figures per half: title (exact), date (exact ISO date, or none when none
//! is expected), byline (the author names match the expected byline line, as
//! the expected `authors`; a byline line that glues a date to the names cannot
//! be matched name-by-name any other way), block roles (of the expected
//! blocks whose text the reader produced as one block, the share it gave the
//! expected role) and body-word precision, recall and F1 (bags of words of
//! everything but the title; CJK characters count one word each; micro
//! totals over the half, and the mean of per-page F1).
//!
//! The labels say what the labelled *text* shows: a page whose date line or
//! byline lies outside the labelled region has `date: ""` or no `authors`,
//! even when the page (or its metadata) states them. `date` and `byline`
//! count a reader's date or names there as wrong. A second table therefore
//! gives date and byline accuracy over the pages whose labels have them, and
//! how often the reader gave a date or names where the labels have none.

use crate::{Options, read};
use folio_core::{Article, Block, NoteKind, plain_text};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

pub use folio_eval::{Expected, read_expected};

/// Which half a file belongs to: `"tune"` (even FNV-1a hash of its stem,
/// [`folio_eval::fnv1a`]) or `"check"`. The stem, not the file name that
/// the parser's split ([`folio_eval::split_of`]) hashes: the halves were
/// fixed this way when the reader was first measured, and changing them
/// now would put pages it was tuned on into the check half.
pub fn half(file: &str) -> &'static str {
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file);
    if folio_eval::fnv1a(stem.as_bytes()) % 2 == 0 {
        "tune"
    } else {
        "check"
    }
}

/// Words of a text for the bag-of-words measure: the core's word splitter
/// (lower-cased runs of letters, digits and marks; each CJK character a word
/// of its own), the same one the text-preservation checks use.
pub use folio_core::script::words;

fn bag(texts: impl IntoIterator<Item = String>) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in texts {
        for w in words(&t) {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

fn key(s: &str) -> String {
    words(s).concat()
}

/// The reader's blocks with the role names of the corpus labels.
pub fn roles(a: &Article) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(s) = &a.kicker {
        out.push(("note", s.clone()));
    }
    if let Some(s) = &a.date_text {
        out.push(("date", s.clone()));
    }
    if let Some(s) = &a.byline {
        out.push(("byline", s.clone()));
    }
    if let Some(s) = &a.standfirst {
        out.push(("standfirst", s.clone()));
    }
    fn walk(blocks: &[Block], quote: bool, out: &mut Vec<(&'static str, String)>) {
        for b in blocks {
            let role = |r: &'static str| if quote { "quote" } else { r };
            match b {
                Block::Paragraph { content } => out.push((role("p"), plain_text(content))),
                Block::Heading { content, .. } => out.push((role("h"), plain_text(content))),
                Block::Code { text } => out.push((role("p"), text.clone())),
                Block::Caption { content, .. } => out.push(("caption", plain_text(content))),
                Block::Note { kind, content } => out.push((
                    if *kind == NoteKind::Date {
                        "date"
                    } else {
                        "note"
                    },
                    plain_text(content),
                )),
                Block::Quote { blocks } => walk(blocks, true, out),
                Block::List { items, .. } => {
                    for it in items {
                        out.push((role("li"), plain_text(&it.content)));
                        walk(&it.children, quote, out);
                    }
                }
            }
        }
    }
    walk(&a.body, false, &mut out);
    for b in &a.footer {
        out.push(("footer", b.plain_text()));
    }
    out
}

/// Whether two lists of author names hold the same names (order, white
/// space and letter case aside), as the parser's evaluation decides.
pub use folio_eval::authors_match as same_names;

/// Figures for one half (or any set of pages).
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Pages measured.
    pub pages: usize,
    /// Pages the reader refused.
    pub errors: usize,
    /// Exact titles.
    pub title: usize,
    /// Exact dates.
    pub date: usize,
    /// Matching bylines.
    pub byline: usize,
    /// Pages whose labelled text shows a date.
    pub dated: usize,
    /// Of those, exact dates.
    pub dated_right: usize,
    /// Pages whose labelled text shows no date but the reader gave one
    /// (from the page's metadata or a date line outside the labelled
    /// region; counted wrong by `date`).
    pub undated_given: usize,
    /// Pages whose labelled byline names people.
    pub named: usize,
    /// Of those, the same names.
    pub named_right: usize,
    /// Pages whose labelled text names no author but the reader gave names.
    pub unnamed_given: usize,
    /// Expected blocks found with the same text.
    pub blocks_found: usize,
    /// Of those, with the expected role.
    pub roles_right: usize,
    /// Expected (non-title) blocks.
    pub blocks_expected: usize,
    /// Words in both (multiset intersection), summed.
    pub words_common: usize,
    /// Words the reader produced.
    pub words_got: usize,
    /// Words expected.
    pub words_expected: usize,
    /// Sum of per-page F1.
    pub f1_sum: f64,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

impl Figures {
    /// Micro precision of body words.
    pub fn precision(&self) -> f64 {
        ratio(self.words_common, self.words_got)
    }
    /// Micro recall of body words.
    pub fn recall(&self) -> f64 {
        ratio(self.words_common, self.words_expected)
    }
    /// Micro F1 of body words.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Mean per-page F1.
    pub fn mean_f1(&self) -> f64 {
        if self.pages == 0 {
            0.0
        } else {
            self.f1_sum / self.pages as f64
        }
    }
    /// Title accuracy in %.
    pub fn title_pct(&self) -> f64 {
        pct(self.title, self.pages)
    }
    /// Date accuracy in %.
    pub fn date_pct(&self) -> f64 {
        pct(self.date, self.pages)
    }
    /// Byline accuracy in %.
    pub fn byline_pct(&self) -> f64 {
        pct(self.byline, self.pages)
    }
    /// Date accuracy in % of the pages whose labelled text shows a date.
    pub fn dated_pct(&self) -> f64 {
        pct(self.dated_right, self.dated)
    }
    /// Byline accuracy in % of the pages whose labelled byline names people.
    pub fn named_pct(&self) -> f64 {
        pct(self.named_right, self.named)
    }
    /// Role accuracy in % of the blocks found.
    pub fn roles_pct(&self) -> f64 {
        pct(self.roles_right, self.blocks_found)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The outcome for one page, for the tune half's detailed listing.
#[derive(Debug, Clone, Default)]
pub struct PageResult {
    /// The file.
    pub file: String,
    /// Title, date, byline right?
    pub ok: [bool; 3],
    /// Per-page word precision, recall.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// Words expected and not produced (multiset difference).
    pub n_missing: usize,
    /// Words produced and not expected.
    pub n_extra: usize,
    /// What was got vs expected for misses (field, expected, got).
    pub misses: Vec<(&'static str, String, String)>,
    /// Words expected but missing (a sample), and extra words (a sample).
    pub missing: Vec<String>,
    /// Extra words.
    pub extra: Vec<String>,
}

/// Scores one page into `f`, returning its details.
pub fn score_page(e: &Expected, a: Option<&Article>, f: &mut Figures) -> PageResult {
    let mut pr = PageResult {
        file: e.file.clone(),
        ..Default::default()
    };
    f.pages += 1;
    let authors = e.authors.as_deref().unwrap_or_default();
    let body_expected: Vec<String> = e
        .blocks
        .iter()
        .filter(|b| b.role != "title")
        .map(|b| b.text.clone())
        .collect();
    let eb = bag(body_expected.iter().cloned());
    let n_exp: usize = eb.values().sum();
    f.words_expected += n_exp;
    f.blocks_expected += body_expected.len();
    let Some(a) = a else {
        f.errors += 1;
        return pr;
    };
    let title_ok = a.title == e.title;
    let got_date = a.date.map(|d| d.to_string()).unwrap_or_default();
    let date_ok = got_date == e.date;
    let byline_ok = same_names(authors, &a.authors);
    if e.date.is_empty() {
        f.undated_given += usize::from(!got_date.is_empty());
    } else {
        f.dated += 1;
        f.dated_right += usize::from(date_ok);
    }
    if authors.is_empty() {
        f.unnamed_given += usize::from(!a.authors.is_empty());
    } else {
        f.named += 1;
        f.named_right += usize::from(byline_ok);
    }
    f.title += usize::from(title_ok);
    f.date += usize::from(date_ok);
    f.byline += usize::from(byline_ok);
    pr.ok = [title_ok, date_ok, byline_ok];
    if !title_ok {
        pr.misses.push(("title", e.title.clone(), a.title.clone()));
    }
    if !date_ok {
        pr.misses.push((
            "date",
            e.date.clone(),
            format!("{got_date} ({})", a.date_text.clone().unwrap_or_default()),
        ));
    }
    if !byline_ok {
        pr.misses.push((
            "byline",
            e.byline.clone(),
            format!("{:?} ({})", a.authors, a.byline.clone().unwrap_or_default()),
        ));
    }
    let got_roles = roles(a);
    let gb = bag(got_roles.iter().map(|(_, t)| t.clone()));
    let n_got: usize = gb.values().sum();
    let common: usize = gb
        .iter()
        .map(|(w, n)| (*n).min(eb.get(w).copied().unwrap_or(0)))
        .sum();
    f.words_got += n_got;
    f.words_common += common;
    let (p, r) = (ratio(common, n_got), ratio(common, n_exp));
    f.f1_sum += if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    pr.p = p;
    pr.r = r;
    pr.n_missing = n_exp - common;
    pr.n_extra = n_got - common;
    let mut missing: Vec<String> = eb
        .iter()
        .filter(|(w, n)| gb.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, _)| w.clone())
        .collect();
    missing.sort();
    missing.truncate(15);
    pr.missing = missing;
    let mut extra: Vec<String> = gb
        .iter()
        .filter(|(w, n)| eb.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, _)| w.clone())
        .collect();
    extra.sort();
    extra.truncate(15);
    pr.extra = extra;
    let by_key: HashMap<String, &str> = got_roles
        .iter()
        .map(|(r, t)| (key(t), *r))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    for b in e.blocks.iter().filter(|b| b.role != "title") {
        if let Some(r) = by_key.get(&key(&b.text)) {
            f.blocks_found += 1;
            if *r == b.role {
                f.roles_right += 1;
            }
        }
    }
    pr
}

/// Measures every page of `corpus` (a folder with `EXPECTED.jsonl` and
/// `html/`); returns (tune, check) figures and the tune pages' details.
pub fn measure(corpus: &Path) -> std::io::Result<(Figures, Figures, Vec<PageResult>)> {
    let rows = read_expected(&corpus.join("EXPECTED.jsonl"))
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    let (mut tune, mut check) = (Figures::default(), Figures::default());
    let mut details = Vec::new();
    for e in rows {
        let stem = Path::new(&e.file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_owned();
        let page = corpus.join("html").join(format!("{stem}.html"));
        let bytes = std::fs::read(&page)?;
        let got = read(&bytes, &Options::default()).ok().map(|r| r.article);
        if half(&e.file) == "tune" {
            details.push(score_page(&e, got.as_ref(), &mut tune));
        } else {
            score_page(&e, got.as_ref(), &mut check);
        }
    }
    Ok((tune, check, details))
}

/// The figures as a Markdown table.
pub fn table(tune: &Figures, check: &Figures) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| half | pages | errors | title | date | byline | block roles | words P | words R | words F1 | mean page F1 |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, f) in [("tune", tune), ("check", check)] {
        let _ = writeln!(
            s,
            "| {name} | {} | {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% ({} of {} found) | {:.3} | {:.3} | {:.3} | {:.3} |",
            f.pages,
            f.errors,
            f.title_pct(),
            f.date_pct(),
            f.byline_pct(),
            f.roles_pct(),
            f.blocks_found,
            f.blocks_expected,
            f.precision(),
            f.recall(),
            f.f1(),
            f.mean_f1()
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "| half | date, of pages with a labelled date | dates given where none is labelled | byline, of pages with labelled names | names given where none are labelled |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|");
    for (name, f) in [("tune", tune), ("check", check)] {
        let _ = writeln!(
            s,
            "| {name} | {:.1}% ({} of {}) | {} of {} | {:.1}% ({} of {}) | {} of {} |",
            f.dated_pct(),
            f.dated_right,
            f.dated,
            f.undated_given,
            f.pages - f.dated,
            f.named_pct(),
            f.named_right,
            f.named,
            f.unnamed_given,
            f.pages - f.named
        );
    }
    s
}
