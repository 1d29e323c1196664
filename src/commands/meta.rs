//! Commands about folio itself: the JSON Schema, shell completions and the
//! manual page. Each prints to standard output.

use crate::args::Cli;
use crate::exit::{OK as EXIT_OK, OUTPUT as EXIT_OUTPUT};
use clap::CommandFactory;
use std::io::Write;

/// Writes `bytes` to standard output; a closed pipe (`| head`) is not an
/// error, any other failure is exit 3.
fn emit(bytes: &[u8]) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("folio: error: cannot write to standard output: {e}");
            EXIT_OUTPUT
        }
    }
}

/// `folio schema`: the JSON Schema of the document model.
pub(crate) fn schema() -> u8 {
    let mut text = serde_json::to_string_pretty(&folio_core::json::schema()).unwrap_or_default();
    text.push('\n');
    emit(text.as_bytes())
}

/// `folio completions SHELL`.
pub(crate) fn completions(shell: clap_complete::Shell) -> u8 {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "folio", &mut buf);
    emit(&buf)
}

/// `folio man`: the manual page folio(1) on standard output; with
/// `--out-dir`, folio(1) and one page per command (folio-convert(1), ...)
/// written into that folder.
pub(crate) fn man(out_dir: Option<&std::path::Path>) -> u8 {
    let cmd = Cli::command();
    if let Some(dir) = out_dir {
        return match std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir))
        {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!(
                    "folio: error: {}: cannot write the manual pages: {e}",
                    dir.display()
                );
                EXIT_OUTPUT
            }
        };
    }
    let mut buf = Vec::new();
    if let Err(e) = clap_mangen::Man::new(cmd).render(&mut buf) {
        eprintln!("folio: error: cannot render the manual page: {e}");
        return EXIT_OUTPUT;
    }
    emit(&buf)
}
