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
use crate::model::Article;

/// What every reader does to the article it built, last: the language
/// detected from the title and the first blocks when the input named none
/// (`und` when undetectable), text cleaned as raw-text input is
/// ([`crate::json::sanitize`]), and unsafe links made plain text. Returns
/// the warnings for the links dropped.
pub fn finish_read(article: &mut Article) -> Vec<Diagnostic> {
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
