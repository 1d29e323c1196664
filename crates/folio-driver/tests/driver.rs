//! The facade: registry lookups, option parsing from every source into the
//! same typed structs, error kinds, and the same bytes as the writer crates.

use folio_driver::{Error, ErrorKind, Options, convert, convert_collection, find};

fn article() -> folio_core::Article {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/seed-pyongyang-times.txt"
    ))
    .unwrap();
    folio_core::parse::parse(&text, &Default::default())
        .unwrap()
        .article
}

#[test]
fn formats_are_found_by_name_alias_and_extension() {
    for (key, name) in [
        ("markdown", "markdown"),
        ("md", "markdown"),
        (".MD", "markdown"),
        ("xml", "jats"),
        ("jats", "jats"),
        ("epub", "epub"),
        ("pdf", "pdf"),
        ("json", "json"),
    ] {
        assert_eq!(find(key).unwrap().name(), name, "{key}");
    }
    let Err(err) = find("docx") else {
        panic!("docx found")
    };
    assert_eq!(err.kind(), ErrorKind::InvalidOption);
    assert!(err.to_string().contains("markdown"), "{err}");
    let epub = find("epub").unwrap();
    assert!(epub.is_binary() && epub.supports_collections());
    assert!(!find("jats").unwrap().supports_collections());
}

#[test]
fn every_source_of_options_gives_the_same_struct() {
    let mut by_str = Options::new();
    by_str
        .set_str("pdf.page-size=a5")
        .unwrap()
        .set_str("pdf.font-size=12")
        .unwrap()
        .set_str("pdf.system-fonts=false")
        .unwrap();
    let mut by_value = Options::new();
    by_value
        .set("pdf.page-size", "a5")
        .unwrap()
        .set("pdf.font-size", 12.0)
        .unwrap()
        .set("pdf.system-fonts", false)
        .unwrap();
    let table: toml::Table =
        toml::from_str("page-size = \"a5\"\nfont-size = 12\nsystem-fonts = false").unwrap();
    let mut by_table = Options::new();
    by_table.merge_table("pdf", &table).unwrap();
    let mut by_type = Options::new();
    by_type
        .put(
            "pdf",
            &folio_pdf::PdfOptions::default()
                .with_page_size(folio_pdf::PageSize::A5)
                .with_font_size(folio_pdf::FontSize::new(12.0).unwrap())
                .with_system_fonts(false),
        )
        .unwrap();
    let expected: folio_pdf::PdfOptions = by_type.get("pdf").unwrap();
    for o in [&by_str, &by_value, &by_table] {
        assert_eq!(o.get::<folio_pdf::PdfOptions>("pdf").unwrap(), expected);
    }
}

#[test]
fn strings_that_look_like_other_values_still_reach_string_fields() {
    let mut o = Options::new();
    o.set_str("jats.journal-id=1234").unwrap();
    o.set_str("jats.journal-title=2024-01-01").unwrap();
    let j: folio_jats::JatsOptions = o.get("xml").unwrap();
    assert_eq!(j.journal_id.as_deref(), Some("1234"));
    assert_eq!(j.journal_title.as_deref(), Some("2024-01-01"));
}

#[test]
fn bad_keys_and_values_name_the_key_and_what_is_accepted() {
    for (kv, needle) in [
        ("markdown.frontmatter=false", "front-matter"),
        ("markdown.front-matter=no", "bool"),
        ("pdf.page-size=b5", "a5"),
        ("pdf.font-size=3", "4 to 72"),
        ("jats.flavor=purple", "publishing"),
        ("jats.issn=1234-5678", "check digit"),
        ("json.pretty=true", "pretty"),
        ("epub.timestamp=0", "cover"),
    ] {
        let err = Options::new().set_str(kv).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidOption, "{kv}");
        let key = kv.split('=').next().unwrap();
        let msg = err.to_string();
        assert!(msg.contains(key) && msg.contains(needle), "{kv}: {msg}");
    }
    // A refused value leaves the options as they were.
    let mut o = Options::new();
    o.set("pdf.page-size", "letter").unwrap();
    assert!(o.set("pdf.page-size", "b5").is_err());
    let pdf: folio_pdf::PdfOptions = o.get("pdf").unwrap();
    assert_eq!(pdf.page_size, folio_pdf::PageSize::Letter);
}

#[test]
fn errors_keep_their_kind() {
    let a = article();
    // A cover file that does not exist: an invalid option, naming the key.
    let mut o = Options::new();
    o.set("epub.cover", "/nonexistent/cover.png").unwrap();
    let err = convert(&a, "epub", &o).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidOption);
    assert!(err.to_string().contains("epub.cover"), "{err}");
    // JATS writes one file per article.
    let book = folio_core::Collection {
        title: "Book".into(),
        articles: vec![a.clone()],
        ..Default::default()
    };
    let err = convert_collection(&book, "jats", &Options::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    // A failing output is an output error.
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    for format in ["json", "md", "jats", "epub", "pdf"] {
        let err = folio_driver::write(&a, format, &Options::new(), &mut Full).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Output, "{format}: {err}");
        assert!(matches!(err, Error::Io(_)), "{format}: {err}");
    }
}

#[test]
fn the_driver_gives_the_writer_crates_bytes() {
    let a = article();
    let mut o = Options::new().with_timestamp(Some(1_700_000_000));
    o.set_str("jats.flavor=publishing").unwrap();
    let mut md = Vec::new();
    folio_markdown::write(&a, &Default::default(), &mut md).unwrap();
    assert_eq!(convert(&a, "md", &o).unwrap(), md);
    let mut xml = Vec::new();
    let jats = folio_jats::JatsOptions::default().with_flavor(folio_jats::Flavor::Publishing);
    folio_jats::write(&a, &jats, &mut xml).unwrap();
    assert_eq!(convert(&a, "jats", &o).unwrap(), xml);
    let mut epub = Vec::new();
    let eo = folio_epub::EpubOptions::default().with_timestamp(Some(1_700_000_000));
    folio_epub::write(&a, &eo, &mut epub).unwrap();
    assert_eq!(convert(&a, "epub", &o).unwrap(), epub);
}
