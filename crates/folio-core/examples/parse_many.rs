//! Parses every .txt file of a folder N times (for profiling).
fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let lang = std::env::args().nth(3);
    let texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let opts = folio_core::parse::ParseOptions {
        language: lang,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..n {
        for s in &texts {
            total += folio_core::parse::parse(s, &opts)
                .unwrap()
                .article
                .body
                .len();
        }
    }
    let bytes: usize = texts.iter().map(|s| s.len()).sum::<usize>() * n;
    eprintln!(
        "{total} blocks, {:.1} MB/s",
        bytes as f64 / t.elapsed().as_secs_f64() / 1e6
    );
}
