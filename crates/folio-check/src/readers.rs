//! The PDF readers people use, as text extractors: poppler (`pdftotext`:
//! Evince, Okular, most Linux tools), MuPDF (`mutool draw -F txt`: SumatraPDF,
//! PyMuPDF) and pdf.js (Firefox's viewer: `getTextContent`, joined as its
//! find bar joins it, through `js/pdfjs-text.mjs`). Each reader gives back
//! a PDF's text its own way; [`Reader::missing_words`] compares a reader's
//! words with the model's.

use crate::{dehyphenate, pdf_footer_words, pdf_words, words};
use folio_core::Article;
use folio_core::script::is_rtl;
use std::path::{Path, PathBuf};
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

/// A PDF reader whose text extraction the checks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// poppler's `pdftotext -enc UTF-8`.
    Poppler,
    /// MuPDF's `mutool draw -F txt`.
    MuPdf,
    /// pdf.js (`pdfjs-dist`, run by node), as Firefox's find bar sees text.
    PdfJs,
}

/// Why a reader gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The reader is not installed; the text says how to install it.
    Missing(String),
    /// The reader ran and failed.
    Failed(String),
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::Missing(m) => write!(f, "reader not installed: {m}"),
            ExtractError::Failed(m) => write!(f, "reader failed: {m}"),
        }
    }
}

/// The directory of the pdf.js script and its `node_modules`
/// (`FOLIO_PDFJS_DIR`, or this crate's `js/`).
fn pdfjs_dir() -> PathBuf {
    std::env::var_os("FOLIO_PDFJS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("js"))
}

impl Reader {
    /// Every reader.
    pub const ALL: [Reader; 3] = [Reader::PdfJs, Reader::MuPdf, Reader::Poppler];

    /// The reader's name.
    pub fn name(self) -> &'static str {
        match self {
            Reader::Poppler => "poppler",
            Reader::MuPdf => "MuPDF",
            Reader::PdfJs => "pdf.js",
        }
    }

    /// Whether the reader reorders right-to-left text into logical order
    /// (pdf.js and poppler run the bidi algorithm over visual runs; MuPDF's
    /// text output keeps drawing order, so its right-to-left words come
    /// reversed: [`Reader::missing_words`] reads them back).
    pub fn reorders_rtl(self) -> bool {
        !matches!(self, Reader::MuPdf)
    }

    /// The text of the PDF at `path`, pages separated by form feeds.
    ///
    /// ```no_run
    /// use folio_check::readers::Reader;
    /// let text = Reader::MuPdf.extract(std::path::Path::new("article.pdf")).unwrap();
    /// ```
    pub fn extract(self, path: &Path) -> Result<String, ExtractError> {
        self.extract_area(path, None)
    }

    /// The text of the PDF at `path` (as [`Reader::extract`]), only the
    /// characters (pdf.js: text items) whose origin lies in `area` when
    /// given: `[x, y, width, height]` in points from each page's top-left
    /// corner. Cropping to the text block keeps running heads and page
    /// numbers from standing between the halves of a word hyphenated
    /// across a page break.
    pub fn extract_area(self, path: &Path, area: Option<[f32; 4]>) -> Result<String, ExtractError> {
        let nums = area.map(|a| a.map(|v| format!("{v:.2}")));
        let (mut cmd, hint) = match self {
            Reader::Poppler => {
                let mut c = Command::new("pdftotext");
                c.args(["-enc", "UTF-8"]);
                if let Some([x, y, w, h]) = area {
                    // pdftotext takes whole points.
                    let r = |v: f32| (v.round() as i64).to_string();
                    c.args(["-x", &r(x), "-y", &r(y), "-W", &r(w), "-H", &r(h)]);
                }
                c.arg(path).arg("-");
                (c, "apt-get install poppler-utils")
            }
            Reader::MuPdf => {
                // The structured text (what `-F txt` prints, with each
                // character's position), cropped here.
                let mut c = Command::new("mutool");
                c.args(["draw", "-q", "-F", "stext", "-o", "-"]).arg(path);
                (c, "apt-get install mupdf-tools")
            }
            Reader::PdfJs => {
                let dir = pdfjs_dir();
                if !dir.join("node_modules/pdfjs-dist/package.json").is_file() {
                    return Err(ExtractError::Missing(format!(
                        "pdfjs-dist is not in {}: run crates/folio-check/js/install.sh",
                        dir.display()
                    )));
                }
                let mut c = Command::new("node");
                c.arg(dir.join("pdfjs-text.mjs")).arg(path);
                if let Some(n) = &nums {
                    c.args(n);
                }
                (
                    c,
                    "apt-get install nodejs, then crates/folio-check/js/install.sh",
                )
            }
        };
        let out = cmd.output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ExtractError::Missing(hint.into()),
            _ => ExtractError::Failed(format!("{}: {e}", self.name())),
        })?;
        if !out.status.success() {
            return Err(ExtractError::Failed(format!(
                "{} on {}: {}",
                self.name(),
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        let text = String::from_utf8(out.stdout)
            .map_err(|e| ExtractError::Failed(format!("{}: not UTF-8: {e}", self.name())))?;
        match self {
            Reader::MuPdf => stext_text(&text, area).map_err(ExtractError::Failed),
            _ => Ok(text),
        }
    }

    /// The words of `text` (this reader's output) as the model's words
    /// compare with them: in compatibility form (NFKC), as pdf.js gives
    /// text (`ﬁ` is `fi`; searching for either finds both), and in logical
    /// order — MuPDF's right-to-left words are turned back ([`logical`]).
    pub fn words_of(self, text: &str) -> Vec<String> {
        let nfkc = |w: &str| w.nfkc().collect::<String>();
        if self.reorders_rtl() {
            words(&nfkc(text))
        } else {
            // Normalized after turning: a reversed word's marks are out of
            // canonical order.
            text.lines()
                .flat_map(|l| logical(&words(l)))
                .flat_map(|w| words(&nfkc(&w)))
                .collect()
        }
    }

    /// Checks that `expected` (the model's words, in order) come back from
    /// this reader's `text` each as a whole word, in order (other words may
    /// stand between: running heads, page numbers). A word split by a space,
    /// spelled differently or out of order is the first failure described.
    pub fn missing_words(self, expected: &[String], text: &str) -> Option<String> {
        let got = self.words_of(text);
        // Through the same normalization as the reader's words (a
        // full-width colon is a word of the model's, but no word in NFKC).
        let want: Vec<String> = expected
            .iter()
            .flat_map(|w| words(&w.nfkc().collect::<String>()))
            .collect();
        let mut j = 0;
        for (i, w) in want.iter().enumerate() {
            match got[j..].iter().position(|g| g == w) {
                Some(k) => j += k + 1,
                None => {
                    let near = want[i.saturating_sub(3)..(i + 4).min(want.len())].join(" ");
                    let at = got[j.saturating_sub(3)..(j + 6).min(got.len())].join(" ");
                    return Some(format!(
                        "{}: word {i} {w:?} missing or out of order (want near: {near}; got near: {at})",
                        self.name()
                    ));
                }
            }
        }
        None
    }
}

/// One line's words, drawn left to right, in logical order: a line whose
/// letters are mostly right-to-left is read from the right, each
/// right-to-left word's characters reversed; in a left-to-right line each
/// run of right-to-left words is turned round so.
///
/// ```
/// use folio_check::readers::logical;
/// let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// assert_eq!(logical(&w("مالس ابحرم")), w("مرحبا سلام"));
/// assert_eq!(logical(&w("we say مالس ابحرم right now")), w("we say مرحبا سلام right now"));
/// ```
pub fn logical(visual: &[String]) -> Vec<String> {
    let rtl_word = |w: &String| w.chars().any(is_rtl);
    let flip = |w: &String| -> String {
        if rtl_word(w) {
            w.chars().rev().collect()
        } else {
            w.clone()
        }
    };
    let (r, l): (usize, usize) = visual.iter().fold((0, 0), |(r, l), w| {
        let rr = w.chars().filter(|&c| is_rtl(c)).count();
        let ll = w
            .chars()
            .filter(|c| c.is_alphabetic() && !is_rtl(*c))
            .count();
        (r + rr, l + ll)
    });
    if r > l {
        return visual.iter().rev().map(flip).collect();
    }
    let mut out: Vec<String> = Vec::with_capacity(visual.len());
    let mut i = 0;
    while i < visual.len() {
        if rtl_word(&visual[i]) {
            let mut j = i;
            while j < visual.len() && rtl_word(&visual[j]) {
                j += 1;
            }
            out.extend(visual[i..j].iter().rev().map(flip));
            i = j;
        } else {
            out.push(visual[i].clone());
            i += 1;
        }
    }
    out
}

/// Whether a missing reader must fail the caller (in CI, `CI=true`) or
/// may be skipped (locally). Prints the reason when skipping.
///
/// ```
/// use folio_check::readers::{ExtractError, skip_missing};
/// // Failures are never skipped.
/// assert!(!skip_missing(&ExtractError::Failed("x".into())));
/// ```
pub fn skip_missing(e: &ExtractError) -> bool {
    match e {
        ExtractError::Missing(m) => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                false
            } else {
                eprintln!("skipped (not in CI): {m}");
                true
            }
        }
        ExtractError::Failed(_) => false,
    }
}

/// The text of MuPDF's structured text (`-F stext`) as `-F txt` gives it
/// (each line's characters, a newline after each line, a form feed after
/// each page), only the characters whose origin lies in `area` when given.
fn stext_text(xml: &str, area: Option<[f32; 4]>) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    loop {
        let ev = r.read_event().map_err(|e| format!("MuPDF stext: {e}"))?;
        match ev {
            Event::Eof => break,
            Event::Empty(e) | Event::Start(e) if e.name().0 == "char" => {
                let mut x = 0.0f32;
                let mut y = 0.0f32;
                let mut c = String::new();
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| format!("MuPDF stext: {e}"))?;
                    match a.key.0 {
                        "x" => x = v.parse().unwrap_or(0.0),
                        "y" => y = v.parse().unwrap_or(0.0),
                        "c" => c = v.into_owned(),
                        _ => {}
                    }
                }
                let inside = area.is_none_or(|[ax, ay, aw, ah]| {
                    (ax..=ax + aw).contains(&x) && (ay..=ay + ah).contains(&y)
                });
                if inside {
                    out.push_str(&c);
                }
            }
            Event::End(e) if e.name().0 == "line" => out.push('\n'),
            Event::End(e) if e.name().0 == "page" => out.push('\u{c}'),
            _ => {}
        }
    }
    Ok(out)
}

/// Every reader's text of `pdf` (a PDF of `article`) against the model:
/// the text block (`text_area`, as `folio_pdf::text_area` gives it, widened
/// as [`crate::pdf`] widens it: the title block and list markers stay
/// inside) holds every word of [`pdf_words`], whole and in order (line-end
/// hyphens joined); the whole pages hold the footer's words. Returns the
/// failures, one a reader, each starting with the reader's name. A reader
/// that is not installed is a failure in CI (`CI=true`) and skipped with a
/// printed reason elsewhere ([`skip_missing`]).
pub fn check_pdf(article: &Article, pdf: &[u8], text_area: [f32; 4]) -> Vec<String> {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("folio-check-{}-{n}.pdf", std::process::id()));
    if let Err(e) = std::fs::write(&path, pdf) {
        return vec![format!("writing {}: {e}", path.display())];
    }
    let failures = check_pdf_file(article, &path, text_area);
    let _ = std::fs::remove_file(&path);
    failures
}

/// [`check_pdf`] on the PDF file at `path`.
pub fn check_pdf_file(article: &Article, path: &Path, text_area: [f32; 4]) -> Vec<String> {
    let [x, y, w, h] = text_area;
    let crop = [x - 40.0, y - 6.0, w + 80.0, h + 8.0];
    let expected = pdf_words(article);
    let footer = pdf_footer_words(article);
    let mut failures = Vec::new();
    for reader in Reader::ALL {
        let texts = reader
            .extract_area(path, Some(crop))
            .and_then(|body| Ok((body, reader.extract(path)?)));
        let (body, all) = match texts {
            Ok(t) => t,
            Err(e) if skip_missing(&e) => continue,
            Err(e) => {
                failures.push(format!("{}: {e}", reader.name()));
                continue;
            }
        };
        if let Some(m) = reader.missing_words(&expected, &dehyphenate(&body)) {
            failures.push(m);
        } else if let Some(m) = reader.missing_words(&footer, &dehyphenate(&all)) {
            failures.push(format!("{m} (footer)"));
        }
    }
    failures
}
