//! Independent checks of Folio's outputs: each reads a writer's bytes back
//! with a third-party reader (pulldown-cmark, quick-xml, zip, lopdf through
//! pdf-extract) and compares what it finds with the [`Article`] that was
//! written. They are the oracles of the property tests (`tests/properties.rs`),
//! the fuzz targets (`fuzz/`) and the PDF text-preservation tests, so a
//! property is stated once.
//!
//! Every check returns `Err` with a description of the first violation.
//!
//! ```
//! let a = folio_core::parse::parse("Title\n\nA *starred* body & more.\n", &Default::default())
//!     .unwrap()
//!     .article;
//! // What a correct writer gives, and what a writer that forgot to escape gives.
//! assert!(folio_check::markdown(&a, "A \\*starred\\* body &amp; more.\n").is_ok());
//! assert!(folio_check::markdown(&a, "A *starred* body & more.\n").is_err());
//! ```

use folio_core::Article;
/// The word splitter every check compares with (the core's, which the HTML
/// reader's measure uses too).
pub use folio_core::script::words;
use std::collections::HashMap;
use std::io::Read;

pub mod readers;

/// The words every output of `article` must contain, in reading order:
/// title, header lines, body and footer.
///
/// ```
/// let a = folio_core::parse::parse("A title\n\nThe body, in «words».\n", &Default::default())
///     .unwrap()
///     .article;
/// assert_eq!(folio_check::article_words(&a), ["a", "title", "the", "body", "in", "words"]);
/// ```
pub fn article_words(article: &Article) -> Vec<String> {
    words(&article.all_text().join("\n"))
}

/// Checks that `expected` words occur in `actual` text in order (other words
/// may stand between them). Returns a description of the first word that is
/// missing, with the words around it.
///
/// ```
/// use folio_check::{missing_in_order, words};
/// assert!(missing_in_order(&words("a b c"), "x a y b z c").is_none());
/// assert!(missing_in_order(&words("a b c"), "c b a").is_some());
/// ```
pub fn missing_in_order(expected: &[String], actual: &str) -> Option<String> {
    let got = words(actual);
    let mut j = 0;
    for (i, w) in expected.iter().enumerate() {
        match got[j..].iter().position(|g| g == w) {
            Some(k) => j += k + 1,
            None => {
                let from = i.saturating_sub(5);
                let ctx = expected[from..(i + 5).min(expected.len())].join(" ");
                return Some(format!(
                    "word {i} '{w}' missing or out of order (near: {ctx})"
                ));
            }
        }
    }
    None
}

/// The body words of `article` (blocks, in reading order).
fn body_words(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    for b in &article.body {
        out.extend(words(&b.plain_text()));
    }
    out
}

/// The parser kept every word: each word of the (normalized) input text is
/// somewhere in `article`'s text, as often as it occurs in the input.
/// Numbers alone are exempt: list markers (`1.`, `2)`) become structure;
/// so is a leading `---` block (front matter: metadata, not text).
///
/// ```
/// let text = "Title\n\n1. one item\n2. two items\n";
/// let a = folio_core::parse::parse(text, &Default::default()).unwrap().article;
/// assert!(folio_check::keeps_every_word(text, &a).is_ok());
/// assert!(folio_check::keeps_every_word("Title and more", &a).is_err());
///
/// let fm = "--- \ntitle: T\nx-key: y\n---\nBody text here.\n";
/// let a = folio_core::parse::parse(fm, &Default::default()).unwrap().article;
/// assert!(folio_check::keeps_every_word(fm, &a).is_ok());
/// ```
pub fn keeps_every_word(input: &str, article: &Article) -> Result<(), String> {
    let clean = folio_core::normalize::normalize(input).0;
    let clean = without_front_matter(&clean);
    let number = |w: &String| w.chars().all(|c| c.is_ascii_digit());
    let mut want = words(clean);
    let mut got = words(&article.all_text().join("\n"));
    want.retain(|w| !number(w));
    got.retain(|w| !number(w));
    want.sort_unstable();
    got.sort_unstable();
    let mut j = 0;
    for w in &want {
        while j < got.len() && got[j] < *w {
            j += 1;
        }
        if j == got.len() || got[j] != *w {
            return Err(format!("the parser lost {w:?}"));
        }
        j += 1;
    }
    Ok(())
}

/// `text` without a leading `---` … `---` (or `...`) block, the fences
/// matched as the parser matches them (after blank lines, trailing white
/// space allowed).
fn without_front_matter(text: &str) -> &str {
    let mut lines = text.split_inclusive('\n');
    let mut at = 0;
    let mut opened = false;
    for line in lines.by_ref() {
        at += line.len();
        if !line.trim().is_empty() {
            opened = line.trim_end() == "---";
            break;
        }
    }
    if !opened {
        return text;
    }
    for line in lines {
        at += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return &text[at..];
        }
    }
    text
}

/// Markdown reads back exactly: parsed with pulldown-cmark (CommonMark),
/// the text of the body (everything after the front matter) is the
/// standfirst, body and footer of the article character for character,
/// white space aside. No raw HTML other than markdownlint comments.
pub fn markdown(article: &Article, md: &str) -> Result<(), String> {
    let body = md.split_once("\n---\n").map_or(md, |(_, b)| b);
    let mut rendered = String::new();
    for ev in pulldown_cmark::Parser::new(body) {
        use pulldown_cmark::Event;
        match ev {
            Event::Text(t) | Event::Code(t) => {
                rendered.push_str(&t);
                rendered.push(' ');
            }
            Event::Html(h) | Event::InlineHtml(h) if !h.starts_with("<!-- markdownlint-") => {
                return Err(format!("raw HTML {h:?} in:\n{md}"));
            }
            _ => rendered.push(' '),
        }
    }
    let mut expected = String::new();
    if let Some(s) = &article.standfirst {
        expected.push_str(s);
    }
    for b in article.body.iter().chain(&article.footer) {
        expected.push_str(&b.plain_text());
    }
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let got = squeeze(&rendered);
    let want = squeeze(&expected);
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "markdown reads back differently:\n got: {got}\nwant: {want}\nmarkdown:\n{md}"
        ))
    }
}

/// All text of an XML document (text nodes, CDATA and resolved references,
/// a space after each text node), failing on any well-formedness error:
/// bad syntax, unknown entities or unbalanced elements.
///
/// ```
/// assert_eq!(folio_check::xml_text("<a>x &amp; <b>y</b></a>").unwrap().split_whitespace().collect::<Vec<_>>(), ["x", "&", "y"]);
/// assert!(folio_check::xml_text("<a><b></a>").is_err());
/// ```
pub fn xml_text(xml: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut depth = 0i64;
    let mut roots = 0;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", r.buffer_position()))?;
        match ev {
            Event::Eof => break,
            Event::Start(_) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Event::Empty(_) if depth == 0 => roots += 1,
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                let t = t.xml10_content();
                if depth == 0 && !t.trim().is_empty() {
                    return Err(format!("text outside the root element: {t:?}"));
                }
                out.push_str(&t);
                out.push(' ');
            }
            Event::CData(t) => out.push_str(&t.into_inner()),
            Event::GeneralRef(g) => {
                let name = g.xml10_content().into_owned();
                let ch = match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => g
                        .resolve_char_ref()
                        .map_err(|e| e.to_string())?
                        .ok_or(format!("unknown entity &{other};"))?,
                };
                out.push(ch);
            }
            _ => {}
        }
        if depth < 0 {
            return Err("end tag without a start tag".into());
        }
    }
    if depth != 0 {
        return Err("unclosed elements".into());
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(out)
}

/// Like [`missing_in_order`], but blind to word boundaries in `text`:
/// markup may split a word (a link starting inside it) or join two
/// (adjacent elements), and so may a PDF extractor (a page number set on
/// the copyright line's baseline), so the expected words are looked for,
/// in order, in the text's letters and digits run together.
fn missing_ignoring_boundaries(expected: &[String], text: &str) -> Option<String> {
    let hay = words(text).concat();
    let mut at = 0;
    for (i, w) in expected.iter().enumerate() {
        match hay[at..].find(w.as_str()) {
            Some(p) => at += p + w.len(),
            None => {
                let near = expected[i.saturating_sub(3)..(i + 4).min(expected.len())].join(" ");
                return Some(format!(
                    "word {i} {w:?} missing or out of order (near: {near})"
                ));
            }
        }
    }
    None
}

/// JATS is well-formed XML and holds every body word in order.
pub fn jats(article: &Article, xml: &str) -> Result<(), String> {
    let text = xml_text(xml).map_err(|e| format!("{e}\n{xml}"))?;
    match missing_ignoring_boundaries(&body_words(article), &text) {
        None => Ok(()),
        Some(m) => Err(format!("JATS lost a word: {m}")),
    }
}

/// An EPUB container: a zip whose first entry is the stored `mimetype`;
/// every XML entry (XHTML, OPF, NCX, SVG, container) is well-formed; the
/// content documents (all XHTML but the cover and the navigation document,
/// in archive order) hold every body word in order.
pub fn epub(article: &Article, bytes: &[u8]) -> Result<(), String> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("zip: {e}"))?;
    {
        let mut first = zip.by_index(0).map_err(|e| format!("zip: {e}"))?;
        if first.name() != "mimetype" || first.compression() != zip::CompressionMethod::Stored {
            return Err("the first entry is not a stored `mimetype`".into());
        }
        let mut s = String::new();
        first.read_to_string(&mut s).map_err(|e| e.to_string())?;
        if s != "application/epub+zip" {
            return Err(format!("mimetype is {s:?}"));
        }
    }
    let mut content = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| format!("zip: {e}"))?;
        let name = f.name().to_owned();
        let is_xml = [".xhtml", ".opf", ".ncx", ".svg", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if !is_xml {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s)
            .map_err(|e| format!("{name}: {e}"))?;
        let text = xml_text(&s).map_err(|e| format!("{name}: {e}"))?;
        if name.ends_with(".xhtml")
            && !name.ends_with("nav.xhtml")
            && !name.ends_with("cover.xhtml")
        {
            content.push_str(&text);
            content.push('\n');
        }
    }
    match missing_ignoring_boundaries(&body_words(article), &content) {
        None => Ok(()),
        Some(m) => Err(format!("EPUB lost a word: {m}")),
    }
}

/// Joins words hyphenated at line ends and drops hyphens between letters,
/// so `devel-\noping` and `long-standing` compare equal on both sides.
///
/// ```
/// assert_eq!(folio_check::dehyphenate("devel-\noping long-standing x -1"), "developing longstanding x -1");
/// ```
pub fn dehyphenate(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '-' | '\u{2010}') && i > 0 && chars[i - 1].is_alphabetic() {
            // Skip the hyphen and any line break after it.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '\n' | '\r' | '\u{c}') {
                j += 1;
            }
            if j < chars.len() && chars[j].is_alphabetic() {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The text a PDF of `article` sets inside its text area, in order, a
/// string per line of the header or block: kicker above the title, then the
/// title block and the body. The footer is checked separately (see
/// [`pdf_footer_words`]).
fn pdf_parts(a: &Article) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.kicker.iter().cloned());
    parts.push(a.title.clone());
    parts.extend(a.subtitle.iter().cloned());
    parts.extend(a.byline.iter().cloned());
    // The date as printed: formatted from the parsed date (the raw date
    // text is metadata, not shown).
    parts.extend(folio_core::meta::display_date(a).map(|d| d.text));
    parts.extend(a.updated_text.iter().cloned());
    parts.extend(a.standfirst.iter().cloned());
    parts.extend(a.body.iter().map(|b| b.plain_text()));
    parts
}

/// The words a PDF of `article` sets inside its text area, in reading
/// order (kicker, title block, body).
pub fn pdf_words(a: &Article) -> Vec<String> {
    words(&dehyphenate(&pdf_parts(a).join("\n")))
}

/// The footer's words: set after the body, or (the copyright line) in the
/// running footer of every page.
pub fn pdf_footer_words(a: &Article) -> Vec<String> {
    let parts: Vec<String> = a.footer.iter().map(|b| b.plain_text()).collect();
    words(&dehyphenate(&parts.join("\n")))
}

use folio_core::script::is_rtl;

/// A PDF parses (lopdf), and its text extracts (pdf-extract, through each
/// font's ToUnicode map): inside `text_area` (`[x, y, width, height]` in
/// points from the top-left corner, as `folio_pdf::text_area` gives) every
/// word of [`pdf_words`] comes in order, and the whole pages hold the
/// footer's words. Cropping to the text area keeps the running header and
/// page numbers from standing between the halves of a word hyphenated
/// across a page break.
///
/// pdf-extract gives glyphs in drawing (visual) order, so lines with
/// right-to-left text come out reversed, mixed-direction words in pieces:
/// for a header line or block that holds Hebrew or Arabic only the letters
/// are checked to be there, the rest word by word in order. (Reading order
/// of right-to-left text is tested with poppler in `folio-pdf`.)
///
/// `/ActualText` spans are not honoured (pdf-extract ignores them, as
/// pdf.js and MuPDF do in practice): each glyph's own ToUnicode text must
/// give the words.
pub fn pdf(article: &Article, bytes: &[u8], text_area: [f32; 4]) -> Result<(), String> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| format!("lopdf: {e}"))?;
    let [x, y, w, h] = text_area.map(f64::from);
    let mut body = String::new();
    let mut all = String::new();
    {
        let mut out = Cropped {
            area: [x - 40.0, y - 6.0, x + w + 40.0, y + h + 2.0],
            page_height: 0.0,
            inner: pdf_extract::PlainTextOutput::new(&mut body),
        };
        pdf_extract::output_doc(&doc, &mut out).map_err(|e| format!("pdf-extract: {e}"))?;
        let mut plain = pdf_extract::PlainTextOutput::new(&mut all);
        pdf_extract::output_doc(&doc, &mut plain).map_err(|e| format!("pdf-extract: {e}"))?;
    }
    let footer: Vec<String> = article.footer.iter().map(|b| b.plain_text()).collect();
    set_text_is_there(&pdf_parts(article), &dehyphenate(&body))
        .map_err(|e| format!("PDF text area lost {e}"))?;
    // Each footer block on its own: the copyright line is in the running
    // footer, drawn after the text of the page.
    let all = dehyphenate(&all);
    for block in footer {
        set_text_is_there(&[block], &all).map_err(|e| format!("PDF lost footer {e}"))?;
    }
    Ok(())
}

/// Checks that extracted PDF text holds `parts` (lines or blocks of the
/// article): the words of left-to-right parts in order, the letters of
/// parts with right-to-left text at all (bidi runs come out in visual
/// order, and mixed-direction words in pieces).
///
/// Both sides are compared in compatibility form (NFKC): a ligature
/// character (`ﬁ`) and the letters it stands for shape to the same glyph,
/// which a ToUnicode map can only give back one way.
fn set_text_is_there(parts: &[String], text: &str) -> Result<(), String> {
    use unicode_normalization::UnicodeNormalization;
    let parts: Vec<String> = parts.iter().map(|p| p.nfkc().collect()).collect();
    let text: String = text.nfkc().collect();
    let text = text.as_str();
    let (rtl, ltr): (Vec<&String>, Vec<&String>) =
        parts.iter().partition(|p| p.chars().any(is_rtl));
    let join = |v: &[&String]| {
        words(&dehyphenate(
            &v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        ))
    };
    if let Some(m) = missing_ignoring_boundaries(&join(&ltr), text) {
        return Err(format!("a word: {m}"));
    }
    let mut have: HashMap<char, usize> = HashMap::new();
    for c in words(text).concat().chars() {
        *have.entry(c).or_default() += 1;
    }
    for c in join(&rtl).concat().chars() {
        match have.get_mut(&c) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return Err(format!("right-to-left text: {c:?}")),
        }
    }
    Ok(())
}

/// Passes on only the characters whose origin lies in `area`
/// (`[left, top, right, bottom]`, top-left origin).
struct Cropped<'a> {
    area: [f64; 4],
    page_height: f64,
    inner: pdf_extract::PlainTextOutput<&'a mut String>,
}

impl pdf_extract::OutputDev for Cropped<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &pdf_extract::MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.inner.begin_page(page_num, media_box, art_box)
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.end_page()
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (cx, cy) = (trm.m31, self.page_height - trm.m32);
        let [l, t, r, b] = self.area;
        if (l..=r).contains(&cx) && (t..=b).contains(&cy) {
            self.inner
                .output_character(trm, width, spacing, font_size, char)
        } else {
            Ok(())
        }
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.begin_word()
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.end_word()
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.inner.end_line()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_may_split_or_join_words_but_not_lose_them() {
        let want = words("read aàhttps://x.gov/b now");
        // A link starting inside a word (found by fuzzing the JATS writer).
        assert_eq!(
            missing_ignoring_boundaries(&want, "read aà https://x.gov/b now"),
            None
        );
        // Adjacent block elements with no white space between them.
        assert_eq!(
            missing_ignoring_boundaries(&want, "readaàhttps://x.gov/bnow"),
            None
        );
        assert!(missing_ignoring_boundaries(&want, "read https://x.gov/b now").is_some());
        assert!(missing_ignoring_boundaries(&want, "now read aàhttps://x.gov/b").is_some());
    }
}
