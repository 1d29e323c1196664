//! Text primitives: scripts, sentence ends, cheap length tests, substring
//! finders and label matching. Nothing here knows about articles.

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
pub(crate) const CLOSERS: &[char] = &[
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

/// Whether `t` has more than `n` characters; its length in bytes decides
/// most cases without counting (a character takes one to four bytes).
pub(crate) fn more_chars_than(t: &str, n: usize) -> bool {
    t.len() > n && (t.len() > 4 * n || t.chars().count() > n)
}

/// Whether `t` has more than `n` words (as `split_whitespace`): ASCII text
/// is counted over its bytes, which the compiler vectorises; other text
/// word by word, stopping at the `n + 1`th.
pub(crate) fn more_words_than(t: &str, n: usize) -> bool {
    let b = t.as_bytes();
    // A word and a space take at least two bytes.
    if b.len() < 2 * n + 1 {
        return false;
    }
    if b.is_ascii() {
        // `char::is_whitespace` on ASCII: space, and \t \n \x0B \x0C \r;
        // branch-free, so that a chunk is counted in vector registers.
        let ws = |c: u8| (c == b' ') | (c.wrapping_sub(b'\t') < 5);
        let mut starts = usize::from(!ws(b[0]));
        // A word starts at each byte after a space that is not a space;
        // counted 32 byte pairs at a time into a byte-wide sum.
        let (prev, next) = (&b[..b.len() - 1], &b[1..]);
        let (mut p, mut q) = (prev.chunks_exact(32), next.chunks_exact(32));
        for (p, q) in p.by_ref().zip(q.by_ref()) {
            let mut block = 0u8;
            for k in 0..32 {
                block += u8::from(ws(p[k]) & !ws(q[k]));
            }
            starts += usize::from(block);
            if starts > n {
                return true;
            }
        }
        starts += p
            .remainder()
            .iter()
            .zip(q.remainder())
            .filter(|&(&a, &c)| ws(a) && !ws(c))
            .count();
        return starts > n;
    }
    t.split_whitespace().nth(n).is_some()
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
pub(crate) struct Labels {
    words: &'static [&'static str],
    first_bytes: [bool; 256],
}

impl Labels {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
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
pub(crate) fn starts_with_label(lower: &str, labels: &Labels, then: &[char]) -> bool {
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
pub(crate) fn capitalized_words(s: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_counts_agree_with_split_whitespace() {
        for t in [
            "",
            " ",
            "one",
            " one two ",
            "a\tb\nc\x0Bd\x0Ce\rf",
            "déjà vu  ici",
            "x\u{3000}y z",
            "  lead  and trail  ",
        ] {
            let n = t.split_whitespace().count();
            for k in 0..n + 2 {
                assert_eq!(more_words_than(t, k), n > k, "{t:?} {k}");
            }
        }
    }
}
