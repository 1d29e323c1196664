//! `folio`: convert raw article text to Markdown, JSON, JATS, EPUB and PDF.
//!
//! See `folio --help`. The work is done by the library crates: `folio-core`
//! parses text into the document model, one crate per format writes it, and
//! `folio-driver` registers the writers and their options. This binary
//! reads the command line ([`args`]), runs one command ([`commands`]), reads
//! inputs ([`input`]), writes outputs atomically ([`output`]), words the
//! library's hints as flags ([`hints`]) and maps errors to exit statuses
//! ([`exit`]).

/// `println!` that ignores a closed standard output (`folio formats | head`)
/// instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

mod args;
mod commands;
mod exit;
mod hints;
mod input;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        args::Command::Convert(a) => commands::convert::convert(a),
        args::Command::Inspect(a) => commands::inspect::inspect(a),
        args::Command::Formats(a) => commands::formats::formats(a),
        args::Command::Book(a) => commands::book::book(a),
        args::Command::Eval(a) => commands::eval::eval(a),
        args::Command::Schema => commands::meta::schema(),
        args::Command::Completions(a) => commands::meta::completions(a.shell),
        args::Command::Man(a) => commands::meta::man(a.out_dir.as_deref()),
    };
    ExitCode::from(code)
}
