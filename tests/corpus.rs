//! The parser scored on the dev corpus MANIFEST, and text preservation into
//! the model for every dev article. Skipped, with a notice, when `../shared`
//! is absent.

mod common;

use common::*;
use folio_core::eval;

#[test]
fn parser_meets_the_accuracy_bar_on_the_dev_corpus() {
    let Some(dir) = dev_corpus() else { return };
    let rows = eval::read_manifest(&dir.join("MANIFEST.tsv")).unwrap();
    assert!(rows.len() >= 20);
    let r = eval::evaluate(&dir, &rows, &Default::default());
    for m in &r.misses {
        println!(
            "miss: {} {}: expected {:?}, got {:?}",
            m.file, m.field, m.expected, m.got
        );
    }
    assert!(r.ratio(r.title) >= 0.95, "title {}/{}", r.title, r.total);
    assert!(r.ratio(r.date) >= 0.95, "date {}/{}", r.date, r.total);
    assert!(r.ratio(r.byline) >= 0.90, "byline {}/{}", r.byline, r.total);
    assert!(
        r.ratio(r.paragraphs) >= 0.85,
        "paragraphs {}/{}",
        r.paragraphs,
        r.total
    );
}

#[test]
fn every_word_of_every_input_reaches_the_model() {
    for f in fixtures().iter().chain(dev_articles().iter()) {
        let bytes = std::fs::read(f).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let a = folio_core::parse::parse_bytes(&bytes, &Default::default())
            .unwrap()
            .article;
        // Front matter is metadata, not text.
        let text = match text
            .strip_prefix("---\n")
            .and_then(|r| r.split_once("\n---\n"))
        {
            Some((_, rest)) => rest.to_owned(),
            None => text,
        };
        // Numbered-list markers become list structure, not text.
        let text: String = text
            .lines()
            .map(|l| {
                let t = l.trim_start();
                let digits = t.chars().take_while(char::is_ascii_digit).count();
                let marker = digits > 0
                    && digits <= 3
                    && t[digits..].starts_with(['.', ')'])
                    && t[digits + 1..].starts_with(' ');
                if marker { &t[digits + 1..] } else { l }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut want = folio_core::textcheck::words(&text);
        let mut got = folio_core::textcheck::words(&a.all_text().join("\n"));
        want.sort();
        got.sort();
        let mut j = 0;
        for w in &want {
            while j < got.len() && got[j] < *w {
                j += 1;
            }
            assert!(
                j < got.len() && got[j] == *w,
                "{}: word '{w}' lost",
                f.display()
            );
            j += 1;
        }
    }
}
