//! Folio's JATS writer: JATS 1.3 XML for news articles.
//!
//! [`write()`] turns one [`Article`] into a JATS 1.3 `<article>` that is valid
//! against the NISO JATS 1.3 Journal Archiving and Interchange DTD (the
//! default [`Flavor::Archiving`]) or the Journal Publishing DTD and XSD
//! ([`Flavor::Publishing`]). The DOCTYPE names the DTD of the flavour.
//!
//! How the model maps onto JATS:
//!
//! | model | JATS |
//! |---|---|
//! | publisher, footer site, the journal fields of [`JatsOptions`] | `front/journal-meta` (`journal-id`, `journal-title`, `issn`, `publisher`) |
//! | kicker | `article-categories/subj-group[@subj-group-type="heading"]/subject` |
//! | title, subtitle | `title-group/article-title`, `subtitle` |
//! | authors | `contrib-group/contrib[@contrib-type="author"]` with `name` (`surname`, `given-names`) when the name splits cleanly, else `string-name` |
//! | date | `pub-date[@iso-8601-date]`, else `pub-date-not-available` |
//! | copyright | `permissions` (`copyright-statement`, `copyright-year`, `copyright-holder`, as JATS4R recommends) |
//! | source URL | `self-uri[@xlink:href]` |
//! | standfirst | `abstract[@abstract-type="summary"]` (a JATS4R value) |
//! | raw byline, date and update texts, dateline | `custom-meta-group/custom-meta` |
//! | headings | nested `sec` with `title` |
//! | paragraphs, lists, quotes, code | `p`, `list`/`list-item`, `disp-quote`, `preformat` |
//! | captions and credits | `p[@content-type="caption"]`, `p[@content-type="credit"]` |
//! | notes | `p[@content-type="note-KIND"]` in place (`note-editor`, `note-correction`...) |
//! | links | `ext-link[@xlink:href]` |
//! | footer | `back/notes[@notes-type="footer"]` |
//!
//! No text of the article is dropped, all text is escaped by quick-xml, and
//! characters XML 1.0 cannot carry are removed with
//! [`folio_core::normalize::clean`] before they reach the output. The output
//! depends only on the article and the options: no clock, no randomness.
//!
//! ```
//! use folio_core::{Article, Block};
//! use folio_jats::{Flavor, JatsOptions};
//!
//! let article = Article {
//!     title: "Bridge <approved> & funded".into(),
//!     authors: vec!["Erin Cunningham".into()],
//!     language: "en".into(),
//!     body: vec![
//!         Block::paragraph("The council voted."),
//!         Block::Heading { level: 1, content: vec![folio_core::Inline::text("What next")] },
//!         Block::paragraph("A hearing follows."),
//!     ],
//!     ..Default::default()
//! };
//! // Publishing names its journal: an ISSN and a journal id are required.
//! let opts = JatsOptions::default()
//!     .with_flavor(Flavor::Publishing)
//!     .with_issn("0317-8471")
//!     .with_journal_id("example-news");
//! let mut out = Vec::new();
//! folio_jats::write(&article, &opts, &mut out).unwrap();
//! let xml = String::from_utf8(out).unwrap();
//! assert!(xml.contains("Journal Publishing DTD with MathML3 v1.3"));
//! assert!(xml.contains("<article-title>Bridge &lt;approved&gt; &amp; funded</article-title>"));
//! assert!(xml.contains("<surname>Cunningham</surname><given-names>Erin</given-names>"));
//! assert!(xml.contains("<sec id=\"s1\">\n      <title>What next</title>"));
//! ```

use folio_core::meta;
mod read;
pub use read::{MAX_DEPTH, Read, ReadError, looks_like_jats, read};

use folio_core::model::{Article, Block, CaptionKind, Inline, ListItem, NoteKind};
use folio_core::normalize::clean;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// The XLink namespace, used by `ext-link` and `self-uri`.
pub const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Which JATS 1.3 tag set the output follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Flavor {
    /// Journal Archiving and Interchange (Green): the most permissive tag
    /// set, meant for archives. The default.
    #[default]
    #[serde(alias = "archive", alias = "green")]
    Archiving,
    /// Journal Publishing (Blue): stricter; requires a journal ID, an ISSN,
    /// and a publication date or `pub-date-not-available`. The output also
    /// validates against the Publishing 1.3 XSD.
    #[serde(alias = "publish", alias = "blue")]
    Publishing,
}

impl Flavor {
    /// The flavour's name as the CLI spells it (`archiving`, `publishing`).
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Archiving => "archiving",
            Flavor::Publishing => "publishing",
        }
    }

    /// The DTD's public identifier, as written in the DOCTYPE.
    pub fn public_id(self) -> &'static str {
        match self {
            Flavor::Archiving => {
                "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.3 20210610//EN"
            }
            Flavor::Publishing => {
                "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN"
            }
        }
    }

    /// The DTD's system identifier, as written in the DOCTYPE.
    pub fn system_id(self) -> &'static str {
        match self {
            Flavor::Archiving => {
                "https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3-mathml3.dtd"
            }
            Flavor::Publishing => {
                "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd"
            }
        }
    }
}

impl fmt::Display for Flavor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Flavor {
    type Err = Error;

    /// Parses `archiving` (or `archive`, `green`) and `publishing` (or
    /// `publish`, `blue`), ignoring case.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "archiving" | "archive" | "green" => Ok(Flavor::Archiving),
            "publishing" | "publish" | "blue" => Ok(Flavor::Publishing),
            _ => Err(Error::Option {
                key: "jats.flavor".into(),
                message: format!("unknown flavour '{s}' (expected archiving or publishing)"),
            }),
        }
    }
}

/// The journal (publication) the article appears in, as
/// [`JatsOptions::journal`] resolves it from the options: every field
/// trimmed, cleaned of characters XML cannot carry, `None` when empty; what
/// is missing is taken from the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalMeta {
    /// `journal-id` (type `publisher-id`).
    pub id: Option<String>,
    /// `journal-title`.
    pub title: Option<String>,
    /// The electronic ISSN.
    pub issn: Option<String>,
    /// `publisher-name`.
    pub publisher: Option<String>,
}

/// Options for [`write()`].
///
/// Deserializes from the `jats` table of `folio.toml` or `-O
/// jats.KEY=VALUE` (kebab-case keys; unknown keys and malformed ISSNs are
/// refused).
///
/// ```
/// use folio_jats::{Flavor, JatsOptions};
///
/// let opts = JatsOptions::default()
///     .with_flavor(Flavor::Publishing)
///     .with_issn("0317-8471");
/// assert_eq!(opts.journal().issn.as_deref(), Some("0317-8471"));
/// assert!(JatsOptions::default().with_issn("1234-5678").validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct JatsOptions {
    /// `flavor`: `archiving` (default) or `publishing`.
    pub flavor: Flavor,
    /// `article-type`: the `article-type` attribute (default `news`).
    pub article_type: String,
    /// `journal-id`: the `journal-id` (type `publisher-id`). Default:
    /// derived from the publisher, else from the source URL's host
    /// (`pyongyangtimes.com.kp`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_id: Option<String>,
    /// `journal-title`. Default: the article's publisher (or copyright
    /// holder), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_title: Option<String>,
    /// `issn`: the electronic ISSN (`1234-5679`); its check digit is
    /// verified. Without one, the Publishing flavour writes an empty
    /// `<issn/>`, which its DTD requires.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_issn"
    )]
    pub issn: Option<String>,
    /// `publisher`: the `publisher-name`. Default: the article's publisher
    /// (or copyright holder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
}

impl Default for JatsOptions {
    fn default() -> Self {
        JatsOptions {
            flavor: Flavor::Archiving,
            article_type: "news".into(),
            journal_id: None,
            journal_title: None,
            issn: None,
            publisher: None,
        }
    }
}

fn deserialize_issn<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    match &s {
        Some(v) if !v.trim().is_empty() && !issn_ok(v.trim()) => Err(serde::de::Error::custom(
            format!("'{v}' is not an ISSN (NNNN-NNNC with a valid check digit)"),
        )),
        _ => Ok(s),
    }
}

impl JatsOptions {
    /// Sets [`JatsOptions::flavor`].
    pub fn with_flavor(mut self, flavor: Flavor) -> Self {
        self.flavor = flavor;
        self
    }
    /// Sets [`JatsOptions::article_type`].
    pub fn with_article_type(mut self, t: impl Into<String>) -> Self {
        self.article_type = t.into();
        self
    }
    /// Sets [`JatsOptions::journal_id`].
    pub fn with_journal_id(mut self, id: impl Into<String>) -> Self {
        self.journal_id = Some(id.into());
        self
    }
    /// Sets [`JatsOptions::journal_title`].
    pub fn with_journal_title(mut self, title: impl Into<String>) -> Self {
        self.journal_title = Some(title.into());
        self
    }
    /// Sets [`JatsOptions::issn`].
    pub fn with_issn(mut self, issn: impl Into<String>) -> Self {
        self.issn = Some(issn.into());
        self
    }
    /// Sets [`JatsOptions::publisher`].
    pub fn with_publisher(mut self, publisher: impl Into<String>) -> Self {
        self.publisher = Some(publisher.into());
        self
    }

    /// The journal fields of the options, trimmed and cleaned; empty ones
    /// are `None`.
    pub fn journal(&self) -> JournalMeta {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(|v| clean(v.trim()).into_owned())
                .filter(|v| !v.is_empty())
        };
        JournalMeta {
            id: text(&self.journal_id),
            title: text(&self.journal_title),
            issn: text(&self.issn),
            publisher: text(&self.publisher),
        }
    }

    /// Checks the options: a non-empty article type, a well-formed ISSN
    /// (`NNNN-NNNC` with a correct check digit), and an ISSN for the
    /// Publishing flavour, whose DTD requires one (no empty or made-up
    /// `<issn>` is ever written).
    pub fn validate(&self) -> Result<(), Error> {
        if self.flavor == Flavor::Publishing && self.journal().issn.is_none() {
            return Err(Error::Option {
                key: "jats.issn".into(),
                message: "the Publishing flavour requires the journal's ISSN (its DTD has no \
                          journal-meta without one); give it, or use the Archiving flavour"
                    .into(),
            });
        }
        if self.article_type.trim().is_empty() {
            return Err(Error::Option {
                key: "jats.article-type".into(),
                message: "must not be empty".into(),
            });
        }
        if let Some(issn) = &self.journal().issn {
            if !issn_ok(issn) {
                return Err(Error::Option {
                    key: "jats.issn".into(),
                    message: format!(
                        "'{issn}' is not an ISSN (NNNN-NNNC with a valid check digit)"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// The `journal-id`: the option, else derived from the publisher (the
/// option's or the article's), else from the source URL's host.
fn journal_id_of(a: &Article, opts: &JatsOptions) -> Option<String> {
    let j = opts.journal();
    j.id.or_else(|| {
        j.publisher
            .or_else(|| meta::publisher(a))
            .filter(|p| !blank(p))
            .and_then(|p| journal_id(&p))
    })
    .or_else(|| given(&a.source_url).and_then(url_host).and_then(journal_id))
}

/// Whether a link's visible text is its address (`https://x.org/a`,
/// `x.org/a`, `mailto:` dropped), so that it needs a title.
fn bare_address(text: &str, url: &str) -> bool {
    let strip = |s: &str| {
        let s = s.trim();
        let s = s.strip_prefix("mailto:").unwrap_or(s);
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        s.strip_prefix("www.")
            .unwrap_or(s)
            .trim_end_matches('/')
            .to_ascii_lowercase()
    };
    strip(text) == strip(url)
}

/// The title for a bare-address link: the host (`kcna.kp`), or the address
/// of an e-mail link.
fn link_title(url: &str) -> Option<String> {
    if let Some(addr) = url.strip_prefix("mailto:") {
        return Some(clean(addr).into_owned()).filter(|a| !a.is_empty());
    }
    url_host(url).map(|h| clean(h).into_owned())
}

/// Whether `s` is an ISSN with a valid check digit (`0317-8471`).
fn issn_ok(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || b[4] != b'-' {
        return false;
    }
    let digits: Vec<u8> = b[..4].iter().chain(&b[5..]).copied().collect();
    if !digits[..7].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits[..7]
        .iter()
        .zip((2..=8).rev())
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = (11 - sum % 11) % 11;
    match digits[7] {
        b'X' | b'x' => check == 10,
        d if d.is_ascii_digit() => u32::from(d - b'0') == check,
        _ => false,
    }
}

/// Errors of the JATS writer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing to the output failed.
    #[error("cannot write JATS: {0}")]
    Io(#[from] io::Error),
    /// An option has a value the writer cannot use.
    #[error("invalid option {key}: {message}")]
    Option {
        /// The option's key (`jats.issn`).
        key: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Writes one article as a JATS 1.3 XML document.
///
/// The options are checked first ([`JatsOptions::validate`]); nothing is
/// written when they are invalid.
pub fn write(article: &Article, opts: &JatsOptions, out: &mut impl Write) -> Result<(), Error> {
    opts.validate()?;
    if opts.flavor == Flavor::Publishing && journal_id_of(article, opts).is_none() {
        return Err(Error::Option {
            key: "jats.journal-id".into(),
            message: "the Publishing flavour requires a journal id, and the article names no \
                      publisher or source address to derive one from; give it"
                .into(),
        });
    }
    let mut buf = Vec::with_capacity(8 * 1024);
    {
        let mut x = Xml::new(&mut buf);
        x.document(article, opts)?;
    }
    out.write_all(&buf)?;
    Ok(())
}

/// A name "splits cleanly" into given names and a surname when it is two
/// capitalized words, or three with an initial in the middle (`John F.
/// Smith`). Anything else (one word, particles, all capitals, Korean and
/// Chinese surname-first names, non-alphabetic scripts) is a `string-name`.
fn split_name(name: &str) -> Option<(String, &str)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let word_ok = |w: &str| {
        let mut cs = w.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        first_upper
            && letters >= 2
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && !w.ends_with(['-', '\'', '’'])
    };
    let initial_ok = |w: &str| {
        let cs: Vec<char> = w.chars().collect();
        cs.len() == 2 && cs[0].is_uppercase() && cs[1] == '.'
    };
    let latin = |w: &str| w.chars().all(|c| !c.is_alphabetic() || c < '\u{0250}');
    match words.as_slice() {
        [g, s] if word_ok(g) && word_ok(s) && latin(g) && latin(s) => Some((g.to_string(), s)),
        [g, i, s] if word_ok(g) && initial_ok(i) && word_ok(s) && latin(g) && latin(s) => {
            Some((format!("{g} {i}"), s))
        }
        _ => None,
    }
}

/// A `journal-id` from a publisher name or host: lowercase, `www.` dropped,
/// runs of characters other than letters, digits, `.` and `-` made one `-`.
fn journal_id(from: &str) -> Option<String> {
    let lower = from.trim().to_lowercase();
    let s = lower.strip_prefix("www.").unwrap_or(&lower);
    let mut id = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || c == '.' {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_matches(['-', '.']).to_string();
    (!id.is_empty()).then_some(id)
}

/// The host of an `http(s)` URL.
fn url_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (host.contains('.') && !host.contains(char::is_whitespace)).then_some(host)
}

/// Whether a text has nothing to show once cleaned (empty, white space,
/// control characters).
fn blank(s: &str) -> bool {
    clean(s).trim().is_empty()
}

/// An optional header field with something to show. Blank fields are left
/// out: they hold no text to lose.
fn given(field: &Option<String>) -> Option<&str> {
    field.as_deref().filter(|s| !blank(s))
}

/// The `content-type` of a note paragraph.
fn note_type(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Editor => "note-editor",
        NoteKind::Credit => "note-credit",
        NoteKind::Related => "note-related",
        NoteKind::Bio => "note-bio",
        NoteKind::Correction => "note-correction",
        NoteKind::Disclaimer => "note-disclaimer",
        NoteKind::Contact => "note-contact",
        NoteKind::Sourcing => "note-sourcing",
        NoteKind::Date => "note-date",
        NoteKind::Update => "note-update",
        NoteKind::Other => "note",
    }
}

/// Percent-encodes what may not stand in an `xs:anyURI` as libxml2 checks
/// it (spaces, quotes, angle brackets, braces, and so on). Existing `%`
/// escapes are kept.
fn uri(url: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        c.is_ascii_control()
            || matches!(
                c,
                ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
            )
    };
    let url = url.trim();
    if !url.contains(bad) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if bad(c) {
            let mut b = [0u8; 4];
            for byte in c.encode_utf8(&mut b).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The XML writer: quick-xml plus indentation of element-only content.
///
/// Mixed content (paragraphs, titles) is written on one line so no
/// white space is added to the text.
struct Xml<W: Write> {
    w: quick_xml::Writer<W>,
    depth: usize,
    /// Skip the next line break (inside a mixed-content wrapper).
    tight: bool,
    /// Counter for section ids.
    sections: Vec<usize>,
}

impl<W: Write> Xml<W> {
    fn new(out: W) -> Self {
        Xml {
            w: quick_xml::Writer::new(out),
            depth: 0,
            tight: false,
            sections: Vec::new(),
        }
    }

    fn event(&mut self, e: Event<'_>) -> io::Result<()> {
        self.w.write_event(e)
    }

    fn nl(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.tight) {
            return Ok(());
        }
        let mut s = String::with_capacity(1 + 2 * self.depth);
        s.push('\n');
        for _ in 0..self.depth {
            s.push_str("  ");
        }
        self.event(Event::Text(BytesText::from_escaped(s)))
    }

    /// Opens an element whose content is elements only, on its own line.
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.nl()?;
        self.event(Event::Start(start(name, attrs)))?;
        self.depth += 1;
        Ok(())
    }

    /// Closes an element opened with [`Xml::open`], on its own line.
    fn close(&mut self, name: &str) -> io::Result<()> {
        self.depth -= 1;
        self.nl()?;
        self.event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs>text</name>` on its own line.
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.nl()?;
        self.event(Event::Start(start(name, attrs)))?;
        self.text(text)?;
        self.event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs>inlines</name>` on its own line.
    fn mixed(&mut self, name: &str, attrs: &[(&str, &str)], content: &[Inline]) -> io::Result<()> {
        self.nl()?;
        self.event(Event::Start(start(name, attrs)))?;
        self.inlines(content)?;
        self.event(Event::End(BytesEnd::new(name)))
    }

    fn text(&mut self, s: &str) -> io::Result<()> {
        let s = clean(s);
        if s.is_empty() {
            return Ok(());
        }
        // `<`, `>` and `&` only: quotes need no escaping in text.
        self.event(Event::Text(BytesText::from_escaped(partial_escape(s))))
    }

    fn inlines(&mut self, content: &[Inline]) -> io::Result<()> {
        for inline in content {
            match inline {
                Inline::Text { text } => self.text(text)?,
                Inline::Link { text, url } => {
                    let href = clean(url);
                    let href = uri(&href);
                    let mut attrs = vec![("ext-link-type", "uri"), ("xlink:href", &*href)];
                    // JATS4R asks for a title where the visible text is the
                    // bare address: the host it leads to.
                    let title = bare_address(text, url).then(|| link_title(url)).flatten();
                    if let Some(t) = &title {
                        attrs.push(("xlink:title", t));
                    }
                    self.event(Event::Start(start("ext-link", &attrs)))?;
                    self.text(text)?;
                    self.event(Event::End(BytesEnd::new("ext-link")))?;
                }
                Inline::Emphasis { content } | Inline::Strong { content } => {
                    let name = if matches!(inline, Inline::Strong { .. }) {
                        "bold"
                    } else {
                        "italic"
                    };
                    self.event(Event::Start(start(name, &[])))?;
                    self.inlines(content)?;
                    self.event(Event::End(BytesEnd::new(name)))?;
                }
            }
        }
        Ok(())
    }

    fn document(&mut self, a: &Article, opts: &JatsOptions) -> io::Result<()> {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        self.nl()?;
        let f = opts.flavor;
        self.event(Event::DocType(BytesText::from_escaped(format!(
            "article PUBLIC \"{}\" \"{}\"",
            f.public_id(),
            f.system_id()
        ))))?;
        // xml:lang must be a language tag (the XSD checks its shape): a
        // `Language` is one, `und` when unknown.
        let lang = a.language.as_str();
        let article_type = clean(opts.article_type.trim());
        self.open(
            "article",
            &[
                ("xmlns:xlink", XLINK_NS),
                ("article-type", &article_type),
                ("dtd-version", "1.3"),
                ("xml:lang", lang),
            ],
        )?;
        self.front(a, opts)?;
        if !a.body.is_empty() {
            self.open("body", &[])?;
            self.sections(&a.body)?;
            self.close("body")?;
        }
        if !a.footer.is_empty() {
            self.open("back", &[])?;
            self.open("notes", &[("notes-type", "footer")])?;
            for b in &a.footer {
                self.block(b)?;
            }
            self.close("notes")?;
            self.close("back")?;
        }
        self.close("article")?;
        self.event(Event::Text(BytesText::from_escaped("\n")))
    }

    fn front(&mut self, a: &Article, opts: &JatsOptions) -> io::Result<()> {
        self.open("front", &[])?;
        self.journal_meta(a, opts)?;
        self.article_meta(a)?;
        self.close("front")
    }

    fn journal_meta(&mut self, a: &Article, opts: &JatsOptions) -> io::Result<()> {
        let j = &opts.journal();
        let publisher = j
            .publisher
            .clone()
            .or_else(|| meta::publisher(a))
            .filter(|p| !blank(p));
        let id = journal_id_of(a, opts);
        let title = j
            .title
            .clone()
            .or_else(|| meta::publisher(a))
            .filter(|t| !blank(t));
        // Archiving makes journal-meta optional: leave out an empty one.
        let empty = id.is_none() && title.is_none() && j.issn.is_none() && publisher.is_none();
        if empty && opts.flavor == Flavor::Archiving {
            return Ok(());
        }
        self.open("journal-meta", &[])?;
        // The Publishing DTD requires a journal-id; `write` refuses the
        // options before this point when there is none.
        if let Some(id) = &id {
            self.leaf("journal-id", &[("journal-id-type", "publisher-id")], id)?;
        }
        if let Some(t) = &title {
            self.open("journal-title-group", &[])?;
            self.leaf("journal-title", &[], t)?;
            self.close("journal-title-group")?;
        }
        // `JatsOptions::validate` requires an ISSN for Publishing.
        if let Some(issn) = &j.issn {
            self.leaf("issn", &[("publication-format", "electronic")], issn)?;
        }
        if let Some(p) = &publisher {
            self.open("publisher", &[])?;
            self.leaf("publisher-name", &[], p)?;
            self.close("publisher")?;
        }
        self.close("journal-meta")
    }

    /// `permissions`, which JATS4R asks of every article. Only what the
    /// text states goes in: a statement, year and holder when the copyright
    /// line gives a year and a holder (JATS4R requires all three together);
    /// otherwise the element stays empty and the line itself is kept in the
    /// footer notes. No year is taken from the publication date.
    fn permissions(&mut self, a: &Article) -> io::Result<()> {
        let stated = a.copyright.as_ref().and_then(|c| {
            let holder = given(&c.holder)?;
            Some((meta::rights(a)?, c.year?, holder))
        });
        match stated {
            Some((statement, year, holder)) => {
                self.open("permissions", &[])?;
                self.leaf("copyright-statement", &[], &statement)?;
                self.leaf("copyright-year", &[], &format!("{year:04}"))?;
                self.leaf("copyright-holder", &[], holder)?;
                self.close("permissions")
            }
            None => {
                self.nl()?;
                self.event(Event::Empty(BytesStart::new("permissions")))
            }
        }
    }

    fn article_meta(&mut self, a: &Article) -> io::Result<()> {
        self.open("article-meta", &[])?;
        if let Some(k) = given(&a.kicker) {
            self.open("article-categories", &[])?;
            self.open("subj-group", &[("subj-group-type", "heading")])?;
            self.leaf("subject", &[], k)?;
            self.close("subj-group")?;
            self.close("article-categories")?;
        }
        self.open("title-group", &[])?;
        self.leaf("article-title", &[], &a.title)?;
        if let Some(s) = given(&a.subtitle) {
            self.leaf("subtitle", &[], s)?;
        }
        self.close("title-group")?;
        let authors: Vec<Cow<'_, str>> = a
            .authors
            .iter()
            .map(|n| clean(n.trim()))
            .filter(|n| !n.trim().is_empty())
            .collect();
        if !authors.is_empty() {
            self.open("contrib-group", &[])?;
            for name in &authors {
                self.open("contrib", &[("contrib-type", "author")])?;
                match split_name(name) {
                    Some((given, surname)) => {
                        self.nl()?;
                        self.event(Event::Start(start("name", &[("name-style", "western")])))?;
                        self.tight = true;
                        self.leaf("surname", &[], surname)?;
                        self.tight = true;
                        self.leaf("given-names", &[], &given)?;
                        self.event(Event::End(BytesEnd::new("name")))?;
                    }
                    None => self.leaf("string-name", &[], name)?,
                }
                self.close("contrib")?;
            }
            self.close("contrib-group")?;
        }
        match a.date {
            Some(d) => {
                let iso = d.format("%Y-%m-%d").to_string();
                self.open(
                    "pub-date",
                    &[
                        ("publication-format", "electronic"),
                        ("date-type", "pub"),
                        ("iso-8601-date", &iso),
                    ],
                )?;
                self.leaf("day", &[], &d.format("%d").to_string())?;
                self.leaf("month", &[], &d.format("%m").to_string())?;
                self.leaf("year", &[], &d.format("%Y").to_string())?;
                self.close("pub-date")?;
            }
            None => {
                self.nl()?;
                self.event(Event::Empty(BytesStart::new("pub-date-not-available")))?;
            }
        }
        self.permissions(a)?;
        if let Some(url) = given(&a.source_url) {
            let href = clean(url);
            let href = uri(&href);
            // JATS4R asks for a title on a link whose text is a bare
            // address: the article's own title is what this one points to.
            let title = clean(&a.title);
            self.leaf(
                "self-uri",
                &[
                    ("content-type", "html"),
                    ("xlink:href", &href),
                    ("xlink:title", &title),
                ],
                url,
            )?;
        }
        if let Some(s) = given(&a.standfirst) {
            // A standfirst (dek) is the editor's short summary under the
            // headline: JATS4R's `summary`.
            self.open("abstract", &[("abstract-type", "summary")])?;
            self.leaf("p", &[], s)?;
            self.close("abstract")?;
        }
        let mut custom: Vec<(&str, &str)> = Vec::new();
        if let Some(b) = given(&a.byline) {
            custom.push(("byline", b));
        }
        if let Some(t) = given(&a.date_text) {
            custom.push(("date-text", t));
        }
        if let Some(t) = given(&a.updated_text) {
            custom.push(("updated-text", t));
        }
        if let Some(d) = &a.dateline {
            if !blank(&d.text) {
                custom.push(("dateline", &d.text));
            }
            if let Some(p) = given(&d.place) {
                custom.push(("dateline-place", p));
            }
            if let Some(ag) = given(&d.agency) {
                custom.push(("dateline-agency", ag));
            }
        }
        if !custom.is_empty() {
            self.open("custom-meta-group", &[])?;
            for (name, value) in custom {
                self.open("custom-meta", &[])?;
                self.leaf("meta-name", &[], name)?;
                self.leaf("meta-value", &[], value)?;
                self.close("custom-meta")?;
            }
            self.close("custom-meta-group")?;
        }
        self.close("article-meta")
    }

    /// Body blocks with headings opening nested `sec`s: a heading closes
    /// every open section of its level or deeper, then opens its own.
    fn sections(&mut self, blocks: &[Block]) -> io::Result<()> {
        let mut open: Vec<u8> = Vec::new();
        for b in blocks {
            match b {
                Block::Heading { level, content } => {
                    while open.last().is_some_and(|l| l >= level) {
                        open.pop();
                        self.sections.truncate(open.len() + 1);
                        self.close("sec")?;
                    }
                    open.push(*level);
                    let depth = open.len();
                    self.sections.truncate(depth);
                    if self.sections.len() < depth {
                        self.sections.push(0);
                    }
                    self.sections[depth - 1] += 1;
                    let id: Vec<String> = self.sections.iter().map(usize::to_string).collect();
                    let id = format!("s{}", id.join("-"));
                    self.open("sec", &[("id", &id)])?;
                    self.mixed("title", &[], content)?;
                }
                _ => self.block(b)?,
            }
        }
        for _ in open {
            self.close("sec")?;
        }
        Ok(())
    }

    /// One block where paragraph-level content is allowed.
    fn block(&mut self, b: &Block) -> io::Result<()> {
        match b {
            Block::Paragraph { content } => self.mixed("p", &[], content),
            Block::Heading { level, content } => {
                let t = format!("heading-{level}");
                self.mixed("p", &[("content-type", &t)], content)
            }
            Block::Quote { blocks } => {
                self.open("disp-quote", &[])?;
                for b in blocks {
                    self.block(b)?;
                }
                self.close("disp-quote")
            }
            Block::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items),
            Block::Code { text } => self.leaf("preformat", &[("preformat-type", "code")], text),
            Block::Caption { kind, content } => {
                let t = match kind {
                    CaptionKind::Caption => "caption",
                    CaptionKind::Credit => "credit",
                };
                self.mixed("p", &[("content-type", t)], content)
            }
            Block::Note { kind, content } => {
                self.mixed("p", &[("content-type", note_type(*kind))], content)
            }
        }
    }

    fn list(&mut self, ordered: bool, start: Option<u64>, items: &[ListItem]) -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let kind = if ordered { "order" } else { "bullet" };
        self.open("list", &[("list-type", kind)])?;
        let first = start.unwrap_or(1);
        for (i, item) in items.iter().enumerate() {
            self.open("list-item", &[])?;
            if ordered && first != 1 {
                let n = first.saturating_add(i as u64);
                self.leaf("label", &[], &format!("{n}."))?;
            }
            if !item.content.is_empty() || item.children.is_empty() {
                self.mixed("p", &[], &item.content)?;
            }
            for child in &item.children {
                match child {
                    Block::List {
                        ordered,
                        start,
                        items,
                    } if !items.is_empty() => self.list(*ordered, *start, items)?,
                    Block::List { .. } => {}
                    Block::Paragraph { .. }
                    | Block::Heading { .. }
                    | Block::Caption { .. }
                    | Block::Note { .. } => self.block(child)?,
                    // A list item holds only `p` and `list` in the Publishing
                    // tag set: other display blocks go inside a `p`.
                    Block::Quote { .. } | Block::Code { .. } => {
                        self.nl()?;
                        self.event(Event::Start(BytesStart::new("p")))?;
                        self.tight = true;
                        self.block(child)?;
                        self.event(Event::End(BytesEnd::new("p")))?;
                    }
                }
            }
            self.close("list-item")?;
        }
        self.close("list")
    }
}

/// A start tag with attributes; values are cleaned of characters XML cannot
/// carry and escaped by quick-xml.
fn start<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    let mut s = BytesStart::new(name);
    for (k, v) in attrs {
        s.push_attribute((*k, clean(v)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_only_when_clean() {
        assert_eq!(
            split_name("Erin Cunningham"),
            Some(("Erin".into(), "Cunningham"))
        );
        assert_eq!(
            split_name("John F. Smith"),
            Some(("John F.".into(), "Smith"))
        );
        assert_eq!(
            split_name("Mary-Jane O'Neil"),
            Some(("Mary-Jane".into(), "O'Neil"))
        );
        assert_eq!(split_name("Kim Jong Un"), None);
        assert_eq!(split_name("Ludwig van Beethoven"), None);
        assert_eq!(split_name("ERIN CUNNINGHAM"), None);
        assert_eq!(split_name("Madonna"), None);
        assert_eq!(split_name("Иван Петров"), None);
        assert_eq!(split_name("王小明"), None);
        assert_eq!(split_name("AFP Staff"), None);
    }

    #[test]
    fn journal_ids_are_slugs() {
        assert_eq!(
            journal_id("www.pyongyangtimes.com.kp").as_deref(),
            Some("pyongyangtimes.com.kp")
        );
        assert_eq!(
            journal_id("The Washington Post").as_deref(),
            Some("the-washington-post")
        );
        assert_eq!(journal_id(" — ").as_deref(), None);
        assert_eq!(journal_id("新华社").as_deref(), Some("新华社"));
        assert_eq!(
            url_host("https://www.example.com/a/b?c"),
            Some("www.example.com")
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn issn_check_digits() {
        assert!(issn_ok("0317-8471"));
        assert!(issn_ok("2434-561X"));
        assert!(!issn_ok("0317-8472"));
        assert!(!issn_ok("03178471"));
        assert!(!issn_ok("abcd-efgh"));
    }

    #[test]
    fn flavours_parse() {
        assert_eq!("Publishing".parse::<Flavor>().unwrap(), Flavor::Publishing);
        assert_eq!("archiving".parse::<Flavor>().unwrap(), Flavor::Archiving);
        assert!("green-ish".parse::<Flavor>().is_err());
    }

    #[test]
    fn uris_are_escaped() {
        assert_eq!(uri("https://a.b/c d\"e"), "https://a.b/c%20d%22e");
        assert_eq!(uri("https://a.b/ok?x=1&y=2"), "https://a.b/ok?x=1&y=2");
    }
}
