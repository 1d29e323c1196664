//! JSON in and out: the model's serde form.

use crate::error::Error;
use crate::model::{Article, Block, Collection, Inline, ListItem};
use crate::normalize::clean;
use crate::writer::{DynError, Settings, Writer};
use std::io::Write;

/// Writes an article as pretty-printed JSON with a final newline.
pub fn write(article: &Article, out: &mut dyn Write) -> Result<(), DynError> {
    serde_json::to_writer_pretty(&mut *out, article)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Reads an article from JSON. Text is cleaned exactly as raw-text input is
/// (see [`crate::normalize::clean`]) so writers can rely on it.
///
/// Links with unsafe schemes (`javascript:`, `data:`...) become plain text
/// (see [`crate::links`]); use [`read_checked`] to get the warnings.
pub fn read(text: &str) -> Result<Article, Error> {
    read_checked(text).map(|(a, _)| a)
}

/// Like [`read`], and returns a warning for each unsafe link dropped.
pub fn read_checked(text: &str) -> Result<(Article, Vec<crate::Diagnostic>), Error> {
    let mut article: Article = serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    sanitize(&mut article);
    let warnings = crate::links::sanitize_article(&mut article);
    Ok((article, warnings))
}

/// Reads a collection from JSON.
pub fn read_collection(text: &str) -> Result<Collection, Error> {
    let mut c: Collection = serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    for a in &mut c.articles {
        sanitize(a);
        crate::links::sanitize_article(a);
    }
    Ok(c)
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
    fix(&mut a.language);
    if a.language.trim().is_empty() {
        a.language = "und".into();
    }
    fix_blocks(&mut a.body);
    fix_blocks(&mut a.footer);
}

/// The JSON format for the writer registry.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonWriter;

impl Writer for JsonWriter {
    fn name(&self) -> &'static str {
        "json"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }
    fn description(&self) -> &'static str {
        "Folio's document model as JSON (readable back as input)"
    }
    fn write_article(
        &self,
        a: &Article,
        _: &Settings,
        out: &mut dyn Write,
    ) -> Result<(), DynError> {
        write(a, out)
    }
    fn write_collection(
        &self,
        c: &Collection,
        _: &Settings,
        out: &mut dyn Write,
    ) -> Result<(), DynError> {
        serde_json::to_writer_pretty(&mut *out, c)?;
        out.write_all(b"\n")?;
        Ok(())
    }
    fn supports_collections(&self) -> bool {
        true
    }
}
