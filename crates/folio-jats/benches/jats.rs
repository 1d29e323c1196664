//! Time to write the seed article's JATS, in both flavours (the article is
//! parsed once, outside the measurement).

// criterion_group! generates an undocumented function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio_jats::{Flavor, JatsOptions};
use std::hint::black_box;
use std::path::Path;

fn seed() -> folio_core::Article {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed-pyongyang-times.txt");
    let bytes = std::fs::read(&path).expect("the seed fixture");
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .expect("the seed parses")
        .article
}

fn bench(c: &mut Criterion) {
    let article = seed();
    for flavor in [Flavor::Archiving, Flavor::Publishing] {
        let opts = JatsOptions::default()
            .with_flavor(flavor)
            .with_issn("0317-8471")
            .with_journal_id("folio-test");
        let mut out = Vec::with_capacity(16 * 1024);
        folio_jats::write(&article, &opts, &mut out).unwrap();
        let mut group = c.benchmark_group("jats");
        group.throughput(Throughput::Bytes(out.len() as u64));
        group.bench_function(format!("seed/{flavor}"), |b| {
            b.iter(|| {
                out.clear();
                folio_jats::write(black_box(&article), black_box(&opts), &mut out).unwrap();
                black_box(out.len())
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
