//! Site addresses (`www.example.com`, `https://…`) in footers and notes.

/// The site address named in a footer line, as a URL.
pub(crate) fn site_address(s: &str) -> Option<String> {
    for m in site_candidates(s) {
        let host = m.trim_end_matches(['.', ',', ')']);
        if host.starts_with("http://") || host.starts_with("https://") {
            return Some(host.to_owned());
        }
        if host.to_ascii_lowercase().starts_with("www.") || super::inline::known_tld(host) {
            return Some(format!("http://{host}"));
        }
    }
    None
}

/// The web addresses in `s`, left to right: the matches of
/// `(?i)(?-u:\b)((?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?)`.
pub(crate) fn site_candidates(s: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        if !s[from..].contains('.') {
            return None;
        }
        let is_word = |i: usize| {
            s.as_bytes()
                .get(i)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
        };
        let (p, end) = s[from..].char_indices().find_map(|(k, _)| {
            let p = from + k;
            // An ASCII word boundary.
            if (p > 0 && is_word(p - 1)) == is_word(p) {
                return None;
            }
            let end = scheme_len(&s[p..])
                .and_then(|n| address_end(s, p + n))
                .or_else(|| address_end(s, p))?;
            Some((p, end))
        })?;
        from = end;
        Some(&s[p..end])
    })
}

/// `(?i)https?://`: its length at the start of `r`.
pub(crate) fn scheme_len(r: &str) -> Option<usize> {
    if !r.as_bytes().get(..4)?.eq_ignore_ascii_case(b"http") {
        return None;
    }
    let s_len = r[4..]
        .chars()
        .next()
        .filter(|&c| matches!(c, 's' | 'S' | '\u{17F}'))
        .map_or(0, char::len_utf8);
    r[4 + s_len..].starts_with("://").then_some(4 + s_len + 3)
}

/// `(?i)[a-z0-9-]`; case folding adds the Kelvin sign and the long s.
pub(crate) fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || matches!(c, '\u{212A}' | '\u{17F}')
}

/// `(?i)[a-z]`, likewise.
pub(crate) fn is_host_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{212A}' | '\u{17F}')
}

/// The end of `(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?`
/// matched at `start` (`www.` is only a first label here). The labels are
/// runs of host characters between single dots; the match ends in the last
/// label, after the first that begins with two letters, with the letters it
/// begins with and a path after them.
pub(crate) fn address_end(s: &str, start: usize) -> Option<usize> {
    let run = |i: usize| -> usize {
        s[i..]
            .chars()
            .take_while(|&c| is_host_char(c))
            .map(char::len_utf8)
            .sum()
    };
    let mut label = start;
    let mut len = run(label);
    if len == 0 {
        return None;
    }
    let mut end = None;
    while s[label + len..].starts_with('.') {
        label += len + 1;
        len = run(label);
        if len == 0 {
            break;
        }
        let letters = s[label..label + len]
            .chars()
            .take_while(|&c| is_host_letter(c));
        if letters.clone().count() >= 2 {
            end = Some(label + letters.map(char::len_utf8).sum::<usize>());
        }
    }
    let end = end?;
    Some(match s[end..].strip_prefix('/') {
        Some(path) => end + 1 + path.find(char::is_whitespace).unwrap_or(path.len()),
        None => end,
    })
}
