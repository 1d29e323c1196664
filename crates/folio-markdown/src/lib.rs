//! Folio's Markdown writer: CommonMark with YAML front matter.
//!
//! The output is exact: parsing it with any CommonMark parser gives back the
//! model's text character for character (every ASCII punctuation character
//! that could start markup is backslash-escaped where it would, leading and
//! trailing white space and tabs become character references). It is also
//! clean under markdownlint's default rules (line length aside): one blank
//! line between blocks, `-` bullets, fenced code with an info string, heading
//! levels that step by one, no trailing punctuation in headings.
//!
//! Roles that CommonMark has no syntax for (a caption's or note's kind, a
//! heading level that skips, the footer) go in invisible marks, `[//]: #
//! "folio:note related"` on the line before the block, so that
//! [`read`] gives back the same article.
//!
//! ```
//! use folio_core::{Article, Block};
//! let article = Article {
//!     title: "A *bold* claim".into(),
//!     language: "en".into(),
//!     body: vec![Block::paragraph("1. Not a list, [not] a link, <b>not</b> HTML.")],
//!     ..Default::default()
//! };
//! let mut out = Vec::new();
//! folio_markdown::write(&article, &folio_markdown::MarkdownOptions::default(), &mut out).unwrap();
//! let md = String::from_utf8(out).unwrap();
//! assert!(md.starts_with("---\ntitle: \"A *bold* claim\"\n"));
//! assert!(md.contains("1\\. Not a list, \\[not\\] a link, \\<b>not\\</b> HTML."));
//! ```

use folio_core::meta;
mod read;
pub use read::{MAX_DEPTH, Read, ReadError, read};

use folio_core::model::{Article, Block, CaptionKind, Collection, Inline, ListItem};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// Options for [`write`] and [`write_collection`].
///
/// Deserializes from the `markdown` table of `folio.toml` or `-O
/// markdown.KEY=VALUE` (kebab-case keys; unknown keys are refused).
///
/// ```
/// let opts = folio_markdown::MarkdownOptions::default().with_front_matter(false);
/// assert!(!opts.front_matter);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct MarkdownOptions {
    /// `front-matter`: write YAML front matter with the metadata (default
    /// `true`). Without it, the title is written as a level-1 heading.
    pub front_matter: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions { front_matter: true }
    }
}

impl MarkdownOptions {
    /// Sets [`MarkdownOptions::front_matter`].
    pub fn with_front_matter(mut self, on: bool) -> Self {
        self.front_matter = on;
        self
    }
}

/// Errors of the Markdown writer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing to the output failed.
    #[error("cannot write Markdown: {0}")]
    Io(#[from] io::Error),
}

/// Writes one article as CommonMark with YAML front matter.
pub fn write(article: &Article, opts: &MarkdownOptions, out: &mut impl Write) -> Result<(), Error> {
    let mut md = String::with_capacity(4096);
    if opts.front_matter {
        front_matter(&mut md, &article_fields(article));
        md.push('\n');
    }
    let mut doc = Doc::new(&mut md);
    doc.article(article, !opts.front_matter, 1);
    finish(&mut md);
    out.write_all(md.as_bytes())?;
    Ok(())
}

/// Writes a collection as one document: book front matter, then each
/// article as a top-level section.
pub fn write_collection(
    collection: &Collection,
    opts: &MarkdownOptions,
    out: &mut impl Write,
) -> Result<(), Error> {
    let mut md = String::with_capacity(64 * 1024);
    if opts.front_matter {
        // The book's metadata as every writer resolves it (the articles'
        // authors when the book names none, the newest date...).
        let m = meta::Metadata::of_collection(collection, None);
        let mut fields = vec![("title", Value::Str(m.title))];
        if let Some(s) = m.subtitle {
            fields.push(("subtitle", Value::Str(s)));
        }
        if let Some(d) = m.date {
            fields.push(("date", Value::Raw(d.format("%Y-%m-%d").to_string())));
        }
        if let Some(v) = author_value(&m.creators) {
            fields.push(("author", v));
        }
        fields.push(("lang", Value::Str(m.language.to_string())));
        if let Some(p) = m.publisher {
            fields.push(("publisher", Value::Str(p)));
        }
        if let Some(r) = m.rights {
            fields.push(("rights", Value::Str(r)));
        }
        front_matter(&mut md, &fields);
        md.push('\n');
    }
    let mut doc = Doc::new(&mut md);
    if !opts.front_matter {
        doc.heading(1, &[Inline::text(collection.title.clone())]);
    }
    for a in &collection.articles {
        doc.article(a, true, 2);
    }
    finish(&mut md);
    out.write_all(md.as_bytes())?;
    Ok(())
}

fn finish(md: &mut String) {
    while md.ends_with("\n\n") {
        md.pop();
    }
    if !md.ends_with('\n') {
        md.push('\n');
    }
}

enum Value {
    Str(String),
    Raw(String),
    List(Vec<String>),
}

/// `author`, as pandoc, Quarto and Jekyll read it: a string for one author,
/// a list for several, nothing for none.
fn author_value(authors: &[String]) -> Option<Value> {
    match authors {
        [] => None,
        [one] => Some(Value::Str(one.clone())),
        many => Some(Value::List(many.to_vec())),
    }
}

fn article_fields(a: &Article) -> Vec<(&'static str, Value)> {
    let mut f = vec![("title", Value::Str(a.title.clone()))];
    if let Some(s) = &a.subtitle {
        f.push(("subtitle", Value::Str(s.clone())));
    }
    if let Some(k) = &a.kicker {
        f.push(("kicker", Value::Str(k.clone())));
    }
    if let Some(d) = a.date {
        f.push(("date", Value::Raw(d.format("%Y-%m-%d").to_string())));
    }
    if let Some(t) = &a.date_text {
        f.push(("date_text", Value::Str(t.clone())));
    }
    // `updated` is read as a date by static-site generators (Zola, Astro);
    // the model keeps the stamp as written, so it goes under `updated_text`.
    if let Some(t) = &a.updated_text {
        f.push(("updated_text", Value::Str(t.clone())));
    }
    if let Some(v) = author_value(&a.authors) {
        f.push(("author", v));
    }
    if let Some(b) = &a.byline {
        f.push(("byline", Value::Str(b.clone())));
    }
    f.push(("lang", Value::Str(a.language.to_string())));
    if let Some(p) = meta::publisher(a) {
        f.push(("publisher", Value::Str(p)));
    }
    if let Some(r) = meta::rights(a) {
        f.push(("rights", Value::Str(r)));
        // What the statement alone does not say exactly, for the reader.
        if let Some(c) = &a.copyright {
            if let Some(y) = c.year {
                f.push(("rights_year", Value::Raw(y.to_string())));
            }
            if let Some(h) = &c.holder {
                f.push(("rights_holder", Value::Str(h.clone())));
            }
        }
    }
    if let Some(d) = &a.dateline {
        f.push(("dateline", Value::Str(d.text.clone())));
        if let Some(p) = &d.place {
            f.push(("dateline_place", Value::Str(p.clone())));
        }
        if let Some(g) = &d.agency {
            f.push(("dateline_agency", Value::Str(g.clone())));
        }
    }
    if let Some(u) = &a.source_url {
        f.push(("source", Value::Str(u.clone())));
    }
    // The standfirst is the article's summary: `description` to pandoc,
    // Hugo, Jekyll and Zola. It stays in the body too.
    if let Some(d) = &a.standfirst {
        f.push(("description", Value::Str(d.clone())));
    }
    f
}

/// YAML front matter. Strings are written as JSON strings, which are valid
/// YAML double-quoted scalars with exact escapes.
fn front_matter(md: &mut String, fields: &[(&str, Value)]) {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    md.push_str("---\n");
    for (k, v) in fields {
        match v {
            Value::Str(s) => md.push_str(&format!("{k}: {}\n", q(s))),
            Value::Raw(s) => md.push_str(&format!("{k}: {s}\n")),
            Value::List(items) => {
                md.push_str(&format!("{k}:\n"));
                for i in items {
                    md.push_str(&format!("  - {}\n", q(i)));
                }
            }
        }
    }
    md.push_str("---\n");
}

/// Switches markdownlint's MD014 off until [`MD014_ON`], invisibly (see
/// the code block writer).
const MD014_OFF: &str = "[//]: # \"<!-- markdownlint-disable MD014 -->\"\n\n";
/// Switches MD014 back on.
const MD014_ON: &str = "[//]: # \"<!-- markdownlint-enable MD014 -->\"\n\n";

/// An invisible role mark before a block: a link reference definition
/// labelled `//` (no renderer shows it, markdownlint's MD053 ignores the
/// label) whose title names the role CommonMark has no syntax for, so
/// Folio's reader gives the block its role back.
fn role_mark(role: &str) -> String {
    format!("[//]: # \"folio:{role}\"\n\n")
}

/// The role name of a caption or note kind, as the JSON model spells it.
fn kind_name<T: Serialize>(kind: &T) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The CommonMark body writer.
struct Doc<'a> {
    md: &'a mut String,
    /// Level of the last heading written (markdown level), for MD001.
    last_heading: u8,
}

impl<'a> Doc<'a> {
    fn new(md: &'a mut String) -> Self {
        Doc {
            md,
            last_heading: 1,
        }
    }

    /// `title_level`: markdown level of the article's title (1 for a single
    /// article, 2 inside a collection). `with_title` writes the title as a
    /// heading (the front matter carries it otherwise).
    fn article(&mut self, a: &Article, with_title: bool, title_level: u8) {
        if with_title {
            self.last_heading = title_level.saturating_sub(1);
            self.heading(title_level, &[Inline::text(a.title.clone())]);
            let header: Vec<String> = [
                a.subtitle.clone(),
                a.kicker.clone(),
                meta::byline_line(a),
                // The parsed date, formatted; the raw text is metadata.
                meta::display_date(a).map(|d| d.text),
                a.updated_text.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            for line in header {
                self.paragraph(&[Inline::text(line)], "");
            }
        } else {
            self.last_heading = title_level;
        }
        if let Some(s) = &a.standfirst {
            self.paragraph(&[Inline::text(s.clone())], "");
        }
        for b in &a.body {
            self.block(b, "", title_level);
        }
        if !a.footer.is_empty() {
            self.md.push_str(&role_mark("footer"));
            self.md.push_str("---\n\n");
            for b in &a.footer {
                self.block(b, "", title_level);
            }
        }
    }

    fn heading(&mut self, level: u8, content: &[Inline]) {
        // Levels may only go up one at a time (markdownlint MD001).
        let level = level.clamp(1, 6).min(self.last_heading + 1).max(1);
        self.last_heading = level;
        let mut s = String::new();
        inlines(content, &mut s, Context::Heading);
        if s.is_empty() {
            s.push_str("&#32;");
        }
        self.md.push_str(&"#".repeat(level as usize));
        self.md.push(' ');
        self.md.push_str(&s);
        self.md.push_str("\n\n");
    }

    fn paragraph(&mut self, content: &[Inline], prefix: &str) {
        self.marked_paragraph(content, prefix, None);
    }

    /// A paragraph, after a role mark (see [`role_mark`]) when `role` is
    /// given. Nothing, not even the mark, for empty content.
    fn marked_paragraph(&mut self, content: &[Inline], prefix: &str, role: Option<String>) {
        let mut s = String::new();
        inlines(content, &mut s, Context::Paragraph);
        if s.is_empty() {
            return;
        }
        if let Some(role) = role {
            self.md.push_str(prefix);
            self.md.push_str(&role_mark(&role));
            if !prefix.is_empty() {
                // The blank line after the mark, inside the container.
                self.md.truncate(self.md.len() - 1);
                self.md.push_str(prefix.trim_end());
                self.md.push('\n');
            }
        }
        self.md.push_str(prefix);
        self.md.push_str(&s);
        self.md.push_str("\n\n");
    }

    fn block(&mut self, b: &Block, prefix: &str, title_level: u8) {
        match b {
            Block::Paragraph { content } => self.paragraph(content, prefix),
            Block::Caption { kind, content } => {
                let role = match kind {
                    CaptionKind::Caption => "caption".to_owned(),
                    k => format!("caption {}", kind_name(k)),
                };
                self.marked_paragraph(content, prefix, Some(role))
            }
            Block::Note { kind, content } => {
                self.marked_paragraph(content, prefix, Some(format!("note {}", kind_name(kind))))
            }
            Block::Heading { level, content } => {
                let wanted = title_level + level;
                if prefix.is_empty() && wanted <= self.last_heading + 1 && wanted <= 6 {
                    self.heading(wanted, content);
                } else if prefix.is_empty() {
                    // Levels step by one in Markdown (MD001): the model's
                    // level goes in a mark.
                    self.md.push_str(&role_mark(&format!("heading {level}")));
                    self.heading(wanted, content);
                } else {
                    // Headings cannot stand inside quotes or lists in a way
                    // every renderer agrees on; keep them as paragraphs.
                    self.marked_paragraph(content, prefix, Some(format!("heading {level}")));
                }
            }
            Block::Code { text } => {
                // markdownlint's MD014 asks for shell prompts to be dropped when
                // no output is shown; the author's text must stay exact, so the
                // rule is switched off for this one block. The switch is an
                // HTML comment inside the title of a `[//]: #` link reference
                // definition: markdownlint finds the comment on the line, and
                // no renderer shows a definition (a bare comment is shown as
                // text by markdown-it's default `html: false`).
                let prompts_only = text.lines().filter(|l| !l.trim().is_empty()).count() > 0
                    && text.lines().filter(|l| !l.trim().is_empty()).all(|l| {
                        l.trim_start().starts_with('$')
                            && l.trim_start()[1..].starts_with(char::is_whitespace)
                    });
                if prompts_only && prefix.is_empty() {
                    self.md.push_str(MD014_OFF);
                }
                let longest = longest_run(text, '`');
                let fence = "`".repeat(longest.max(2) + 1);
                let mut s = format!("{fence}text\n");
                for line in text.split('\n') {
                    s.push_str(line);
                    s.push('\n');
                }
                s.push_str(&fence);
                s.push('\n');
                self.raw_block(&s, prefix);
                if prompts_only && prefix.is_empty() {
                    self.md.push_str(MD014_ON);
                }
            }
            Block::Quote { blocks } => {
                let mut inner = String::new();
                let mut d = Doc {
                    md: &mut inner,
                    last_heading: self.last_heading,
                };
                for b in blocks {
                    d.block(b, "", title_level);
                }
                let inner = inner.trim_end_matches('\n');
                let mut s = String::new();
                for line in inner.split('\n') {
                    if line.is_empty() {
                        s.push_str(">\n");
                    } else {
                        s.push_str("> ");
                        s.push_str(line);
                        s.push('\n');
                    }
                }
                self.raw_block(&s, prefix);
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let mut s = String::new();
                let first = start.unwrap_or(1);
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", first + i as u64)
                    } else {
                        "- ".to_owned()
                    };
                    s.push_str(&list_item(item, &marker, title_level));
                }
                self.raw_block(&s, prefix);
            }
        }
    }

    /// Appends a finished block (lines ending in `\n`) with a prefix on each
    /// line, then a blank line.
    fn raw_block(&mut self, s: &str, prefix: &str) {
        for line in s.trim_end_matches('\n').split('\n') {
            if line.is_empty() {
                self.md.push_str(prefix.trim_end());
            } else {
                self.md.push_str(prefix);
                self.md.push_str(line);
            }
            self.md.push('\n');
        }
        self.md.push('\n');
    }
}

fn list_item(item: &ListItem, marker: &str, title_level: u8) -> String {
    let indent = " ".repeat(marker.len());
    let mut text = String::new();
    inlines(&item.content, &mut text, Context::Paragraph);
    if text.is_empty() {
        text.push_str("&#32;");
    }
    let mut s = format!("{marker}{text}\n");
    if !item.children.is_empty() {
        let mut inner = String::new();
        let mut d = Doc::new(&mut inner);
        for b in &item.children {
            d.block(b, "", title_level);
        }
        let inner = inner.trim_end_matches('\n');
        // A nested list directly under its item, without a blank line, keeps
        // the outer list tight.
        for line in inner.split('\n') {
            if line.is_empty() {
                s.push('\n');
            } else {
                s.push_str(&indent);
                s.push_str(line);
                s.push('\n');
            }
        }
    }
    s
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for ch in s.chars() {
        if ch == c {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Paragraph,
    Heading,
}

/// Writes inline content, escaped.
fn inlines(content: &[Inline], out: &mut String, ctx: Context) {
    let start = out.len();
    run(content, out, start, None);
    protect_edges(out, start);
    if ctx == Context::Heading {
        protect_heading_end(out, start);
    }
}

/// Writes a run of inlines; `start` is where the block's text began (a
/// line start), `after` the character that will follow the run (`None` at
/// the block's end).
fn run(content: &[Inline], out: &mut String, start: usize, after: Option<char>) {
    for (i, inl) in content.iter().enumerate() {
        match inl {
            Inline::Text { text } => escape(text, out, out.len() == start),
            Inline::Link { text, url } => link(text, url, out),
            Inline::Emphasis { content: inner } | Inline::Strong { content: inner } => {
                let marker = if matches!(inl, Inline::Strong { .. }) {
                    "**"
                } else {
                    "*"
                };
                let next = content[i + 1..].iter().find_map(first_char).or(after);
                span(inner, marker, out, start, next);
            }
        }
    }
}

/// The first character a run's Markdown will show for `inl`, as far as
/// delimiter flanking cares (a link starts with `[` or `<`; a control
/// character is written as a `&#…;` reference).
fn first_char(inl: &Inline) -> Option<char> {
    match inl {
        Inline::Text { text } => text.chars().next().map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                '&'
            } else {
                c
            }
        }),
        Inline::Link { .. } => Some('['),
        // A span may be written without its markers (see `span`), so the
        // worst case is its own first character.
        Inline::Emphasis { content } | Inline::Strong { content } => {
            content.iter().find_map(first_char)
        }
    }
}

/// Writes an emphasis or strong span between `marker`s. White space at the
/// span's edges goes outside the markers (CommonMark does not read `* a*` as
/// emphasis). Where the delimiters would not flank the text as CommonMark
/// requires (`a*"b"*c`), the span is written without markers: its text is
/// kept and only the emphasis is lost.
fn span(content: &[Inline], marker: &str, out: &mut String, start: usize, next: Option<char>) {
    let mut inner = String::new();
    // The inner text never starts a line: a marker precedes it.
    run(content, &mut inner, usize::MAX, Some('*'));
    let core = inner.trim_matches(|c: char| c == ' ');
    let lead = &inner[..inner.len() - inner.trim_start_matches(' ').len()];
    let trail = &inner[inner.trim_end_matches(' ').len()..];
    let prev = if lead.is_empty() {
        out[start.min(out.len())..].chars().last()
    } else {
        Some(' ')
    };
    let follow = if trail.is_empty() { next } else { Some(' ') };
    // Right after another span's closing marker, the two runs of `*` would
    // merge into one delimiter run.
    let ok = !core.is_empty()
        && prev != Some('*')
        && left_flanking(prev, core.chars().next())
        && right_flanking(core.chars().last(), follow);
    if !ok {
        // Re-render as plain text at this position, so that escaping
        // that depends on the line start still applies.
        run(content, out, start, next);
        return;
    }
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(core);
    out.push_str(marker);
    out.push_str(trail);
}

/// CommonMark's punctuation for delimiter runs: ASCII punctuation and
/// Unicode punctuation and symbols (approximated as "neither letter, digit
/// nor white space").
fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Whether a `*` run between `prev` and `next` can open emphasis.
fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    let Some(next) = next else { return false };
    !next.is_whitespace()
        && (!is_punct(next) || prev.is_none_or(|p| p.is_whitespace() || is_punct(p)))
}

/// Whether a `*` run between `prev` and `next` can close emphasis.
fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    let Some(prev) = prev else { return false };
    !prev.is_whitespace()
        && (!is_punct(prev) || next.is_none_or(|n| n.is_whitespace() || is_punct(n)))
}

/// Leading and trailing white space would be stripped by a CommonMark
/// parser; write it as character references.
fn protect_edges(out: &mut String, start: usize) {
    let body = out[start..].to_owned();
    let trimmed_start = body.trim_start_matches(char::is_whitespace);
    let lead = &body[..body.len() - trimmed_start.len()];
    let trimmed = trimmed_start.trim_end_matches(char::is_whitespace);
    let trail = &trimmed_start[trimmed.len()..];
    if lead.is_empty() && trail.is_empty() {
        return;
    }
    let refs = |s: &str| -> String { s.chars().map(|c| format!("&#{};", c as u32)).collect() };
    let new = format!("{}{}{}", refs(lead), trimmed, refs(trail));
    out.truncate(start);
    out.push_str(&new);
}

/// A heading must not end in `#` (it would be read as a closing sequence) or
/// in punctuation that markdownlint's MD026 reports; such a final character
/// is written as a character reference.
fn protect_heading_end(out: &mut String, start: usize) {
    let Some(last) = out[start..].chars().last() else {
        return;
    };
    if out.ends_with("\\#") || ends_with_char_ref(&out[start..]) {
        return;
    }
    if ".,;:!。，；：！".contains(last) {
        out.truncate(out.len() - last.len_utf8());
        // A lone backslash left at the end escaped the character just
        // removed (`1\.`); the reference needs no escape, so it goes too.
        // (A literal backslash is written `\\` and stays.)
        if ends_with_lone_backslash(out) {
            out.pop();
        }
        out.push_str(&format!("&#{};", last as u32));
    }
}

/// Whether `s` ends with an odd run of backslashes: its last one escapes
/// what followed it.
fn ends_with_lone_backslash(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// Whether `s` ends with a numeric character reference such as `&#9;`.
fn ends_with_char_ref(s: &str) -> bool {
    s.rfind("&#").is_some_and(|i| {
        let tail = &s[i + 2..];
        tail.len() >= 2
            && tail.ends_with(';')
            && tail[..tail.len() - 1].chars().all(|c| c.is_ascii_digit())
    })
}

/// Escapes text so that a CommonMark parser reads it back unchanged.
fn escape(text: &str, out: &mut String, at_start: bool) {
    let chars: Vec<char> = text.chars().collect();
    let line_start = at_start;
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1).copied();
        let first = line_start && i == 0;
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let intraword = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if !intraword {
                    out.push('\\');
                }
                out.push('_');
            }
            // `&` is written as `&amp;` only where the text after it would
            // read as a character reference (`&copy;`, `&#169;`): a
            // backslash escape there shows literally in kramdown (Jekyll)
            // and Python-Markdown (MkDocs), `&amp;` reads right everywhere.
            '&' if starts_char_ref(&chars[i + 1..]) => out.push_str("&amp;"),
            '#' | '>' | '-' | '+' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if line_start && is_list_number(&chars[..i]) => {
                out.push('\\');
                out.push(c);
            }
            '#' if next.is_none() => {
                out.push_str("\\#");
            }
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
}

/// Whether `after` (the text following a `&`) would make it a character
/// reference: a name of ASCII letters and digits, or `#` and decimal or `#x`
/// and hexadecimal digits, then `;`. Names are not checked against the HTML
/// list, so an unknown `&name;` is escaped too, which reads the same.
fn starts_char_ref(after: &[char]) -> bool {
    let (digits, rest): (fn(&char) -> bool, &[char]) = match after {
        ['#', 'x' | 'X', rest @ ..] => (char::is_ascii_hexdigit, rest),
        ['#', rest @ ..] => (char::is_ascii_digit, rest),
        [c, ..] if c.is_ascii_alphabetic() => (char::is_ascii_alphanumeric, after),
        _ => return false,
    };
    let n = rest.iter().take_while(|c| digits(c)).count();
    n > 0 && n <= 32 && rest.get(n) == Some(&';')
}

/// Whether `before` (the text from the line start) is 1–9 digits, so that a
/// following `.` or `)` would start an ordered list.
fn is_list_number(before: &[char]) -> bool {
    !before.is_empty() && before.len() <= 9 && before.iter().all(char::is_ascii_digit)
}

fn link(text: &str, url: &str, out: &mut String) {
    let autolink_ok = |u: &str| {
        !u.is_empty()
            && !u.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    };
    if let Some(addr) = url.strip_prefix("mailto:") {
        if addr == text && is_autolink_email(addr) {
            out.push('<');
            out.push_str(addr);
            out.push('>');
            return;
        }
    }
    // CommonMark's scheme: a letter, then 1–31 of letters, digits, `+.-`.
    let has_scheme = url.split_once(':').is_some_and(|(s, _)| {
        (2..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if text == url && has_scheme && autolink_ok(url) && !url.contains('\\') {
        out.push('<');
        out.push_str(url);
        out.push('>');
        return;
    }
    // A `!` just before would turn the link into an image: escape it
    // (unless an odd run of backslashes already does).
    if let Some(before) = out.strip_suffix('!') {
        let slashes = before.len() - before.trim_end_matches('\\').len();
        if slashes % 2 == 0 {
            out.pop();
            out.push_str("\\!");
        }
    }
    out.push('[');
    let mut inner = String::new();
    escape(text, &mut inner, false);
    if inner.is_empty() {
        inner.push_str("&#32;");
    }
    out.push_str(&inner);
    out.push_str("](");
    let plain = !url.is_empty()
        && !url.contains(|c: char| c.is_whitespace() || c.is_control() || "<>()\\".contains(c));
    if plain {
        out.push_str(url);
    } else {
        out.push('<');
        for c in url.chars() {
            match c {
                '<' | '>' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push_str("%0A"),
                c => out.push(c),
            }
        }
        out.push('>');
    }
    out.push(')');
}

/// Whether `<addr>` is an email autolink in CommonMark (spec 6.5): a local
/// part of ASCII letters, digits and ``.!#$%&'*+/=?^_`{|}~-``, `@`, then
/// dot-separated labels of letters, digits and inner hyphens, at most 63
/// long. Anything else (an internationalized domain, say) would read back
/// as literal text with its angle brackets, so it is written as a link; so
/// is an address starting with `!` or `?` (`<!…` and `<?…` at the start of
/// a line begin an HTML block).
fn is_autolink_email(addr: &str) -> bool {
    let Some((local, domain)) = addr.split_once('@') else {
        return false;
    };
    // `<!x` and `<?x` at the start of a line open an HTML block instead.
    let local_ok = !local.is_empty()
        && !local.starts_with(['!', '?'])
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    local_ok && domain.split('.').all(label_ok)
}
