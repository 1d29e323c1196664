//! One collection (built with the library) and one book (built with the
//! CLI) give the same title, authors, language, date and rights in EPUB's
//! OPF, PDF's XMP (and title, authors, date and language in its Info
//! dictionary and `/Lang`), Markdown's front matter and (article by
//! article) JATS: every writer takes them from `folio_core::Metadata`.

mod common;

use common::*;
use folio_core::{Article, Collection, Metadata};
use folio_driver::{Options, convert, convert_collection};
use std::io::Read;

/// The metadata a format shows: title, creators, language, date, rights.
#[derive(Debug, PartialEq)]
struct Shown {
    title: String,
    creators: Vec<String>,
    language: String,
    date: Option<String>,
    rights: Option<String>,
}

fn expected(m: &Metadata) -> Shown {
    Shown {
        title: m.title.clone(),
        creators: m.creators.clone(),
        language: m.language.to_string(),
        date: m.date.map(|d| d.to_string()),
        rights: m.rights.clone(),
    }
}

/// Every text between `open` (up to its `>`) and `close`.
fn all_between(s: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(close) else { break };
        out.push(unescape(&body[..end]));
        rest = &body[end..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn epub_shown(epub: &[u8]) -> Shown {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut opf = String::new();
    zip.by_name("OEBPS/content.opf")
        .unwrap()
        .read_to_string(&mut opf)
        .unwrap();
    let one = |tag: &str| all_between(&opf, &format!("<dc:{tag}"), &format!("</dc:{tag}>"));
    Shown {
        title: one("title").remove(0),
        creators: one("creator"),
        language: one("language").remove(0),
        date: one("date").first().map(|d| d[..10].to_owned()),
        rights: one("rights").first().cloned(),
    }
}

fn pdf_shown(pdf: &[u8]) -> Shown {
    let text = String::from_utf8_lossy(pdf);
    let xmp = &text[text.find("<x:xmpmeta").unwrap()..text.find("</x:xmpmeta>").unwrap()];
    let items = |tag: &str| -> Vec<String> {
        all_between(xmp, &format!("<dc:{tag}>"), &format!("</dc:{tag}>"))
            .first()
            .map(|block| all_between(block, "<rdf:li", "</rdf:li>"))
            .unwrap_or_default()
    };
    Shown {
        title: items("title").remove(0),
        creators: items("creator"),
        language: items("language").remove(0),
        date: items("date").first().map(|d| d[..10].to_owned()),
        rights: items("rights").first().cloned(),
    }
}

/// A PDF string's text: a literal `(...)` with backslash escapes, or
/// `<FEFF...>` UTF-16BE hex.
fn pdf_string(s: &str) -> String {
    if let Some(hex) = s.strip_prefix('<') {
        let bytes: Vec<u8> = (0..hex.len() / 2 * 2)
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
            .collect();
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    let mut out = String::new();
    let mut chars = s.strip_prefix('(').unwrap_or(s).chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            ')' => break,
            c => out.push(c),
        }
    }
    out
}

/// The value of `key` in a PDF dictionary's text.
fn pdf_value(dict: &str, key: &str) -> Option<String> {
    let at = dict.find(&format!("/{key} "))? + key.len() + 2;
    let rest = &dict[at..];
    let end = if rest.starts_with('<') {
        rest.find('>')?
    } else {
        // Up to the first unescaped `)`.
        let b = rest.as_bytes();
        (1..b.len()).find(|&i| b[i] == b')' && b[i - 1] != b'\\')?
    };
    Some(pdf_string(&rest[..end]))
}

/// The document information dictionary (title, authors, creation date)
/// and the catalog's `/Lang`. Info has no rights entry: the XMP carries it.
fn pdf_info_shown(pdf: &[u8]) -> Shown {
    let text = String::from_utf8_lossy(pdf);
    let trailer = &text[text.rfind("trailer").unwrap()..];
    let num: String = trailer[trailer.find("/Info ").unwrap() + 6..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let start = text.find(&format!("\n{num} 0 obj")).unwrap();
    let info = &text[start..start + text[start..].find("endobj").unwrap()];
    // The catalog's /Lang (structure elements carry their own).
    let catalog = text.find("/Type /Catalog").unwrap();
    let obj = text[..catalog].rfind(" 0 obj").unwrap();
    let lang_at = obj + text[obj..].find("/Lang ").unwrap();
    Shown {
        title: pdf_value(info, "Title").unwrap(),
        creators: pdf_value(info, "Author")
            .map(|a| a.split(", ").map(str::to_owned).collect())
            .unwrap_or_default(),
        language: pdf_value(&text[lang_at..lang_at + 200], "Lang").unwrap(),
        date: pdf_value(info, "CreationDate")
            .map(|d| format!("{}-{}-{}", &d[2..6], &d[6..8], &d[8..10])),
        rights: None,
    }
}

/// The front matter's YAML, read with the few forms the writer uses.
fn markdown_shown(md: &str) -> Shown {
    let fm = &md[4..md[4..].find("\n---\n").unwrap() + 4];
    let mut s = Shown {
        title: String::new(),
        creators: Vec::new(),
        language: String::new(),
        date: None,
        rights: None,
    };
    let unquote = |v: &str| -> String { serde_json::from_str(v).unwrap_or_else(|_| v.to_owned()) };
    let mut in_list = false;
    for line in fm.lines() {
        if let Some(item) = line.strip_prefix("  - ") {
            if in_list {
                s.creators.push(unquote(item));
            }
            continue;
        }
        in_list = false;
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "title" => s.title = unquote(v),
            "lang" => s.language = unquote(v),
            "date" => s.date = Some(v.to_owned()),
            "rights" => s.rights = Some(unquote(v)),
            // `author`: a string for one author, a list for several.
            "author" if v.is_empty() => in_list = true,
            "author" => s.creators.push(unquote(v)),
            _ => {}
        }
    }
    s
}

fn jats_shown(xml: &str) -> Shown {
    let lang = xml
        .split("xml:lang=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let mut creators = Vec::new();
    for contrib in all_between(xml, "<contrib ", "</contrib>") {
        let string = all_between(&contrib, "<string-name", "</string-name>");
        if let Some(n) = string.first() {
            creators.push(n.clone());
        } else {
            let given = all_between(&contrib, "<given-names", "</given-names>");
            let surname = all_between(&contrib, "<surname", "</surname>");
            creators.push(format!("{} {}", given[0], surname[0]));
        }
    }
    Shown {
        title: all_between(xml, "<article-title", "</article-title>").remove(0),
        creators,
        language: lang,
        date: xml
            .split("iso-8601-date=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(str::to_owned),
        rights: all_between(xml, "<copyright-statement", "</copyright-statement>")
            .first()
            .cloned(),
    }
}

fn parse(name: &str) -> Article {
    let text = std::fs::read_to_string(root().join("fixtures").join(name)).unwrap();
    folio_core::parse::parse(&text, &Default::default())
        .unwrap()
        .article
}

fn articles() -> Vec<Article> {
    [
        "seed-pyongyang-times.txt",
        "wire-dateline-byline-headings.txt",
        "french-update-stamp.txt",
    ]
    .iter()
    .map(|n| parse(n))
    .collect()
}

fn check_collection(c: &Collection, epub: &[u8], pdf: &[u8], md: &str) {
    let want = expected(&Metadata::of_collection(c, None));
    assert!(!want.creators.is_empty(), "{want:?}");
    assert_eq!(epub_shown(epub), want, "EPUB");
    assert_eq!(pdf_shown(pdf), want, "PDF");
    let without_rights = Shown {
        rights: None,
        ..expected(&Metadata::of_collection(c, None))
    };
    assert_eq!(pdf_info_shown(pdf), without_rights, "PDF Info and /Lang");
    // Markdown's front matter has no creators line when there are none
    // and writes the collection's own rights only.
    assert_eq!(markdown_shown(md), want, "Markdown");
}

#[test]
fn a_library_collection_has_the_same_metadata_everywhere() {
    let c = Collection {
        title: "Three articles".into(),
        rights: Some("Texts © their publishers".into()),
        articles: articles(),
        ..Default::default()
    };
    let o = Options::new();
    let epub = convert_collection(&c, "epub", &o).unwrap();
    let pdf = convert_collection(&c, "pdf", &o).unwrap();
    let md = String::from_utf8(convert_collection(&c, "md", &o).unwrap()).unwrap();
    check_collection(&c, &epub, &pdf, &md);
    // Article by article, JATS agrees with the others too.
    for a in &c.articles {
        let want = expected(&Metadata::of_article(a, None));
        let xml = String::from_utf8(convert(a, "jats", &o).unwrap()).unwrap();
        assert_eq!(jats_shown(&xml), want, "JATS {}", a.title);
        assert_eq!(
            epub_shown(&convert(a, "epub", &o).unwrap()),
            want,
            "EPUB {}",
            a.title
        );
        assert_eq!(
            pdf_shown(&convert(a, "pdf", &o).unwrap()),
            want,
            "PDF {}",
            a.title
        );
    }
}

#[test]
fn a_cli_book_has_the_same_metadata_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let fx = root().join("fixtures");
    let mut cmd = folio();
    cmd.arg("book");
    for n in [
        "seed-pyongyang-times.txt",
        "wire-dateline-byline-headings.txt",
        "french-update-stamp.txt",
    ] {
        cmd.arg(fx.join(n));
    }
    for ext in ["epub", "pdf", "md", "json"] {
        cmd.arg("-o").arg(dir.path().join(format!("book.{ext}")));
    }
    cmd.args(["--title", "A CLI book", "-q"]).assert().success();
    let read = |ext: &str| std::fs::read(dir.path().join(format!("book.{ext}"))).unwrap();
    let c: Collection = serde_json::from_slice(&read("json")).unwrap();
    check_collection(
        &c,
        &read("epub"),
        &read("pdf"),
        &String::from_utf8(read("md")).unwrap(),
    );
}
