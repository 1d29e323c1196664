//! Helpers shared by the EPUB tests: inputs, unpacking, text extraction.

#![allow(dead_code)]

use folio_core::Article;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

/// The repository's fixtures, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    txt_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"))
}

/// The shared dev corpus, or an empty list (with a notice) when absent.
pub fn dev_corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    if !dir.is_dir() {
        eprintln!(
            "notice: {} is absent; dev-corpus checks skipped",
            dir.display()
        );
        return Vec::new();
    }
    txt_files(&dir)
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// Parses a raw article file.
pub fn article(path: &Path) -> Article {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    folio_core::parse::parse_bytes(&bytes, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .article
}

/// The file stem (`seed-pyongyang-times`).
pub fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Every entry of an EPUB: name → bytes, plus the names in archive order.
pub struct Unpacked {
    pub order: Vec<String>,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Unpacked {
    pub fn text(&self, name: &str) -> String {
        String::from_utf8(self.files[name].clone()).expect("UTF-8 entry")
    }
}

pub fn unpack(epub: &[u8]) -> Unpacked {
    let mut z = zip::ZipArchive::new(Cursor::new(epub)).expect("a zip archive");
    let mut order = Vec::new();
    let mut files = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        order.push(f.name().to_owned());
        files.insert(f.name().to_owned(), data);
    }
    Unpacked { order, files }
}

const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ol",
    "ul",
    "blockquote",
    "pre",
    "section",
    "header",
    "footer",
    "div",
    "title",
    "nav",
    "body",
];

/// The text a reader sees in an XHTML document's `<body>`, one line per
/// block element. Entity and character references are resolved.
pub fn body_text(xhtml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xhtml);
    let mut out = String::new();
    let mut in_body = false;
    loop {
        match reader.read_event().expect("well-formed XHTML") {
            Event::Start(e) => {
                let name = e.local_name().into_inner().to_owned();
                if name == "body" {
                    in_body = true;
                }
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
            }
            Event::End(e) if BLOCKS.contains(&e.local_name().into_inner()) => out.push('\n'),
            Event::Text(t) if in_body => {
                out.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0))
            }
            Event::GeneralRef(r) if in_body => {
                if let Some(c) = r.resolve_char_ref().expect("valid char ref") {
                    out.push(c);
                } else {
                    let name = r.xml_content(quick_xml::XmlVersion::Implicit1_0);
                    let resolved = quick_xml::escape::resolve_predefined_entity(&name)
                        .unwrap_or_else(|| panic!("unknown entity &{name};"));
                    out.push_str(resolved);
                }
            }
            Event::CData(c) if in_body => {
                out.push_str(&c.into_inner());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}
