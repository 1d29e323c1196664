//! What a PDF was written with but the user should know: characters that
//! no font covers, drawn as a replacement mark.

use folio_core::model::Article;
use std::collections::BTreeSet;

/// How many characters of context a warning quotes on each side.
const CONTEXT: usize = 24;
/// How many missing characters are reported one by one.
const REPORTED: usize = 20;

/// A character that no bundled, given or installed font covers. The PDF
/// draws a replacement mark (U+FFFD's glyph) for it, whose text is still
/// the character, so copying and searching give it back.
///
/// ```
/// use folio_core::model::{Article, Block};
/// let a = Article {
///     title: "Title".into(),
///     body: vec![Block::paragraph("A private sign \u{10FFFD} here.")],
///     ..Default::default()
/// };
/// let opts = folio_pdf::PdfOptions::default().with_system_fonts(false);
/// let mut out = Vec::new();
/// let missing = folio_pdf::write_with_warnings(&a, &opts, &mut out).unwrap();
/// assert_eq!(missing[0].ch, '\u{10FFFD}');
/// assert!(missing[0].to_string().starts_with("no font covers U+10FFFD"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MissingGlyph {
    /// The character.
    pub ch: char,
    /// The title of the (first) article it occurs in; empty when it is
    /// only in a book's front matter.
    pub article: String,
    /// The text around its first occurrence, on one line.
    pub context: String,
    /// How many more characters no font covers when this is the last one
    /// reported one by one (0 otherwise).
    pub more: usize,
}

impl std::fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no font covers U+{:04X}", self.ch as u32)?;
        if !self.ch.is_control() {
            write!(f, " '{}'", self.ch)?;
        }
        if !self.article.is_empty() {
            write!(f, " in article \"{}\"", self.article)?;
        }
        if !self.context.is_empty() {
            write!(f, " (\"{}\")", self.context)?;
        }
        write!(f, ": drawn as a replacement mark")?;
        if self.more > 0 {
            write!(f, " (and {} more characters)", self.more)?;
        }
        Ok(())
    }
}

/// One warning for each of `missing` (the first [`REPORTED`]), located in
/// the first article whose text has it.
pub(crate) fn missing_glyphs(missing: &BTreeSet<char>, articles: &[&Article]) -> Vec<MissingGlyph> {
    let mut out: Vec<MissingGlyph> = Vec::new();
    for &ch in missing.iter().take(REPORTED) {
        let found = articles.iter().find_map(|a| {
            a.all_text()
                .into_iter()
                .find_map(|t| context(&t, ch))
                .map(|ctx| (a.title.clone(), ctx))
        });
        let (article, context) = found.unwrap_or_default();
        out.push(MissingGlyph {
            ch,
            article,
            context,
            more: 0,
        });
    }
    if let Some(last) = out.last_mut() {
        last.more = missing.len().saturating_sub(REPORTED);
    }
    out
}

/// Up to [`CONTEXT`] characters each side of the first `ch` in `text`,
/// whitespace folded to single spaces.
fn context(text: &str, ch: char) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&c| c == ch)?;
    let from = at.saturating_sub(CONTEXT);
    let to = (at + CONTEXT + 1).min(chars.len());
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    let mut space = false;
    for &c in &chars[from..to] {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else {
            if space && !s.is_empty() && !s.ends_with('…') {
                s.push(' ');
            }
            space = false;
            s.push(c);
        }
    }
    if to < chars.len() {
        s.push('…');
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_and_folded() {
        let text = format!("{}\n\u{F8FF} end", "word ".repeat(20));
        let c = context(&text, '\u{F8FF}').unwrap();
        assert!(c.starts_with('…') && c.ends_with("\u{F8FF} end"), "{c}");
        assert!(!c.contains("  ") && !c.contains('\n'));
        assert_eq!(context("abc", 'x'), None);
    }
}
