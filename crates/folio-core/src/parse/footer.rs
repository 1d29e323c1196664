//! Footer lines: copyright, rights and reserved-rights notices.

use super::address::*;
use super::text::*;
use crate::model::Copyright;

/// `2023` or `2019-2024`.
pub(crate) fn is_year_or_range(w: &str) -> bool {
    let b = w.as_bytes();
    (b.len() == 4 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 9
            && b[4] == b'-'
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[5..].iter().all(u8::is_ascii_digit))
}

/// Footer lines: copyright and rights statements and bare site addresses.
pub(crate) fn is_footer_line(s: &str, after_gap: bool) -> bool {
    let t = s.trim();
    let short = !more_chars_than(t, 200);
    if short && is_rights_line(t) {
        return true;
    }
    after_gap && short && t.split_whitespace().count() <= 3 && site_address(t).is_some()
}

/// Rights phrases in several languages (lowercase), as a copyright line
/// says them; the HTML reader finds a page's rights line with them too.
pub const RESERVED: &[&str] = &[
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "все права защищены",
    "direitos reservados",
];

/// A line with ©, `(c) 2024`, "copyright" or an "all rights reserved" phrase.
pub(crate) fn is_rights_line(t: &str) -> bool {
    if t.contains('©') || t.contains("版权所有") || t.contains("著作権") || t.contains("무단")
    {
        return true;
    }
    let lower = t.to_lowercase();
    if lower.contains("copyright") || RESERVED.iter().any(|r| lower.contains(r)) {
        return true;
    }
    // "(c) 2024"
    lower.match_indices("(c)").any(|(i, _)| {
        let rest = lower[i + 3..].trim_start();
        rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
    })
}

/// Copyright facts from a footer line.
pub(crate) fn copyright(s: &str) -> Option<Copyright> {
    let t = s.trim();
    if !is_rights_line(t) {
        return None;
    }
    // Years: the last 4-digit year from 1800 to 2099 (the end of a range).
    let mut year = None;
    let bytes = t.as_bytes();
    for i in 0..bytes.len().saturating_sub(3) {
        let w = &bytes[i..i + 4];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if boundary_before && boundary_after && w.iter().all(u8::is_ascii_digit) {
            let y: i32 = t[i..i + 4].parse().unwrap_or(0);
            if (1800..2100).contains(&y) {
                year = Some(y);
            }
        }
    }
    // The holder: what is left without marks, years and rights phrases.
    let mut rest = t.replace('©', " ");
    for mark in ["(c)", "(C)", "Copyright", "copyright", "COPYRIGHT"] {
        if find_bytes(&rest, mark).is_some() {
            rest = rest.replace(mark, " ");
        }
    }
    let lower = rest.to_lowercase();
    for r in RESERVED {
        if let Some(i) = find_bytes(&lower, r) {
            // Same byte length in both cases for these phrases' letters.
            if rest.is_char_boundary(i) && rest.is_char_boundary(i + r.len()) {
                rest.replace_range(i..i + r.len(), " ");
            }
        }
    }
    let words: Vec<&str> = rest
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ',' || c == '|'))
        .filter(|w| !w.is_empty() && *w != "-" && *w != "–")
        .filter(|w| !is_year_or_range(w))
        .collect();
    let named: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| site_address(w).is_none())
        .collect();
    let holder = if !named.is_empty() && named.len() < words.len() {
        named.join(" ")
    } else if named.is_empty() && !words.is_empty() {
        let w = words[0];
        let w = w
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        w.strip_prefix("www.")
            .unwrap_or(w)
            .trim_end_matches('/')
            .to_owned()
    } else {
        words.join(" ")
    };
    Some(Copyright {
        statement: t.to_owned(),
        year,
        holder: (!holder.is_empty()).then_some(holder),
    })
}
