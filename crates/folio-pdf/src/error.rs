//! Why a PDF could not be written.

use std::path::PathBuf;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No available font has a glyph for these characters.
    #[error(
        "no font covers {chars}: install {hint}, or add a font file that covers them to PdfOptions::fonts",
        chars = describe(chars)
    )]
    MissingGlyphs {
        /// The uncovered characters.
        chars: String,
        /// What to install (font packages), for a front end to word.
        hint: String,
    },
    /// A font file could not be read or used.
    #[error("font {}: {message}", path.display())]
    Font {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An option value is invalid.
    #[error("invalid option {key}: {message}")]
    Option {
        /// The option's key (`pdf.page-size`).
        key: String,
        /// What is wrong with it.
        message: String,
    },
    /// Writing the output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The uncovered characters as a message lists them: `'中' (U+4E2D), …`.
pub fn describe(chars: &str) -> String {
    let list: Vec<String> = chars
        .chars()
        .take(12)
        .map(|c| format!("'{c}' (U+{:04X})", c as u32))
        .collect();
    let more = chars.chars().count().saturating_sub(12);
    if more > 0 {
        format!("{} and {more} more", list.join(", "))
    } else {
        list.join(", ")
    }
}
