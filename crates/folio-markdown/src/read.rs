//! Markdown reader: CommonMark (pulldown-cmark) with YAML front matter into
//! the model.
//!
//! - Front matter (a `---` block first in the file): Folio's own keys
//!   (`title`, `subtitle`, `kicker`, `date`, `date_text`, `updated`,
//!   `authors`, `byline`, `lang`, `publisher`, `rights`, `source`, and the
//!   dateline and copyright details below) and the
//!   common ones (`author`, `language`, `description` as the standfirst,
//!   `url`). The YAML read is the subset front matter uses: `key: value`
//!   scalars (plain, single- or double-quoted), block lists (`- item`) and
//!   flow lists (`[a, b]`). Anything else gets a warning naming its line.
//! - Without a `title` key, a first level-1 heading is the title. Other
//!   headings become section headings one level up (`##` → level 1).
//! - Paragraphs, nested lists, block quotes, code, links and autolinks map
//!   to their blocks and inlines; an image's alt text is kept (as a caption
//!   when the image stands alone). Emphasis and strong become
//!   [`Inline::Emphasis`] and [`Inline::Strong`] spans (plain text inside a
//!   link).
//! - Tables, raw HTML and footnotes, which the model cannot hold, are kept
//!   as text with a warning naming the line. Nothing is dropped.
//! - Folio's role marks, `[//]: # "folio:ROLE"` on the line before a block
//!   (link reference definitions, which no renderer shows), give back what
//!   CommonMark cannot say: `caption`, `caption credit`, `note KIND`,
//!   `heading LEVEL` and `footer` (the rule before the footer). Unknown
//!   marks are ignored. With the front-matter keys `dateline`,
//!   `dateline_place`, `dateline_agency`, `rights_year` and `rights_holder`,
//!   Folio's own Markdown reads back to the same article.
//! - Without a footer mark, short closing paragraphs after a last `---`
//!   rule are the footer.
//! - Links with unsafe schemes become text (see [`folio_core::links`]).
//!
//! ```
//! let md = "---\ntitle: \"Rain\"\nauthor: Jane Doe\ndate: 2024-03-05\n---\n\nIt *rained*, see [the map](https://example.com).\n\n## Next\n\n- one\n  - nested\n";
//! let r = folio_markdown::read(md).unwrap();
//! assert_eq!(r.article.title, "Rain");
//! assert_eq!(r.article.authors, ["Jane Doe"]);
//! assert_eq!(r.article.body[0].plain_text(), "It rained, see the map.");
//! assert_eq!(r.article.body.len(), 3);
//! ```

use chrono::NaiveDate;
use folio_core::{Article, Block, CaptionKind, Copyright, Diagnostic, Inline, ListItem, NoteKind};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// An article read from Markdown, with warnings.
#[derive(Debug, Clone)]
pub struct Read {
    /// The article.
    pub article: Article,
    /// Warnings (with 1-based lines of the input).
    pub diagnostics: Vec<Diagnostic>,
}

/// Why Markdown could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A front matter value is invalid (a date that is not a date).
    #[error("line {line}: {message}")]
    FrontMatter {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The input has no text.
    #[error("the Markdown input is empty")]
    Empty,
}

/// The deepest nesting of lists and quotes read (deeper input is an error
/// rather than a stack overflow).
pub const MAX_DEPTH: usize = 256;

/// Reads a Markdown document into an article.
pub fn read(text: &str) -> Result<Read, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = folio_core::normalize::clean(text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let mut diags = Vec::new();
    let mut article = Article::default();
    let (body_start, has_fm) = front_matter(&text, &mut article, &mut diags)?;
    let body = &text[body_start..];
    let line_base = text[..body_start].matches('\n').count();
    check_depth(body, line_base)?;
    let mut b = BodyReader {
        src: body,
        line_starts: body.match_indices('\n').map(|(i, _)| i + 1).collect(),
        line_base,
        diags: &mut diags,
        title_from_heading: !has_fm || article.title.is_empty(),
        title: None,
    };
    let mut blocks = b.read();
    if let Some(t) = b.title.take() {
        article.title = t;
    }
    // Footer: after the rule Folio's writer marks, or else after the last
    // top-level rule, up to three short paragraphs.
    if let Some(pos) = blocks.iter().rposition(|x| matches!(x, Item::FooterRule)) {
        article.footer = blocks
            .drain(pos..)
            .filter_map(|x| match x {
                Item::Block(b) => Some(b),
                _ => None,
            })
            .collect();
    } else if let Some(pos) = blocks.iter().rposition(|x| matches!(x, Item::Rule)) {
        let tail = &blocks[pos + 1..];
        if !tail.is_empty()
            && tail.len() <= 3
            && tail.iter().all(|x| match x {
                Item::Block(Block::Paragraph { content }) => {
                    folio_core::plain_text(content).chars().count() < 200
                }
                _ => false,
            })
        {
            article.footer = tail
                .iter()
                .filter_map(|x| match x {
                    Item::Block(b) => Some(b.clone()),
                    _ => None,
                })
                .collect();
            blocks.truncate(pos);
        }
    }
    article.body = blocks
        .into_iter()
        .filter_map(|x| match x {
            Item::Block(b) => Some(b),
            _ => None,
        })
        .collect();
    // Folio's writer puts the standfirst both in `description` and as the
    // first paragraph: read it once, as the standfirst.
    if let (Some(s), Some(Block::Paragraph { content })) =
        (&article.standfirst, article.body.first())
        && folio_core::plain_text(content) == *s
    {
        article.body.remove(0);
    }
    diags.extend(folio_core::read::finish_read(&mut article));
    Ok(Read {
        article,
        diagnostics: diags,
    })
}

/// Counts `>` and list-marker nesting per line cheaply; a hostile input of
/// thousands of nested quotes is refused before parsing.
fn check_depth(body: &str, line_base: usize) -> Result<(), ReadError> {
    for (i, line) in body.lines().enumerate() {
        let depth = line
            .chars()
            .filter(|c| !c.is_whitespace())
            .take_while(|&c| c == '>')
            .count()
            + line.len().saturating_sub(line.trim_start().len()) / 2;
        if depth > MAX_DEPTH {
            return Err(ReadError::FrontMatter {
                line: line_base + i + 1,
                message: format!(
                    "block quotes or lists nest more than {MAX_DEPTH} deep; Folio does not read this"
                ),
            });
        }
    }
    Ok(())
}

enum Value {
    Str(String),
    List(Vec<String>),
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        if let Ok(s) = serde_json::from_str::<String>(v) {
            return s;
        }
        return v[1..v.len() - 1].to_owned();
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    // A plain scalar ends at ` #` (a comment).
    match v.find(" #") {
        Some(i) => v[..i].trim_end().to_owned(),
        None => v.to_owned(),
    }
}

fn front_matter(
    text: &str,
    a: &mut Article,
    diags: &mut Vec<Diagnostic>,
) -> Result<(usize, bool), ReadError> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Ok((0, false));
    }
    // Find the closing `---` (or `...`).
    let mut offset = first.len() + 1;
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut end = None;
    for (i, line) in text[offset.min(text.len())..]
        .split_inclusive('\n')
        .enumerate()
    {
        let t = line.trim_end_matches(['\n', '\r']);
        if t.trim_end() == "---" || t.trim_end() == "..." {
            end = Some(offset + line.len());
            break;
        }
        lines.push((i + 2, t));
        offset += line.len();
    }
    let Some(end) = end else {
        // No closing line: not front matter (a rule at the top).
        return Ok((0, false));
    };
    let mut entries: Vec<(usize, String, Value)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (ln, line) = lines[i];
        i += 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((k, v)) = line
            .split_once(':')
            .filter(|_| !line.starts_with([' ', '-']))
        else {
            diags.push(Diagnostic::warning(
                ln,
                format!("front matter line not understood, ignored: {line:?}"),
            ));
            continue;
        };
        let key = k.trim().to_ascii_lowercase();
        let v = v.trim();
        if v.is_empty() {
            let mut items = Vec::new();
            while i < lines.len() && lines[i].1.trim_start().starts_with("- ") {
                items.push(unquote(&lines[i].1.trim_start()[2..]));
                i += 1;
            }
            entries.push((ln, key, Value::List(items)));
        } else if v.starts_with('[') && v.ends_with(']') {
            let items = v[1..v.len() - 1]
                .split(',')
                .map(unquote)
                .filter(|s| !s.is_empty())
                .collect();
            entries.push((ln, key, Value::List(items)));
        } else if v == "|" || v == ">" || v.starts_with("|-") || v.starts_with(">-") {
            let mut parts = Vec::new();
            while i < lines.len() && (lines[i].1.starts_with(' ') || lines[i].1.is_empty()) {
                parts.push(lines[i].1.trim());
                i += 1;
            }
            let sep = if v.starts_with('|') { "\n" } else { " " };
            entries.push((ln, key, Value::Str(parts.join(sep).trim().to_owned())));
        } else {
            entries.push((ln, key, Value::Str(unquote(v))));
        }
    }
    // Folio's writer states the copyright year and holder beside the
    // statement; without them they are guessed from the statement.
    let mut rights_year: Option<Option<i32>> = None;
    let mut rights_holder: Option<String> = None;
    for (ln, key, v) in entries {
        let s = |v: &Value| match v {
            Value::Str(s) => s.clone(),
            Value::List(l) => l.join(", "),
        };
        match key.as_str() {
            "title" => a.title = s(&v),
            "subtitle" => a.subtitle = Some(s(&v)),
            "kicker" => a.kicker = Some(s(&v)),
            "description" | "summary" | "standfirst" | "abstract" => a.standfirst = Some(s(&v)),
            "date" => {
                let t = s(&v);
                let d = t
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                match d {
                    Some(d) => a.date = Some(d),
                    None if t.trim().is_empty() => {}
                    None => {
                        return Err(ReadError::FrontMatter {
                            line: ln,
                            message: format!("date {t:?} is not a YYYY-MM-DD date"),
                        });
                    }
                }
            }
            "date_text" => a.date_text = Some(s(&v)),
            "updated" | "updated_text" => a.updated_text = Some(s(&v)),
            "author" | "authors" => match v {
                Value::Str(x) => a.authors = vec![x],
                Value::List(l) => a.authors = l,
            },
            "byline" => a.byline = Some(s(&v)),
            "lang" | "language" => {
                a.language = folio_core::Language::new(&s(&v));
            }
            "publisher" => a.publisher = Some(s(&v)),
            "rights" | "copyright" => {
                let statement = s(&v);
                let year = statement
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4)
                    .and_then(|w| w.parse().ok());
                a.copyright = Some(Copyright {
                    statement,
                    year,
                    holder: None,
                });
            }
            "rights_year" => rights_year = Some(s(&v).trim().parse().ok()),
            "rights_holder" => rights_holder = Some(s(&v)),
            "dateline" => a.dateline.get_or_insert_with(Default::default).text = s(&v),
            "dateline_place" => a.dateline.get_or_insert_with(Default::default).place = Some(s(&v)),
            "dateline_agency" => {
                a.dateline.get_or_insert_with(Default::default).agency = Some(s(&v))
            }
            "source" | "url" | "source_url" => a.source_url = Some(s(&v)),
            other => diags.push(Diagnostic::warning(
                ln,
                format!("front matter key {other:?} is not used"),
            )),
        }
    }
    if let Some(c) = &mut a.copyright
        && (rights_year.is_some() || rights_holder.is_some())
    {
        c.year = rights_year.flatten();
        c.holder = rights_holder;
    }
    if a.dateline.as_ref().is_some_and(|d| d.text.is_empty()) {
        a.dateline = None;
    }
    Ok((end.min(text.len()), true))
}

enum Item {
    Block(Block),
    Rule,
    /// The rule Folio's writer marks as the start of the footer.
    FooterRule,
}

/// Folio's role marks (see the writer's `role_mark`): each mark's role and
/// the offset where its line ends, in source order.
fn role_marks(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        offset += line.len();
        let t = line.trim_start_matches([' ', '\t', '>']).trim_end();
        if let Some(role) = t
            .strip_prefix("[//]: # \"folio:")
            .and_then(|r| r.strip_suffix('"'))
        {
            out.push((offset, role));
        }
    }
    out
}

/// The role marked right before a block starting at `start`: only blank
/// lines and quote markers may stand between the mark and the block.
fn role_at<'s>(marks: &[(usize, &'s str)], src: &str, start: usize) -> Option<&'s str> {
    let i = marks.partition_point(|&(end, _)| end <= start);
    let &(end, role) = marks.get(i.checked_sub(1)?)?;
    src.get(end..start)?
        .chars()
        .all(|c| c.is_whitespace() || c == '>')
        .then_some(role)
}

/// A paragraph's block under a role mark; `None` for an unknown role.
fn marked_block(role: &str, content: Vec<Inline>) -> Result<Block, Vec<Inline>> {
    let (name, arg) = role.split_once(' ').unwrap_or((role, ""));
    fn kind<K: serde::de::DeserializeOwned>(arg: &str) -> Result<K, serde_json::Error> {
        serde_json::from_value(serde_json::Value::String(arg.to_owned()))
    }
    match name {
        "caption" if arg.is_empty() => Ok(Block::Caption {
            kind: CaptionKind::Caption,
            content,
        }),
        "caption" => match kind(arg) {
            Ok(kind) => Ok(Block::Caption { kind, content }),
            Err(_) => Err(content),
        },
        "note" => match kind(arg) {
            Ok(kind) => Ok(Block::Note { kind, content }),
            Err(_) => Err(content),
        },
        "heading" => match arg.parse::<u8>() {
            Ok(level @ 1..=6) => Ok(Block::Heading { level, content }),
            _ => Err(content),
        },
        _ => Err(content),
    }
}

struct BodyReader<'a, 'd> {
    src: &'a str,
    line_starts: Vec<usize>,
    line_base: usize,
    diags: &'d mut Vec<Diagnostic>,
    title_from_heading: bool,
    title: Option<String>,
}

/// A container being filled.
enum Frame {
    Root(Vec<Item>),
    Quote(Vec<Block>),
    List {
        ordered: bool,
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item {
        content: Vec<Inline>,
        children: Vec<Block>,
        tight_text: bool,
    },
    /// Footnote definition: its blocks are kept as text.
    Footnote(String, Vec<Block>),
}

impl BodyReader<'_, '_> {
    fn line(&self, offset: usize) -> usize {
        self.line_base + self.line_starts.partition_point(|&s| s <= offset) + 1
    }

    fn read(&mut self) -> Vec<Item> {
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let parser = Parser::new_ext(self.src, opts).into_offset_iter();
        let marks = role_marks(self.src);
        // The role mark of the paragraph or heading being read.
        let mut role: Option<&str> = None;
        let mut stack: Vec<Frame> = vec![Frame::Root(Vec::new())];
        // Inline collection for the current leaf block.
        let mut inl: Vec<Inline> = Vec::new();
        // Open emphasis/strong spans: the inlines before each, or `None`
        // for a span inside a link (kept as plain text).
        let mut spans: Vec<Option<(bool, Vec<Inline>)>> = Vec::new();
        let mut link: Option<(String, String)> = None;
        let mut image_alt: Option<String> = None;
        let mut image_only = false;
        let mut code: Option<String> = None;
        let mut table_row: Vec<String> = Vec::new();
        let mut cell = String::new();
        let mut in_cell = false;
        let mut html_text = String::new();
        let mut html_line = 0;
        let mut warned_html = false;

        let push_text = |inl: &mut Vec<Inline>, link: &mut Option<(String, String)>, t: &str| {
            if let Some((text, _)) = link {
                text.push_str(t);
            } else if let Some(Inline::Text { text }) = inl.last_mut() {
                text.push_str(t);
            } else {
                inl.push(Inline::text(t));
            }
        };

        for (ev, range) in parser {
            let line = self.line(range.start);
            if let Some(alt) = &mut image_alt {
                match ev {
                    Event::End(TagEnd::Image) => {
                        let alt = std::mem::take(alt);
                        image_alt = None;
                        if !alt.is_empty() {
                            if inl.is_empty() {
                                image_only = true;
                            }
                            push_text(&mut inl, &mut link, &alt);
                        }
                    }
                    Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::Start(Tag::Paragraph) => {
                    inl.clear();
                    image_only = false;
                    role = role_at(&marks, self.src, range.start);
                }
                Event::End(TagEnd::Paragraph) => {
                    let content = tidy(std::mem::take(&mut inl));
                    let only_image = image_only && content.len() == 1;
                    image_only = false;
                    if content.is_empty() {
                        continue;
                    }
                    let b = match role.take() {
                        Some(r) => marked_block(r, content)
                            .unwrap_or_else(|content| Block::Paragraph { content }),
                        None if only_image => Block::Caption {
                            kind: CaptionKind::Caption,
                            content,
                        },
                        None => Block::Paragraph { content },
                    };
                    push_block(&mut stack, b);
                }
                Event::Start(Tag::Heading { .. }) => {
                    inl.clear();
                    role = role_at(&marks, self.src, range.start);
                }
                Event::End(TagEnd::Heading(level)) => {
                    let content = tidy(std::mem::take(&mut inl));
                    let n = heading_number(level);
                    let at_root = matches!(stack.last(), Some(Frame::Root(_)));
                    if n == 1 && self.title_from_heading && self.title.is_none() && at_root {
                        self.title = Some(folio_core::plain_text(&content));
                        continue;
                    }
                    if content.is_empty() {
                        continue;
                    }
                    let level = match role.take().map(|r| marked_block(r, Vec::new())) {
                        Some(Ok(Block::Heading { level, .. })) => level,
                        _ => n.saturating_sub(1).max(1),
                    };
                    push_block(&mut stack, Block::Heading { level, content });
                }
                Event::Start(Tag::BlockQuote(_)) => stack.push(Frame::Quote(Vec::new())),
                Event::End(TagEnd::BlockQuote(_)) => {
                    if let Some(Frame::Quote(blocks)) = stack.pop()
                        && !blocks.is_empty()
                    {
                        push_block(&mut stack, Block::Quote { blocks });
                    }
                }
                Event::Start(Tag::List(start)) => {
                    self.flush_item_text(&mut stack, &mut inl);
                    stack.push(Frame::List {
                        ordered: start.is_some(),
                        start: start.filter(|&s| s != 1),
                        items: Vec::new(),
                    })
                }
                Event::End(TagEnd::List(_)) => {
                    if let Some(Frame::List {
                        ordered,
                        start,
                        items,
                    }) = stack.pop()
                    {
                        push_block(
                            &mut stack,
                            Block::List {
                                ordered,
                                start,
                                items,
                            },
                        );
                    }
                }
                Event::Start(Tag::Item) => {
                    inl.clear();
                    stack.push(Frame::Item {
                        content: Vec::new(),
                        children: Vec::new(),
                        tight_text: true,
                    });
                }
                Event::End(TagEnd::Item) => {
                    self.flush_item_text(&mut stack, &mut inl);
                    if let Some(Frame::Item {
                        content, children, ..
                    }) = stack.pop()
                        && let Some(Frame::List { items, .. }) = stack.last_mut()
                    {
                        items.push(ListItem { content, children });
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let _ = matches!(kind, CodeBlockKind::Fenced(_));
                    code = Some(String::new());
                }
                Event::End(TagEnd::CodeBlock) => {
                    let mut text = code.take().unwrap_or_default();
                    if text.ends_with('\n') {
                        text.pop();
                    }
                    push_block(&mut stack, Block::Code { text });
                }
                Event::Text(t) => {
                    if let Some(c) = &mut code {
                        c.push_str(&t);
                    } else if in_cell {
                        cell.push_str(&t);
                    } else {
                        push_text(&mut inl, &mut link, &t);
                    }
                }
                Event::Code(t) => {
                    if in_cell {
                        cell.push_str(&t);
                    } else {
                        push_text(&mut inl, &mut link, &t);
                    }
                }
                Event::SoftBreak => push_text(&mut inl, &mut link, " "),
                Event::HardBreak => push_text(&mut inl, &mut link, "\n"),
                Event::Start(Tag::Link {
                    dest_url,
                    link_type,
                    ..
                }) => {
                    flush_link(&mut inl, &mut link);
                    let url = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                        format!("mailto:{dest_url}")
                    } else {
                        dest_url.to_string()
                    };
                    link = Some((String::new(), url));
                }
                Event::End(TagEnd::Link) => flush_link(&mut inl, &mut link),
                Event::Start(Tag::Image { .. }) => image_alt = Some(String::new()),
                Event::Start(Tag::Emphasis | Tag::Strong) => {
                    // Inside a link the text stays plain (a link holds text).
                    spans.push(link.is_none().then(|| {
                        (
                            matches!(ev, Event::Start(Tag::Strong)),
                            std::mem::take(&mut inl),
                        )
                    }));
                }
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                    if let Some(Some((strong, outer))) = spans.pop() {
                        let content = std::mem::replace(&mut inl, outer);
                        if !content.is_empty() {
                            inl.push(if strong {
                                Inline::Strong { content }
                            } else {
                                Inline::Emphasis { content }
                            });
                        }
                    }
                }
                Event::Start(Tag::Strikethrough | Tag::Superscript | Tag::Subscript)
                | Event::End(TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript) => {}
                Event::Html(h) => {
                    if html_text.is_empty() {
                        html_line = line;
                    }
                    html_text.push_str(&h);
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let t = std::mem::take(&mut html_text);
                    let t = t.trim_end_matches('\n');
                    if t.trim().is_empty() {
                        continue;
                    }
                    // Our own writer's markdownlint switches are not text.
                    if t.starts_with("<!-- markdownlint-") && t.ends_with("-->") {
                        continue;
                    }
                    self.diags.push(Diagnostic::warning(
                        html_line,
                        "raw HTML block kept as text (the model has no HTML)",
                    ));
                    push_block(&mut stack, Block::paragraph(t));
                }
                Event::InlineHtml(h) => {
                    if !warned_html {
                        self.diags.push(Diagnostic::warning(
                            line,
                            "inline HTML kept as text (the model has no HTML)",
                        ));
                        warned_html = true;
                    }
                    push_text(&mut inl, &mut link, &h);
                }
                Event::Start(Tag::Table(_)) => {
                    self.diags.push(Diagnostic::warning(
                        line,
                        "table kept as text, one paragraph per row (the model has no tables)",
                    ));
                }
                Event::Start(Tag::TableHead | Tag::TableRow) => table_row.clear(),
                Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    let row = std::mem::take(&mut table_row).join(" | ");
                    if !row.trim().is_empty() {
                        push_block(&mut stack, Block::paragraph(row));
                    }
                }
                Event::Start(Tag::TableCell) => {
                    in_cell = true;
                    cell.clear();
                }
                Event::End(TagEnd::TableCell) => {
                    in_cell = false;
                    table_row.push(std::mem::take(&mut cell).trim().to_owned());
                }
                Event::FootnoteReference(label) => {
                    push_text(&mut inl, &mut link, &format!("[^{label}]"));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.diags.push(Diagnostic::warning(
                        line,
                        format!("footnote [^{label}] kept as a paragraph at its place (the model has no footnotes)"),
                    ));
                    stack.push(Frame::Footnote(label.to_string(), Vec::new()));
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    if let Some(Frame::Footnote(label, blocks)) = stack.pop() {
                        let mut first = true;
                        for b in blocks {
                            let b = match (first, b) {
                                (true, Block::Paragraph { mut content }) => {
                                    content.insert(0, Inline::text(format!("[^{label}]: ")));
                                    Block::Paragraph {
                                        content: tidy(content),
                                    }
                                }
                                (_, b) => b,
                            };
                            first = false;
                            push_block(&mut stack, b);
                        }
                    }
                }
                Event::Rule => {
                    if let Some(Frame::Root(items)) = stack.last_mut() {
                        items.push(
                            if role_at(&marks, self.src, range.start) == Some("footer") {
                                Item::FooterRule
                            } else {
                                Item::Rule
                            },
                        );
                    }
                }
                Event::TaskListMarker(done) => {
                    push_text(&mut inl, &mut link, if done { "[x] " } else { "[ ] " })
                }
                Event::InlineMath(t) | Event::DisplayMath(t) => push_text(&mut inl, &mut link, &t),
                _ => {}
            }
        }
        // Unclosed frames cannot happen with pulldown-cmark; be safe anyway.
        while stack.len() > 1 {
            match stack.pop() {
                Some(Frame::Quote(blocks)) => push_block(&mut stack, Block::Quote { blocks }),
                Some(Frame::Footnote(_, blocks)) => {
                    for b in blocks {
                        push_block(&mut stack, b);
                    }
                }
                _ => {}
            }
        }
        match stack.pop() {
            Some(Frame::Root(items)) => items,
            _ => Vec::new(),
        }
    }

    /// Text directly inside a tight list item (no paragraph events) becomes
    /// the item's content.
    fn flush_item_text(&mut self, stack: &mut [Frame], inl: &mut Vec<Inline>) {
        if let Some(Frame::Item {
            content,
            children,
            tight_text,
        }) = stack.last_mut()
        {
            let t = tidy(std::mem::take(inl));
            if t.is_empty() {
                return;
            }
            if *tight_text && content.is_empty() && children.is_empty() {
                *content = t;
            } else {
                children.push(Block::Paragraph { content: t });
            }
            *tight_text = false;
        }
    }
}

fn heading_number(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn flush_link(inl: &mut Vec<Inline>, link: &mut Option<(String, String)>) {
    if let Some((text, url)) = link.take() {
        if text.is_empty() {
            return;
        }
        inl.push(Inline::Link { text, url });
    }
}

/// Merges adjacent texts and drops empty ones.
fn tidy(raw: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(raw.len());
    for i in raw {
        match (out.last_mut(), i) {
            (_, Inline::Text { text }) if text.is_empty() => {}
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, i) => out.push(i),
        }
    }
    out
}

fn push_block(stack: &mut [Frame], b: Block) {
    match stack.last_mut() {
        Some(Frame::Root(items)) => items.push(Item::Block(b)),
        Some(Frame::Quote(blocks)) | Some(Frame::Footnote(_, blocks)) => blocks.push(b),
        Some(Frame::Item {
            content,
            children,
            tight_text,
        }) => {
            if content.is_empty() && children.is_empty() {
                if let Block::Paragraph { content: c } = b {
                    *content = c;
                    *tight_text = false;
                    return;
                }
            }
            *tight_text = false;
            children.push(b);
        }
        Some(Frame::List { items, .. }) => items.push(ListItem {
            content: Vec::new(),
            children: vec![b],
        }),
        None => {}
    }
}

#[allow(dead_code)]
fn note(content: Vec<Inline>) -> Block {
    Block::Note {
        kind: NoteKind::Other,
        content,
    }
}
