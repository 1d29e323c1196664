//! Block markers and line shapes: list markers, short lines and labels,
//! run-in labels, program code.

use super::text::*;

/// A list marker at the start of a line: `- `, `• `, `* `, `1. `, `2) `.
/// Returns (ordered, number, byte length of marker and following space).
pub(crate) fn bullet_marker(s: &str) -> Option<(bool, Option<u64>, usize)> {
    const BULLETS: &[char] = &[
        '-', '•', '*', '·', '▪', '●', '◦', '‣', '⁃', '■', '□', '➢', '►', '▶', '✓', '✔',
    ];
    let first = s.chars().next()?;
    let (marker_len, number) = if BULLETS.contains(&first) {
        (first.len_utf8(), None)
    } else {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || !matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
            return None;
        }
        (digits + 1, s[..digits].parse::<u64>().ok())
    };
    let rest = &s[marker_len..];
    let spaces: usize = rest
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
        .map(char::len_utf8)
        .sum();
    if spaces == 0 || rest[spaces..].trim().is_empty() {
        return None;
    }
    Some((number.is_some(), number, marker_len + spaces))
}

/// A line with no final punctuation, short enough to be a heading or a
/// list item.
pub(crate) fn is_short_line(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.len() > 4 * 120 {
        return false;
    }
    let chars = t.chars().count();
    // Longer than the longest limit below (120, or 40 for CJK text).
    if chars > 120 {
        return false;
    }
    let cjk = is_cjk_text(t);
    let max = if cjk { 40 } else { 120 };
    let words = t.split_whitespace().count();
    if chars > max || (!cjk && words > 16) {
        return false;
    }
    let stripped = t.trim_end_matches(CLOSERS);
    // A question may be a heading; a colon may introduce a list.
    if stripped.ends_with(['?', '？', ':', '：']) {
        return chars <= 100;
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_lowercase() || ends_sentence(t) || t.ends_with(['-', '—', '–']) {
        return false;
    }
    !has_sentence_break(t)
}

/// A word and a number: `Step 1`, `Part 2`, `Schritt 3`.
pub(crate) fn is_numbered_label(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(w), Some(n), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    w.chars().all(char::is_alphabetic)
        && (1..=3).contains(&n.len())
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// A label rather than a sentence: few words, or mostly capitalized words
/// (`What You'll Need:`, but not `The setup takes three steps:`).
pub(crate) fn is_label(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    words.len() <= 3 || lower * 2 < words.len()
}

/// Whether the text has a sentence end followed by another sentence
/// (`... 87 bytes! It contains ...`).
pub(crate) fn has_sentence_break(t: &str) -> bool {
    let cs: Vec<char> = t.chars().collect();
    (2..cs.len().saturating_sub(2)).any(|i| {
        matches!(cs[i], '.' | '!' | '?')
            && cs[i - 1].is_lowercase()
            && cs[i - 2].is_lowercase()
            && cs[i + 1].is_whitespace()
            && cs[i + 2..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_uppercase())
    })
}

/// A run-in label opening a paragraph (`Web APIs: This is what...`).
pub(crate) fn has_run_in_label(t: &str) -> bool {
    let Some(i) = t.find(':') else { return false };
    let label = &t[..i];
    t.starts_with(char::is_uppercase)
        && label.chars().count() <= 41
        && !label.contains(['.', '!', '?'])
        && t[i + 1..].starts_with(char::is_whitespace)
        && !t[i + 1..].trim().is_empty()
}

/// Whether several lines of a block form program code.
pub(crate) fn looks_like_code(lines: &[&str]) -> bool {
    let mut signals = 0;
    for l in lines {
        let t = l.trim();
        if l.starts_with("  ") || l.starts_with('\t') {
            signals += 1;
        }
        if looks_like_code_line(t)
            || t.ends_with([';', '{', '}'])
            || t.starts_with("//")
            || t.starts_with("/*")
            || t.starts_with("#include")
            || t.starts_with("#!")
            || (t.starts_with('(') && !t.ends_with(')'))
            || t == ")"
        {
            signals += 1;
        }
    }
    signals * 2 >= lines.len() && signals >= 2
}

/// Whether a single line is a shell command or a line of code.
pub(crate) fn looks_like_code_line(t: &str) -> bool {
    let t = t.trim();
    if t.starts_with("$ ") || t.starts_with("#include") || t.starts_with("// ") {
        return true;
    }
    if t.ends_with(['.', '!', '?', ':']) {
        return false;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    let lower_first = first
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-./".contains(c));
    (lower_first && !first.is_empty() && count_flags(t) >= 2)
        || (t.contains("=>") && (t.contains('(') || t.contains('{')))
        || t.contains(['{', ';']) && has_call_shape(t)
}

/// The number of command-line flags (`-v`, `--all`) at the start or after a
/// space: the matches of `(?:^| )--?[A-Za-z][A-Za-z0-9_-]*`. (They cannot
/// overlap: a match holds no space after its first character.)
pub(crate) fn count_flags(t: &str) -> usize {
    let b = t.as_bytes();
    (0..b.len())
        .filter(|&i| {
            let letter_at = if b.get(i + 1) == Some(&b'-') {
                i + 2
            } else {
                i + 1
            };
            (i == 0 || b[i - 1] == b' ')
                && b[i] == b'-'
                && b.get(letter_at).is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
}

/// A call, block or statement end: `f(x) {`, `f(x);`, `) {` or a final
/// `}`, as `[A-Za-z0-9_]\([^)]*\) *[{;]|\) *\{|\} *$` matched.
pub(crate) fn has_call_shape(t: &str) -> bool {
    let b = t.as_bytes();
    // The first byte after spaces from `k`.
    let after_spaces = |k: usize| b.get(k..)?.iter().copied().find(|&c| c != b' ');
    if t.trim_end_matches(' ').ends_with('}') {
        return true;
    }
    b.iter().enumerate().any(|(i, &c)| match c {
        b')' => after_spaces(i + 1) == Some(b'{'),
        b'(' => {
            i > 0
                && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
                && memchr::memchr(b')', &b[i + 1..])
                    .is_some_and(|j| matches!(after_spaces(i + j + 2), Some(b'{' | b';')))
        }
        _ => false,
    })
}
