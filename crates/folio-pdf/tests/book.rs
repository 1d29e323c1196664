//! Books: the table of contents prints the pages where the articles really
//! start (checked page by page with `pdftotext -f N -l N`), the outline
//! lists every article under the book, the entries are links, the running
//! header names book and article, and the output is reproducible.

use folio_core::Collection;
use folio_core::model::Article;
use folio_pdf::PdfOptions;
use std::path::{Path, PathBuf};
use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

fn tools_present() -> bool {
    let ok = have("pdftotext") && have("qpdf");
    if !ok {
        eprintln!("NOTICE: pdftotext or qpdf not installed; book checks skipped");
    }
    ok
}

fn parse(path: &Path) -> Article {
    let bytes = std::fs::read(path).unwrap();
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .unwrap()
        .article
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn book(title: &str, articles: Vec<Article>) -> Collection {
    Collection {
        title: title.into(),
        subtitle: Some("Collected articles".into()),
        authors: vec!["Folio Test Desk".into()],
        language: "en".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 17),
        publisher: Some("Folio Press".into()),
        articles,
        ..Default::default()
    }
}

fn opts() -> PdfOptions {
    PdfOptions::default().with_timestamp(Some(1_700_000_000))
}

fn write(c: &Collection, dir: &Path) -> (PathBuf, Vec<u8>) {
    let mut out = Vec::new();
    folio_pdf::write_collection(c, &opts(), &mut out).unwrap();
    let path = dir.join("book.pdf");
    std::fs::write(&path, &out).unwrap();
    (path, out)
}

/// The text of page `n` (1-based), optionally cropped to the text block
/// (without running header and footer).
fn page_text(pdf: &Path, n: usize, crop: bool, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    cmd.args([
        "-q",
        "-enc",
        "UTF-8",
        "-f",
        &n.to_string(),
        "-l",
        &n.to_string(),
    ]);
    if layout {
        cmd.arg("-layout");
    }
    if crop {
        let [x, y, w, h] = folio_pdf::text_area(&opts());
        cmd.args([
            "-x",
            &(x.floor() as i32 - 2).to_string(),
            "-y",
            &(y.floor() as i32 - 2).to_string(),
            "-W",
            &(w.ceil() as i32 + 4).to_string(),
            "-H",
            &(h.ceil() as i32 + 4).to_string(),
        ]);
    }
    let out = cmd.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed on page {n}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text compared without spaces, line breaks, hyphens and bidi controls
/// (wrapping and extraction differ in those only).
fn norm(s: &str) -> String {
    norm_lines(s).0
}

/// [`norm`] plus the indices in it where a new line starts.
fn norm_lines(s: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut starts = Vec::new();
    let mut newline = false;
    for c in s.chars() {
        if c == '\n' {
            newline = true;
        }
        if c.is_whitespace() || ('\u{200E}'..='\u{202E}').contains(&c) || c == '-' {
            continue;
        }
        if newline {
            starts.push(out.len());
            newline = false;
        }
        out.push(c);
    }
    (out, starts)
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("qpdf")
        .arg("--show-npages")
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// The outline as (depth, title, page) rows, depth-first.
fn outline(pdf: &Path) -> Vec<(usize, String, usize)> {
    let out = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "qpdf --json failed");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    fn walk(items: &serde_json::Value, depth: usize, rows: &mut Vec<(usize, String, usize)>) {
        for it in items.as_array().unwrap() {
            let title = it["title"].as_str().unwrap().to_string();
            let page = it["destpageposfrom1"].as_u64().unwrap() as usize;
            rows.push((depth, title, page));
            walk(&it["kids"], depth + 1, rows);
        }
    }
    let mut rows = Vec::new();
    walk(&v["outlines"], 0, &mut rows);
    rows
}

fn expected_title(a: &Article) -> String {
    if a.title.trim().is_empty() {
        "Untitled".into()
    } else {
        a.title.trim().to_string()
    }
}

/// Checks a book of `articles` end to end.
fn check_book(name: &str, articles: Vec<Article>) {
    let dir = tempfile::tempdir().unwrap();
    let c = book(name, articles);
    let (pdf, bytes) = write(&c, dir.path());
    let pages = page_count(&pdf);

    // Outline: the book at the root, the contents and every article below.
    let rows = outline(&pdf);
    assert_eq!(rows[0], (0, name.to_string(), 1), "book root");
    assert!(rows.iter().skip(1).all(|r| r.0 >= 1));
    let top: Vec<&(usize, String, usize)> = rows.iter().filter(|r| r.0 == 1).collect();
    assert_eq!(top[0].1, "Contents");
    assert_eq!(top[0].2, 2, "contents follow the title page");
    let arts: Vec<&(usize, String, usize)> = top[1..].to_vec();
    assert_eq!(arts.len(), c.articles.len(), "one bookmark per article");
    for (a, r) in c.articles.iter().zip(&arts) {
        assert_eq!(r.1, expected_title(a));
    }
    let first_article = arts.first().map_or(pages + 1, |r| r.2);

    // The contents: each title, then (after leaders) its page number.
    let mut toc = String::new();
    for n in 2..first_article {
        toc.push_str(&page_text(&pdf, n, true, false));
    }
    let (toc, line_starts) = norm_lines(&toc);
    assert!(toc.starts_with("Contents"));
    let mut cursor = 0;
    let mut prev = 0;
    for (k, a) in c.articles.iter().enumerate() {
        let t = norm(&expected_title(a));
        let at = toc[cursor..]
            .find(&t)
            .unwrap_or_else(|| panic!("{name}: TOC entry {k} '{t}' not found after {cursor}"));
        // The number: digits after the leaders, up to the end of the line
        // (the next title may start with digits).
        let mut q = cursor + at + t.len();
        while toc[q..].starts_with('.') {
            q += 1;
        }
        let start = q;
        while toc[q..].starts_with(|c: char| c.is_ascii_digit())
            && (q == start || !line_starts.contains(&q))
        {
            q += 1;
        }
        let n: usize = toc[start..q]
            .parse()
            .unwrap_or_else(|_| panic!("{name}: no page number after '{t}'"));
        cursor = q;
        assert!(n > prev && n <= pages, "{name}: entry {k} page {n}");
        prev = n;
        // The bookmark goes to the same page.
        assert_eq!(arts[k].2, n, "{name}: bookmark and TOC disagree for '{t}'");
        // The page starts with the article's title block.
        let text = norm(&page_text(&pdf, n, true, false));
        let kicker = a.kicker.as_deref().map(norm).unwrap_or_default();
        let starts = text.starts_with(&t) || text.starts_with(&format!("{kicker}{t}"));
        let untitled = a.title.trim().is_empty();
        assert!(
            starts || untitled,
            "{name}: page {n} does not start with '{t}': {}",
            text.chars().take(80).collect::<String>()
        );
        // And the page before it is not a page of this article.
        if n > first_article {
            let before = norm(&page_text(&pdf, n - 1, true, false));
            assert!(!before.starts_with(&t) || k == 0 || untitled);
        }
    }

    // Every entry is a link to its page.
    let s = String::from_utf8_lossy(&bytes);
    assert_eq!(s.matches("/S /GoTo").count(), c.articles.len());

    // Running headers: book title and article title on continuation pages.
    let mut headed = 0;
    for (k, r) in arts.iter().enumerate() {
        let end = arts.get(k + 1).map_or(pages + 1, |n| n.2);
        for n in r.2 + 1..end {
            let full = page_text(&pdf, n, false, true);
            let head = norm(full.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
            let prefix: String = norm(name).chars().take(8).collect();
            let art: String = norm(&r.1).chars().take(8).collect();
            assert!(head.contains(&prefix), "{name}: page {n} header '{head}'");
            assert!(head.contains(&art), "{name}: page {n} header '{head}'");
            headed += 1;
        }
    }
    eprintln!(
        "{name}: {pages} pages, {} articles, {headed} continuation pages",
        arts.len()
    );

    // Reproducible bytes.
    let (_, again) = write(&c, dir.path());
    assert!(again == bytes, "{name}: two runs differ");
}

#[test]
fn fixture_book_toc_matches_article_pages_and_bookmarks() {
    if !tools_present() {
        return;
    }
    let articles: Vec<Article> = txt_files(&fixtures_dir())
        .iter()
        .map(|p| parse(p))
        .collect();
    assert!(articles.len() >= 15);
    check_book("Fixture Book", articles);
}

#[test]
fn dev_corpus_book_toc_matches_article_pages_and_bookmarks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    if !dir.is_dir() {
        eprintln!("NOTICE: {} absent; dev corpus book skipped", dir.display());
        return;
    }
    if !tools_present() {
        return;
    }
    let articles: Vec<Article> = txt_files(&dir).iter().map(|p| parse(p)).collect();
    check_book(
        "A Week of News from the Development Corpus, Collected",
        articles,
    );
}

#[test]
fn long_contents_span_pages_and_stay_right() {
    if !tools_present() {
        return;
    }
    // 150 short articles: the contents take several pages, and the numbers
    // account for them.
    let mut articles = Vec::new();
    for i in 0..150 {
        let text = format!(
            "Report number {i} on the {} harvest in the northern provinces\n\nThe first paragraph of report {i}.\n\nA second paragraph, with more words in it.",
            if i % 2 == 0 { "wheat" } else { "rice" }
        );
        articles.push(
            folio_core::parse::parse(&text, &Default::default())
                .unwrap()
                .article,
        );
    }
    check_book("Harvest Reports", articles);
}

#[test]
fn untitled_articles_still_get_an_entry_and_a_bookmark() {
    if !tools_present() {
        return;
    }
    let mut a = folio_core::parse::parse("Titled\n\nSome text here.", &Default::default())
        .unwrap()
        .article;
    let mut b = a.clone();
    b.title = String::new();
    a.title = "A titled one".into();
    check_book("Mixed", vec![a, b]);
}

#[test]
fn toc_snapshot() {
    if !tools_present() {
        return;
    }
    let names = [
        "seed-pyongyang-times.txt",
        "wire-dateline-byline-headings.txt",
        "lists-quotes-code.txt",
        "russian-guillemets.txt",
        "markup-characters.txt",
    ];
    let articles: Vec<Article> = names
        .iter()
        .map(|n| parse(&fixtures_dir().join(n)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let c = book("Five Fixtures", articles);
    let (pdf, _) = write(&c, dir.path());
    let mut text = String::from("== title page ==\n");
    text.push_str(page_text(&pdf, 1, false, false).trim_end());
    text.push_str("\n== contents ==\n");
    text.push_str(page_text(&pdf, 2, false, true).trim_end());
    text.push('\n');
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots"),
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("pdf__book-toc", text);
    });
}

#[test]
fn huge_titles_are_cut_on_the_title_page_and_in_the_contents() {
    if !tools_present() {
        return;
    }
    let long = "Word ".repeat(1000);
    let mut a = folio_core::parse::parse("Short\n\nSome text here.", &Default::default())
        .unwrap()
        .article;
    a.title = long.trim().to_string();
    let mut c = book("x", vec![a]);
    c.title = long.trim().to_string();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _) = write(&c, dir.path());
    // Title page and contents fit on one page each; the article follows.
    assert_eq!(outline(&pdf)[1], (1, "Contents".to_string(), 2));
    assert_eq!(outline(&pdf)[2].2, 3);
    for n in [1, 2] {
        let t = page_text(&pdf, n, false, false);
        assert!(t.contains('…'), "page {n} not shortened");
        assert!(t.split_whitespace().filter(|w| *w == "Word").count() < 120);
    }
}
