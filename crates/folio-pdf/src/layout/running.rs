//! Running heads: each page's header, footer and page number, set after
//! pagination (drawn over the pages' own content).

use super::geometry::Geometry;
use super::labels::{contents_label, shorten};
use super::page::{Owner, Page, Placed, Rule};
use super::style::{Running, StyleTable};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::para;
use crate::typeset::text::{Align, Artifact, Color, Line, Mark, NodeRef, ParaSpec, Span};
use folio_core::model::Article;

/// `text` set as page furniture (running header and footer): gray, at the
/// running size, `width` wide.
fn furniture(
    fonts: &Fonts<'_>,
    text: &str,
    style: Style,
    align: Align,
    width: f32,
    lang: &str,
    st: &Running,
) -> Vec<Line> {
    let mut sp = Span::new(text, style);
    sp.color = Color::Gray;
    para::set(
        fonts,
        &ParaSpec {
            spans: &[sp],
            size: st.size,
            width,
            first_indent: 0.0,
            align,
            lang,
            rtl: false,
            preformatted: false,
        },
    )
}

/// `text` set as the running footer's copyright line (in its share of
/// the measure): one line when it fits.
pub(crate) fn footer_lines(
    fonts: &Fonts<'_>,
    text: &str,
    align: Align,
    lang: &str,
    g: &Geometry,
    st: &Running,
) -> Vec<Line> {
    let width = g.measure * st.rights_width;
    furniture(fonts, text, Style::Regular, align, width, lang, st)
}

/// What setting a page's furniture reads.
struct Furniture<'f, 'a> {
    fonts: &'f Fonts<'a>,
    lang: &'f str,
    g: &'f Geometry,
    st: &'f Running,
}

impl Furniture<'_, '_> {
    /// `text` as one line `width` wide (the first line when it takes more).
    fn one(&self, text: &str, style: Style, align: Align, width: f32) -> Option<Line> {
        furniture(self.fonts, text, style, align, width, self.lang, self.st)
            .into_iter()
            .next()
    }

    /// One line no wider than `width`, the text shortened at a word
    /// boundary (with an ellipsis) until it fits; with its width.
    fn fit(&self, text: &str, style: Style, width: f32) -> Option<(Line, f32)> {
        let mut max = text.chars().count();
        loop {
            let t = shorten(text, max);
            let mut lines = furniture(
                self.fonts,
                &t,
                style,
                Align::Start,
                f32::MAX / 4.0,
                self.lang,
                self.st,
            );
            let w = lines.first().map_or(0.0, |l| l.width);
            if (lines.len() == 1 && w <= width) || max <= 4 || lines.is_empty() {
                return if lines.is_empty() {
                    None
                } else {
                    Some((lines.swap_remove(0), w))
                };
            }
            // Cut about as much as overflows, at least one character.
            let over = ((w - width) / w * max as f32).ceil() as usize;
            max = max.saturating_sub(over.max(1)).max(4);
        }
    }
}

/// Places `line` on `page` at (`x`, `y`), marked as the artifact `kind`.
fn put(page: &mut Page, mut line: Line, x: f32, y: f32, kind: Artifact) {
    super::tags::mark_line(&mut line, Mark::Artifact(kind));
    page.lines.push(Placed {
        line,
        x,
        y,
        info: None,
    });
}

/// The running header, footer and page numbers of each of `pages` pages.
/// `owners[i]` says what page `i` holds; `lang` is the document's language.
/// In a book (`book_title` given) the header carries the book's title on
/// the left and the article's title on the right, and the footer the page
/// number alone; a single article's header carries its title.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decorate(
    pages: usize,
    articles: &[&Article],
    owners: &[Owner],
    book_title: Option<&str>,
    rights_tags: &[Option<NodeRef>],
    lang: &str,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &StyleTable,
) -> Vec<Page> {
    let f = Furniture {
        fonts,
        lang,
        g,
        st: &st.running,
    };
    let total = pages;
    let mut out: Vec<Page> = (0..pages).map(|_| Page::default()).collect();
    let footer_y = g.height - g.bottom + st.running.footer_drop;
    for (i, page) in out.iter_mut().enumerate() {
        let Some(&owner) = owners.get(i) else {
            break;
        };
        if owner == Owner::TitlePage {
            continue;
        }
        let starts = i == 0 || owners[i - 1] != owner;
        let n = i + 1;
        let num = if book_title.is_some() || total == 1 {
            n.to_string()
        } else {
            format!("{n} / {total}")
        };
        page_number(page, &f, &num, footer_y);
        let (right_title, rights) = match owner {
            Owner::Article(idx) => (
                articles[idx].title.as_str(),
                folio_core::meta::rights(articles[idx]),
            ),
            _ => (contents_label(lang), None),
        };
        // The article's copyright line, when only the running footer
        // prints it, is content on the article's last page.
        let ends = owners.get(i + 1) != Some(&owner);
        let tag = match owner {
            Owner::Article(idx) if ends => rights_tags.get(idx).copied().flatten(),
            _ => None,
        };
        if let Some(r) = rights {
            footer_rights(page, &f, &r, footer_y, tag);
        }
        if starts || (owner == Owner::Contents && book_title.is_none()) {
            continue;
        }
        header(page, &f, book_title, right_title);
    }
    out
}

/// The page number, right-aligned in its column of the footer.
fn page_number(page: &mut Page, f: &Furniture<'_, '_>, num: &str, y: f32) {
    let g = f.g;
    let num_w = g.measure * f.st.number_width;
    if let Some(l) = f.one(num, Style::Regular, Align::End, num_w) {
        put(page, l, g.left + g.measure - num_w, y, Artifact::Footer);
    }
}

/// The copyright line on the footer's left: all of it when it fits (then
/// the text does not repeat it, see [`super::article`]); otherwise
/// shortened, the text keeping it whole.
fn footer_rights(
    page: &mut Page,
    f: &Furniture<'_, '_>,
    rights: &str,
    y: f32,
    tag: Option<NodeRef>,
) {
    let g = f.g;
    let whole = footer_lines(f.fonts, rights, Align::Start, f.lang, g, f.st);
    let line = match <[Line; 1]>::try_from(whole) {
        Ok([l]) => Some(l),
        Err(_) => f
            .fit(rights, Style::Regular, g.measure * f.st.rights_width)
            .map(|(l, _)| l),
    };
    if let Some(l) = line {
        put(page, l, g.left, y, Artifact::Footer);
        if let (Some(n), Some(p)) = (tag, page.lines.last_mut()) {
            super::tags::mark_line(&mut p.line, Mark::Node(n));
        }
    }
}

/// The header: in a book, the book's title and the article's (`title`);
/// for one article, its title; and the rule under it.
fn header(page: &mut Page, f: &Furniture<'_, '_>, book_title: Option<&str>, title: &str) {
    let g = f.g;
    let header_y = g.top - f.st.header_rise;
    match book_title {
        Some(book) => {
            // The article's title gets the room it needs (up to its share
            // of the measure); the book's title the rest.
            let gap = f.st.gap;
            let right = f.fit(title, Style::Italic, g.measure * f.st.title_width);
            let right_w = right.as_ref().map_or(0.0, |(_, w)| *w);
            if let Some((l, w)) = right {
                put(page, l, g.left + g.measure - w, header_y, Artifact::Header);
            }
            if let Some((l, _)) = f.fit(book, Style::Regular, g.measure - right_w - gap) {
                put(page, l, g.left, header_y, Artifact::Header);
            }
        }
        None => {
            let title = shorten(title, f.st.title_chars);
            if let Some(l) = f.one(&title, Style::Italic, Align::Start, g.measure) {
                put(page, l, g.left, header_y, Artifact::Header);
            }
        }
    }
    page.rules.push(Rule {
        x0: g.left,
        x1: g.left + g.measure,
        y: g.top - f.st.rule_rise,
        width: f.st.rule_width,
    });
}
