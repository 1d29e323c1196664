//! The writer registry: every output format the CLI knows.
//!
//! A new format is one crate implementing [`folio_core::Writer`] and one line
//! in [`WRITERS`]. `--to NAME` and output file extensions are matched against
//! each writer's `name()`, `aliases()` and `extensions()`.

use folio_core::Writer;

/// All registered writers, in the order `folio formats` lists them.
#[rustfmt::skip]
pub static WRITERS: &[&dyn Writer] = &[
    &folio_core::json::JsonWriter,
    &folio_markdown::MarkdownWriter,
    &folio_pdf::PdfWriter,
    &folio_jats::JatsWriter,
    &folio_epub::EpubWriter,
];
