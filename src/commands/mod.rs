//! The commands, one module each, and what they share: usage errors,
//! writer lookup, diagnostics.

pub(crate) mod book;
pub(crate) mod convert;
pub(crate) mod eval;
pub(crate) mod formats;
pub(crate) mod inspect;
pub(crate) mod meta;

use crate::exit::{INPUT as EXIT_INPUT, USAGE as EXIT_USAGE};
use crate::input::InputError;
use folio_core::Severity;
use folio_driver::Writer;

pub(crate) fn usage(msg: impl std::fmt::Display) -> u8 {
    eprintln!("folio: error: {msg}");
    EXIT_USAGE
}

pub(crate) fn find_writer(key: &str) -> Option<&'static dyn Writer> {
    folio_driver::find(key).ok()
}

pub(crate) fn known_formats() -> String {
    folio_driver::known_formats()
}

pub(crate) fn print_diagnostics(source: &str, diags: &[folio_core::Diagnostic], quiet: bool) {
    for d in diags {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        eprintln!("{}", d.display_worded(source, crate::hints::flag));
    }
}

pub(crate) fn report_input_error(e: InputError) -> u8 {
    eprintln!("{e}");
    EXIT_INPUT
}
