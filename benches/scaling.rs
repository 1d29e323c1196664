//! Linear scaling on pathological input (issue #9): each input shape at
//! 1×, 2×, 4×, 8× and 16× a base size, through the parser and every
//! writer. Prints the time per size and the growth exponent `k` of
//! `time ∝ size^k` fitted between the smallest and largest size: 1 is
//! linear, 2 quadratic. A stage whose `k` exceeds 1.3 is flagged.
//!
//! Run with `cargo bench --bench scaling` (optionally `-- SHAPE` to pick
//! shapes by name, and `FOLIO_SCALING_BASE=BYTES` for the base size,
//! default 16 KiB). Each cell is the best of three runs.
#![allow(missing_docs)]

use folio_core::Article;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Makes about `n` bytes of input text.
type Generator = fn(usize) -> String;

/// The pathological shapes of the bad-input matrix.
fn shapes() -> Vec<(&'static str, Generator)> {
    vec![
        ("tiny-paragraphs", |n| {
            let mut s = String::from("Title\n\n");
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!("Para {i}.\n\n"));
                i += 1;
            }
            s
        }),
        ("one-long-line", |n| {
            let mut s = String::from("Title\n\n");
            while s.len() < n {
                s.push_str("word another longer sentence, ");
            }
            s.push('\n');
            s
        }),
        ("hard-wrapped", |n| {
            let mut s = String::from("Title\n\n");
            while s.len() < n {
                s.push_str("a hard-wrapped line of an endless paragraph\n");
            }
            s
        }),
        ("nested-markers", |n| {
            let mut s = String::from("Title\n\n");
            let mut depth = 1;
            while s.len() < n {
                s.push_str(&"- ".repeat(depth));
                s.push_str("item\n");
                depth = depth % 64 + 1;
            }
            s
        }),
        ("markup-everywhere", |n| {
            let mut s = String::from("Title <&> ]]>\n\n");
            while s.len() < n {
                s.push_str("<b>x</b> & ]]> *a* _b_ # `c` [d](e) \\ | ~ &amp; &#0;\n\n");
            }
            s
        }),
        ("articles", |n| {
            let seed = include_str!("../fixtures/seed-pyongyang-times.txt");
            let (head, body) = seed.split_once("\n\n").unwrap();
            let mut s = format!("{head}\n\n");
            while s.len() < n {
                s.push_str(body);
                s.push_str("\n\n");
            }
            s
        }),
    ]
}

type Stage = fn(&str, &Article) -> usize;

fn stages() -> Vec<(&'static str, Stage)> {
    vec![
        ("parse", |t, _| {
            folio_core::parse::parse(t, &Default::default())
                .unwrap()
                .article
                .body
                .len()
        }),
        ("markdown", |_, a| {
            let mut v = Vec::new();
            folio_markdown::write(a, &Default::default(), &mut v).unwrap();
            v.len()
        }),
        ("jats", |_, a| {
            let mut v = Vec::new();
            folio_jats::write(a, &Default::default(), &mut v).unwrap();
            v.len()
        }),
        ("epub", |_, a| {
            let mut v = Vec::new();
            folio_epub::write(a, &Default::default(), &mut v).unwrap();
            v.len()
        }),
        ("pdf", |_, a| {
            let mut v = Vec::new();
            let opts = folio_pdf::PdfOptions::default().with_system_fonts(false);
            folio_pdf::write(a, &opts, &mut v).unwrap();
            v.len()
        }),
    ]
}

fn best_of_3(f: impl Fn() -> usize) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let base: usize = std::env::var("FOLIO_SCALING_BASE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16 * 1024);
    let factors = [1usize, 2, 4, 8, 16];
    println!(
        "{:<18} {:<9} {}   k (1 = linear)",
        "shape",
        "stage",
        factors
            .iter()
            .map(|f| format!("{:>10}", format!("{}K", f * base / 1024)))
            .collect::<String>()
    );
    let mut flagged = 0;
    for (shape, make) in shapes() {
        if !filter.is_empty() && !filter.iter().any(|f| shape.contains(f.as_str())) {
            continue;
        }
        let inputs: Vec<(String, Article)> = factors
            .iter()
            .map(|f| {
                let text = make(f * base);
                let a = folio_core::parse::parse(&text, &Default::default())
                    .unwrap()
                    .article;
                (text, a)
            })
            .collect();
        for (stage, run) in stages() {
            let times: Vec<Duration> = inputs
                .iter()
                .map(|(t, a)| best_of_3(|| run(t, a)))
                .collect();
            let (t0, t1) = (times[0].as_secs_f64(), times[4].as_secs_f64());
            let k = (t1 / t0).ln() / (16f64).ln();
            let flag = if k > 1.3 {
                flagged += 1;
                "  <-- superlinear"
            } else {
                ""
            };
            println!(
                "{:<18} {:<9} {}   {k:.2}{flag}",
                shape,
                stage,
                times
                    .iter()
                    .map(|d| format!("{:>8.2}ms", d.as_secs_f64() * 1e3))
                    .collect::<String>()
            );
        }
    }
    if flagged > 0 {
        println!("{flagged} stage(s) grew faster than linearly");
    }
}
