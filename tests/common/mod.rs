//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All fixture files, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// The dev corpus folder, or `None` (with a printed notice) when `../shared`
/// is absent.
pub fn dev_corpus() -> Option<PathBuf> {
    let d = root().join("../shared/corpus/dev");
    if d.join("MANIFEST.tsv").is_file() {
        Some(d)
    } else {
        println!("notice: ../shared/corpus/dev is absent; corpus checks skipped");
        None
    }
}

/// The dev corpus articles, sorted (empty when `../shared` is absent).
pub fn dev_articles() -> Vec<PathBuf> {
    let Some(d) = dev_corpus() else { return vec![] };
    let mut v: Vec<PathBuf> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// A path's file stem.
pub fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The `folio` binary, without `SOURCE_DATE_EPOCH` from the environment.
pub fn folio() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("folio").unwrap();
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}
