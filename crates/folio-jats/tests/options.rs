//! Options and the `Writer` interface: flavours, journal metadata from
//! options or from the article, option errors, determinism.

mod common;

use common::{article, fixtures, jats, read, root};
use folio_core::{Article, Settings, Writer};
use folio_jats::{Error, Flavor, JatsOptions, JatsWriter, JournalMeta};

fn seed() -> Article {
    article(&root().join("fixtures/seed-pyongyang-times.txt"))
}

fn settings(pairs: &[(&str, &str)]) -> Settings {
    Settings {
        options: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Default::default()
    }
}

fn via_writer(a: &Article, s: &Settings) -> Result<String, folio_core::DynError> {
    let mut out = Vec::new();
    JatsWriter.write_article(a, s, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn doctype_names_the_flavour() {
    let a = seed();
    let archiving = via_writer(&a, &Settings::default()).unwrap();
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
    let publishing = |journal: JournalMeta| JatsOptions::for_journal(Flavor::Publishing, journal);
    let mut out = Vec::new();
    let err = folio_jats::write(&bare, &publishing(JournalMeta::default()), &mut out).unwrap_err();
    assert!(err.to_string().contains("jats.issn"), "{err}");
    let with_issn = JournalMeta {
        issn: Some("0317-8471".into()),
        ..Default::default()
    };
    let err = folio_jats::write(&bare, &publishing(with_issn.clone()), &mut out).unwrap_err();
    assert!(err.to_string().contains("jats.journal-id"), "{err}");
    assert!(out.is_empty(), "nothing written on an option error");
    let root = read(&jats(
        &bare,
        &publishing(JournalMeta {
            id: Some("tj".into()),
            ..with_issn
        }),
    ));
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
    ] {
        let err = via_writer(&a, &settings(&[(k, v)])).unwrap_err();
        assert!(err.to_string().contains(k), "{err}");
    }
    let opts = JatsOptions {
        journal: JournalMeta {
            issn: Some("0000-0001".into()),
            ..Default::default()
        },
        ..Default::default()
    };
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
            // No clock: SOURCE_DATE_EPOCH does not change the output either.
            let mut s = settings(&[
                ("jats.flavor", flavor.name()),
                ("jats.journal-id", "folio-test"),
                ("jats.issn", "0317-8471"),
            ]);
            if flavor == Flavor::Archiving {
                s.options.retain(|k, _| k == "jats.flavor");
            }
            assert_eq!(via_writer(&a, &s).unwrap(), first);
            s.timestamp = Some(1_700_000_000);
            assert_eq!(via_writer(&a, &s).unwrap(), first);
        }
    }
}

#[test]
fn writer_is_registered_under_jats_and_xml() {
    let writers: [&dyn Writer; 1] = [&JatsWriter];
    assert!(folio_core::writer::find(&writers, "jats").is_some());
    assert!(folio_core::writer::find(&writers, ".xml").is_some());
    assert!(!JatsWriter.is_binary());
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
