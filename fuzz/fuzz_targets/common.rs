//! What every target shares: raw bytes in, an article out (or one of the
//! parser's documented errors), with the parse options drawn from the
//! first byte so that every option is fuzzed too.

use folio_core::Article;
use folio_core::normalize::Utf8Policy;
use folio_core::parse::date::DateOrder;
use folio_core::parse::{self, ParseOptions};

/// Parses `data` (after its first, option-selecting byte) and checks that
/// the parser kept every word. `None` for input the parser rightly
/// refuses: empty, blank, binary or invalid UTF-8 (when not lossy).
pub fn article(data: &[u8]) -> Option<(Article, u8)> {
    let (&knobs, bytes) = data.split_first()?;
    let opts = ParseOptions {
        date_order: match knobs % 3 {
            0 => DateOrder::Auto,
            1 => DateOrder::DayFirst,
            _ => DateOrder::MonthFirst,
        },
        language: (knobs & 0x04 != 0).then(|| "en".to_owned()),
        utf8: if knobs & 0x08 != 0 {
            Utf8Policy::Lossy
        } else {
            Utf8Policy::Strict
        },
    };
    match parse::parse_bytes(bytes, &opts) {
        Ok(p) => {
            // The text as the parser saw it: UTF-8, or UTF-16 after a BOM.
            let text = folio_core::normalize::decode(bytes, opts.utf8).unwrap();
            folio_check::keeps_every_word(&text, &p.article).unwrap();
            Some((p.article, knobs))
        }
        Err(folio_core::Error::Empty | folio_core::Error::Blank) => None,
        Err(e) => {
            // Every other refusal is a documented input error with a message.
            assert!(!e.to_string().is_empty());
            None
        }
    }
}
