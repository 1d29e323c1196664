//! Code lines too long for the measure wrap (at a space or after
//! punctuation where they can, inside a token where they must) with a
//! drawn continuation mark that is not text: every reader gives back every
//! character of every line in order, no mark, and no space inside a token.
//!
//! The fixture `fixtures/code/long-lines.sh` has long commands, URLs and a
//! hash with no break opportunity. What each reader gives for a wrapped
//! line: poppler's `pdftotext` and MuPDF's `mutool draw -F txt` end the
//! visual line there (a newline where the line wrapped, nothing else);
//! the structure tree's text (`pdfinfo -struct-text`) gives the source
//! line unbroken. Skips (with a notice) when poppler is not installed.

use folio_core::model::{Article, Block};
use folio_pdf::{PageSize, PdfOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture() -> String {
    std::fs::read_to_string(root().join("fixtures/code/long-lines.sh")).unwrap()
}

fn article(code: &str) -> Article {
    let mut a = folio_core::parse::parse(
        "Long lines of code\n\nThe commands below are longer than a line.",
        &Default::default(),
    )
    .unwrap()
    .article;
    a.body.push(Block::Code {
        text: code.to_string(),
    });
    a
}

fn run(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    if !out.status.success() {
        panic!("{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `text` without any whitespace.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `text` with runs of whitespace as one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the text a reader gives for the PDF of the fixture.
fn check_reader(name: &str, text: &str, code: &str) {
    assert!(
        !text.contains(['↩', '↪', '\u{21B5}']),
        "{name}: the continuation mark is in the text:\n{text}"
    );
    // Every character of every line, in order.
    let all = squash(text);
    for line in code.lines() {
        assert!(
            all.contains(&squash(line)),
            "{name}: characters of {line:?} lost or out of order:\n{text}"
        );
    }
    // No space inside a token: a wrapped line ends the visual line, so the
    // text without its newlines has every token whole.
    let joined = text.replace('\n', "");
    for token in code.split_whitespace() {
        assert!(
            joined.contains(token),
            "{name}: token {token:?} broken by more than a line end:\n{text}"
        );
    }
}

#[test]
fn wrapped_code_reads_back_whole() {
    if run("pdftotext", &["-v"]).is_none() {
        eprintln!("NOTICE: poppler not installed; code-wrap extraction skipped");
        return;
    }
    let code = fixture();
    let a = article(&code);
    let dir = tempfile::tempdir().unwrap();
    for size in [PageSize::A4, PageSize::A5] {
        let pdf = dir.path().join(format!("{size:?}.pdf"));
        let mut out = Vec::new();
        folio_pdf::write(
            &a,
            &PdfOptions::default()
                .with_page_size(size)
                .with_timestamp(Some(1_700_000_000)),
            &mut out,
        )
        .unwrap();
        std::fs::write(&pdf, &out).unwrap();
        let p = pdf.to_str().unwrap();
        let text = run("pdftotext", &["-enc", "UTF-8", p, "-"]).unwrap();
        check_reader("pdftotext", &text, &code);
        // The fixture's lines are longer than the measure: they wrapped.
        let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(longest < 110, "{size:?}: no line wrapped:\n{text}");
        if let Some(text) = run("mutool", &["draw", "-q", "-F", "txt", "-o", "-", p]) {
            check_reader("mutool", &text, &code);
        }
        // The structure tree gives each source line unbroken.
        let st = run("pdfinfo", &["-struct-text", p]).unwrap();
        assert!(
            !st.contains(['↩', '↪']),
            "mark in the structure text:\n{st}"
        );
        let st = collapse(&st);
        for line in code.lines() {
            assert!(
                st.contains(&collapse(line)),
                "{size:?}: structure text lacks {line:?}:\n{st}"
            );
        }
    }
}
