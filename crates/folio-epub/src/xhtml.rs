//! The XHTML content documents: article chapters, the title page, the cover
//! page and the navigation document.
//!
//! Every document is written with quick-xml events, so text and attribute
//! values are escaped in one place (quick-xml's escaping, as in the JATS
//! writer); nothing here assembles markup from strings.

use crate::toc::NavNode;
use folio_core::meta;
use folio_core::model::{Article, Block, CaptionKind, Inline, NoteKind, plain_text};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io;

/// The language of a publication and its writing direction.
#[derive(Debug, Clone)]
pub(crate) struct Lang {
    /// BCP 47 tag (`en`, `ar-EG`, `und`).
    pub tag: String,
    /// Right-to-left script.
    pub rtl: bool,
}

impl Lang {
    pub fn new(tag: &str) -> Lang {
        let tag = folio_core::lang::normalize_tag(tag).unwrap_or_else(|| "und".to_owned());
        let rtl = folio_core::lang::is_rtl(&tag);
        Lang { tag, rtl }
    }

    /// Whether interface labels (which are English) need their own `lang`.
    fn labels_need_lang(&self) -> bool {
        !(self.tag == "en" || self.tag.starts_with("en-"))
    }
}

/// A section of a chapter, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The fragment id in the chapter.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Depth below the article title: 1 for a top-level section.
    pub depth: u8,
}

/// An XHTML document under construction.
pub(crate) struct Doc {
    w: Writer<Vec<u8>>,
}

type Attrs<'a> = &'a [(&'a str, &'a str)];

impl Doc {
    /// Starts a document: XML declaration, doctype, `<html>` with the
    /// language and direction, and a `<head>` linking the stylesheet.
    pub fn page(lang: &Lang, title: &str, body: Attrs) -> io::Result<Doc> {
        Doc::page_with_meta(lang, title, body, &[])
    }

    /// [`Doc::page`] with `<meta name content>` elements in the head.
    pub fn page_with_meta(
        lang: &Lang,
        title: &str,
        body: Attrs,
        metas: &[(&str, &str)],
    ) -> io::Result<Doc> {
        let mut d = Doc {
            w: Writer::new(Vec::with_capacity(16 * 1024)),
        };
        d.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        d.nl()?;
        d.w.write_event(Event::DocType(BytesText::from_escaped("html")))?;
        d.nl()?;
        let mut html: Vec<(&str, &str)> = vec![
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", &lang.tag),
            ("xml:lang", &lang.tag),
        ];
        if lang.rtl {
            html.push(("dir", "rtl"));
        }
        d.start("html", &html)?;
        d.nl()?;
        d.start("head", &[])?;
        d.nl()?;
        d.empty("meta", &[("charset", "utf-8")])?;
        d.nl()?;
        d.element("title", &[], title)?;
        d.nl()?;
        for (name, content) in metas {
            d.empty("meta", &[("name", name), ("content", content)])?;
            d.nl()?;
        }
        d.empty(
            "link",
            &[
                ("rel", "stylesheet"),
                ("type", "text/css"),
                ("href", "stylesheet.css"),
            ],
        )?;
        d.nl()?;
        d.end("head")?;
        d.nl()?;
        d.start("body", body)?;
        d.nl()?;
        Ok(d)
    }

    /// Closes `<body>` and `<html>` and returns the bytes.
    pub fn finish(mut self) -> io::Result<Vec<u8>> {
        self.end("body")?;
        self.nl()?;
        self.end("html")?;
        self.nl()?;
        Ok(self.w.into_inner())
    }

    pub fn start(&mut self, tag: &str, attrs: Attrs) -> io::Result<()> {
        let e = BytesStart::new(tag).with_attributes(attrs.iter().copied());
        self.w.write_event(Event::Start(e))
    }

    pub fn end(&mut self, tag: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(tag)))
    }

    pub fn empty(&mut self, tag: &str, attrs: Attrs) -> io::Result<()> {
        let e = BytesStart::new(tag).with_attributes(attrs.iter().copied());
        self.w.write_event(Event::Empty(e))
    }

    pub fn text(&mut self, s: &str) -> io::Result<()> {
        self.w.write_event(Event::Text(BytesText::new(s)))
    }

    /// A line break between block elements (never inside text).
    pub fn nl(&mut self) -> io::Result<()> {
        self.w
            .write_event(Event::Text(BytesText::from_escaped("\n")))
    }

    /// `<tag attrs>text</tag>`.
    pub fn element(&mut self, tag: &str, attrs: Attrs, text: &str) -> io::Result<()> {
        self.start(tag, attrs)?;
        self.text(text)?;
        self.end(tag)
    }

    /// A block element holding inline content, followed by a line break.
    fn inline_block(&mut self, tag: &str, attrs: Attrs, content: &[Inline]) -> io::Result<()> {
        self.start(tag, attrs)?;
        self.inlines(content)?;
        self.end(tag)?;
        self.nl()
    }

    fn inlines(&mut self, content: &[Inline]) -> io::Result<()> {
        for inline in content {
            match inline {
                Inline::Text { text } => self.text(text)?,
                Inline::Link { text, url } => {
                    let shown = if text.trim().is_empty() { url } else { text };
                    match safe_href(url) {
                        Some(href) => self.element("a", &[("href", &href)], shown)?,
                        None => self.text(shown)?,
                    }
                }
                Inline::Emphasis { content } | Inline::Strong { content } => {
                    let tag = if matches!(inline, Inline::Strong { .. }) {
                        "strong"
                    } else {
                        "em"
                    };
                    self.start(tag, &[])?;
                    self.inlines(content)?;
                    self.end(tag)?;
                }
            }
        }
        Ok(())
    }
}

/// An interface label (`Contents`, `Cover`): English, marked as such when
/// the book is in another language.
fn label_attrs<'a>(lang: &Lang, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut v = extra.to_vec();
    if lang.labels_need_lang() {
        v.push(("lang", "en"));
        v.push(("xml:lang", "en"));
        if lang.rtl {
            v.push(("dir", "ltr"));
        }
    }
    v
}

/// The address to link to, or `None` when the target is not an absolute
/// `http`, `https`, `ftp` or `mailto` URL that EPUBCheck would accept (a
/// relative or malformed target would point at a missing resource). Characters
/// not allowed in a URL are percent-encoded.
pub(crate) fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    match scheme.as_str() {
        "http" | "https" | "ftp" => {
            let after = rest.strip_prefix("//")?;
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let authority = &after[..end];
            let host = authority.rsplit('@').next().unwrap_or("");
            let (host, port) = match host.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (host, None),
            };
            let host_ok = !host.is_empty()
                && host.contains(|c: char| c.is_ascii_alphanumeric())
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                && !host.starts_with(['.', '-']);
            let port_ok =
                port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !host_ok || !port_ok || authority.contains('@') {
                return None;
            }
        }
        "mailto" => {
            let (local, domain) = rest.split_once('@')?;
            if local.is_empty() || domain.is_empty() {
                return None;
            }
        }
        _ => return None,
    }
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(&scheme);
    out.push(':');
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let keep = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        let valid_pct = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if keep || valid_pct {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The title to show for an article: its own, or a placeholder when it has
/// none (EPUB requires a non-empty title).
pub(crate) fn display_title(title: &str) -> &str {
    if title.trim().is_empty() {
        "Untitled"
    } else {
        title
    }
}

/// Writes one article as a chapter document; returns its bytes and the
/// sections for the table of contents.
pub(crate) fn chapter(article: &Article, lang: &Lang) -> io::Result<(Vec<u8>, Vec<Section>)> {
    let title = display_title(&article.title);
    // The source's own date text is metadata: kept in the head, never
    // printed under the title (which shows the parsed date, formatted).
    let raw_date: Vec<(&str, &str)> = article
        .date_text
        .as_deref()
        .map(|t| ("dcterms.date", t))
        .into_iter()
        .collect();
    let mut d = Doc::page_with_meta(lang, title, &[("epub:type", "bodymatter")], &raw_date)?;
    d.start(
        "section",
        &[
            ("id", "article"),
            ("class", "article"),
            ("epub:type", "chapter"),
            ("role", "doc-chapter"),
            ("aria-labelledby", "title"),
        ],
    )?;
    d.nl()?;
    d.start("header", &[("class", "article-header")])?;
    d.nl()?;
    // The order is the reading order of `Article::all_text`.
    d.element("h1", &[("id", "title"), ("class", "title")], title)?;
    d.nl()?;
    if let Some(s) = &article.subtitle {
        d.element(
            "p",
            &[
                ("class", "subtitle"),
                ("epub:type", "subtitle"),
                ("role", "doc-subtitle"),
            ],
            s,
        )?;
        d.nl()?;
    }
    if let Some(k) = &article.kicker {
        d.element("p", &[("class", "kicker")], k)?;
        d.nl()?;
    }
    if let Some(b) = meta::byline_line(article) {
        d.element("p", &[("class", "byline")], &b)?;
        d.nl()?;
    }
    if let (Some(date), Some(shown)) = (article.date, meta::display_date(article)) {
        let iso = date.format("%Y-%m-%d").to_string();
        d.start("p", &[("class", "date")])?;
        d.element("time", &[("datetime", &iso)], &shown.text)?;
        d.end("p")?;
        d.nl()?;
    }
    if let Some(u) = &article.updated_text {
        d.element("p", &[("class", "updated")], u)?;
        d.nl()?;
    }
    if let Some(s) = &article.standfirst {
        d.element("p", &[("class", "standfirst")], s)?;
        d.nl()?;
    }
    d.end("header")?;
    d.nl()?;
    let mut body = Body {
        sections: Vec::new(),
        depth: 0,
    };
    body.blocks(&mut d, &article.body)?;
    if !article.footer.is_empty() {
        d.start("footer", &[("class", "article-footer")])?;
        d.nl()?;
        body.blocks(&mut d, &article.footer)?;
        d.end("footer")?;
        d.nl()?;
    }
    d.end("section")?;
    d.nl()?;
    Ok((d.finish()?, body.sections))
}

/// Body writer state: the sections found so far and the current heading depth.
struct Body {
    sections: Vec<Section>,
    depth: u8,
}

impl Body {
    fn blocks(&mut self, d: &mut Doc, blocks: &[Block]) -> io::Result<()> {
        for b in blocks {
            self.block(d, b)?;
        }
        Ok(())
    }

    fn block(&mut self, d: &mut Doc, block: &Block) -> io::Result<()> {
        match block {
            Block::Paragraph { content } => d.inline_block("p", &[], content),
            Block::Heading { level, content } => {
                let title = plain_text(content);
                if title.trim().is_empty() {
                    return d.inline_block("p", &[("class", "heading")], content);
                }
                // Headings never skip a level (1 → 3): Ace checks the order.
                let depth = (*level).clamp(1, 5).min(self.depth + 1);
                self.depth = depth;
                let id = format!("s{}", self.sections.len() + 1);
                let tag = format!("h{}", depth + 1);
                d.inline_block(&tag, &[("id", &id)], content)?;
                self.sections.push(Section {
                    id,
                    title: title.trim().to_owned(),
                    depth,
                });
                Ok(())
            }
            Block::Quote { blocks } => {
                d.start("blockquote", &[])?;
                d.nl()?;
                self.blocks(d, blocks)?;
                d.end("blockquote")?;
                d.nl()
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let start_s = start.filter(|s| *s != 1).map(|s| s.to_string());
                let tag = if *ordered { "ol" } else { "ul" };
                match (&start_s, ordered) {
                    (Some(s), true) => d.start(tag, &[("start", s)])?,
                    _ => d.start(tag, &[])?,
                }
                d.nl()?;
                for item in items {
                    d.start("li", &[])?;
                    d.inlines(&item.content)?;
                    if !item.children.is_empty() {
                        d.nl()?;
                        self.blocks(d, &item.children)?;
                    }
                    d.end("li")?;
                    d.nl()?;
                }
                d.end(tag)?;
                d.nl()
            }
            Block::Code { text } => {
                d.start("pre", &[("class", "code")])?;
                d.start("code", &[])?;
                d.text(text)?;
                d.end("code")?;
                d.end("pre")?;
                d.nl()
            }
            Block::Caption { kind, content } => {
                let class = match kind {
                    CaptionKind::Caption => "caption",
                    CaptionKind::Credit => "credit",
                };
                d.inline_block("p", &[("class", class)], content)
            }
            Block::Note { kind, content } => {
                let class = format!("note note-{}", note_name(*kind));
                d.inline_block("p", &[("class", &class), ("role", "note")], content)
            }
        }
    }
}

fn note_name(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Editor => "editor",
        NoteKind::Credit => "credit",
        NoteKind::Related => "related",
        NoteKind::Bio => "bio",
        NoteKind::Correction => "correction",
        NoteKind::Disclaimer => "disclaimer",
        NoteKind::Contact => "contact",
        NoteKind::Sourcing => "sourcing",
        NoteKind::Date => "date",
        NoteKind::Update => "update",
        NoteKind::Other => "other",
    }
}

/// What the title page of a collection shows.
pub(crate) struct TitlePage<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub authors: &'a [String],
    pub publisher: Option<&'a str>,
    pub date: Option<chrono::NaiveDate>,
    /// The date as the title page prints it.
    pub date_shown: Option<String>,
    pub rights: Option<&'a str>,
}

/// The title page of a collection.
pub(crate) fn title_page(t: &TitlePage, lang: &Lang) -> io::Result<Vec<u8>> {
    let mut d = Doc::page(lang, t.title, &[("epub:type", "frontmatter")])?;
    d.start(
        "section",
        &[
            ("id", "titlepage"),
            ("class", "titlepage"),
            ("epub:type", "titlepage"),
            ("aria-labelledby", "book-title"),
        ],
    )?;
    d.nl()?;
    d.element(
        "h1",
        &[("id", "book-title"), ("class", "book-title")],
        t.title,
    )?;
    d.nl()?;
    if let Some(s) = t.subtitle {
        d.element(
            "p",
            &[
                ("class", "subtitle"),
                ("epub:type", "subtitle"),
                ("role", "doc-subtitle"),
            ],
            s,
        )?;
        d.nl()?;
    }
    if !t.authors.is_empty() {
        d.element("p", &[("class", "authors")], &t.authors.join(", "))?;
        d.nl()?;
    }
    if let Some(p) = t.publisher {
        d.element("p", &[("class", "publisher")], p)?;
        d.nl()?;
    }
    if let (Some(date), Some(shown)) = (t.date, &t.date_shown) {
        let iso = date.format("%Y-%m-%d").to_string();
        d.start("p", &[("class", "date")])?;
        d.element("time", &[("datetime", &iso)], shown)?;
        d.end("p")?;
        d.nl()?;
    }
    if let Some(r) = t.rights {
        d.element("p", &[("class", "rights")], r)?;
        d.nl()?;
    }
    d.end("section")?;
    d.nl()?;
    d.finish()
}

/// The cover page: the cover image, full page, with a text alternative.
pub(crate) fn cover_page(title: &str, image_href: &str, lang: &Lang) -> io::Result<Vec<u8>> {
    let mut d = Doc::page(lang, title, &[("class", "cover-page")])?;
    d.start("section", &[("class", "cover"), ("aria-label", "Cover")])?;
    d.nl()?;
    let alt = format!("Cover: {title}");
    d.empty(
        "img",
        &[
            ("src", image_href),
            ("alt", &alt),
            ("epub:type", "cover"),
            ("role", "doc-cover"),
        ],
    )?;
    d.nl()?;
    d.end("section")?;
    d.nl()?;
    d.finish()
}

/// One landmark (`cover`, `titlepage`, `toc`, `bodymatter`).
pub(crate) struct Landmark<'a> {
    pub epub_type: &'a str,
    pub href: &'a str,
    pub label: &'a str,
}

/// The EPUB navigation document: the table of contents (the tree of
/// [`NavNode`]s: groups as `<span>` labels over their own `<ol>`, every
/// chapter linked, with its sections nested by heading level) and the
/// landmarks.
pub(crate) fn nav(
    book_title: &str,
    entries: &[NavNode],
    landmarks: &[Landmark],
    lang: &Lang,
) -> io::Result<Vec<u8>> {
    let mut d = Doc::page(lang, book_title, &[("class", "nav-page")])?;
    d.start(
        "nav",
        &[
            ("id", "toc"),
            ("epub:type", "toc"),
            ("role", "doc-toc"),
            ("aria-labelledby", "toc-title"),
        ],
    )?;
    d.nl()?;
    // The heading in the book's language when the labels table has it,
    // else in English, marked as such.
    let labels = folio_core::labels::labels(&folio_core::Language::new(&lang.tag));
    if labels.language == "en" {
        d.element("h1", &label_attrs(lang, &[("id", "toc-title")]), "Contents")?;
    } else {
        d.element("h1", &[("id", "toc-title")], labels.contents)?;
    }
    d.nl()?;
    d.start("ol", &[])?;
    d.nl()?;
    for e in entries {
        nav_item(&mut d, e, lang)?;
    }
    d.end("ol")?;
    d.nl()?;
    d.end("nav")?;
    d.nl()?;
    d.start(
        "nav",
        &[
            ("id", "landmarks"),
            ("epub:type", "landmarks"),
            ("hidden", "hidden"),
            ("aria-labelledby", "landmarks-title"),
        ],
    )?;
    d.nl()?;
    d.element(
        "h2",
        &label_attrs(lang, &[("id", "landmarks-title")]),
        "Landmarks",
    )?;
    d.nl()?;
    d.start("ol", &[])?;
    d.nl()?;
    for l in landmarks {
        d.start("li", &[])?;
        d.element(
            "a",
            &label_attrs(lang, &[("epub:type", l.epub_type), ("href", l.href)]),
            l.label,
        )?;
        d.end("li")?;
        d.nl()?;
    }
    d.end("ol")?;
    d.nl()?;
    d.end("nav")?;
    d.nl()?;
    d.finish()
}

/// `lang`, `xml:lang` and (when the direction changes) `dir` for text in
/// `l` inside text in `outer`.
fn lang_attrs<'a>(l: &'a Lang, outer: &Lang) -> Vec<(&'a str, &'a str)> {
    let mut v = vec![("lang", l.tag.as_str()), ("xml:lang", l.tag.as_str())];
    if l.rtl != outer.rtl {
        v.push(("dir", if l.rtl { "rtl" } else { "ltr" }));
    }
    v
}

/// One `<li>`: a link (or a group's `<span>` label) and its nested `<ol>`.
fn nav_item(d: &mut Doc, n: &NavNode, outer: &Lang) -> io::Result<()> {
    let (li, inner) = match n.lang.as_ref().filter(|l| l.tag != outer.tag) {
        Some(l) => (lang_attrs(l, outer), l),
        None => (Vec::new(), outer),
    };
    d.start("li", &li)?;
    match &n.href {
        Some(href) => d.element("a", &[("href", href)], &n.label)?,
        None => {
            let span = match n.label_lang.as_ref().filter(|l| l.tag != inner.tag) {
                Some(l) => lang_attrs(l, inner),
                None => Vec::new(),
            };
            d.element("span", &span, &n.label)?
        }
    }
    if !n.children.is_empty() {
        d.nl()?;
        d.start("ol", &[])?;
        d.nl()?;
        for c in &n.children {
            nav_item(d, c, inner)?;
        }
        d.end("ol")?;
        d.nl()?;
    }
    d.end("li")?;
    d.nl()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_absolute_and_encoded() {
        assert_eq!(
            safe_href("https://example.com/a b?q=é").as_deref(),
            Some("https://example.com/a%20b?q=%C3%A9")
        );
        assert_eq!(
            safe_href("mailto:a@b.org").as_deref(),
            Some("mailto:a@b.org")
        );
        assert_eq!(
            safe_href("HTTP://x.org/%zz").as_deref(),
            Some("http://x.org/%25zz")
        );
        assert_eq!(safe_href("www.example.com"), None);
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("http://exa mple.com/"), None);
        assert_eq!(safe_href("http:///path"), None);
        assert_eq!(safe_href("mailto:nobody"), None);
    }

    #[test]
    fn heading_levels_never_skip() {
        let article = Article {
            title: "T".into(),
            language: "en".into(),
            body: vec![
                Block::Heading {
                    level: 3,
                    content: vec![Inline::text("A")],
                },
                Block::Heading {
                    level: 6,
                    content: vec![Inline::text("B")],
                },
                Block::Heading {
                    level: 1,
                    content: vec![Inline::text("C")],
                },
            ],
            ..Default::default()
        };
        let (bytes, sections) = chapter(&article, &Lang::new("en")).unwrap();
        let xhtml = String::from_utf8(bytes).unwrap();
        assert!(xhtml.contains("<h2 id=\"s1\">A</h2>"));
        assert!(xhtml.contains("<h3 id=\"s2\">B</h3>"));
        assert!(xhtml.contains("<h2 id=\"s3\">C</h2>"));
        let depths: Vec<u8> = sections.iter().map(|s| s.depth).collect();
        assert_eq!(depths, [1, 2, 1]);
    }

    #[test]
    fn nested_sections_nest_in_the_toc() {
        let s = |id: &str, depth| Section {
            id: id.into(),
            title: id.to_uppercase(),
            depth,
        };
        let lang = Lang::new("en");
        let sections = [s("a", 1), s("b", 2), s("c", 2), s("d", 1)];
        let entries = [crate::toc::chapter_node("c.xhtml", "Ch", None, &sections)];
        let nav = String::from_utf8(nav("Book", &entries, &[], &lang).unwrap()).unwrap();
        let compact: String = nav.split('\n').collect();
        assert!(compact.contains(
            "<li><a href=\"c.xhtml#a\">A</a><ol><li><a href=\"c.xhtml#b\">B</a></li><li><a href=\"c.xhtml#c\">C</a></li></ol></li><li><a href=\"c.xhtml#d\">D</a></li>"
        ), "{compact}");
    }
}
