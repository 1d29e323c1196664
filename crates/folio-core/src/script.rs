//! Character classes every crate needs the same way: CJK ideographs and
//! syllables (each one a "word", set without spaces), right-to-left
//! letters, and combining marks (which belong to the letter before them);
//! and the word splitter built on them ([`words`]).
//!
//! The ranges are written once here; the typesetter, the HTML reader's
//! measure and the test oracles (`folio-check`) all call these functions.
//!
//! ```
//! use folio_core::script::{is_cjk, is_combining_mark, is_rtl};
//! assert!(is_cjk('中') && is_cjk('한') && is_cjk('カ'));
//! assert!(is_rtl('ש') && is_rtl('ع') && !is_rtl('a'));
//! assert!(is_combining_mark('\u{301}') && is_combining_mark('\u{64E}'));
//! assert!(!is_combining_mark('e'));
//! ```

/// Hangul jamo and syllables, CJK radicals, kana, ideographs (with the
/// extension planes), compatibility ideographs and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan and their presentation
/// forms: letters set right to left.
pub fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Combining marks: Latin/Greek/Cyrillic diacritics, Hebrew points, Arabic
/// vowel signs, Devanagari signs and matras, kana voicing marks, combining
/// half marks and symbol marks.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}'
        | '\u{0962}'..='\u{0963}' | '\u{3099}'..='\u{309A}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{20D0}'..='\u{20FF}')
}

/// The direction of the first letter of `text`: `Some(true)` when it is a
/// right-to-left letter, `None` when `text` has no letter.
pub fn first_letter_is_rtl(text: &str) -> Option<bool> {
    text.chars().find(|c| c.is_alphabetic()).map(is_rtl)
}

/// Splits text into comparable words: runs of letters, digits and
/// combining marks, lowercased; each CJK character is a word of its own.
/// Everything else (punctuation, spaces, symbols) separates words.
///
/// This is how Folio counts words wherever two texts are compared: the
/// HTML reader's measure (`folio_html::eval`) and the text-preservation
/// checks of `folio-check`.
///
/// ```
/// use folio_core::script::words;
/// assert_eq!(words("It's 2023: «Да»!"), ["it", "s", "2023", "да"]);
/// assert_eq!(words("北朝鮮 said"), ["北", "朝", "鮮", "said"]);
/// assert_eq!(words("cafe\u{301} au lait"), ["cafe\u{301}", "au", "lait"]);
/// ```
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
