//! Input decoding and text normalization, done once for every input.
//!
//! [`decode`] turns bytes into a `String` (UTF-8 with or without BOM, UTF-16
//! with BOM), refusing binary data and invalid UTF-8 with a byte offset and a
//! line. [`normalize`] then makes line ends `\n` and removes characters that
//! no output format can carry: C0 and C1 control characters other than tab
//! and newline, and the noncharacters U+FFFE/U+FFFF. Each removal is reported
//! with its line. [`clean`] applies the same character rules to a single
//! string (JSON input, command-line overrides).

use crate::diag::Diagnostic;
use crate::error::Error;
use std::borrow::Cow;

/// How to treat bytes that are not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Utf8Policy {
    /// Refuse the input with an error naming the byte offset and line.
    #[default]
    Strict,
    /// Replace bad sequences with U+FFFD and warn.
    Lossy,
}

/// Decodes raw input bytes to text.
///
/// ```
/// let text = folio_core::normalize::decode(b"\xEF\xBB\xBFTitle\r\n", Default::default()).unwrap();
/// assert_eq!(text, "Title\r\n");
/// ```
pub fn decode(bytes: &[u8], policy: Utf8Policy) -> Result<String, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(Error::Binary {
            what: "a PNG signature",
            offset: 0,
        });
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(Error::Binary {
            what: "a NUL byte",
            offset,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => match policy {
            Utf8Policy::Lossy => Ok(String::from_utf8_lossy(bytes).into_owned()),
            Utf8Policy::Strict => {
                let offset = e.valid_up_to();
                let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                Err(Error::InvalidUtf8 { offset, line })
            }
        },
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn decode_utf16(bytes: &[u8], conv: fn([u8; 2]) -> u16) -> Result<String, Error> {
    if bytes.len() % 2 != 0 {
        return Err(Error::InvalidUtf16 {
            offset: bytes.len() + 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|c| conv([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => return Err(Error::InvalidUtf16 { offset: 2 + i * 2 }),
        }
    }
    if out.contains('\0') {
        return Err(Error::Binary {
            what: "a NUL character",
            offset: 2 + out.find('\0').unwrap_or(0) * 2,
        });
    }
    Ok(out)
}

/// Whether a character can never appear in Folio's model text.
///
/// Tab and newline are allowed; other C0 controls, DEL, C1 controls and the
/// noncharacters U+FFFE and U+FFFF are not (XML 1.0 forbids most of them and
/// none of them prints).
pub fn is_forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        '\u{FFFE}' | '\u{FFFF}' => true,
        _ => false,
    }
}

/// Whether `s` has a character that [`clean`] and [`normalize`] change: a
/// forbidden one (see [`is_forbidden`]; this includes CR), U+2028 or U+2029.
///
/// Scans bytes: every such character starts with a byte below 0x20, 0x7F, or
/// the lead byte 0xC2 (C1 controls), 0xE2 (U+2028/9) or 0xEF (U+FFFE/F).
fn needs_cleaning(s: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight printable ASCII bytes (0x20..=0x7E) at a time: no byte below
        // 0x20 and none above 0x7E.
        if let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let below = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            let above = (x.wrapping_add(ONES) | x) & HIGH;
            if below | above == 0 {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        if (0x20..0x7F).contains(&c) || c == b'\t' || c == b'\n' {
            i += 1;
            continue;
        }
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        let hit = match c {
            0x00..=0x1F | 0x7F => true,
            0xC2 => (0x80..=0x9F).contains(&next(1)),
            0xE2 => next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9),
            0xEF => next(1) == 0xBF && matches!(next(2), 0xBE | 0xBF),
            _ => false,
        };
        if hit {
            return true;
        }
        i += 1;
    }
    false
}

/// Removes forbidden characters from one string (see [`is_forbidden`]); CR and
/// other line separators become `\n`, except that CRLF becomes one `\n`.
///
/// ```
/// assert_eq!(folio_core::normalize::clean("a\u{7}b\r\nc"), "ab\nc");
/// ```
pub fn clean(s: &str) -> Cow<'_, str> {
    if !needs_cleaning(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Normalizes decoded input text: line ends become `\n`, forbidden
/// characters are removed, and each line that lost characters gets one
/// warning.
///
/// ```
/// let (text, diags) = folio_core::normalize::normalize("Title\r\nA\u{1b}B\n");
/// assert_eq!(text, "Title\nAB\n");
/// assert_eq!(diags[0].line, Some(2));
/// ```
pub fn normalize(input: &str) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if !needs_cleaning(input) {
        return (input.to_owned(), diags);
    }
    let mut out = String::with_capacity(input.len());
    let mut line = 1usize;
    let mut removed_on_line: Vec<char> = Vec::new();
    let mut chars = input.chars().peekable();
    let flush = |line: usize, removed: &mut Vec<char>, diags: &mut Vec<Diagnostic>| {
        if !removed.is_empty() {
            let names: Vec<String> = removed
                .iter()
                .take(5)
                .map(|c| format!("U+{:04X}", *c as u32))
                .collect();
            diags.push(
                Diagnostic::warning(
                    line,
                    format!(
                        "removed {} control character{} ({}{})",
                        removed.len(),
                        if removed.len() == 1 { "" } else { "s" },
                        names.join(", "),
                        if removed.len() > 5 { ", ..." } else { "" }
                    ),
                )
                .with_hint("control characters cannot be represented in the outputs"),
            );
            removed.clear();
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                flush(line, &mut removed_on_line, &mut diags);
                line += 1;
            }
            c if is_forbidden(c) => removed_on_line.push(c),
            c => out.push(c),
        }
    }
    flush(line, &mut removed_on_line, &mut diags);
    (out, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_le_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Tëst\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, Utf8Policy::Strict).unwrap(), "Tëst\n");
    }

    #[test]
    fn invalid_utf8_reports_offset_and_line() {
        let err = decode(b"ok\nfine\n\xff", Utf8Policy::Strict).unwrap_err();
        assert!(matches!(err, Error::InvalidUtf8 { offset: 8, line: 3 }));
        assert_eq!(decode(b"a\xffb", Utf8Policy::Lossy).unwrap(), "a\u{FFFD}b");
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"abc\0def", Utf8Policy::Strict),
            Err(Error::Binary { offset: 3, .. })
        ));
        assert!(matches!(decode(b"", Utf8Policy::Strict), Err(Error::Empty)));
    }

    #[test]
    fn byte_scan_finds_what_the_char_rules_find() {
        let by_chars = |s: &str| {
            s.chars()
                .any(|c| is_forbidden(c) || c == '\u{2028}' || c == '\u{2029}')
        };
        for s in [
            "plain text\n\tand tabs",
            "cr\r",
            "bell\u{7}",
            "del\u{7f}",
            "c1 \u{85} \u{9f}",
            "not c1: \u{a0} \u{bf} é",
            "\u{2028}",
            "\u{2029}x",
            "\u{2027} \u{202a} \u{20ac}",
            "\u{fffe}",
            "\u{ffff}",
            "\u{fffd} \u{fefe} \u{ff01}",
            "中文 한국어 العربية",
            "",
        ] {
            assert_eq!(needs_cleaning(s), by_chars(s), "{s:?}");
        }
        // Every character of the first planes, at several offsets from the
        // eight-byte blocks the scan skips through.
        for c in (0u32..0x3_0000).filter_map(char::from_u32) {
            for before in [1, 7, 8, 13] {
                let s = format!("{}{c}{}", "a".repeat(before), "b".repeat(9));
                assert_eq!(needs_cleaning(&s), by_chars(&s), "U+{:04X}", c as u32);
            }
        }
        // Each byte value that can stand alone in UTF-8, inside a block.
        for c in (0u8..0x80).map(char::from) {
            let s = format!("abc{c}defghijk");
            assert_eq!(needs_cleaning(&s), by_chars(&s), "{c:?}");
        }
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(normalize("a\r\nb\rc").0, "a\nb\nc");
    }

    #[test]
    fn controls_removed_with_line_numbers() {
        let (t, d) = normalize("a\n\u{0}b\u{c}\n\u{85}x\u{FFFF}");
        assert_eq!(t, "a\nb\nx");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, Some(2));
        assert!(d[0].message.contains("2 control characters"));
        assert_eq!(d[1].line, Some(3));
    }
}
