//! Bylines: prefixes (`By`, `Von`, `Par`, `作者`…), person names, outlet
//! tails, and kickers.

use super::lexicon;
use super::text::*;

/// Lowercase words that may stand inside a person's name.
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
    "bin", "al", "el", "ibn", "y", "zu", "ten", "ter",
];

/// Whether `s` looks like one person's (or desk's) name.
pub(crate) fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 50 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps >= 1
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            let first = w.chars().next().unwrap_or(' ');
            (first.is_uppercase() || NAME_PARTICLES.contains(&w))
                && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
        })
}

/// What follows a byline prefix (`By`, `Text by`, `Von`, `Автор:`...), if
/// the line starts with one.
pub(crate) fn strip_by_prefix(t: &str) -> Option<&str> {
    const PREFIXES: &[&str] = &[
        "text by",
        "words by",
        "written by",
        "story by",
        "reporting by",
        "by",
        "von",
        "par",
        "por",
        "di",
        "de",
        "texte",
        "text",
        "autor",
        "author",
        "автор",
        "作者",
        "記者",
        "记者",
        "기자",
        "投稿者",
        "撰文",
        "texto",
        "tekst",
        "текст",
    ];
    let lower = lower_head(t, 16);
    PREFIXES.iter().find_map(|p| {
        lower.strip_prefix(p)?;
        // The prefix's characters, mapped back onto `t`.
        let cut = t
            .char_indices()
            .nth(p.chars().count())
            .map_or(t.len(), |(i, _)| i);
        let after = &t[cut..];
        let names = match after.trim_start().strip_prefix([':', '：']) {
            Some(rest) => rest.trim_start(),
            None if after.starts_with(char::is_whitespace) => after.trim_start(),
            None => return None,
        };
        (!names.is_empty()).then_some(names)
    })
}

/// [`strip_by_prefix`] for the parser.
pub(crate) fn strip_by_prefix_pub(t: &str) -> Option<&str> {
    strip_by_prefix(t)
}

/// Splits a byline's names at commas, semicolons, `&`, `/`, `、` and the
/// word "and" in several languages.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    const AND: &[&str] = &["and", "und", "et", "y", "e", "и"];
    let mut out = vec![String::new()];
    for word in s.split_whitespace() {
        if AND.contains(&word) {
            out.push(String::new());
            continue;
        }
        let mut cur = String::new();
        for c in word.chars() {
            if matches!(c, ',' | ';' | '&' | '/' | '、') {
                cur.push('\u{0}');
            } else {
                cur.push(c);
            }
        }
        for (k, piece) in cur.split('\u{0}').enumerate() {
            if k > 0 {
                out.push(String::new());
            }
            let last = out.last_mut().expect("non-empty");
            if !piece.is_empty() {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(piece);
            }
        }
    }
    out
}

/// The text without an outlet named at its end (`Jane Doe, AP`, `Jane Doe
/// Reuters`): what removing the match of
/// `(?:\s*[,|·–—-]\s*|\s+)(?:[A-Z]{2,}(?:\s+[A-Z]{2,})?|The Associated Press|Associated Press|Reuters|Bloomberg|The Washington Post|The New York Times)$`
/// left.
pub(crate) fn strip_outlet_tail(s: &str) -> &str {
    const OUTLETS: &[&str] = &[
        "The Associated Press",
        "Associated Press",
        "Reuters",
        "Bloomberg",
        "The Washington Post",
        "The New York Times",
    ];
    // The start of a run of two or more capitals ending at `end`.
    let caps_from = |end: usize| {
        let n = s.as_bytes()[..end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        (n >= 2).then_some(end - n)
    };
    // Where the outlet can begin: a name, or one or two words in capitals.
    let last_caps = caps_from(s.len());
    let before_last = last_caps.and_then(|r| {
        let gap = s[..r].trim_end_matches(char::is_whitespace).len();
        (gap < r).then(|| caps_from(gap)).flatten()
    });
    let names = OUTLETS
        .iter()
        .filter(|o| s.ends_with(*o))
        .map(|o| s.len() - o.len());
    // The separator before it, from its earliest start: `\s*[,|·–—-]\s*`
    // or `\s+`.
    let separator_start = |t0: usize| {
        let a = s[..t0].trim_end_matches(char::is_whitespace).len();
        match s[..a].chars().next_back() {
            Some(c @ (',' | '|' | '·' | '–' | '—' | '-')) => Some(
                s[..a - c.len_utf8()]
                    .trim_end_matches(char::is_whitespace)
                    .len(),
            ),
            _ => (a < t0).then_some(a),
        }
    };
    names
        .chain(last_caps)
        .chain(before_last)
        .filter_map(separator_start)
        .min()
        .map_or(s, |p| &s[..p])
}

/// The names in a byline (`By Jane Doe and John Roe`), or `None` when the
/// line is not a byline. With `bare`, a line that is only a name counts.
pub(crate) fn byline_names(s: &str, bare: bool) -> Option<Vec<String>> {
    let t = s.trim();
    if more_chars_than(t, 120) || ends_sentence(t) && !t.ends_with('.') {
        return None;
    }
    // `Jane Doe (reporting) and John Roe (photography)`: roles in brackets.
    let unroled;
    let t = if t.contains(" (") {
        unroled = drop_lowercase_brackets(t);
        unroled.as_str()
    } else {
        t
    };
    if desk_byline(t) {
        return None;
    }
    let (names_part, prefixed) = match strip_by_prefix(t) {
        Some(rest) => (rest.to_owned(), true),
        None if bare && !t.contains('/') => (t.to_owned(), false),
        None => return None,
    };
    // `By Jane Doe last updated 4 April 17`: a publication or update stamp
    // after the names is not part of them.
    let names_part = if prefixed {
        cut_at_stamp(&names_part).to_owned()
    } else {
        names_part
    };
    // Drop an e-mail address or handle after the name.
    let mut names_part = names_part
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    names_part = names_part.trim_end_matches(['.', ',', '|']).to_owned();
    let all_caps = names_part
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !all_caps {
        names_part = strip_outlet_tail(&names_part).to_owned();
    }
    let names: Vec<String> = split_names(&names_part)
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() || !names.iter().all(|n| is_name(n)) {
        return None;
    }
    if !prefixed {
        // A bare line must be one or two names of two to four words, in
        // mixed case (an all-caps line is a kicker or a credit).
        if all_caps || names.len() > 2 {
            return None;
        }
        if !names
            .iter()
            .all(|n| (2..=4).contains(&n.split_whitespace().count()))
        {
            return None;
        }
    }
    Some(names)
}

/// The text up to a publication or update stamp word (`last updated`,
/// `Published`, `aktualisiert`…) that follows at least one word.
fn cut_at_stamp(t: &str) -> &str {
    let lower = t.to_lowercase();
    if lower.len() != t.len() {
        return t;
    }
    let mut cut = t.len();
    for w in super::lexicon::UPDATED_WORDS.iter().chain(&[
        "published",
        "posted",
        "last updated",
        "last modified",
    ]) {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w).map(|i| i + from) {
            let before_ok = i > 0 && lower[..i].ends_with(' ');
            let after_ok = lower[i + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ':' | '|'));
            if before_ok && after_ok && lower[..i].trim().contains(char::is_alphabetic) {
                cut = cut.min(i);
                break;
            }
            from = i + w.len();
        }
    }
    let head = t[..cut].trim_end();
    // `… last updated`: the `last` belongs to the stamp.
    head.strip_suffix(" last")
        .or_else(|| head.strip_suffix(" Last"))
        .unwrap_or(head)
        .trim_end_matches([' ', ',', '|', '-', '–', '·'])
}

/// The text without bracketed lowercase words (`(reporting)`).
pub(crate) fn drop_lowercase_brackets(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 2..open + close];
        out.push_str(&rest[..open]);
        if !inner.chars().all(|c| c.is_lowercase() || c == ' ') {
            out.push_str(&rest[open..=open + close]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A short all-capitals label such as `EXCLUSIVE` or `ANALYSIS`.
pub(crate) fn is_kicker(s: &str) -> bool {
    let t = s.trim();
    // At most 30 characters: at most 120 bytes.
    if t.len() > 4 * 30 {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && t.chars().count() <= 30
        && t.split_whitespace().count() <= 3
        && letters.iter().all(|c| c.is_uppercase())
        && !t.contains('/')
}

/// A byline whose names are not people: `Our Foreign Staff`, `By BWW News
/// Desk`, `Redacción`, `AFP`.
pub(crate) fn desk_byline(t: &str) -> bool {
    let t = t.trim();
    // `NAME/Agency` is a photo credit.
    if more_chars_than(t, 60) || t.contains('/') {
        return false;
    }
    let rest = strip_by_prefix_pub(t).unwrap_or(t);
    let lower = rest.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && (words
            .iter()
            .any(|w| lexicon::DESK_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
            || lexicon::is_agency_name(rest))
}

#[cfg(test)]
mod stamp_tests {
    use super::*;

    #[test]
    fn a_stamp_after_the_names_is_cut() {
        assert_eq!(
            byline_names("By Daniel Bader last updated 4 April 17", false),
            Some(vec!["Daniel Bader".to_owned()])
        );
        assert_eq!(
            byline_names("By Jane Doe, Published 3 hours ago", false),
            Some(vec!["Jane Doe".to_owned()])
        );
        assert_eq!(
            byline_names("Von Max Muster aktualisiert am 3. März", false),
            Some(vec!["Max Muster".to_owned()])
        );
        // A name that merely contains the letters stays whole.
        assert_eq!(
            byline_names("By Anne Posted-Smith", false),
            Some(vec!["Anne Posted-Smith".to_owned()])
        );
    }
}
