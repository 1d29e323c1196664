//! Writes the whole parse result (article, diagnostics and trace) of every
//! .txt file in the given folders as JSON, one file per input, to check that
//! a parser change leaves every result unchanged:
//!
//! ```text
//! cargo run --release --example dump_json -- OUT_DIR fixtures ../shared/corpus/dev
//! diff -r BEFORE OUT_DIR
//! ```
fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("output folder"));
    std::fs::create_dir_all(&out).unwrap();
    for dir in args {
        let tag: String = dir
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("in")
            .to_owned();
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).unwrap();
            let json = match folio_core::parse::parse_bytes(&bytes, &Default::default()) {
                Ok(parsed) => serde_json::to_string_pretty(&parsed).unwrap(),
                Err(e) => format!("error: {e}"),
            };
            let name = p.file_stem().unwrap().to_string_lossy();
            std::fs::write(out.join(format!("{tag}--{name}.json")), json).unwrap();
        }
    }
}
