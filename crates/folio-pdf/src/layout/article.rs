//! An article's layout, a page of named steps: the title block, the body,
//! the dateline set in bold, the rule above the body, the footer blocks,
//! then pagination.

use super::blocks::{Builder, inline_spans, unit_node};
use super::geometry::Geometry;
use super::page::{Anchor, Page};
use super::paginate::Layout;
use super::paginate::paginate;
use super::running::footer_lines;
use super::style::StyleTable;
use super::tags::{Role, Tree};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::text::{Align, Color, Span};
use folio_core::model::{Article, Block, Inline};

/// Lays out an article into pages.
#[cfg(test)]
pub(crate) fn article(
    article: &Article,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &StyleTable,
) -> Layout {
    tagged(article, Tree::new(0), fonts, g, st)
}

/// Lays out an article into pages, its structure elements in `tree`
/// (under the tree's first element, when it has one: a book's `Art`).
fn tagged(
    article: &Article,
    tree: Tree,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &StyleTable,
) -> Layout {
    let mut b = Builder::new(fonts, st, article.language.as_str(), g.measure);
    b.parent = if tree.nodes.is_empty() { None } else { Some(0) };
    b.tree = tree;
    title_block(&mut b, article);
    let title_units = b.units.len();
    b.blocks(&article.body, 0, 0.0, false);
    dateline(&mut b, article, title_units);
    if title_units < b.units.len() {
        b.units[title_units].rule_above = Some(st.blocks.body_rule);
    }
    footer(&mut b, article, g);
    let tree = std::mem::take(&mut b.tree);
    let mut layout = paginate(b.units, g, &st.blocks);
    layout.tree = tree;
    layout
}

/// The pages of an article in a document, and its structure elements
/// (part `part` of the document's structure): in a book (`in_book`),
/// every article has a bookmark, titled or not, and its elements are in
/// an `Art` in the article's language.
pub(crate) fn in_document(
    a: &Article,
    part: u32,
    in_book: bool,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &StyleTable,
) -> (Vec<Page>, Tree) {
    let mut tree = Tree::new(part);
    if in_book {
        let art = tree.add(Role::Art, None);
        tree.nodes[art as usize].lang = Some(a.language.as_str().to_string());
    }
    let Layout { mut pages, tree } = tagged(a, tree, fonts, g, st);
    if in_book {
        bookmark_untitled(&mut pages, &a.title, g);
    }
    (pages, tree)
}

/// An untitled article's first page gets a bookmark at the top of the
/// text block.
fn bookmark_untitled(pages: &mut [Page], title: &str, g: &Geometry) {
    if let Some(p) = pages.first_mut() {
        if !p.anchors.iter().any(|a| a.level == 0) {
            p.anchors.insert(
                0,
                Anchor {
                    level: 0,
                    title: super::labels::entry_title(title),
                    y: g.text_area()[1],
                },
            );
        }
    }
}

/// Kicker, title, subtitle, byline and date, standfirst.
fn title_block(b: &mut Builder<'_, '_>, article: &Article) {
    let t = b.st.title.clone();
    if let Some(k) = &article.kicker {
        let mut sp = Span::new(k.clone(), Style::Bold);
        sp.color = Color::Gray;
        let mut q = b.body_p();
        q.size = t.kicker.size;
        q.leading = t.kicker.leading;
        q.align = Align::Start;
        q.space_after = t.kicker_space_after;
        q.keep_with_next = true;
        let spans = [sp];
        let mut u = b.para(&spans, q);
        b.tag(&mut u, &spans, Role::P);
        b.push(u);
    }
    let mut q = b.body_p();
    q.size = t.title.size;
    q.leading = t.title.leading;
    q.align = Align::Start;
    q.keep_with_next = true;
    let spans = [Span::new(article.title.clone(), Style::Bold)];
    let mut u = b.para(&spans, q);
    u.splittable = false;
    if !article.title.trim().is_empty() {
        u.anchor = Some((0, article.title.clone()));
    }
    if !u.lines.is_empty() {
        b.tag(&mut u, &spans, Role::H(1));
        b.heading_level = 1;
    }
    b.push(u);
    if let Some(sub) = &article.subtitle {
        let mut q = b.body_p();
        q.size = t.subtitle.size;
        q.leading = t.subtitle.leading;
        q.align = Align::Start;
        q.space_before = t.subtitle_space_before;
        q.keep_with_next = true;
        let spans = [Span::new(sub.clone(), Style::Italic)];
        let mut u = b.para(&spans, q);
        b.tag(&mut u, &spans, Role::P);
        b.push(u);
    }
    let meta = meta_spans(article);
    if !meta.is_empty() {
        let mut q = b.body_p();
        q.size = t.meta.size;
        q.leading = t.meta.leading;
        q.align = Align::Start;
        q.space_before = t.meta_space_before;
        q.keep_with_next = true;
        let mut u = b.para(&meta, q);
        b.tag(&mut u, &meta, Role::P);
        b.push(u);
    }
    if let Some(sf) = &article.standfirst {
        let mut q = b.body_p();
        q.size = t.standfirst.size;
        q.leading = t.standfirst.leading;
        q.align = Align::Justify;
        q.space_before = t.standfirst_space_before;
        let spans = [Span::new(sf.clone(), Style::Italic)];
        let mut u = b.para(&spans, q);
        b.tag(&mut u, &spans, Role::P);
        b.push(u);
    }
    if let Some(u) = b.units.last_mut() {
        u.space_after = t.space_after;
    }
}

/// The byline, date and update line under the title.
fn meta_spans(article: &Article) -> Vec<Span> {
    let mut meta: Vec<Span> = Vec::new();
    if let Some(b) = &article.byline {
        meta.push(Span::new(b.clone(), Style::Bold));
    } else if let Some(b) = folio_core::meta::byline_line(article) {
        meta.push(Span::new(b, Style::Bold));
    }
    // The parsed date, formatted; the raw date text is metadata only.
    let date = folio_core::meta::display_date(article).map(|d| d.text);
    if let Some(d) = date {
        if !meta.is_empty() {
            meta.push(Span::new("  ·  ", Style::Regular));
        }
        let mut sp = Span::new(d, Style::Italic);
        sp.color = Color::Gray;
        meta.push(sp);
    }
    if let Some(u) = &article.updated_text {
        if !meta.is_empty() {
            meta.push(Span::new("  ·  ", Style::Regular));
        }
        let mut sp = Span::new(u.clone(), Style::Italic);
        sp.color = Color::Gray;
        meta.push(sp);
    }
    meta
}

/// Dateline styling: the first body paragraph (unit `first`) starts with
/// it, set again with the dateline in bold.
fn dateline(b: &mut Builder<'_, '_>, article: &Article, first: usize) {
    let Some(Block::Paragraph { content }) = article.body.first() else {
        return;
    };
    let Some(spans) = dateline_spans(article, content) else {
        return;
    };
    if first < b.units.len() {
        let mut p = b.body_p();
        p.space_before = b.units[first].space_before;
        let mut u = b.para(&spans, p);
        if !u.lines.is_empty() {
            // The paragraph set again stays the element it was.
            match unit_node(&b.units[first]) {
                Some(n) => b.tag_as(&mut u, &spans, n.node),
                None => {
                    b.tag(&mut u, &spans, Role::P);
                }
            }
            b.units[first] = u;
        }
    }
}

/// Splits off the dateline at the start of the first paragraph, in bold.
fn dateline_spans(article: &Article, content: &[Inline]) -> Option<Vec<Span>> {
    let dl = article.dateline.as_ref()?;
    let lead = dl.text.trim();
    if lead.is_empty() {
        return None;
    }
    let Some(Inline::Text { text }) = content.first() else {
        return None;
    };
    let rest = text.strip_prefix(lead)?;
    let mut spans = vec![Span::new(lead, Style::Bold)];
    spans.push(Span::new(rest, Style::Regular));
    spans.extend(inline_spans(&content[1..], Style::Regular));
    Some(spans)
}

/// The footer blocks under a short rule. The copyright line runs in every
/// page's footer (see [`super::running`]); a footer block that only
/// repeats it is not set again in the text, unless the running footer
/// cannot hold all of it.
fn footer(b: &mut Builder<'_, '_>, article: &Article, g: &Geometry) {
    let st = b.st;
    let rights = folio_core::meta::rights(article).filter(|r| {
        footer_lines(
            b.fonts,
            r,
            Align::Start,
            article.language.as_str(),
            g,
            &st.running,
        )
        .len()
            == 1
    });
    let (footer, dropped): (Vec<Block>, Vec<Block>) = article
        .footer
        .iter()
        .cloned()
        .partition(|blk| Some(blk.plain_text().trim()) != rights.as_deref().map(str::trim));
    if !dropped.is_empty() {
        // The running footer's copyright line is the block's text.
        b.tree.rights = Some(b.tree.add(Role::P, b.parent));
    }
    if !footer.is_empty() {
        let start = b.units.len();
        b.blocks(&footer, 0, 0.0, false);
        if let Some(u) = b.units.get_mut(start) {
            u.rule_above = Some(st.blocks.footer_rule);
            u.space_before = st.blocks.footer_space_before;
        }
    }
}
