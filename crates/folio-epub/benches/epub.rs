//! EPUB writing speed: the seed article, and a collection of every fixture.

use criterion::{Criterion, Throughput, criterion_main};
use folio_core::{Article, Collection};
use folio_epub::{EpubOptions, write, write_collection};
use std::hint::black_box;
use std::path::Path;

fn fixture(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .expect("parses")
        .article
}

fn bench(c: &mut Criterion) {
    let seed = fixture("seed-pyongyang-times.txt");
    let opts = EpubOptions::default();
    let mut g = c.benchmark_group("epub");
    g.throughput(Throughput::Bytes(
        seed.all_text().iter().map(|s| s.len() as u64).sum(),
    ));
    g.bench_function("seed", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(16 * 1024);
            write(black_box(&seed), &opts, &mut out).unwrap();
            out
        })
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let collection = Collection {
        title: "Fixtures".into(),
        language: "en".into(),
        articles: names.iter().map(|n| fixture(n)).collect(),
        ..Default::default()
    };
    g.throughput(Throughput::Elements(collection.articles.len() as u64));
    g.bench_function("collection-of-fixtures", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(64 * 1024);
            write_collection(black_box(&collection), &opts, &mut out).unwrap();
            out
        })
    });
    g.finish();
}

#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;
criterion_main!(benches);
