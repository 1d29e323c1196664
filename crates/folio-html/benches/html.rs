//! Pages per second on one core: the reader over the wide corpus's saved
//! pages (or a synthetic page when the corpus is absent).

#![allow(missing_docs)] // criterion_group! generates undocumented items
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn pages() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/wide/html");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "html"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out: Vec<Vec<u8>> = files.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    if out.is_empty() {
        let para =
            "<p>A paragraph of article text, with commas, and enough words to score well.</p>";
        out.push(
            format!(
                "<html><body><nav>Home</nav><article><h1>Title of the page</h1>{}</article></body></html>",
                para.repeat(40)
            )
            .into_bytes(),
        );
    }
    out
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("html");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function(
        format!("read {} pages ({} KiB)", pages.len(), bytes / 1024),
        |b| {
            b.iter(|| {
                for p in &pages {
                    let _ = black_box(folio_html::read(
                        black_box(p),
                        &folio_html::Options::default(),
                    ));
                }
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
