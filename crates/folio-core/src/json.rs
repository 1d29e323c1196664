//! JSON in and out: the model's serde form.
//!
//! Written JSON starts with `folio_version`, the version of Folio that wrote
//! it; the rest is the [`Article`] (or [`Collection`]) as serde gives it.
//! [`schema`] (feature `schema`) is its JSON Schema, committed as
//! `schema/article.schema.json`.
//!
//! Reading is strict: a key the model does not have (`"author"` where the
//! model says `"authors"`) is an error naming the key, its place and its
//! line, since silently dropping it would lose what the user meant.
//! [`read_with`] with [`Strictness::Lenient`] turns those errors into
//! warnings.

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::model::{Article, Block, Collection, Inline, ListItem};
use crate::normalize::clean;
use std::io::Write;

/// The version of Folio written as `folio_version` at the top of its JSON.
pub const FOLIO_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Keys that JSON input may carry beside the model's: the writer's version
/// and a JSON Schema reference.
const META_KEYS: [&str; 2] = ["folio_version", "$schema"];

/// The model with `folio_version` in front.
#[derive(serde::Serialize)]
struct Versioned<'a, T> {
    folio_version: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

/// Writes an article as pretty-printed JSON with a final newline.
pub fn write(article: &Article, out: &mut dyn Write) -> std::io::Result<()> {
    write_value(article, out)
}

/// Writes a collection as pretty-printed JSON with a final newline.
pub fn write_collection(collection: &Collection, out: &mut dyn Write) -> std::io::Result<()> {
    write_value(collection, out)
}

fn write_value<T: serde::Serialize>(inner: &T, out: &mut dyn Write) -> std::io::Result<()> {
    let v = Versioned {
        folio_version: FOLIO_VERSION,
        inner,
    };
    serde_json::to_writer_pretty(&mut *out, &v)?;
    out.write_all(b"\n")
}

/// What to do with a key the model does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// An error naming the key and its line (the default).
    #[default]
    Strict,
    /// A warning naming the key and its line; the key is ignored.
    Lenient,
}

/// Reads an article from JSON, refusing keys the model does not have. Text
/// is cleaned exactly as raw-text input is (see
/// [`crate::normalize::clean`]) so writers can rely on it. Links with
/// unsafe schemes (`javascript:`, `data:`...) become plain text (see
/// [`crate::links`]); [`read_with`] returns the warnings.
///
/// ```
/// let a = folio_core::json::read(r#"{"title": "T", "authors": ["Jane Doe"]}"#).unwrap();
/// assert_eq!(a.authors, ["Jane Doe"]);
/// let err = folio_core::json::read("{\n  \"title\": \"T\",\n  \"author\": \"Jane\"\n}").unwrap_err();
/// assert!(err.to_string().contains("`author`"), "{err}");
/// assert!(err.to_string().contains("line 3"), "{err}");
///
/// // A missing, empty (older Folio JSON) or malformed language reads as
/// // `und`, and is written so.
/// for lang in ["", r#", "language": """#, r#", "language": "C""#] {
///     let a = folio_core::json::read(&format!(r#"{{"title": "T"{lang}}}"#)).unwrap();
///     assert_eq!(a.language, "und");
///     let mut out = Vec::new();
///     folio_core::json::write(&a, &mut out).unwrap();
///     assert!(String::from_utf8(out).unwrap().contains(r#""language": "und""#));
/// }
/// ```
pub fn read(text: &str) -> Result<Article, Error> {
    read_with(text, Strictness::Strict).map(|(a, _)| a)
}

/// Like [`read`] (strict), and returns a warning for each unsafe link
/// dropped.
pub fn read_checked(text: &str) -> Result<(Article, Vec<Diagnostic>), Error> {
    read_with(text, Strictness::Strict)
}

/// Reads an article from JSON; unknown keys are errors or, with
/// [`Strictness::Lenient`], warnings returned beside the article.
pub fn read_with(text: &str, strictness: Strictness) -> Result<(Article, Vec<Diagnostic>), Error> {
    let (mut article, mut warnings): (Article, _) = deserialize(text, strictness)?;
    sanitize(&mut article);
    warnings.extend(crate::links::sanitize_article(&mut article));
    Ok((article, warnings))
}

/// Reads a collection from JSON, refusing keys the model does not have.
pub fn read_collection(text: &str) -> Result<Collection, Error> {
    let (mut c, _): (Collection, _) = deserialize(text, Strictness::Strict)?;
    for a in &mut c.articles {
        sanitize(a);
        crate::links::sanitize_article(a);
    }
    Ok(c)
}

/// A byte source for serde_json that tracks the line and column of what it
/// has handed out, so that an unknown key can be reported where it stands.
/// serde_json reads an `io::Read` a byte at a time, so the position is exact
/// when the key's value is about to be read.
struct LineCounter<'a> {
    rest: &'a [u8],
    /// 1-based line and column of the next byte.
    pos: std::rc::Rc<std::cell::Cell<(usize, usize)>>,
}

impl std::io::Read for LineCounter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.rest.len());
        let (head, tail) = self.rest.split_at(n);
        buf[..n].copy_from_slice(head);
        let (mut line, mut col) = self.pos.get();
        match memchr::memrchr(b'\n', head) {
            Some(last) => {
                line += memchr::memchr_iter(b'\n', head).count();
                col = 1 + head[last + 1..]
                    .iter()
                    .filter(|b| (**b & 0xC0) != 0x80)
                    .count();
            }
            None => col += head.iter().filter(|b| (**b & 0xC0) != 0x80).count(),
        }
        self.pos.set((line, col));
        self.rest = tail;
        Ok(n)
    }
}

fn deserialize<T: serde::de::DeserializeOwned>(
    text: &str,
    strictness: Strictness,
) -> Result<(T, Vec<Diagnostic>), Error> {
    let json_err = |e: serde_json::Error| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    // First pass on the string: fast, and serde_json's own positions for
    // syntax and type errors.
    let mut paths: Vec<String> = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_ignored::deserialize(&mut de, |path| {
        let path = path.to_string();
        if !META_KEYS.contains(&path.as_str()) {
            paths.push(path);
        }
    })
    .map_err(json_err)?;
    de.end().map_err(json_err)?;
    if paths.is_empty() {
        return Ok((value, Vec::new()));
    }
    // Unknown keys: a second pass through a position-tracking reader finds
    // where each one stands.
    let pos = std::rc::Rc::new(std::cell::Cell::new((1, 1)));
    let reader = LineCounter {
        rest: text.as_bytes(),
        pos: pos.clone(),
    };
    let mut unknown: Vec<(String, (usize, usize))> = Vec::new();
    let mut de = serde_json::Deserializer::from_reader(reader);
    let _: T = serde_ignored::deserialize(&mut de, |path| {
        let path = path.to_string();
        if !META_KEYS.contains(&path.as_str()) {
            unknown.push((path, pos.get()));
        }
    })
    .map_err(json_err)?;
    let describe = |(path, _): &(String, (usize, usize))| {
        let key = path.rsplit('.').next().unwrap_or(path);
        if key == path.as_str() {
            format!("unknown key `{key}`")
        } else {
            format!("unknown key `{key}` (at `{path}`)")
        }
    };
    match (strictness, unknown.first()) {
        (_, None) => Ok((value, Vec::new())),
        (Strictness::Strict, Some(first)) => Err(Error::Json {
            line: first.1.0,
            column: first.1.1,
            message: format!(
                "{}: Folio's JSON has no such key (see `folio schema`){}",
                describe(first),
                if unknown.len() > 1 {
                    format!("; {} more unknown keys", unknown.len() - 1)
                } else {
                    String::new()
                }
            ),
        }),
        (Strictness::Lenient, Some(_)) => {
            let warnings = unknown
                .iter()
                .map(|u| Diagnostic::warning(u.1.0, format!("{}: ignored", describe(u))))
                .collect();
            Ok((value, warnings))
        }
    }
}

/// The JSON Schema of an article as Folio writes and reads it (draft
/// 2020-12), `folio_version` included.
#[cfg(feature = "schema")]
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Article)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), "urn:folio:schema:article".into());
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert(
                "folio_version".into(),
                serde_json::json!({
                    "description": "The version of Folio that wrote the file; ignored on input.",
                    "type": "string"
                }),
            );
        }
    }
    schema
}

fn fix(s: &mut String) {
    if let std::borrow::Cow::Owned(c) = clean(s) {
        *s = c;
    }
}

fn fix_inlines(content: &mut [Inline]) {
    for i in content {
        match i {
            Inline::Text { text } => fix(text),
            Inline::Link { text, url } => {
                fix(text);
                fix(url);
            }
            Inline::Emphasis { content } | Inline::Strong { content } => fix_inlines(content),
        }
    }
}

fn fix_blocks(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => fix_inlines(content),
            Block::Code { text } => fix(text),
            Block::Quote { blocks } => fix_blocks(blocks),
            Block::List { items, .. } => {
                for ListItem { content, children } in items {
                    fix_inlines(content);
                    fix_blocks(children);
                }
            }
        }
        if let Block::Heading { level, .. } = b {
            *level = (*level).clamp(1, 6);
        }
    }
}

/// Removes forbidden characters from every string of an article.
pub fn sanitize(a: &mut Article) {
    fix(&mut a.title);
    for s in [
        &mut a.subtitle,
        &mut a.kicker,
        &mut a.standfirst,
        &mut a.byline,
        &mut a.date_text,
        &mut a.updated_text,
        &mut a.publisher,
        &mut a.source_url,
    ]
    .into_iter()
    .flatten()
    {
        fix(s);
    }
    a.authors.iter_mut().for_each(fix);
    fix_blocks(&mut a.body);
    fix_blocks(&mut a.footer);
}
