//! JATS reader: a JATS article (Folio's own, either flavour, or PMC-style
//! articles from outside) into the model.
//!
//! - `article-meta`: `article-title`, `subtitle`, `contrib` names
//!   (`given-names` + `surname`, or `string-name`), `pub-date`
//!   (`@iso-8601-date`, else `year`/`month`/`day`), `permissions`,
//!   `abstract` (the standfirst), `self-uri`, `subj-group` heading (kicker),
//!   Folio's `custom-meta` (byline, date, update and dateline texts),
//!   `publisher-name`; `xml:lang` on `article`.
//! - `body`: nested `sec`/`title` (heading levels by depth), `p` (with
//!   Folio's `content-type` roles: captions, credits, notes), `list`,
//!   `disp-quote`, `fig`/`caption`, `preformat`, `ext-link`, `fn`.
//! - `back`: Folio's footer notes; `fn-group`, `ack` and `notes` as notes.
//! - Elements the model cannot hold (tables, formulas) are kept as text with
//!   a warning naming their line; reference lists are kept as paragraphs.
//! - Nesting deeper than [`MAX_DEPTH`] is an error, never a stack overflow.
//!
//! ```
//! let xml = r#"<article xml:lang="en" xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>
//!   <title-group><article-title>Rain</article-title></title-group>
//!   <contrib-group><contrib contrib-type="author"><name><surname>Doe</surname><given-names>Jane</given-names></name></contrib></contrib-group>
//!   <pub-date iso-8601-date="2024-03-05"/>
//! </article-meta></front><body><sec><title>Now</title><p>It <italic>rained</italic>, see <ext-link xlink:href="https://example.com">map</ext-link>.</p></sec></body></article>"#;
//! let r = folio_jats::read(xml).unwrap();
//! assert_eq!(r.article.title, "Rain");
//! assert_eq!(r.article.authors, ["Jane Doe"]);
//! assert_eq!(r.article.body[1].plain_text(), "It rained, see map.");
//! ```

use chrono::NaiveDate;
use folio_core::{
    Article, Block, CaptionKind, Copyright, Dateline, Diagnostic, Inline, ListItem, NoteKind,
};
use quick_xml::events::Event;

/// The deepest element nesting read.
pub const MAX_DEPTH: usize = 256;

/// An article read from JATS, with warnings.
#[derive(Debug, Clone)]
pub struct Read {
    /// The article.
    pub article: Article,
    /// Warnings, with 1-based lines.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why JATS could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not well-formed XML.
    #[error("line {line}: not well-formed XML: {message}")]
    Xml {
        /// 1-based line.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// The root is not `article`.
    #[error("not a JATS article: the root element is <{0}>, not <article>")]
    NotJats(String),
    /// Too deep.
    #[error("line {line}: elements nest more than {MAX_DEPTH} deep")]
    TooDeep {
        /// 1-based line.
        line: usize,
    },
}

#[derive(Debug, Clone)]
enum X {
    El(El),
    Text(String),
}

#[derive(Debug, Clone, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<X>,
    line: usize,
}

impl El {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
    fn els(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|c| match c {
            X::El(e) => Some(e),
            X::Text(_) => None,
        })
    }
    fn child(&self, name: &str) -> Option<&El> {
        self.els().find(|e| e.name == name)
    }
    fn find(&self, name: &str) -> Option<&El> {
        for e in self.els() {
            if e.name == name {
                return Some(e);
            }
            if let Some(f) = e.find(name) {
                return Some(f);
            }
        }
        None
    }
    fn text(&self) -> String {
        let mut s = String::new();
        fn walk(e: &El, s: &mut String) {
            for c in &e.children {
                match c {
                    X::Text(t) => s.push_str(t),
                    X::El(e) => walk(e, s),
                }
            }
        }
        walk(self, &mut s);
        collapse(&s)
    }
}

/// Source layout out: runs of ASCII white space that hold a line break
/// become one space, edges are trimmed; the text's own spaces (and NBSP)
/// stay.
fn collapse(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            run.push(c);
        } else {
            if run.contains(['\n', '\r']) {
                out.push(' ');
            } else {
                out.push_str(&run);
            }
            run.clear();
            out.push(c);
        }
    }
    out.trim_matches([' ', '\t', '\n', '\r']).to_owned()
}

/// Whether a document looks like JATS: an XML document whose root element
/// is `article` (with or without a DOCTYPE naming JATS).
///
/// ```
/// assert!(folio_jats::looks_like_jats("<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"x.dtd\">\n<article>"));
/// assert!(!folio_jats::looks_like_jats("<html><body>"));
/// ```
pub fn looks_like_jats(text: &str) -> bool {
    let mut r = quick_xml::Reader::from_str(text);
    for _ in 0..64 {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                return e.local_name().as_ref() == "article";
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
    false
}

fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "minus" => "−",
        "thinsp" => "\u{2009}",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "mu" => "μ",
        _ => return None,
    })
}

fn parse_tree(text: &str, diags: &mut Vec<Diagnostic>) -> Result<El, ReadError> {
    let line_at = |pos: u64| {
        // The parser's position may fall inside a character (a BOM).
        let mut end = (pos as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].matches('\n').count() + 1
    };
    let mut r = quick_xml::Reader::from_str(text);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El::default()];
    let mut unknown_warned = false;
    loop {
        let pos = r.buffer_position();
        let ev = r.read_event().map_err(|e| ReadError::Xml {
            line: line_at(r.error_position()),
            message: e.to_string(),
        })?;
        let push_text = |stack: &mut Vec<El>, t: &str| {
            if let Some(top) = stack.last_mut() {
                if let Some(X::Text(prev)) = top.children.last_mut() {
                    prev.push_str(t);
                } else {
                    top.children.push(X::Text(t.to_owned()));
                }
            }
        };
        match ev {
            Event::Start(e) | Event::Empty(e) if stack.len() > MAX_DEPTH => {
                let _ = e;
                return Err(ReadError::TooDeep { line: line_at(pos) });
            }
            Event::Start(e) => {
                stack.push(element(&e, line_at(pos)));
            }
            Event::Empty(e) => {
                let el = element(&e, line_at(pos));
                if let Some(top) = stack.last_mut() {
                    top.children.push(X::El(el));
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let el = stack.pop().unwrap_or_default();
                if let Some(top) = stack.last_mut() {
                    top.children.push(X::El(el));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.into_inner()),
            Event::GeneralRef(g) => {
                let name = g.xml10_content().into_owned();
                if let Some(s) = entity(&name) {
                    push_text(&mut stack, s);
                } else if let Ok(Some(c)) = g.resolve_char_ref() {
                    push_text(&mut stack, &c.to_string());
                } else {
                    if !unknown_warned {
                        diags.push(Diagnostic::warning(
                            line_at(pos),
                            format!("unknown entity &{name}; kept as written"),
                        ));
                        unknown_warned = true;
                    }
                    push_text(&mut stack, &format!("&{name};"));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let root = stack.into_iter().next().unwrap_or_default();
    root.els()
        .next()
        .cloned()
        .ok_or_else(|| ReadError::NotJats(String::new()))
}

fn element(e: &quick_xml::events::BytesStart<'_>, line: usize) -> El {
    let name: String = e.name().as_ref().to_owned();
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let k: String = a.key.as_ref().to_owned();
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (k, v)
        })
        .collect();
    El {
        name,
        attrs,
        children: Vec::new(),
        line,
    }
}

/// Reads a JATS article.
pub fn read(text: &str) -> Result<Read, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Vec::new();
    let root = parse_tree(text, &mut diags)?;
    if root.name != "article" {
        return Err(ReadError::NotJats(root.name));
    }
    let mut a = Article {
        language: root
            .attr("xml:lang")
            .map(folio_core::Language::new)
            .unwrap_or_default(),
        ..Default::default()
    };
    let front = root.child("front");
    if let Some(m) = front.and_then(|f| f.child("article-meta")) {
        meta(m, &mut a);
    }
    if let Some(p) = front
        .and_then(|f| f.find("publisher-name"))
        .map(El::text)
        .filter(|s| !s.is_empty())
    {
        a.publisher = Some(p);
    }
    let mut r = BodyReader { diags: &mut diags };
    if let Some(body) = root.child("body") {
        r.blocks(body, 0, &mut a.body);
    }
    if let Some(back) = root.child("back") {
        for e in back.els() {
            match (e.name.as_str(), e.attr("notes-type")) {
                ("notes", Some("footer")) => r.blocks(e, 0, &mut a.footer),
                ("ref-list", _) => {
                    let mut v = Vec::new();
                    r.blocks(e, 1, &mut v);
                    a.body.extend(v);
                }
                _ => {
                    let mut v = Vec::new();
                    r.blocks(e, 1, &mut v);
                    a.body.extend(v.into_iter().map(as_note));
                }
            }
        }
    }
    diags.extend(folio_core::read::finish_read(&mut a));
    Ok(Read {
        article: a,
        diagnostics: diags,
    })
}

fn as_note(b: Block) -> Block {
    match b {
        Block::Paragraph { content } => Block::Note {
            kind: NoteKind::Other,
            content,
        },
        b => b,
    }
}

fn meta(m: &El, a: &mut Article) {
    if let Some(tg) = m.child("title-group") {
        a.title = tg.child("article-title").map(El::text).unwrap_or_default();
        a.subtitle = tg.child("subtitle").map(El::text).filter(|s| !s.is_empty());
    }
    if let Some(k) = m
        .child("article-categories")
        .and_then(|c| {
            c.els()
                .find(|g| g.name == "subj-group" && g.attr("subj-group-type") == Some("heading"))
        })
        .and_then(|g| g.child("subject"))
    {
        a.kicker = Some(k.text());
    }
    for cg in m.els().filter(|e| e.name == "contrib-group") {
        for c in cg.els().filter(|e| e.name == "contrib") {
            if c.attr("contrib-type").is_some_and(|t| t != "author") {
                continue;
            }
            let name = if let Some(n) = c.child("name") {
                let given = n.child("given-names").map(El::text).unwrap_or_default();
                let sur = n.child("surname").map(El::text).unwrap_or_default();
                [given, sur]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else if let Some(n) = c.child("string-name").or_else(|| c.child("collab")) {
                n.text()
            } else {
                String::new()
            };
            if !name.is_empty() {
                a.authors.push(name);
            }
        }
    }
    let dates: Vec<&El> = m.els().filter(|e| e.name == "pub-date").collect();
    let pick = dates
        .iter()
        .find(|d| {
            matches!(
                d.attr("date-type").or(d.attr("pub-type")),
                Some("pub" | "epub" | "ppub")
            )
        })
        .or(dates.first());
    if let Some(d) = pick {
        a.date = d
            .attr("iso-8601-date")
            .and_then(|s| s.get(..10))
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .or_else(|| {
                let n = |k: &str| d.child(k).and_then(|e| e.text().parse::<u32>().ok());
                NaiveDate::from_ymd_opt(
                    n("year")? as i32,
                    n("month").unwrap_or(1),
                    n("day").unwrap_or(1),
                )
            });
    }
    // An empty `permissions` states nothing: Folio's writer leaves it
    // empty when the copyright line gives no year or holder, and keeps
    // the line in the footer, where `finish_read` finds it.
    if let Some(p) = m
        .child("permissions")
        .filter(|p| p.child("copyright-statement").is_some() || p.find("license-p").is_some())
    {
        let statement = p
            .child("copyright-statement")
            .map(El::text)
            .or_else(|| p.find("license-p").map(El::text))
            .unwrap_or_default();
        a.copyright = Some(Copyright {
            statement,
            year: p
                .child("copyright-year")
                .and_then(|y| y.text().parse().ok()),
            holder: p.child("copyright-holder").map(El::text),
        });
    }
    if let Some(u) = m.child("self-uri") {
        a.source_url = u
            .attr("xlink:href")
            .map(str::to_owned)
            .or_else(|| Some(u.text()).filter(|s| !s.is_empty()));
    }
    if let Some(ab) = m.child("abstract") {
        let t: Vec<String> = ab
            .els()
            .filter(|e| e.name == "p" || e.name == "sec")
            .map(El::text)
            .collect();
        let t = if t.is_empty() {
            ab.text()
        } else {
            t.join("\n\n")
        };
        if !t.is_empty() {
            a.standfirst = Some(t);
        }
    }
    let mut dateline = Dateline::default();
    for cm in m
        .find("custom-meta-group")
        .into_iter()
        .flat_map(|g| g.els())
    {
        let name = cm.child("meta-name").map(El::text).unwrap_or_default();
        let value = cm
            .child("meta-value")
            .map(|v| {
                // Keep the value's own white space exactly.
                let mut s = String::new();
                for c in &v.children {
                    if let X::Text(t) = c {
                        s.push_str(t);
                    }
                }
                if s.is_empty() { v.text() } else { s }
            })
            .unwrap_or_default();
        match name.as_str() {
            "byline" => a.byline = Some(value),
            "date-text" => a.date_text = Some(value),
            "updated-text" => a.updated_text = Some(value),
            "dateline" => dateline.text = value,
            "dateline-place" => dateline.place = Some(value),
            "dateline-agency" => dateline.agency = Some(value),
            _ => {}
        }
    }
    if !dateline.text.is_empty() {
        a.dateline = Some(dateline);
    }
}

struct BodyReader<'d> {
    diags: &'d mut Vec<Diagnostic>,
}

fn note_kind(t: &str) -> Option<NoteKind> {
    Some(match t {
        "note-editor" => NoteKind::Editor,
        "note-credit" => NoteKind::Credit,
        "note-related" => NoteKind::Related,
        "note-bio" => NoteKind::Bio,
        "note-correction" => NoteKind::Correction,
        "note-disclaimer" => NoteKind::Disclaimer,
        "note-contact" => NoteKind::Contact,
        "note-sourcing" => NoteKind::Sourcing,
        "note-date" => NoteKind::Date,
        "note-update" => NoteKind::Update,
        "note" => NoteKind::Other,
        _ => return None,
    })
}

impl BodyReader<'_> {
    /// Inline content of an element: text, `ext-link`/`uri`/`email`
    /// links, and `italic`/`bold` as emphasis and strong spans; other
    /// inline markup keeps its text. Display elements inside
    /// (`list`, `disp-quote`...) are returned as blocks.
    fn inlines(&mut self, e: &El, out: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
        for c in &e.children {
            match c {
                X::Text(t) => push(out, t),
                X::El(x) => match x.name.as_str() {
                    "ext-link" | "uri" | "self-uri" => {
                        let text = x.text();
                        match x.attr("xlink:href") {
                            Some(h) if !text.is_empty() => out.push(Inline::Link {
                                text,
                                url: h.to_owned(),
                            }),
                            Some(h) => out.push(Inline::Link {
                                text: h.to_owned(),
                                url: h.to_owned(),
                            }),
                            None => push(out, &text),
                        }
                    }
                    "italic" | "bold" => {
                        let mut content = Vec::new();
                        self.inlines(x, &mut content, blocks);
                        if !content.is_empty() {
                            out.push(if x.name == "bold" {
                                Inline::Strong { content }
                            } else {
                                Inline::Emphasis { content }
                            });
                        }
                    }
                    "email" => {
                        let t = x.text();
                        out.push(Inline::Link {
                            text: t.clone(),
                            url: format!("mailto:{t}"),
                        });
                    }
                    "list" | "disp-quote" | "preformat" | "fig" | "table-wrap" | "disp-formula"
                    | "boxed-text" | "code" => self.block(x, 0, blocks),
                    "fn" => {
                        // An inline footnote: its text at the end of the paragraph.
                        let mut v = Vec::new();
                        self.blocks(x, 0, &mut v);
                        blocks.extend(v.into_iter().map(as_note));
                    }
                    "inline-formula" | "tex-math" | "mml:math" | "math" => {
                        self.diags.push(Diagnostic::warning(
                            x.line,
                            "formula kept as text (the model has no mathematics)",
                        ));
                        push(out, &x.text());
                    }
                    _ => self.inlines(x, out, blocks),
                },
            }
        }
    }

    fn para(&mut self, e: &El) -> (Vec<Inline>, Vec<Block>) {
        let mut out = Vec::new();
        let mut blocks = Vec::new();
        self.inlines(e, &mut out, &mut blocks);
        (tidy(out), blocks)
    }

    fn blocks(&mut self, e: &El, depth: usize, out: &mut Vec<Block>) {
        for c in &e.children {
            match c {
                X::El(x) => self.block(x, depth, out),
                X::Text(t) if !t.trim().is_empty() => out.push(Block::paragraph(collapse(t))),
                X::Text(_) => {}
            }
        }
    }

    fn block(&mut self, x: &El, depth: usize, out: &mut Vec<Block>) {
        match x.name.as_str() {
            "sec" | "app" | "ack" | "boxed-text" | "glossary" => {
                let title = x.child("title");
                if let Some(t) = title {
                    let (content, _) = self.para(t);
                    if !content.is_empty() {
                        out.push(Block::Heading {
                            level: (depth + 1).min(6) as u8,
                            content,
                        });
                    }
                }
                for c in &x.children {
                    match c {
                        X::El(y) if y.name == "title" || y.name == "label" && title.is_some() => {}
                        X::El(y) => self.block(y, depth + 1, out),
                        X::Text(t) if !t.trim().is_empty() => {
                            out.push(Block::paragraph(collapse(t)))
                        }
                        X::Text(_) => {}
                    }
                }
            }
            "title" => {
                let (content, _) = self.para(x);
                if !content.is_empty() {
                    out.push(Block::Heading {
                        level: (depth + 1).min(6) as u8,
                        content,
                    });
                }
            }
            "p" => {
                let (content, extra) = self.para(x);
                let ct = x.attr("content-type").unwrap_or("");
                if !content.is_empty() {
                    let b = if ct == "caption" {
                        Block::Caption {
                            kind: CaptionKind::Caption,
                            content,
                        }
                    } else if ct == "credit" {
                        Block::Caption {
                            kind: CaptionKind::Credit,
                            content,
                        }
                    } else if let Some(level) = ct.strip_prefix("heading-") {
                        Block::Heading {
                            level: level.parse().unwrap_or(1),
                            content,
                        }
                    } else if let Some(kind) = note_kind(ct) {
                        Block::Note { kind, content }
                    } else {
                        Block::Paragraph { content }
                    };
                    out.push(b);
                }
                out.extend(extra);
            }
            "list" => {
                let ordered = matches!(
                    x.attr("list-type"),
                    Some("order" | "alpha-lower" | "alpha-upper" | "roman-lower" | "roman-upper")
                );
                let mut items = Vec::new();
                let mut start = None;
                for (i, li) in x.els().filter(|e| e.name == "list-item").enumerate() {
                    if i == 0 && ordered {
                        start = li
                            .child("label")
                            .and_then(|l| l.text().trim_end_matches(['.', ')']).parse::<u64>().ok())
                            .filter(|&n| n != 1);
                    }
                    let mut blocks = Vec::new();
                    for c in &li.children {
                        match c {
                            X::El(y) if y.name == "label" => {}
                            X::El(y) => self.block(y, depth, &mut blocks),
                            X::Text(t) if !t.trim().is_empty() => {
                                blocks.push(Block::paragraph(collapse(t)))
                            }
                            X::Text(_) => {}
                        }
                    }
                    let mut item = ListItem::default();
                    let mut it = blocks.into_iter().peekable();
                    if let Some(Block::Paragraph { .. }) = it.peek()
                        && let Some(Block::Paragraph { content }) = it.next()
                    {
                        item.content = content;
                    }
                    item.children = it.collect();
                    items.push(item);
                }
                if !items.is_empty() {
                    out.push(Block::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            "disp-quote" | "statement" => {
                let mut inner = Vec::new();
                self.blocks(x, depth, &mut inner);
                if !inner.is_empty() {
                    out.push(Block::Quote { blocks: inner });
                }
            }
            "preformat" | "code" => {
                let mut s = String::new();
                fn raw(e: &El, s: &mut String) {
                    for c in &e.children {
                        match c {
                            X::Text(t) => s.push_str(t),
                            X::El(e) => raw(e, s),
                        }
                    }
                }
                raw(x, &mut s);
                if !s.trim().is_empty() {
                    out.push(Block::Code { text: s });
                }
            }
            "fig" | "fig-group" | "graphic" | "media" => {
                let label = x.child("label").map(El::text).unwrap_or_default();
                if let Some(c) = x.child("caption") {
                    let mut content = Vec::new();
                    if !label.is_empty() {
                        content.push(Inline::text(format!("{label} ")));
                    }
                    let mut extra = Vec::new();
                    for y in c.els() {
                        if !content.is_empty()
                            && !matches!(content.last(), Some(Inline::Text { text }) if text.ends_with(' '))
                        {
                            push(&mut content, " ");
                        }
                        self.inlines(y, &mut content, &mut extra);
                    }
                    let content = tidy(content);
                    if !content.is_empty() {
                        out.push(Block::Caption {
                            kind: CaptionKind::Caption,
                            content,
                        });
                    }
                    out.extend(extra);
                }
                for y in x.els().filter(|e| e.name == "fig" || e.name == "attrib") {
                    self.block(y, depth, out);
                }
            }
            "attrib" => out.push(Block::Caption {
                kind: CaptionKind::Credit,
                content: vec![Inline::text(x.text())],
            }),
            "fn-group" | "notes" | "fn" | "def-list" | "ref-list" | "glossary-list" => {
                if let Some(t) = x.child("title") {
                    let t = t.text();
                    if !t.is_empty() {
                        out.push(Block::Heading {
                            level: (depth + 1).min(6) as u8,
                            content: vec![Inline::text(t)],
                        });
                    }
                }
                let label = x.child("label").map(El::text);
                let mut inner = Vec::new();
                for y in x.els().filter(|e| e.name != "title" && e.name != "label") {
                    if matches!(
                        y.name.as_str(),
                        "ref" | "def-item" | "mixed-citation" | "element-citation"
                    ) {
                        let t = y.text();
                        if !t.is_empty() {
                            inner.push(Block::paragraph(t));
                        }
                    } else {
                        self.block(y, depth + 1, &mut inner);
                    }
                }
                if x.name == "fn" {
                    if let (Some(l), Some(Block::Paragraph { content })) =
                        (label, inner.first_mut())
                    {
                        content.insert(0, Inline::text(format!("{l} ")));
                        *content = tidy(std::mem::take(content));
                    }
                    out.extend(inner.into_iter().map(as_note));
                } else {
                    out.extend(inner);
                }
            }
            "table-wrap" | "table" | "disp-formula" | "array" | "chem-struct-wrap" => {
                let what = if x.name.contains("formula") {
                    "formula"
                } else {
                    "table"
                };
                self.diags.push(Diagnostic::warning(
                    x.line,
                    format!(
                        "{what} kept as text, one paragraph per row (the model has no {what}s)"
                    ),
                ));
                let mut rows = Vec::new();
                fn rows_of(e: &El, rows: &mut Vec<String>) {
                    if e.name == "tr" {
                        let cells: Vec<String> =
                            e.els().map(El::text).filter(|t| !t.is_empty()).collect();
                        if !cells.is_empty() {
                            rows.push(cells.join(" | "));
                        }
                        return;
                    }
                    if matches!(e.name.as_str(), "caption" | "label" | "table-wrap-foot") {
                        let t = e.text();
                        if !t.is_empty() {
                            rows.push(t);
                        }
                        return;
                    }
                    for c in e.els() {
                        rows_of(c, rows);
                    }
                }
                rows_of(x, &mut rows);
                if rows.is_empty() {
                    let t = x.text();
                    if !t.is_empty() {
                        rows.push(t);
                    }
                }
                out.extend(rows.into_iter().map(Block::paragraph));
            }
            "label" | "object-id" | "alternatives" | "permissions" => {}
            _ => {
                // Unknown display element: keep its text.
                let mut inner = Vec::new();
                let has_blocks = x
                    .els()
                    .any(|e| matches!(e.name.as_str(), "p" | "sec" | "list" | "disp-quote"));
                if has_blocks {
                    self.blocks(x, depth, &mut inner);
                    out.extend(inner);
                } else {
                    let (content, extra) = self.para(x);
                    if !content.is_empty() {
                        out.push(Block::Paragraph { content });
                    }
                    out.extend(extra);
                }
            }
        }
    }
}

fn push(out: &mut Vec<Inline>, t: &str) {
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.push_str(t);
    } else {
        out.push(Inline::text(t));
    }
}

/// Collapses white space runs (XML source indentation) and merges texts,
/// and trims the run's edges.
fn tidy(raw: Vec<Inline>) -> Vec<Inline> {
    let mut out = collapse_inlines(raw);
    // Trim the edges.
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_owned();
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        *text = text.trim_end().to_owned();
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    out
}

/// Collapses white space runs that hold a line break (XML source
/// indentation) to one space and merges adjacent texts, inside spans too.
fn collapse_inlines(raw: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in raw {
        match i {
            Inline::Text { text } => {
                // Only runs with a line break are source layout (indented
                // XML); other spaces are the text's own and stay.
                let mut s = String::new();
                let mut run = String::new();
                let flush = |run: &mut String, s: &mut String| {
                    if run.contains(['\n', '\r']) {
                        s.push(' ');
                    } else {
                        s.push_str(run);
                    }
                    run.clear();
                };
                for c in text.chars() {
                    if matches!(c, ' ' | '\t' | '\n' | '\r') {
                        run.push(c);
                    } else {
                        flush(&mut run, &mut s);
                        s.push(c);
                    }
                }
                flush(&mut run, &mut s);
                push(&mut out, &s);
            }
            Inline::Emphasis { content } => out.push(Inline::Emphasis {
                content: collapse_inlines(content),
            }),
            Inline::Strong { content } => out.push(Inline::Strong {
                content: collapse_inlines(content),
            }),
            l => out.push(l),
        }
    }
    out
}
