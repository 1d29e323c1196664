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
    // An agency byline names no person.
    assert!(a.authors.is_empty());
    assert_eq!(a.byline.as_deref(), Some("Text by NEWS WIRES"));
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
        let mut expected = crate::script::words(text);
        let mut got = crate::script::words(&a.all_text().join("\n"));
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

// The hand-written matchers that replaced regular expressions: edge cases,
// then a comparison with the original patterns (the `regex` crate is only a
// dev-dependency) on many generated strings.

mod matchers {
    use super::address::{site_address, site_candidates};
    use super::byline::strip_outlet_tail;
    use super::date::{cjk_date, is_time, iso_date, juche_tag, numeric_date, ymd_dotted};
    use super::markers::{count_flags, has_call_shape, looks_like_code_line};
    use regex::Regex;

    #[test]
    fn times_and_zones() {
        for t in [
            "5:52",
            "10h30",
            "10.30",
            "10:00:00",
            "10:00:00.123",
            "10:00,5",
            "5:52am",
            "5:52a.m.",
            "5:52a.m",
            "5pm",
            "5p.m.",
            "12am",
            "+0900",
            "+09:00",
            "-0330",
            "−0330",
            "gmt",
            "utc",
            "(gmt)",
            "(utc+9)",
            "gmt+09:00",
            "utc-3",
            "utc12:30",
            "gmt+0930",
            "(gmt-5",
            "utc)",
            // `[+-−]` is a range: any character from '+' to '−' starts an offset.
            "10900",
            "a0900",
            "123:45",
            "utc:30",
            "utcz12",
            "gmtx",
        ] {
            assert!(is_time(t), "{t}");
        }
        for t in [
            "",
            "5",
            "5:5",
            "1234:5",
            "5:52:1",
            "5:52 am",
            "5:52x",
            "5xm",
            "5a",
            "+090",
            "+09:000",
            "*0900",
            "gmt+123:45",
            "utc((",
            "(gmt))",
            "gmt*",
            "GMT",
            "5:52AM",
            "(5:52)",
        ] {
            assert!(!is_time(t), "{t}");
        }
    }

    #[test]
    fn date_patterns() {
        assert_eq!(juche_tag("[Juche113.6.11.]"), Some(["113", "6", "11"]));
        assert_eq!(juche_tag("JUCHE 113 6 11"), Some(["113", "6", "11"]));
        assert_eq!(juche_tag("[ juche113. 6. 11 ]"), Some(["113", "6", "11"]));
        assert_eq!(juche_tag("Juche113.6.11.x"), None);
        assert_eq!(juche_tag("Juche1131.6.11"), None);
        assert_eq!(juche_tag("Juche113.6.111"), None);
        assert_eq!(
            iso_date("2019-08-20T09:31:01+09:00 KST"),
            Some(["2019", "08", "20", " KST"])
        );
        assert_eq!(iso_date("2024-6-5"), Some(["2024", "6", "5", ""]));
        assert_eq!(
            iso_date("2024-06-25 10:3"),
            Some(["2024", "06", "25", " 10:3"])
        );
        assert_eq!(
            iso_date("2024-06-25 10:30:5"),
            Some(["2024", "06", "25", ":5"])
        );
        assert_eq!(
            iso_date("2024-06-25T10:30:05.5Z"),
            Some(["2024", "06", "25", ""])
        );
        assert_eq!(
            iso_date("2024-06-25T10:30+09:0"),
            Some(["2024", "06", "25", "+09:0"])
        );
        assert_eq!(iso_date("2024-06-251"), Some(["2024", "06", "25", "1"]));
        assert_eq!(iso_date("2024-06-25\nx"), None);
        assert_eq!(iso_date("24-06-25"), None);
        assert_eq!(ymd_dotted("[2024.09.05.]"), Some(["2024", "09", "05", ""]));
        assert_eq!(
            ymd_dotted("2018 / 9 / 28 ] tail"),
            Some(["2018", "9", "28", " tail"])
        );
        assert_eq!(ymd_dotted("2018.9-28"), None);
        assert_eq!(
            cjk_date("2020年2月19日 10時"),
            Some(["2020", "2", "19", " 10時"])
        );
        assert_eq!(cjk_date("2018년 9월 28일"), Some(["2018", "9", "28", ""]));
        assert_eq!(cjk_date("20200年2月19日"), None);
        let n = numeric_date("25/12/2019 10:00").unwrap();
        assert_eq!(
            (n.a, n.b, n.seps, n.year, n.rest),
            ("25", "12", ['/', '/'], "2019", " 10:00")
        );
        let n = numeric_date("1.2.123").unwrap();
        assert_eq!((n.year, n.rest), ("12", "3"));
        assert_eq!(numeric_date("1/2/3"), None);
    }

    #[test]
    fn code_line_shapes() {
        assert_eq!(count_flags("ls -la --color=auto"), 2);
        assert_eq!(count_flags("-v x --1 - -x ---y a-b"), 2);
        assert!(looks_like_code_line("wasm-opt --strip -O3 add.wasm"));
        assert!(has_call_shape("int main() {"));
        assert!(has_call_shape("f(a, b);"));
        assert!(has_call_shape("if (x)  {"));
        assert!(has_call_shape("}  "));
        assert!(!has_call_shape("(a) b; c"));
        assert!(!has_call_shape("f(a) b;"));
        assert!(!has_call_shape("é(a);"));
    }

    #[test]
    fn site_addresses() {
        assert_eq!(
            site_address("2023 © All rights reserved. www.pyongyangtimes.com.kp").as_deref(),
            Some("http://www.pyongyangtimes.com.kp")
        );
        assert_eq!(
            site_address("See https://example.org/a?b=c, now").as_deref(),
            Some("https://example.org/a?b=c")
        );
        assert_eq!(
            site_address("Snopes.com.").as_deref(),
            Some("http://Snopes.com")
        );
        assert_eq!(site_address("Node.js and add.wasm"), None);
        let all = |s| site_candidates(s).collect::<Vec<_>>();
        assert_eq!(all("a.b1.cd-x.e"), ["a.b1.cd"]);
        assert_eq!(all("foo_bar.com x-y.org"), ["x-y.org"]);
        assert_eq!(all("x -foo.com"), ["foo.com"]);
        assert_eq!(all("x-.foo.com"), ["x-.foo.com"]);
        assert_eq!(all("HTTPS://A.BC/p q"), ["HTTPS://A.BC/p"]);
        assert_eq!(all("http://x"), Vec::<&str>::new());
    }

    #[test]
    fn outlet_tails() {
        assert_eq!(strip_outlet_tail("Jane Doe, AP"), "Jane Doe");
        assert_eq!(strip_outlet_tail("Jane Doe | CNN WIRE"), "Jane Doe");
        assert_eq!(
            strip_outlet_tail("Jane Doe The Associated Press"),
            "Jane Doe"
        );
        assert_eq!(strip_outlet_tail("Jane Doe,Reuters"), "Jane Doe");
        assert_eq!(strip_outlet_tail("Jane Doe -- AP"), "Jane Doe -");
        assert_eq!(strip_outlet_tail("Jane McDONALD"), "Jane McDONALD");
        assert_eq!(strip_outlet_tail("JaneAP"), "JaneAP");
        assert_eq!(strip_outlet_tail("Jane Doe A"), "Jane Doe A");
    }

    #[test]
    fn character_limits() {
        use super::text::more_chars_than;
        for t in [
            "",
            "abc",
            "ab\u{e9}",
            "\u{4e2d}\u{6587}",
            "\u{1f600}\u{1f600}x",
            "  a  ",
        ] {
            for n in 0..8 {
                assert_eq!(more_chars_than(t, n), t.chars().count() > n, "{t:?} {n}");
            }
        }
        let long = "\u{4e2d}".repeat(100);
        assert!(more_chars_than(&long, 99) && !more_chars_than(&long, 100));
    }

    /// A small deterministic generator of test strings.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn string(&mut self, alphabet: &[&str], max: usize) -> String {
            let n = (self.next() % (max as u64 + 1)) as usize;
            (0..n)
                .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
                .collect()
        }
    }

    /// Pieces the date patterns react to.
    const DATE_PIECES: &[&str] = &[
        "0", "1", "2", "9", "12", "2024", "-", ".", "/", ":", ",", " ", "\t", "\u{a0}", "\n", "T",
        "Z", "+", "−", "a", "p", "m", "h", "[", "]", "(", ")", "juche", "Juche", "JUCHE", "gmt",
        "utc", "年", "년", "月", "월", "日", "일", "x", "ſ", "K",
    ];

    fn caps<'a>(re: &Regex, s: &'a str) -> Option<Vec<&'a str>> {
        re.captures(s).map(|c| {
            c.iter()
                .skip(1)
                .map(|m| m.map_or("", |m| m.as_str()))
                .collect()
        })
    }

    #[test]
    fn date_patterns_agree_with_their_regexes() {
        let time = Regex::new(r"^(?:[0-9]{1,2}[:h.][0-9]{2}(?::[0-9]{2})?(?:[.,][0-9]+)?(?:[ap]\.?m\.?)?|[0-9]{1,2}[ap]\.?m\.?|[+-−][0-9]{2}:?[0-9]{2}|\(?(?:gmt|utc)[+-−]?[0-9]{0,2}(?::?[0-9]{2})?\)?)$").unwrap();
        let iso = Regex::new(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?(.*)$").unwrap();
        let juche = Regex::new(
            r"(?i)^\[?\s*juche\s*([0-9]{1,3})[.\s]\s*([0-9]{1,2})[.\s]\s*([0-9]{1,2})\.?\s*\]?$",
        )
        .unwrap();
        let dotted = Regex::new(
            r"^\[?\s*([0-9]{4})\s*[./]\s*([0-9]{1,2})\s*[./]\s*([0-9]{1,2})\s*\.?\s*\]?(.*)$",
        )
        .unwrap();
        let cjk = Regex::new(
            r"^([0-9]{2,4})\s*[年년]\s*([0-9]{1,2})\s*[月월]\s*([0-9]{1,2})\s*[日일]?(.*)$",
        )
        .unwrap();
        let numeric = Regex::new(
            r"^([0-9]{1,2})\s*([./-])\s*([0-9]{1,2})\s*([./-])\s*([0-9]{4}|[0-9]{2})\.?(.*)$",
        )
        .unwrap();
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        let prefixes = [
            "",
            "2024-06-25",
            "2024.6.5",
            "25/12/",
            "12",
            "[Juche113.",
            "[Juche113.6.",
            "juche 1 2",
            "2020年2月",
            "5:",
            "(gmt",
        ];
        // How many strings each pattern matched: the comparison must see both
        // answers.
        let mut hits = [0usize; 6];
        for _ in 0..60_000 {
            let s = prefixes[(g.next() % prefixes.len() as u64) as usize].to_owned()
                + &g.string(DATE_PIECES, 10);
            assert_eq!(is_time(&s), time.is_match(&s), "time {s:?}");
            assert_eq!(
                juche_tag(&s).map(Vec::from),
                caps(&juche, &s),
                "juche {s:?}"
            );
            assert_eq!(iso_date(&s).map(Vec::from), caps(&iso, &s), "iso {s:?}");
            assert_eq!(
                ymd_dotted(&s).map(Vec::from),
                caps(&dotted, &s),
                "dotted {s:?}"
            );
            assert_eq!(cjk_date(&s).map(Vec::from), caps(&cjk, &s), "cjk {s:?}");
            let n = numeric_date(&s).map(|n| {
                vec![
                    n.a.to_owned(),
                    n.seps[0].to_string(),
                    n.b.to_owned(),
                    n.seps[1].to_string(),
                    n.year.to_owned(),
                    n.rest.to_owned(),
                ]
            });
            let r = caps(&numeric, &s).map(|v| v.into_iter().map(str::to_owned).collect());
            assert_eq!(n, r, "numeric {s:?}");
            for (k, re) in [&time, &juche, &iso, &dotted, &cjk, &numeric]
                .iter()
                .enumerate()
            {
                hits[k] += usize::from(re.is_match(&s));
            }
        }
        assert!(hits.iter().all(|&h| h > 50), "{hits:?}");
    }

    #[test]
    fn rule_patterns_agree_with_their_regexes() {
        let flag = Regex::new(r"(?:^| )--?[A-Za-z][A-Za-z0-9_-]*").unwrap();
        let call = Regex::new(r"[A-Za-z0-9_]\([^)]*\) *[{;]|\) *\{|\} *$").unwrap();
        let site = Regex::new(r"(?i)(?-u:\b)((?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?)").unwrap();
        let outlet = Regex::new(r"(?:\s*[,|·–—-]\s*|\s+)(?:[A-Z]{2,}(?:\s+[A-Z]{2,})?|The Associated Press|Associated Press|Reuters|Bloomberg|The Washington Post|The New York Times)$").unwrap();
        const PIECES: &[&str] = &[
            "a",
            "b",
            "x1",
            "Z",
            "_",
            "-",
            "--",
            ".",
            ".",
            "com",
            "kp",
            "www.",
            "http://",
            "HTTPS://",
            "httpſ://",
            "/",
            " ",
            " ",
            "\t",
            "\u{a0}",
            "(",
            ")",
            "{",
            "}",
            ";",
            ",",
            "|",
            "·",
            "–",
            "—",
            "AP",
            "CNN",
            "A",
            "Reuters",
            "The Associated Press",
            "Associated Press",
            "Bloomberg",
            "é",
            "K",
            "ſ",
            "中",
            "@",
            "=",
        ];
        let mut g = Gen(0xD1B5_4A32_D192_ED03);
        let mut hits = [0usize; 4];
        for _ in 0..60_000 {
            let s = g.string(PIECES, 12);
            assert_eq!(count_flags(&s), flag.find_iter(&s).count(), "flags {s:?}");
            assert_eq!(has_call_shape(&s), call.is_match(&s), "call {s:?}");
            let found: Vec<&str> = site.find_iter(&s).map(|m| m.as_str()).collect();
            assert_eq!(site_candidates(&s).collect::<Vec<_>>(), found, "site {s:?}");
            assert_eq!(
                strip_outlet_tail(&s),
                outlet.replace(&s, ""),
                "outlet {s:?}"
            );
            for (k, re) in [&flag, &call, &site, &outlet].iter().enumerate() {
                hits[k] += usize::from(re.is_match(&s));
            }
        }
        assert!(hits.iter().all(|&h| h > 50), "{hits:?}");
    }
}

// The single-line rules, one topic module each.
mod rule_functions {
    use super::super::{byline::*, caption::*, dateline::*, footer::*, markers::*, notes::*};

    #[test]
    fn bylines() {
        assert_eq!(
            byline_names("By Erin Cunningham", false).unwrap(),
            ["Erin Cunningham"]
        );
        assert_eq!(
            byline_names("By Leigh Ann Caldwell CNN", false).unwrap(),
            ["Leigh Ann Caldwell"]
        );
        // A desk or agency byline names no person.
        assert_eq!(byline_names("Text by NEWS WIRES", false), None);
        assert!(desk_byline("Text by NEWS WIRES"));
        assert_eq!(
            byline_names("by Lucas Nolan", false).unwrap(),
            ["Lucas Nolan"]
        );
        assert_eq!(
            byline_names("By Jane Doe and John Roe", false).unwrap(),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("By Jane Doe, Reuters", false).unwrap(),
            ["Jane Doe"]
        );
        assert_eq!(
            byline_names("Mark Di Stefano", true).unwrap(),
            ["Mark Di Stefano"]
        );
        assert_eq!(
            byline_names("By the time they arrived, it was over.", false),
            None
        );
        assert_eq!(byline_names("EXCLUSIVE", true), None);
        assert_eq!(byline_names("Consenso", true), None);
    }

    #[test]
    fn tweets() {
        assert_eq!(
            tweet_attribution("— Jane Doe (@janedoe) March 17, 2023"),
            Some(true)
        );
        assert_eq!(
            tweet_attribution(
                "Landed in Paris! pic.twitter.com/x — Jane Doe (@jane_d) March 17, 2023"
            ),
            Some(false)
        );
        assert_eq!(tweet_attribution("— Jane Doe, at the meeting"), None);
    }

    #[test]
    fn datelines() {
        let d = dateline("WASHINGTON (CNN) — Not everyone").unwrap();
        assert_eq!(d.place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.agency.as_deref(), Some("CNN"));
        let d = dateline("SEOUL, Aug. 20 (Yonhap) -- North Korea's").unwrap();
        assert_eq!(d.text, "SEOUL, Aug. 20 (Yonhap) --");
        let d = dateline("Pyongyang, October 24 (KCNA) -- Following").unwrap();
        assert_eq!(d.place.as_deref(), Some("Pyongyang"));
        assert!(dateline("CAIRO — Gunmen opened fire").is_some());
        assert!(dateline("Chairman Kim Jong Il met President - yes").is_none());
        assert_eq!(
            dateline("【6月18日 AFP】ナイジェリア")
                .unwrap()
                .agency
                .as_deref(),
            Some("AFP")
        );
    }

    #[test]
    fn copyright_lines() {
        let c = copyright("2023 © All rights reserved. www.pyongyangtimes.com.kp").unwrap();
        assert_eq!(c.year, Some(2023));
        assert_eq!(c.holder.as_deref(), Some("pyongyangtimes.com.kp"));
        let c = copyright("© KCNA www.kcna.kp").unwrap();
        assert_eq!(c.holder.as_deref(), Some("KCNA"));
        let c = copyright("Copyright 2019-2024 The Example Times").unwrap();
        assert_eq!(c.year, Some(2024));
        assert_eq!(c.holder.as_deref(), Some("The Example Times"));
    }

    #[test]
    fn credits_and_captions() {
        assert!(credit_line("(Bild: Hersteller)").is_some());
        assert!(credit_line("JIM WATSON/AFP/Getty Images").is_some());
        assert!(credit_line("Facebook").is_some());
        assert!(credit_line("West Merica Police").is_some());
        assert!(credit_line("Consenso").is_none());
        assert!(caption_with_credit("Glass cloche terrariums (Lucy Akins)").is_some());
        assert!(caption_with_credit("He came back (and left).").is_none());
        assert!(note_kind("(FRANCE 24 with AFP, REUTERS)").is_some());
        assert!(note_kind("（编辑：严玉洁 王辉）").is_some());
        assert!(note_kind("【责任编辑：严玉洁】").is_some());
        assert!(note_kind("Heba Habib contributed to this report.").is_some());
        assert!(note_kind("[Read: Why Tunisia suffers]").is_some());
    }

    #[test]
    fn bullets_and_short_lines() {
        assert_eq!(
            bullet_marker("- A show took place."),
            Some((false, None, 2))
        );
        assert_eq!(bullet_marker("2. AI speeds up"), Some((true, Some(2), 3)));
        assert_eq!(bullet_marker("-0-"), None);
        assert!(is_short_line("Rodong Sinmun"));
        assert!(is_short_line(
            "Is Ulji Freedom Shield \"defensive\" and \"transparent\""
        ));
        assert!(!is_short_line("His words were very meaningful."));
        assert!(is_short_line("中美合作共赢是大势所趋"));
    }

    #[test]
    fn code_lines() {
        assert!(looks_like_code_line("emcc -O3 add.c -o add.wasm"));
        assert!(looks_like_code_line(
            "wasm   =>   function musl_writev(..) { .. console.log(..) .. }"
        ));
        assert!(!looks_like_code_line("Using standalone mode in Emscripten"));
        assert!(looks_like_code(&[
            "int add(int x, int y) {",
            "  return x + y;",
            "}"
        ]));
        assert!(!looks_like_code(&[
            "A hard-wrapped line of prose that goes on",
            "and on until it ends."
        ]));
    }
}

/// A date line above the title and the same date again under it: the
/// first is the publication date, the second stays as a note (it was once
/// dropped: the property test's `parser_keeps_every_word` found it).
#[test]
fn a_second_date_line_is_kept_when_the_first_took_the_date() {
    let a = p("March 17, 2023\nthe\nMarch 17, 2023\n").article;
    assert_eq!(a.date_text.as_deref(), Some("March 17, 2023"));
    assert_eq!(kinds(&a), ["note"]);
    assert_eq!(a.body[0].plain_text(), "March 17, 2023");
}

/// A gallery caption that runs to paragraphs, closed by its photo credit,
/// does not end the header: the date line and byline under it are found.
#[test]
fn long_caption_with_credit_keeps_the_header_open() {
    let caption = format!(
        "A rocket lifts off from the launch complex at dawn. {}The launch went silent two minutes in. AFP PHOTO/ JANE ROE/AFP/Getty Images",
        "The crowd on the beach watched the long climb into a clear sky while the engines roared. "
            .repeat(6)
    );
    let text = format!(
        "A hard year for rockets\n\nIt has been a rough few months for the launch company.\n\n{caption}\n\nDec. 13, 2016, 12:31 PM UTC / Updated Dec. 13, 2016, 6:06 PM UTC\n\nBy Ann Writer\n\nThe first paragraph of the story follows here, with enough words to be one.\n\nThe second paragraph follows it, also a full sentence of body text.\n"
    );
    let a = p(&text).article;
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2016-12-13"));
    assert_eq!(a.authors, ["Ann Writer"]);
    assert!(
        a.body.iter().any(|b| matches!(b, Block::Caption { .. })),
        "{:?}",
        kinds(&a)
    );
}

/// A bare name two lines under the date line, below the lead photo's
/// caption, is the byline.
#[test]
fn bare_name_below_the_lead_caption_is_the_byline() {
    let text = "Forest industry leaders back the prime minister\n\nThe leaders met the prime minister on Wednesday.\n\n2.9.2020 klo 12.45\n\nThe chief executive (left) and the director at the meeting in Helsinki.\n\nMarika Harjumaa\n\nThe forest industry says that its trust in the state is intact after a heated debate over the mill closure.\n\nThe second paragraph of the story is here, and it is a sentence too.\n";
    let a = p(text).article;
    assert_eq!(a.authors, ["Marika Harjumaa"]);
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2020-09-02"));
}

/// `et` joins two names in French; only `ET` in capitals is a time zone.
#[test]
fn french_et_joins_names_on_a_byline_date_line() {
    let text = "Séries à voir cette semaine\n\nPar Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42\n\nLe premier paragraphe de l'article est ici, avec assez de mots pour en être un.\n\nLe deuxième paragraphe suit, lui aussi une phrase complète du corps du texte.\n";
    let a = p(text).article;
    assert_eq!(a.authors, ["Alexandre Hervaud", "Jérémy Piette"]);
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2017-11-24"));
    let en = "A title here\n\nBy Jane Doe | March 4, 2024 9:41 AM ET\n\nThe first paragraph of the story follows here, with enough words to be one.\n\nThe second paragraph follows it, also a full sentence of body text.\n";
    assert_eq!(p(en).article.authors, ["Jane Doe"]);
}
