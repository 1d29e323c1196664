//! Typesetting time: the seed, the longest dev-corpus article, and books
//! of the fixtures and of 200 bulk-corpus articles.
#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;

fn load(path: &Path) -> Option<folio_core::Article> {
    let bytes = std::fs::read(path).ok()?;
    Some(
        folio_core::parse::parse_bytes(&bytes, &Default::default())
            .ok()?
            .article,
    )
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let opts = folio_pdf::PdfOptions::default();
    let mut inputs = vec![root.join("fixtures/seed-pyongyang-times.txt")];
    // The longest dev article, when the corpus is present.
    let dev = root.join("../shared/corpus/dev");
    if let Ok(entries) = std::fs::read_dir(&dev) {
        let longest = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
        inputs.extend(longest);
    } else {
        eprintln!("dev corpus absent: benchmarking the seed only");
    }
    for path in inputs {
        let Some(article) = load(&path) else { continue };
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        c.bench_function(&format!("pdf/{name}"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                folio_pdf::write(&article, &opts, &mut out).unwrap();
                out
            })
        });
    }
    // Books: title page, contents, every article.
    let mut books = vec![("fixtures", root.join("fixtures"), usize::MAX)];
    let bulk = root.join("../shared/corpus/bulk");
    if bulk.is_dir() {
        books.push(("bulk-200", bulk, 200));
    }
    for (name, dir, n) in books {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        let articles: Vec<_> = paths.iter().take(n).filter_map(|p| load(p)).collect();
        let book = folio_core::Collection {
            title: format!("Book of {name}"),
            articles,
            ..Default::default()
        };
        c.bench_function(&format!("pdf-book/{name}"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                folio_pdf::write_collection(&book, &opts, &mut out).unwrap();
                out
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
