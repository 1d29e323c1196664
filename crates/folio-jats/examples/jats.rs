//! Converts raw article text to JATS: `cargo run -p folio-jats --example jats -- IN.txt [archiving|publishing] > OUT.xml`.
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: jats IN.txt [archiving|publishing ISSN]")?;
    let flavor = args.next().unwrap_or_else(|| "archiving".into()).parse()?;
    let bytes = std::fs::read(&path)?;
    let article = folio_core::parse::parse_bytes(&bytes, &Default::default())?.article;
    let mut opts = folio_jats::JatsOptions::default().with_flavor(flavor);
    if let Some(issn) = args.next() {
        opts = opts.with_issn(issn);
    }
    let mut out = std::io::stdout().lock();
    folio_jats::write(&article, &opts, &mut out)?;
    out.flush()?;
    Ok(())
}
