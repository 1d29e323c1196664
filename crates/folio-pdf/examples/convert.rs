//! Converts raw article text files to PDF: `convert IN.txt OUT.pdf [IN OUT]...`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = folio_pdf::PdfOptions::default();
    if let Ok(s) = std::env::var("PAGE_SIZE") {
        opts.page_size = s.parse()?;
    }
    for pair in args.chunks(2) {
        let [input, output] = pair else {
            return Err("usage: convert IN.txt OUT.pdf [IN OUT]...".into());
        };
        let bytes = std::fs::read(input)?;
        let text = String::from_utf8_lossy(&bytes);
        let article = folio_core::parse::parse(&text, &Default::default())?.article;
        let t = std::time::Instant::now();
        let mut out = Vec::new();
        folio_pdf::write(&article, &opts, &mut out)?;
        eprintln!("{input}: {} bytes in {:?}", out.len(), t.elapsed());
        std::fs::write(output, out)?;
    }
    Ok(())
}
