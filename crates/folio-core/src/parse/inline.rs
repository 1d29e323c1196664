//! Inline content: finding links (URLs, bare web addresses, e-mail
//! addresses) in text, with the `linkify` crate.

use crate::model::Inline;
use linkify::{LinkFinder, LinkKind};
use std::sync::LazyLock;

/// Top-level domains accepted for addresses written without `http://` or
/// `www.` (`Snopes.com`). Others (`Node.js`, `add.wasm`) stay text.
const TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "ai", "app", "dev",
    "news", "tv", "me", "uk", "de", "fr", "es", "it", "ru", "cn", "jp", "kr", "kp", "eu", "us",
    "ca", "au", "in", "br", "nl", "ch", "se", "no", "fi", "dk", "pl", "at", "be", "pt", "gr", "tr",
    "ua", "mx", "ar", "za", "nz", "ie", "sg", "hk", "tw", "il", "ae", "sa", "eg", "ir", "vn", "th",
    "my", "id", "ph", "pk", "bd", "ng", "ke", "cz", "hu", "ro", "bg", "rs", "hr",
];

/// Whether a scheme-less host ends in a well-known top-level domain.
pub(crate) fn known_tld(host: &str) -> bool {
    let host = host.split(['/', '?', '#']).next().unwrap_or(host);
    let mut labels = host.rsplit('.');
    let tld = labels.next().unwrap_or("").to_ascii_lowercase();
    let second = labels.next().unwrap_or("");
    second.chars().count() >= 2
        && second
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
        && TLDS.contains(&tld.as_str())
}

static FINDER: LazyLock<LinkFinder> = LazyLock::new(|| {
    let mut f = LinkFinder::new();
    f.url_must_have_scheme(false);
    f.kinds(&[LinkKind::Url, LinkKind::Email]);
    f
});

/// Splits text into [`Inline`]s, turning web and e-mail addresses into
/// links. `www.example.com` and `Example.com` link to `http://…`, e-mail
/// addresses to `mailto:…`.
///
/// ```
/// use folio_core::model::Inline;
/// let inl = folio_core::parse::linkify("Mail lnolan@breitbart.com now");
/// assert_eq!(inl[1], Inline::Link { text: "lnolan@breitbart.com".into(), url: "mailto:lnolan@breitbart.com".into() });
/// ```
pub fn linkify(text: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let push_text = |out: &mut Vec<Inline>, s: &str| {
        if s.is_empty() {
            return;
        }
        if let Some(Inline::Text { text }) = out.last_mut() {
            text.push_str(s);
        } else {
            out.push(Inline::text(s));
        }
    };
    for span in FINDER.spans(text) {
        let s = span.as_str();
        match span.kind() {
            Some(LinkKind::Email) => out.push(Inline::Link {
                text: s.to_owned(),
                url: format!("mailto:{s}"),
            }),
            Some(LinkKind::Url) => {
                let lower = s.to_ascii_lowercase();
                let has_scheme = lower.starts_with("http://")
                    || lower.starts_with("https://")
                    || lower.starts_with("ftp://");
                if has_scheme {
                    out.push(Inline::Link {
                        text: s.to_owned(),
                        url: s.to_owned(),
                    });
                } else if (lower.starts_with("www.") || known_tld(s))
                    && !s.contains('@')
                    && !s.contains("://")
                {
                    out.push(Inline::Link {
                        text: s.to_owned(),
                        url: format!("http://{s}"),
                    });
                } else {
                    push_text(&mut out, s);
                }
            }
            _ => push_text(&mut out, s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(s: &str) -> Vec<String> {
        linkify(s)
            .into_iter()
            .filter_map(|i| match i {
                Inline::Link { url, .. } => Some(url),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            links("2023 © All rights reserved. www.pyongyangtimes.com.kp"),
            ["http://www.pyongyangtimes.com.kp"]
        );
        assert_eq!(
            links("see https://example.org/a?b=c."),
            ["https://example.org/a?b=c"]
        );
        assert_eq!(links("writer at Snopes.com which"), ["http://Snopes.com"]);
        assert!(links("runtimes like Node.js and add.wasm, z.B. U.S. e.g.").is_empty());
    }

    #[test]
    fn text_is_preserved() {
        let s = "A <b> & http://x.com/) end";
        let joined: String = crate::model::plain_text(&linkify(s));
        assert_eq!(joined, s);
    }
}
