//! Characters per line of body text, measured on laid-out articles: the
//! design asks for 60–70 on A4 and Letter (see issue #16).

use crate::layout::article::article;
use crate::layout::geometry::Geometry;
use crate::layout::style::StyleTable;
use crate::options::{PageSize, PdfOptions};
use crate::typeset::fonts::{FontSources, Fonts};
use folio_core::model::Article;
use std::path::Path;

/// The characters of every full body line of `a` on `page_size`: lines
/// set at the body size to the whole measure (not indented lists or
/// quotations) that are not the last line of their paragraph.
pub(crate) fn full_line_chars(a: &Article, page_size: PageSize) -> Vec<usize> {
    let opts = PdfOptions::default().with_page_size(page_size);
    let g = Geometry::new(&opts);
    let st = StyleTable::new(g.size);
    let chars = crate::layout::chars_needed(&[a], None);
    let sources = FontSources::load(&[], &chars, a.language.as_str(), true, true).expect("fonts");
    let fonts = Fonts::new(&sources).expect("fonts parse");
    let layout = article(a, &fonts, &g, &st);
    let mut out = Vec::new();
    for page in &layout.pages {
        for p in &page.lines {
            let Some(info) = p.info else { continue };
            let body = p
                .line
                .glyphs
                .iter()
                .all(|gl| (gl.size - g.size).abs() < 0.01);
            if !body || info.index + 1 >= info.count || (info.measure - g.measure).abs() > 0.5 {
                continue;
            }
            let text: String = p.line.glyphs.iter().map(|gl| &*gl.text).collect();
            let n = text.trim_end().chars().count() + usize::from(p.line.hyphenated);
            out.push(n);
        }
    }
    out
}

/// The seed and the dev corpus's articles in Latin or Cyrillic script.
pub(crate) fn corpus() -> Vec<(String, Article)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for path in files {
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read corpus file");
        let a = folio_core::parse::parse(&text, &Default::default())
            .expect("parse")
            .article;
        if ["en", "de", "es", "fr", "ru"].contains(&a.language.as_str()) {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            out.push((name.into_owned(), a));
        }
    }
    out
}

fn mean(v: &[usize]) -> f64 {
    v.iter().sum::<usize>() as f64 / v.len().max(1) as f64
}

fn median(v: &mut [usize]) -> f64 {
    v.sort_unstable();
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2] as f64,
        n => (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0,
    }
}

/// Body lines hold 60–70 characters (median over the corpus, and for
/// the seed alone) on A4 and on Letter. Run with `--nocapture` for the
/// figures of each article.
#[test]
fn body_lines_hold_60_to_70_characters() {
    let corpus = corpus();
    assert!(corpus.len() >= 10, "the dev corpus is missing");
    let mut wrong = Vec::new();
    for size in [PageSize::A4, PageSize::Letter] {
        let mut all = Vec::new();
        for (name, a) in &corpus {
            let mut v = full_line_chars(a, size);
            if v.is_empty() {
                continue;
            }
            let (mn, md) = (mean(&v), median(&mut v));
            eprintln!(
                "{size:?} {name}: {} lines, mean {mn:.1}, median {md:.1}",
                v.len()
            );
            if name.starts_with("000-seed") && !(60.0..=70.0).contains(&md) {
                wrong.push(format!("{size:?} seed median {md}"));
            }
            all.extend(v);
        }
        let (mn, md) = (mean(&all), median(&mut all));
        eprintln!(
            "{size:?} all: {} lines, mean {mn:.1}, median {md:.1}",
            all.len()
        );
        if !(60.0..=70.0).contains(&md) || !(58.0..=72.0).contains(&mn) {
            wrong.push(format!("{size:?} median {md}, mean {mn:.1}"));
        }
    }
    assert!(wrong.is_empty(), "characters per line: {wrong:?}");
}
