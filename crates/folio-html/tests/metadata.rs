//! The metadata shapes the reader understands (JSON-LD, `<meta>`, visible
//! headline, date and byline markup) and the content rules, each on a small
//! hand-written page.

use folio_core::Article;
use folio_html::{Options, read};

const P1: &str = "<p>The first paragraph of the story has enough words, commas, and length to be article text.</p>";
const P2: &str = "<p>A second paragraph follows, also long enough, with more words, so the scoring picks this article.</p>";
const P3: &str = "<p>A third paragraph closes the story, again with commas, clauses, and words enough to count.</p>";

fn with_head(head: &str, body: &str) -> Article {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A headline here | Site</title>{head}</head><body>{body}</body></html>"
    );
    read(html.as_bytes(), &Options::default()).unwrap().article
}

fn ld(json: &str) -> String {
    format!("<script type=\"application/ld+json\">{json}</script>")
}

fn article_body() -> String {
    format!("<article><h1>A headline here</h1>{P1}{P2}{P3}</article>")
}

#[test]
fn json_ld_in_a_cdata_wrapper_with_an_array_date() {
    let a = with_head(
        &ld(
            r#"<![CDATA[ {"@context":"https://schema.org","@type":"NewsArticle","headline":"A headline here","datePublished":["2015-10-15T02:19:15Z"],"author":{"@type":"Person","name":"John C. Welch"}} ]]>"#,
        ),
        &article_body(),
    );
    assert_eq!(a.date.unwrap().to_string(), "2015-10-15");
    assert_eq!(a.authors, ["John C. Welch"]);
}

#[test]
fn json_ld_graph_with_author_references_and_an_organization() {
    let a = with_head(
        &ld(r##"{"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"https://ex.com/#org","name":"Example News"},
              {"@type":"Person","@id":"https://ex.com/#/person/1","name":"Ann Lee"},
              {"@type":["Article","NewsArticle"],"headline":"A headline here",
               "datePublished":{"@value":"2021-06-01T08:00:00+02:00"},
               "author":[{"@id":"https://ex.com/#/person/1"},{"@id":"https://ex.com/#org"}],
               "publisher":{"@id":"https://ex.com/#org"}}]}"##),
        &article_body(),
    );
    assert_eq!(a.date.unwrap().to_string(), "2021-06-01");
    assert_eq!(a.authors, ["Ann Lee"], "the organization is not an author");
    assert_eq!(a.publisher.as_deref(), Some("Example News"));
}

#[test]
fn json_ld_author_as_a_string_with_raw_line_breaks_and_given_family_names() {
    // A raw line break inside a JSON string (invalid JSON that pages hold).
    let a = with_head(
        &ld(
            "{\"@type\":\"BlogPosting\",\"headline\":\"A headline\nhere\",\"datePublished\":\"2019-04-04\",\"author\":\"Ann Lee and Bob Roe\"}",
        ),
        &article_body(),
    );
    assert_eq!(a.date.unwrap().to_string(), "2019-04-04");
    assert_eq!(a.authors, ["Ann Lee", "Bob Roe"]);
    let a = with_head(
        &ld(
            r#"{"@type":"NewsArticle","author":{"@type":"Person","givenName":"Ann","familyName":"Lee"}}"#,
        ),
        &article_body(),
    );
    assert_eq!(a.authors, ["Ann Lee"]);
}

#[test]
fn json_ld_date_wins_over_meta_tags() {
    let a = with_head(
        &format!(
            "<meta property=\"article:published_time\" content=\"2015-12-11T14:28:34Z\">{}",
            ld(r#"{"@type":"NewsArticle","datePublished":"2015-10-15T02:19:15Z"}"#)
        ),
        &article_body(),
    );
    assert_eq!(a.date.unwrap().to_string(), "2015-10-15");
}

#[test]
fn meta_date_names() {
    for name in [
        "property=\"article:published_time\"",
        "name=\"date\"",
        "name=\"pubdate\"",
        "name=\"dc.date\"",
        "name=\"parsely-pub-date\"",
        "name=\"sailthru.date\"",
        "itemprop=\"datePublished\"",
    ] {
        let a = with_head(
            &format!("<meta {name} content=\"2020-09-02T12:45:00+03:00\">"),
            &article_body(),
        );
        assert_eq!(
            a.date.map(|d| d.to_string()).as_deref(),
            Some("2020-09-02"),
            "{name}"
        );
    }
}

#[test]
fn meta_authors_stand_in_for_a_missing_byline_but_an_outlet_is_no_name() {
    let a = with_head(
        "<meta name=\"author\" content=\"Laura E. Adkins\">",
        &article_body(),
    );
    assert_eq!(a.authors, ["Laura E. Adkins"]);
    let a = with_head("<meta name=\"author\" content=\"UOL\">", &article_body());
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn meta_authors_clean_a_byline_that_shows_them() {
    let a = with_head(
        "<meta name=\"author\" content=\"Jochen Bittner, Tina Hildebrandt\">",
        &format!(
            "<article><h1>A headline here</h1><div class=\"byline\">Politik · Jochen Bittner, Tina Hildebrandt</div>{P1}{P2}{P3}</article>"
        ),
    );
    assert_eq!(a.authors, ["Jochen Bittner", "Tina Hildebrandt"]);
}

#[test]
fn bylines_in_their_shapes() {
    // "By" and a name in a span, no class that says byline.
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1><div><div>By <span>Yomi Kazeem</span></div></div>{P1}{P2}{P3}</article>"
        ),
    );
    assert_eq!(a.authors, ["Yomi Kazeem"]);
    // Roles in parentheses.
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1><p class=\"byline\">by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)</p>{P1}{P2}{P3}</article>"
        ),
    );
    assert_eq!(a.authors, ["Eleanor Ainge Roy", "Adrian Malloch"]);
    // itemprop=name holding a name and an agency.
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1><div itemprop=\"author\" itemscope><span itemprop=\"name\">Paul Wiseman</span><span itemprop=\"name\">Fatima Hussein, The Associated Press</span></div>{P1}{P2}{P3}</article>"
        ),
    );
    assert_eq!(a.authors, ["Paul Wiseman", "Fatima Hussein"]);
    // A Japanese "text by" mark and an editorial desk.
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1><p class=\"author\">文● オカモト／ASCII編集部</p>{P1}{P2}{P3}</article>"
        ),
    );
    assert_eq!(a.authors, ["オカモト"]);
}

#[test]
fn visible_dates_in_their_shapes() {
    let cases = [
        // The publication date marked up, a sidebar timestamp nearer.
        (
            "<div class=\"sidebar-item\"><time class=\"timestamp\" datetime=\"2022-08-10T17:02:00Z\">8/10/2022</time></div><time itemprop=\"datePublished\" datetime=\"2016-09-02T06:30:00-04:00\">Sept. 2, 2016</time>",
            "2016-09-02",
        ),
        (
            "<p class=\"date\">2019年04月21日 12時00分更新</p>",
            "2019-04-21",
        ),
        (
            "<div class=\"article__date\"><span class=\"article__date--published\">2.9.2020 klo 12.45</span></div>",
            "2020-09-02",
        ),
        ("<ul class=\"info\"><li>2019/04/04</li></ul>", "2019-04-04"),
        (
            "<div><span class=\"x1\">Updated: Dec 15, 2016 2:57 PM UTC</span></div>",
            "2016-12-15",
        ),
        (
            "<p class=\"byline\">Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC</p>",
            "2016-02-29",
        ),
    ];
    for (line, want) in cases {
        let a = with_head(
            "",
            &format!("<article><h1>A headline here</h1>{line}{P1}{P2}{P3}</article>"),
        );
        assert_eq!(
            a.date.map(|d| d.to_string()).as_deref(),
            Some(want),
            "{line}"
        );
    }
}

#[test]
fn titles() {
    // The heading marked as the headline.
    let a = with_head(
        "<meta property=\"og:title\" content=\"Something else for social\">",
        &format!(
            "<div><h1 itemprop=\"headline\"> Corona: Report from the border</h1>{P1}{P2}{P3}</div>"
        ),
    );
    assert_eq!(a.title, "Corona: Report from the border");
    // A short site name in an h1 and the <title>, the headline in another h1.
    let html = format!(
        "<html><head><title>Techlog: Phones, DNS filtering and policy in 2019</title></head><body><header><h1>Techlog</h1></header><main><h1 class=\"entry-title\">Phones, DNS filtering and policy in 2019</h1>{P1}{P2}{P3}</main></body></html>"
    );
    let a = read(html.as_bytes(), &Options::default()).unwrap().article;
    assert_eq!(a.title, "Phones, DNS filtering and policy in 2019");
    // Only a <title> with underscore separators.
    let html = format!(
        "<html><head><title>海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网</title></head><body><div>{P1}{P2}{P3}</div></body></html>"
    );
    let a = read(html.as_bytes(), &Options::default()).unwrap().article;
    assert_eq!(a.title, "海外留学生看两会：出国前后关注点大不同");
}

fn words(a: &Article) -> String {
    folio_html::eval::roles(a)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn taxonomy_and_label_classes_do_not_drop_the_article() {
    let a = with_head(
        "",
        &format!(
            "<article class=\"post tag-economy tag-share category-news\"><h1>A headline here</h1>{P1}{P2}{P3}</article>"
        ),
    );
    assert!(words(&a).contains("third paragraph"), "{}", words(&a));
    let a = with_head(
        "",
        &format!(
            "<h1>A headline here</h1><div class=\"field field-label-hidden\">{P1}{P2}{P3}</div>"
        ),
    );
    assert!(words(&a).contains("first paragraph"), "{}", words(&a));
    // A whole class that hides is still hidden.
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1>{P1}<p class=\"visually-hidden\">Skip to the comments now</p>{P2}{P3}</article>"
        ),
    );
    assert!(!words(&a).contains("Skip to"), "{}", words(&a));
}

#[test]
fn second_copies_teasers_and_the_copyright_line() {
    let teasers = "<p>More stories</p><p><a href=\"/a\">One teaser headline</a></p><p><a href=\"/b\">Another teaser headline</a></p>";
    let a = with_head(
        "",
        &format!(
            "<div class=\"page\"><article><h1>A headline here</h1>{P1}{P2}{P3}{teasers}</article><section class=\"continued\">{P1}{P2}{P3}</section></div><footer><p>© 2020 Example News. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>"
        ),
    );
    let text = words(&a);
    assert_eq!(text.matches("first paragraph").count(), 1, "{text}");
    assert!(!text.contains("teaser"), "{text}");
    assert!(!text.contains("More stories"), "{text}");
    assert_eq!(a.footer.len(), 1);
    assert_eq!(
        a.footer[0].plain_text(),
        "© 2020 Example News. All rights reserved."
    );
}

#[test]
fn an_article_in_parallel_sections_is_read_whole() {
    // A short opening section, a figure, and a long section of the same
    // kind: the short one scores far below the long one, but it is the same
    // sort of container side by side with it.
    let long = |s: &str| {
        format!(
            "<p>{s} opens a paragraph that runs on, with commas, clauses, and words, for long enough to count as prose.</p>"
        )
    };
    let rest: String = (0..20).map(|i| long(&format!("Part{i}"))).collect();
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1><div class=\"sec\"><div class=\"in\">{}{}</div></div><figure><figcaption>A photo</figcaption></figure><div class=\"sec\"><div class=\"in\">{rest}</div></div></article>",
            long("Alpha"),
            long("Beta"),
        ),
    );
    let text = words(&a);
    for w in ["Alpha", "Beta", "Part0", "Part19"] {
        assert!(text.contains(w), "{w} missing: {text}");
    }
}

#[test]
fn names_compare_without_letter_case() {
    assert!(folio_html::eval::same_names(
        &["ESTEBAN URREIZTIETA".into()],
        &["Esteban Urreiztieta".into()]
    ));
    assert!(!folio_html::eval::same_names(
        &["Ann Lee".into()],
        &["Ann Leigh".into()]
    ));
}

#[test]
fn a_more_stories_heading_after_the_text_ends_the_article() {
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1>{P1}{P2}{P3}<h3>More Hot Stories For You</h3><p>Another theatre opens a new season, with plays, concerts, and readings for the whole family.</p></article>"
        ),
    );
    let text = words(&a);
    assert!(text.contains("third paragraph"), "{text}");
    assert!(!text.contains("Another theatre"), "{text}");
    // Near the top, a "Related" heading may open the article's own section.
    let a = with_head(
        "",
        &format!("<article><h1>A headline here</h1><h2>Related work</h2>{P1}{P2}{P3}</article>"),
    );
    assert!(words(&a).contains("third paragraph"));
}

#[test]
fn a_line_with_byline_and_date_is_the_byline_once() {
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1><div class=\"byline\">By Joshua Sokol <time datetime=\"2019-05-20\">May 20, 2019</time></div>{P1}{P2}{P3}</article>"
        ),
    );
    assert_eq!(a.authors, ["Joshua Sokol"]);
    assert_eq!(a.date.unwrap().to_string(), "2019-05-20");
    let shown: Vec<_> = folio_html::eval::roles(&a)
        .into_iter()
        .filter(|(_, t)| t.contains("Sokol"))
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
}

/// Every corpus page cut short (mid-tag, mid-script, mid-JSON-LD) reads
/// without a panic: into an article or a clear error. Skipped without the
/// corpus.
#[test]
fn truncated_pages_never_panic() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/wide/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus at {}", dir.display());
        return;
    };
    let mut n = 0;
    for e in entries.filter_map(Result::ok) {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        for frac in [3, 5, 7] {
            let cut = bytes.len() * frac / 10;
            let _ = read(&bytes[..cut], &Options::default());
            n += 1;
        }
    }
    assert!(n > 0);
}

#[test]
fn teaser_cards_inside_the_article_are_dropped() {
    let a = with_head(
        "",
        &format!(
            "<article><h1>A headline here</h1>{P1}{P2}<div class=\"teaser\"><p class=\"summary\">A fire alerted the emergency services of two towns on the coast, who came quickly.</p></div>{P3}</article>"
        ),
    );
    let text = words(&a);
    assert!(text.contains("third paragraph"), "{text}");
    assert!(!text.contains("emergency services"), "{text}");
}

#[test]
fn a_photo_description_is_not_the_standfirst() {
    let a = with_head(
        "",
        &format!(
            "<h1>A headline here</h1><figure><div class=\"image-description\">Hunger spreads in a refugee camp in the north, far from the front line.</div></figure><article><p class=\"lead-summary\">The lead of the story, which sums it up in one long sentence for readers.</p>{P1}{P2}{P3}</article>"
        ),
    );
    // The lead stays in the body as its first paragraph; the photo's
    // description is no standfirst.
    assert!(
        a.standfirst
            .as_deref()
            .is_none_or(|s| !s.contains("refugee")),
        "{:?}",
        a.standfirst
    );
}
