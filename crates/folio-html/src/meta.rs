//! Page metadata: JSON-LD, OpenGraph and other `<meta>` tags.

use scraper::{Html, Node};
use serde_json::Value;

/// What the page's metadata says about the article.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageMeta {
    pub headline: Option<String>,
    pub og_title: Option<String>,
    pub title_tag: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub site_name: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "TechArticle",
    "Report",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "ScholarlyArticle",
    "Review",
];

fn set(slot: &mut Option<String>, v: &str) {
    let v = collapse(v);
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v);
    }
}

/// Collapses HTML white space runs to one space and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

pub(crate) fn read(html: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    let mut ld_scripts = Vec::new();
    let mut meta_authors = Vec::new();
    for node in html.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
            "html" => {
                if let Some(l) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    set(&mut m.language, l);
                }
            }
            "title" if m.title_tag.is_none() => {
                let t: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                set(&mut m.title_tag, &t);
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let t: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                ld_scripts.push(t);
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                // Some saved pages carry the value in `value=` instead.
                let Some(content) = el.attr("content").or_else(|| el.attr("value")) else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut m.og_title, content),
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "publish_date"
                    | "date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.date"
                    | "dcterms.created"
                    | "sailthru.date"
                    | "parsely-pub-date"
                    | "article.published"
                    | "og:published_time"
                    | "originalpublicationdate"
                    | "cxenseparse:recs:publishtime"
                    | "dc.date.created"
                    | "article:published"
                    | "date_published"
                    | "pub_date"
                    | "published_time"
                    | "pd"
                    | "timestamp" => set(&mut m.published, content),
                    "article:modified_time"
                    | "datemodified"
                    | "og:updated_time"
                    | "lastmod"
                    | "last-modified" => set(&mut m.modified, content),
                    "author" | "article:author" | "dc.creator" | "sailthru.author"
                    | "parsely-author" | "byl" | "dcterms.creator" => {
                        let c = collapse(content);
                        if !c.is_empty() && !c.contains("://") && !meta_authors.contains(&c) {
                            meta_authors.push(c);
                        }
                    }
                    "og:url" => set(&mut m.url, content),
                    "og:site_name" | "application-name" => set(&mut m.site_name, content),
                    "og:locale" | "content-language" | "dc.language" | "language" => {
                        set(&mut m.language, &content.replace('_', "-"))
                    }
                    _ => {}
                }
                if el
                    .attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                {
                    set(&mut m.language, content);
                }
            }
            "link" => {
                if el.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                }) && let Some(h) = el.attr("href")
                {
                    // The canonical link names the article's address best.
                    if h.starts_with("http") {
                        m.url = Some(collapse(h));
                    }
                }
            }
            _ => {}
        }
    }
    let mut ld_authors = Vec::new();
    let mut ld_published: Option<String> = None;
    for s in &ld_scripts {
        let Some(v) = parse_ld(s) else {
            continue;
        };
        let ids = ids(&v);
        let mut found = Vec::new();
        collect_articles(&v, 0, &mut found);
        for a in found {
            if let Some(h) = a.get("headline").and_then(first_str) {
                set(&mut m.headline, &html_unescape(h));
            }
            // JSON-LD is the most deliberate statement of the date.
            for k in ["datePublished", "dateCreated"] {
                if ld_published.is_none()
                    && let Some(d) = a.get(k).and_then(first_str)
                    && crate::parse_date(d).is_some()
                {
                    ld_published = Some(d.trim().to_owned());
                }
            }
            if let Some(d) = a.get("dateModified").and_then(first_str) {
                set(&mut m.modified, d);
            }
            if let Some(l) = a.get("inLanguage").and_then(first_str) {
                set(&mut m.language, l);
            }
            if let Some(p) = a.get("publisher") {
                let p = resolve_id(p, &ids);
                if let Some(n) = p.get("name").and_then(first_str) {
                    set(&mut m.publisher, n);
                } else if let Some(n) = p.as_str() {
                    set(&mut m.publisher, n);
                }
            }
            if let Some(au) = a.get("author").or_else(|| a.get("creator")) {
                names(au, &ids, &mut ld_authors, 0);
            }
        }
    }
    if ld_published.is_some() {
        m.published = ld_published;
    }
    m.authors = if ld_authors.is_empty() {
        meta_authors
    } else {
        ld_authors
    };
    m
}

fn html_unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn is_article_type(v: &Value) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

fn collect_articles<'v>(v: &'v Value, depth: usize, out: &mut Vec<&'v Value>) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_articles(x, depth + 1, out)),
        Value::Object(o) => {
            if is_article_type(v) {
                out.push(v);
            }
            for key in [
                "@graph",
                "mainEntity",
                "mainEntityOfPage",
                "itemListElement",
            ] {
                if let Some(x) = o.get(key) {
                    collect_articles(x, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// The JSON of a JSON-LD script, read leniently: CDATA and comment
/// wrappers, a trailing `;`, and raw line breaks and tabs inside strings
/// (which JSON forbids but pages hold) are all accepted.
fn parse_ld(s: &str) -> Option<Value> {
    let mut t = s.trim();
    for (open, close) in [
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
        ("<!--", "-->"),
    ] {
        if let Some(rest) = t.strip_prefix(open) {
            t = rest.trim_start();
            if let Some(rest) = t.strip_suffix(close) {
                t = rest.trim_end();
            }
        }
    }
    let t = t.trim().trim_end_matches(';');
    serde_json::from_str::<Value>(t).ok().or_else(|| {
        let cleaned: String = t
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str::<Value>(&cleaned).ok()
    })
}

/// The first string of a value that is a string, an array of strings, or
/// an object with `@value`.
fn first_str(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.as_str()),
        Value::Array(a) => a.iter().find_map(first_str),
        Value::Object(o) => o.get("@value").and_then(Value::as_str),
        _ => None,
    }
}

/// Nodes of a JSON-LD document by `@id` (for `"author": {"@id": ...}`
/// references into a `@graph`).
fn ids(v: &Value) -> std::collections::HashMap<String, &Value> {
    let mut out = std::collections::HashMap::new();
    fn walk<'v>(
        v: &'v Value,
        depth: usize,
        out: &mut std::collections::HashMap<String, &'v Value>,
    ) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, depth + 1, out)),
            Value::Object(o) => {
                if let Some(id) = o.get("@id").and_then(Value::as_str)
                    && o.len() > 1
                {
                    out.entry(id.to_owned()).or_insert(v);
                }
                o.values().for_each(|x| walk(x, depth + 1, out));
            }
            _ => {}
        }
    }
    walk(v, 0, &mut out);
    out
}

/// An object that is only an `@id` reference, resolved; else the value.
fn resolve_id<'v>(v: &'v Value, ids: &std::collections::HashMap<String, &'v Value>) -> &'v Value {
    if let Value::Object(o) = v
        && o.len() == 1
        && let Some(id) = o.get("@id").and_then(Value::as_str)
        && let Some(target) = ids.get(id)
    {
        return target;
    }
    v
}

/// Whether a JSON-LD node is an organization (a desk or outlet, not a
/// person's name).
fn is_organization(v: &Value) -> bool {
    let is_org = |t: &str| t.ends_with("Organization") || t == "Corporation";
    match v.get("@type") {
        Some(Value::String(t)) => is_org(t),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is_org)),
        _ => false,
    }
}

/// Author names: a string (`"A and B"` stays one string here; the caller
/// splits), an array, a `Person` object with `name` (a string or array, or
/// `givenName` and `familyName`), or an `@id` reference to one.
/// Organizations are not authors.
fn names(
    v: &Value,
    ids: &std::collections::HashMap<String, &Value>,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 4 {
        return;
    }
    match v {
        Value::String(s) => {
            let s = collapse(&html_unescape(s));
            if !s.is_empty() && !s.contains("://") && !out.contains(&s) {
                out.push(s);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, ids, out, depth + 1)),
        Value::Object(_) => {
            let v = resolve_id(v, ids);
            if is_organization(v) {
                return;
            }
            if let Some(n) = v.get("name") {
                names(n, ids, out, depth + 1);
            } else if let Some(g) = v.get("givenName").and_then(first_str) {
                let f = v.get("familyName").and_then(first_str).unwrap_or("");
                names(&Value::String(format!("{g} {f}")), ids, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Text of a node's direct and nested text, used for `<title>`.
#[allow(dead_code)]
pub(crate) fn node_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Some(t) = d.value().as_text() {
            s.push_str(t);
        }
    }
    collapse(&s)
}
