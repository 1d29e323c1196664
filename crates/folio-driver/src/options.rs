//! [`Options`]: every writer's options, set by key or by typed struct.
//!
//! Each writer's options are one typed struct (`folio_pdf::PdfOptions`...)
//! that derives serde with kebab-case keys and refuses unknown keys. An
//! [`Options`] value keeps one table per format in that struct's serialized
//! form; every change goes through the struct's `Deserialize`, so a typo or
//! a bad value is refused when it is set, naming the key and what is
//! accepted, and `-O key=value`, a `folio.toml` table, a JSON value from
//! Python and a typed struct built in Rust all end in the same struct.

use crate::error::Error;
use crate::registry::{self, Writer};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// The options of every writer, plus the timestamp they share.
///
/// ```
/// use folio_driver::Options;
///
/// let mut options = Options::new();
/// options.set("pdf.page-size", "a5")?;            // a typed value
/// options.set_str("markdown.front-matter=false")?; // a KEY=VALUE string
/// let pdf: folio_pdf::PdfOptions = options.get("pdf")?;
/// assert_eq!(pdf.page_size, folio_pdf::PageSize::A5);
///
/// // Typos and bad values are refused, naming the key and the accepted ones.
/// let err = options.set_str("markdown.frontmatter=false").unwrap_err();
/// assert!(err.to_string().contains("markdown.frontmatter"));
/// assert!(err.to_string().contains("front-matter"));
/// # Ok::<(), folio_driver::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Seconds since the Unix epoch for every "created"/"modified" time
    /// (`SOURCE_DATE_EPOCH`); `None`: the content's own date.
    pub timestamp: Option<i64>,
    /// One table per format (by canonical name), already checked.
    tables: BTreeMap<&'static str, toml::Table>,
}

impl Options {
    /// No options: every writer's defaults.
    pub fn new() -> Self {
        Options::default()
    }

    /// Sets the shared timestamp (seconds since the Unix epoch).
    pub fn with_timestamp(mut self, timestamp: Option<i64>) -> Self {
        self.timestamp = timestamp;
        self
    }

    /// Reads `SOURCE_DATE_EPOCH` from the environment into
    /// [`Options::timestamp`]; a value that is not a number of seconds is an
    /// [`Error::InvalidOption`].
    pub fn timestamp_from_env(&mut self) -> Result<&mut Self, Error> {
        self.timestamp = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) if !v.trim().is_empty() => Some(v.trim().parse::<i64>().map_err(|_| {
                Error::option(
                    "SOURCE_DATE_EPOCH",
                    format!("'{v}' is not a number of seconds"),
                )
            })?),
            _ => None,
        };
        Ok(self)
    }

    /// Sets `FORMAT.KEY` (`pdf.page-size`) to `value`, any serde value (a
    /// string, a number, a bool, a list). Checked at once against the
    /// writer's options struct.
    pub fn set(&mut self, key: &str, value: impl Serialize) -> Result<&mut Self, Error> {
        let value = toml::Value::try_from(value)
            .map_err(|e| Error::option(key, format!("not an option value: {e}")))?;
        let (writer, field) = split_key(key)?;
        self.set_field(writer, key, field, value)?;
        Ok(self)
    }

    /// Sets an option from a `FORMAT.KEY=VALUE` string, as `-O` gives it.
    /// The value is read as TOML when it is a TOML value (`false`, `12`,
    /// `[1, 2]`, `"quoted"`), else as a string.
    pub fn set_str(&mut self, assignment: &str) -> Result<&mut Self, Error> {
        let Some((key, raw)) = assignment.split_once('=') else {
            return Err(Error::option(
                assignment.trim(),
                "expected FORMAT.KEY=VALUE (e.g. pdf.page-size=a5)",
            ));
        };
        let (key, raw) = (key.trim(), raw.trim());
        let (writer, field) = split_key(key)?;
        let text = toml::Value::String(raw.to_owned());
        match parse_toml_value(raw) {
            Some(v) if v != text => {
                // `12` for a string field, `2024-01-01` for an ID: when the
                // TOML reading does not fit, the plain string may.
                let first = self.set_field(writer, key, field, v);
                if first.is_err() && self.set_field(writer, key, field, text).is_ok() {
                    return Ok(self);
                }
                first?;
            }
            _ => self.set_field(writer, key, field, text)?,
        }
        Ok(self)
    }

    /// Merges a table of options for one format (a `[pdf]` table of
    /// `folio.toml`), key by key, so an error names the full key.
    pub fn merge_table(&mut self, format: &str, table: &toml::Table) -> Result<&mut Self, Error> {
        let writer = registry::find(format)?;
        for (field, value) in table {
            let key = format!("{}.{field}", writer.name());
            self.set_field(writer, &key, field, value.clone())?;
        }
        Ok(self)
    }

    /// The typed options of `format` (a name, alias or extension): the
    /// writer's defaults with every key set so far.
    pub fn get<O: DeserializeOwned>(&self, format: &str) -> Result<O, Error> {
        let writer = registry::find(format)?;
        let table = self.tables.get(writer.name()).cloned().unwrap_or_default();
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| Error::option(writer.name(), e.message().to_owned()))
    }

    /// Replaces the options of `format` with a typed struct (the writer's
    /// options type, e.g. `folio_pdf::PdfOptions`).
    pub fn put<O: Serialize>(&mut self, format: &str, options: &O) -> Result<&mut Self, Error> {
        let writer = registry::find(format)?;
        let table = match toml::Value::try_from(options) {
            Ok(toml::Value::Table(t)) => t,
            Ok(_) => return Err(Error::option(writer.name(), "options must be a table")),
            Err(e) => return Err(Error::option(writer.name(), e.to_string())),
        };
        writer
            .check_options(&table)
            .map_err(|m| Error::option(writer.name(), m))?;
        self.tables.insert(writer.name(), table);
        Ok(self)
    }

    /// Changes the typed options of `format` in place: reads them with
    /// [`Options::get`], applies `change`, stores them with [`Options::put`].
    ///
    /// ```
    /// let mut options = folio_driver::Options::new();
    /// options.update("pdf", |o: &mut folio_pdf::PdfOptions| o.page_size = folio_pdf::PageSize::Letter)?;
    /// # Ok::<(), folio_driver::Error>(())
    /// ```
    pub fn update<O: Serialize + DeserializeOwned>(
        &mut self,
        format: &str,
        change: impl FnOnce(&mut O),
    ) -> Result<&mut Self, Error> {
        let mut o: O = self.get(format)?;
        change(&mut o);
        self.put(format, &o)
    }

    fn set_field(
        &mut self,
        writer: &'static dyn Writer,
        key: &str,
        field: &str,
        value: toml::Value,
    ) -> Result<(), Error> {
        let mut table = self.tables.get(writer.name()).cloned().unwrap_or_default();
        table.insert(field.to_owned(), value);
        writer
            .check_options(&table)
            .map_err(|m| Error::option(key, m))?;
        self.tables.insert(writer.name(), table);
        Ok(())
    }
}

/// `pdf.page-size` → (the PDF writer, `page-size`).
fn split_key(key: &str) -> Result<(&'static dyn Writer, &str), Error> {
    match key.split_once('.') {
        Some((format, field)) if !field.is_empty() => Ok((registry::find(format)?, field)),
        _ => Err(Error::option(
            key,
            format!(
                "expected FORMAT.KEY (formats: {})",
                registry::known_formats()
            ),
        )),
    }
}

/// Reads `raw` as a TOML value (`true`, `12.5`, `"text"`, `[1, 2]`).
fn parse_toml_value(raw: &str) -> Option<toml::Value> {
    let doc: toml::Table = toml::from_str(&format!("v = {raw}")).ok()?;
    doc.get("v").cloned()
}
