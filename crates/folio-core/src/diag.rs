//! Diagnostics: warnings and errors that point at a line of the input,
//! with a [`Hint`] of what the user can do about them.
//!
//! A hint is data, not wording: the library says it in library terms (its
//! `Display`), and a front end words it as its own controls (the `folio`
//! CLI names flags, the Python bindings keyword arguments).
//!
//! ```
//! use folio_core::diag::Hint;
//! use folio_core::parse::{parse, ParseOptions};
//!
//! let parsed = parse("A title\n\n03/04/2023\n\nLe texte de l'article.\n", &ParseOptions::default()).unwrap();
//! let warning = parsed.diagnostics.iter().find(|d| d.hint == Some(Hint::DateOrder)).unwrap();
//! assert!(warning.message.contains("ambiguous numeric date"));
//! // The library's wording names the option to set...
//! assert!(warning.to_string().contains("ParseOptions::date_order"));
//! // ...and a front end words the same hint as its own flags.
//! let cli = warning.display_worded("a.txt", |h| match h {
//!     Hint::DateOrder => "pass --date-order".into(),
//!     other => other.to_string(),
//! });
//! assert!(cli.to_string().starts_with("a.txt:3: warning: ambiguous numeric date"));
//! assert!(cli.to_string().ends_with("(hint: pass --date-order)"));
//! ```

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// What the user can do about a [`Diagnostic`] or an [`Error`](crate::Error).
///
/// Each variant names an action on Folio's options rather than a flag, so
/// each front end can word it for its users; `Display` is the library's
/// wording (the fields of [`ParseOptions`](crate::parse::ParseOptions) and
/// the model). Serialized, a hint is that wording.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hint {
    /// Say how numeric dates are read
    /// ([`ParseOptions::date_order`](crate::parse::ParseOptions::date_order)),
    /// or give the date.
    DateOrder,
    /// Give the article's date.
    Date,
    /// Give the article's language
    /// ([`ParseOptions::language`](crate::parse::ParseOptions::language)).
    Language,
    /// Replace invalid UTF-8 instead of refusing it
    /// ([`Utf8Policy::Lossy`](crate::parse::Utf8Policy::Lossy)).
    LossyUtf8,
    /// An explanation that names no option, the same for every front end.
    Note(Cow<'static, str>),
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hint::DateOrder => {
                "set ParseOptions::date_order to DateOrder::DayFirst or DateOrder::MonthFirst, or set the article's date"
            }
            Hint::Date => "set the article's date (Article::date, YYYY-MM-DD)",
            Hint::Language => "set ParseOptions::language to a BCP 47 tag",
            Hint::LossyUtf8 => "set ParseOptions::utf8 to Utf8Policy::Lossy to replace bad bytes",
            Hint::Note(text) => text,
        })
    }
}

impl Serialize for Hint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<&'static str> for Hint {
    fn from(text: &'static str) -> Self {
        Hint::Note(Cow::Borrowed(text))
    }
}

impl From<String> for Hint {
    fn from(text: String) -> Self {
        Hint::Note(Cow::Owned(text))
    }
}

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something the parser decided that the user may want to check.
    Warning,
    /// The input cannot be converted.
    Error,
}

/// A message about the input, with the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// 1-based line number in the input, when the message concerns one line.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
    /// What the user can do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
}

impl Diagnostic {
    /// A warning about `line`.
    pub fn warning(line: impl Into<Option<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            line: line.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// An error about `line`.
    pub fn error(line: impl Into<Option<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            line: line.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint: a [`Hint`] variant, or text (a [`Hint::Note`]).
    pub fn with_hint(mut self, hint: impl Into<Hint>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Formats the diagnostic as `FILE:LINE: warning: message (hint: ...)`,
    /// the hint in the library's wording.
    pub fn display_with_file<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        self.display_worded(file, Hint::to_string)
    }

    /// Formats the diagnostic as [`display_with_file`](Self::display_with_file)
    /// does, with the hint worded by `word`: how a front end names its own
    /// controls (the CLI's flags).
    pub fn display_worded<'a>(
        &'a self,
        file: &'a str,
        word: impl Fn(&Hint) -> String + 'a,
    ) -> impl fmt::Display + 'a {
        Worded {
            diag: self,
            file: Some(file),
            word,
        }
    }
}

struct Worded<'a, F> {
    diag: &'a Diagnostic,
    file: Option<&'a str>,
    word: F,
}

impl<F: Fn(&Hint) -> String> fmt::Display for Worded<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = self.file {
            write!(f, "{file}")?;
            if let Some(line) = self.diag.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        let label = match self.diag.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", self.diag.message)?;
        if let Some(hint) = &self.diag.hint {
            write!(f, " (hint: {})", (self.word)(hint))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Worded {
            diag: self,
            file: None,
            word: Hint::to_string,
        }
        .fmt(f)
    }
}
