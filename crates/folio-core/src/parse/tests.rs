use super::*;

fn p(s: &str) -> Parsed {
    parse(s, &ParseOptions::default()).unwrap()
}

fn kinds(a: &Article) -> Vec<&'static str> {
    a.body.iter().map(Block::kind_name).collect()
}

#[test]
fn empty_and_blank_inputs_are_errors() {
    assert!(matches!(
        parse("", &ParseOptions::default()),
        Err(Error::Empty)
    ));
    assert!(matches!(
        parse(" \n\u{a0}\n\t\n", &ParseOptions::default()),
        Err(Error::Blank)
    ));
}

#[test]
fn title_only() {
    let a = p("Just a title").article;
    assert_eq!(a.title, "Just a title");
    assert!(a.body.is_empty());
}

#[test]
fn date_line_above_title() {
    let a = p("March 1, 2024\n\nThe headline\n\nText of the story.\n").article;
    assert_eq!(a.title, "The headline");
    assert_eq!(a.date.unwrap().to_string(), "2024-03-01");
}

#[test]
fn header_fields_in_any_order() {
    let a = p(
        "Headline here\n\n22 Dec 2016\n\nby Lucas Nolan\n\nEXCLUSIVE\n\nBody text starts here.\n",
    )
    .article;
    assert_eq!(a.date.unwrap().to_string(), "2016-12-22");
    assert_eq!(a.authors, ["Lucas Nolan"]);
    assert_eq!(a.byline.as_deref(), Some("by Lucas Nolan"));
    assert_eq!(a.kicker.as_deref(), Some("EXCLUSIVE"));
    assert_eq!(a.paragraph_count(), 1);
}

#[test]
fn update_stamp_is_kept_apart() {
    let a =
        p("T\n\nPublished March 1, 2024\n\nUpdated March 2, 2024 10:00 AM ET\n\nBody.\n").article;
    assert_eq!(a.date.unwrap().to_string(), "2024-03-01");
    assert_eq!(
        a.updated_text.as_deref(),
        Some("Updated March 2, 2024 10:00 AM ET")
    );
}

#[test]
fn lead_photo_caption_credit_and_standfirst() {
    let a = p("Title\n\nA cat on a roof.\n\n(Photo: Jane Doe)\n\nThe standfirst sums up the story.\n\nFirst paragraph.\n\nSecond paragraph.\n").article;
    assert_eq!(kinds(&a)[..2], ["caption", "caption"]);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("The standfirst sums up the story.")
    );
    assert_eq!(a.paragraph_count(), 2);
}

#[test]
fn wire_dateline_is_recorded_and_text_kept() {
    let a = p("T\n\nWASHINGTON (AP) — Lawmakers met.\n").article;
    let d = a.dateline.as_ref().unwrap();
    assert_eq!(
        (d.place.as_deref(), d.agency.as_deref()),
        (Some("WASHINGTON"), Some("AP"))
    );
    assert!(a.body[0].plain_text().starts_with("WASHINGTON (AP) — "));
}

#[test]
fn headings_lists_quotes_code() {
    let text = "T\n\nIntro paragraph here.\n\nA section heading\n\nText under it.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted line\n> continues\n\nint main() {\n  return 0;\n}\n\nEnd.\n";
    let a = p(text).article;
    assert_eq!(
        kinds(&a),
        [
            "paragraph",
            "heading",
            "paragraph",
            "list",
            "list",
            "quote",
            "code",
            "paragraph"
        ]
    );
    match &a.body[3] {
        Block::List {
            ordered: false,
            items,
            ..
        } => assert_eq!(plain_text(&items[1].content), "two"),
        other => panic!("{other:?}"),
    }
    match &a.body[4] {
        Block::List {
            ordered: true,
            start: None,
            items,
        } => assert_eq!(items.len(), 2),
        other => panic!("{other:?}"),
    }
    match &a.body[5] {
        Block::Quote { blocks } => assert_eq!(blocks[0].plain_text(), "quoted line continues"),
        other => panic!("{other:?}"),
    }
    match &a.body[6] {
        Block::Code { text } => assert_eq!(text, "int main() {\n  return 0;\n}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn numbered_heading_is_not_a_one_item_list() {
    let a = p("T\n\nIntro.\n\n2. AI speeds up onboarding\n\nMore text here.\n").article;
    assert_eq!(kinds(&a), ["paragraph", "heading", "paragraph"]);
}

#[test]
fn unbulleted_list_after_label() {
    let a = p(
        "T\n\nIntro text.\n\nWhat You'll Need:\n\nCloche\n\nRuler\n\nSpoon\n\nStep 1\n\nDo it.\n",
    )
    .article;
    assert_eq!(
        kinds(&a),
        ["paragraph", "heading", "list", "heading", "paragraph"]
    );
}

#[test]
fn notes_captions_and_related_links() {
    let text = "T\n\nBody.\n\nA bridge at dusk (Reuters)\n\nReporting by Jane Doe; editing by Sam Roe.\n\nRead more:\n\nFirst related story\n\nSecond related story\n";
    let a = p(text).article;
    assert_eq!(
        kinds(&a),
        ["paragraph", "caption", "note", "note", "note", "note"]
    );
    assert!(matches!(
        a.body[2],
        Block::Note {
            kind: NoteKind::Credit,
            ..
        }
    ));
    assert!(matches!(
        a.body[5],
        Block::Note {
            kind: NoteKind::Related,
            ..
        }
    ));
}

#[test]
fn date_after_body_is_a_note_and_the_date() {
    let a = p("T\n\nText by NEWS WIRES\n\nBody one.\n\nBody two.\n\nDate created : 2015-05-12\n")
        .article;
    assert_eq!(a.date.unwrap().to_string(), "2015-05-12");
    assert!(matches!(
        a.body.last(),
        Some(Block::Note {
            kind: NoteKind::Date,
            ..
        })
    ));
    assert_eq!(a.authors, ["NEWS WIRES"]);
}

#[test]
fn footer_copyright_and_site() {
    let a = p("T\n\nBody.\n\n\n© 2024 Example News. All rights reserved.\n").article;
    let c = a.copyright.unwrap();
    assert_eq!(
        (c.year, c.holder.as_deref()),
        (Some(2024), Some("Example News"))
    );
    assert_eq!(a.footer.len(), 1);
    assert!(a.body.iter().all(|b| !b.plain_text().contains('©')));
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let text = "T\n\nThis paragraph was wrapped at a fixed width by\nthe program that copied it, so each line ends\nbefore the margin.\nA new paragraph starts here after a short line\nand goes on.\n";
    let a = p(text).article;
    assert_eq!(a.paragraph_count(), 2);
    assert!(a.body[0].plain_text().ends_with("before the margin."));
}

#[test]
fn long_lines_without_blank_lines_are_paragraphs() {
    let long = "word ".repeat(40);
    let text = format!("T\n{long}end one.\n{long}end two.\n{long}end three.\n");
    assert_eq!(p(&text).article.paragraph_count(), 3);
}

#[test]
fn crlf_bom_nbsp_and_controls() {
    let parsed = p("\u{feff}T\r\n\r\nA\u{7}B paragraph.\u{a0}\r\n");
    assert_eq!(parsed.article.body[0].plain_text(), "AB paragraph.");
    assert_eq!(parsed.diagnostics[0].line, Some(3));
}

#[test]
fn front_matter_overrides_and_keeps_text() {
    let a = p("---\ntitle: Real\ndate: 2022-09-24\nauthors: [A B, C D]\nlang: en-GB\n---\nSHOUTED HEADLINE\n\nBody.\n").article;
    assert_eq!(a.title, "Real");
    assert_eq!(a.authors, ["A B", "C D"]);
    assert_eq!(a.language, "en-GB");
    // The text's own first line is not lost.
    assert!(a.all_text().iter().any(|t| t == "SHOUTED HEADLINE"));
}

#[test]
fn bad_front_matter_date_is_an_error_with_line() {
    let e = parse("---\ndate: someday\n---\nT\n", &ParseOptions::default()).unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
}

#[test]
fn ambiguous_numeric_date_warns() {
    let parsed = p("T\n\n03/04/2023\n\nBody.\n");
    assert_eq!(parsed.article.date.unwrap().to_string(), "2023-03-04");
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("ambiguous") && d.line == Some(3))
    );
    let day_first = parse(
        "T\n\n03/04/2023\n\nBody.\n",
        &ParseOptions {
            date_order: DateOrder::DayFirst,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(day_first.article.date.unwrap().to_string(), "2023-04-03");
}

#[test]
fn every_input_word_reaches_the_model() {
    for text in [
        "T\n\nBy A B\n\nMarch 1, 2024\n\nP one.\n\n- li\n\n> q\n\nx = 1;\ny = 2;\n\n\n© 2024 X",
        "Title\nMarch 1, 2024\nBy Somebody Else\nUnseparated paragraph one is here.\nAnd two.",
    ] {
        let a = p(text).article;
        // Header fields may be stored in another order than they were
        // written; every word must still be there, as often as in the input.
        let mut expected = crate::textcheck::words(text);
        let mut got = crate::textcheck::words(&a.all_text().join("\n"));
        expected.sort();
        got.sort();
        for w in &expected {
            let i = got.iter().position(|g| g == w);
            assert!(i.is_some(), "word '{w}' lost from {text:?}");
            got.remove(i.unwrap());
        }
    }
}

#[test]
fn section_label_above_the_title() {
    let a = p("Politics\n\nSenate passes the budget bill after an all-night session\n\nBy Jane Doe\n\nThe Senate voted early on Friday.\n").article;
    assert_eq!(a.kicker.as_deref(), Some("Politics"));
    assert_eq!(
        a.title,
        "Senate passes the budget bill after an all-night session"
    );
    assert_eq!(a.authors, ["Jane Doe"]);
}

#[test]
fn one_word_title_is_still_the_title() {
    let a = p("Consenso\n\nMarch 1, 2024\n\nBody text.\n").article;
    assert_eq!(a.title, "Consenso");
    assert_eq!(a.kicker, None);
}

#[test]
fn byline_at_the_end() {
    let a =
        p("Title\n\nMarch 1, 2024\n\nBody one.\n\nBody two.\n\nBy Jane Doe and John Roe\n").article;
    assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(a.paragraph_count(), 2);
    assert!(matches!(
        a.body.last(),
        Some(Block::Note {
            kind: NoteKind::Credit,
            ..
        })
    ));
}

#[test]
fn embedded_tweets_are_quotes() {
    let text = "Title\n\nIntro paragraph here.\n\nJust landed in Paris for the summit! pic.twitter.com/abc123\n\n— Jane Doe (@janedoe) March 17, 2023\n\nMore text.\n\nBoth in one block here. — John Roe (@jroe) 19 Nov 2019\n";
    let a = p(text).article;
    assert_eq!(kinds(&a), ["paragraph", "quote", "paragraph", "quote"]);
    match &a.body[1] {
        Block::Quote { blocks } => {
            assert_eq!(blocks.len(), 2);
            assert!(blocks[1].plain_text().contains("(@janedoe)"));
        }
        other => panic!("{other:?}"),
    }
}
