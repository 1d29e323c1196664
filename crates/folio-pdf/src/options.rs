//! The writer's options: paper size, body font size, font files.

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Paper sizes (option values `a4`, `letter`, `a5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm (the default).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    #[serde(alias = "us-letter")]
    Letter,
    /// ISO A5, 148 × 210 mm.
    A5,
}

impl PageSize {
    /// Width and height in points.
    pub fn dimensions(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
            PageSize::A5 => (419.53, 595.28),
        }
    }
}

impl std::str::FromStr for PageSize {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(PageSize::A4),
            "letter" | "us-letter" => Ok(PageSize::Letter),
            "a5" => Ok(PageSize::A5),
            other => Err(Error::Option {
                key: "pdf.page-size".into(),
                message: format!("unknown page size '{other}' (expected a4, letter or a5)"),
            }),
        }
    }
}

/// A body font size in points, from 4 to 72: out-of-range sizes cannot be
/// built, so the range is checked here only.
///
/// ```
/// use folio_pdf::FontSize;
/// assert_eq!(FontSize::new(12.0).unwrap().get(), 12.0);
/// assert!(FontSize::new(100.0).is_err());
/// assert!("9.5pt".parse::<FontSize>().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f32", into = "f32")]
pub struct FontSize(f32);

impl FontSize {
    /// The smallest size accepted.
    pub const MIN: f32 = 4.0;
    /// The largest size accepted.
    pub const MAX: f32 = 72.0;

    /// A font size, or an error when `points` is not between
    /// [`FontSize::MIN`] and [`FontSize::MAX`].
    pub fn new(points: f32) -> Result<Self, Error> {
        if points.is_finite() && (Self::MIN..=Self::MAX).contains(&points) {
            Ok(FontSize(points))
        } else {
            Err(Error::Option {
                key: "pdf.font-size".into(),
                message: format!(
                    "{points} is out of range ({} to {} points)",
                    Self::MIN,
                    Self::MAX
                ),
            })
        }
    }

    /// The size in points.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl TryFrom<f32> for FontSize {
    type Error = String;
    fn try_from(points: f32) -> Result<Self, String> {
        FontSize::new(points).map_err(|e| match e {
            Error::Option { message, .. } => message,
            e => e.to_string(),
        })
    }
}

impl From<FontSize> for f32 {
    fn from(s: FontSize) -> f32 {
        s.0
    }
}

impl std::str::FromStr for FontSize {
    type Err = String;
    /// Reads `10.5` or `10.5pt`.
    fn from_str(s: &str) -> Result<Self, String> {
        let points: f32 = s
            .trim()
            .trim_end_matches("pt")
            .trim()
            .parse()
            .map_err(|_| format!("'{s}' is not a number of points"))?;
        FontSize::try_from(points)
    }
}

/// Options for [`write()`](crate::write()) and
/// [`write_collection`](crate::write_collection).
///
/// Deserializes from the `pdf` table of `folio.toml` or `-O pdf.KEY=VALUE`
/// (kebab-case keys; unknown keys and bad values are refused).
///
/// ```
/// use folio_pdf::{FontSize, PageSize, PdfOptions};
/// let opts = PdfOptions::default()
///     .with_page_size(PageSize::Letter)
///     .with_font_size(FontSize::new(12.0).unwrap());
/// assert_eq!(opts.page_size, PageSize::Letter);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct PdfOptions {
    /// `page-size`: `a4` (default), `letter` or `a5`.
    pub page_size: PageSize,
    /// `font-size`: the body text's size in points (4–72); by default 10.5
    /// (9.5 on A5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_size: Option<FontSize>,
    /// `fonts`: font files (TrueType/OpenType, collections allowed) tried
    /// before the bundled DejaVu faces.
    pub fonts: Vec<PathBuf>,
    /// `system-fonts`: search the installed system fonts for characters
    /// the given and bundled fonts do not cover (default `true`).
    pub system_fonts: bool,
    /// `strict-fonts`: fail with [`Error::MissingGlyphs`](crate::Error)
    /// when no font covers a character of the text, instead of drawing a
    /// replacement mark for it and warning (default `false`).
    pub strict_fonts: bool,
    /// Seconds since the Unix epoch for the creation and modification
    /// dates (`SOURCE_DATE_EPOCH`); by default the article's date. Not an
    /// option key: front ends set it from the environment.
    #[serde(skip)]
    pub timestamp: Option<i64>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            page_size: PageSize::A4,
            font_size: None,
            fonts: Vec::new(),
            system_fonts: true,
            strict_fonts: false,
            timestamp: None,
        }
    }
}

impl PdfOptions {
    /// Sets [`PdfOptions::page_size`].
    pub fn with_page_size(mut self, page_size: PageSize) -> Self {
        self.page_size = page_size;
        self
    }
    /// Sets [`PdfOptions::font_size`].
    pub fn with_font_size(mut self, size: FontSize) -> Self {
        self.font_size = Some(size);
        self
    }
    /// Adds a font file to [`PdfOptions::fonts`].
    pub fn with_font(mut self, path: impl Into<PathBuf>) -> Self {
        self.fonts.push(path.into());
        self
    }
    /// Sets [`PdfOptions::system_fonts`].
    pub fn with_system_fonts(mut self, on: bool) -> Self {
        self.system_fonts = on;
        self
    }
    /// Sets [`PdfOptions::strict_fonts`].
    pub fn with_strict_fonts(mut self, on: bool) -> Self {
        self.strict_fonts = on;
        self
    }
    /// Sets [`PdfOptions::timestamp`].
    pub fn with_timestamp(mut self, timestamp: Option<i64>) -> Self {
        self.timestamp = timestamp;
        self
    }
}
