//! Python bindings for Folio: the native module `folio._folio`.
//!
//! The Python package `folio` (in `python/folio`) wraps these functions with
//! keyword-only signatures, docstrings and type stubs. The native layer
//! takes the input bytes, the reading options and the writer options, and
//! runs the same pipeline as the `folio` command line:
//!
//! 1. read: raw text is decoded and normalized by
//!    [`folio_core::parse::parse_bytes`], Folio JSON by
//!    [`folio_core::json::read_with`] (strict: unknown keys are refused;
//!    `lenient=True` makes them warnings, as `--lenient`); the user's
//!    overrides (title, date, authors, language) are applied afterwards;
//! 2. write: [`folio_driver`], the facade the CLI calls too, writes the
//!    article (or a collection, for `book`) in the format chosen by name,
//!    alias or extension, with [`folio_driver::Options`] built from the
//!    writer keywords (`page_size="a5"` is `pdf.page-size`).
//!
//! The GIL is released for both steps, so Python threads convert in
//! parallel. Errors become `folio.InputError` (with `source` and `line`),
//! `folio.OptionError` and `folio.OutputError` by the driver's
//! [`folio_driver::ErrorKind`]; unknown writer keywords become `TypeError`.

use folio_core::parse::DateOrder;
use folio_core::parse::Utf8Policy;
use folio_core::parse::{ParseOptions, Parsed};
use folio_core::{Article, Collection, Diagnostic};
use folio_driver::{ErrorKind, Options, Writer};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use std::path::PathBuf;

create_exception!(
    _folio,
    FolioError,
    PyException,
    "Base class of Folio's errors."
);
create_exception!(
    _folio,
    InputError,
    FolioError,
    "An input could not be read or parsed. `source` names the input and `line` is the 1-based line (or None)."
);
create_exception!(
    _folio,
    OptionError,
    FolioError,
    "An option has a value Folio cannot use (an unknown format, a bad page size, a missing cover file...)."
);
create_exception!(
    _folio,
    OutputError,
    FolioError,
    "A writer could not write the document (for example a character that no font covers)."
);

/// Largest input accepted, as in the CLI (1 GiB).
const MAX_INPUT: usize = 1 << 30;

/// An input that could not be read: `source:line: error: message`.
struct ReadError {
    source: String,
    line: Option<usize>,
    message: String,
}

impl ReadError {
    fn into_py(self, py: Python<'_>) -> PyErr {
        let text = match self.line {
            Some(l) => format!("{}:{}: error: {}", self.source, l, self.message),
            None => format!("{}: error: {}", self.source, self.message),
        };
        let err = InputError::new_err(text);
        let value = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail in
        // practice; if it did, the message still says everything.
        let _ = value.setattr("source", self.source);
        let _ = value.setattr("line", self.line);
        let _ = value.setattr("message", self.message);
        err
    }
}

/// A writer option the Python caller gave that Folio cannot use.
enum OptError {
    /// A keyword the chosen writer does not have: `TypeError`.
    Unknown(String),
    /// A bad value: `folio.OptionError`.
    Bad(String),
}

impl From<OptError> for PyErr {
    fn from(e: OptError) -> PyErr {
        match e {
            OptError::Unknown(m) => PyTypeError::new_err(m),
            OptError::Bad(m) => OptionError::new_err(m),
        }
    }
}

/// How to read one input (the CLI's `ReadOptions`).
#[derive(Clone, Default)]
struct ReadOpts {
    date_order: DateOrder,
    lossy: bool,
    /// JSON input: unknown keys are warnings, not errors (`--lenient`).
    lenient: bool,
    title: Option<String>,
    date: Option<chrono::NaiveDate>,
    authors: Vec<String>,
    lang: Option<String>,
}

/// Reads one input exactly as the CLI does (`src/input.rs`): JSON or raw
/// text, then the overrides.
fn load(
    name: &str,
    bytes: &[u8],
    json: bool,
    opts: &ReadOpts,
) -> Result<(Article, Vec<Diagnostic>), ReadError> {
    let core_err = |e: folio_core::Error| {
        let line = match &e {
            folio_core::Error::InvalidUtf8 { line, .. } => Some(*line),
            folio_core::Error::Json { line, .. } => Some(*line),
            _ => None,
        };
        let message = match e {
            folio_core::Error::InvalidUtf8 { offset, .. } => format!(
                "invalid UTF-8 at byte {offset} (convert the text to UTF-8, or {})",
                py_hint(&folio_core::Hint::LossyUtf8)
            ),
            folio_core::Error::Json {
                column, message, ..
            } => format!("column {column}: not a Folio JSON article: {message}"),
            other => other.to_string(),
        };
        ReadError {
            source: name.to_owned(),
            line,
            message,
        }
    };
    if bytes.len() > MAX_INPUT {
        return Err(ReadError {
            source: name.to_owned(),
            line: None,
            message: format!("input is {} bytes; the limit is 1 GiB", bytes.len()),
        });
    }
    let policy = if opts.lossy {
        Utf8Policy::Lossy
    } else {
        Utf8Policy::Strict
    };
    let (mut article, mut diagnostics) = if json {
        let text = folio_core::normalize::decode(bytes, policy).map_err(core_err)?;
        let strictness = if opts.lenient {
            folio_core::json::Strictness::Lenient
        } else {
            folio_core::json::Strictness::Strict
        };
        folio_core::json::read_with(&text, strictness).map_err(core_err)?
    } else {
        let popts = ParseOptions {
            date_order: opts.date_order,
            language: opts.lang.clone(),
            utf8: policy,
        };
        let Parsed {
            article,
            diagnostics,
            ..
        } = folio_core::parse::parse_bytes(bytes, &popts).map_err(core_err)?;
        (article, diagnostics)
    };
    if opts.lossy && std::str::from_utf8(bytes).is_err() {
        diagnostics.push(Diagnostic::warning(
            None,
            "invalid UTF-8 bytes were replaced with U+FFFD (lossy=True)",
        ));
    }
    if let Some(t) = &opts.title {
        article.title = folio_core::normalize::clean(t).into_owned();
    }
    if let Some(d) = opts.date {
        article.date = Some(d);
    }
    if !opts.authors.is_empty() {
        article.authors = opts
            .authors
            .iter()
            .map(|s| folio_core::normalize::clean(s).into_owned())
            .collect();
    }
    if let Some(l) = &opts.lang {
        article.language = folio_core::Language::new(l);
    }
    Ok((article, diagnostics))
}

/// Like the CLI for an input without a `.json` name: JSON when the first
/// non-blank byte (after a BOM) is `{`.
fn looks_like_json(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// The input's bytes: `bytes` as given, `str` as UTF-8.
fn input_bytes(name: &str, data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = data.cast::<PyString>() {
        return match s.extract::<String>() {
            Ok(s) => Ok(s.into_bytes()),
            Err(e) => Err(ReadError {
                source: name.to_owned(),
                line: None,
                message: format!("the text cannot be encoded as UTF-8: {e}"),
            }
            .into_py(data.py())),
        };
    }
    Err(PyTypeError::new_err(format!(
        "expected str or bytes, not {}",
        data.get_type().name()?
    )))
}

fn read_opts(
    date_order: Option<&str>,
    lossy: bool,
    lenient: bool,
    title: Option<String>,
    date: Option<&str>,
    authors: Vec<String>,
    lang: Option<&str>,
) -> Result<ReadOpts, OptError> {
    let date_order = match date_order.map(|s| s.replace('_', "-")).as_deref() {
        None | Some("auto") => DateOrder::Auto,
        Some("day-first") => DateOrder::DayFirst,
        Some("month-first") => DateOrder::MonthFirst,
        Some(other) => {
            return Err(OptError::Bad(format!(
                "date_order={other:?}: expected 'auto', 'day-first' or 'month-first'"
            )));
        }
    };
    let date = date
        .map(|s| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                OptError::Bad(format!("date={s:?} is not a date in the form YYYY-MM-DD"))
            })
        })
        .transpose()?;
    let lang = lang
        .map(|s| {
            folio_core::lang::normalize_tag(s).ok_or_else(|| {
                OptError::Bad(format!(
                    "lang={s:?} is not a BCP 47 language tag (examples: en, de, pt-BR, zh-Hant)"
                ))
            })
        })
        .transpose()?;
    Ok(ReadOpts {
        date_order,
        lossy,
        lenient,
        title,
        date,
        authors,
        lang,
    })
}

/// A driver error as the Python exception of its kind: a bad option value
/// (or unknown format) is `folio.OptionError`, a key the writer does not
/// have `TypeError`, unreadable input `folio.InputError`, and a document
/// the writer cannot produce (or write) `folio.OutputError`.
fn driver_error(name: &str, e: folio_driver::Error) -> PyErr {
    match e.kind() {
        ErrorKind::InvalidOption => {
            if matches!(&e, folio_driver::Error::InvalidOption { message, .. } if message.starts_with("unknown field"))
            {
                PyTypeError::new_err(e.to_string())
            } else {
                OptionError::new_err(e.to_string())
            }
        }
        ErrorKind::Input => InputError::new_err(format!("{name}: error: {e}")),
        _ => OutputError::new_err(format!("{name}: error: {e}")),
    }
}

fn find_writer(key: &str) -> PyResult<&'static dyn Writer> {
    folio_driver::find(key).map_err(|e| driver_error(key, e))
}

/// A keyword value as a string.
fn text_value(key: &str, v: &Bound<'_, PyAny>) -> Result<String, OptError> {
    if v.is_instance_of::<PyString>() {
        return v
            .extract::<String>()
            .map_err(|e| OptError::Bad(format!("{key}: {e}")));
    }
    Err(OptError::Bad(format!(
        "{key} must be a str, not {}",
        v.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    )))
}

fn bool_value(key: &str, v: &Bound<'_, PyAny>) -> Result<bool, OptError> {
    if v.is_instance_of::<PyBool>() {
        return Ok(v.is_truthy().unwrap_or(false));
    }
    Err(OptError::Bad(format!("{key} must be True or False")))
}

/// A file named by a keyword; it must exist (as the CLI's `--cover` and
/// `--font`).
fn path_value(key: &str, v: &Bound<'_, PyAny>) -> Result<PathBuf, OptError> {
    let p: PathBuf = v
        .extract()
        .map_err(|_| OptError::Bad(format!("{key} must be a path (str or os.PathLike)")))?;
    if !p.is_file() {
        return Err(OptError::Bad(format!(
            "{key}: {}: no such file",
            p.display()
        )));
    }
    Ok(p)
}

/// The writer keywords each format accepts: the keys of its options struct
/// with `_` for `-`.
fn writer_keywords(writer: &dyn Writer) -> &'static [&'static str] {
    match writer.name() {
        "markdown" => &["front_matter"],
        "jats" => &[
            "flavor",
            "article_type",
            "journal_id",
            "journal_title",
            "issn",
            "publisher",
        ],
        "epub" => &["cover"],
        "pdf" => &[
            "page_size",
            "font_size",
            "fonts",
            "system_fonts",
            "strict_fonts",
        ],
        _ => &[],
    }
}

/// A keyword's error: a `TypeError`/`OptionError` of our own, or the
/// driver's.
enum KwError {
    Own(OptError),
    Driver(folio_driver::Error),
}

impl From<OptError> for KwError {
    fn from(e: OptError) -> Self {
        KwError::Own(e)
    }
}

impl From<folio_driver::Error> for KwError {
    fn from(e: folio_driver::Error) -> Self {
        KwError::Driver(e)
    }
}

impl KwError {
    fn into_py(self, name: &str) -> PyErr {
        match self {
            KwError::Own(e) => e.into(),
            KwError::Driver(e) => driver_error(name, e),
        }
    }
}

/// Maps the Python keyword arguments onto [`Options`], as the CLI maps its
/// flags (`--jats-flavor`, `--page-size`, `-O FORMAT.KEY=VALUE`): each
/// keyword becomes `FORMAT.KEY` and is checked by the writer's options
/// struct when it is set.
fn settings(
    writer: &dyn Writer,
    timestamp: Option<i64>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Options> {
    build_settings(writer, timestamp, options).map_err(|e| e.into_py(writer.name()))
}

fn build_settings(
    writer: &dyn Writer,
    timestamp: Option<i64>,
    options: Option<&Bound<'_, PyDict>>,
) -> Result<Options, KwError> {
    let mut opts = Options::new().with_timestamp(timestamp);
    let Some(options) = options else {
        return Ok(opts);
    };
    let fmt = writer.name();
    let allowed = writer_keywords(writer);
    for (k, v) in options.iter() {
        let key: String = k
            .extract()
            .map_err(|_| OptError::Unknown("keywords must be strings".into()))?;
        if !allowed.contains(&key.as_str()) {
            let hint = if allowed.is_empty() {
                format!("the {fmt} writer takes no options")
            } else {
                format!("the {fmt} writer takes: {}", allowed.join(", "))
            };
            return Err(OptError::Unknown(format!(
                "unexpected keyword argument '{key}' for to={fmt:?} ({hint})"
            ))
            .into());
        }
        if v.is_none() {
            continue;
        }
        let full = format!("{fmt}.{}", key.replace('_', "-"));
        match key.as_str() {
            "front_matter" | "system_fonts" | "strict_fonts" => {
                opts.set(&full, bool_value(&key, &v)?)?;
            }
            "cover" => {
                opts.set(&full, path_value(&key, &v)?)?;
            }
            "font_size" => {
                if !(v.is_instance_of::<PyFloat>() || v.is_instance_of::<PyInt>())
                    || v.is_instance_of::<PyBool>()
                {
                    return Err(OptError::Bad("font_size must be a number of points".into()).into());
                }
                let f: f32 = v
                    .extract()
                    .map_err(|_| OptError::Bad("font_size must be a number of points".into()))?;
                // As `--font-size`: an f32, checked (4 to 72) by the writer.
                opts.set(&full, f)?;
            }
            "fonts" => {
                if v.is_instance_of::<PyString>() {
                    return Err(OptError::Bad(
                        "fonts must be a list of paths, not one string".into(),
                    )
                    .into());
                }
                let items: Vec<Bound<'_, PyAny>> = v
                    .try_iter()
                    .map_err(|_| OptError::Bad("fonts must be a list of paths".into()))?
                    .collect::<PyResult<_>>()
                    .map_err(|_| OptError::Bad("fonts must be a list of paths".into()))?;
                let fonts = items
                    .iter()
                    .map(|item| path_value("fonts", item))
                    .collect::<Result<Vec<_>, _>>()?;
                if !fonts.is_empty() {
                    opts.set(&full, fonts)?;
                }
            }
            _ => {
                // Text options (page_size, flavor, journal_id, issn...).
                opts.set(&full, text_value(&key, &v)?)?;
            }
        }
    }
    Ok(opts)
}

/// A library hint worded as this module's keyword arguments.
fn py_hint(h: &folio_core::Hint) -> String {
    use folio_core::Hint;
    match h {
        Hint::DateOrder => {
            "pass date_order='day-first' or 'month-first', or date='YYYY-MM-DD'".into()
        }
        Hint::Date => "pass date='YYYY-MM-DD'".into(),
        Hint::Language => "pass lang='TAG'".into(),
        Hint::LossyUtf8 => "pass lossy=True to replace bad bytes".into(),
        other => other.to_string(),
    }
}

/// Diagnostics as Python tuples `(line, severity, message)`.
type PyDiag = (Option<usize>, &'static str, String);

fn py_diags(d: &[Diagnostic]) -> Vec<PyDiag> {
    d.iter()
        .map(|d| {
            let sev = match d.severity {
                folio_core::Severity::Warning => "warning",
                folio_core::Severity::Error => "error",
            };
            let msg = match &d.hint {
                Some(h) => format!("{} ({})", d.message, py_hint(h)),
                None => d.message.clone(),
            };
            (d.line, sev, msg)
        })
        .collect()
}

/// Parses one input; returns the article as Folio JSON text and the
/// diagnostics.
#[pyfunction]
#[pyo3(signature = (data, *, name, json=None, lang=None, date_order=None, title=None, date=None, authors=Vec::new(), lossy=false))]
#[allow(clippy::too_many_arguments)]
fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    name: String,
    json: Option<bool>,
    lang: Option<&str>,
    date_order: Option<&str>,
    title: Option<String>,
    date: Option<&str>,
    authors: Vec<String>,
    lossy: bool,
) -> PyResult<(String, Vec<PyDiag>)> {
    let bytes = input_bytes(&name, data)?;
    let ropts = read_opts(date_order, lossy, false, title, date, authors, lang)?;
    let json = json.unwrap_or_else(|| looks_like_json(&bytes));
    let r = py.detach(|| {
        load(&name, &bytes, json, &ropts).map(|(a, d)| {
            let mut out = Vec::new();
            let w = folio_core::json::write(&a, &mut out).map_err(|e| e.to_string());
            (w.map(|()| out), d)
        })
    });
    let (out, diags) = r.map_err(|e| e.into_py(py))?;
    let out = out.map_err(OutputError::new_err)?;
    let text = String::from_utf8(out).map_err(|e| OutputError::new_err(e.to_string()))?;
    Ok((text, py_diags(&diags)))
}

/// Converts one input to the format `to`; returns the bytes and the
/// diagnostics.
#[pyfunction]
#[pyo3(signature = (data, *, to, name, json=None, lang=None, date_order=None, title=None, date=None, authors=Vec::new(), lossy=false, lenient=false, timestamp=None, options=None))]
#[allow(clippy::too_many_arguments)]
fn convert<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    to: &str,
    name: String,
    json: Option<bool>,
    lang: Option<&str>,
    date_order: Option<&str>,
    title: Option<String>,
    date: Option<&str>,
    authors: Vec<String>,
    lossy: bool,
    lenient: bool,
    timestamp: Option<i64>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyBytes>, Vec<PyDiag>)> {
    let writer = find_writer(to)?;
    let settings = settings(writer, timestamp, options)?;
    let bytes = input_bytes(&name, data)?;
    let ropts = read_opts(date_order, lossy, lenient, title, date, authors, lang)?;
    let json = json.unwrap_or_else(|| looks_like_json(&bytes));
    let r = py.detach(|| {
        load(&name, &bytes, json, &ropts).map(|(a, mut d)| {
            let mut out = Vec::new();
            let w = writer.write_article(&a, &settings, &mut out);
            // The writer's warnings (a character no font covers) follow
            // the reader's.
            (
                w.map(|warnings| {
                    d.extend(warnings);
                    out
                }),
                d,
            )
        })
    });
    let (out, diags) = r.map_err(|e| e.into_py(py))?;
    let out = out.map_err(|e| driver_error(&name, e))?;
    Ok((PyBytes::new(py, &out), py_diags(&diags)))
}

/// Collects inputs into one book; returns the bytes, the diagnostics
/// (`(name, line, severity, message)`) and the inputs left out.
#[pyfunction]
#[pyo3(signature = (items, *, to, title=None, subtitle=None, authors=Vec::new(), book_lang=None, book_date=None, publisher=None, rights=None, sort=None, keep_going=false, lang=None, date_order=None, lossy=false, lenient=false, timestamp=None, options=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn book<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyList>,
    to: &str,
    title: Option<String>,
    subtitle: Option<String>,
    authors: Vec<String>,
    book_lang: Option<&str>,
    book_date: Option<&str>,
    publisher: Option<String>,
    rights: Option<String>,
    sort: Option<&str>,
    keep_going: bool,
    lang: Option<&str>,
    date_order: Option<&str>,
    lossy: bool,
    lenient: bool,
    timestamp: Option<i64>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(
    Bound<'py, PyBytes>,
    Vec<(String, Option<usize>, &'static str, String)>,
    Vec<String>,
)> {
    let writer = find_writer(to)?;
    if !writer.supports_collections() {
        return Err(OptError::Bad(format!(
            "the {} writer writes one document per article, not a book; use folio.convert for each article",
            writer.name()
        ))
        .into());
    }
    let settings = settings(writer, timestamp, options)?;
    // Each article is read with the parse options only; the book's own
    // language and date are separate (as `folio book --lang/--date`).
    let ropts = read_opts(date_order, lossy, lenient, None, None, Vec::new(), lang)?;
    let by_date = match sort {
        None | Some("as-given") | Some("as_given") => false,
        Some("date") => true,
        Some(other) => {
            return Err(OptionError::new_err(format!(
                "sort={other:?}: expected 'as-given' or 'date'"
            )));
        }
    };
    let book_opts = read_opts(None, false, false, None, book_date, Vec::new(), book_lang)?;
    let mut inputs: Vec<(String, Vec<u8>, bool)> = Vec::with_capacity(items.len());
    for item in items.iter() {
        let t = item.cast::<PyTuple>().map_err(|_| {
            PyTypeError::new_err("internal: book items are (name, data, json) tuples")
        })?;
        let name: String = t.get_item(0)?.extract()?;
        let data = input_bytes(&name, &t.get_item(1)?)?;
        let json: Option<bool> = t.get_item(2)?.extract()?;
        let json = json.unwrap_or_else(|| looks_like_json(&data));
        inputs.push((name, data, json));
    }
    if inputs.is_empty() {
        return Err(OptionError::new_err("book: no articles given"));
    }
    enum BookErr {
        Read(ReadError),
        Failed(String),
        Write(folio_driver::Error),
        Empty,
    }
    let r = py.detach(|| {
        let mut articles: Vec<(usize, Article)> = Vec::new();
        let mut diags = Vec::new();
        let mut failed = Vec::new();
        let mut first_err = None;
        for (i, (name, data, json)) in inputs.iter().enumerate() {
            match load(name, data, *json, &ropts) {
                Ok((a, d)) => {
                    diags.extend(d.into_iter().map(|d| (name.clone(), d)));
                    articles.push((i, a));
                }
                Err(e) => {
                    failed.push(name.clone());
                    first_err.get_or_insert(e);
                }
            }
        }
        if let Some(e) = first_err {
            if !keep_going {
                return Err(if failed.len() == 1 {
                    BookErr::Read(e)
                } else {
                    let n = failed.len();
                    BookErr::Failed(format!(
                        "{}:{} error: {} (and {} more; keep_going=True leaves them out)",
                        e.source,
                        e.line.map(|l| format!("{l}:")).unwrap_or_default(),
                        e.message,
                        n - 1
                    ))
                });
            }
        }
        if articles.is_empty() {
            return Err(BookErr::Empty);
        }
        if by_date {
            for (i, a) in &articles {
                if a.date.is_none() {
                    diags.push((
                        inputs[*i].0.clone(),
                        Diagnostic::warning(None, "no date: placed at the end of the book"),
                    ));
                }
            }
            articles.sort_by_key(|(_, a)| (a.date.is_none(), a.date));
        }
        let articles: Vec<Article> = articles.into_iter().map(|(_, a)| a).collect();
        let mut collection = collection(
            title,
            subtitle,
            authors,
            book_opts.lang,
            book_opts.date,
            publisher,
            rights,
            articles,
        );
        // The contents group by date only in a book sorted by date.
        if by_date {
            collection.order = folio_core::ArticleOrder::Date;
        }
        let mut out = Vec::new();
        let warnings = writer
            .write_collection(&collection, &settings, &mut out)
            .map_err(BookErr::Write)?;
        diags.extend(warnings.into_iter().map(|d| (collection.title.clone(), d)));
        Ok((out, diags, failed))
    });
    match r {
        Ok((out, diags, failed)) => {
            let diags = diags
                .into_iter()
                .map(|(n, d)| {
                    let (line, sev, msg) = py_diags(std::slice::from_ref(&d)).remove(0);
                    (n, line, sev, msg)
                })
                .collect();
            Ok((PyBytes::new(py, &out), diags, failed))
        }
        Err(BookErr::Read(e)) => Err(e.into_py(py)),
        Err(BookErr::Failed(m)) => Err(InputError::new_err(m)),
        Err(BookErr::Write(e)) => Err(driver_error("book", e)),
        Err(BookErr::Empty) => Err(OutputError::new_err(
            "book: error: no article could be read",
        )),
    }
}

/// The book: the given metadata, the rest resolved by
/// [`folio_core::Metadata::of_collection`] as the CLI does
/// (`src/commands/book.rs`): the articles' most common language, the
/// newest date.
#[allow(clippy::too_many_arguments)]
fn collection(
    title: Option<String>,
    subtitle: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
    date: Option<chrono::NaiveDate>,
    publisher: Option<String>,
    rights: Option<String>,
    articles: Vec<Article>,
) -> Collection {
    let mut c = Collection {
        title: title.unwrap_or_else(|| "Collected articles".into()),
        subtitle,
        authors,
        language: language.unwrap_or_default(),
        date,
        publisher,
        rights,
        articles,
        ..Default::default()
    };
    let m = folio_core::Metadata::of_collection(&c, None);
    c.language = m.language.to_string();
    c.date = m.date;
    c
}

/// The output formats: `(name, extension, aliases, binary, books)`.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn formats() -> Vec<(
    &'static str,
    &'static str,
    Vec<&'static str>,
    bool,
    bool,
    Vec<&'static str>,
)> {
    folio_driver::WRITERS
        .iter()
        .map(|w| {
            (
                w.name(),
                w.extensions()[0],
                w.aliases().to_vec(),
                w.is_binary(),
                w.supports_collections(),
                writer_keywords(*w).to_vec(),
            )
        })
        .collect()
}

/// The native module `folio._folio`.
#[pymodule]
fn _folio(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FolioError", py.get_type::<FolioError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("OptionError", py.get_type::<OptionError>())?;
    m.add("OutputError", py.get_type::<OutputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(book, m)?)?;
    m.add_function(wrap_pyfunction!(formats, m)?)?;
    Ok(())
}
