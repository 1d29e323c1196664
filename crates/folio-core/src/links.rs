//! Link safety: which link targets may reach an output.
//!
//! Every input is untrusted: a saved page, a Markdown file, a JATS article or
//! a JSON document can carry `javascript:` or `data:` links that a reader of
//! the EPUB, PDF or HTML rendering of the Markdown would follow. Folio keeps
//! only `http`, `https` and `mailto` links, plus scheme-less links (fragments
//! such as `#notes` and relative paths such as `../b.html`). Any other scheme
//! (`javascript:`, `data:`, `vbscript:`, `file:`, `ftp:`...) is dropped: the
//! link becomes plain text, its visible text is kept, and a warning says so.
//!
//! Every reader applies [`sanitize_article`] to what it produces, and JSON
//! input goes through it in [`crate::json::read`].
//!
//! ```
//! use folio_core::links::{is_safe_url, sanitize_article};
//! use folio_core::{Article, Block, Inline};
//!
//! assert!(is_safe_url("https://example.com/a"));
//! assert!(is_safe_url("#section-2"));
//! assert!(!is_safe_url(" JaVa\tScRiPt:alert(1)"));
//!
//! let mut a = Article {
//!     title: "T".into(),
//!     body: vec![Block::Paragraph {
//!         content: vec![Inline::Link { text: "click".into(), url: "javascript:alert(1)".into() }],
//!     }],
//!     ..Default::default()
//! };
//! let warnings = sanitize_article(&mut a);
//! assert_eq!(warnings.len(), 1);
//! assert_eq!(a.body[0], Block::paragraph("click"));
//! ```

use crate::diag::Diagnostic;
use crate::model::{Article, Block, Inline};

/// The schemes whose links reach outputs.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The scheme of `url`, lower-cased, as a browser would read it: leading
/// and trailing spaces and control characters are ignored, and tabs and line
/// breaks inside are removed first (`java\tscript:` is `javascript:`).
/// `None` for a scheme-less (relative or fragment) link.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ' || c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.starts_with('#') {
        return None;
    }
    // Only a colon before the first `/` or `?` can end a scheme (`a/b:c` and
    // `?q=a:b` are relative links).
    let prefix = cleaned.split(['/', '?']).next().unwrap_or("");
    let colon = prefix.find(':')?;
    let head = &prefix[..colon];
    let mut chars = head.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if valid {
        Some(head.to_ascii_lowercase())
    } else {
        // Not a well-formed scheme, but a browser or a later decoding step
        // (`jav&#x09;ascript:`) may still read one: refuse it.
        Some(format!("malformed scheme {head:?}"))
    }
}

/// Whether a link target may reach an output: `http`, `https`, `mailto`, or
/// no scheme at all (a fragment or a relative link; `//host/...` takes the
/// page's own http(s) scheme). A link starting with a backslash (a Windows
/// share) is refused.
pub fn is_safe_url(url: &str) -> bool {
    match scheme(url) {
        None => !url.trim_start().starts_with('\\'),
        Some(s) => ALLOWED_SCHEMES.contains(&s.as_str()),
    }
}

fn describe(url: &str) -> String {
    let mut shown: String = url.chars().take(40).collect();
    if shown.len() < url.len() {
        shown.push('…');
    }
    shown
}

/// Drops unsafe links from a run of inlines: each becomes plain text with the
/// link's visible text (merged into a neighbouring text inline). Returns a
/// warning for each link dropped; `context` names where it was (`body`).
pub fn sanitize_inlines(content: &mut Vec<Inline>, context: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    fn has_unsafe(content: &[Inline]) -> bool {
        content.iter().any(|i| match i {
            Inline::Link { url, .. } => !is_safe_url(url),
            other => has_unsafe(other.children()),
        })
    }
    if !has_unsafe(content) {
        return warnings;
    }
    let mut out: Vec<Inline> = Vec::with_capacity(content.len());
    for inline in content.drain(..) {
        let inline = match inline {
            Inline::Emphasis { mut content } => {
                warnings.extend(sanitize_inlines(&mut content, context));
                Inline::Emphasis { content }
            }
            Inline::Strong { mut content } => {
                warnings.extend(sanitize_inlines(&mut content, context));
                Inline::Strong { content }
            }
            Inline::Link { text, url } if !is_safe_url(&url) => {
                let scheme = scheme(&url).unwrap_or_default();
                warnings.push(
                    Diagnostic::warning(
                        None,
                        format!(
                            "{context}: dropped a link to an unsafe address ({scheme}: {}); its text {text:?} is kept",
                            describe(&url)
                        ),
                    )
                    .with_hint("only http, https and mailto links, and relative links, reach outputs"),
                );
                Inline::Text { text }
            }
            other => other,
        };
        match (out.last_mut(), inline) {
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, inline) => out.push(inline),
        }
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    *content = out;
    warnings
}

/// Applies [`sanitize_inlines`] to every block, nested ones included.
pub fn sanitize_blocks(blocks: &mut [Block], context: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => warnings.extend(sanitize_inlines(content, context)),
            Block::Code { .. } => {}
            Block::Quote { blocks } => warnings.extend(sanitize_blocks(blocks, context)),
            Block::List { items, .. } => {
                for item in items {
                    warnings.extend(sanitize_inlines(&mut item.content, context));
                    warnings.extend(sanitize_blocks(&mut item.children, context));
                }
            }
        }
    }
    warnings
}

/// Makes an article safe to write: unsafe links in the body and footer become
/// text, and an unsafe `source_url` is removed. Returns one warning per change.
pub fn sanitize_article(article: &mut Article) -> Vec<Diagnostic> {
    let mut warnings = sanitize_blocks(&mut article.body, "body");
    warnings.extend(sanitize_blocks(&mut article.footer, "footer"));
    if let Some(url) = &article.source_url
        && !is_safe_url(url)
    {
        warnings.push(Diagnostic::warning(
            None,
            format!(
                "dropped the article's source address: unsafe scheme ({})",
                describe(url)
            ),
        ));
        article.source_url = None;
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        for ok in [
            "http://a.b/",
            "HTTPS://a.b/c?d#e",
            "mailto:x@y.z",
            "#frag",
            "chapter2.xhtml#s1",
            "../a/b.html",
            "/abs/path",
            "//cdn.example.com/x",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_url(ok), "{ok} should be safe");
        }
        for bad in [
            "javascript:alert(1)",
            "  JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "ftp://x",
            "jav&#x09;ascript:alert(1)",
            "ja\u{0}vascript:x",
            "\\\\server\\share",
        ] {
            assert!(!is_safe_url(bad), "{bad:?} should be refused");
        }
    }

    #[test]
    fn text_is_kept_and_merged() {
        let mut content = vec![
            Inline::text("See "),
            Inline::Link {
                text: "this".into(),
                url: "data:text/html,x".into(),
            },
            Inline::text(" and "),
            Inline::Link {
                text: "that".into(),
                url: "https://example.com".into(),
            },
        ];
        let w = sanitize_inlines(&mut content, "body");
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("data"), "{}", w[0].message);
        assert_eq!(content.len(), 2);
        assert_eq!(content[0], Inline::text("See this and "));
    }

    #[test]
    fn links_inside_spans_are_checked_too() {
        let mut content = vec![Inline::Strong {
            content: vec![Inline::Emphasis {
                content: vec![
                    Inline::text("Click "),
                    Inline::Link {
                        text: "here".into(),
                        url: "javascript:alert(1)".into(),
                    },
                ],
            }],
        }];
        let w = sanitize_inlines(&mut content, "body");
        assert_eq!(w.len(), 1);
        assert_eq!(
            content,
            vec![Inline::Strong {
                content: vec![Inline::Emphasis {
                    content: vec![Inline::text("Click here")]
                }]
            }]
        );
    }
}
