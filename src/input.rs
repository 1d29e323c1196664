//! Reading inputs: raw text, Folio JSON, Markdown, JATS or a saved HTML
//! page, from a file or standard input, with the user's overrides applied.

use folio_core::parse::DateOrder;
use folio_core::parse::Utf8Policy;
use folio_core::parse::{ParseOptions, Parsed, Trace};
use folio_core::{Article, Diagnostic, Error as CoreError};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    pub fn from_arg(arg: &str) -> Self {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::File(arg.into())
        }
    }

    /// The name used in messages.
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".into(),
            Source::File(p) => p.display().to_string(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(p) => Some(p),
        }
    }
}

/// User overrides for what the parser found.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub title: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    pub authors: Vec<String>,
    pub lang: Option<String>,
}

/// Options for reading one input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub date_order: DateOrder,
    pub lossy: bool,
    /// JSON input: unknown keys are warnings, not errors.
    pub lenient: bool,
    pub overrides: Overrides,
    /// Read the input as Folio JSON regardless of its name.
    pub force_json: Option<bool>,
    /// Read the input in this format (`--from`), regardless of its name.
    pub from: Option<InputFormat>,
}

/// The input formats Folio reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Raw article text (the default).
    Text,
    /// Folio's JSON model.
    Json,
    /// CommonMark with YAML front matter.
    Markdown,
    /// A JATS XML article.
    Jats,
    /// A saved HTML article page.
    Html,
}

/// Readers for `folio formats`: name, extensions, description.
pub const READERS: &[(&str, &str, &str)] = &[
    (
        "text",
        "txt (default)",
        "raw article text, as pasted from a page",
    ),
    ("json", "json", "Folio's document model as JSON"),
    (
        "markdown",
        "md, markdown",
        "CommonMark with YAML front matter",
    ),
    (
        "jats",
        "xml",
        "JATS XML article (root <article>), any tag set",
    ),
    (
        "html",
        "html, htm, xhtml",
        "a saved web page: the article, not the page",
    ),
];

fn sniff_start(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let i = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[i..]
}

/// Decides how to read an input: by extension, else by content. An HTML- or
/// XML-looking input never becomes raw text: it is read as HTML or JATS, or
/// refused with a message naming the reader to use.
pub fn detect(src: &Source, bytes: &[u8]) -> Result<InputFormat, String> {
    let start = sniff_start(bytes);
    let head = String::from_utf8_lossy(&start[..start.len().min(4096)]).to_string();
    let xml_like = start.starts_with(b"<?xml") || start.starts_with(b"<!DOCTYPE article");
    let xml_kind = |head: &str| -> Result<InputFormat, String> {
        if folio_jats::looks_like_jats(&String::from_utf8_lossy(bytes)) {
            Ok(InputFormat::Jats)
        } else if folio_html::looks_like_html(head.as_bytes()) {
            Ok(InputFormat::Html)
        } else {
            Err("this is XML, but not a JATS article (its root element is not <article>); Folio reads JATS (.xml), HTML pages (.html), Markdown (.md), Folio JSON (.json) and raw text; use --from to choose".into())
        }
    };
    let ext = src
        .path()
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // A `.txt` name says "raw text": only a real HTML page or XML document
    // is read otherwise; markup characters in text stay text.
    let named_text = matches!(ext.as_deref(), Some("txt" | "text"));
    if let Some(ext) = &ext {
        match ext.as_str() {
            "json" => return Ok(InputFormat::Json),
            "md" | "markdown" | "mdown" | "mkd" => return Ok(InputFormat::Markdown),
            "html" | "htm" | "xhtml" | "shtml" => return Ok(InputFormat::Html),
            "xml" | "nxml" | "jats" => return xml_kind(&head),
            _ => {}
        }
    } else if start.first() == Some(&b'{') {
        return Ok(InputFormat::Json);
    }
    if folio_html::looks_like_html(bytes) {
        return Ok(InputFormat::Html);
    }
    if xml_like || start.starts_with(b"<article") {
        return xml_kind(&head);
    }
    // A tag-heavy file that is neither: refuse rather than make a title of it.
    if !named_text && start.first() == Some(&b'<') && head.matches('<').count() > 10 {
        let lower = head.to_ascii_lowercase();
        if ["<div", "<p>", "<p ", "<span", "<body", "<meta", "<a href"]
            .iter()
            .any(|t| lower.contains(t))
        {
            return Ok(InputFormat::Html);
        }
        return Err("this looks like markup, not article text; Folio reads HTML pages (--from html), JATS (--from jats), Markdown and raw text".into());
    }
    if src.path().is_none() {
        // Standard input: a first line that is an ATX heading is Markdown.
        let first = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let hashes = first.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && first[hashes..].starts_with(' ') {
            return Ok(InputFormat::Markdown);
        }
    }
    Ok(InputFormat::Text)
}

/// A read input.
pub struct Loaded {
    pub article: Article,
    pub diagnostics: Vec<Diagnostic>,
    pub trace: Option<Trace>,
}

/// An input that could not be read, with the line it concerns when known.
#[derive(Debug)]
pub struct InputError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: error: {}", self.source, l, self.message),
            None => write!(f, "{}: error: {}", self.source, self.message),
        }
    }
}

/// Largest input accepted (1 GiB); beyond that the text is surely not an
/// article and would exhaust memory in the writers.
const MAX_INPUT: u64 = 1 << 30;

pub fn read_bytes(src: &Source) -> Result<Vec<u8>, InputError> {
    let err = |message: String| InputError {
        source: src.display(),
        line: None,
        message,
    };
    match src {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(MAX_INPUT + 1)
                .read_to_end(&mut buf)
                .map_err(|e| err(format!("cannot read standard input: {e}")))?;
            if buf.len() as u64 > MAX_INPUT {
                return Err(err("input is larger than 1 GiB".into()));
            }
            Ok(buf)
        }
        Source::File(p) => {
            let meta = std::fs::metadata(p).map_err(|e| err(io_message(&e, "cannot read")))?;
            if meta.is_dir() {
                return Err(err("is a directory, not a file".into()));
            }
            if meta.len() > MAX_INPUT {
                return Err(err(format!(
                    "input is {} bytes; the limit is 1 GiB",
                    meta.len()
                )));
            }
            std::fs::read(p).map_err(|e| err(io_message(&e, "cannot read")))
        }
    }
}

pub fn io_message(e: &std::io::Error, what: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("{what}: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("{what}: permission denied"),
        _ => format!("{what}: {e}"),
    }
}

/// Reads and parses one input.
pub fn load(src: &Source, opts: &ReadOptions) -> Result<Loaded, InputError> {
    let bytes = read_bytes(src)?;
    load_bytes(src, &bytes, opts)
}

pub fn load_bytes(src: &Source, bytes: &[u8], opts: &ReadOptions) -> Result<Loaded, InputError> {
    let name = src.display();
    let core_err = |e: CoreError| {
        let line = match &e {
            CoreError::InvalidUtf8 { line, .. } => Some(*line),
            CoreError::Json { line, .. } => Some(*line),
            _ => None,
        };
        let message = match e {
            CoreError::InvalidUtf8 { offset, .. } => format!(
                "invalid UTF-8 at byte {offset} (convert the file to UTF-8, or {})",
                crate::hints::flag(&folio_core::Hint::LossyUtf8)
            ),
            CoreError::Json {
                column, message, ..
            } => {
                format!("column {column}: not a Folio JSON article: {message}")
            }
            other => other.to_string(),
        };
        InputError {
            source: name.clone(),
            line,
            message,
        }
    };
    let policy = if opts.lossy {
        Utf8Policy::Lossy
    } else {
        Utf8Policy::Strict
    };
    let format = match (opts.from, opts.force_json) {
        (Some(f), _) => f,
        (None, Some(true)) => InputFormat::Json,
        _ => detect(src, bytes).map_err(|message| InputError {
            source: name.clone(),
            line: None,
            message,
        })?,
    };
    let reader_err = |line: Option<usize>, message: String| InputError {
        source: name.clone(),
        line,
        message,
    };
    let (mut article, mut diagnostics, trace) = match format {
        InputFormat::Json => {
            let text = folio_core::normalize::decode(bytes, policy).map_err(core_err)?;
            let strictness = if opts.lenient {
                folio_core::json::Strictness::Lenient
            } else {
                folio_core::json::Strictness::Strict
            };
            let (a, warnings) = folio_core::json::read_with(&text, strictness).map_err(core_err)?;
            (a, warnings, None)
        }
        InputFormat::Markdown => {
            let text = folio_core::normalize::decode(bytes, policy).map_err(core_err)?;
            let r = folio_markdown::read(&text).map_err(|e| match e {
                folio_markdown::ReadError::FrontMatter { line, message } => {
                    reader_err(Some(line), message)
                }
                e => reader_err(None, e.to_string()),
            })?;
            (r.article, r.diagnostics, None)
        }
        InputFormat::Jats => {
            let text = folio_core::normalize::decode(bytes, policy).map_err(core_err)?;
            let r = folio_jats::read(&text).map_err(|e| match e {
                folio_jats::ReadError::Xml { line, message } => {
                    reader_err(Some(line), format!("not well-formed XML: {message}"))
                }
                e => reader_err(None, e.to_string()),
            })?;
            (r.article, r.diagnostics, None)
        }
        InputFormat::Html => {
            let r =
                folio_html::read(bytes, &folio_html::Options::default()).map_err(|e| match e {
                    folio_html::Error::TooDeep { line, .. } => reader_err(Some(line), {
                        let m = e.to_string();
                        m.split_once(": ").map(|(_, r)| r.to_owned()).unwrap_or(m)
                    }),
                    e => reader_err(None, e.to_string()),
                })?;
            (r.article, r.diagnostics, None)
        }
        InputFormat::Text => {
            let popts = ParseOptions {
                date_order: opts.date_order,
                language: opts.overrides.lang.clone(),
                utf8: policy,
            };
            let Parsed {
                article,
                diagnostics,
                trace,
            } = folio_core::parse::parse_bytes(bytes, &popts).map_err(core_err)?;
            (article, diagnostics, Some(trace))
        }
    };
    if opts.lossy && std::str::from_utf8(bytes).is_err() {
        diagnostics.push(Diagnostic::warning(
            None,
            "invalid UTF-8 bytes were replaced with U+FFFD (--lossy)",
        ));
    }
    apply(&mut article, &opts.overrides);
    Ok(Loaded {
        article,
        diagnostics,
        trace,
    })
}

fn apply(a: &mut Article, o: &Overrides) {
    if let Some(t) = &o.title {
        a.title = folio_core::normalize::clean(t).into_owned();
    }
    if let Some(d) = o.date {
        a.date = Some(d);
    }
    if !o.authors.is_empty() {
        a.authors = o
            .authors
            .iter()
            .map(|s| folio_core::normalize::clean(s).into_owned())
            .collect();
    }
    if let Some(l) = &o.lang {
        a.language = folio_core::Language::new(l);
    }
}
