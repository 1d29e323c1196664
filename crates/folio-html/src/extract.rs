//! Decoding, main-content scoring and block building.

use crate::meta::{self, PageMeta, collapse};
use crate::{Scores, caption, list, note, paragraph, parse_date};
use chrono::NaiveDate;
use ego_tree::{NodeId, NodeRef};
use encoding_rs::Encoding;
use folio_core::{Article, Block, Diagnostic, Inline, ListItem};
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

type N<'a> = NodeRef<'a, Node>;

/// Decodes a page's bytes: BOM, else the declared charset (a `<meta>` in the
/// first 4 KiB), else UTF-8 when valid, else windows-1252. A page that
/// declares a legacy charset but is valid UTF-8 with non-ASCII bytes is read
/// as UTF-8 (a common mislabelling). Returns the text and, when the choice
/// was a guess or overrode the declaration, a note for a warning.
///
/// ```
/// let (text, _) = folio_html::decode(b"<meta charset=iso-8859-15><p>\xA4</p>");
/// assert!(text.contains('€'));
/// let (text, _) = folio_html::decode("<meta charset=windows-1252><p>é</p>".as_bytes());
/// assert!(text.contains('é'));
/// ```
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), None);
    }
    let declared = declared_charset(&bytes[..bytes.len().min(4096)]);
    let utf8 = std::str::from_utf8(bytes).ok();
    match (declared, utf8) {
        (Some(enc), Some(s)) if enc != encoding_rs::UTF_8 && !s.is_ascii() => (
            s.to_owned(),
            Some(format!(
                "the page declares {} but holds valid UTF-8; read as UTF-8",
                enc.name()
            )),
        ),
        (Some(enc), _) => {
            let (text, _, bad) = enc.decode(bytes);
            let note = bad.then(|| {
                format!(
                    "the page has bytes that are not valid {}; they were replaced with U+FFFD",
                    enc.name()
                )
            });
            (text.into_owned(), note)
        }
        (None, Some(s)) => (s.to_owned(), None),
        (None, None) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (
                text.into_owned(),
                Some("the page declares no charset and is not UTF-8; read as windows-1252".into()),
            )
        }
    }
}

fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = find(&lower[from..], b"charset") {
        let mut i = from + p + 7;
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // As browsers do: a declared UTF-16 means UTF-8 at this point.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------
// Element classes

/// Elements whose content is never article text.
fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "img"
            | "picture"
            | "video"
            | "audio"
            | "source"
            | "nav"
            | "dialog"
            | "menu"
            | "label"
            | "map"
    )
}

/// Elements that usually hold no article text, unless they hold several
/// long paragraphs (a `<form>` around a whole ASP.NET page, an `<aside>`
/// that is the article).
fn is_soft_skipped_tag(name: &str) -> bool {
    matches!(name, "aside" | "footer" | "header" | "form")
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "dialog"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "center"
            | "summary"
    )
}

fn hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Class and id tokens, lower-cased, split on `-`, `_` and spaces.
///
/// Taxonomy classes (`tag-economy`, `category-news`, as blog engines put on
/// every post) name what the post is about, not what the element is: they
/// give no tokens.
fn tokens(el: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for v in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for class in v.split_whitespace() {
            let lower = class.to_ascii_lowercase();
            if ["tag-", "category-", "post_tag-", "tags-"]
                .iter()
                .any(|p| lower.starts_with(p))
            {
                continue;
            }
            for t in lower.split(['-', '_', ':']) {
                if !t.is_empty() {
                    out.push(t.to_owned());
                }
            }
        }
    }
    out
}

/// Whether a class names an element hidden from readers (a whole class,
/// not a part: `field-label-hidden` hides a label, not the field).
fn hidden_class(el: &Element) -> bool {
    el.attr("class").is_some_and(|v| {
        v.split_whitespace().any(|c| {
            matches!(
                c.to_ascii_lowercase().trim_matches(['-', '_']),
                "hidden"
                    | "hide"
                    | "is-hidden"
                    | "visually-hidden"
                    | "visuallyhidden"
                    | "sr-only"
                    | "screen-reader-text"
                    | "screen-reader-only"
                    | "d-none"
                    | "u-hidden"
            )
        })
    })
}

const BAD: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "promo",
    "sponsor",
    "sponsored",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adsense",
    "dfp",
    "outbrain",
    "taboola",
    "popup",
    "modal",
    "cookie",
    "banner",
    "recommended",
    "recommendations",
    "pagination",
    "pager",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "masthead",
    "toolbar",
    "tags",
    "tag",
    "rss",
    "print",
    "widget",
    "trending",
    "popular",
    "footer",
    "skip",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "meta",
    "login",
    "paywall",
    "gallery",
    "carousel",
    "readmore",
    "follow",
    "facebook",
    "twitter",
    "whatsapp",
    "email",
    "mail",
    "tools",
    "utility",
    "toc",
    "teaser",
    "teasers",
];

const GOOD: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "page",
    "hentry", "prose", "copy",
];

fn has_bad(toks: &[String]) -> bool {
    toks.iter().any(|t| BAD.contains(&t.as_str()))
}

fn class_weight(el: &Element) -> f64 {
    let toks = tokens(el);
    let mut w = 0.0;
    if toks.iter().any(|t| GOOD.contains(&t.as_str())) {
        w += 25.0;
    }
    if has_bad(&toks) {
        w -= 25.0;
    }
    w
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boiler {
    No,
    /// Dropped unless it holds several long paragraphs.
    Soft,
    /// Always dropped (comments, share bars, hidden, ads).
    Hard,
}

/// Boilerplate by role, class or id (share bars, related lists, ads...).
fn boilerplate(el: &Element) -> Boiler {
    if matches!(el.name(), "html" | "body") {
        return Boiler::No;
    }
    if hidden(el) || hidden_class(el) {
        return Boiler::Hard;
    }
    if let Some(role) = el.attr("role")
        && matches!(
            role,
            "navigation" | "banner" | "complementary" | "contentinfo" | "dialog" | "menu"
        )
    {
        return Boiler::Soft;
    }
    let toks = tokens(el);
    if toks.is_empty() || !has_bad(&toks) {
        return Boiler::No;
    }
    let hard = toks.iter().any(|t| {
        matches!(
            t.as_str(),
            "comment" | "comments" | "disqus" | "outbrain" | "taboola"
        )
    });
    if hard && !matches!(el.name(), "main" | "article") {
        Boiler::Hard
    } else {
        Boiler::Soft
    }
}

// ---------------------------------------------------------------------------
// Text statistics

#[derive(Default, Clone, Copy)]
struct Stat {
    chars: usize,
    link_chars: usize,
    commas: usize,
    /// Paragraphs of 100+ characters (40+ CJK ones) with few links.
    long_ps: usize,
    /// CJK characters.
    cjk: usize,
}

struct Ctx<'a> {
    stats: HashMap<NodeId, Stat>,
    excluded: HashSet<NodeId>,
    _p: std::marker::PhantomData<&'a ()>,
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '،' | '。')
}

/// Fills `stats` for every element below `node` that is not excluded, and
/// marks boilerplate as excluded.
fn compute_stats(node: N<'_>, in_link: bool, ctx: &mut Ctx<'_>) -> Stat {
    let mut s = Stat::default();
    for c in node.children() {
        match c.value() {
            Node::Text(t) => {
                let n = t.chars().filter(|c| !c.is_whitespace()).count();
                s.chars += n;
                if in_link {
                    s.link_chars += n;
                }
                s.commas += t.chars().filter(|&c| is_comma(c)).count();
                s.cjk += t.chars().filter(|&c| folio_core::script::is_cjk(c)).count();
            }
            Node::Element(el) => {
                let kind = boilerplate(el);
                if is_skipped_tag(el.name()) || kind == Boiler::Hard {
                    ctx.excluded.insert(c.id());
                    continue;
                }
                let sub = compute_stats(c, in_link || el.name() == "a", ctx);
                // A container named like boilerplate that holds several long
                // paragraphs with few links is (part of) the article.
                let content_like = sub.long_ps >= 3 && link_density(&sub) < 0.4;
                if (kind == Boiler::Soft || is_soft_skipped_tag(el.name())) && !content_like {
                    ctx.excluded.insert(c.id());
                    continue;
                }
                s.chars += sub.chars;
                s.link_chars += sub.link_chars;
                s.commas += sub.commas;
                s.long_ps += sub.long_ps;
                s.cjk += sub.cjk;
                if el.name() == "p"
                    && (sub.chars >= 100 || sub.cjk >= 40)
                    && link_density(&sub) < 0.3
                {
                    s.long_ps += 1;
                }
            }
            _ => {}
        }
    }
    ctx.stats.insert(node.id(), s);
    s
}

fn link_density(s: &Stat) -> f64 {
    if s.chars == 0 {
        0.0
    } else {
        s.link_chars as f64 / s.chars as f64
    }
}

fn tag_base(name: &str) -> f64 {
    match name {
        "article" => 10.0,
        "div" | "main" => 5.0,
        "section" => 3.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Scores containers by the paragraphs inside them (readability's method).
fn score(root: N<'_>, ctx: &Ctx<'_>, scores: &mut Scores) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        for c in node.children() {
            if c.value().is_element() && !ctx.excluded.contains(&c.id()) {
                stack.push(c);
            }
        }
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        let scorable = matches!(name, "p" | "pre" | "td" | "li")
            || (matches!(
                name,
                "div" | "section" | "article" | "span" | "font" | "center"
            ) && !node.children().any(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| is_block_tag(e.name()) && e.name() != "span")
            }));
        if !scorable {
            continue;
        }
        let Some(st) = ctx.stats.get(&node.id()) else {
            continue;
        };
        if st.chars < 25 {
            continue;
        }
        // A list item that is a paragraph of prose (a numbered list of
        // proposals, steps) counts as one; short or linked items do not.
        if name == "li" && ((st.chars < 80 && st.cjk < 40) || link_density(st) > 0.3) {
            continue;
        }
        let mut s = 1.0 + st.commas as f64 + (st.chars as f64 / 100.0).min(3.0);
        if link_density(st) > 0.5 {
            s *= 0.2;
        }
        let mut anc = node.parent();
        let mut level = 0;
        while let Some(a) = anc {
            if level >= 3 {
                break;
            }
            let Some(ael) = a.value().as_element() else {
                break;
            };
            let entry = scores
                .entry(a.id())
                .or_insert_with(|| tag_base(ael.name()) + class_weight(ael));
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *entry += s / div;
            anc = a.parent();
            level += 1;
        }
    }
}

// ---------------------------------------------------------------------------
// The article

struct Builder<'a> {
    ctx: &'a Ctx<'a>,
    title_key: String,
    diags: &'a mut Vec<Diagnostic>,
    tables: usize,
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn text_of(node: N<'_>) -> String {
    let mut s = String::new();
    fn walk(n: N<'_>, s: &mut String) {
        for c in n.children() {
            match c.value() {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => {
                    if matches!(e.name(), "script" | "style" | "noscript" | "template") || hidden(e)
                    {
                        continue;
                    }
                    if e.name() == "br" {
                        s.push(' ');
                    }
                    walk(c, s);
                    if is_block_tag(e.name()) {
                        s.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    walk(node, &mut s);
    collapse(&s)
}

/// Collects the inline content of `node` (text and links).
fn inlines(node: N<'_>, out: &mut Vec<Inline>, ctx: &Ctx<'_>) {
    for c in node.children() {
        match c.value() {
            Node::Text(t) => out.push(Inline::text(without_span_marks(t))),
            Node::Element(e) => {
                if ctx.excluded.contains(&c.id()) && e.name() != "a" {
                    continue;
                }
                match e.name() {
                    "br" => out.push(Inline::text(" ")),
                    "a" => {
                        let text = text_of(c);
                        if text.is_empty() {
                            continue;
                        }
                        push_anchor(out, text, e.attr("href"), true);
                    }
                    n if is_skipped_tag(n) => {}
                    n => match span_marks(n) {
                        Some((open, close)) => {
                            out.push(Inline::text(open));
                            inlines(c, out, ctx);
                            out.push(Inline::text(close));
                        }
                        None => inlines(c, out, ctx),
                    },
                }
            }
            _ => {}
        }
    }
}

/// Marks that stand for the start and end of an emphasis span (`em`, `i`)
/// and a strong span (`strong`, `b`) in the flat run of inlines that
/// [`tidy`] collapses; [`nest`] turns them into spans. Control characters
/// a page's text might hold are removed first ([`without_span_marks`]).
const EM_OPEN: char = '\u{1}';
const EM_CLOSE: char = '\u{2}';
const STRONG_OPEN: char = '\u{3}';
const STRONG_CLOSE: char = '\u{4}';

fn span_marks(tag: &str) -> Option<(&'static str, &'static str)> {
    match tag {
        "em" | "i" => Some(("\u{1}", "\u{2}")),
        "strong" | "b" => Some(("\u{3}", "\u{4}")),
        _ => None,
    }
}

fn without_span_marks(t: &str) -> String {
    t.replace([EM_OPEN, EM_CLOSE, STRONG_OPEN, STRONG_CLOSE], "")
}

/// Turns the span marks left in a tidied run into emphasis and strong
/// spans (empty spans vanish; a mark without its pair is ignored).
fn nest(flat: Vec<Inline>) -> Vec<Inline> {
    if !flat.iter().any(|i| {
        matches!(i, Inline::Text { text } if text.contains([EM_OPEN, EM_CLOSE, STRONG_OPEN, STRONG_CLOSE]))
    }) {
        return flat;
    }
    // Open spans: (strong?, the inlines before it).
    let mut stack: Vec<(bool, Vec<Inline>)> = Vec::new();
    let mut cur: Vec<Inline> = Vec::new();
    let push_text = |cur: &mut Vec<Inline>, t: &str| {
        if t.is_empty() {
            return;
        }
        match cur.last_mut() {
            Some(Inline::Text { text }) => text.push_str(t),
            _ => cur.push(Inline::text(t)),
        }
    };
    let close = |stack: &mut Vec<(bool, Vec<Inline>)>, cur: &mut Vec<Inline>| {
        if let Some((strong, outer)) = stack.pop() {
            let content = std::mem::replace(cur, outer);
            if !folio_core::plain_text(&content).trim().is_empty() {
                cur.push(if strong {
                    Inline::Strong { content }
                } else {
                    Inline::Emphasis { content }
                });
            } else {
                for i in content {
                    match i {
                        Inline::Text { text } => push_text(cur, &text),
                        other => cur.push(other),
                    }
                }
            }
        }
    };
    for i in flat {
        let Inline::Text { text } = i else {
            cur.push(i);
            continue;
        };
        let mut rest = text.as_str();
        while let Some(at) = rest.find([EM_OPEN, EM_CLOSE, STRONG_OPEN, STRONG_CLOSE]) {
            push_text(&mut cur, &rest[..at]);
            let mark = rest[at..].chars().next().unwrap_or(EM_OPEN);
            match mark {
                EM_OPEN | STRONG_OPEN => {
                    stack.push((mark == STRONG_OPEN, std::mem::take(&mut cur)));
                }
                _ => {
                    let want = mark == STRONG_CLOSE;
                    if stack.last().is_some_and(|(s, _)| *s == want) {
                        close(&mut stack, &mut cur);
                    }
                }
            }
            rest = &rest[at + mark.len_utf8()..];
        }
        push_text(&mut cur, rest);
    }
    while !stack.is_empty() {
        close(&mut stack, &mut cur);
    }
    // A span at the run's start or end may hold its edge space.
    fn trim(content: &mut Vec<Inline>, start: bool) {
        let item = if start {
            content.first_mut()
        } else {
            content.last_mut()
        };
        match item {
            Some(Inline::Text { text }) => {
                *text = if start {
                    text.trim_start()
                } else {
                    text.trim_end()
                }
                .to_owned();
            }
            Some(Inline::Emphasis { content: c } | Inline::Strong { content: c }) => trim(c, start),
            _ => {}
        }
        content.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    }
    trim(&mut cur, true);
    trim(&mut cur, false);
    cur
}

/// Collapses white space across a run of inlines and merges texts. The
/// markers `" \0"`/`"\0 "` around links stand for "white space only if the
/// source had it": they are removed here. A space next to a span mark goes
/// outside the span (before an opening mark, after a closing one).
fn tidy(raw: Vec<Inline>) -> Vec<Inline> {
    nest(tidy_flat(raw))
}

fn tidy_flat(raw: Vec<Inline>) -> Vec<Inline> {
    // Join everything into one string with link spans marked, collapse, split.
    let mut out: Vec<Inline> = Vec::new();
    let mut buf = String::new();
    let mut pending_space = false;
    let push_text = |buf: &mut String, s: &str, pending: &mut bool, started: bool| {
        for ch in s.chars() {
            if ch == '\0' {
                continue;
            }
            if matches!(ch, EM_CLOSE | STRONG_CLOSE) {
                // The pending space stays pending: it follows the span.
                buf.push(ch);
                continue;
            }
            if matches!(ch, EM_OPEN | STRONG_OPEN) {
                if *pending && (started || !buf.is_empty()) {
                    buf.push(' ');
                }
                *pending = false;
                buf.push(ch);
                continue;
            }
            if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                *pending = true;
            } else {
                if *pending && (started || !buf.is_empty()) {
                    // Right after opening marks, the space goes before them
                    // (outside the span), unless one is there already.
                    let marks = buf.len() - buf.trim_end_matches([EM_OPEN, STRONG_OPEN]).len();
                    if marks > 0 {
                        let opened = buf.split_off(buf.len() - marks);
                        if !buf.is_empty() && !buf.ends_with(' ') {
                            buf.push(' ');
                        }
                        buf.push_str(&opened);
                    } else {
                        buf.push(' ');
                    }
                }
                *pending = false;
                buf.push(ch);
            }
        }
    };
    let mut started = false;
    for i in raw {
        match i {
            Inline::Text { text } => {
                // Marker-only pieces: drop the marker's own space.
                let t = text.replace(" \0", "").replace("\0 ", "");
                push_text(&mut buf, &t, &mut pending_space, started);
            }
            Inline::Link { text, url } => {
                if pending_space && (started || !buf.is_empty()) {
                    buf.push(' ');
                }
                pending_space = false;
                if !buf.is_empty() {
                    out.push(Inline::text(std::mem::take(&mut buf)));
                }
                out.push(Inline::Link { text, url });
                started = true;
            }
            span @ (Inline::Emphasis { .. } | Inline::Strong { .. }) => {
                if !buf.is_empty() {
                    out.push(Inline::text(std::mem::take(&mut buf)));
                }
                out.push(span);
                started = true;
            }
        }
        if !buf.is_empty() {
            started = true;
        }
    }
    if !buf.is_empty() {
        out.push(Inline::text(buf));
    }
    out
}

fn inline_content(node: N<'_>, ctx: &Ctx<'_>) -> Vec<Inline> {
    let mut raw = Vec::new();
    inlines(node, &mut raw, ctx);
    tidy(raw)
}

fn is_empty(content: &[Inline]) -> bool {
    folio_core::plain_text(content).trim().is_empty()
}

impl Builder<'_> {
    fn blocks(&mut self, node: N<'_>, out: &mut Vec<Block>, depth: usize) {
        let mut pending: Vec<Inline> = Vec::new();
        for c in node.children() {
            match c.value() {
                Node::Text(t) => pending.push(Inline::text(t.to_string())),
                Node::Element(e) => {
                    if self.ctx.excluded.contains(&c.id()) {
                        continue;
                    }
                    if is_block_tag(e.name()) {
                        self.flush(&mut pending, out);
                        self.block(c, e, out, depth + 1);
                    } else if matches!(e.name(), "img" | "picture" | "video" | "audio" | "br")
                        && e.name() == "br"
                    {
                        pending.push(Inline::text(" "));
                    } else {
                        inlines_one(c, e, &mut pending, self.ctx);
                    }
                }
                _ => {}
            }
        }
        self.flush(&mut pending, out);
    }

    fn flush(&mut self, pending: &mut Vec<Inline>, out: &mut Vec<Block>) {
        let content = tidy(std::mem::take(pending));
        if !is_empty(&content) {
            out.push(paragraph(content));
        }
    }

    fn block(&mut self, node: N<'_>, el: &Element, out: &mut Vec<Block>, depth: usize) {
        let name = el.name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let content = inline_content(node, self.ctx);
                if is_empty(&content) || key(&folio_core::plain_text(&content)) == self.title_key {
                    return;
                }
                let level = name[1..]
                    .parse::<u8>()
                    .unwrap_or(2)
                    .saturating_sub(1)
                    .max(1);
                out.push(Block::Heading { level, content });
            }
            "p" | "dt" | "dd" | "address" | "summary" => {
                if node.children().any(|c| {
                    c.value()
                        .as_element()
                        .is_some_and(|e| is_block_tag(e.name()))
                }) {
                    self.blocks(node, out, depth);
                    return;
                }
                let content = inline_content(node, self.ctx);
                if !is_empty(&content) {
                    out.push(paragraph(content));
                }
            }
            "pre" => {
                let text = raw_text(node);
                let text = text.trim_matches('\n').to_owned();
                if !text.trim().is_empty() {
                    out.push(Block::Code { text });
                }
            }
            "ul" | "ol" => {
                if self.link_list(node) {
                    return;
                }
                let start = el.attr("start").and_then(|s| s.trim().parse().ok());
                let mut items = Vec::new();
                for li in node.children() {
                    let Some(le) = li.value().as_element() else {
                        continue;
                    };
                    if self.ctx.excluded.contains(&li.id()) {
                        continue;
                    }
                    let mut item_blocks = Vec::new();
                    if le.name() == "li" {
                        self.blocks(li, &mut item_blocks, depth + 1);
                    } else {
                        self.block(li, le, &mut item_blocks, depth + 1);
                    }
                    let mut it = item_blocks.into_iter();
                    let mut item = ListItem::default();
                    match it.next() {
                        Some(Block::Paragraph { content }) => item.content = content,
                        Some(b) => item.children.push(b),
                        None => continue,
                    }
                    item.children.extend(it);
                    items.push(item);
                }
                if !items.is_empty() {
                    out.push(list(name == "ol", start.filter(|&s| s != 1), items));
                }
            }
            "blockquote" => {
                let mut inner = Vec::new();
                self.blocks(node, &mut inner, depth);
                if !inner.is_empty() {
                    out.push(Block::Quote { blocks: inner });
                }
            }
            "figcaption" => {
                let content = inline_content(node, self.ctx);
                if !is_empty(&content) {
                    out.push(caption(content));
                }
            }
            "table" => self.table(node, out),
            "hr" => {}
            _ => self.blocks(node, out, depth),
        }
    }

    /// A list that is mostly links with short items ("related" lists) is
    /// not article text.
    fn link_list(&self, node: N<'_>) -> bool {
        let Some(st) = self.ctx.stats.get(&node.id()) else {
            return false;
        };
        let items = node
            .children()
            .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li"))
            .count()
            .max(1);
        link_density(st) > 0.6 && st.chars / items < 80
    }

    fn table(&mut self, node: N<'_>, out: &mut Vec<Block>) {
        let mut rows = Vec::new();
        for d in node.descendants() {
            if let Some(e) = d.value().as_element()
                && e.name() == "tr"
            {
                let cells: Vec<String> = d
                    .children()
                    .filter(|c| {
                        c.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "td" | "th"))
                    })
                    .map(text_of)
                    .filter(|t| !t.is_empty())
                    .collect();
                if !cells.is_empty() {
                    rows.push(cells.join(" | "));
                }
            }
        }
        // A layout table (one cell per row holding paragraphs) is read as
        // ordinary content.
        let layout = node.descendants().any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "p" | "div" | "h2" | "h3"))
        });
        if layout {
            self.blocks(node, out, 0);
            return;
        }
        if rows.is_empty() {
            return;
        }
        self.tables += 1;
        for r in rows {
            out.push(paragraph(vec![Inline::text(r)]));
        }
    }
}

fn inlines_one(c: N<'_>, e: &Element, out: &mut Vec<Inline>, ctx: &Ctx<'_>) {
    if is_skipped_tag(e.name()) {
        return;
    }
    // Reuse `inlines` on a one-child view: wrap by walking the parent's
    // handling for this child only.
    match e.name() {
        "a" => {
            let text = text_of(c);
            if text.is_empty() {
                return;
            }
            push_anchor(out, text, e.attr("href"), false);
        }
        _ => inlines(c, out, ctx),
    }
}

fn raw_text(node: N<'_>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        match d.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if e.name() == "br" => s.push('\n'),
            _ => {}
        }
    }
    s
}

/// Resolves a link against the page's address (`/a/b` → `https://host/a/b`).
fn resolve(url: &str, base: Option<&str>) -> String {
    let url = url.trim();
    let Some(base) = base else {
        return url.to_owned();
    };
    if url.starts_with('#') || folio_core::links::scheme(url).is_some() {
        return url.to_owned();
    }
    let scheme_end = match base.find("://") {
        Some(i) => i,
        None => return url.to_owned(),
    };
    let scheme = &base[..scheme_end];
    let rest = &base[scheme_end + 3..];
    let host_end = rest.find('/').unwrap_or(rest.len());
    let origin = &base[..scheme_end + 3 + host_end];
    if let Some(r) = url.strip_prefix("//") {
        format!("{scheme}://{r}")
    } else if url.starts_with('/') {
        format!("{origin}{url}")
    } else {
        let path = &rest[host_end..];
        let path = path.split(['?', '#']).next().unwrap_or("");
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{origin}{dir}{url}")
    }
}

fn resolve_blocks(blocks: &mut [Block], base: Option<&str>) {
    fn fix(content: &mut [Inline], base: Option<&str>) {
        for i in content {
            if let Inline::Link { url, .. } = i {
                *url = resolve(url, base);
            }
        }
    }
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => fix(content, base),
            Block::Quote { blocks } => resolve_blocks(blocks, base),
            Block::List { items, .. } => {
                for it in items {
                    fix(&mut it.content, base);
                    resolve_blocks(&mut it.children, base);
                }
            }
            Block::Code { .. } => {}
        }
    }
}

// ---------------------------------------------------------------------------
// Header: title, byline, date

fn strip_site(title: &str, site: Option<&str>) -> String {
    let mut t = strip_site_once(title, site);
    // `Headline_Section_Site` (no spaces around the separators).
    while let Some(i) = t.rfind('_') {
        let (head, tail) = (&t[..i], &t[i + 1..]);
        if tail.is_empty()
            || tail.contains(' ')
            || tail.chars().count() > 12
            || head.chars().count() <= tail.chars().count()
        {
            break;
        }
        t = head.trim().to_owned();
    }
    t
}

fn strip_site_once(title: &str, site: Option<&str>) -> String {
    for sep in [
        " | ", " - ", " – ", " — ", " :: ", " · ", " // ", " « ", " » ",
    ] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| key(tail) == key(s))
                || tail.split_whitespace().count() <= 4 && head.len() > tail.len();
            if tail_is_site {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (key(a), key(b));
    !a.is_empty() && !b.is_empty() && (a == b || (a.chars().count() >= 10 && b.contains(&a)))
}

fn visible_elements<'a>(root: N<'a>, ctx: &Ctx<'_>, f: &mut dyn FnMut(N<'a>, &Element) -> bool) {
    // Document-order walk over elements that are not skipped by tag or
    // hidden (boilerplate-named elements are walked: bylines live there).
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if let Some(e) = n.value().as_element() {
            if matches!(
                e.name(),
                "script" | "style" | "noscript" | "template" | "head" | "svg"
            ) || hidden(e)
            {
                continue;
            }
            if !f(n, e) {
                return;
            }
        }
        let _ = ctx;
        let kids: Vec<_> = n.children().filter(|c| c.value().is_element()).collect();
        stack.extend(kids.into_iter().rev());
    }
}

fn find_title(
    html: &Html,
    m: &PageMeta,
    ctx: &Ctx<'_>,
    top: Option<NodeId>,
) -> (String, Option<NodeId>) {
    let refs: Vec<&str> = [
        m.headline.as_deref(),
        m.og_title.as_deref(),
        m.title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let site = m.site_name.as_deref().or(m.publisher.as_deref());
    let mut h1s = Vec::new();
    let mut h2s = Vec::new();
    let mut seen_top = false;
    let mut marked: Option<(String, NodeId)> = None;
    visible_elements(html.tree.root(), ctx, &mut |n, e| {
        if Some(n.id()) == top {
            seen_top = true;
        }
        match e.name() {
            "h1" | "h2"
                if marked.is_none()
                    && e.attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("headline")) =>
            {
                let t = text_of(n);
                if t.chars().count() >= 3 {
                    marked = Some((t.clone(), n.id()));
                }
                if e.name() == "h1" {
                    h1s.push((t, n.id(), seen_top));
                } else {
                    h2s.push((t, n.id(), seen_top));
                }
            }
            "h1" => h1s.push((text_of(n), n.id(), seen_top)),
            "h2" | "h3" => h2s.push((text_of(n), n.id(), seen_top)),
            _ => {}
        }
        true
    });
    // The heading marked up as the headline.
    if let Some((t, id)) = marked {
        return (t, Some(id));
    }
    // The heading the metadata names; of several (a site name and the
    // headline both inside the `<title>`), the longest.
    let mut matched: Option<(&String, NodeId)> = None;
    for (t, id, _) in h1s.iter().chain(h2s.iter()) {
        if !t.is_empty()
            && refs.iter().any(|r| similar(t, r))
            && matched.is_none_or(|(m, _)| key(t).chars().count() > key(m).chars().count())
        {
            matched = Some((t, *id));
        }
    }
    if let Some((t, id)) = matched {
        return (t.clone(), Some(id));
    }
    // A visible headline that differs from the metadata one (sites rewrite
    // headlines for search and social): the h1 nearest before the content,
    // that is not the site's name.
    let real: Vec<_> = h1s
        .iter()
        .filter(|(t, _, _)| {
            t.chars().count() >= 10
                && site.is_none_or(|s| key(s) != key(t))
                && !m
                    .title_tag
                    .as_deref()
                    .is_some_and(|tt| key(tt) == key(t) && t.split_whitespace().count() < 3)
        })
        .collect();
    if let Some((t, id, _)) = real
        .iter()
        .rev()
        .find(|(_, _, after)| !after)
        .or_else(|| real.first())
    {
        return (t.clone(), Some(*id));
    }
    if let Some(h) = m.headline.as_deref().or(m.og_title.as_deref()) {
        return (h.to_owned(), None);
    }
    let t = m
        .title_tag
        .as_deref()
        .map(|t| strip_site(t, site))
        .unwrap_or_default();
    (t, None)
}

fn byline_prefix(s: &str) -> &str {
    let lower = s.to_lowercase();
    for p in [
        "文●",
        "文・",
        "文／",
        "文/",
        "文：",
        "文:",
        "written by ",
        "posted by ",
        "story by ",
        "words by ",
        "text by ",
        "by: ",
        "by ",
        "par ",
        "von ",
        "por ",
        "door ",
        "di ",
        "de ",
        "av ",
        "af ",
        "autor: ",
        "autore: ",
        "auteur : ",
        "text: ",
    ] {
        if lower.starts_with(p) && s.is_char_boundary(p.len()) {
            return &s[p.len()..];
        }
    }
    if lower.starts_with("by") && s.len() > 2 && s[2..].starts_with(char::is_uppercase) {
        return &s[2..];
    }
    s
}

/// The text of a node without its date elements (`<time>`, `class="date"`):
/// a byline's names without the date glued to them.
fn text_without_dates(node: N<'_>) -> String {
    let mut s = String::new();
    fn walk(n: N<'_>, s: &mut String) {
        for c in n.children() {
            match c.value() {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => {
                    let dated = e.name() == "time"
                        || tokens(e).iter().any(|t| {
                            matches!(t.as_str(), "date" | "time" | "timestamp" | "published")
                        });
                    if dated || is_skipped_tag(e.name()) || hidden(e) {
                        s.push(' ');
                        continue;
                    }
                    walk(c, s);
                    if is_block_tag(e.name()) || e.name() == "br" {
                        s.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    walk(node, &mut s);
    collapse(&s)
}

/// Whether an element follows the text "By" (`By <span>Joe Davidson</span>`).
fn after_by(n: N<'_>) -> bool {
    n.prev_sibling()
        .and_then(|p| p.value().as_text().map(|t| t.trim().to_lowercase()))
        .is_some_and(|t| t == "by" || t.ends_with(" by") || t == "by:")
}

/// A short line of inline content that reads "By Name" (a byline without
/// markup that says so).
fn by_line(n: N<'_>, e: &Element) -> bool {
    if !matches!(e.name(), "div" | "p" | "span" | "address")
        || n.children().any(|c| {
            c.value()
                .as_element()
                .is_some_and(|ce| is_block_tag(ce.name()))
        })
    {
        return false;
    }
    let t = text_of(n);
    t.chars().count() < 60 && {
        let rest = t.strip_prefix("By ").or_else(|| t.strip_prefix("by "));
        rest.is_some_and(|r| r.starts_with(char::is_uppercase))
    }
}

fn is_name(p: &str) -> bool {
    let lower = p.to_lowercase();
    const JUNK: &[&str] = &[
        "archive",
        "rss",
        "bio",
        "profile",
        "follow",
        "email",
        "twitter",
        "read",
        "comment",
        "original",
        "article",
        "@",
        "http",
        "www.",
        ".com",
        ".it",
        ".org",
        "staff",
        "desk",
        "redaction",
        "rédaction",
        "redaktion",
        "redacción",
        "newsroom",
        "編集部",
        "编辑部",
        "редакция",
        "agency",
        "agencia",
        "associated press",
        "reuters",
        "afp",
        "foto",
        "photo",
        "фото",
        "view",
        "more",
        "author",
        "autor",
        "auteur",
        "news",
        "editor",
        "published",
        "updated",
        "min",
        "share",
    ];
    let words: Vec<&str> = p.split_whitespace().collect();
    !p.is_empty()
        && p.chars().count() < 50
        && words.len() <= 5
        && !p.chars().any(|c| c.is_ascii_digit())
        && !JUNK.iter().any(|j| lower.contains(j))
        && words
            .first()
            .and_then(|w| w.chars().next())
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase() && c.is_alphabetic())
}

/// Drops parenthesized parts: roles and notes (`(reporting)`,
/// `(photography)`, `(avec ...)`).
fn without_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn split_names(s: &str) -> Vec<String> {
    let s = without_parens(s);
    let s = byline_prefix(s.trim());
    let mut parts = vec![s.to_owned()];
    for sep in [
        " and ", " & ", ", ", ",", " und ", " et ", " y ", " e ", " i ", " og ", "; ", " | ", "|",
        " · ", "·", " • ", "•", " - ", " — ", " – ", "、", "／", "/",
    ] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_owned).collect::<Vec<_>>())
            .collect();
    }
    let mut out: Vec<String> = Vec::new();
    for p in parts {
        let p = byline_prefix(p.trim().trim_end_matches([',', '.', '|']).trim())
            .trim()
            .to_owned();
        if is_name(&p) && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

struct Header {
    byline: Option<String>,
    authors: Vec<String>,
    date_text: Option<String>,
    date: Option<NaiveDate>,
    standfirst: Option<String>,
}

/// The date a visible date element shows: its text read as a date line
/// (in any of the parser's languages), else its `datetime` attribute when
/// the text shows the same day, else a date line inside the text.
fn visible_date(text: &str, attr: Option<&str>, month_first: bool) -> Option<NaiveDate> {
    use folio_core::parse::date::{DateOrder, parse_date_line};
    if let Some(d) = parse_date_line(text, DateOrder::Auto, month_first) {
        return Some(d.date);
    }
    if let Some(d) = attr.and_then(parse_date) {
        use chrono::Datelike;
        let year = d.year().to_string();
        let short = format!("{:02}", d.year() % 100);
        if text.contains(&year) || text.contains(&short) {
            return Some(d);
        }
    }
    for piece in text.split(['|', '•', '·', '—', '\n', '(', ')']) {
        if let Some(d) = parse_date_line(piece, DateOrder::Auto, month_first) {
            return Some(d.date);
        }
    }
    // `By Joshua Sokol May 20, 2019`: the longest tail that is a date line.
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 1..words.len() {
        let tail = words[i..].join(" ");
        if let Some(d) = parse_date_line(&tail, DateOrder::Auto, month_first) {
            return Some(d.date);
        }
    }
    numeric_date(text, month_first)
}

/// A numeric date anywhere in a short text: year first (`2019年04月21日`,
/// `2019/04/04`, `2019.03.26`, `2019-04-04`), or year last (`2.9.2020 klo
/// 12.45`, `15/06/2020`; day first, except `M/D/YYYY` on English pages).
fn numeric_date(text: &str, month_first: bool) -> Option<NaiveDate> {
    // Runs of ASCII or full-width digits, with the separator after each.
    let norm: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let mut nums: Vec<(u32, usize, char, char)> = Vec::new(); // value, digits, sep before, sep after
    let chars: Vec<char> = norm.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let before = if start > 0 { chars[start - 1] } else { ' ' };
            let after = chars.get(i).copied().unwrap_or(' ');
            if let Ok(v) = digits.parse::<u32>() {
                nums.push((v, i - start, before, after));
            }
        } else {
            i += 1;
        }
    }
    let ymd_sep = |c: char| matches!(c, '年' | '月' | '/' | '.' | '-' | '년' | '월');
    for w in nums.windows(3) {
        let [(a, al, _, asep), (b, bl, _, bsep), (c, cl, _, _)] = [w[0], w[1], w[2]];
        if al == 4
            && bl <= 2
            && cl <= 2
            && ymd_sep(asep)
            && ymd_sep(bsep)
            && (asep == bsep || asep == '年' || asep == '년')
        {
            if let Some(d) = NaiveDate::from_ymd_opt(a as i32, b, c) {
                return Some(d);
            }
        }
        if cl == 4 && al <= 2 && bl <= 2 && matches!(asep, '.' | '/' | '-') && asep == bsep {
            let (m, d) = if asep == '/' && month_first {
                (a, b)
            } else {
                (b, a)
            };
            if let Some(d) = NaiveDate::from_ymd_opt(c as i32, m, d) {
                return Some(d);
            }
        }
    }
    None
}

fn find_header(root: N<'_>, title_id: Option<NodeId>, ctx: &Ctx<'_>, m: &PageMeta) -> Header {
    let mut h = Header {
        byline: None,
        authors: Vec::new(),
        date_text: None,
        date: None,
        standfirst: None,
    };
    let mut seen_title = title_id.is_none();
    let mut after_title = 0usize;
    let mut bylines: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut dates: Vec<(usize, String, Option<String>)> = Vec::new();
    let mut inside_byline: Option<NodeId> = None;
    let mut order = 0usize;
    visible_elements(root, ctx, &mut |n, e| {
        order += 1;
        if Some(n.id()) == title_id {
            seen_title = true;
        }
        if seen_title {
            after_title += 1;
        }
        let in_byline = inside_byline.is_some_and(|b| n.ancestors().any(|a| a.id() == b));
        let toks = tokens(e);
        let rel_author = e
            .attr("rel")
            .is_some_and(|r| r.split_whitespace().any(|t| t == "author"));
        let itemprop = e.attr("itemprop").unwrap_or("");
        let is_byline = toks.iter().any(|t| {
            matches!(
                t.as_str(),
                "byline" | "author" | "authors" | "byl" | "writer" | "contributor" | "creditline"
            )
        }) || rel_author
            || itemprop == "author"
            || (seen_title && after_title <= 40 && by_line(n, e));
        let dist = if seen_title {
            after_title
        } else {
            100_000 + order
        };
        if is_byline && !in_byline && !matches!(e.name(), "meta" | "link" | "img") {
            let text = text_of(n);
            let nchars = text.chars().count();
            if nchars > 1 && nchars < 120 {
                let mut names = Vec::new();
                for d in n.descendants() {
                    if let Some(de) = d.value().as_element() {
                        let dt = tokens(de);
                        let named = de.attr("rel").is_some_and(|r| r.contains("author"))
                            || de.attr("itemprop") == Some("name")
                            || (de.name() == "a"
                                && de.attr("href").is_some_and(|h| {
                                    [
                                        "author",
                                        "/by/",
                                        "people",
                                        "staff",
                                        "profile",
                                        "journalist",
                                        "redacteur",
                                        "autor",
                                    ]
                                    .iter()
                                    .any(|k| h.contains(k))
                                }))
                            || dt.iter().any(|t| t == "name")
                            || after_by(d);
                        if named && d.id() != n.id() {
                            let t = byline_prefix(&text_of(d)).trim().to_owned();
                            if is_name(&t) {
                                if !names.contains(&t) {
                                    names.push(t);
                                }
                            } else {
                                // `Fatima Hussein, The Associated Press`.
                                for t in split_names(&t) {
                                    if !names.contains(&t) {
                                        names.push(t);
                                    }
                                }
                            }
                        }
                    }
                }
                if names.is_empty() {
                    names = split_names(&text_without_dates(n));
                }
                if !names.is_empty() {
                    bylines.push((dist, text, names));
                    inside_byline = Some(n.id());
                }
            }
        }
        let is_date = e.name() == "time"
            || itemprop == "datePublished"
            || toks.iter().any(|t| {
                matches!(
                    t.as_str(),
                    "date" | "time" | "timestamp" | "published" | "pubdate" | "posted" | "dateline"
                )
            });
        // A short line just below the headline that shows a date, without
        // markup that says so (`<li>2019/04/04</li>`, an obfuscated class).
        let near_line = !is_date
            && seen_title
            && after_title <= 30
            && matches!(e.name(), "span" | "li" | "p" | "div" | "small" | "em")
            && !n.children().any(|c| c.value().is_element());
        if near_line {
            let text = text_of(n);
            if text.chars().count() < 60 && text.chars().any(|c| c.is_ascii_digit()) {
                dates.push((dist + 10, text, None));
            }
        }
        if is_date {
            let text = text_of(n);
            if !text.is_empty()
                && text.chars().count() < 100
                && text
                    .chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                let attr = e
                    .attr("datetime")
                    .or_else(|| e.attr("content"))
                    .map(str::to_owned)
                    .or_else(|| {
                        n.descendants()
                            .filter_map(|d| d.value().as_element())
                            .find_map(|d| d.attr("datetime").map(str::to_owned))
                    });
                // A date marked up as the publication date goes first.
                let published = itemprop.eq_ignore_ascii_case("datePublished")
                    || e.attr("pubdate").is_some()
                    || toks.iter().any(|t| t == "published" || t == "pubdate");
                dates.push((if published { dist / 4 } else { dist }, text, attr));
            }
        }
        if h.standfirst.is_none()
            && seen_title
            && after_title < 40
            && toks.iter().any(|t| {
                matches!(
                    t.as_str(),
                    "dek"
                        | "standfirst"
                        | "subtitle"
                        | "subheadline"
                        | "sub"
                        | "lede"
                        | "deck"
                        | "summary"
                        | "excerpt"
                        | "intro"
                        | "strapline"
                        | "chapo"
                        | "chapeau"
                        | "description"
                )
            })
            && !matches!(e.name(), "meta" | "img")
            // Not a photo's description.
            && !std::iter::once(n).chain(n.ancestors()).any(|a| {
                a.value().as_element().is_some_and(|ae| {
                    matches!(ae.name(), "figure" | "figcaption")
                        || tokens(ae)
                            .iter()
                            .any(|t| matches!(t.as_str(), "caption" | "credit" | "image" | "photo"))
                })
            })
            // Not the summary of a teaser card or a related story.
            && !n.ancestors().any(|a| {
                a.value().as_element().is_some_and(|ae| {
                    tokens(ae).iter().any(|t| {
                        matches!(
                            t.as_str(),
                            "teaser" | "teasers" | "related" | "recommended" | "promo" | "card"
                        )
                    })
                })
            })
        {
            let t = text_of(n);
            if t.chars().count() > 20 && t.chars().count() < 600 {
                h.standfirst = Some(t);
            }
        }
        true
    });
    bylines.sort_by_key(|b| b.0);
    // Metadata names that look like a person's: two words or more, or a
    // script without spaces between words (a one-word Latin "author" is
    // usually the outlet: `UOL`, `BNS`, `ASCII`).
    let meta_names: Vec<String> = m
        .authors
        .iter()
        .flat_map(|a| split_names(a))
        .filter(|n| {
            n.split_whitespace().count() >= 2 || !n.chars().any(|c| c.is_ascii_alphabetic())
        })
        .collect();
    if let Some((_, text, names)) = bylines.into_iter().next() {
        // The metadata's names, when the visible byline shows them all, are
        // the cleanest list (no section labels, roles or outlet names).
        let shown = key(&text);
        h.authors = if !meta_names.is_empty() && meta_names.iter().all(|n| shown.contains(&key(n)))
        {
            meta_names
        } else {
            names
        };
        h.byline = Some(text);
    } else {
        h.authors = meta_names;
    }
    dates.sort_by_key(|d| d.0);
    // Numeric dates are month-first only on English-language pages.
    let month_first = m
        .language
        .as_deref()
        .is_none_or(|l| l.to_ascii_lowercase().starts_with("en"));
    for (_, text, attr) in dates {
        if let Some(d) = visible_date(&text, attr.as_deref(), month_first) {
            h.date_text = Some(text);
            h.date = Some(d);
            break;
        }
    }
    // A date glued to the byline (`Joe Wee Monday, February 29, 2016`).
    if h.date.is_none()
        && let Some(b) = &h.byline
        && let Some(d) = visible_date(b, None, month_first)
    {
        h.date = Some(d);
    }
    h
}

/// Builds the article from a parsed page.
pub(crate) fn article(html: &Html, diags: &mut Vec<Diagnostic>) -> Article {
    let m = meta::read(html);
    let mut ctx = Ctx {
        stats: HashMap::new(),
        excluded: HashSet::new(),
        _p: std::marker::PhantomData,
    };
    let root = html.tree.root();
    compute_stats(root, false, &mut ctx);
    let mut scores = Scores::new();
    score(root, &ctx, &mut scores);
    for (id, s) in scores.iter_mut() {
        if let Some(st) = ctx.stats.get(id) {
            *s *= 1.0 - link_density(st);
        }
    }
    let mut best: Option<(NodeId, f64)> = None;
    for (&id, &s) in &scores {
        if best.is_none_or(|(bid, b)| s > b || (s == b && id < bid)) {
            best = Some((id, s));
        }
    }
    let (title, title_id) = find_title(html, &m, &ctx, best.map(|b| b.0));
    let title = title.trim().to_owned();
    let header = find_header(root, title_id, &ctx, &m);
    let mut body = Vec::new();
    let mut body_ids: Vec<NodeId> = Vec::new();
    let mut builder = Builder {
        ctx: &ctx,
        title_key: key(&title),
        diags,
        tables: 0,
    };
    // An article split into several containers (sections between pull
    // quotes and figures): other strong candidates near the best one pull
    // the choice up to their common ancestor, at most four levels up.
    if let Some((top, top_score)) = best
        && let Some(top_node) = html.tree.get(top)
    {
        let chain: Vec<NodeId> = top_node.ancestors().map(|a| a.id()).collect();
        let mut lift: Option<usize> = None;
        // The element below `common` on the way to `n` (or `n` itself).
        let below = |n: N<'_>, common: NodeId| -> Option<NodeId> {
            std::iter::once(n)
                .chain(n.ancestors())
                .find(|a| a.parent().is_some_and(|p| p.id() == common))
                .map(|a| a.id())
        };
        // Two containers of the same kind side by side (same tag and
        // class: the article's sections between figures and pull quotes).
        let parallel = |a: NodeId, b: NodeId| -> bool {
            let (Some(a), Some(b)) = (html.tree.get(a), html.tree.get(b)) else {
                return false;
            };
            match (a.value().as_element(), b.value().as_element()) {
                (Some(x), Some(y)) => {
                    x.name() == y.name()
                        && x.attr("class") == y.attr("class")
                        && matches!(x.name(), "section" | "div" | "article")
                }
                _ => false,
            }
        };
        for (&id, &sc) in &scores {
            if id == top || sc < top_score * 0.1 || sc < 15.0 || chain.contains(&id) {
                continue;
            }
            let Some(n) = html.tree.get(id) else { continue };
            if n.ancestors().any(|a| a.id() == top) {
                continue;
            }
            if let Some(pos) = n
                .ancestors()
                .find_map(|a| chain.iter().position(|&c| c == a.id()))
                && pos < 6
                && (sc >= top_score * 0.25 || {
                    let top_child = if pos == 0 { top } else { chain[pos - 1] };
                    below(n, chain[pos]).is_some_and(|c| parallel(c, top_child))
                })
                && html.tree.get(chain[pos]).is_some_and(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| !matches!(e.name(), "body" | "html"))
                })
            {
                lift = Some(lift.map_or(pos, |l: usize| l.max(pos)));
            }
        }
        if let Some(pos) = lift {
            let id = chain[pos];
            let sc = scores.get(&id).copied().unwrap_or(top_score).max(top_score);
            best = Some((id, sc));
        }
    }
    if let Some((top, top_score)) = best
        && let Some(top_node) = html.tree.get(top)
    {
        let threshold = (top_score * 0.2).max(10.0);
        let parts: Vec<N<'_>> = match top_node.parent() {
            Some(p) if p.value().is_element() => p
                .children()
                .filter(|s| {
                    if s.id() == top {
                        return true;
                    }
                    let Some(se) = s.value().as_element() else {
                        return false;
                    };
                    if ctx.excluded.contains(&s.id()) {
                        return false;
                    }
                    if scores.get(&s.id()).is_some_and(|&x| x >= threshold) {
                        return true;
                    }
                    if se.name() == "p"
                        && let Some(st) = ctx.stats.get(&s.id())
                    {
                        return (st.chars > 80 && link_density(st) < 0.25)
                            || (st.chars > 0 && link_density(st) == 0.0 && st.commas > 0);
                    }
                    false
                })
                .collect(),
            _ => vec![top_node],
        };
        body_ids.extend(parts.iter().map(|p| p.id()));
        for p in parts {
            if let Some(e) = p.value().as_element() {
                builder.block(p, e, &mut body, 0);
            }
        }
    }
    if builder.tables > 0 {
        builder.diags.push(Diagnostic::warning(
            None,
            format!(
                "{} table(s) kept as text, one paragraph per row (the model has no tables)",
                builder.tables
            ),
        ));
    }
    let base = m.url.as_deref().filter(|u| u.starts_with("http"));
    resolve_blocks(&mut body, base);

    // Header lines that the content walk picked up again.
    let drop: Vec<String> = [
        header.byline.as_deref(),
        header.date_text.as_deref(),
        Some(&title),
    ]
    .into_iter()
    .flatten()
    .map(key)
    .filter(|k| !k.is_empty())
    .collect();
    body.retain(|b| !drop.contains(&key(&b.plain_text())));
    dedup_copies(&mut body);
    drop_teaser_runs(&mut body);
    cut_at_more_stories(&mut body);
    let mut standfirst = header.standfirst;
    if let Some(s) = &standfirst
        && body.iter().any(|b| key(&b.plain_text()) == key(s))
    {
        standfirst = None;
    }

    let date = header
        .date
        .or_else(|| m.published.as_deref().and_then(parse_date));
    let mut authors = header.authors;
    authors.dedup();
    let language = m
        .language
        .as_deref()
        .and_then(folio_core::lang::normalize_tag)
        .or_else(|| {
            let text: String = body
                .iter()
                .take(20)
                .map(|b| b.plain_text() + "\n")
                .collect();
            folio_core::lang::detect(&format!("{title}\n{text}"))
        })
        .unwrap_or_else(|| "und".into());
    let _ = note;
    // A line that carries both the byline and the date is the byline; as the
    // date line too it would print twice.
    let date_text = header.date_text.filter(|d| {
        header
            .byline
            .as_deref()
            .is_none_or(|b| !key(b).contains(&key(d)))
    });
    let footer = find_footer(root, &body_ids)
        .map(|t| vec![paragraph(vec![Inline::text(t)])])
        .unwrap_or_default();
    let mut a = Article {
        title: title.clone(),
        standfirst,
        authors,
        byline: header.byline,
        date,
        date_text,
        language: folio_core::Language::new(&language),
        publisher: m.publisher.clone().or(m.site_name.clone()),
        source_url: m.url.clone(),
        body,
        footer,
        ..Default::default()
    };
    folio_core::json::sanitize(&mut a);
    a
}

/// A copyright or rights line: ©, "copyright", `(c) 2024` or a
/// reserved-rights phrase.
fn is_rights_line(t: &str) -> bool {
    if t.contains('©') || t.contains("版权所有") || t.contains("版權所有") || t.contains("著作権")
    {
        return true;
    }
    let lower = t.to_lowercase();
    lower.contains("copyright")
        || folio_core::parse::RIGHTS_RESERVED
            .iter()
            .any(|r| lower.contains(r))
        || lower.match_indices("(c)").any(|(i, _)| {
            let rest = lower[i + 3..].trim_start();
            rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        })
}

/// Whether the text below a node is at most `limit` bytes (stops early, so
/// that asking it of every element stays linear in the page).
fn short_subtree(n: N<'_>, limit: usize) -> bool {
    let mut total = 0usize;
    for d in n.descendants() {
        if let Node::Text(t) = d.value() {
            total += t.trim().len();
            if total > limit {
                return false;
            }
        }
    }
    true
}

/// The page's copyright line: the last short block element outside the
/// article body whose text is a rights line (the innermost such element, so
/// the line and not the whole page footer).
fn find_footer(root: N<'_>, body_ids: &[NodeId]) -> Option<String> {
    let mut found: Option<String> = None;
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if body_ids.contains(&n.id()) {
            continue;
        }
        if let Some(e) = n.value().as_element() {
            if is_skipped_tag(e.name()) || hidden(e) || hidden_class(e) {
                continue;
            }
            if (is_block_tag(e.name()) || e.name() == "small") && short_subtree(n, 1024) {
                let t = text_of(n);
                let chars = t.chars().count();
                if chars > 2 && chars <= 250 && is_rights_line(&t) {
                    found = Some(t);
                }
            }
        }
        let kids: Vec<_> = n.children().filter(|c| c.value().is_element()).collect();
        stack.extend(kids.into_iter().rev());
    }
    found
}

/// Drops the second copy of a paragraph or heading: some pages hold the
/// article twice (a teaser copy and the full one, or a "continued" copy),
/// and the common container of both holds both. Short lines (a label, a
/// dash) may repeat in an article and stay; quotes stay (pull quotes repeat
/// the text on purpose).
fn dedup_copies(body: &mut Vec<Block>) {
    let mut seen = HashSet::new();
    body.retain(|b| {
        if !matches!(b, Block::Paragraph { .. } | Block::Heading { .. }) {
            return true;
        }
        let k = key(&b.plain_text());
        if k.chars().count() < 20 {
            return true;
        }
        seen.insert(k)
    });
}

/// Headings that open a list of other stories ("More stories", "Related",
/// "Lire aussi"...), in lower case.
const MORE_STORIES: &[&str] = &[
    "related",
    "more stories",
    "more from",
    "more hot stories",
    "more news",
    "latest news",
    "latest stories",
    "top stories",
    "most read",
    "most popular",
    "popular stories",
    "trending",
    "recommended",
    "you may also like",
    "you might also like",
    "read next",
    "read more",
    "see also",
    "te recomendamos",
    "te puede interesar",
    "más noticias",
    "lo más leído",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "sur le même sujet",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "meistgelesen",
    "leggi anche",
    "potrebbe interessarti",
    "veja também",
    "leia também",
    "читайте также",
    "похожие",
    "関連記事",
    "相关新闻",
    "相关阅读",
    "관련기사",
];

fn is_more_stories(b: &Block) -> bool {
    let Block::Heading { .. } = b else {
        return false;
    };
    let t = b.plain_text().to_lowercase();
    let t = t.trim().trim_end_matches([':', '.', '⬇', '↓', '»', ' ']);
    t.chars().count() <= 40 && MORE_STORIES.iter().any(|m| t.starts_with(m))
}

/// Cuts the body at a heading that opens a list of other stories, when it
/// comes after most of the text (an article's own "Related" heading near
/// the top may introduce its own section).
fn cut_at_more_stories(body: &mut Vec<Block>) {
    let total: usize = body.iter().map(|b| b.plain_text().len()).sum();
    let mut before = 0usize;
    for i in 0..body.len() {
        if is_more_stories(&body[i]) && before * 2 > total {
            body.truncate(i);
            return;
        }
        before += body[i].plain_text().len();
    }
}

/// A paragraph or heading that is nothing but a link (a teaser headline).
fn link_only(b: &Block) -> bool {
    let content = match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => content,
        _ => return false,
    };
    // (has a link, has text outside links), through emphasis spans.
    fn scan(content: &[Inline]) -> (bool, bool) {
        content.iter().fold((false, false), |(l, t), i| match i {
            Inline::Link { .. } => (true, t),
            Inline::Text { text } => (l, t || !text.trim().is_empty()),
            span => {
                let (l2, t2) = scan(span.children());
                (l || l2, t || t2)
            }
        })
    }
    let (link, text) = scan(content);
    link && !text
}

fn short_label(b: &Block) -> bool {
    matches!(b, Block::Paragraph { .. } | Block::Heading { .. })
        && b.plain_text().split_whitespace().count() <= 6
        && !b.plain_text().trim_end().ends_with(['.', '!', '?', '。'])
}

/// Drops runs of teaser headlines ("Related stories", "More from"...): two
/// or more paragraphs or headings in a row that are only links, with the
/// short labels between them (a section name over each teaser) and the
/// short label just before the run.
fn drop_teaser_runs(body: &mut Vec<Block>) {
    let mut keep = vec![true; body.len()];
    let mut i = 0;
    while i < body.len() {
        if !link_only(&body[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut links = 0;
        while j < body.len() {
            if link_only(&body[j]) {
                links += 1;
                j += 1;
            } else if short_label(&body[j]) && body.get(j + 1).is_some_and(link_only) {
                j += 1;
            } else {
                break;
            }
        }
        if links >= 2 {
            let from = if i > 0 && short_label(&body[i - 1]) {
                i - 1
            } else {
                i
            };
            keep[from..j].iter_mut().for_each(|k| *k = false);
        }
        i = j.max(i + 1);
    }
    let mut it = keep.iter();
    body.retain(|_| *it.next().unwrap_or(&true));
}

/// Development aid: the five best candidates, and the ancestors of the first
/// text node containing `needle` with their scores and exclusion.
#[doc(hidden)]
pub fn debug(bytes: &[u8], needle: &str) -> String {
    let (text, _) = decode(bytes);
    let html = Html::parse_document(&text);
    let mut ctx = Ctx {
        stats: HashMap::new(),
        excluded: HashSet::new(),
        _p: std::marker::PhantomData,
    };
    let root = html.tree.root();
    compute_stats(root, false, &mut ctx);
    let mut scores = Scores::new();
    score(root, &ctx, &mut scores);
    for (id, s) in scores.iter_mut() {
        if let Some(st) = ctx.stats.get(id) {
            *s *= 1.0 - link_density(st);
        }
    }
    let desc = |n: N<'_>| {
        n.value()
            .as_element()
            .map(|e| {
                format!(
                    "<{} class={:?} id={:?}>",
                    e.name(),
                    e.attr("class").unwrap_or(""),
                    e.attr("id").unwrap_or("")
                )
            })
            .unwrap_or_default()
    };
    let mut v: Vec<_> = scores.iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(a.1));
    let mut out = String::new();
    for (id, s) in v.iter().take(5) {
        let n = html.tree.get(**id).unwrap();
        out += &format!(
            "{s:.1} {} chars={}\n",
            desc(n),
            ctx.stats.get(id).map_or(0, |s| s.chars)
        );
    }
    if let Some(t) = root
        .descendants()
        .find(|d| d.value().as_text().is_some_and(|t| t.contains(needle)))
    {
        for a in t.ancestors() {
            out += &format!(
                "  {} excluded={} score={:?}\n",
                desc(a),
                ctx.excluded.contains(&a.id()),
                scores.get(&a.id())
            );
        }
    }
    out
}

/// An `<a>`: a link when it has an address that leaves the page, else its
/// text. A link is fenced by NUL marks (spaces kept apart from the words
/// around it until the inlines are joined); `fence_text` fences plain text
/// the same way.
fn push_anchor(out: &mut Vec<Inline>, text: String, href: Option<&str>, fence_text: bool) {
    match href.map(str::trim) {
        Some(h) if !h.is_empty() && !h.starts_with('#') => {
            out.push(Inline::text(" \0"));
            out.push(Inline::Link {
                text,
                url: h.to_owned(),
            });
            out.push(Inline::text("\0 "));
        }
        _ if fence_text => {
            out.push(Inline::text(" \0"));
            out.push(Inline::text(text));
            out.push(Inline::text("\0 "));
        }
        _ => out.push(Inline::text(text)),
    }
}
