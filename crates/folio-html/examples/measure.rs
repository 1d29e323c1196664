//! Measures the HTML reader on the wide corpus's saved pages and prints the
//! table of figures for both halves (tune and check).
//!
//! ```text
//! cargo run --release -p folio-html --example measure [-- CORPUS_DIR [--details]]
//! ```
//!
//! `--details` lists the tune half's misses (never the check half's).

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus/wide"));
    let (tune, check, details) = match folio_html::eval::measure(&corpus) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("measure: {}: {e}", corpus.display());
            std::process::exit(2);
        }
    };
    if args.iter().any(|a| a == "--details") {
        for d in &details {
            for (field, exp, got) in &d.misses {
                println!("{} {field}: expected {exp:?} got {got:?}", d.file);
            }
            if d.p < 0.95 || d.r < 0.95 {
                println!(
                    "{} words P {:.3} R {:.3} missing {} {:?} extra {} {:?}",
                    d.file, d.p, d.r, d.n_missing, d.missing, d.n_extra, d.extra
                );
            }
        }
    }
    print!("{}", folio_html::eval::table(&tune, &check));
}
