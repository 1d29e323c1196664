//! Typesets raw article text files as one PDF book:
//! `book OUT.pdf TITLE IN.txt...`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [output, title, inputs @ ..] = args.as_slice() else {
        return Err("usage: book OUT.pdf TITLE IN.txt...".into());
    };
    let mut articles = Vec::new();
    for input in inputs {
        let bytes = std::fs::read(input)?;
        articles.push(folio_core::parse::parse_bytes(&bytes, &Default::default())?.article);
    }
    let collection = folio_core::Collection {
        title: title.clone(),
        articles,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    folio_pdf::write_collection(&collection, &folio_pdf::PdfOptions::default(), &mut out)?;
    eprintln!("{output}: {} bytes in {:?}", out.len(), t.elapsed());
    std::fs::write(output, out)?;
    Ok(())
}
