//! What every reader of another format (Markdown, JATS, saved HTML) does
//! last to the article it built, so that all of them hand the writers the
//! same kind of article as the text parser does.
//!
//! ```
//! let mut a = folio_core::Article {
//!     title: "Hello".into(),
//!     source_url: Some("javascript:alert(1)".into()),
//!     ..Default::default()
//! };
//! let warnings = folio_core::read::finish_read(&mut a);
//! assert!(a.source_url.is_none());
//! assert_eq!(warnings.len(), 1);
//! ```

use crate::diag::Diagnostic;
use crate::lang::Language;
use crate::links::sanitize_article;
use crate::model::{Article, Block, plain_text};

/// What every reader does to the article it built, last: author names
/// made unique (white space and case aside) and empty ones dropped, the
/// language detected from the title and the first blocks when the input named none
/// (`und` when undetectable), the copyright (and, without one, the
/// publisher) taken from a rights line in the footer as the text parser
/// takes it when the input stated none, text cleaned as raw-text input is
/// ([`crate::json::sanitize`]), and unsafe links made plain text. Returns
/// the warnings for the links dropped.
pub fn finish_read(article: &mut Article) -> Vec<Diagnostic> {
    // One entry per person: names from several sources (a byline and the
    // page's metadata) may repeat, or be empty.
    let mut seen = std::collections::HashSet::new();
    article.authors.retain(|n| {
        let key = n
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        !key.is_empty() && seen.insert(key)
    });
    if article.copyright.is_none() {
        let found = article.footer.iter().find_map(|b| match b {
            Block::Note { content, .. } | Block::Paragraph { content } => {
                crate::parse::rights_line(&plain_text(content))
            }
            _ => None,
        });
        if let Some(c) = found {
            if article.publisher.is_none() {
                article.publisher = c.holder.clone();
            }
            article.copyright = Some(c);
        }
    }
    if article.language.is_undetermined() {
        let sample: String = article
            .body
            .iter()
            .take(20)
            .map(|b| b.plain_text() + "\n")
            .collect();
        article.language = crate::lang::detect(&format!("{}\n{sample}", article.title))
            .map_or_else(Language::undetermined, |tag| Language::new(&tag));
    }
    crate::json::sanitize(article);
    sanitize_article(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, NoteKind};

    #[test]
    fn copyright_comes_from_a_rights_line_in_the_footer() {
        let mut a = Article {
            title: "T".into(),
            language: Language::new("en"),
            footer: vec![Block::Note {
                kind: NoteKind::Other,
                content: vec![Inline::text("© 2021 Example News. All rights reserved.")],
            }],
            ..Default::default()
        };
        finish_read(&mut a);
        let c = a.copyright.expect("copyright from the footer");
        assert_eq!(c.year, Some(2021));
        assert_eq!(c.holder.as_deref(), Some("Example News"));
        assert_eq!(a.publisher.as_deref(), Some("Example News"));
    }

    #[test]
    fn a_stated_copyright_is_kept() {
        let stated = crate::model::Copyright {
            statement: "CC BY 4.0".into(),
            year: None,
            holder: None,
        };
        let mut a = Article {
            title: "T".into(),
            language: Language::new("en"),
            copyright: Some(stated.clone()),
            footer: vec![Block::paragraph("© 2021 Other")],
            ..Default::default()
        };
        finish_read(&mut a);
        assert_eq!(a.copyright, Some(stated));
        assert_eq!(a.publisher, None);
    }
}
