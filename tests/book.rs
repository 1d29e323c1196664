//! `folio book`: collections of articles.

mod common;

use common::*;
use predicates::prelude::*;
use std::fs;

fn fx(name: &str) -> std::path::PathBuf {
    root().join("fixtures").join(name)
}

const SMALL: [&str; 3] = [
    "wire-dateline-byline-headings.txt",
    "seed-pyongyang-times.txt",
    "kcna-juche-bullets.txt",
];

#[test]
fn markdown_book_of_a_small_collection_is_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("book.md");
    folio()
        .args([
            "book",
            "-q",
            "--title",
            "Small collection",
            "--author",
            "Ed Itor",
            "--sort",
            "date",
            "-o",
        ])
        .arg(&out)
        .args(SMALL.map(fx))
        .assert()
        .success();
    let md = fs::read_to_string(&out).unwrap();
    // Sorted by date: 2019, 2023, 2024.
    let pos = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(
        pos("## City council") < pos("## DPRK-Russia")
            && pos("## DPRK-Russia") < pos("## Press Review")
    );
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("book__markdown-small", md);
    });
}

#[test]
fn manifest_drives_the_book() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    for f in SMALL {
        fs::copy(fx(f), dir.path().join("articles").join(f)).unwrap();
    }
    fs::write(
        dir.path().join("folio.toml"),
        "title = \"From a manifest\"\nsubtitle = \"Three stories\"\neditor = \"Ed Itor\"\nlanguage = \"en\"\n\
         sort = \"as-given\"\narticles = [\"articles/seed-pyongyang-times.txt\", \"articles/k*.txt\"]\n\
         formats = [\"md\", \"json\", \"jats\"]\noutput = \"weekly\"\n",
    )
    .unwrap();
    folio()
        .arg("book")
        .arg("-q")
        .arg(dir.path().join("folio.toml"))
        .assert()
        .success();
    let md = fs::read_to_string(dir.path().join("weekly.md")).unwrap();
    assert!(md.starts_with("---\ntitle: \"From a manifest\"\nsubtitle: \"Three stories\"\n"));
    assert!(md.contains("author: \"Ed Itor\"\n"), "{md}");
    assert!(md.find("## DPRK-Russia").unwrap() < md.find("## Press Review").unwrap());
    assert!(!md.contains("City council"));
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("weekly.json")).unwrap()).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 2);
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("weekly-jats/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(m["articles"][1]["file"], "002-Press-Review.xml");
    assert!(
        dir.path()
            .join("weekly-jats/002-Press-Review.xml")
            .is_file()
    );
}

#[test]
fn manifest_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("folio.toml");
    fs::write(&m, "title = \"x\"\nsort = \"sideways\"\n").unwrap();
    folio()
        .arg("book")
        .arg(&m)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("folio.toml:2: error"));
}

#[test]
fn a_bad_article_fails_the_book_without_a_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"Title\n\n\xff\n").unwrap();
    let out = dir.path().join("book.md");
    folio()
        .args(["book", "-q", "-o"])
        .arg(&out)
        .arg(fx(SMALL[0]))
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt:3: error: invalid UTF-8"))
        .stderr(predicate::str::contains("no book written"));
    assert!(!out.exists());
    // With --keep-going the others make the book; the status still says 1.
    folio()
        .args(["book", "-q", "--keep-going", "-o"])
        .arg(&out)
        .arg(fx(SMALL[0]))
        .arg(&bad)
        .assert()
        .code(1);
    assert!(fs::read_to_string(&out).unwrap().contains("City council"));
}

#[test]
fn undated_articles_sort_last_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.md");
    folio()
        .args(["book", "--sort", "date", "-o"])
        .arg(&out)
        .arg(fx("captions-credits-notes.txt"))
        .arg(fx("seed-pyongyang-times.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "captions-credits-notes.txt: warning: no date: placed at the end of the book",
        ));
    let md = fs::read_to_string(&out).unwrap();
    assert!(md.find("## DPRK-Russia").unwrap() < md.find("## Museum reopens").unwrap());
}

#[test]
fn article_level_format_needs_a_folder() {
    folio()
        .args(["book", "-q", "-o", "x.xml"])
        .arg(fx(SMALL[0]))
        .assert()
        // A usage error: the output must be a folder for this format.
        .code(2)
        .stderr(predicate::str::contains("give a folder name"));
}

#[test]
fn epub_book_nav_of_a_small_collection_is_pinned() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("book.epub");
    folio()
        .args([
            "book",
            "-q",
            "--title",
            "Small collection",
            "--sort",
            "date",
            "-o",
        ])
        .arg(&out)
        .args(SMALL.map(fx))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .assert()
        .success();
    let mut z = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let name = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().to_owned())
        .find(|n| n.ends_with("nav.xhtml"))
        .expect("a nav document");
    let mut nav = String::new();
    z.by_name(&name).unwrap().read_to_string(&mut nav).unwrap();
    // Every article and its sections, in book order.
    let pos = |s: &str| {
        nav.find(s)
            .unwrap_or_else(|| panic!("{s} missing from nav"))
    };
    assert!(pos("City council") < pos("What happens next"));
    assert!(
        pos("What happens next") < pos("DPRK-Russia") && pos("DPRK-Russia") < pos("Press Review")
    );
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("book__epub-nav-small", nav);
    });
}

/// #15: option typos and bad values in a manifest's writer tables and on
/// `folio book`'s command line are usage errors (exit 2) naming the key and
/// what it accepts; an output that cannot be written is exit 3.
#[test]
fn book_option_errors_exit_2_and_write_failures_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fx(SMALL[0]), dir.path().join("a.txt")).unwrap();
    let m = dir.path().join("folio.toml");
    fs::write(
        &m,
        "articles = [\"a.txt\"]\nformats = [\"md\"]\noutput = \"w\"\n[pdf]\nfont-sise = 11\n",
    )
    .unwrap();
    folio()
        .args(["book", "-q"])
        .arg(&m)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pdf.font-sise"))
        .stderr(predicate::str::contains("font-size"));
    assert!(!dir.path().join("w.md").exists());
    folio()
        .args(["book", "-q", "-O", "pdf.page-size=b5", "-o"])
        .arg(dir.path().join("b.pdf"))
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pdf.page-size"))
        .stderr(predicate::str::contains("a5"));
    assert!(!dir.path().join("b.pdf").exists());
    folio()
        .args(["book", "-q", "-o"])
        .arg(dir.path().join("missing-folder/b.md"))
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("does not exist"));
}

/// A manifest's `[[section]]` tables: the book's articles come section by
/// section (sorted by date inside each with `sort = "date"`), the JSON
/// carries the sections, and the EPUB's contents group by them.
#[test]
fn manifest_sections_group_the_book() {
    let dir = tempfile::tempdir().unwrap();
    for f in SMALL {
        fs::copy(fx(f), dir.path().join(f)).unwrap();
    }
    fs::write(
        dir.path().join("folio.toml"),
        "title = \"Sectioned\"\nsort = \"date\"\nformats = [\"json\", \"epub\"]\noutput = \"s\"\n\
         [[section]]\ntitle = \"Korea\"\narticles = [\"kcna-juche-bullets.txt\", \"seed-pyongyang-times.txt\"]\n\
         [[section]]\ntitle = \"Elsewhere\"\narticles = [\"wire-*.txt\"]\n",
    )
    .unwrap();
    folio()
        .arg("book")
        .arg("-q")
        .arg(dir.path().join("folio.toml"))
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("s.json")).unwrap()).unwrap();
    let titles: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    // Section order first, dates inside a section (2023 before 2024).
    assert!(titles[0].starts_with("DPRK-Russia"), "{titles:?}");
    assert!(titles[1].starts_with("Press Review"), "{titles:?}");
    assert!(titles[2].starts_with("City council"), "{titles:?}");
    assert_eq!(json["order"], "date");
    assert_eq!(
        json["sections"],
        serde_json::json!([
            {"title": "Korea", "articles": [0, 1]},
            {"title": "Elsewhere", "articles": [2]}
        ])
    );
    let nav = epub_entry(&dir.path().join("s.epub"), "OEBPS/nav.xhtml");
    let compact: String = nav.split('\n').collect();
    assert!(
        compact.contains("<li><span>Korea</span><ol><li><a href=\"chapter-1.xhtml\">"),
        "{compact}"
    );
    assert!(compact.contains("<li><span>Elsewhere</span><ol><li><a href=\"chapter-3.xhtml\">"));
}

fn epub_entry(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn manifest_section_errors_are_usage_errors_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for f in SMALL {
        fs::copy(fx(f), dir.path().join(f)).unwrap();
    }
    let m = dir.path().join("folio.toml");
    let cases = [
        // An article in two sections.
        (
            "[[section]]\ntitle = \"A\"\narticles = [\"seed-pyongyang-times.txt\"]\n\
             [[section]]\ntitle = \"B\"\narticles = [\"./seed-pyongyang-times.txt\"]\n",
            "section 2 (\"B\"): articles: ",
            "is already in section 1",
        ),
        // A file that does not exist.
        (
            "[[section]]\ntitle = \"A\"\narticles = [\"nope.txt\"]\n",
            "section 1 (\"A\"): articles: no such file",
            "nope.txt",
        ),
        // An article of `articles` in no section.
        (
            "articles = [\"seed-pyongyang-times.txt\", \"kcna-juche-bullets.txt\"]\n\
             [[section]]\ntitle = \"A\"\narticles = [\"seed-pyongyang-times.txt\"]\n",
            "articles: ",
            "kcna-juche-bullets.txt is in no [[section]]",
        ),
        // A section's article missing from `articles`.
        (
            "articles = [\"seed-pyongyang-times.txt\"]\n\
             [[section]]\ntitle = \"A\"\narticles = [\"seed-pyongyang-times.txt\", \"kcna-juche-bullets.txt\"]\n",
            "section 1 (\"A\"): articles: ",
            "is not among the book's articles",
        ),
        (
            "[[section]]\ntitle = \" \"\narticles = [\"seed-pyongyang-times.txt\"]\n",
            "section 1: title is empty",
            "",
        ),
    ];
    for (toml, key, what) in cases {
        fs::write(&m, format!("title = \"x\"\nformats = [\"json\"]\n{toml}")).unwrap();
        folio()
            .arg("book")
            .arg("-q")
            .arg(&m)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("folio.toml: error: "))
            .stderr(predicate::str::contains(key))
            .stderr(predicate::str::contains(what));
        assert!(!dir.path().join("folio.json").exists());
    }
    // A key a section does not have is refused with its line.
    fs::write(
        &m,
        "formats = [\"json\"]\n[[section]]\ntitle = \"A\"\nfiles = [\"a.txt\"]\n",
    )
    .unwrap();
    folio()
        .arg("book")
        .arg(&m)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("folio.toml:"))
        .stderr(predicate::str::contains("files"));
}
