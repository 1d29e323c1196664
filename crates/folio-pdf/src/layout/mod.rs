//! Stage 2, layout: from the article model to pages. The page geometry is
//! computed once from the options ([`geometry`]) and every size and space
//! comes from one table ([`style`]); an article's blocks become units of
//! set lines ([`blocks`], [`article`]) that are broken into pages
//! ([`paginate`]); a book gets its front matter ([`book`]); every page
//! gets its running header and footer ([`running`]). The result is plain
//! [`page::Page`]s, which the export stage writes.

pub(crate) mod article;
pub(crate) mod blocks;
pub(crate) mod book;
pub(crate) mod geometry;
pub(crate) mod labels;
#[cfg(test)]
pub(crate) mod measure;
pub(crate) mod page;
pub(crate) mod paginate;
pub(crate) mod running;
pub(crate) mod style;
pub(crate) mod tags;

use crate::typeset::text::chars_of;
use folio_core::contents::Contents;
use folio_core::model::{Article, Collection};
use std::collections::BTreeSet;

/// Characters the layout adds itself (markers, separators, page numbers).
pub(crate) const GENERATED: &str = "0123456789/ .-•–·…©";

/// Every character the layout of `articles` (and of the front matter of
/// `book`) may draw, for the font coverage check.
pub(crate) fn chars_needed(
    articles: &[&Article],
    book: Option<(&Collection, &Contents)>,
) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    for article in articles {
        for t in article.all_text() {
            chars_of(&t, &mut chars);
        }
        for t in [
            folio_core::meta::rights(article),
            folio_core::meta::display_date(article).map(|d| d.text),
            folio_core::meta::byline_line(article),
        ]
        .into_iter()
        .flatten()
        {
            chars_of(&t, &mut chars);
        }
    }
    if let Some((c, toc)) = book {
        for t in book::front_text(c, toc, articles) {
            chars_of(&t, &mut chars);
        }
    }
    chars.extend(GENERATED.chars());
    chars
}
