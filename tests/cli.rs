//! The `folio` binary, driven as a user would.

mod common;

use common::*;
use predicates::prelude::*;
use std::fs;

fn seed() -> std::path::PathBuf {
    root().join("fixtures/seed-pyongyang-times.txt")
}

/// `folio convert SEED -o OUT`, which must succeed.
fn convert_seed(out: &std::path::Path) {
    folio()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

#[test]
fn seed_to_json_has_the_expected_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.json");
    convert_seed(&out);
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        v["title"],
        "DPRK-Russia friendship, cooperation carried on in new century"
    );
    assert_eq!(v["date"], "2023-03-17");
    assert_eq!(v["authors"], serde_json::json!([]));
    assert_eq!(v["language"], "en");
    let paragraphs = v["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .count();
    assert_eq!(paragraphs, 12);
    assert_eq!(v["copyright"]["year"], 2023);
    assert_eq!(v["copyright"]["holder"], "pyongyangtimes.com.kp");
    assert_eq!(v["publisher"], "pyongyangtimes.com.kp");
}

#[test]
fn json_to_markdown_equals_text_to_markdown() {
    let dir = tempfile::tempdir().unwrap();
    for f in fixtures().iter().chain(dev_articles().iter()) {
        let json = dir.path().join("a.json");
        let md1 = dir.path().join("a1.md");
        let md2 = dir.path().join("a2.md");
        folio()
            .args(["convert", "-q"])
            .arg(f)
            .arg("-o")
            .arg(&json)
            .assert()
            .success();
        folio()
            .args(["convert", "-q"])
            .arg(f)
            .arg("-o")
            .arg(&md1)
            .assert()
            .success();
        folio()
            .args(["convert", "-q"])
            .arg(&json)
            .arg("-o")
            .arg(&md2)
            .assert()
            .success();
        assert_eq!(
            fs::read(&md1).unwrap(),
            fs::read(&md2).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn stdin_to_stdout() {
    folio()
        .args(["convert", "-", "-t", "json"])
        .write_stdin("Title\n\nMarch 17, 2023\n\nBody text.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"date\": \"2023-03-17\""));
    folio()
        .args(["convert", "-", "-o", "-", "-t", "md"])
        .write_stdin("A *title*\n\nBody.\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("---\ntitle: \"A *title*\""));
}

#[test]
fn out_dir_writes_one_file_per_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let fx = fixtures();
    folio()
        .args(["convert", "-q", "-t", "md", "--out-dir"])
        .arg(&out)
        .args(&fx)
        .assert()
        .success();
    for f in &fx {
        assert!(
            out.join(format!("{}.md", stem(f))).is_file(),
            "{}",
            f.display()
        );
    }
    // No temporary files are left behind.
    assert_eq!(fs::read_dir(&out).unwrap().count(), fx.len());
}

#[test]
fn overrides_win() {
    folio()
        .args([
            "convert",
            "-",
            "-t",
            "json",
            "--title",
            "Mine",
            "--date",
            "2020-01-02",
            "--author",
            "A B",
            "--author",
            "C D",
            "--lang",
            "pt_br",
        ])
        .write_stdin("Theirs\n\nMarch 17, 2023\n\nBy X Y\n\nBody.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"title\": \"Mine\""))
        .stdout(predicate::str::contains("\"date\": \"2020-01-02\""))
        .stdout(predicate::str::contains("\"A B\",\n    \"C D\""))
        .stdout(predicate::str::contains("\"language\": \"pt-BR\""));
}

#[test]
fn bad_inputs_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (p("empty.txt", b""), "empty.txt: error: the input is empty"),
        (
            p("blank.txt", b"  \n\t\n"),
            "blank.txt: error: the input has only white space",
        ),
        (
            p("nul.txt", b"abc\0def"),
            "nul.txt: error: the input is binary data, not text (a NUL byte at byte 3)",
        ),
        (
            p("img.txt", b"\x89PNG\r\n\x1a\n\0\0"),
            "img.txt: error: the input is binary data, not text (a PNG signature at byte 0)",
        ),
        (
            p("latin1.txt", b"Title\n\nCaf\xe9\n"),
            "latin1.txt:3: error: invalid UTF-8 at byte 10",
        ),
        (
            p("bad.json", b"{\"title\": 5}"),
            "bad.json:1: error: column 11: not a Folio JSON article",
        ),
        (
            dir.path().join("missing.txt"),
            "missing.txt: error: cannot read: no such file",
        ),
    ];
    for (path, msg) in cases {
        folio()
            .arg("convert")
            .arg(&path)
            .args(["-t", "json"])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(msg));
    }
}

#[test]
fn lossy_replaces_bad_bytes_with_a_warning() {
    folio()
        .args(["convert", "-", "-t", "json", "--lossy"])
        .write_stdin(&b"Title\n\nCaf\xe9 au lait.\n"[..])
        .assert()
        .success()
        .stdout(predicate::str::contains("Caf\u{FFFD} au lait."))
        .stderr(predicate::str::contains(
            "warning: invalid UTF-8 bytes were replaced",
        ));
}

/// The library's hints are data (`folio_core::Hint`); the CLI words them as
/// its own flags, never as library fields.
#[test]
fn hints_name_the_flags_that_act_on_them() {
    let ambiguous =
        "A title\n\n03/04/2023\n\nThe council said on Tuesday that the bridge would be replaced.\n";
    let no_library_words = || predicate::str::contains("ParseOptions").not();
    folio()
        .args(["convert", "-", "-t", "md"])
        .write_stdin(ambiguous)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "<stdin>:3: warning: ambiguous numeric date '03/04/2023': read as 2023-03-04 \
             (hint: pass --date-order day-first or month-first, or --date YYYY-MM-DD)",
        ))
        .stderr(no_library_words());
    let out = folio()
        .args(["inspect", "--json", "-"])
        .write_stdin(ambiguous)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hints: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["hint"].as_str())
        .collect();
    assert!(
        hints.contains(&"pass --date-order day-first or month-first, or --date YYYY-MM-DD"),
        "{hints:?}"
    );
    folio()
        .args(["convert", "-", "-t", "md"])
        .write_stdin(&b"Title\n\nCaf\xe9\n"[..])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>:3: error: invalid UTF-8 at byte 10 (convert the file to UTF-8, or pass --lossy to replace bad bytes)",
        ));
    // In a book, --date is the book's: an article's own date goes in its
    // front matter.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(
        &a,
        "A title\n\nThe council said on Tuesday that the bridge would be replaced.\n",
    )
    .unwrap();
    folio()
        .arg("book")
        .arg(&a)
        .arg("-o")
        .arg(dir.path().join("book.md"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "a.txt: warning: no publication date found (hint: give the article a `date: YYYY-MM-DD` line in front matter)",
        ))
        .stderr(no_library_words());
}

#[test]
fn control_characters_are_removed_with_a_warning_naming_the_line() {
    folio()
        .args(["convert", "-", "-t", "json"])
        .write_stdin("Title\n\nBell\u{7} here.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Bell here."))
        .stderr(predicate::str::contains(
            "<stdin>:3: warning: removed 1 control character (U+0007)",
        ));
}

#[test]
fn output_over_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.md");
    fs::write(&f, "Title\n\nBody.\n").unwrap();
    folio()
        .arg("convert")
        .arg(&f)
        .arg("-o")
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would overwrite this input"));
    assert_eq!(fs::read_to_string(&f).unwrap(), "Title\n\nBody.\n");
}

#[test]
fn failed_conversion_leaves_existing_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.md");
    fs::write(&out, "precious").unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"\0").unwrap();
    folio()
        .arg("convert")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&out).unwrap(), "precious");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn missing_output_folder_is_an_output_error() {
    folio()
        .arg("convert")
        .arg(seed())
        .args(["-o", "/nonexistent-folder/x.md"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "the output folder /nonexistent-folder does not exist",
        ));
}

/// `folio convert SEED ARGS...`, returning the assertion.
fn convert_with(args: &[&str]) -> assert_cmd::assert::Assert {
    folio().arg("convert").arg(seed()).args(args).assert()
}

#[test]
fn option_typos_and_bad_values_are_usage_errors_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.md");
    let out = out.to_str().unwrap();
    // (arguments, the key named, an accepted key or value named)
    for (args, key, accepted) in [
        (
            vec!["-O", "markdown.frontmatter=false"],
            "markdown.frontmatter",
            "front-matter",
        ),
        (
            vec!["-O", "markdown.front-matter=no"],
            "markdown.front-matter",
            "boolean",
        ),
        (vec!["-O", "pdf.page-size=b5"], "pdf.page-size", "a5"),
        (vec!["-O", "pdf.font-size=100"], "pdf.font-size", "4 to 72"),
        (vec!["-O", "jats.issn=1234-5678"], "jats.issn", "NNNN-NNNC"),
        (vec!["--jats-issn", "1234-5678"], "jats.issn", "NNNN-NNNC"),
        (vec!["-O", "docx.x=1"], "docx", "markdown"),
        (vec!["-O", "nokey"], "nokey", "FORMAT.KEY=VALUE"),
        (vec!["--font-size", "100"], "font-size", "4 to 72"),
        (vec!["--page-size", "b5"], "page-size", "a5"),
    ] {
        let mut all = args.clone();
        all.extend(["-o", out]);
        let assert = convert_with(&all).code(2);
        let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            err.contains(key) && err.contains(accepted),
            "{args:?}: {err}"
        );
    }
    assert!(!std::path::Path::new(out).exists());
    // A good -O value reaches the writer.
    convert_with(&["-O", "markdown.front-matter=false", "-o", out]).success();
    assert!(fs::read_to_string(out).unwrap().starts_with("# "));
}

#[test]
fn write_failures_are_output_errors() {
    // Standard output closed for writing: exit 3, not a panic.
    let dev_full = std::path::Path::new("/dev/full");
    if dev_full.exists() {
        use assert_cmd::assert::OutputAssertExt;
        std::process::Command::new(assert_cmd::cargo::cargo_bin("folio"))
            .arg("convert")
            .arg(seed())
            .args(["-t", "md"])
            .stdout(std::fs::File::create(dev_full).unwrap())
            .output()
            .unwrap()
            .assert()
            .code(3)
            .stderr(predicate::str::contains("cannot write to standard output"));
    }
    // A folder where the output file should be.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("taken.md");
    fs::create_dir(&out).unwrap();
    convert_with(&["-o", out.to_str().unwrap()])
        .code(3)
        .stderr(predicate::str::contains("taken.md"));
}

#[test]
fn usage_errors() {
    folio().args(["convert"]).assert().code(2);
    folio()
        .arg("convert")
        .arg(seed())
        .args(["-o", "x.unknown"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot tell the format"));
    folio()
        .arg("convert")
        .arg(seed())
        .arg(seed())
        .args(["-t", "md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("need --out-dir"));
    folio()
        .args(["convert", "-", "-t", "nope"])
        .assert()
        .code(2);
    folio()
        .args(["convert", "-", "-t", "md", "--lang", "C"])
        .assert()
        .code(2);
}

#[test]
fn keep_going_converts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"").unwrap();
    let out = dir.path().join("out");
    folio()
        .args(["convert", "-q", "-t", "md", "--keep-going", "--out-dir"])
        .arg(&out)
        .arg(&bad)
        .arg(seed())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.txt: error: the input is empty",
        ));
    assert!(out.join("seed-pyongyang-times.md").is_file());
    assert!(!out.join("bad.md").exists());
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        1,
        "temporary files left"
    );
}

#[test]
fn a_batch_writer_failure_leaves_no_partial_file() {
    // Without system fonts and with --strict-fonts, Chinese text cannot
    // be set: the writer fails after the input parsed. The other outputs still land; nothing else
    // (no temporary file) is left in the folder.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let zh = common::root().join("fixtures/chinese-editor-notes.txt");
    folio()
        .args([
            "convert",
            "-q",
            "-t",
            "pdf",
            "--no-system-fonts",
            "--strict-fonts",
            "--keep-going",
        ])
        .arg("--out-dir")
        .arg(&out)
        .arg(&zh)
        .arg(seed())
        .assert()
        .code(3)
        .stderr(predicate::str::contains("chinese-editor-notes.pdf: error:"));
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["seed-pyongyang-times.pdf"]);
}

#[test]
fn inspect_shows_lines_and_reasons() {
    folio()
        .arg("inspect")
        .arg(seed())
        .assert()
        .success()
        .stdout(predicate::str::contains("title"))
        .stdout(predicate::str::contains("(first line of the text)"))
        .stdout(predicate::str::contains("    3-3     date"))
        .stdout(predicate::str::contains("   30-30    footer"))
        .stdout(predicate::str::contains("summary: 12 paragraphs"));
    let out = folio()
        .arg("inspect")
        .arg("--json")
        .arg(seed())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trace"]["body"][0]["lines"], serde_json::json!([5, 5]));
}

#[test]
fn formats_lists_every_registered_writer() {
    folio()
        .arg("formats")
        .assert()
        .success()
        .stdout(predicate::str::contains("markdown"))
        .stdout(predicate::str::contains("json"));
}

#[test]
fn help_has_examples_and_exit_codes() {
    folio()
        .args(["convert", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("Exit status:"));
}

#[test]
fn output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["md", "json"] {
        let a = dir.path().join(format!("a.{ext}"));
        let b = dir.path().join(format!("b.{ext}"));
        convert_seed(&a);
        convert_seed(&b);
        assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
    }
}

#[cfg(unix)]
#[test]
fn outputs_are_readable_and_keep_replaced_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.md");
    convert_seed(&out);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o644
    );
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    convert_seed(&out);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

/// A special file is written in place, never renamed over: `-o /dev/null`
/// once replaced the device with a regular file (as root), and later
/// programs reading /dev/null read what had been thrown there.
#[cfg(unix)]
#[test]
fn a_fifo_output_stays_a_fifo() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    convert_seed(&fifo);
    // Before joining: a reader still waiting on a replaced FIFO never ends.
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let text = reader.join().unwrap();
    assert!(text.contains("DPRK-Russia friendship"), "{text}");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

/// Writing through a symbolic link replaces the file it names; the link
/// stays a link.
#[cfg(unix)]
#[test]
fn a_linked_output_keeps_its_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    let link = dir.path().join("link.md");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    convert_seed(&link);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("DPRK-Russia friendship")
    );
}

#[test]
fn a_character_no_font_covers_is_a_warning_or_with_strict_fonts_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tangut.txt");
    fs::write(
        &input,
        "Tangut Glyphs\n\nThe Tangut character \u{17000} is in no installed font.\n",
    )
    .unwrap();
    let out = dir.path().join("tangut.pdf");
    folio()
        .args(["convert", "--no-system-fonts"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("warning").and(predicate::str::contains(
                "no font covers U+17000 '\u{17000}' in article \"Tangut Glyphs\"",
            )),
        );
    assert!(fs::read(&out).unwrap().starts_with(b"%PDF-"));
    // -q silences the warning.
    folio()
        .args(["convert", "-q", "--no-system-fonts"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    let strict = dir.path().join("strict.pdf");
    folio()
        .args(["convert", "--no-system-fonts", "--strict-fonts"])
        .arg(&input)
        .arg("-o")
        .arg(&strict)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("U+17000"));
    assert!(!strict.exists());
}
