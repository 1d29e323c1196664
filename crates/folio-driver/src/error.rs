//! The error every writer returns through the driver, with its kind.

use std::fmt;

/// What went wrong, in the terms a front end needs to react (the CLI maps
/// each kind to an exit status; the Python bindings to an exception class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An option key is unknown or its value is invalid, or the format
    /// name is unknown: the caller asked for something that does not exist.
    InvalidOption,
    /// The writer cannot do this (e.g. write a collection as one file).
    Unsupported,
    /// The input cannot be read or understood.
    Input,
    /// The output could not be produced or written: an I/O error, or
    /// content the format cannot render (a character no font covers).
    Output,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::InvalidOption => "invalid option",
            ErrorKind::Unsupported => "unsupported operation",
            ErrorKind::Input => "input error",
            ErrorKind::Output => "output error",
        })
    }
}

/// A conversion error. [`Error::kind`] says which [`ErrorKind`] it is; the
/// message names the option key, file or characters concerned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No registered writer has this name, alias or extension.
    #[error("unknown format '{name}' (known: {known})")]
    UnknownFormat {
        /// What was asked for.
        name: String,
        /// The registered format names, comma-separated.
        known: String,
    },
    /// An option key is unknown, or its value cannot be used.
    #[error("invalid option {key}: {message}")]
    InvalidOption {
        /// The full key, `FORMAT.KEY` (`pdf.page-size`), or the format name
        /// when the whole table is concerned.
        key: String,
        /// What is wrong, with the accepted keys or values.
        message: String,
    },
    /// The writer cannot do what was asked.
    #[error("the {format} writer cannot {operation}")]
    Unsupported {
        /// The writer's name.
        format: &'static str,
        /// What it cannot do (`write a collection as one file`).
        operation: &'static str,
    },
    /// The input cannot be read or understood.
    #[error(transparent)]
    Input(#[from] folio_core::Error),
    /// The writer could not produce its output (content it cannot render).
    #[error("{0}")]
    Render(String),
    /// Writing the output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The kind of error.
    ///
    /// ```
    /// use folio_driver::{ErrorKind, Options};
    ///
    /// let err = Options::new().set("pdf.page-size", "b5").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidOption);
    /// assert!(err.to_string().contains("pdf.page-size"));
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::UnknownFormat { .. } | Error::InvalidOption { .. } => ErrorKind::InvalidOption,
            Error::Unsupported { .. } => ErrorKind::Unsupported,
            Error::Input(_) => ErrorKind::Input,
            Error::Render(_) | Error::Io(_) => ErrorKind::Output,
        }
    }

    pub(crate) fn option(key: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidOption {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl From<folio_markdown::Error> for Error {
    fn from(e: folio_markdown::Error) -> Self {
        match e {
            folio_markdown::Error::Io(e) => Error::Io(e),
        }
    }
}

impl From<folio_jats::Error> for Error {
    fn from(e: folio_jats::Error) -> Self {
        match e {
            folio_jats::Error::Io(e) => Error::Io(e),
            folio_jats::Error::Option { key, message } => Error::option(key, message),
        }
    }
}

impl From<folio_epub::Error> for Error {
    fn from(e: folio_epub::Error) -> Self {
        use folio_epub::Error as E;
        match e {
            E::Io(e) => Error::Io(e),
            e @ (E::Cover(_) | E::CoverRead { .. }) => Error::option("epub.cover", e.to_string()),
            e => Error::Render(e.to_string()),
        }
    }
}

impl From<folio_pdf::Error> for Error {
    fn from(e: folio_pdf::Error) -> Self {
        use folio_pdf::Error as E;
        match e {
            E::Io(e) => Error::Io(e),
            e @ E::Font { .. } => Error::option("pdf.fonts", e.to_string()),
            E::Option { key, message } => Error::option(key, message),
            e => Error::Render(e.to_string()),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        match e.io_error_kind() {
            Some(_) => Error::Io(e.into()),
            None => Error::Render(e.to_string()),
        }
    }
}
