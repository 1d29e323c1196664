//! The words a writer adds itself ("Contents", "Untitled"), in
//! the document's language: one table used by every writer.
//!
//! ```
//! use folio_core::{labels::labels, Language};
//! assert_eq!(labels(&Language::new("de-AT")).contents, "Inhalt");
//! assert_eq!(labels(&Language::new("ko")).contents, "Contents");
//! assert_eq!(labels(&Language::new("ko")).language, "en");
//! ```

use crate::lang::Language;

/// Interface labels in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Labels {
    /// The BCP 47 tag of the language the labels are written in (`en` when
    /// the document's language has no translation here).
    pub language: &'static str,
    /// The heading of a table of contents.
    pub contents: &'static str,
    /// The title shown for an article or book without one.
    pub untitled: &'static str,
}

const EN: Labels = Labels {
    language: "en",
    contents: "Contents",
    untitled: "Untitled",
};

/// Every translation, by primary language subtag.
const TABLE: &[Labels] = &[
    EN,
    Labels {
        language: "de",
        contents: "Inhalt",
        untitled: "Ohne Titel",
    },
    Labels {
        language: "fr",
        contents: "Table des matières",
        untitled: "Sans titre",
    },
    Labels {
        language: "es",
        contents: "Índice",
        untitled: "Sin título",
    },
    Labels {
        language: "it",
        contents: "Indice",
        untitled: "Senza titolo",
    },
    Labels {
        language: "pt",
        contents: "Índice",
        untitled: "Sem título",
    },
    Labels {
        language: "nl",
        contents: "Inhoud",
        untitled: "Zonder titel",
    },
    Labels {
        language: "ru",
        contents: "Содержание",
        untitled: "Без названия",
    },
];

/// The labels for `language` (by its primary subtag), English when there
/// is no translation.
pub fn labels(language: &Language) -> &'static Labels {
    let primary = language.primary();
    TABLE
        .iter()
        .find(|l| l.language == primary)
        .unwrap_or(&TABLE[0])
}
