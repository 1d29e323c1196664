//! Tagged PDF (PDF/UA-1): poppler reads the structure tree back. For the
//! seed, every fixture and every dev article, `pdfinfo` says the file is
//! tagged, and the text of the structure tree in reading order
//! (`pdfinfo -struct-text`) gives exactly the words the article's model
//! has (title block, body, footer), in order: nothing lost, nothing
//! added (running heads, page numbers and rules are artifacts). A book
//! keeps every article's words in its structure too.
//!
//! Skips (with a notice) when poppler's `pdfinfo` is not installed; CI
//! has it.

use folio_core::Collection;
use folio_core::model::Article;
use folio_pdf::PdfOptions;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `pdfinfo` with `-struct-text` is installed.
fn poppler() -> bool {
    let ok = Command::new("pdfinfo")
        .arg("-v")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stderr).contains("pdfinfo"));
    if !ok {
        eprintln!("NOTICE: pdfinfo (poppler) not installed; tagged-PDF checks skipped");
    }
    ok
}

fn parse(path: &Path) -> Article {
    let bytes = std::fs::read(path).unwrap();
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .unwrap()
        .article
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn opts() -> PdfOptions {
    PdfOptions::default().with_timestamp(Some(1_700_000_000))
}

fn pdfinfo(args: &[&str], pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .args(args)
        .arg(pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdfinfo {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The words of the structure tree's text (`pdfinfo -struct-text`),
/// words hyphenated at line ends joined.
fn struct_words(pdf: &Path) -> Vec<String> {
    // The element names are lines of their own; text is quoted.
    let text: String = pdfinfo(&["-struct-text"], pdf)
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let t = t.strip_prefix('"')?;
            Some(t.strip_suffix('"').unwrap_or(t).to_string() + "\n")
        })
        .collect();
    let mut w = folio_check::words(&folio_check::dehyphenate(&text));
    w.retain(|w| !number(w));
    w
}

/// The words the PDF of `a` sets as content: the title block as printed
/// (kicker, title, subtitle, the byline line and date line, standfirst),
/// the body and the footer blocks. Numbers alone are left out on both
/// sides: list labels (`1.`) are content (`Lbl`) but not text of the model.
fn model_words(a: &Article) -> Vec<String> {
    use folio_core::meta;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.kicker.iter().cloned());
    parts.push(a.title.clone());
    parts.extend(a.subtitle.iter().cloned());
    parts.extend(a.byline.clone().or_else(|| meta::byline_line(a)));
    // The date as printed: formatted from the parsed date.
    parts.extend(meta::display_date(a).map(|d| d.text));
    parts.extend(a.updated_text.iter().cloned());
    parts.extend(a.standfirst.iter().cloned());
    parts.extend(a.body.iter().map(|b| b.plain_text()));
    parts.extend(a.footer.iter().map(|b| b.plain_text()));
    let mut w = folio_check::words(&folio_check::dehyphenate(&parts.join("\n")));
    w.retain(|w| !number(w));
    w
}

fn number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}

/// Whether `words` hold right-to-left letters: the content stream has
/// them in visual order, so the structure text (poppler reads marked
/// content in stream order) gives them reversed; these are compared as
/// letters.
fn has_rtl(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| w.chars().any(folio_core::script::is_rtl))
}

fn letters(words: &[String]) -> Vec<char> {
    let mut c: Vec<char> = words.concat().chars().collect();
    c.sort_unstable();
    c
}

/// The first place two word lists differ, with some context.
fn first_difference(want: &[String], got: &[String]) -> Option<String> {
    let i = want.iter().zip(got).position(|(a, b)| a != b);
    let i = match i {
        Some(i) => i,
        None if want.len() == got.len() => return None,
        None => want.len().min(got.len()),
    };
    let ctx = |v: &[String]| v[i.saturating_sub(4)..(i + 6).min(v.len())].join(" ");
    Some(format!(
        "word {i}: model «{}» structure «{}» ({} vs {} words)",
        ctx(want),
        ctx(got),
        want.len(),
        got.len()
    ))
}

fn check_article(path: &Path, dir: &Path) -> Result<(), String> {
    let a = parse(path);
    let mut out = Vec::new();
    folio_pdf::write(&a, &opts(), &mut out).unwrap();
    let pdf = dir.join(path.with_extension("pdf").file_name().unwrap());
    std::fs::write(&pdf, &out).unwrap();
    let info = pdfinfo(&[], &pdf);
    if !info
        .lines()
        .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"))
    {
        return Err(format!("{}: not tagged", path.display()));
    }
    let want = model_words(&a);
    let got = struct_words(&pdf);
    if has_rtl(&want) {
        return if letters(&want) == letters(&got) {
            Ok(())
        } else {
            Err(format!("{}: right-to-left letters differ", path.display()))
        };
    }
    match first_difference(&want, &got) {
        None => Ok(()),
        Some(d) => Err(format!("{}: {d}", path.display())),
    }
}

fn check_all(paths: &[PathBuf]) {
    if !poppler() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // FOLIO_TAGGED_OUT=DIR keeps the PDFs for a look.
    let keep = std::env::var_os("FOLIO_TAGGED_OUT").map(PathBuf::from);
    let out = keep.as_deref().unwrap_or(dir.path());
    let errors: Vec<String> = paths
        .iter()
        .filter_map(|p| check_article(p, out).err())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn structure_text_of_seed_and_fixtures_is_the_model_text() {
    let mut paths = txt_files(&root().join("fixtures"));
    paths.extend(txt_files(&root().join("../shared/seed")));
    assert!(!paths.is_empty());
    check_all(&paths);
}

#[test]
fn structure_text_of_dev_articles_is_the_model_text() {
    let dir = root().join("../shared/corpus/dev");
    let paths = txt_files(&dir);
    if paths.is_empty() {
        eprintln!("NOTICE: {} absent; dev corpus skipped", dir.display());
        return;
    }
    check_all(&paths);
}

#[test]
fn a_book_is_tagged_and_its_structure_holds_every_article_in_order() {
    if !poppler() {
        return;
    }
    let articles: Vec<Article> = txt_files(&root().join("fixtures"))
        .iter()
        .map(|p| parse(p))
        // Right-to-left articles are checked alone (as letters).
        .filter(|a| !has_rtl(&model_words(a)))
        .collect();
    let c = Collection {
        title: "Tagged".into(),
        language: "en".into(),
        articles,
        ..Default::default()
    };
    let mut out = Vec::new();
    folio_pdf::write_collection(&c, &opts(), &mut out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("book.pdf");
    std::fs::write(&pdf, &out).unwrap();
    let info = pdfinfo(&[], &pdf);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"))
    );
    let got = struct_words(&pdf);
    // Front matter first (title page, contents), then each article's
    // words exactly: the last sum(article words) words of the structure.
    let want: Vec<String> = c.articles.iter().flat_map(model_words).collect();
    assert!(got.len() >= want.len(), "{} < {}", got.len(), want.len());
    let tail = &got[got.len() - want.len()..];
    if let Some(d) = first_difference(&want, tail) {
        panic!("book: {d}");
    }
}
