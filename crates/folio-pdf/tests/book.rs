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

/// Checks a book of `articles` end to end.
fn check_book(name: &str, articles: Vec<Article>) {
    check_collection(book(name, articles));
}

/// Checks the book `c` end to end: its outline and printed contents show
/// the contents tree of `folio_core::contents` (groups, disambiguated
/// labels) with the pages where the articles really start.
fn check_collection(c: Collection) {
    let name = c.title.clone();
    let name = name.as_str();
    let toc = folio_core::contents::Contents::new(&c);
    let walk = toc.walk();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, bytes) = write(&c, dir.path());
    let pages = page_count(&pdf);

    // Outline: the book at the root, the contents, then the contents tree:
    // each group and entry at its depth with its label (an article's
    // headings below it).
    let rows = outline(&pdf);
    assert_eq!(rows[0], (0, name.to_string(), 1), "book root");
    assert!(rows.iter().skip(1).all(|r| r.0 >= 1));
    assert_eq!(rows[1].1, "Contents");
    assert_eq!(
        (rows[1].0, rows[1].2),
        (1, 2),
        "contents follow the title page"
    );
    let mut at = 2;
    let mut arts: Vec<(usize, String, usize)> = Vec::new();
    let mut groups: Vec<(usize, String, usize)> = Vec::new();
    for (level, item) in &walk {
        let want = (level + 1, item.label().to_string());
        // Rows between two items are headings of the previous article,
        // deeper than it.
        while at < rows.len() && (rows[at].0, rows[at].1.clone()) != want {
            assert!(
                !arts.is_empty() && rows[at].0 > arts.last().unwrap().0,
                "{name}: outline row {:?} where {want:?} was expected",
                rows[at]
            );
            at += 1;
        }
        assert!(at < rows.len(), "{name}: {want:?} not in the outline");
        match item {
            folio_core::contents::Item::Entry(_) => arts.push(rows[at].clone()),
            folio_core::contents::Item::Group(_) => groups.push(rows[at].clone()),
        }
        at += 1;
    }
    assert_eq!(arts.len(), c.articles.len(), "one bookmark per article");
    let entries: Vec<&folio_core::contents::Entry> = toc.entries().collect();
    let first_article = arts.iter().map(|r| r.2).min().unwrap_or(pages + 1);

    // The contents: each group's label, each entry's label, then (after
    // leaders) its page number.
    let mut text = String::new();
    for n in 2..first_article {
        text.push_str(&page_text(&pdf, n, true, false));
    }
    let (text, line_starts) = norm_lines(&text);
    assert!(text.starts_with("Contents"));
    let mut cursor = 0;
    let mut prev = 0;
    let mut k = 0;
    for (_, item) in &walk {
        let t = norm(item.label());
        let at = text[cursor..]
            .find(&t)
            .unwrap_or_else(|| panic!("{name}: TOC row '{t}' not found after {cursor}"));
        if let folio_core::contents::Item::Group(_) = item {
            cursor += at + t.len();
            continue;
        }
        // The number: digits after the leaders, up to the end of the line
        // (the next title may start with digits).
        let mut q = cursor + at + t.len();
        while text[q..].starts_with('.') {
            q += 1;
        }
        let start = q;
        while text[q..].starts_with(|c: char| c.is_ascii_digit())
            && (q == start || !line_starts.contains(&q))
        {
            q += 1;
        }
        let n: usize = text[start..q]
            .parse()
            .unwrap_or_else(|_| panic!("{name}: no page number after '{t}'"));
        cursor = q;
        assert!(n > prev && n <= pages, "{name}: entry {k} page {n}");
        prev = n;
        // The bookmark goes to the same page.
        assert_eq!(arts[k].2, n, "{name}: bookmark and TOC disagree for '{t}'");
        // The page starts with the article's title block.
        let a = &c.articles[entries[k].article];
        let title = norm(&entries[k].title);
        let page = norm(&page_text(&pdf, n, true, false));
        let kicker = a.kicker.as_deref().map(norm).unwrap_or_default();
        let starts = page.starts_with(&title) || page.starts_with(&format!("{kicker}{title}"));
        let untitled = a.title.trim().is_empty();
        assert!(
            starts || untitled,
            "{name}: page {n} does not start with '{title}': {}",
            page.chars().take(80).collect::<String>()
        );
        // And the page before it is not a page of this article (nor the
        // first page of the one before, when that has the same title).
        let same_as_before = k > 0 && entries[k - 1].title == entries[k].title;
        if n > first_article && !same_as_before {
            let before = norm(&page_text(&pdf, n - 1, true, false));
            assert!(!before.starts_with(&title) || k == 0 || untitled);
        }
        k += 1;
    }
    // A group's bookmark goes to its first article's page.
    for (g, (_, item)) in groups.iter().zip(
        walk.iter()
            .filter(|(_, i)| matches!(i, folio_core::contents::Item::Group(_))),
    ) {
        let first = item.first_article().unwrap();
        let k = entries.iter().position(|e| e.article == first).unwrap();
        assert_eq!(g.2, arts[k].2, "{name}: group '{}' page", g.1);
    }

    // Every row is a link to its page.
    let s = String::from_utf8_lossy(&bytes);
    assert_eq!(s.matches("/S /GoTo").count(), walk.len());

    // Running headers: book title and article title on continuation pages.
    let mut headed = 0;
    for (k, r) in arts.iter().enumerate() {
        let end = arts.get(k + 1).map_or(pages + 1, |n| n.2);
        for n in r.2 + 1..end {
            let full = page_text(&pdf, n, false, true);
            let head = norm(full.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
            let prefix: String = norm(name).chars().take(8).collect();
            let art: String = norm(&entries[k].title).chars().take(8).collect();
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

/// 40 articles in date order over two years, 30 of them called "Press
/// Review": the outline and the printed contents group them by year and
/// month and tell the same titles apart by date, as the EPUB navigation
/// does (`check_collection` compares both with `folio_core::contents`).
#[test]
fn date_ordered_books_group_by_year_and_month_with_distinct_labels() {
    if !tools_present() {
        return;
    }
    let mut articles = Vec::new();
    for i in 0..40u32 {
        let title = if i % 4 == 3 {
            format!("Harvest report {i}")
        } else {
            "Press Review".to_string()
        };
        let text =
            format!("{title}\n\nThe first paragraph of item {i}.\n\n## A heading\n\nMore text.");
        let mut a = folio_core::parse::parse(&text, &Default::default())
            .unwrap()
            .article;
        a.date =
            chrono::NaiveDate::from_ymd_opt(2015 + (i / 20) as i32, 1 + (i % 20) / 5, 1 + i % 3);
        articles.push(a);
    }
    let mut c = book("Two Years of Reviews", articles);
    c.order = folio_core::ArticleOrder::Date;
    let toc = folio_core::contents::Contents::new(&c);
    assert_eq!(toc.depth(), 3, "year > month > article");
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _) = write(&c, dir.path());
    let rows = outline(&pdf);
    let titles: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert!(titles.contains(&"2015") && titles.contains(&"January 2016"));
    assert!(titles.contains(&"Press Review (1 January 2015)"));
    // No two article bookmarks read the same.
    let mut labels: Vec<&str> = rows
        .iter()
        .filter(|r| r.0 == 3)
        .map(|r| r.1.as_str())
        .collect();
    assert_eq!(labels.len(), 40);
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), 40, "same-title entries are told apart");
    // The printed contents show the group headings.
    let contents = page_text(&pdf, 2, true, true);
    assert!(contents.contains("2015"), "{contents}");
    assert!(contents.contains("January 2015"), "{contents}");
    check_collection(c);
}

/// The printed contents never break a line inside a name: "Kim Jong Un"
/// (a run of capitalised words) and an author's name stay on one line,
/// whatever the length of the words before them.
#[test]
fn contents_keep_names_on_one_line() {
    if !tools_present() {
        return;
    }
    let mut articles = Vec::new();
    for i in 0..40 {
        let pad = "ever ".repeat(i % 20) + &"x".repeat(i / 20 * 3);
        let title = if i % 2 == 0 {
            format!("Report on the visit {pad} where Kim Jong Un inspected the new farms")
        } else {
            format!("Notes {pad} on the speech given by Choe Ryong-hae at the plenary")
        };
        let text = format!("{title}\n\nText {i}.");
        let mut a = folio_core::parse::parse(&text, &Default::default())
            .unwrap()
            .article;
        a.authors = vec!["Ri Chol Min".into()];
        a.title = format!("{title} with Ri Chol Min");
        articles.push(a);
    }
    let c = book("Names", articles);
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _) = write(&c, dir.path());
    let mut text = String::new();
    for n in 2..=4 {
        text.push_str(&page_text(&pdf, n, true, true));
    }
    let lines: Vec<String> = text.lines().map(|l| l.replace('\u{a0}', " ")).collect();
    let mut seen = 0;
    for name in ["Kim Jong Un", "Ri Chol Min"] {
        let first = name.split(' ').next().unwrap();
        for l in &lines {
            if l.split_whitespace().any(|w| w == first) {
                assert!(l.contains(name), "name broken across lines: {l:?}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 40, "only {seen} names found in the contents");
}

/// No raw date text ("Date created : 2015-05-12", "[Juche113.6.11.]")
/// appears on a book's title page or in an article's title block, for the
/// fixtures and the dev corpus: they show the parsed date, formatted.
#[test]
fn raw_dates_never_reach_title_pages_or_title_blocks() {
    if !tools_present() {
        return;
    }
    let mut paths = txt_files(&fixtures_dir());
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    if dev.is_dir() {
        paths.extend(txt_files(&dev));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for p in &paths {
        let a = parse(p);
        let mut bytes = Vec::new();
        match folio_pdf::write(&a, &opts(), &mut bytes) {
            Ok(()) => {}
            Err(folio_pdf::Error::MissingGlyphs { .. }) => continue,
            Err(e) => panic!("{}: {e}", p.display()),
        }
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, &bytes).unwrap();
        // The title block: the first page's text up to the first body
        // paragraph.
        let first = page_text(&path, 1, true, false);
        let body = a
            .body
            .first()
            .map(|b| norm(&b.plain_text()).chars().take(12).collect::<String>())
            .unwrap_or_default();
        let page = norm(&first);
        let block = match page.find(&body) {
            Some(i) if !body.is_empty() => &page[..i],
            _ => &page[..],
        };
        let shown = folio_core::meta::display_date(&a).map(|d| norm(&d.text));
        if let Some(f) = &shown {
            assert!(
                block.contains(f.as_str()),
                "{}: date {f:?} not shown",
                p.display()
            );
        }
        if let Some(raw) = a.date_text.as_deref().map(norm) {
            if shown.as_deref().is_some_and(|f| f.contains(&raw)) {
                continue;
            }
            assert!(
                !block.contains(&raw),
                "{}: raw date {raw:?} shown",
                p.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} articles had a raw date text");
    // A book's title page: its date, formatted.
    let articles: Vec<Article> = txt_files(&fixtures_dir())
        .iter()
        .map(|p| parse(p))
        .collect();
    let mut c = book("Dates", articles);
    c.date = chrono::NaiveDate::from_ymd_opt(2015, 5, 12);
    let (pdf, _) = write(&c, dir.path());
    let title = norm(&page_text(&pdf, 1, false, false));
    assert!(title.contains(&norm("12 May 2015")), "{title}");
    for a in &c.articles {
        if let Some(raw) = a.date_text.as_deref().map(norm) {
            assert!(!title.contains(&raw), "title page shows {raw:?}");
        }
    }
}
