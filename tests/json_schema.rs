//! The JSON contract: the committed JSON Schema is the one the model
//! generates, written JSON carries `folio_version`, and JSON input with a
//! key the model does not have is refused with the key and its line.

use assert_cmd::Command;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&folio_core::json::schema()).unwrap();
    s.push('\n');
    s
}

/// `schema/article.schema.json` is what `folio schema` prints; after a model
/// change, regenerate it with `FOLIO_UPDATE_SCHEMA=1 cargo test --test
/// json_schema` and review the diff.
#[test]
fn committed_schema_is_current() {
    let path = root().join("schema/article.schema.json");
    let want = schema_text();
    if std::env::var("FOLIO_UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "schema/article.schema.json is out of date: FOLIO_UPDATE_SCHEMA=1 cargo test --test json_schema"
    );
    let v: serde_json::Value = serde_json::from_str(&want).unwrap();
    for key in [
        "title",
        "date",
        "authors",
        "language",
        "body",
        "folio_version",
    ] {
        assert!(v["properties"].get(key).is_some(), "schema lacks {key}");
    }
}

#[test]
fn written_json_names_the_folio_version_and_reads_back() {
    let out = Command::cargo_bin("folio")
        .unwrap()
        .args(["convert", "-q", "-t", "json"])
        .arg(root().join("fixtures/seed-pyongyang-times.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!(
            "{{\n  \"folio_version\": \"{}\",\n  \"title\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{text}"
    );
    let back = folio_core::json::read(&text).unwrap();
    assert_eq!(
        back.title,
        "DPRK-Russia friendship, cooperation carried on in new century"
    );
}

#[test]
fn unknown_json_keys_are_refused_with_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.json");
    std::fs::write(
        &input,
        "{\n  \"title\": \"T\",\n  \"author\": \"Jane Doe\",\n  \"body\": []\n}\n",
    )
    .unwrap();
    let out = dir.path().join("a.md");
    let res = Command::cargo_bin("folio")
        .unwrap()
        .args(["convert", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(1));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("`author`") && err.contains(":3"), "{err}");
    assert!(!out.exists(), "no output for refused input");

    // Nested keys (inside blocks) are refused too, with serde's position.
    let nested = r#"{"title": "T", "body": [{"type": "paragraph", "content": [], "kind": "x"}]}"#;
    let e = folio_core::json::read(nested).unwrap_err().to_string();
    assert!(e.contains("`kind`") && e.contains("line 1"), "{e}");

    // Lenient reading keeps the article and warns, with the line.
    let (a, warnings) = folio_core::json::read_with(
        "{\n  \"title\": \"T\",\n  \"author\": \"Jane\"\n}",
        folio_core::json::Strictness::Lenient,
    )
    .unwrap();
    assert_eq!(a.title, "T");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, Some(3));
}

#[test]
fn folio_schema_prints_the_committed_schema() {
    let out = Command::cargo_bin("folio")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let committed = std::fs::read(root().join("schema/article.schema.json")).unwrap();
    assert!(
        out.stdout == committed,
        "folio schema differs from schema/article.schema.json"
    );
}

#[test]
fn lenient_json_input_warns_and_converts() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.json");
    std::fs::write(
        &input,
        "{\n  \"title\": \"T\",\n  \"author\": \"Jane Doe\",\n  \"body\": []\n}\n",
    )
    .unwrap();
    let res = Command::cargo_bin("folio")
        .unwrap()
        .args(["convert", "--lenient", "-t", "md"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(res.status.success());
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("a.json:3: warning: unknown key `author`"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&res.stdout).contains("title: \"T\""));
}
