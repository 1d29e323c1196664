//! Exit statuses, as the README documents them, and the one place that
//! maps a library error's kind to one.

use folio_driver::{Error, ErrorKind};

/// Everything worked.
pub const OK: u8 = 0;
/// An input could not be read or understood.
pub const INPUT: u8 = 1;
/// Wrong usage: a bad flag, option key or value (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// An output could not be written.
pub const OUTPUT: u8 = 3;
/// `folio eval` scored below a threshold.
pub const EVAL: u8 = 4;

/// The exit status for a writer's error.
pub fn for_error(e: &Error) -> u8 {
    match e.kind() {
        ErrorKind::InvalidOption | ErrorKind::Unsupported => USAGE,
        ErrorKind::Input => INPUT,
        _ => OUTPUT,
    }
}
