//! The shape rules the parser applies to single lines and units.
//!
//! Each function looks at one piece of text and answers one question; the
//! parser combines the answers with context (neighbouring blocks).

use crate::model::{CaptionKind, Copyright, Dateline, NoteKind};
use std::sync::OnceLock;

pub(crate) fn is_cjk_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{AC00}'..='\u{D7AF}')
}

pub(crate) fn is_cjk_text(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    let total = s.chars().filter(|c| !c.is_whitespace()).count();
    total > 0 && s.chars().filter(|&c| is_cjk_char(c)).count() * 2 > total
}

/// Closing quotes and brackets that may follow a sentence's final mark.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', '」', '』', '）', ')', ']', '】', '*', '_',
];

/// Whether the text ends like a sentence (`.`, `!`, `?`, `…`, `。`...),
/// looking through closing quotes and brackets.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSERS);
    t.ends_with([
        '.', '!', '?', '…', '。', '！', '？', ';', '；', ',', '，', '、', '؟', '۔', '।',
    ])
}

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

/// Agencies, picture services and platforms that appear as credits.
const AGENCY_NAMES: &[&str] = &[
    "AFP",
    "AP",
    "Reuters",
    "REUTERS",
    "Getty",
    "Getty Images",
    "EPA",
    "Xinhua",
    "KCNA",
    "Yonhap",
    "AP Photo",
    "Bloomberg",
    "Shutterstock",
    "iStock",
    "iStockphoto",
    "Alamy",
    "dpa",
    "ANSA",
    "EFE",
    "TASS",
    "РИА Новости",
    "picture alliance",
    "Imago",
    "Keystone",
    "Handout",
    "Pool",
    "Courtesy",
    "Supplied",
    "File",
    "Facebook",
    "Twitter",
    "Instagram",
    "YouTube",
    "TikTok",
    "Wikimedia Commons",
    "Flickr",
];

/// Whether `s` is an agency name, optionally followed by `Photo`, `Images`...
fn is_agency(s: &str) -> bool {
    let s = s.trim();
    AGENCY_NAMES.iter().any(|a| {
        s.strip_prefix(a).is_some_and(|rest| {
            let rest = rest.trim();
            rest.is_empty() || matches!(rest, "Photo" | "Photos" | "Images" | "Pictures" | "Video")
        })
    })
}

/// `2023` or `2019-2024`.
fn is_year_or_range(w: &str) -> bool {
    let b = w.as_bytes();
    (b.len() == 4 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 9
            && b[4] == b'-'
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[5..].iter().all(u8::is_ascii_digit))
}

/// Whether `t` has more than `n` characters; its length in bytes decides
/// most cases without counting (a character takes one to four bytes).
pub(crate) fn more_chars_than(t: &str, n: usize) -> bool {
    t.len() > n && (t.len() > 4 * n || t.chars().count() > n)
}

/// The byte offset of the first `needle` in `s` (as [`str::find`], with
/// memchr's substring search, which costs less to set up for one search).
pub(crate) fn find_bytes(s: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(s.as_bytes(), needle.as_bytes())
}

/// A substring searched for in every paragraph: memchr's searcher, set up
/// on first use (setting one up costs more than a search).
pub(crate) struct Finder {
    needle: &'static str,
    finder: OnceLock<memchr::memmem::Finder<'static>>,
}

impl Finder {
    /// A finder for `needle`.
    pub const fn new(needle: &'static str) -> Self {
        Finder {
            needle,
            finder: OnceLock::new(),
        }
    }

    /// The byte offset of the first occurrence in `s` (as [`str::find`]).
    pub fn find(&self, s: &str) -> Option<usize> {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(self.needle))
            .find(s.as_bytes())
    }
}

/// Lowercases the start of `s` (enough for prefix tests).
pub(crate) fn lower_head(s: &str, chars: usize) -> String {
    // ASCII text: the first `chars` characters are the first `chars` bytes.
    let n = s.len().min(chars);
    if s.as_bytes()[..n].is_ascii() {
        return s[..n].to_ascii_lowercase();
    }
    let mut out = String::with_capacity(chars);
    for c in s.chars().take(chars) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A list of lowercase labels (`read more`, `photo`...) with the set of
/// their first bytes, which rules most texts out with one test.
struct Labels {
    words: &'static [&'static str],
    first_bytes: [bool; 256],
}

impl Labels {
    const fn new(words: &'static [&'static str]) -> Self {
        let mut first_bytes = [false; 256];
        let mut i = 0;
        while i < words.len() {
            first_bytes[words[i].as_bytes()[0] as usize] = true;
            i += 1;
        }
        Labels { words, first_bytes }
    }
}

/// `s` starts with one of the `labels` followed by optional spaces and one
/// of the `then` characters (or the end, when `then` is empty).
fn starts_with_label(lower: &str, labels: &Labels, then: &[char]) -> bool {
    let first = lower.as_bytes().first();
    if !first.is_some_and(|&b| labels.first_bytes[usize::from(b)]) {
        return false;
    }
    labels.words.iter().any(|w| {
        // Comparing the first byte first saves most comparisons.
        w.as_bytes().first() == first
            && lower.strip_prefix(w).is_some_and(|rest| {
                let rest = rest.trim_start();
                if then.is_empty() {
                    rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric())
                } else {
                    rest.starts_with(then)
                }
            })
    })
}

/// Words of a name: each starts with an uppercase letter and holds only
/// letters and `'’.-`.
fn capitalized_words(s: &str) -> Option<usize> {
    let mut n = 0;
    for w in s.split_whitespace() {
        let mut cs = w.chars();
        if !cs.next().is_some_and(char::is_uppercase) {
            return None;
        }
        if !cs.all(|c| c.is_alphabetic() || "'’.-".contains(c)) {
            return None;
        }
        n += 1;
    }
    (n > 0).then_some(n)
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

/// Rights phrases in several languages (lowercase).
const RESERVED: &[&str] = &[
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "все права защищены",
];

/// A line with ©, `(c) 2024`, "copyright" or an "all rights reserved" phrase.
fn is_rights_line(t: &str) -> bool {
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
fn scheme_len(r: &str) -> Option<usize> {
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
fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || matches!(c, '\u{212A}' | '\u{17F}')
}

/// `(?i)[a-z]`, likewise.
fn is_host_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{212A}' | '\u{17F}')
}

/// The end of `(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?`
/// matched at `start` (`www.` is only a first label here). The labels are
/// runs of host characters between single dots; the match ends in the last
/// label, after the first that begins with two letters, with the letters it
/// begins with and a path after them.
fn address_end(s: &str, start: usize) -> Option<usize> {
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

/// Lowercase words that may stand inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
    "bin", "al", "el", "ibn", "y", "zu", "ten", "ter",
];

/// Whether `s` looks like one person's (or desk's) name.
fn is_name(s: &str) -> bool {
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
fn strip_by_prefix(t: &str) -> Option<&str> {
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

/// A tweet's attribution line: `— Jane Doe (@jane) March 17, 2023`. Returns
/// `Some(true)` when the attribution is the whole text, `Some(false)` when
/// it ends a longer text (the tweet and its attribution in one block).
pub(crate) fn tweet_attribution(t: &str) -> Option<bool> {
    let t = t.trim();
    // The attribution holds a handle: without `(@` there is nothing to find.
    static HANDLE: Finder = Finder::new("(@");
    HANDLE.find(t)?;
    let dash = ["— ", "—", "&mdash; ", "- ", "-- "]
        .iter()
        .filter_map(|d| {
            if t.starts_with(d) {
                Some(0)
            } else {
                t.rfind(&format!(" {d}")).map(|i| i + 1)
            }
        })
        .min()?;
    let attr = &t[dash..];
    let open = attr.find("(@")?;
    let close = open + attr[open..].find(')')?;
    let handle = &attr[open + 2..close];
    if handle.is_empty()
        || !handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let date = attr[close + 1..].trim();
    super::date::parse_date_line(date, super::date::DateOrder::Auto, true)?;
    Some(dash == 0)
}

/// Splits a byline's names at commas, semicolons, `&`, `/`, `、` and the
/// word "and" in several languages.
fn split_names(s: &str) -> Vec<String> {
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
    let (names_part, prefixed) = match strip_by_prefix(t) {
        Some(rest) => (rest.to_owned(), true),
        None if bare && !t.contains('/') => (t.to_owned(), false),
        None => return None,
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

/// The text without bracketed lowercase words (`(reporting)`).
fn drop_lowercase_brackets(t: &str) -> String {
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

/// A line that only credits a picture: `(Bild: Hersteller)`,
/// `JIM WATSON/AFP/Getty Images`, `Facebook`, `West Mercia Police`.
pub(crate) fn credit_line(s: &str) -> Option<CaptionKind> {
    const LABELS: Labels = Labels::new(&[
        "photo credit",
        "photos",
        "photo",
        "fotos",
        "foto",
        "bilder",
        "bild",
        "images",
        "image",
        "pictures",
        "picture",
        "credits",
        "credit",
        "quelle",
        "fuente",
        "source",
        "illustration",
        "grafik",
        "graphic",
        "video",
        "фото",
        "사진",
        "写真",
        "图",
        "圖",
    ]);
    let t = s.trim();
    if more_chars_than(t, 90) {
        return None;
    }
    // (Bild: Hersteller), Photo: Jane Doe
    let inner = t.strip_prefix('(').unwrap_or(t);
    let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
    let lower = lower_head(inner, 20);
    if starts_with_label(&lower, &LABELS, &[':', '：', '/']) && !inner.contains(['(', ')']) {
        return Some(CaptionKind::Credit);
    }
    // JIM WATSON/AFP/Getty Images
    if !t.contains("://") && t.starts_with(char::is_uppercase) {
        let parts: Vec<&str> = t.split('/').collect();
        if (2..=4).contains(&parts.len())
            && parts.iter().all(|p| {
                !p.trim().is_empty() && p.chars().all(|c| c.is_alphabetic() || " .'’&-".contains(c))
            })
        {
            return Some(CaptionKind::Credit);
        }
    }
    // Facebook, (Reuters), West Mercia Police
    if is_agency(inner) {
        return Some(CaptionKind::Credit);
    }
    const ORG_TAIL: &[&str] = &[
        "Police", "Images", "Photo", "Photos", "Handout", "Archive", "Archives", "Pictures",
        "Media",
    ];
    let words: Vec<&str> = t.split_whitespace().collect();
    if (1..=5).contains(&words.len())
        && ORG_TAIL.contains(words.last().unwrap_or(&""))
        && capitalized_words(t).is_some()
    {
        return Some(CaptionKind::Credit);
    }
    None
}

/// A caption that ends with its credit in parentheses:
/// `Glass cloche terrariums (Lucy Akins)`, `... in Tunis. (Reuters)`.
pub(crate) fn caption_with_credit(s: &str) -> Option<CaptionKind> {
    let t = s.trim();
    if !t.ends_with(')') || t.starts_with(['“', '"', '«', '„', '(']) || t.len() > 600 {
        return None;
    }
    if t.split_whitespace().count() > 40 {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    if inner.is_empty() || inner.contains(['(', ')']) || open == 0 {
        return None;
    }
    let lower = lower_head(inner, 12);
    const LABELS: Labels = Labels::new(&["photo", "foto", "bild", "image", "video", "credit"]);
    let labelled = starts_with_label(&lower, &LABELS, &[':', '：']);
    // An agency, possibly followed by a photographer: (AP Photo/Jane Doe).
    let agency = AGENCY_NAMES.iter().any(|a| {
        inner.strip_prefix(a).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with([' ', '/'])
                    && rest.chars().all(|c| c.is_alphabetic() || " ./".contains(c))
        })
    });
    // A person: two to five capitalized words, perhaps /Agency.
    let (name, agency_tail) = inner.split_once('/').unwrap_or((inner, ""));
    let person = capitalized_words(name).is_some_and(|n| n >= 2)
        && agency_tail.chars().all(|c| c.is_alphabetic() || c == ' ');
    (labelled || agency || person).then_some(CaptionKind::Caption)
}

/// Whether text is short enough to be a caption.
pub(crate) fn is_caption_sized(s: &str) -> bool {
    let t = s.trim();
    !more_chars_than(t, 150)
        && t.split_whitespace().count() <= 20
        && !t.starts_with(['“', '"', '«', '„'])
        && !t.contains(['“', '«', '„'])
}

/// Notes: credits, related links, editor lines, bios, corrections...
pub(crate) fn note_kind(s: &str) -> Option<NoteKind> {
    const RELATED: Labels = Labels::new(&[
        "read more",
        "read",
        "see also",
        "also read",
        "related coverage",
        "related articles",
        "related stories",
        "related content",
        "related",
        "more on this",
        "more",
        "watch",
        "listen",
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "mehr zum thema",
        "lesen sie auch",
        "leer más",
        "lea también",
        "lee también",
        "leggi anche",
        "читайте также",
        "相关阅读",
        "関連記事",
    ]);
    const CREDIT_BY: &[&str] = &[
        "reporting",
        "additional reporting",
        "with additional reporting",
        "writing",
        "editing",
        "research",
        "production",
        "fact-checking",
        "translation",
        "translated",
        "compiled",
        "edited",
        "contributing reporting",
        "graphics",
    ];
    const EDITOR_CJK: &[&str] = &[
        "责任编辑",
        "編輯",
        "编辑",
        "記者",
        "记者",
        "校对",
        "審校",
        "审校",
    ];
    const EDITOR: Labels = Labels::new(&[
        "editor's note",
        "editors' note",
        "editor’s note",
        "editors note",
        "editor note",
        "note from the editor",
        "ed. note",
        "anmerkung der redaktion",
    ]);
    let t = s.trim();
    if more_chars_than(t, 400) {
        return None;
    }
    let lower = lower_head(t, 48);
    let unbracketed = lower.trim_start_matches(['[', '(', '（', '【', ' ']);
    if starts_with_label(unbracketed, &RELATED, &[':', '：']) {
        return Some(NoteKind::Related);
    }
    if CREDIT_BY
        .iter()
        .any(|w| lower.strip_prefix(w).is_some_and(|r| r.starts_with(" by ")))
        || contributed_line(t)
    {
        return Some(NoteKind::Credit);
    }
    // (FRANCE 24 with AFP, REUTERS), (AFP)
    if let Some(inner) = t
        .trim_end_matches('.')
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
    {
        let list = inner.rsplit_once(" with ").map_or(inner, |(_, l)| l);
        let head_ok = inner.rsplit_once(" with ").is_none_or(|(h, _)| {
            h.chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == ' ')
        });
        if head_ok
            && list.split([',', '/']).all(|a| {
                is_agency(a) || {
                    let a = a.trim();
                    !a.is_empty() && a.chars().all(|c| c.is_uppercase() || c == ' ')
                }
            })
            && (inner.contains(" with ") || list.split([',', '/']).all(is_agency))
        {
            return Some(NoteKind::Credit);
        }
    }
    const SOURCING: Labels = Labels::new(&["sourcing", "sources", "source"]);
    if starts_with_label(unbracketed, &SOURCING, &[':', '：']) {
        return Some(NoteKind::Sourcing);
    }
    if EDITOR_CJK.iter().any(|w| {
        t.trim_start_matches(['（', '(', '【', '[', ' '])
            .strip_prefix(w)
            .is_some_and(|r| r.trim_start().starts_with([':', '：']))
    }) {
        return Some(NoteKind::Editor);
    }
    if starts_with_label(unbracketed, &EDITOR, &[]) {
        return Some(NoteKind::Editor);
    }
    const CORRECTION: Labels = Labels::new(&[
        "correction",
        "clarification",
        "corrección",
        "rectificatif",
        "korrektur",
    ]);
    if starts_with_label(unbracketed, &CORRECTION, &[':', '：']) {
        return Some(NoteKind::Correction);
    }
    const DISCLAIMER: Labels = Labels::new(&["disclaimer", "disclosure"]);
    if starts_with_label(unbracketed, &DISCLAIMER, &[':', '：'])
        || lower.starts_with("the views expressed in this")
        || lower.starts_with("the views expressed here")
    {
        return Some(NoteKind::Disclaimer);
    }
    const CONTACT: Labels = Labels::new(&[
        "contact us",
        "contact",
        "e-mail",
        "email",
        "tel",
        "phone",
        "kontakt",
    ]);
    if starts_with_label(&lower, &CONTACT, &[':', '：']) {
        return Some(NoteKind::Contact);
    }
    if is_bio(t) {
        return Some(NoteKind::Bio);
    }
    None
}

/// "Heba Habib contributed to this report."
fn contributed_line(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    if !t.ends_with("report") && !t.ends_with("story") && !t.ends_with("article") {
        return false;
    }
    let start = t.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let tail = t[start..].to_lowercase();
    [
        "contributed to this report",
        "contributed reporting to this report",
        "contributed to this story",
        "contributed to this article",
    ]
    .iter()
    .any(|p| tail.ends_with(p))
}

/// "Jane Doe is a reporter for ...", or a "Follow him on Twitter" line.
fn is_bio(t: &str) -> bool {
    const ROLES: &[&str] = &[
        "reporter",
        "writer",
        "correspondent",
        "editor",
        "journalist",
        "columnist",
        "contributor",
        "producer",
        "author",
        "analyst",
        "fellow",
    ];
    static FOLLOW: Finder = Finder::new("ollow ");
    static IS_A: Finder = Finder::new(" is a");
    if FOLLOW.find(t).is_some() {
        let lower = t.to_lowercase();
        let follow = ["him", "her", "them", "me", "us"].iter().any(|who| {
            ["twitter", "x", "facebook", "instagram"]
                .iter()
                .any(|p| lower.contains(&format!("follow {who} on {p}")))
        });
        if follow {
            return true;
        }
    }
    let Some(i) = IS_A.find(t).filter(|&i| t[i + 5..].starts_with([' ', 'n'])) else {
        return false;
    };
    let name_words = capitalized_words(&t[..i]).unwrap_or(0);
    (2..=4).contains(&name_words)
        && t[i..]
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .take(10)
            .any(|w| ROLES.contains(&w))
}

/// A wire dateline at the start of a paragraph.
pub(crate) fn dateline(s: &str) -> Option<Dateline> {
    let t = s.trim_start();
    // 【6月18日 AFP】
    if let Some(rest) = t.strip_prefix('【') {
        let close = rest.find('】')?;
        let inner = &rest[..close];
        if inner.chars().count() > 30 || inner.is_empty() {
            return None;
        }
        return Some(Dateline {
            text: format!("【{inner}】"),
            place: None,
            agency: inner.split_whitespace().last().map(str::to_owned),
        });
    }
    // PLACE[, Month D[, YYYY]] [(AGENCY)] DASH
    let head = match t.char_indices().nth(100) {
        Some((end, _)) => &t[..end],
        None => t,
    };
    let (dash_at, dash) = [(" — ", "—"), (" – ", "–"), (" -- ", "--"), (" - ", "-")]
        .iter()
        .filter_map(|(spaced, d)| head.find(spaced).map(|i| (i, *d)))
        .min_by_key(|(i, _)| *i)?;
    let before = &head[..dash_at];
    let text = format!("{} {}", before.trim_end(), dash);
    let (before, agency) = match before.trim_end().strip_suffix(')') {
        Some(b) => {
            let open = b.rfind('(')?;
            let agency = &b[open + 1..];
            if agency.is_empty() || agency.chars().count() > 40 {
                return None;
            }
            (b[..open].trim_end(), Some(agency.to_owned()))
        }
        None => (before.trim_end(), None),
    };
    let (place, date) = before.split_once(',').unwrap_or((before, ""));
    let place = place.trim();
    // The place: one to four capitalized words.
    let words = capitalized_words(&place.replace('-', " "))?;
    if words > 4 {
        return None;
    }
    // The optional date: a month word and a day, perhaps a year.
    let date_ok = date.trim().is_empty()
        || date.split([' ', ',']).filter(|w| !w.is_empty()).count() <= 3
            && date
                .chars()
                .all(|c| c.is_alphanumeric() || " .,".contains(c));
    if !date_ok {
        return None;
    }
    // Without an agency, the place must be in capitals (WASHINGTON —).
    let upper = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if agency.is_none() && !(upper && place.chars().count() >= 3) {
        return None;
    }
    Some(Dateline {
        text,
        place: Some(place.to_owned()),
        agency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            byline_names("By Erin Cunningham", false).unwrap(),
            ["Erin Cunningham"]
        );
        assert_eq!(
            byline_names("By Leigh Ann Caldwell CNN", false).unwrap(),
            ["Leigh Ann Caldwell"]
        );
        assert_eq!(
            byline_names("Text by NEWS WIRES", false).unwrap(),
            ["NEWS WIRES"]
        );
        assert_eq!(
            byline_names("by Lucas Nolan", false).unwrap(),
            ["Lucas Nolan"]
        );
        assert_eq!(
            byline_names("By Jane Doe and John Roe", false).unwrap(),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("By Jane Doe, Reuters", false).unwrap(),
            ["Jane Doe"]
        );
        assert_eq!(
            byline_names("Mark Di Stefano", true).unwrap(),
            ["Mark Di Stefano"]
        );
        assert_eq!(
            byline_names("By the time they arrived, it was over.", false),
            None
        );
        assert_eq!(byline_names("EXCLUSIVE", true), None);
        assert_eq!(byline_names("Consenso", true), None);
    }

    #[test]
    fn tweets() {
        assert_eq!(
            tweet_attribution("— Jane Doe (@janedoe) March 17, 2023"),
            Some(true)
        );
        assert_eq!(
            tweet_attribution(
                "Landed in Paris! pic.twitter.com/x — Jane Doe (@jane_d) March 17, 2023"
            ),
            Some(false)
        );
        assert_eq!(tweet_attribution("— Jane Doe, at the meeting"), None);
    }

    #[test]
    fn datelines() {
        let d = dateline("WASHINGTON (CNN) — Not everyone").unwrap();
        assert_eq!(d.place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.agency.as_deref(), Some("CNN"));
        let d = dateline("SEOUL, Aug. 20 (Yonhap) -- North Korea's").unwrap();
        assert_eq!(d.text, "SEOUL, Aug. 20 (Yonhap) --");
        let d = dateline("Pyongyang, October 24 (KCNA) -- Following").unwrap();
        assert_eq!(d.place.as_deref(), Some("Pyongyang"));
        assert!(dateline("CAIRO — Gunmen opened fire").is_some());
        assert!(dateline("Chairman Kim Jong Il met President - yes").is_none());
        assert_eq!(
            dateline("【6月18日 AFP】ナイジェリア")
                .unwrap()
                .agency
                .as_deref(),
            Some("AFP")
        );
    }

    #[test]
    fn copyright_lines() {
        let c = copyright("2023 © All rights reserved. www.pyongyangtimes.com.kp").unwrap();
        assert_eq!(c.year, Some(2023));
        assert_eq!(c.holder.as_deref(), Some("pyongyangtimes.com.kp"));
        let c = copyright("© KCNA www.kcna.kp").unwrap();
        assert_eq!(c.holder.as_deref(), Some("KCNA"));
        let c = copyright("Copyright 2019-2024 The Example Times").unwrap();
        assert_eq!(c.year, Some(2024));
        assert_eq!(c.holder.as_deref(), Some("The Example Times"));
    }

    #[test]
    fn credits_and_captions() {
        assert!(credit_line("(Bild: Hersteller)").is_some());
        assert!(credit_line("JIM WATSON/AFP/Getty Images").is_some());
        assert!(credit_line("Facebook").is_some());
        assert!(credit_line("West Merica Police").is_some());
        assert!(credit_line("Consenso").is_none());
        assert!(caption_with_credit("Glass cloche terrariums (Lucy Akins)").is_some());
        assert!(caption_with_credit("He came back (and left).").is_none());
        assert!(note_kind("(FRANCE 24 with AFP, REUTERS)").is_some());
        assert!(note_kind("（编辑：严玉洁 王辉）").is_some());
        assert!(note_kind("【责任编辑：严玉洁】").is_some());
        assert!(note_kind("Heba Habib contributed to this report.").is_some());
        assert!(note_kind("[Read: Why Tunisia suffers]").is_some());
    }

    #[test]
    fn bullets_and_short_lines() {
        assert_eq!(
            bullet_marker("- A show took place."),
            Some((false, None, 2))
        );
        assert_eq!(bullet_marker("2. AI speeds up"), Some((true, Some(2), 3)));
        assert_eq!(bullet_marker("-0-"), None);
        assert!(is_short_line("Rodong Sinmun"));
        assert!(is_short_line(
            "Is Ulji Freedom Shield \"defensive\" and \"transparent\""
        ));
        assert!(!is_short_line("His words were very meaningful."));
        assert!(is_short_line("中美合作共赢是大势所趋"));
    }

    #[test]
    fn code_lines() {
        assert!(looks_like_code_line("emcc -O3 add.c -o add.wasm"));
        assert!(looks_like_code_line(
            "wasm   =>   function musl_writev(..) { .. console.log(..) .. }"
        ));
        assert!(!looks_like_code_line("Using standalone mode in Emscripten"));
        assert!(looks_like_code(&[
            "int add(int x, int y) {",
            "  return x + y;",
            "}"
        ]));
        assert!(!looks_like_code(&[
            "A hard-wrapped line of prose that goes on",
            "and on until it ends."
        ]));
    }
}
