//! Folio's reader for saved HTML article pages.
//!
//! A saved news page holds far more than the article: navigation, share
//! bars, "related" lists, newsletter boxes, ads and comments. [`read`] turns
//! the page into the article alone, as a [`folio_core::Article`]:
//!
//! - **Encoding**: a byte-order mark, else the `<meta charset>` (or
//!   `http-equiv`) declaration, else UTF-8 if the bytes are valid UTF-8, else
//!   windows-1252 (see [`decode`]). A page that declares a legacy charset but
//!   holds valid UTF-8 with non-ASCII text is read as UTF-8.
//! - **Parsing**: html5ever, the HTML5 parsing algorithm of browsers (through
//!   `scraper`'s tree).
//! - **Metadata**: JSON-LD (`NewsArticle`, `Article`, `BlogPosting`...),
//!   OpenGraph and other `<meta>` tags, `<time datetime>`, and the visible
//!   headline, byline and date elements. The visible headline wins over the
//!   metadata one when they agree, so the title is what the page shows.
//! - **Main content**: each paragraph-like element scores its ancestors by
//!   its length and commas, scores are weighed by class/id names and link
//!   density, and the best container (with its qualifying siblings) is the
//!   article (see [`extract`]).
//! - **Blocks**: `h2`–`h6` become headings, `p` paragraphs, `ul`/`ol`/`li`
//!   lists, `blockquote` quotes, `figcaption` captions, `pre` code, `a` links
//!   (only safe schemes survive, see [`folio_core::links`]). Boilerplate inside
//!   the article (share bars, related lists, newsletter forms, ads, comment
//!   sections, hidden elements) is dropped, as are second copies of
//!   paragraphs, runs of link-only teaser headlines, and everything after a
//!   "More stories"/"Related"/"Lire aussi" heading past the middle of the
//!   text. The page's copyright line becomes the article's footer.
//! - **Byline and date**: names from the visible byline (cleaned of "By",
//!   roles in parentheses, dates and desks), checked against the metadata's
//!   person names (JSON-LD `author` as a string, array, `Person`, `@id`
//!   reference; organizations are not authors), which stand in when no
//!   byline is shown. The date a page shows near the headline (marked
//!   `datePublished` first), else JSON-LD `datePublished`, else the
//!   `<meta>` dates.
//!
//! Nothing is fetched: no images, no stylesheets, no network. Size and nesting
//! depth are limited ([`Options`]), and a page past a limit gets an [`Error`],
//! never a stack overflow.
//!
//! ```
//! let page = br#"<!doctype html><html lang="en"><head>
//!   <meta charset="utf-8"><title>Rain is back | Example News</title>
//!   <meta property="article:published_time" content="2024-03-05T10:00:00Z">
//! </head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article>
//!     <h1>Rain is back</h1>
//!     <p class="byline">By <a rel="author" href="/staff/jane">Jane Doe</a></p>
//!     <time datetime="2024-03-05">March 5, 2024</time>
//!     <p>After six dry months, rain fell on the valley on Tuesday, and farmers, who had waited all year, were glad.</p>
//!     <h2>What comes next</h2>
//!     <p>Forecasters expect more rain this week, with storms, wind and cooler nights, <a href="https://example.com/f">they said</a>.</p>
//!     <div class="share-bar"><a href="javascript:share()">Share</a></div>
//!   </article>
//! </body></html>"#;
//! let read = folio_html::read(page, &folio_html::Options::default()).unwrap();
//! let a = read.article;
//! assert_eq!(a.title, "Rain is back");
//! assert_eq!(a.date.unwrap().to_string(), "2024-03-05");
//! assert_eq!(a.authors, ["Jane Doe"]);
//! assert_eq!(a.language, "en");
//! assert_eq!(a.body.len(), 3);
//! assert!(!a.body.iter().any(|b| b.plain_text().contains("Share")));
//! ```

use chrono::NaiveDate;
use ego_tree::{NodeId, NodeRef};
use folio_core::{Article, Block, CaptionKind, Diagnostic, Inline, ListItem, NoteKind};
use scraper::{Html, Node};
use std::collections::HashMap;

pub mod eval;
pub mod extract;
mod meta;

pub use extract::decode;

/// Limits for untrusted pages.
#[derive(Debug, Clone)]
pub struct Options {
    /// The largest page read, in bytes (default 32 MiB).
    pub max_bytes: usize,
    /// The deepest element nesting read (default 512).
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: 32 << 20,
            max_depth: 512,
        }
    }
}

/// Why a page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The page is larger than [`Options::max_bytes`].
    #[error("the page is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The page's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Elements nest deeper than [`Options::max_depth`].
    #[error(
        "line {line}: elements nest more than {limit} deep (<{element}> at depth {depth}); the page is not an article Folio can read"
    )]
    TooDeep {
        /// 1-based line of the element's start tag, as far as it is known.
        line: usize,
        /// The element that went past the limit.
        element: String,
        /// Its depth.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// The page has no readable text.
    #[error("the page has no article text (no headline and no paragraphs were found)")]
    Empty,
}

/// A page read into an article, with the reader's warnings.
#[derive(Debug, Clone)]
pub struct Read {
    /// The article.
    pub article: Article,
    /// Warnings: unsafe links dropped, tables kept as text, encoding guesses.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether bytes look like an HTML document (used to sniff standard input
/// and to refuse reading a page as raw text).
///
/// ```
/// assert!(folio_html::looks_like_html(b"\xEF\xBB\xBF<!DOCTYPE html><p>x"));
/// assert!(folio_html::looks_like_html(b"  <html lang=en>"));
/// assert!(!folio_html::looks_like_html(b"A <b>bold</b> claim, in raw text"));
/// ```
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let lower = t.to_ascii_lowercase();
    let lower = lower.trim_start();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return true;
    }
    // A comment or XML declaration first, then an html/head/body tag early.
    (lower.starts_with("<!--") || lower.starts_with("<?xml") || lower.starts_with("<head"))
        && (lower.contains("<html") || lower.contains("<body") || lower.contains("<head"))
}

/// Reads a saved page into an article.
pub fn read(bytes: &[u8], opts: &Options) -> Result<Read, Error> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    let mut diagnostics = Vec::new();
    let (text, enc_note) = decode(bytes);
    if let Some(note) = enc_note {
        diagnostics.push(Diagnostic::warning(None, note));
    }
    check_depth(&text, opts.max_depth)?;
    let html = Html::parse_document(&text);
    let mut article = extract::article(&html, &mut diagnostics);
    if article.title.trim().is_empty() && article.body.is_empty() {
        return Err(Error::Empty);
    }
    let link_warnings = folio_core::links::sanitize_article(&mut article);
    diagnostics.extend(link_warnings);
    Ok(Read {
        article,
        diagnostics,
    })
}

/// Nesting depth as a light tokenizer sees it: start tags open, end tags
/// close; void elements, self-closed tags, elements that close implicitly
/// (`p`, `li`, `td`...) and the insides of comments, scripts and styles do
/// not count. Returns the greatest depth and the 1-based line where the
/// depth first passed `limit`.
fn scan_depth(text: &str, limit: usize) -> (usize, usize) {
    const NO_DEPTH: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "td", "th", "tr", "option",
        "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
        "!doctype",
    ];
    let b = text.as_bytes();
    let (mut open, mut max, mut line, mut at_line) = (0usize, 0usize, 1usize, 0usize);
    let mut i = 0;
    let lines = |from: usize, to: usize| b[from..to].iter().filter(|&&c| c == b'\n').count();
    while let Some(p) = memchr(b'<', &b[i..]) {
        line += lines(i, i + p);
        i += p + 1;
        if b[i..].starts_with(b"!--") {
            let end = find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
            line += lines(i, end);
            i = end;
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'!' || b[j] == b'-') {
            j += 1;
        }
        if j == start || !b[start].is_ascii_alphabetic() && b[start] != b'!' {
            continue;
        }
        let name = text[start..j].to_ascii_lowercase();
        let tag_end = memchr(b'>', &b[j..]).map_or(b.len(), |e| j + e);
        let self_closed = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        line += lines(i, tag_end.min(b.len()));
        i = tag_end.min(b.len());
        if NO_DEPTH.contains(&name.as_str()) {
            continue;
        }
        if closing {
            open = open.saturating_sub(1);
            continue;
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let close = format!("</{name}");
            let lower_rest = &b[i..];
            let end = lower_rest
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(b.len(), |e| i + e);
            line += lines(i, end);
            i = end;
            continue;
        }
        if !self_closed {
            open += 1;
            if open > max {
                max = open;
                if max == limit + 1 {
                    at_line = line;
                }
            }
        }
    }
    (max, at_line)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Refuses pages nested past the limit. The light scan decides for pages
/// far past it (html5ever's tree building is quadratic in depth, so those
/// are never parsed); between the limit and 8 times it, the tree decides.
fn check_depth(text: &str, limit: usize) -> Result<(), Error> {
    let (max, line) = scan_depth(text, limit);
    if max <= limit {
        return Ok(());
    }
    let too_deep = |depth: usize, element: String| Error::TooDeep {
        line,
        element,
        depth,
        limit,
    };
    if max > limit.saturating_mul(8) {
        return Err(too_deep(max, "element".into()));
    }
    let html = Html::parse_document(text);
    let mut stack: Vec<(NodeRef<'_, Node>, usize)> = vec![(html.tree.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            let element = node
                .value()
                .as_element()
                .map(|e| e.name().to_owned())
                .unwrap_or_default();
            return Err(too_deep(depth, element));
        }
        for c in node.children() {
            if c.value().is_element() {
                stack.push((c, depth + 1));
            }
        }
    }
    Ok(())
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

pub(crate) type Scores = HashMap<NodeId, f64>;

/// Parses the start of an ISO 8601 date or date-time (`2016-12-09`,
/// `2016-12-09T10:32:00-05:00`, `20161209`), or an RFC 2822 date.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10
        && let Some(head) = s.get(..10)
    {
        let h = head.replace('/', "-");
        if let Ok(d) = NaiveDate::parse_from_str(&h, "%Y-%m-%d") {
            return Some(d);
        }
    }
    if s.len() >= 8
        && s.as_bytes()[..8].iter().all(u8::is_ascii_digit)
        && s.as_bytes().get(8).is_none_or(|b| !b.is_ascii_digit())
        && let Ok(d) = NaiveDate::parse_from_str(&s[..8], "%Y%m%d")
    {
        return Some(d);
    }
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.date_naive())
}

pub(crate) fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

pub(crate) fn caption(content: Vec<Inline>) -> Block {
    Block::Caption {
        kind: CaptionKind::Caption,
        content,
    }
}

pub(crate) fn note(content: Vec<Inline>) -> Block {
    Block::Note {
        kind: NoteKind::Other,
        content,
    }
}

pub(crate) fn list(ordered: bool, start: Option<u64>, items: Vec<ListItem>) -> Block {
    Block::List {
        ordered,
        start,
        items,
    }
}
