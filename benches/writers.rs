//! Every registered writer (`folio_driver::WRITERS`, so a new format is
//! benchmarked without touching this file) on the seed, the longest dev
//! article, and 1,000 articles of the bulk corpus: one collection (the
//! e-book) where the writer writes collections, else 1,000 separate
//! documents (what `folio convert --out-dir` and JATS books do).
//!
//! `cargo bench --bench writers [-- FILTER]`. The corpus cases are skipped
//! when `../shared` is absent.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio_core::{Article, Collection};
use folio_driver::Options;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn parse(text: &str) -> Article {
    folio_core::parse::parse(text, &Default::default())
        .unwrap()
        .article
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let mut singles: Vec<(&str, String)> = vec![(
        "seed",
        read(&root.join("fixtures/seed-pyongyang-times.txt")),
    )];
    let dev = txt_files(&root.join("../shared/corpus/dev"));
    if let Some(longest) = dev
        .iter()
        .max_by_key(|p| p.metadata().map_or(0, |m| m.len()))
    {
        singles.push(("longest-dev", read(longest)));
    }
    let bulk: Vec<Article> = txt_files(&root.join("../shared/corpus/bulk"))
        .iter()
        .take(1000)
        .map(|p| parse(&read(p)))
        .collect();
    let book = Collection {
        title: "Bulk corpus".into(),
        language: "en".into(),
        articles: bulk,
        ..Default::default()
    };
    let settings = Options::new().with_timestamp(Some(0));

    for w in folio_driver::WRITERS {
        let mut g = c.benchmark_group(w.name());
        for (name, text) in &singles {
            let a = parse(text);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(*name, |b| {
                b.iter(|| {
                    let mut out = Vec::new();
                    w.write_article(black_box(&a), &settings, &mut out).unwrap();
                    out
                })
            });
        }
        if book.articles.len() == 1000 {
            g.sample_size(10);
            g.throughput(Throughput::Elements(1000));
            let mut probe = Vec::new();
            let as_book = w.write_collection(&book, &settings, &mut probe).is_ok();
            let label = if as_book {
                "bulk-1000-book"
            } else {
                "bulk-1000-files"
            };
            g.bench_function(label, |b| {
                b.iter(|| {
                    if as_book {
                        let mut out = Vec::new();
                        w.write_collection(&book, &settings, &mut out).unwrap();
                        out.len()
                    } else {
                        let mut total = 0;
                        for a in &book.articles {
                            let mut out = Vec::new();
                            w.write_article(a, &settings, &mut out).unwrap();
                            total += out.len();
                        }
                        total
                    }
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
