//! Text-preservation checks shared by every writer's tests: does an output's
//! extracted text contain every word of the article, in order?

use crate::model::Article;

use crate::script::{is_cjk, is_combining_mark as is_mark};

/// Splits text into comparable words: runs of letters and digits, lowercased;
/// each CJK character is a word of its own.
///
/// ```
/// assert_eq!(folio_core::textcheck::words("It's 2023: «Да»!"), ["it", "s", "2023", "да"]);
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
        } else if c.is_alphanumeric() || is_mark(c) {
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

/// The words every output of `article` must contain, in reading order:
/// title, header lines, body and footer.
pub fn article_words(article: &Article) -> Vec<String> {
    words(&article.all_text().join("\n"))
}

/// Checks that `expected` words occur in `actual` text in order (other words
/// may stand between them). Returns a description of the first word that is
/// missing, with the words around it.
///
/// ```
/// use folio_core::textcheck::{words, missing_in_order};
/// assert!(missing_in_order(&words("a b c"), "x a y b z c").is_none());
/// assert!(missing_in_order(&words("a b c"), "c b a").is_some());
/// ```
pub fn missing_in_order(expected: &[String], actual: &str) -> Option<String> {
    let got = words(actual);
    let mut j = 0;
    for (i, w) in expected.iter().enumerate() {
        match got[j..].iter().position(|g| g == w) {
            Some(k) => j += k + 1,
            None => {
                let from = i.saturating_sub(5);
                let ctx = expected[from..(i + 5).min(expected.len())].join(" ");
                return Some(format!(
                    "word {i} '{w}' missing or out of order (near: {ctx})"
                ));
            }
        }
    }
    None
}
