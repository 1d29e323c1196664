//! Parser throughput: the seed, the longest dev article, and the whole bulk
//! KCNA corpus (1,032 articles), and the wide corpus (175 articles in 21
//! languages). Skips the corpus cases when `../shared` is
//! absent.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio_core::parse::{ParseOptions, parse};
use std::hint::black_box;
use std::path::Path;

fn read_dir_txt(dir: &Path) -> Vec<String> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_else(|_| Vec::new());
    v.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "txt"));
    v.sort();
    v.iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let opts = ParseOptions::default();
    let seed = std::fs::read_to_string(root.join("fixtures/seed-pyongyang-times.txt")).unwrap();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed", |b| {
        b.iter(|| parse(black_box(&seed), &opts).unwrap())
    });

    let dev = read_dir_txt(&root.join("../shared/corpus/dev"));
    if let Some(longest) = dev.iter().max_by_key(|s| s.len()) {
        g.throughput(Throughput::Bytes(longest.len() as u64));
        g.bench_function("longest-dev", |b| {
            b.iter(|| parse(black_box(longest), &opts).unwrap())
        });
    }
    let bulk = read_dir_txt(&root.join("../shared/corpus/bulk"));
    if !bulk.is_empty() {
        let bytes: usize = bulk.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("bulk-1032", |b| {
            b.iter(|| {
                for t in &bulk {
                    black_box(parse(t, &opts).unwrap());
                }
            })
        });
    }
    let wide = read_dir_txt(&root.join("../shared/corpus/wide"));
    if !wide.is_empty() {
        let bytes: usize = wide.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("wide-175", |b| {
            b.iter(|| {
                for t in &wide {
                    black_box(parse(t, &opts).unwrap());
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
