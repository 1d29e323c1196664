//! No raw date string appears in a title block: the Markdown of every
//! fixture and dev-corpus article (alone, without front matter, and in a
//! book) shows the parsed date formatted (`12 May 2015`, `2015年5月12日`);
//! the source's raw text (`Date created : 2015-05-12`) stays in the front
//! matter (`date_text`), which is metadata.

use folio_core::model::Article;
use folio_markdown::{MarkdownOptions, write, write_collection};
use std::path::{Path, PathBuf};

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    v.sort();
    v
}

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut v = txt_files(&root.join("fixtures"));
    v.extend(txt_files(&root.join("../shared/corpus/dev")));
    v
}

fn parse(p: &Path) -> Article {
    folio_core::parse::parse_bytes(&std::fs::read(p).unwrap(), &Default::default())
        .unwrap()
        .article
}

/// The title block: the lines between the title heading and the body.
fn title_block(md: &str, a: &Article) -> String {
    let body = a
        .standfirst
        .clone()
        .or_else(|| a.body.first().map(|b| b.plain_text()))
        .unwrap_or_default();
    let probe: String = body.chars().take(10).collect();
    let end = if probe.trim().is_empty() {
        md.len()
    } else {
        md.find(probe.trim()).unwrap_or(md.len())
    };
    // Markdown escapes (`17\. März`: not a list item) are not text.
    md[..end].replace('\\', "")
}

#[test]
fn raw_dates_never_reach_markdown_title_blocks() {
    let paths = inputs();
    let mut checked = 0;
    let no_fm = MarkdownOptions::default().with_front_matter(false);
    for p in &paths {
        let a = parse(p);
        let shown = folio_core::meta::display_date(&a).map(|d| d.text);
        let raw = a
            .date_text
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty() && !shown.as_deref().is_some_and(|f| f.contains(r)));
        for opts in [no_fm.clone(), MarkdownOptions::default()] {
            let mut out = Vec::new();
            write(&a, &opts, &mut out).unwrap();
            let md = String::from_utf8(out).unwrap();
            let (front, rest) = match md.strip_prefix("---\n") {
                Some(r) => r.split_once("\n---\n").unwrap_or(("", r)),
                None => ("", md.as_str()),
            };
            let block = title_block(rest, &a);
            if opts.front_matter {
                // Front matter: the raw text is metadata.
                if raw.is_some() {
                    assert!(front.contains("date_text"), "{}: no date_text", p.display());
                }
                continue;
            }
            if let Some(f) = &shown {
                assert!(
                    block.contains(f.as_str()),
                    "{}: {f:?} not in\n{block}",
                    p.display()
                );
            }
            if let Some(r) = raw {
                assert!(
                    !block.contains(r),
                    "{}: raw date {r:?} in\n{block}",
                    p.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} articles had a raw date text");

    // In a book, each article's title block.
    let articles: Vec<Article> = paths.iter().map(|p| parse(p)).collect();
    let c = folio_core::Collection {
        title: "Dates".into(),
        articles: articles.clone(),
        ..Default::default()
    };
    let mut out = Vec::new();
    write_collection(&c, &MarkdownOptions::default(), &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    let mut from = 0;
    for a in &articles {
        let heading = format!("## {}", a.title.trim());
        let Some(at) = md[from..].find(&heading) else {
            continue;
        };
        let start = from + at + heading.len();
        let next = md[start..].find("\n## ").map_or(md.len(), |i| start + i);
        let block = title_block(&md[start..next], a);
        let shown = folio_core::meta::display_date(a).map(|d| d.text);
        if let Some(f) = &shown {
            assert!(block.contains(f.as_str()), "book: {f:?} not in\n{block}");
        }
        if let Some(r) = a.date_text.as_deref().map(str::trim) {
            if !shown.as_deref().is_some_and(|f| f.contains(r)) {
                assert!(!block.contains(r), "book: raw date {r:?} in\n{block}");
            }
        }
        from = start;
    }
}
