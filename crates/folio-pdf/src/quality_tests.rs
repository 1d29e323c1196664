//! Typographic checks over every fixture and dev-corpus article: no
//! overfull line, no widow or orphan, no heading at the foot of a page, no
//! more than two hyphenated lines in a row.

use crate::error::Error;
use crate::layout::geometry::Geometry;
use crate::layout::paginate::Layout;
use crate::layout::style::StyleTable;
use crate::options::{PageSize, PdfOptions};
use crate::typeset::fonts;
use folio_core::model::Article;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [root.join("fixtures"), root.join("../shared/corpus/dev")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("{} absent: skipped", dir.display());
            continue;
        };
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    files.sort();
    files
}

fn lay_out(article: &Article, opts: &PdfOptions) -> Option<Layout> {
    let mut chars = BTreeSet::new();
    for t in article.all_text() {
        crate::typeset::text::chars_of(&t, &mut chars);
    }
    chars.extend(crate::layout::GENERATED.chars());
    let sources = match fonts::FontSources::load(&[], &chars, article.language.as_str(), true, true)
    {
        Ok(s) => s,
        Err(e @ Error::MissingGlyphs { .. }) => {
            eprintln!("{}: skipped: {e}", article.title);
            return None;
        }
        Err(e) => panic!("{e}"),
    };
    let fonts = fonts::Fonts::new(&sources).unwrap();
    let g = Geometry::new(opts);
    let st = StyleTable::new(g.size);
    Some(crate::layout::article::article(article, &fonts, &g, &st))
}

#[derive(Default)]
struct Stats {
    lines: usize,
    hyphenated: usize,
    loose: usize,
    very_loose: usize,
    problems: Vec<String>,
}

fn check(name: &str, l: &Layout, stats: &mut Stats) {
    for (pi, page) in l.pages.iter().enumerate() {
        let body: Vec<_> = page
            .lines
            .iter()
            .filter_map(|p| p.info.map(|i| (p, i)))
            .collect();
        let mut run = 0;
        for (p, info) in &body {
            stats.lines += 1;
            if p.line.width > info.measure + 0.01 {
                stats.problems.push(format!(
                    "{name} p{}: overfull line ({:.2} > {:.2})",
                    pi + 1,
                    p.line.width,
                    info.measure
                ));
            }
            if p.line.ratio > 1.0 {
                stats.loose += 1;
            }
            if p.line.ratio > 2.0 {
                stats.very_loose += 1;
                let text: String = p.line.glyphs.iter().map(|g| &*g.text).collect();
                eprintln!(
                    "very loose ({:.1}) {name} p{}: {text}",
                    p.line.ratio,
                    pi + 1
                );
            }
            if p.line.hyphenated {
                stats.hyphenated += 1;
                run += 1;
                if run > 2 {
                    stats
                        .problems
                        .push(format!("{name} p{}: 3 hyphens in a row", pi + 1));
                }
            } else {
                run = 0;
            }
        }
        let is_last_page = pi + 1 == l.pages.len();
        if let Some((_, last)) = body.last() {
            if !is_last_page && last.count >= 2 && last.index == 0 && last.splittable {
                stats.problems.push(format!(
                    "{name} p{}: orphan (first line of a paragraph ends the page)",
                    pi + 1
                ));
            }
            if !is_last_page && last.keep_with_next && last.index + 1 == last.count {
                stats.problems.push(format!(
                    "{name} p{}: heading at the foot of the page",
                    pi + 1
                ));
            }
        }
        if let Some((_, first)) = body.first() {
            if pi > 0 && first.count >= 2 && first.index + 1 == first.count && first.index > 0 {
                stats.problems.push(format!(
                    "{name} p{}: widow (last line of a paragraph starts the page)",
                    pi + 1
                ));
            }
        }
    }
}

#[test]
fn pages_are_well_set() {
    let mut stats = Stats::default();
    let files = inputs();
    assert!(!files.is_empty());
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let article = folio_core::parse::parse_bytes(&bytes, &Default::default())
            .unwrap()
            .article;
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        for opts in [
            PdfOptions::default(),
            PdfOptions::default().with_page_size(PageSize::A5),
        ] {
            let Some(l) = lay_out(&article, &opts) else {
                continue;
            };
            check(&format!("{name} ({:?})", opts.page_size), &l, &mut stats);
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / stats.lines.max(1) as f64;
    eprintln!(
        "{} files, {} body lines: {} hyphenated ({:.1}%), {} loose (ratio > 1: {:.1}%), {} very loose (> 2: {:.2}%)",
        files.len(),
        stats.lines,
        stats.hyphenated,
        pct(stats.hyphenated),
        stats.loose,
        pct(stats.loose),
        stats.very_loose,
        pct(stats.very_loose),
    );
    // Very loose lines only where nothing else fits (emergency pass).
    assert!(pct(stats.very_loose) < 1.0, "too many very loose lines");
    assert!(stats.problems.is_empty(), "{}", stats.problems.join("\n"));
}
