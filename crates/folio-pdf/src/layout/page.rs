//! The layout's output: pages of placed lines, rules, outline anchors and
//! links between pages. The export stage reads these and nothing else of
//! the layout.

use crate::typeset::text::{Line, NodeRef};

/// A line placed on a page: `x` of its left edge and `y` of its baseline,
/// both from the page's top-left corner, in points.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub line: Line,
    pub x: f32,
    pub y: f32,
    /// Where a body line comes from (`None` for the header and footer).
    #[cfg_attr(not(test), allow(dead_code))]
    pub info: Option<LineInfo>,
}

/// A body line's place in its unit, for checks of the page breaks.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct LineInfo {
    pub index: usize,
    pub count: usize,
    pub keep_with_next: bool,
    pub splittable: bool,
    /// The width the line was set to.
    pub measure: f32,
}

/// A horizontal rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub width: f32,
}

/// An outline entry: a heading's level, text and position.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    pub level: u8,
    pub title: String,
    pub y: f32,
}

/// A link to another page of the document (table of contents entries):
/// the area from the page's top-left corner, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GoTo {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Index of the target page.
    pub page: usize,
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub lines: Vec<Placed>,
    pub rules: Vec<Rule>,
    pub anchors: Vec<Anchor>,
    pub gotos: Vec<GoTo>,
    /// The `Link` structure element of each of `gotos` (tagged PDF; set
    /// by `layout::tags`, may be shorter than `gotos`).
    pub goto_tags: Vec<NodeRef>,
}

/// What a page holds, for its running header and footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A book's title page: no header, no footer.
    TitlePage,
    /// A book's table of contents.
    Contents,
    /// A page of the article with this index.
    Article(usize),
}

/// What each page of a document holds: a book's title page and its
/// `contents` pages (when it is a book), then the pages of each article
/// (`article_pages[i]` of article `i`).
pub(crate) fn owners(contents: Option<usize>, article_pages: &[usize]) -> Vec<Owner> {
    let mut owners = Vec::new();
    if let Some(n) = contents {
        owners.push(Owner::TitlePage);
        owners.extend(std::iter::repeat_n(Owner::Contents, n));
    }
    for (i, &n) in article_pages.iter().enumerate() {
        owners.extend(std::iter::repeat_n(Owner::Article(i), n));
    }
    owners
}
