//! The bad-input matrix: each case gets a clear error with file and line, or
//! valid output; never a panic, never a partial file. (Empty, binary,
//! invalid UTF-8, control characters, missing input and output-over-input
//! are in `cli.rs`.)

mod common;

use common::*;
use predicates::prelude::*;
use std::fs;
use std::io::Write;

fn convert_ok(input: &std::path::Path, ext: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("out.{ext}"));
    folio()
        .args(["convert", "-q"])
        .arg(input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    fs::read(&out).unwrap()
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("u16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Título\r\n\r\nMarch 17, 2023\r\n\r\nTexto del artículo.\r\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(&p, bytes).unwrap();
    let json = String::from_utf8(convert_ok(&p, "json")).unwrap();
    assert!(json.contains("\"title\": \"Título\""));
    assert!(json.contains("\"date\": \"2023-03-17\""));
}

#[test]
fn whitespace_only_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ws.txt");
    fs::write(&p, " \n\n\t \u{a0}\n").unwrap();
    folio()
        .arg("convert")
        .arg(&p)
        .args(["-t", "md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "ws.txt: error: the input has only white space",
        ));
}

#[test]
fn a_100_mb_input_converts() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    let mut f = std::io::BufWriter::new(fs::File::create(&p).unwrap());
    writeln!(f, "A very long article\n\nMarch 17, 2023\n").unwrap();
    let para = "The council met again on Tuesday and voted on the budget for the coming year, \
                after a long debate about roads, schools and the new bridge over the river.\n\n";
    let mut n = 0;
    while n < 100 * 1024 * 1024 {
        f.write_all(para.as_bytes()).unwrap();
        n += para.len();
    }
    drop(f);
    let out = dir.path().join("big.json");
    folio()
        .args(["convert", "-q"])
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["body"].as_array().unwrap().len(), n / para.len());
}

#[test]
fn a_single_1_mb_line_converts() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("line.txt");
    let line = "word ".repeat(200_000);
    fs::write(&p, format!("Title\n\n{line}\n")).unwrap();
    let md = String::from_utf8(convert_ok(&p, "md")).unwrap();
    assert!(md.len() > 1_000_000);
    let xml = String::from_utf8(convert_ok(&p, "xml")).unwrap();
    assert!(xml.len() > 1_000_000);
}

#[test]
fn a_hundred_thousand_tiny_paragraphs_convert() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("tiny.txt");
    let mut s = String::from("Title\n\n");
    for i in 0..100_000 {
        s.push_str(&format!("P{i}.\n\n"));
    }
    fs::write(&p, s).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&convert_ok(&p, "json")).unwrap();
    assert_eq!(json["body"].as_array().unwrap().len(), 100_000);
    let md = String::from_utf8(convert_ok(&p, "md")).unwrap();
    assert!(md.contains("P99999."));
}

#[test]
fn deeply_nested_list_markers_convert() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nested.txt");
    let mut s = String::from("Title\n\n");
    for depth in 0..2_000 {
        s.push_str(&" ".repeat(depth % 40));
        s.push_str(&"- ".repeat(depth % 50 + 1));
        s.push_str("item\n");
    }
    fs::write(&p, s).unwrap();
    for ext in ["md", "json", "xml"] {
        assert!(!convert_ok(&p, ext).is_empty());
    }
}

#[test]
fn markup_characters_everywhere_convert() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("markup.txt");
    let nasty = "< & ]]> * _ # ` \\ [ ] ! | ~ <![CDATA[ &amp; &#0; &#xD800; <?xml?> <!-- -->";
    fs::write(
        &p,
        format!("{nasty}\n\nBy {nasty}\n\n{nasty}\n\n- {nasty}\n\n> {nasty}\n\n\n© {nasty}\n"),
    )
    .unwrap();
    let xml = String::from_utf8(convert_ok(&p, "xml")).unwrap();
    assert!(xml.contains("]]&gt;") && !xml.contains("<![CDATA["));
    let md = String::from_utf8(convert_ok(&p, "md")).unwrap();
    assert!(md.contains("\\]\\]>"));
}

#[test]
fn a_5000_character_title_converts() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("title.txt");
    let title = "Long title words ".repeat(300);
    fs::write(&p, format!("{}\n\nMarch 17, 2023\n\nBody.\n", title.trim())).unwrap();
    for ext in ["md", "json", "xml", "epub", "pdf"] {
        assert!(!convert_ok(&p, ext).is_empty(), "{ext}");
    }
}

#[test]
fn an_output_folder_that_is_a_file_is_an_output_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    folio()
        .arg("convert")
        .arg(root().join("fixtures/seed-pyongyang-times.txt"))
        .arg("-o")
        .arg(blocker.join("out.md"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("does not exist"));
    folio()
        .arg("convert")
        .arg(root().join("fixtures/seed-pyongyang-times.txt"))
        .args(["-t", "md", "--out-dir"])
        .arg(&blocker)
        .assert()
        .code(3);
}

#[test]
fn malformed_cover_and_font_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.png");
    fs::write(&junk, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let font = dir.path().join("junk.ttf");
    fs::write(&font, b"\0\x01\0\0garbage").unwrap();
    let seed = root().join("fixtures/seed-pyongyang-times.txt");
    let out = dir.path().join("o.epub");
    folio()
        .arg("convert")
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .arg("--cover")
        .arg(&junk)
        .assert()
        // A file given as an option that cannot be used: a usage error
        // naming the option.
        .code(2)
        .stderr(predicates::str::contains("epub.cover"));
    assert!(!out.exists());
    let out = dir.path().join("o.pdf");
    folio()
        .arg("convert")
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .arg("--font")
        .arg(&font)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("pdf.fonts"));
    assert!(!out.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}
