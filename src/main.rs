//! `folio`: convert raw article text to Markdown, JSON, JATS, EPUB and PDF.
//!
//! See `folio --help`. The work is done by the library crates: `folio-core`
//! parses text into the document model, one crate per format writes it, and
//! `folio-driver` registers the writers and their options. This binary reads
//! inputs, applies overrides, finds writers in [`folio_driver::WRITERS`] and
//! writes outputs atomically.

mod book;
mod cli;
mod exit;
mod input;
mod output;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
