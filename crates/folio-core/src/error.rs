//! The core crate's error type.

use crate::diag::Hint;
use thiserror::Error;

/// Why an input could not be read into a document.
#[derive(Debug, Error)]
pub enum Error {
    /// The input has no text at all.
    #[error("the input is empty")]
    Empty,
    /// The input has only white space.
    #[error("the input has only white space")]
    Blank,
    /// The input looks like binary data, not text.
    #[error("the input is binary data, not text ({what} at byte {offset})")]
    Binary {
        /// What gave it away (`a NUL byte`, `a PNG signature`).
        what: &'static str,
        /// 0-based byte offset.
        offset: usize,
    },
    /// The input is not valid UTF-8.
    #[error(
        "line {line}: invalid UTF-8 at byte {offset} (convert the text to UTF-8, or {})",
        Hint::LossyUtf8
    )]
    InvalidUtf8 {
        /// 0-based byte offset of the first bad byte.
        offset: usize,
        /// 1-based line of the first bad byte.
        line: usize,
    },
    /// UTF-16 input with an odd number of bytes or unpaired surrogates.
    #[error("invalid UTF-16 text at byte {offset}")]
    InvalidUtf16 {
        /// 0-based byte offset.
        offset: usize,
    },
    /// A JSON document that is not a Folio article.
    #[error("line {line}, column {column}: not a Folio JSON article: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde said.
        message: String,
    },
    /// A value given by the user (an override, front matter) is invalid.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// What the user can do about the error, for a front end to word as its
    /// own controls (the `Display` of the error says it in library terms).
    ///
    /// ```
    /// use folio_core::diag::Hint;
    /// use folio_core::parse::{parse_bytes, ParseOptions};
    ///
    /// let err = parse_bytes(b"Title\n\nbad \xFF byte\n", &ParseOptions::default()).unwrap_err();
    /// assert_eq!(err.hint(), Some(Hint::LossyUtf8));
    /// assert!(err.to_string().contains("Utf8Policy::Lossy"));
    /// ```
    pub fn hint(&self) -> Option<Hint> {
        match self {
            Error::InvalidUtf8 { .. } => Some(Hint::LossyUtf8),
            _ => None,
        }
    }
}
