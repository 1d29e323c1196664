//! JSON in and out: the model's serde form.

use crate::error::Error;
use crate::model::{Article, Block, Collection, Inline, ListItem};
use crate::normalize::clean;
use std::io::Write;

/// Writes an article as pretty-printed JSON with a final newline.
pub fn write(article: &Article, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, article)?;
    out.write_all(b"\n")
}

/// Writes a collection as pretty-printed JSON with a final newline.
pub fn write_collection(collection: &Collection, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, collection)?;
    out.write_all(b"\n")
}

/// Reads an article from JSON. Text is cleaned exactly as raw-text input is
/// (see [`crate::normalize::clean`]) so writers can rely on it.
pub fn read(text: &str) -> Result<Article, Error> {
    let mut article: Article = serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    sanitize(&mut article);
    Ok(article)
}

/// Reads a collection from JSON.
pub fn read_collection(text: &str) -> Result<Collection, Error> {
    let mut c: Collection = serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    c.articles.iter_mut().for_each(sanitize);
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
