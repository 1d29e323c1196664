//! EPUB writer tests: text preservation, reproducibility, package structure,
//! accessibility markup, covers and snapshots of the seed's OPF, nav and
//! chapter.

mod common;

use common::{article, body_text, dev_corpus, fixtures, stem, unpack};
use folio_check::missing_in_order;
use folio_core::{Article, Block, Collection, Inline};
use folio_epub::{EpubOptions, Error, write, write_collection};
use std::collections::HashSet;

fn epub(a: &Article, opts: &EpubOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write(a, opts, &mut out).expect("EPUB written");
    out
}

fn collection(paths: &[std::path::PathBuf]) -> Collection {
    Collection {
        title: "Dev corpus".into(),
        language: "en".into(),
        articles: paths.iter().map(|p| article(p)).collect(),
        ..Default::default()
    }
}

/// The words a chapter shows: every word of the article but the source's
/// raw date text, which is metadata (in the chapter's head, see
/// `raw_dates_never_reach_covers_or_title_blocks`); the date is shown
/// formatted from the parsed date instead.
fn article_words(a: &Article) -> Vec<String> {
    let mut shown = a.clone();
    shown.date_text = None;
    folio_check::article_words(&shown)
}

fn chapters(u: &common::Unpacked) -> Vec<String> {
    u.order
        .iter()
        .filter(|n| n.starts_with("OEBPS/chapter-") || n.as_str() == "OEBPS/article.xhtml")
        .cloned()
        .collect()
}

fn fixture(name: &str) -> std::path::PathBuf {
    fixtures()
        .into_iter()
        .find(|p| stem(p) == name)
        .unwrap_or_else(|| panic!("fixture {name} missing"))
}

fn all_inputs() -> Vec<std::path::PathBuf> {
    let mut v = fixtures();
    v.extend(dev_corpus());
    v
}

#[test]
fn every_word_of_every_article_reaches_the_chapter() {
    assert!(fixtures().len() >= 15, "fixtures missing");
    let inputs = all_inputs();
    for path in inputs {
        let a = article(&path);
        let u = unpack(&epub(&a, &EpubOptions::default()));
        let text = body_text(&u.text("OEBPS/article.xhtml"));
        let expected = article_words(&a);
        assert!(!expected.is_empty());
        if let Some(miss) = missing_in_order(&expected, &text) {
            panic!("{}: {miss}", path.display());
        }
    }
}

#[test]
fn every_word_of_a_collection_reaches_its_chapters_in_order() {
    let paths = all_inputs();
    let c = collection(&paths);
    let mut out = Vec::new();
    write_collection(&c, &EpubOptions::default(), &mut out).unwrap();
    let u = unpack(&out);
    let names = chapters(&u);
    assert_eq!(names.len(), c.articles.len());
    for (a, name) in c.articles.iter().zip(&names) {
        let text = body_text(&u.text(name));
        if let Some(miss) = missing_in_order(&article_words(a), &text) {
            panic!("{name} ({}): {miss}", a.title);
        }
    }
    // The title page carries the book's title; the nav lists every article.
    assert!(body_text(&u.text("OEBPS/title.xhtml")).contains("Dev corpus"));
    let nav = u.text("OEBPS/nav.xhtml");
    let width = c.articles.len().to_string().len();
    for (i, a) in c.articles.iter().enumerate() {
        let href = format!("chapter-{:0width$}.xhtml\"", i + 1);
        assert!(nav.contains(&href), "nav lacks {href}");
        let title = quick_xml::escape::escape(a.title.as_str()).into_owned();
        assert!(nav.contains(&title), "nav lacks {}", a.title);
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    for path in fixtures() {
        let a = article(&path);
        let opts = EpubOptions::default();
        assert_eq!(epub(&a, &opts), epub(&a, &opts), "{}", path.display());
    }
    let c = collection(&fixtures());
    let (mut x, mut y) = (Vec::new(), Vec::new());
    write_collection(&c, &EpubOptions::default(), &mut x).unwrap();
    write_collection(&c, &EpubOptions::default(), &mut y).unwrap();
    assert_eq!(x, y);
}

#[test]
fn source_date_epoch_sets_modified_and_zip_times() {
    let a = article(&fixture("seed-pyongyang-times"));
    let opts = EpubOptions::default().with_timestamp(Some(1_700_000_000));
    let bytes = epub(&a, &opts);
    let opf = unpack(&bytes).text("OEBPS/content.opf");
    assert!(opf.contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2023, 11, 14, 22));
    }
    // A different time changes the bytes; the identifier stays.
    let other = epub(&a, &EpubOptions::default());
    assert_ne!(bytes, other);
    let id = |opf: &str| opf.split("urn:uuid:").nth(1).unwrap()[..36].to_owned();
    assert_eq!(id(&opf), id(&unpack(&other).text("OEBPS/content.opf")));
}

#[test]
fn mimetype_comes_first_uncompressed_without_extra_fields() {
    let bytes = epub(
        &article(&fixture("seed-pyongyang-times")),
        &EpubOptions::default(),
    );
    // Local file header: signature, then name length at 26, extra at 28.
    assert_eq!(&bytes[0..4], b"PK\x03\x04");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
    assert_eq!(u16::from_le_bytes([bytes[26], bytes[27]]), 8);
    assert_eq!(
        u16::from_le_bytes([bytes[28], bytes[29]]),
        0,
        "no extra field"
    );
    assert_eq!(&bytes[30..58], b"mimetypeapplication/epub+zip");
}

#[test]
fn package_metadata_is_complete_and_ids_are_unique() {
    let path = fixture("wire-dateline-byline-headings");
    let mut a = article(&path);
    a.authors = vec!["Ann Author".into(), "Ben <Second> & Co".into()];
    a.source_url = Some("https://example.com/story?id=1&x=2".into());
    let u = unpack(&epub(&a, &EpubOptions::default()));
    let opf = u.text("OEBPS/content.opf");
    for needle in [
        "<dc:creator id=\"epub-creator-0\">Ann Author</dc:creator>",
        "<dc:creator id=\"epub-creator-1\">Ben &lt;Second&gt; &amp; Co</dc:creator>",
        "<dc:source>https://example.com/story?id=1&amp;x=2</dc:source>",
        "<dc:language id=\"language\">en</dc:language>",
        "<package xml:lang=\"en\"",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
        "<meta property=\"schema:accessModeSufficient\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
        "<meta property=\"schema:accessibilitySummary\">",
    ] {
        assert!(opf.contains(needle), "OPF lacks {needle}\n{opf}");
    }
    if let Some(d) = a.date {
        assert!(opf.contains(&format!("<dc:date>{}</dc:date>", d.format("%Y-%m-%d"))));
    }
    // Every id in the package document is unique (epub-builder 0.8.3 bug).
    let ids: Vec<&str> = opf
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    // Sections reach the nav and the NCX.
    let nav = u.text("OEBPS/nav.xhtml");
    assert!(nav.contains("article.xhtml#s1"), "{nav}");
    assert!(u.text("OEBPS/toc.ncx").contains("article.xhtml#s1"));
}

#[test]
fn every_xhtml_document_declares_its_language() {
    for path in fixtures() {
        let a = article(&path);
        let u = unpack(&epub(&a, &EpubOptions::default()));
        let tag = a.language.to_string();
        for (name, data) in &u.files {
            if name.ends_with(".xhtml") {
                let s = String::from_utf8_lossy(data);
                let want = format!("lang=\"{tag}\" xml:lang=\"{tag}\"");
                assert!(s.contains(&want), "{}: {name} lacks {want}", stem(&path));
            }
        }
        let opf = u.text("OEBPS/content.opf");
        assert!(opf.contains(&format!("<dc:language id=\"language\">{tag}</dc:language>")));
    }
}

#[test]
fn right_to_left_languages_read_right_to_left() {
    let path = fixture("arabic-rtl");
    let u = unpack(&epub(&article(&path), &EpubOptions::default()));
    let opf = u.text("OEBPS/content.opf");
    assert!(opf.contains("page-progression-direction=\"rtl\""));
    assert!(opf.contains("<package xml:lang=\"ar\" dir=\"rtl\""));
    for name in [
        "OEBPS/article.xhtml",
        "OEBPS/nav.xhtml",
        "OEBPS/cover.xhtml",
    ] {
        assert!(u.text(name).contains("dir=\"rtl\""), "{name}");
    }
    let ltr = unpack(&epub(
        &article(&fixture("seed-pyongyang-times")),
        &EpubOptions::default(),
    ));
    assert!(!ltr.text("OEBPS/article.xhtml").contains("dir=\"rtl\""));
}

#[test]
fn markup_characters_and_unsafe_links_are_escaped_or_dropped() {
    let a = Article {
        title: "<script>alert('x')</script> & \"quotes\"".into(),
        language: "en".into(),
        body: vec![Block::Paragraph {
            content: vec![
                Inline::text("a < b > c & d "),
                Inline::Link {
                    text: "click".into(),
                    url: "javascript:alert(1)".into(),
                },
                Inline::text(" "),
                Inline::Link {
                    text: "relative".into(),
                    url: "www.example.com".into(),
                },
                Inline::text(" "),
                Inline::Link {
                    text: "ok".into(),
                    url: "https://example.com/ä b".into(),
                },
            ],
        }],
        ..Default::default()
    };
    let u = unpack(&epub(&a, &EpubOptions::default()));
    let x = u.text("OEBPS/article.xhtml");
    assert!(
        x.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quotes&quot;")
    );
    assert!(x.contains(
        "a &lt; b &gt; c &amp; d click relative <a href=\"https://example.com/%C3%A4%20b\">ok</a>"
    ));
    assert!(!x.contains("javascript:"));
    let text = body_text(&x);
    assert!(missing_in_order(&article_words(&a), &text).is_none());
}

#[test]
fn duplicate_titles_get_distinct_chapters() {
    let one = Article {
        title: "Same".into(),
        language: "en".into(),
        body: vec![
            Block::Heading {
                level: 1,
                content: vec![Inline::text("Part")],
            },
            Block::paragraph("First."),
        ],
        ..Default::default()
    };
    let mut two = one.clone();
    two.body[1] = Block::paragraph("Second.");
    let c = Collection {
        title: "Twins".into(),
        language: "en".into(),
        articles: vec![one, two],
        ..Default::default()
    };
    let mut out = Vec::new();
    write_collection(&c, &EpubOptions::default(), &mut out).unwrap();
    let u = unpack(&out);
    assert_eq!(
        chapters(&u),
        ["OEBPS/chapter-1.xhtml", "OEBPS/chapter-2.xhtml"]
    );
    let nav = u.text("OEBPS/nav.xhtml");
    assert!(nav.contains("href=\"chapter-1.xhtml#s1\""));
    assert!(nav.contains("href=\"chapter-2.xhtml#s1\""));
}

#[test]
fn empty_articles_still_make_a_valid_book() {
    let u = unpack(&epub(&Article::default(), &EpubOptions::default()));
    let opf = u.text("OEBPS/content.opf");
    assert!(opf.contains("<dc:title>Untitled</dc:title>"));
    assert!(opf.contains("<dc:language id=\"language\">und</dc:language>"));
    let mut out = Vec::new();
    write_collection(&Collection::default(), &EpubOptions::default(), &mut out).unwrap();
    assert!(unpack(&out).files.contains_key("OEBPS/title.xhtml"));
}

#[test]
fn posix_locales_never_reach_the_metadata() {
    let a = Article {
        title: "T".into(),
        language: "en_US.UTF-8".into(),
        ..Default::default()
    };
    let opf = unpack(&epub(&a, &EpubOptions::default())).text("OEBPS/content.opf");
    assert!(opf.contains("<dc:language id=\"language\">und</dc:language>"));
    let a = Article {
        language: "pt_br".into(),
        ..a
    };
    let opf = unpack(&epub(&a, &EpubOptions::default())).text("OEBPS/content.opf");
    assert!(opf.contains("<dc:language id=\"language\">pt-BR</dc:language>"));
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn a_user_cover_replaces_the_generated_one() {
    let a = article(&fixture("seed-pyongyang-times"));
    let u = unpack(&epub(
        &a,
        &EpubOptions::default().with_cover_image(PNG.to_vec()),
    ));
    assert_eq!(u.files["OEBPS/cover.png"], PNG);
    assert!(!u.files.contains_key("OEBPS/cover.svg"));
    let opf = u.text("OEBPS/content.opf");
    assert!(opf.contains(
        "<item media-type=\"image/png\" properties=\"cover-image\" id=\"cover-image\" href=\"cover.png\"/>"
    ));
    assert!(u.text("OEBPS/cover.xhtml").contains("src=\"cover.png\""));
}

#[test]
fn a_generated_cover_shows_the_title() {
    let a = article(&fixture("seed-pyongyang-times"));
    let u = unpack(&epub(&a, &EpubOptions::default()));
    let svg = u.text("OEBPS/cover.svg");
    assert!(svg.starts_with("<?xml"));
    let words = folio_check::words(&a.title);
    assert!(missing_in_order(&words, &svg).is_none(), "{svg}");
}

#[test]
fn malformed_covers_are_errors_not_panics() {
    let a = article(&fixture("seed-pyongyang-times"));
    for bad in [
        &b""[..],
        b"GIF89a",
        &PNG[..20],
        b"\xFF\xD8\xFF",
        b"<svg><unclosed></svg>",
        b"plain text",
    ] {
        let opts = EpubOptions::default().with_cover_image(bad.to_vec());
        let err = write(&a, &opts, &mut Vec::new()).unwrap_err();
        assert!(matches!(err, Error::Cover(_)), "{bad:?}: {err}");
    }
    let opts = EpubOptions::default().with_cover("/nonexistent/cover.png");
    let err = write(&a, &opts, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, Error::CoverRead { .. }), "{err}");
    assert!(err.to_string().contains("/nonexistent/cover.png"), "{err}");
}

fn snapshot_of(path: &std::path::Path) -> String {
    let u = unpack(&epub(&article(path), &EpubOptions::default()));
    let mut s = String::new();
    for name in [
        "OEBPS/content.opf",
        "OEBPS/nav.xhtml",
        "OEBPS/article.xhtml",
    ] {
        s.push_str(&format!("=== {name} ===\n"));
        s.push_str(&u.text(name));
    }
    s
}

#[test]
fn snapshots_pin_opf_nav_and_chapter() {
    for name in [
        "seed-pyongyang-times",
        "arabic-rtl",
        "wire-dateline-byline-headings",
    ] {
        let path = fixture(name);
        let snap = snapshot_of(&path);
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../../snapshots"),
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(format!("epub__{name}"), snap);
        });
    }
}

#[test]
fn a_chapter_in_another_language_is_marked_in_the_nav() {
    let c = Collection {
        title: "Mixed".into(),
        language: "en".into(),
        articles: vec![
            article(&fixture("seed-pyongyang-times")),
            article(&fixture("arabic-rtl")),
        ],
        ..Default::default()
    };
    let mut out = Vec::new();
    write_collection(&c, &EpubOptions::default(), &mut out).unwrap();
    let u = unpack(&out);
    let nav = u.text("OEBPS/nav.xhtml");
    assert!(nav.contains("<li><a href=\"chapter-1.xhtml\">"), "{nav}");
    assert!(
        nav.contains("<li lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\"><a href=\"chapter-2.xhtml\">"),
        "{nav}"
    );
    let ch2 = u.text("OEBPS/chapter-2.xhtml");
    assert!(ch2.contains("lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\""));
    let opf = u.text("OEBPS/content.opf");
    assert!(opf.contains("<package xml:lang=\"en\" version"));
}

/// A long book in date order: the nav and the NCX nest year > month >
/// article as the core's `Contents` says, same titles carry their date (and
/// an ordinal where dates collide), chapter files are padded to the width
/// of the article count, and a group's navPoint shares its first article's
/// playOrder.
#[test]
fn a_long_book_in_date_order_has_grouped_distinguishable_contents() {
    use folio_core::ArticleOrder;
    let articles: Vec<Article> = (0..120u32)
        .map(|i| Article {
            title: if i % 3 == 0 {
                "Press Review".into()
            } else {
                format!("Story {i}")
            },
            language: "en".into(),
            date: chrono::NaiveDate::from_ymd_opt(
                2014 + (i / 60) as i32,
                1 + (i % 60) / 10,
                1 + (i % 10) / 4,
            ),
            body: vec![Block::paragraph(format!("Text {i}."))],
            ..Default::default()
        })
        .collect();
    let c = Collection {
        title: "Long".into(),
        language: "en".into(),
        articles,
        order: ArticleOrder::Date,
        ..Default::default()
    };
    let mut out = Vec::new();
    write_collection(&c, &EpubOptions::default(), &mut out).unwrap();
    let u = unpack(&out);
    let names = chapters(&u);
    assert_eq!(names.first().unwrap(), "OEBPS/chapter-001.xhtml");
    assert_eq!(names.last().unwrap(), "OEBPS/chapter-120.xhtml");
    let nav: String = u.text("OEBPS/nav.xhtml").split('\n').collect();
    assert!(
        nav.contains("<ol><li><span>2014</span><ol><li><span>January 2014</span><ol><li><a href=\"chapter-001.xhtml\">Press Review (1 January 2014, 1)</a></li>"),
        "{nav}"
    );
    assert!(nav.contains("<li><span>2015</span><ol><li><span>January 2015</span>"));
    // Articles 0 and 3 share title and date: an ordinal; article 6 is the
    // only "Press Review" of its day: the date alone.
    assert!(nav.contains(">Press Review (1 January 2014, 2)<"), "{nav}");
    assert!(nav.contains(">Press Review (2 January 2014)<"), "{nav}");
    assert!(nav.contains(">Story 1<"), "{nav}");
    let ncx = u.text("OEBPS/toc.ncx");
    assert!(ncx.contains("<meta name=\"dtb:depth\" content=\"3\"/>"));
    // The year, the month and the first article lead to the same file.
    let orders: Vec<&str> = ncx
        .split("playOrder=\"")
        .skip(1)
        .take(4)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(orders, ["1", "1", "1", "2"]);
    assert_eq!(ncx.matches("<navPoint ").count(), 120 + 2 + 12);
}

/// The generated cover is an SVG (the cover page) and its PNG rendering,
/// declared `cover-image`: the PNG decodes, at 1200 × 1800.
#[test]
fn the_generated_cover_has_a_raster_cover_image() {
    let a = article(&fixture("seed-pyongyang-times"));
    let u = unpack(&epub(&a, &EpubOptions::default()));
    let opf = u.text("OEBPS/content.opf");
    assert!(
        opf.contains("<item media-type=\"image/png\" properties=\"cover-image\" id=\"cover-image\" href=\"cover.png\"/>"),
        "{opf}"
    );
    assert!(opf.contains("href=\"cover.svg\""));
    assert!(u.text("OEBPS/cover.xhtml").contains("src=\"cover.svg\""));
    let png =
        resvg::tiny_skia::Pixmap::decode_png(&u.files["OEBPS/cover.png"]).expect("PNG decodes");
    assert_eq!((png.width(), png.height()), (1200, 1800));
    // Not blank: the title is drawn in dark ink on the paper colour.
    let dark = png
        .pixels()
        .iter()
        .filter(|p| p.red() < 80 && p.alpha() == 255)
        .count();
    assert!(dark > 10_000, "{dark} dark pixels");
}

/// Visible text of an XHTML or SVG document (text nodes of its body or
/// root), without markup or attributes.
fn visible_text(doc: &str) -> String {
    let body = doc.split_once("<body").map(|(_, b)| b).unwrap_or(doc);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// No raw date string (`Date created : 2015-05-12`, `[Juche113.6.11.]`,
/// `2023-11-17T00:00:00`) is shown on a cover, a title page or under an
/// article's title, for every fixture and dev-corpus article; a parsed date
/// is shown formatted, and the raw text stays in the chapter's metadata.
#[test]
fn raw_dates_never_reach_covers_or_title_blocks() {
    let inputs = all_inputs();
    let mut checked = 0;
    for path in &inputs {
        let a = article(path);
        let u = unpack(&epub(&a, &EpubOptions::default()));
        let chapter = u.text("OEBPS/article.xhtml");
        let header = chapter
            .split_once("<header")
            .and_then(|(_, h)| h.split_once("</header>"))
            .map(|(h, _)| format!("<body>{h}"))
            .unwrap_or_default();
        let shown = [
            visible_text(&header),
            visible_text(&u.text("OEBPS/cover.svg")),
        ]
        .join("\n");
        let formatted = folio_core::meta::display_date(&a).map(|d| d.text);
        if let Some(f) = &formatted {
            assert!(
                shown.contains(f.as_str()),
                "{}: {f:?} not shown",
                path.display()
            );
        }
        if let Some(raw) = &a.date_text {
            let raw = raw.trim();
            // A raw text that reads exactly like the formatted date is not raw.
            if formatted.as_deref().is_some_and(|f| f.contains(raw)) {
                continue;
            }
            assert!(
                !shown.contains(raw),
                "{}: raw date {raw:?} shown",
                path.display()
            );
            let escaped = quick_xml::escape::escape(raw);
            assert!(
                chapter.contains(&format!(
                    "<meta name=\"dcterms.date\" content=\"{escaped}\"/>"
                )),
                "{}: raw date {raw:?} not kept in the metadata",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} articles had a raw date text");
    // A book's cover and title page: the book's date, formatted.
    let c = collection(&inputs);
    let mut out = Vec::new();
    write_collection(&c, &EpubOptions::default(), &mut out).unwrap();
    let u = unpack(&out);
    let shown = [
        visible_text(&u.text("OEBPS/title.xhtml")),
        visible_text(&u.text("OEBPS/cover.svg")),
    ]
    .join("\n");
    for a in &c.articles {
        if let Some(raw) = a.date_text.as_deref().map(str::trim) {
            let f = folio_core::meta::display_date(a)
                .map(|d| d.text)
                .unwrap_or_default();
            if !f.contains(raw) {
                assert!(!shown.contains(raw), "book shows raw date {raw:?}");
            }
        }
    }
    let m = folio_core::Metadata::of_collection(&c, None);
    let f = folio_core::labels::format_date(m.date.unwrap(), &m.language).text;
    assert!(shown.contains(&f), "book date {f:?} not shown");
}

/// Dark pixels of a cover PNG (the title's ink).
fn dark_pixels(u: &common::Unpacked) -> usize {
    let png =
        resvg::tiny_skia::Pixmap::decode_png(&u.files["OEBPS/cover.png"]).expect("PNG decodes");
    png.pixels()
        .iter()
        .filter(|p| p.red() < 80 && p.alpha() == 255)
        .count()
}

/// A Chinese title is drawn on the PNG cover with the font the PDF falls
/// back to (Noto CJK where installed), deterministically; where no font
/// covers it, the writer says so (a warning) instead of drawing nothing.
#[test]
fn a_chinese_title_is_drawn_on_the_png_cover_or_reported() {
    let a = folio_core::parse::parse(
        "朝鲜劳动党中央委员会全体会议在平壤举行\n\n会议讨论了今年的工作。",
        &Default::default(),
    )
    .unwrap()
    .article;
    assert!(a.authors.is_empty() && a.byline.is_none());
    let bytes = epub(&a, &EpubOptions::default());
    let u = unpack(&bytes);
    let warnings = folio_epub::cover_diagnostics(&a, &EpubOptions::default());
    let cjk_font_installed = std::process::Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty());
    if warnings.is_empty() {
        // Drawn: the title's ink, as much as a Latin title of that size.
        let dark = dark_pixels(&u);
        assert!(
            dark > 10_000,
            "the Chinese title was not drawn: {dark} dark pixels"
        );
    } else {
        assert!(!cjk_font_installed, "a CJK font is installed but not used");
        assert!(
            warnings[0].message.contains("PNG cover"),
            "{:?}",
            warnings[0]
        );
    }
    // The same bytes again (the font choice is deterministic).
    assert!(epub(&a, &EpubOptions::default()) == bytes);
}

/// Characters no font covers are named in a warning.
#[test]
fn uncovered_cover_characters_are_reported() {
    let mut a = article(&fixture("seed-pyongyang-times"));
    a.title = "Title \u{F0000}".into();
    let w = folio_epub::cover_diagnostics(&a, &EpubOptions::default());
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains('\u{F0000}'), "{}", w[0].message);
    let latin = article(&fixture("seed-pyongyang-times"));
    assert!(folio_epub::cover_diagnostics(&latin, &EpubOptions::default()).is_empty());
}
