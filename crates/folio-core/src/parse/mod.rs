//! The raw-article parser: text as copied from a news site → [`Article`].
//!
//! The input is read in four passes:
//!
//! 1. **Blocks**: the normalized text is cut at blank lines; each block keeps
//!    its line range. A block of several lines is either program code (kept
//!    with its line breaks), a hard-wrapped paragraph (joined), bullet items,
//!    or several paragraphs that were not separated (split where a line ends
//!    before the wrap width, or at sentence ends when lines are long).
//! 2. **Footer**: trailing blocks with ©, "All rights reserved" or a bare
//!    site address become the footer; copyright year, holder and site are
//!    read from them.
//! 3. **Header**: the first line is the title (unless it is a date or a
//!    section label); the blocks after it are taken as date, byline, kicker,
//!    lead-photo caption and credit, subtitle and standfirst while they look
//!    like those.
//! 4. **Body**: each block is classified (paragraph, heading, list item,
//!    quote, code, caption, note) from its own shape and its neighbours';
//!    runs of list items become lists, and the first paragraph's wire
//!    dateline is recorded.
//!
//! Nothing is dropped: every non-blank line of the input ends up in a field
//! or block of the model, and [`Trace`] says which and why.

mod address;
mod byline;
mod caption;
pub mod date;
mod dateline;
mod footer;
mod frontmatter;
mod header;
mod inline;
mod lexicon;
mod markers;
mod notes;
mod scan;
mod text;

use crate::diag::{Diagnostic, Hint};
use crate::error::Error;
use crate::lang::Language;
use crate::model::*;
use crate::normalize;
use address::*;
use byline::*;
use caption::*;
use date::{DateKind, parse_date_line};
use dateline::dateline;
use footer::*;
use markers::*;
use notes::*;
use serde::Serialize;
use text::*;

/// How to read numeric dates (defined in [`date`], re-exported beside
/// [`ParseOptions`]).
pub use date::DateOrder;
pub use footer::RESERVED as RIGHTS_RESERVED;
pub(crate) use footer::copyright as rights_line;
pub use inline::linkify;
/// How to treat invalid UTF-8 (defined in [`crate::normalize`], re-exported
/// beside [`ParseOptions`]).
pub use normalize::Utf8Policy;

/// Options for [`parse`] and [`parse_bytes`]. Every field has a default
/// (detect what can be detected, refuse invalid UTF-8); the enums the fields
/// take are re-exported here, so one `use` line is enough.
///
/// ```
/// use folio_core::parse::{parse_bytes, DateOrder, ParseOptions, Utf8Policy};
///
/// let opts = ParseOptions {
///     date_order: DateOrder::DayFirst,
///     utf8: Utf8Policy::Lossy,
///     ..ParseOptions::default()
/// };
/// let parsed = parse_bytes(b"A title\n\n03/04/2023\n\nBody text \xFF here.\n", &opts).unwrap();
/// assert_eq!(parsed.article.date.unwrap().to_string(), "2023-04-03");
/// assert!(parsed.article.all_text().join(" ").contains("Body text \u{FFFD} here."));
///
/// // Strict (the default) refuses the bad byte, naming its line.
/// let err = parse_bytes(b"A title\n\nBody \xFF\n", &ParseOptions::default()).unwrap_err();
/// assert!(matches!(err, folio_core::Error::InvalidUtf8 { line: 3, .. }));
/// ```
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// How to read ambiguous numeric dates.
    pub date_order: DateOrder,
    /// The article's language (BCP 47), when known; otherwise detected.
    pub language: Option<String>,
    /// How to treat invalid UTF-8 in [`parse_bytes`].
    pub utf8: Utf8Policy,
}

/// The result of parsing: the article, what the parser has to say about the
/// input, and where each part came from.
#[derive(Debug, Clone, Serialize)]
pub struct Parsed {
    /// The article.
    pub article: Article,
    /// Warnings, with line numbers.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each field and block came from, and why.
    pub trace: Trace,
}

/// Where the parser took each part of the article from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Trace {
    /// Metadata fields: `title`, `date`, `byline`...
    pub fields: Vec<FieldTrace>,
    /// One entry per top-level body block, in order.
    pub body: Vec<SpanTrace>,
    /// One entry per footer block, in order.
    pub footer: Vec<SpanTrace>,
}

/// Where a metadata field came from.
#[derive(Debug, Clone, Serialize)]
pub struct FieldTrace {
    /// The field's name in the model.
    pub field: &'static str,
    /// First and last line (1-based).
    pub lines: (usize, usize),
    /// Why the parser read it as this field.
    pub reason: String,
}

/// Where a block came from.
#[derive(Debug, Clone, Serialize)]
pub struct SpanTrace {
    /// First and last line (1-based).
    pub lines: (usize, usize),
    /// Why the parser chose this block kind.
    pub reason: String,
}

/// Decodes, normalizes and parses raw input bytes.
pub fn parse_bytes(bytes: &[u8], opts: &ParseOptions) -> Result<Parsed, Error> {
    let text = normalize::decode(bytes, opts.utf8)?;
    parse(&text, opts)
}

/// Parses raw article text.
///
/// ```
/// let text = "A Title\n\nMarch 17, 2023\n\nBy Jane Doe\n\nFirst paragraph.\n\nSecond one.\n";
/// let parsed = folio_core::parse::parse(text, &Default::default()).unwrap();
/// assert_eq!(parsed.article.title, "A Title");
/// assert_eq!(parsed.article.date.unwrap().to_string(), "2023-03-17");
/// assert_eq!(parsed.article.authors, ["Jane Doe"]);
/// assert_eq!(parsed.article.paragraph_count(), 2);
/// ```
pub fn parse(text: &str, opts: &ParseOptions) -> Result<Parsed, Error> {
    if text.is_empty() {
        return Err(Error::Empty);
    }
    let (text, mut diagnostics) = normalize::normalize(text);
    let mut lines: Vec<&str> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    lines.extend(text.split('\n'));
    let (fm, first_line) = frontmatter::read(&lines, &mut diagnostics)?;
    let blocks = split_blocks(&lines, first_line);
    if blocks.is_empty() {
        return Err(Error::Blank);
    }
    let mut p = Parser {
        article_byline_missing: false,
        diags: diagnostics,
        trace: Trace::default(),
        article: Article::default(),
        opts,
        month_first: true,
        language_given: false,
    };
    if let Some(lang) = fm.language.as_deref().or(opts.language.as_deref()) {
        p.article.language = Language::new(lang);
        p.language_given = true;
    }
    p.month_first = p.article.language.is_undetermined() || p.article.language.is_english();
    p.run(blocks, fm.title.as_deref());
    p.apply_front_matter(fm, first_line)?;
    p.finish();
    Ok(Parsed {
        article: p.article,
        diagnostics: p.diags,
        trace: p.trace,
    })
}

/// A run of non-blank lines.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock<'a> {
    pub lines: Vec<&'a str>,
    /// 1-based line number of the first line.
    pub first: usize,
    /// Blank lines before the block.
    pub blank_before: usize,
}

impl RawBlock<'_> {
    fn last(&self) -> usize {
        self.first + self.lines.len() - 1
    }
}

fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

fn split_blocks<'a>(lines: &[&'a str], start: usize) -> Vec<RawBlock<'a>> {
    let mut blocks = Vec::new();
    let mut cur: Option<RawBlock<'a>> = None;
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate().skip(start) {
        if is_blank(line) {
            if let Some(b) = cur.take() {
                blocks.push(b);
            }
            blanks += 1;
        } else {
            match &mut cur {
                Some(b) => b.lines.push(line),
                None => {
                    cur = Some(RawBlock {
                        lines: vec![line],
                        first: i + 1,
                        blank_before: blanks,
                    });
                    blanks = 0;
                }
            }
        }
    }
    blocks.extend(cur);
    blocks
}

/// A logical unit: one paragraph-sized piece of text with its line range.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub text: String,
    pub first: usize,
    pub last: usize,
    /// Verbatim lines, for code.
    pub code: Option<String>,
    pub blank_before: usize,
}

impl Unit {
    fn lines(&self) -> (usize, usize) {
        (self.first, self.last)
    }
}

/// Cuts a raw block into units (see the module docs).
fn units_of(block: &RawBlock<'_>) -> Vec<Unit> {
    let unit = |lines: &[&str], first: usize, blank_before: usize| Unit {
        text: join_lines(lines),
        first,
        last: first + lines.len() - 1,
        code: None,
        blank_before,
    };
    if block.lines.len() == 1 {
        return vec![unit(&block.lines, block.first, block.blank_before)];
    }
    if block.lines.iter().all(|l| l.trim_start().starts_with('>')) {
        // A quotation: paragraphs inside are separated by lone '>' lines.
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..=block.lines.len() {
            let sep = block.lines.get(i).is_none_or(|l| l.trim() == ">");
            if sep {
                if i > start {
                    let inner: Vec<&str> = block.lines[start..i]
                        .iter()
                        .map(|l| l.trim_start().trim_start_matches('>'))
                        .collect();
                    out.push(Unit {
                        text: format!("> {}", join_lines(&inner)),
                        first: block.first + start,
                        last: block.first + i - 1,
                        code: None,
                        blank_before: if start == 0 { block.blank_before } else { 0 },
                    });
                }
                start = i + 1;
            }
        }
        return out;
    }
    if looks_like_code(&block.lines) {
        return vec![Unit {
            text: String::new(),
            first: block.first,
            last: block.last(),
            code: Some(code_text(&block.lines)),
            blank_before: block.blank_before,
        }];
    }
    let width = block
        .lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..block.lines.len() {
        let line = block.lines[i].trim_end();
        let Some(next) = block.lines.get(i + 1) else {
            break;
        };
        let next_t = next.trim();
        let first_word = next_t.split_whitespace().next().unwrap_or("");
        let len = line.chars().count();
        let ended_early = len + 1 + first_word.chars().count() <= width;
        let long_lines = width > 110 && ends_sentence(line);
        let structural = bullet_marker(next_t).is_some()
            || next_t.starts_with('>')
            || bullet_marker(line.trim()).is_some() && ended_early;
        let cjk_break = is_cjk_text(line) && ends_sentence(line);
        if ended_early || long_lines || structural || cjk_break {
            out.push(unit(
                &block.lines[start..=i],
                block.first + start,
                if start == 0 { block.blank_before } else { 0 },
            ));
            start = i + 1;
        }
    }
    out.push(unit(
        &block.lines[start..],
        block.first + start,
        if start == 0 { block.blank_before } else { 0 },
    ));
    out
}

fn join_lines(lines: &[&str]) -> String {
    let mut s = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        let t = l.trim_matches(char::is_whitespace);
        if t.is_empty() {
            continue;
        }
        if !s.is_empty() {
            // CJK text wraps without spaces.
            let prev_cjk = s.chars().last().is_some_and(is_cjk_char);
            let next_cjk = t.chars().next().is_some_and(is_cjk_char);
            if !(prev_cjk && next_cjk) {
                s.push(' ');
            }
        }
        s.push_str(t);
    }
    s
}

fn code_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a unit was classified as.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Para,
    /// A short line without final punctuation: a heading candidate.
    Short,
    Bullet {
        ordered: bool,
        number: Option<u64>,
        marker_len: usize,
    },
    Quote,
    Code,
    Caption(CaptionKind),
    Note(NoteKind),
    /// A date line inside the body (after it, usually).
    DateLine,
}

type EndByline = (String, Vec<String>, (usize, usize));

struct Classified {
    unit: Unit,
    kind: Kind,
    reason: &'static str,
}

struct Parser<'o> {
    /// Set before the body is classified: the header had no byline.
    article_byline_missing: bool,
    diags: Vec<Diagnostic>,
    trace: Trace,
    article: Article,
    opts: &'o ParseOptions,
    month_first: bool,
    /// The language came from the options or front matter (even `und`):
    /// it is not detected.
    language_given: bool,
}

impl Parser<'_> {
    fn field(&mut self, field: &'static str, lines: (usize, usize), reason: impl Into<String>) {
        self.trace.fields.push(FieldTrace {
            field,
            lines,
            reason: reason.into(),
        });
    }

    fn run(&mut self, blocks: Vec<RawBlock<'_>>, fm_title: Option<&str>) {
        let mut units: Vec<Unit> = Vec::new();
        // The title block: its first line is the title; the other lines are
        // header lines that were not separated by blank lines.
        let first = &blocks[0];
        for (i, l) in first.lines.iter().enumerate() {
            units.push(Unit {
                text: l.trim().to_owned(),
                first: first.first + i,
                last: first.first + i,
                code: None,
                blank_before: if i == 0 { first.blank_before } else { 0 },
            });
        }
        for b in &blocks[1..] {
            units.extend(units_of(b));
        }
        let footer_start = self.take_footer(&units);
        let footer: Vec<Unit> = units.split_off(footer_start);
        let mut rest = self.take_title(units, fm_title);
        let body_start = self.take_header(&mut rest);
        let body: Vec<Unit> = rest.split_off(body_start);
        self.body(body);
        self.footer(footer);
    }

    /// Index of the first footer unit.
    fn take_footer(&mut self, units: &[Unit]) -> usize {
        let mut start = units.len();
        while start > 1 {
            let u = &units[start - 1];
            let after_gap = units[start - 1].blank_before >= 2 || start < units.len();
            if u.code.is_none() && is_footer_line(&u.text, after_gap) {
                start -= 1;
            } else {
                break;
            }
        }
        start
    }

    /// Takes the title off the front and returns the remaining units.
    fn take_title(&mut self, mut units: Vec<Unit>, fm_title: Option<&str>) -> Vec<Unit> {
        if let Some(t) = fm_title {
            // The front matter names the title. The text's first line is the
            // same headline (perhaps in capitals) or is kept as body text.
            if units
                .first()
                .is_some_and(|u| u.text.to_lowercase() == t.to_lowercase())
            {
                let u = units.remove(0);
                self.field(
                    "title",
                    u.lines(),
                    "first line, same as the front matter title",
                );
            }
            self.article.title = t.to_owned();
            return units;
        }
        // A date or section label above the headline.
        if units.len() > 2 {
            if let Some(d) = parse_date_line(&units[0].text, self.opts.date_order, true) {
                let u = units.remove(0);
                self.set_date(&u, d, "date line above the title");
            }
        }
        // A section label above the headline ("Politics", "World News"):
        // a very short first line, a longer second line, then a date or
        // byline.
        if units.len() > 3 && units[0].code.is_none() && units[1].code.is_none() {
            let w0 = units[0].text.split_whitespace().count();
            let w1 = units[1].text.split_whitespace().count();
            let header_next = parse_date_line(&units[2].text, self.opts.date_order, true).is_some()
                || byline_names(&units[2].text, false).is_some();
            if w0 <= 3
                && w1 >= w0 + 3
                && is_short_line(&units[0].text)
                && !ends_sentence(&units[1].text)
                && header_next
                && parse_date_line(&units[1].text, self.opts.date_order, true).is_none()
            {
                let label = units.remove(0);
                self.article.kicker = Some(label.text.clone());
                self.field(
                    "kicker",
                    label.lines(),
                    "short section label above the headline",
                );
            }
        }
        let title = units.remove(0);
        self.article.title = title.code.clone().unwrap_or(title.text.clone());
        self.field("title", title.lines(), "first line of the text");
        units
    }

    fn set_date(&mut self, u: &Unit, d: date::DateLine, why: &str) {
        match d.kind {
            DateKind::Updated => {
                if self.article.updated_text.is_none() {
                    self.article.updated_text = Some(u.text.clone());
                    self.field("updated_text", u.lines(), format!("{why} (update stamp)"));
                }
                if self.article.date.is_none() {
                    self.article.date = Some(d.date);
                    self.field(
                        "date",
                        u.lines(),
                        format!("{why}; only an update date was given"),
                    );
                }
            }
            DateKind::Published => {
                self.article.date = Some(d.date);
                self.article.date_text = Some(u.text.clone());
                self.field("date", u.lines(), why.to_owned());
            }
        }
        if d.ambiguous {
            self.diags.push(
                Diagnostic::warning(
                    u.first,
                    format!(
                        "ambiguous numeric date '{}': read as {}",
                        u.text,
                        d.date.format("%Y-%m-%d")
                    ),
                )
                .with_hint(Hint::DateOrder),
            );
        }
    }

    /// Consumes header units; returns the index where the body starts.
    ///
    /// The header region is read by candidate scoring ([`header::analyse`]);
    /// when it finds no date or byline line, the line-by-line reading below
    /// ([`Self::take_header_lines`]) is used.
    fn take_header(&mut self, units: &mut [Unit]) -> usize {
        let texts: Vec<&str> = units
            .iter()
            .take_while(|u| u.code.is_none())
            .take(10)
            .map(|u| u.text.as_str())
            .collect();
        let Some(roles) = header::analyse(&texts, self.opts.date_order, self.month_first) else {
            return self.take_header_lines(units);
        };
        // The date: the first published one, else the first one.
        let dated: Vec<(usize, &header::DateHit)> = roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                header::Role::Date(h) | header::Role::BylineDate(_, h) => Some((i, h)),
                _ => None,
            })
            .collect();
        let chosen = dated
            .iter()
            .find(|(_, h)| h.kind == DateKind::Published)
            .or(dated.first())
            .map(|(i, _)| *i);
        let mut blocks: Vec<(Block, (usize, usize), &'static str)> = Vec::new();
        let mut last_caption = false;
        for (i, role) in roles.iter().enumerate() {
            let u = units[i].clone();
            let text = u.text.clone();
            last_caption = matches!(role, header::Role::Caption(_));
            match role {
                header::Role::Date(h) | header::Role::BylineDate(_, h) => {
                    let byline = match role {
                        header::Role::BylineDate(names, _) if self.article.byline.is_none() => {
                            self.article.byline = Some(text.clone());
                            self.article.authors = names.clone();
                            self.field("byline", u.lines(), "header line with a byline and a date");
                            true
                        }
                        _ => false,
                    };
                    // A date line above the title may have taken the
                    // slot already; this one is then kept as a note.
                    let slot_taken = match h.kind {
                        DateKind::Published => self.article.date_text.is_some(),
                        DateKind::Updated => self.article.updated_text.is_some(),
                    };
                    if Some(i) == chosen && !slot_taken {
                        self.article.date = Some(h.date);
                        if !byline {
                            if h.kind == DateKind::Published {
                                self.article.date_text = Some(text.clone());
                            } else {
                                self.article.updated_text = Some(text.clone());
                            }
                        }
                        self.field(
                            "date",
                            u.lines(),
                            if h.kind == DateKind::Published {
                                "first publication date in the header"
                            } else {
                                "update date in the header; no publication date given"
                            },
                        );
                        if h.ambiguous {
                            self.ambiguous_date(&u, h.date);
                        }
                    } else if !byline {
                        if h.kind == DateKind::Updated && self.article.updated_text.is_none() {
                            self.article.updated_text = Some(text.clone());
                            self.field("updated_text", u.lines(), "update stamp in the header");
                        } else {
                            blocks.push((
                                Block::Note {
                                    kind: NoteKind::Date,
                                    content: vec![Inline::text(text)],
                                },
                                u.lines(),
                                "another date line in the header",
                            ));
                        }
                    } else {
                        // The line already holds the byline.
                    }
                }
                header::Role::Byline(names) => {
                    if self.article.byline.is_none() {
                        self.article.byline = Some(text.clone());
                        self.article.authors = names.clone();
                        self.field(
                            "byline",
                            u.lines(),
                            if names.is_empty() {
                                "desk or agency byline in the header"
                            } else {
                                "byline in the header (byline form, or a name next to the date)"
                            },
                        );
                    } else {
                        blocks.push((
                            Block::Note {
                                kind: NoteKind::Credit,
                                content: linkify(&text),
                            },
                            u.lines(),
                            "second byline line in the header",
                        ));
                    }
                }
                header::Role::Caption(kind) => blocks.push((
                    Block::Caption {
                        kind: *kind,
                        content: linkify(&text),
                    },
                    u.lines(),
                    "photo caption or credit in the header",
                )),
                header::Role::Standfirst => {
                    if self.article.standfirst.is_none() {
                        self.article.standfirst = Some(text);
                        self.field("standfirst", u.lines(), "sentence in the header region");
                    } else if self.article.subtitle.is_none() {
                        self.article.subtitle = Some(text);
                        self.field(
                            "subtitle",
                            u.lines(),
                            "second sentence in the header region",
                        );
                    } else {
                        blocks.push((
                            Block::Paragraph {
                                content: linkify(&text),
                            },
                            u.lines(),
                            "third sentence in the header region",
                        ));
                    }
                }
                header::Role::Note => {
                    if self.article.kicker.is_none() {
                        self.article.kicker = Some(text);
                        self.field("kicker", u.lines(), "short label in the header region");
                    } else {
                        blocks.push((
                            Block::Note {
                                kind: NoteKind::Other,
                                content: linkify(&text),
                            },
                            u.lines(),
                            "short label in the header region",
                        ));
                    }
                }
            }
        }
        let mut i = roles.len();
        // A lead photo sits between the header and the standfirst.
        if last_caption && self.article.standfirst.is_none() {
            if let Some(u) = units.get(i) {
                if u.code.is_none()
                    && ends_sentence(&u.text)
                    && dateline(&u.text).is_none()
                    && units.len() > i + 1
                    && u.text.split_whitespace().count() <= 45
                {
                    self.article.standfirst = Some(u.text.clone());
                    self.field(
                        "standfirst",
                        u.lines(),
                        "first paragraph after the lead photo",
                    );
                    i += 1;
                }
            }
        }
        for (b, lines, why) in blocks {
            self.push_block(b, lines, why);
        }
        i
    }

    fn ambiguous_date(&mut self, u: &Unit, d: chrono::NaiveDate) {
        self.diags.push(
            Diagnostic::warning(
                u.first,
                format!(
                    "ambiguous numeric date '{}': read as {}",
                    u.text,
                    d.format("%Y-%m-%d")
                ),
            )
            .with_hint(Hint::DateOrder),
        );
    }

    /// The header read line by line while lines look like header lines.
    fn take_header_lines(&mut self, units: &mut [Unit]) -> usize {
        let mut i = 0;
        let mut lead_caption = false;
        let mut header_captions: Vec<(Unit, CaptionKind, &'static str)> = Vec::new();
        while i < units.len() {
            let u = &units[i];
            if u.code.is_some() {
                break;
            }
            let text = u.text.as_str();
            let next = units.get(i + 1).map(|u| u.text.as_str());
            if self.article.date.is_none() || self.article.updated_text.is_none() {
                if let Some(d) = parse_date_line(text, self.opts.date_order, self.month_first) {
                    if d.kind == DateKind::Published && self.article.date_text.is_some() {
                        break;
                    }
                    let u = u.clone();
                    self.set_date(&u, d, "date line in the header");
                    i += 1;
                    continue;
                }
            }
            if let Some(kind) = credit_line(text) {
                header_captions.push((u.clone(), kind, "photo credit in the header"));
                lead_caption = true;
                i += 1;
                continue;
            }
            if self.article.byline.is_none()
                && strip_by_prefix_pub(text).is_some()
                && desk_byline(text)
            {
                self.article.byline = Some(text.to_owned());
                self.field("byline", u.lines(), "desk or agency byline in the header");
                i += 1;
                continue;
            }
            if self.article.byline.is_none() {
                if let Some(names) = byline_names(text, true) {
                    self.article.byline = Some(text.to_owned());
                    self.article.authors = names;
                    self.field("byline", u.lines(), "header line in byline form");
                    i += 1;
                    continue;
                }
            }
            if self.article.kicker.is_none() && is_kicker(text) {
                self.article.kicker = Some(text.to_owned());
                self.field(
                    "kicker",
                    u.lines(),
                    "short all-capitals label in the header",
                );
                i += 1;
                continue;
            }
            if next.and_then(credit_line).is_some() && is_caption_sized(text) {
                header_captions.push((
                    u.clone(),
                    CaptionKind::Caption,
                    "line above a photo credit in the header",
                ));
                lead_caption = true;
                i += 1;
                continue;
            }
            if let Some(kind) = caption_with_credit(text) {
                header_captions.push((
                    u.clone(),
                    kind,
                    "caption ending in a credit, in the header",
                ));
                lead_caption = true;
                i += 1;
                continue;
            }
            if self.article.subtitle.is_none()
                && self.article.byline.is_none()
                && self.article.date.is_none()
                && is_short_line(text)
                && next.is_some_and(|n| {
                    byline_names(n, true).is_some()
                        || parse_date_line(n, self.opts.date_order, self.month_first).is_some()
                })
            {
                self.article.subtitle = Some(text.to_owned());
                self.field(
                    "subtitle",
                    u.lines(),
                    "short line between title and byline/date",
                );
                i += 1;
                continue;
            }
            break;
        }
        // A lead photo sits between the header and the standfirst.
        if lead_caption {
            if let Some(u) = units.get(i) {
                if u.code.is_none()
                    && ends_sentence(&u.text)
                    && dateline(&u.text).is_none()
                    && units.len() > i + 1
                {
                    self.article.standfirst = Some(u.text.clone());
                    self.field(
                        "standfirst",
                        u.lines(),
                        "first paragraph after the lead photo",
                    );
                    i += 1;
                }
            }
        }
        for (u, kind, why) in header_captions {
            self.article.body.push(Block::Caption {
                kind,
                content: linkify(&u.text),
            });
            self.trace.body.push(SpanTrace {
                lines: u.lines(),
                reason: why.into(),
            });
        }
        i
    }

    /// Classifies the body units: a first match on each unit's own shape
    /// ([`Self::first_match`]), then named context passes that look at
    /// neighbours. Returns the blocks and the byline found after the body,
    /// if any.
    fn classify(&self, units: Vec<Unit>) -> (Vec<Classified>, Option<EndByline>) {
        let mut out = self.first_match(units);
        pass_tweets(&mut out);
        let end_byline = if self.article_byline_missing {
            pass_end_byline(&mut out)
        } else {
            None
        };
        pass_caption_above_credit(&mut out);
        pass_related_links(&mut out);
        pass_short_runs(&mut out);
        pass_run_in_lists(&mut out);
        pass_numbered_headings(&mut out);
        (out, end_byline)
    }

    /// Each unit by its own shape, first rule that matches.
    fn first_match(&self, units: Vec<Unit>) -> Vec<Classified> {
        let n = units.len();
        let mut out: Vec<Classified> = Vec::with_capacity(n);
        for (idx, unit) in units.into_iter().enumerate() {
            let text = unit.text.as_str();
            let near_end = idx + 3 >= n;
            let (kind, reason) = if unit.code.is_some() {
                (
                    Kind::Code,
                    "lines with code structure (indentation, braces, semicolons)",
                )
            } else if let Some(k) = note_kind(text) {
                (
                    Kind::Note(k),
                    "note pattern (credit, related links, editor line...)",
                )
            } else if lexicon::note_phrase(text) {
                (
                    Kind::Note(NoteKind::Other),
                    "note wording (origin, update or correction stamp, sign-up, follow line)",
                )
            } else if near_end
                && parse_date_line(text, self.opts.date_order, self.month_first).is_some()
            {
                (Kind::DateLine, "date line after the body")
            } else if let Some(k) = credit_line(text) {
                (Kind::Caption(k), "photo credit line")
            } else if let Some(k) = caption_with_credit(text) {
                (
                    Kind::Caption(k),
                    "caption ending in a credit in parentheses",
                )
            } else if lexicon::caption_words(text) && bullet_marker(text).is_none() {
                (
                    Kind::Caption(CaptionKind::Caption),
                    "caption wording (caption label, or a photo credit in its last words)",
                )
            } else if let Some((ordered, number, marker_len)) = bullet_marker(text) {
                (
                    Kind::Bullet {
                        ordered,
                        number,
                        marker_len,
                    },
                    "line starting with a list marker",
                )
            } else if text.starts_with('>') {
                (Kind::Quote, "line starting with '>'")
            } else if looks_like_code_line(text) {
                (Kind::Code, "command or code line")
            } else if is_short_line(text) {
                (Kind::Short, "short line without final punctuation")
            } else {
                (Kind::Para, "paragraph")
            };
            out.push(Classified { unit, kind, reason });
        }
        out
    }
}

/// Context pass: embedded tweets and the text above their attribution.
fn pass_tweets(out: &mut [Classified]) {
    // Embedded tweets: "— Name (@handle) March 17, 2023" closes a tweet;
    // with the text above it (same block or the one before) it is a quote.
    for i in 0..out.len() {
        if let Some(alone) = tweet_attribution(&out[i].unit.text) {
            out[i].kind = Kind::Quote;
            out[i].reason = "embedded tweet (attribution with @handle and date)";
            if alone && i > 0 && matches!(out[i - 1].kind, Kind::Para | Kind::Short) {
                out[i - 1].kind = Kind::Quote;
                out[i - 1].reason = "embedded tweet text";
            }
        }
    }
}

/// Context pass: a short line right above a credit line is its caption.
fn pass_caption_above_credit(out: &mut [Classified]) {
    // Context: a short line right above a credit line is its caption.
    for i in 1..out.len() {
        if matches!(out[i].kind, Kind::Caption(CaptionKind::Credit))
            && matches!(out[i - 1].kind, Kind::Short | Kind::Para)
            && is_caption_sized(&out[i - 1].unit.text)
        {
            out[i - 1].kind = Kind::Caption(CaptionKind::Caption);
            out[i - 1].reason = "line above a photo credit";
        }
    }
}

/// Context pass: short lines after a "Read more:" line are related links.
fn pass_related_links(out: &mut [Classified]) {
    // Context: after a "Read more:" line, short lines are related links.
    let mut related = false;
    for c in out.iter_mut() {
        match c.kind {
            Kind::Note(NoteKind::Related) => {
                related = c.unit.text.trim_end().ends_with([':', '：']);
            }
            Kind::Short | Kind::Para if related && !more_chars_than(&c.unit.text, 160) => {
                c.kind = Kind::Note(NoteKind::Related);
                c.reason = "line in a related-links list";
            }
            _ => related = false,
        }
    }
}

/// Context pass: runs of short lines (lists without markers, sign-offs).
fn pass_short_runs(out: &mut [Classified]) {
    // Context: runs of short lines.
    let mut i = 0;
    while i < out.len() {
        if out[i].kind != Kind::Short {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < out.len() && out[j].kind == Kind::Short {
            j += 1;
        }
        let run = j - i;
        let next_is_list = out
            .get(j)
            .is_some_and(|c| matches!(c.kind, Kind::Bullet { .. }));
        if run >= 3 {
            // A label ending in ':' heads the list that follows it.
            let mut k = i;
            if out[i].unit.text.trim_end().ends_with([':', '：']) {
                out[i].reason = "short line introducing a list";
                k += 1;
            }
            for c in &mut out[k..j] {
                c.kind = Kind::Bullet {
                    ordered: false,
                    number: None,
                    marker_len: 0,
                };
                c.reason = "one of several short lines in a row (a list without markers)";
            }
            if k > i {
                out[i].kind = Kind::Short;
            }
            // "Step 1" after the items, followed by text, is the next heading.
            let last = j - 1;
            if last > k
                && is_numbered_label(&out[last].unit.text)
                && out.get(j).is_some_and(|c| c.kind == Kind::Para)
            {
                out[last].kind = Kind::Short;
                out[last].reason = "numbered label (Step 1) after a list";
            }
        } else if j == out.len() && !next_is_list {
            // Short lines at the very end are sign-offs, not headings.
            for c in &mut out[i..j] {
                c.kind = Kind::Para;
                c.reason = "short line at the end of the text";
            }
        }
        i = j.max(i + 1);
    }
}

/// Context pass: labelled paragraphs after a line ending in ':' are list items.
fn pass_run_in_lists(out: &mut [Classified]) {
    // Paragraphs with run-in labels after a paragraph ending in ':' are
    // the items of a list copied without its bullets.
    let mut i = 1;
    while i < out.len() {
        let intro = matches!(out[i - 1].kind, Kind::Para | Kind::Short)
            && out[i - 1].unit.text.trim_end().ends_with([':', '：']);
        let mut j = i;
        while intro
            && j < out.len()
            && out[j].kind == Kind::Para
            && has_run_in_label(&out[j].unit.text)
        {
            j += 1;
        }
        if j - i >= 2 {
            for c in &mut out[i..j] {
                c.kind = Kind::Bullet {
                    ordered: false,
                    number: None,
                    marker_len: 0,
                };
                c.reason = "labelled item after a line ending in ':' (a list without markers)";
            }
        }
        i = j.max(i + 1);
    }
}

/// Context pass: a lone numbered short line followed by text is a heading.
fn pass_numbered_headings(out: &mut [Classified]) {
    // A numbered line followed by ordinary text is a numbered heading
    // (`2. AI speeds up onboarding`), not a one-item list.
    for i in 0..out.len() {
        if let Kind::Bullet {
            ordered: true,
            marker_len,
            ..
        } = out[i].kind
        {
            let alone_before =
                i == 0 || !matches!(out[i - 1].kind, Kind::Bullet { ordered: true, .. });
            let alone_after = !out
                .get(i + 1)
                .is_some_and(|c| matches!(c.kind, Kind::Bullet { ordered: true, .. }));
            let rest = &out[i].unit.text[marker_len..];
            if alone_before && alone_after && is_short_line(rest) && i + 1 < out.len() {
                out[i].kind = Kind::Short;
                out[i].reason = "numbered short line followed by text (numbered heading)";
            }
        }
    }
}

/// Context pass: a byline after the body ("By Jane Doe"), returned as
/// (text, names, lines); the unit becomes a credit note.
fn pass_end_byline(out: &mut [Classified]) -> Option<EndByline> {
    let last = out.last_mut()?;
    if !matches!(last.kind, Kind::Para | Kind::Short) {
        return None;
    }
    strip_by_prefix_pub(&last.unit.text)?;
    let names = if desk_byline(&last.unit.text) {
        Vec::new()
    } else {
        byline_names(&last.unit.text, false)?
    };
    last.kind = Kind::Note(NoteKind::Credit);
    last.reason = "byline at the end of the text";
    Some((last.unit.text.clone(), names, last.unit.lines()))
}

impl Parser<'_> {
    fn body(&mut self, units: Vec<Unit>) {
        self.article_byline_missing = self.article.byline.is_none();
        let (classified, end_byline) = self.classify(units);
        self.article.body.reserve(classified.len());
        self.trace.body.reserve(classified.len());
        if let Some((text, names, lines)) = end_byline {
            self.article.byline = Some(text);
            self.article.authors = names;
            self.field("byline", lines, "byline at the end of the text");
        }
        let n = classified.len();
        let mut seen_paragraph = false;
        let mut i = 0;
        while i < n {
            let c = &classified[i];
            let lines = c.unit.lines();
            let reason = c.reason;
            match &c.kind {
                Kind::Bullet {
                    ordered, number, ..
                } => {
                    let ordered = *ordered;
                    let start = *number;
                    let mut items = Vec::new();
                    let mut last = lines.1;
                    while i < n {
                        match &classified[i].kind {
                            Kind::Bullet {
                                ordered: o,
                                marker_len,
                                ..
                            } if *o == ordered => {
                                let text = classified[i].unit.text[*marker_len..].trim();
                                items.push(ListItem {
                                    content: linkify(text),
                                    children: vec![],
                                });
                                last = classified[i].unit.last;
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                    self.push_block(
                        Block::List {
                            ordered,
                            start: if ordered {
                                start.filter(|&s| s != 1)
                            } else {
                                None
                            },
                            items,
                        },
                        (lines.0, last),
                        reason,
                    );
                    continue;
                }
                Kind::Quote => {
                    let mut blocks = Vec::new();
                    let mut last = lines.1;
                    while i < n && classified[i].kind == Kind::Quote {
                        let t = &classified[i].unit.text;
                        let inner = strip_quote_markers(t);
                        if !inner.is_empty() {
                            blocks.push(Block::Paragraph {
                                content: linkify(&inner),
                            });
                        }
                        last = classified[i].unit.last;
                        i += 1;
                    }
                    self.push_block(Block::Quote { blocks }, (lines.0, last), reason);
                    continue;
                }
                Kind::Code => {
                    let text = c.unit.code.clone().unwrap_or_else(|| c.unit.text.clone());
                    self.push_block(Block::Code { text }, lines, reason);
                }
                Kind::Caption(kind) => {
                    let block = Block::Caption {
                        kind: *kind,
                        content: linkify(&c.unit.text),
                    };
                    self.push_block(block, lines, reason);
                }
                Kind::Note(kind) => {
                    let block = Block::Note {
                        kind: *kind,
                        content: linkify(&c.unit.text),
                    };
                    self.push_block(block, lines, reason);
                }
                Kind::DateLine => {
                    if self.article.date.is_none() {
                        if let Some(d) =
                            parse_date_line(&c.unit.text, self.opts.date_order, self.month_first)
                        {
                            let u = c.unit.clone();
                            self.set_date(&u, d, "date line after the body");
                        }
                    }
                    let block = Block::Note {
                        kind: NoteKind::Date,
                        content: vec![Inline::text(c.unit.text.clone())],
                    };
                    self.push_block(block, lines, reason);
                }
                Kind::Short => {
                    let next_ok = classified.get(i + 1).is_some_and(|nc| {
                        !matches!(nc.kind, Kind::Note(_) | Kind::DateLine)
                            && !nc.unit.text.starts_with(char::is_lowercase)
                    });
                    let text = &c.unit.text;
                    let question_ok = !text.ends_with(['?', '？']) || text.chars().count() <= 80;
                    let colon_ok = !text.trim_end().ends_with([':', '：'])
                        || (is_label(text)
                            && classified
                                .get(i + 1)
                                .is_some_and(|nc| matches!(nc.kind, Kind::Bullet { .. })));
                    // A line that stops mid-sentence, or a wire dateline, is
                    // text.
                    let sentence_ok = !lexicon::mid_sentence(text) && dateline(text).is_none();
                    if next_ok && question_ok && colon_ok && sentence_ok {
                        let block = Block::Heading {
                            level: 1,
                            content: linkify(text),
                        };
                        self.push_block(block, lines, reason);
                    } else {
                        let block = Block::Paragraph {
                            content: linkify(text),
                        };
                        self.push_block(block, lines, "short line read as a paragraph");
                    }
                }
                Kind::Para => {
                    if self.article.dateline.is_none() && !seen_paragraph {
                        if let Some(d) = dateline(&c.unit.text) {
                            self.field(
                                "dateline",
                                lines,
                                "wire dateline opening the first paragraph",
                            );
                            self.article.dateline = Some(d);
                        }
                    }
                    seen_paragraph = true;
                    let block = Block::Paragraph {
                        content: linkify(&c.unit.text),
                    };
                    self.push_block(block, lines, reason);
                }
            }
            i += 1;
        }
    }

    fn push_block(&mut self, block: Block, lines: (usize, usize), reason: &str) {
        self.article.body.push(block);
        self.trace.body.push(SpanTrace {
            lines,
            reason: reason.to_owned(),
        });
    }

    fn footer(&mut self, units: Vec<Unit>) {
        for u in units {
            if self.article.copyright.is_none() {
                if let Some(c) = copyright(&u.text) {
                    self.field("copyright", u.lines(), "copyright line in the footer");
                    if self.article.publisher.is_none() {
                        self.article.publisher = c.holder.clone();
                    }
                    self.article.copyright = Some(c);
                }
            }
            if self.article.source_url.is_none() {
                if let Some(url) = site_address(&u.text) {
                    self.field("source_url", u.lines(), "site address in the footer");
                    self.article.source_url = Some(url);
                }
            }
            self.article.footer.push(Block::Note {
                kind: NoteKind::Other,
                content: linkify(&u.text),
            });
            self.trace.footer.push(SpanTrace {
                lines: u.lines(),
                reason: "footer line (copyright, rights or site address)".into(),
            });
        }
    }

    fn apply_front_matter(
        &mut self,
        fm: frontmatter::FrontMatter,
        end: usize,
    ) -> Result<(), Error> {
        let span = (1, end.max(1));
        for (present, name) in [
            (fm.title.is_some(), "title"),
            (fm.subtitle.is_some(), "subtitle"),
            (fm.date.is_some(), "date"),
            (!fm.authors.is_empty(), "authors"),
            (fm.language.is_some(), "language"),
            (fm.source_url.is_some(), "source_url"),
            (fm.publisher.is_some(), "publisher"),
            (fm.rights.is_some(), "copyright"),
        ] {
            if present {
                self.field(name, span, "front matter");
            }
        }
        let a = &mut self.article;
        if let Some(t) = fm.title {
            a.title = t;
        }
        if let Some(s) = fm.subtitle {
            a.subtitle = Some(s);
        }
        if let Some(d) = fm.date {
            a.date = Some(d);
        }
        if !fm.authors.is_empty() {
            a.authors = fm.authors;
        }
        if let Some(u) = fm.source_url {
            a.source_url = Some(u);
        }
        if let Some(p) = fm.publisher {
            a.publisher = Some(p);
        }
        if let Some(r) = fm.rights {
            a.copyright = Some(Copyright {
                statement: r,
                ..copyright_fallback(a)
            });
        }
        Ok(())
    }

    fn finish(&mut self) {
        if !self.language_given {
            let mut sample = self.article.title.clone();
            for b in self.article.body.iter().take(20) {
                // Detection reads the first `lang::SAMPLE_CHARS` characters;
                // four bytes a character hold that many.
                if sample.len() > 6000 || sample.len() >= 4 * crate::lang::SAMPLE_CHARS {
                    break;
                }
                sample.push('\n');
                sample.push_str(&b.plain_text());
            }
            self.article.language = match crate::lang::detect(&sample) {
                Some(tag) => Language::new(&tag),
                None => {
                    self.diags.push(
                        Diagnostic::warning(None, "could not detect the language; using 'und'")
                            .with_hint(Hint::Language),
                    );
                    Language::undetermined()
                }
            };
        }
        if self.article.title.trim().is_empty() {
            self.diags
                .push(Diagnostic::warning(1, "the title is empty"));
        }
        if self.article.body.is_empty() {
            self.diags.push(Diagnostic::warning(
                None,
                "the article has no body text after the header",
            ));
        }
        if self.article.date.is_none() {
            self.diags
                .push(Diagnostic::warning(None, "no publication date found").with_hint(Hint::Date));
        }
    }
}

fn copyright_fallback(a: &Article) -> Copyright {
    a.copyright.clone().unwrap_or_default()
}

fn strip_quote_markers(t: &str) -> String {
    t.trim_start_matches('>').trim().to_owned()
}

#[cfg(test)]
mod tests;
