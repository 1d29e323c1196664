//! Converts raw article text files to EPUB: `convert OUT_DIR FILE...`, or
//! with `--collection OUT.epub FILE...` one book of all the articles.

use folio_core::Collection;
use folio_epub::{EpubOptions, write, write_collection};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = EpubOptions::default().with_timestamp(
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.parse().ok()),
    );
    if let Ok(p) = std::env::var("COVER") {
        opts = opts.with_cover(p);
    }
    let read = |f: &str| -> Result<folio_core::Article, Box<dyn std::error::Error>> {
        let text = std::fs::read(f)?;
        Ok(folio_core::parse::parse_bytes(&text, &Default::default())?.article)
    };
    match args.first().map(String::as_str) {
        Some("--collection") if args.len() > 2 => {
            let articles = args[2..]
                .iter()
                .map(|f| read(f))
                .collect::<Result<Vec<_>, _>>()?;
            let c = Collection {
                title: "Collected articles".into(),
                articles,
                ..Default::default()
            };
            let mut out = Vec::new();
            write_collection(&c, &opts, &mut out)?;
            std::fs::write(&args[1], out)?;
        }
        Some(dir) if args.len() > 1 => {
            for f in &args[1..] {
                let stem = Path::new(f)
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy();
                let mut out = Vec::new();
                write(&read(f)?, &opts, &mut out)?;
                std::fs::write(Path::new(dir).join(format!("{stem}.epub")), out)?;
            }
        }
        _ => {
            return Err(
                "usage: convert OUT_DIR FILE... | convert --collection OUT.epub FILE...".into(),
            );
        }
    }
    Ok(())
}
