//! No unsafe link scheme reaches any output: a JSON article (untrusted input)
//! linking to `javascript:`, `data:`, `vbscript:` and `file:` addresses is
//! written to Markdown, JATS (both flavours), EPUB and PDF, and none of
//! those addresses is in any of them; the links' text is.

use std::io::Read;

const BAD: &[&str] = &[
    "javascript:alert(document.cookie)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(2)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
];

fn article_json() -> String {
    let mut content = vec![serde_json::json!({"type": "text", "text": "Links: "})];
    for (i, url) in BAD.iter().enumerate() {
        content.push(serde_json::json!({"type": "link", "text": format!("bad{i}"), "url": url}));
        content.push(serde_json::json!({"type": "text", "text": " and "}));
    }
    content
        .push(serde_json::json!({"type": "link", "text": "good", "url": "https://example.com/ok"}));
    serde_json::json!({
        "title": "Link safety",
        "language": "en",
        "source_url": "javascript:alert('source')",
        "body": [
            {"type": "paragraph", "content": content},
            {"type": "list", "ordered": false, "items": [
                {"content": [{"type": "link", "text": "item link", "url": "javascript:alert(3)"}]}
            ]},
            {"type": "quote", "blocks": [
                {"type": "paragraph", "content": [{"type": "link", "text": "quoted link", "url": "data:,x"}]}
            ]}
        ],
        "footer": [
            {"type": "note", "content": [{"type": "link", "text": "footer link", "url": "vbscript:x"}]}
        ]
    })
    .to_string()
}

fn assert_clean(name: &str, text: &str) {
    let lower = text.to_lowercase();
    for needle in ["javascript", "vbscript", "data:", "file:", "alert("] {
        assert!(!lower.contains(needle), "{name} output holds {needle:?}");
    }
    assert!(text.contains("example.com/ok"), "{name} lost the safe link");
}

fn unzip_all(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = Vec::new();
        f.read_to_end(&mut s).unwrap();
        all.push_str(&String::from_utf8_lossy(&s));
    }
    all
}

#[test]
fn json_input_with_unsafe_links_reaches_no_output() {
    let (article, warnings) = folio_core::json::read_checked(&article_json()).unwrap();
    // Six in the paragraph, one each in the list, quote and footer, and the
    // source address.
    assert_eq!(warnings.len(), 10, "{warnings:?}");
    let words = serde_json::to_string(&article).unwrap();
    for t in ["bad0", "bad5", "item link", "quoted link", "footer link"] {
        assert!(words.contains(t), "link text {t} lost");
    }

    let opts = folio_driver::Options::new();
    let md = folio_driver::convert(&article, "md", &opts).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert_clean("markdown", &md);
    assert!(md.contains("bad0"));

    for flavor in ["archiving", "publishing"] {
        let mut s = folio_driver::Options::new();
        s.set("jats.flavor", flavor).unwrap();
        s.set("jats.issn", "0317-8471").unwrap();
        s.set("jats.journal-id", "folio-test").unwrap();
        let xml = folio_driver::convert(&article, "jats", &s).unwrap();
        assert_clean(&format!("jats {flavor}"), &String::from_utf8(xml).unwrap());
    }

    let epub = folio_driver::convert(&article, "epub", &opts).unwrap();
    assert_clean("epub", &unzip_all(&epub));

    let pdf = folio_driver::convert(&article, "pdf", &opts).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert_clean("pdf", &raw);
    assert!(raw.contains("/URI"), "the safe link has a /URI action");
}
