//! Reading inputs: raw text or Folio JSON, from a file or standard input,
//! with the user's overrides applied.

use folio_core::normalize::Utf8Policy;
use folio_core::parse::date::DateOrder;
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

fn looks_like_json(src: &Source, bytes: &[u8]) -> bool {
    if let Some(ext) = src.path().and_then(|p| p.extension()) {
        return ext.eq_ignore_ascii_case("json");
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
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
                "invalid UTF-8 at byte {offset} (convert the file to UTF-8, or pass --lossy to replace bad bytes)"
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
    let json = opts
        .force_json
        .unwrap_or_else(|| looks_like_json(src, bytes));
    let (mut article, mut diagnostics, trace) = if json {
        let text = folio_core::normalize::decode(bytes, policy).map_err(core_err)?;
        let strictness = if opts.lenient {
            folio_core::json::Strictness::Lenient
        } else {
            folio_core::json::Strictness::Strict
        };
        let (article, warnings) =
            folio_core::json::read_with(&text, strictness).map_err(core_err)?;
        (article, warnings, None)
    } else {
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
        a.language = l.clone();
    }
}
