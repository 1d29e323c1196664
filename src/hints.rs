//! The library's hints ([`folio_core::Hint`]) worded as this CLI's flags.
//!
//! The library says what to do in its own terms (`ParseOptions::date_order`);
//! here each hint names the flag that does it. `folio book` has no
//! per-article flags, so there the hint points at the article's front
//! matter instead.

use folio_core::Hint;

/// A hint for `folio convert` and `folio inspect`: the flags that act on one
/// article.
pub(crate) fn flag(hint: &Hint) -> String {
    match hint {
        Hint::DateOrder => {
            "pass --date-order day-first or month-first, or --date YYYY-MM-DD".into()
        }
        Hint::Date => "pass --date YYYY-MM-DD".into(),
        Hint::Language => "pass --lang".into(),
        Hint::LossyUtf8 => "pass --lossy to replace bad bytes".into(),
        other => other.to_string(),
    }
}

/// A hint for an article of `folio book`, whose `--date` and `--lang` are
/// the book's: the article's own date and language go in its front matter.
pub(crate) fn in_book(hint: &Hint) -> String {
    match hint {
        Hint::DateOrder => "pass --date-order day-first or month-first, or give the article a `date: YYYY-MM-DD` line in front matter".into(),
        Hint::Date => "give the article a `date: YYYY-MM-DD` line in front matter".into(),
        Hint::Language => "give the article a `lang: TAG` line in front matter".into(),
        other => flag(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_flags_not_library_fields() {
        for h in [Hint::DateOrder, Hint::Date, Hint::Language, Hint::LossyUtf8] {
            for worded in [flag(&h), in_book(&h)] {
                assert!(!worded.contains("ParseOptions"), "{worded}");
                assert!(
                    worded.contains("--") || worded.contains("front matter"),
                    "{worded}"
                );
            }
        }
        assert_eq!(flag(&Hint::from("as is")), "as is");
    }
}
