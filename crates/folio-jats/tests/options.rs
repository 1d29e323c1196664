//! Options, also read from key/value pairs (serde): flavours, journal metadata from
//! options or from the article, option errors, determinism.

mod common;

use common::{article, fixtures, jats, read, root};
use folio_core::Article;
use folio_jats::{Error, Flavor, JatsOptions};

fn seed() -> Article {
    article(&root().join("fixtures/seed-pyongyang-times.txt"))
}

/// Options from `jats.KEY=VALUE` pairs, read as the driver reads them: by
/// the options struct's `Deserialize`.
fn settings(pairs: &[(&str, &str)]) -> Result<JatsOptions, String> {
    let map: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .map(|(k, v)| (k.trim_start_matches("jats.").to_string(), (*v).into()))
        .collect();
    serde_json::from_value(map.into()).map_err(|e| e.to_string())
}

fn via_writer(a: &Article, s: &Result<JatsOptions, String>) -> Result<String, String> {
    let opts = s.clone()?;
    let mut out = Vec::new();
    folio_jats::write(a, &opts, &mut out).map_err(|e| e.to_string())?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn doctype_names_the_flavour() {
    let a = seed();
    let archiving = via_writer(&a, &Ok(JatsOptions::default())).unwrap();
    assert!(archiving.contains(
        "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.3 20210610//EN\""
    ));
    let publishing = via_writer(
        &a,
        &settings(&[("jats.flavor", "publishing"), ("jats.issn", "0317-8471")]),
    )
    .unwrap();
    assert!(publishing.contains(
        "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN\""
    ));
    assert_ne!(archiving, publishing);
}

#[test]
fn journal_meta_comes_from_options() {
    let a = seed();
    let s = settings(&[
        ("jats.flavor", "publishing"),
        ("jats.journal-id", "pt"),
        ("jats.journal-title", "The Pyongyang Times"),
        ("jats.issn", "0317-8471"),
        ("jats.publisher", "Foreign Languages Publishing House"),
        ("jats.article-type", "editorial"),
    ]);
    let xml = via_writer(&a, &s).unwrap();
    let root = read(&xml);
    assert_eq!(root.attr("article-type"), Some("editorial"));
    let jm = root.child("front").unwrap().child("journal-meta").unwrap();
    assert_eq!(jm.child("journal-id").unwrap().text(), "pt");
    assert_eq!(
        jm.child("journal-title-group").unwrap().text().trim(),
        "The Pyongyang Times"
    );
    let issn = jm.child("issn").unwrap();
    assert_eq!(issn.text(), "0317-8471");
    assert_eq!(issn.attr("publication-format"), Some("electronic"));
    assert_eq!(
        jm.child("publisher").unwrap().text().trim(),
        "Foreign Languages Publishing House"
    );
}

#[test]
fn journal_meta_defaults_come_from_the_article() {
    let a = seed();
    let xml = jats(&a, &JatsOptions::default());
    let root = read(&xml);
    let jm = root.child("front").unwrap().child("journal-meta").unwrap();
    assert_eq!(
        jm.child("journal-id").unwrap().text(),
        "pyongyangtimes.com.kp"
    );
    assert!(jm.child("issn").is_none(), "no ISSN invented in Archiving");

    // Publishing requires a journal-id and an issn (its DTD does): with
    // nothing to take them from, the options are refused, naming the key,
    // instead of a placeholder being written.
    let bare = Article {
        title: "T".into(),
        language: "en".into(),
        ..Default::default()
    };
    let publishing = || JatsOptions::default().with_flavor(Flavor::Publishing);
    let mut out = Vec::new();
    let err = folio_jats::write(&bare, &publishing(), &mut out).unwrap_err();
    assert!(err.to_string().contains("jats.issn"), "{err}");
    let err = folio_jats::write(&bare, &publishing().with_issn("0317-8471"), &mut out).unwrap_err();
    assert!(err.to_string().contains("jats.journal-id"), "{err}");
    assert!(out.is_empty(), "nothing written on an option error");
    let opts = publishing().with_issn("0317-8471").with_journal_id("tj");
    let root = read(&jats(&bare, &opts));
    let jm = root.child("front").unwrap().child("journal-meta").unwrap();
    assert_eq!(jm.child("journal-id").unwrap().text(), "tj");
    assert_eq!(jm.child("issn").unwrap().text(), "0317-8471");
    // Archiving leaves the empty journal-meta out.
    let root = read(&jats(&bare, &JatsOptions::default()));
    assert!(root.child("front").unwrap().child("journal-meta").is_none());
}

#[test]
fn bad_options_are_errors_and_write_nothing() {
    let a = seed();
    for (k, v) in [
        ("jats.flavor", "purple"),
        ("jats.issn", "1234-5678"),
        ("jats.issn", "not an issn"),
        ("jats.isn", "0317-8471"),
    ] {
        let err = via_writer(&a, &settings(&[(k, v)])).unwrap_err();
        assert!(err.contains(v) || err.contains("isn"), "{err}");
    }
    let opts = JatsOptions::default().with_issn("0000-0001");
    let mut out = Vec::new();
    let err = folio_jats::write(&a, &opts, &mut out).unwrap_err();
    assert!(matches!(err, Error::Option { .. }));
    assert!(out.is_empty());
}

#[test]
fn output_is_deterministic() {
    for (_, path) in fixtures() {
        let a = article(&path);
        for flavor in [Flavor::Archiving, Flavor::Publishing] {
            let opts = common::opts(flavor);
            let first = jats(&a, &opts);
            assert_eq!(first, jats(&a.clone(), &opts));
            // The same options read from key=value pairs give the same bytes.
            let mut pairs = vec![("jats.flavor", flavor.name())];
            if flavor == Flavor::Publishing {
                pairs.extend([
                    ("jats.journal-id", "folio-test"),
                    ("jats.issn", "0317-8471"),
                ]);
            }
            let s = settings(&pairs);
            assert_eq!(via_writer(&a, &s).unwrap(), first);
        }
    }
}

/// A write error from the output reaches the caller as `Error::Io`.
#[test]
fn io_errors_are_reported() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = folio_jats::write(&seed(), &JatsOptions::default(), &mut Full).unwrap_err();
    assert!(matches!(err, Error::Io(_)), "{err}");
    assert!(err.to_string().contains("disk full"));
}
