//! A book's front matter: the title page and the table of contents.
//!
//! The table of contents is set after the articles, so its page numbers
//! are the real ones; [`front_matter`] settles how many pages the
//! contents take. It prints the book's [`Contents`](ContentsTree) (the same
//! groups and disambiguated labels as the EPUB navigation and the PDF
//! outline): a group's label as a bold heading, its entries indented below
//! it; names in an entry ("Kim Jong Un") are kept on one line
//! ([`keep_names`]).

use super::geometry::{Geometry, ascent_for};
use super::labels::{contents_label, entry_title, shorten};
use super::page::{Anchor, GoTo, Page, Placed, Rule};
use super::style::{Contents, StyleTable, Text, TitlePage};
use crate::typeset::fonts::{Fonts, Style};
use crate::typeset::para;
use crate::typeset::shape;
use crate::typeset::text::{Align, Color, Glyph, Line, ParaSpec, Span};
use folio_core::contents::{Contents as ContentsTree, Item};
use folio_core::model::{Article, Collection};

/// A book's front matter, laid out.
pub(crate) struct FrontMatter {
    pub title_page: Page,
    pub contents: Vec<Page>,
}

/// A table of contents row: a group's heading or an article's entry, its
/// label, its nesting level and the index of the page it leads to.
pub(crate) struct Entry {
    pub title: String,
    pub page: usize,
    /// 0 at the top level, 1 inside a group, 2 inside a group's group.
    pub level: usize,
    /// A group's heading (bold, no page number) rather than an article.
    pub group: bool,
    /// The language of the label (a date group's may differ from the
    /// book's).
    pub lang: String,
}

/// Everything the front matter prints, for the font coverage check: the
/// title page, the contents' heading and every label of `toc`.
pub(crate) fn front_text(c: &Collection, toc: &ContentsTree, articles: &[&Article]) -> Vec<String> {
    let mut v = vec![c.title.clone(), contents_label(&c.language).to_string()];
    v.extend(c.subtitle.clone());
    v.extend(c.authors.iter().cloned());
    v.extend(c.publisher.clone());
    v.extend(c.rights.clone());
    v.extend(date_text(c));
    v.push("Untitled".into());
    let names = names(c, articles);
    for (_, item) in toc.walk() {
        v.push(keep_names(item.label(), &names));
    }
    v
}

/// The names an entry keeps together: the book's and the articles' authors
/// of two words or more, longest first.
pub(crate) fn names<'a>(c: &'a Collection, articles: &[&'a Article]) -> Vec<&'a str> {
    let mut v: Vec<&str> = c
        .authors
        .iter()
        .chain(articles.iter().flat_map(|a| a.authors.iter()))
        .map(|n| n.trim())
        .filter(|n| n.contains(' '))
        .collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

/// Words a run of capitalised words may have and still be a name.
const NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=4;

/// Letters of a name's syllable ("Kim", "Jong", "Un", "Sung", "Ryong").
const SYLLABLE_LETTERS: usize = 5;

/// `label` with no-break spaces (U+00A0) inside names, so a contents entry
/// never breaks a line inside "Kim Jong Un":
///
/// - the `names` given (the model's author names) wherever they occur;
/// - a run of two to four consecutive words of at most five letters each,
///   all capitalised ("Kim Jong Un", "Kim Il Sung", "Ri Chol"), even in a
///   title-case headline;
/// - in a label that is not in title case (some longer word starts in
///   lower case), any run of two to four consecutive capitalised words
///   ("Choe Ryong-hae", "Hillary Clinton").
///
/// A longer capitalised run is a title-case phrase, not a name, and keeps
/// its break opportunities (gluing it would force an overlong line).
pub(crate) fn keep_names(label: &str, names: &[&str]) -> String {
    let mut s = label.to_string();
    for n in names {
        if s.contains(n) {
            s = s.replace(n, &n.replace(' ', "\u{a0}"));
        }
    }
    // Words and the single space or no-break space after each.
    let words: Vec<&str> = s.split([' ', '\u{a0}']).collect();
    let mut seps: Vec<char> = s.chars().filter(|&c| c == ' ' || c == '\u{a0}').collect();
    let closing = [',', ';', ':', '.', '!', '?', ')', '"', '”', '»', '\''];
    let core = |w: &str| -> String {
        let w = w.trim_start_matches(['(', '"', '“', '«']);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        w.trim_end_matches(closing).to_string()
    };
    let capitalised = |w: &str| {
        let w = core(w);
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '’')
    };
    let short = |w: &str| core(w).chars().count() <= SYLLABLE_LETTERS;
    let title_case = !words
        .iter()
        .any(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase));
    // A word ending in punctuation closes a run (and belongs to it).
    let ends_run = |w: &str| w.ends_with(closing) && !w.ends_with("'s") && !w.ends_with("’s");
    let glue = |from: usize, to: usize, seps: &mut Vec<char>| {
        for sep in seps.iter_mut().take(to - 1).skip(from) {
            *sep = '\u{a0}';
        }
    };
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j < words.len() && capitalised(words[j]) {
            j += 1;
            if ends_run(words[j - 1]) {
                break;
            }
        }
        if j == i {
            i += 1;
            continue;
        }
        if !title_case && NAME_WORDS.contains(&(j - i)) {
            glue(i, j, &mut seps);
        } else {
            // Runs of short syllables inside the run.
            let mut k = i;
            while k < j {
                let mut m = k;
                while m < j && short(words[m]) {
                    m += 1;
                }
                if NAME_WORDS.contains(&(m - k)) {
                    glue(k, m, &mut seps);
                }
                k = m.max(k + 1);
            }
        }
        i = j;
    }
    let mut out = String::with_capacity(s.len());
    for (k, w) in words.iter().enumerate() {
        out.push_str(w);
        if let Some(&sep) = seps.get(k) {
            out.push(sep);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn front_matter(
    c: &Collection,
    toc: &ContentsTree,
    articles: &[&Article],
    article_pages: &[usize],
    lang: &str,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &StyleTable,
) -> FrontMatter {
    let mut starts = Vec::with_capacity(article_pages.len());
    let mut body_pages = 0;
    for &n in article_pages {
        starts.push(body_pages);
        body_pages += n;
    }
    let names = names(c, articles);
    // The rows, their pages counted from the first article's.
    let mut entries: Vec<Entry> = toc
        .walk()
        .into_iter()
        .filter_map(|(level, item)| {
            let start = *starts.get(item.first_article()?)?;
            let (group, lang) = match item {
                Item::Group(gr) => (true, gr.language.clone()),
                Item::Entry(_) => (false, lang.to_string()),
            };
            let title = shorten(&entry_title(item.label()), st.contents.title_chars);
            Some(Entry {
                title: keep_names(&title, &names),
                page: start,
                level,
                group,
                lang,
            })
        })
        .collect();
    let relative: Vec<usize> = entries.iter().map(|e| e.page).collect();
    let mut toc_pages = 1;
    let mut rounds = 0;
    let toc = loop {
        let front = 1 + toc_pages;
        for (e, &s) in entries.iter_mut().zip(&relative) {
            e.page = front + s;
        }
        let mut toc = contents(&entries, front + body_pages, lang, fonts, g, &st.contents);
        rounds += 1;
        if toc.len() == toc_pages {
            break toc;
        }
        if rounds >= 16 && toc.len() < toc_pages {
            // Never seen; keeps the numbers right whatever happens.
            toc.resize_with(toc_pages, Page::default);
            break toc;
        }
        toc_pages = toc.len();
    };
    FrontMatter {
        title_page: title_page(c, fonts, g, st),
        contents: toc,
    }
}

/// The book's date as the title page prints it: formatted in the book's
/// language where there is a style for it, else ISO (never a raw date
/// text).
fn date_text(c: &Collection) -> Option<String> {
    let d = c.date?;
    Some(folio_core::labels::format_date(d, &folio_core::Language::new(&c.language)).text)
}

fn set(fonts: &Fonts<'_>, spans: &[Span], size: f32, width: f32, lang: &str) -> Vec<Line> {
    para::set(
        fonts,
        &ParaSpec {
            spans,
            size,
            width,
            first_indent: 0.0,
            align: Align::Start,
            lang,
            rtl: false,
            preformatted: false,
        },
    )
}

/// Horizontal extent of a line's glyphs.
fn extent(line: &Line) -> (f32, f32) {
    let lo = line.glyphs.iter().map(|g| g.x).fold(f32::MAX, f32::min);
    let hi = line
        .glyphs
        .iter()
        .map(|g| g.x + g.advance)
        .fold(f32::MIN, f32::max);
    if lo > hi { (0.0, 0.0) } else { (lo, hi) }
}

/// Where centred lines go: the page, its geometry, the baseline rule.
struct Centre<'p> {
    page: &'p mut Page,
    g: &'p Geometry,
    /// A line's baseline: half its box plus this fraction of half its size.
    baseline: f32,
}

impl Centre<'_> {
    /// Places `lines` of size and leading `t` centred on the measure, the
    /// first line box's top at `*y`; advances `*y` past them.
    fn lines(&mut self, lines: Vec<Line>, t: Text, y: &mut f32) {
        let g = self.g;
        for line in lines {
            let (lo, hi) = extent(&line);
            let x = g.left + (g.measure - (hi - lo)) / 2.0 - lo;
            self.page.lines.push(Placed {
                line,
                x,
                y: *y + (t.leading + t.size * self.baseline) / 2.0,
                info: None,
            });
            *y += t.leading;
        }
    }
}

fn gray(text: &str, style: Style) -> Span {
    let mut sp = Span::new(text, style);
    sp.color = Color::Gray;
    sp
}

/// The title page: the book's title, subtitle, authors and date in the
/// upper part of the page, the publisher and rights at its foot.
pub(crate) fn title_page(c: &Collection, fonts: &Fonts<'_>, g: &Geometry, st: &StyleTable) -> Page {
    let t = &st.title_page;
    let lang = c.language.as_str();
    let mut page = Page::default();
    let area = g.area();
    let mut y = g.top + area * t.top;
    let mut out = Centre {
        page: &mut page,
        g,
        baseline: t.baseline,
    };
    // Absurdly long titles are cut so the page holds them (the outline
    // and the metadata keep them whole).
    let title = shorten(&entry_title(&c.title), t.title_chars);
    let lines = set(
        fonts,
        &[Span::new(title, Style::Bold)],
        t.title.size,
        g.measure,
        lang,
    );
    out.lines(lines, t.title, &mut y);
    if let Some(sub) = c.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
        y += t.subtitle_space_before;
        let sub = shorten(sub, t.subtitle_chars);
        let lines = set(
            fonts,
            &[Span::new(sub, Style::Italic)],
            t.subtitle.size,
            g.measure,
            lang,
        );
        out.lines(lines, t.subtitle, &mut y);
    }
    y += t.rule_space_before;
    let w = g.measure * t.rule_length;
    out.page.rules.push(Rule {
        x0: g.left + (g.measure - w) / 2.0,
        x1: g.left + (g.measure + w) / 2.0,
        y,
        width: t.rule_width,
    });
    y += t.rule_space_after;
    let authors: Vec<&str> = c
        .authors
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        let text = shorten(&authors.join(", "), t.authors_chars);
        let lines = set(
            fonts,
            &[Span::new(text, Style::Regular)],
            t.authors.size,
            g.measure,
            lang,
        );
        out.lines(lines, t.authors, &mut y);
        y += t.authors_space_after;
    }
    if let Some(d) = date_text(c) {
        let lines = set(
            fonts,
            &[gray(&d, Style::Italic)],
            t.date.size,
            g.measure,
            lang,
        );
        out.lines(lines, t.date, &mut y);
    }
    foot(c, fonts, g, t, &mut out, y);
    page
}

/// The foot of the title page: publisher, then rights, at the bottom of
/// the text block (at least `foot_gap` below `y`, where the upper part
/// ends).
fn foot(
    c: &Collection,
    fonts: &Fonts<'_>,
    g: &Geometry,
    t: &TitlePage,
    out: &mut Centre<'_>,
    y: f32,
) {
    let lang = c.language.as_str();
    // The foot of the page: publisher, then rights.
    let mut foot: Vec<(Vec<Line>, Text)> = Vec::new();
    if let Some(p) = c.publisher.as_deref().filter(|t| !t.trim().is_empty()) {
        let lines = set(
            fonts,
            &[Span::new(p, Style::Bold)],
            t.publisher.size,
            g.measure,
            lang,
        );
        foot.push((lines, t.publisher));
    }
    if let Some(r) = c.rights.as_deref().filter(|t| !t.trim().is_empty()) {
        let lines = set(
            fonts,
            &[gray(r, Style::Regular)],
            t.rights.size,
            g.measure,
            lang,
        );
        foot.push((lines, t.rights));
    }
    let foot_h: f32 = foot.iter().map(|(l, t)| l.len() as f32 * t.leading).sum();
    let mut fy = (g.top + g.area() - foot_h).max(y + t.foot_gap);
    for (lines, text) in foot {
        out.lines(lines, text, &mut fy);
    }
}

/// The table of contents: a bold heading per group, one entry per
/// article, indented by its level, its title wrapped on the measure less
/// the number column, dotted leaders to the right-aligned page
/// number, the whole entry a link to the article's first page. `largest` is
/// the largest page number the column must hold.
pub(crate) fn contents(
    entries: &[Entry],
    largest: usize,
    lang: &str,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &Contents,
) -> Vec<Page> {
    let mut pages = vec![Page::default()];
    let mut y = contents_heading(&mut pages[0], lang, fonts, g, st);
    let leaders = Leaders::new(fonts, largest, st);
    // A nesting level's indent: two ems of the entries' size.
    let indent = st.entry.size * 2.0;
    for (i, e) in entries.iter().enumerate() {
        let left = e.level as f32 * indent;
        let style = if e.group { Style::Bold } else { Style::Regular };
        let title_w = if e.group {
            g.measure - left - st.hang
        } else {
            g.measure - leaders.num_w - st.gap - st.hang - left
        };
        let mut lines = set(
            fonts,
            &[Span::new(e.title.clone(), style)],
            st.entry.size,
            title_w.max(st.entry.size * 4.0),
            &e.lang,
        );
        if lines.is_empty() {
            lines.push(Line::default());
        }
        let page_empty = pages.last().expect("a page").lines.is_empty();
        // A group's heading has air above it (but at the top of a page)
        // and keeps with the first line of what follows.
        if e.group && i > 0 && y > g.top {
            y += st.entry.leading * 0.5;
        }
        let keep = if e.group && i + 1 < entries.len() {
            st.entry.leading
        } else {
            0.0
        };
        let h = lines.len() as f32 * st.entry.leading + keep;
        if y + h > g.height - g.bottom && !page_empty {
            pages.push(Page::default());
            y = g.top;
        }
        let page = pages.last_mut().expect("a page");
        let top = y;
        let n = lines.len();
        for (k, mut line) in lines.into_iter().enumerate() {
            // Lines after the first hang in; the leaders and the number
            // keep to the page's grid and right edge.
            let shift = left + if k == 0 { 0.0 } else { st.hang };
            if k + 1 == n && !e.group {
                leaders.add(&mut line, e.page, shift, g.measure);
            }
            page.lines.push(Placed {
                line,
                x: g.left + shift,
                y: y + leaders.ascent,
                info: None,
            });
            y += st.entry.leading;
        }
        page.gotos.push(GoTo {
            x0: g.left,
            x1: g.left + g.measure,
            top,
            bottom: y,
            page: e.page,
        });
        y += st.entry_space_after;
    }
    pages
}

/// The contents' heading (an outline anchor too) on `page`; returns where
/// the entries start.
fn contents_heading(
    page: &mut Page,
    lang: &str,
    fonts: &Fonts<'_>,
    g: &Geometry,
    st: &Contents,
) -> f32 {
    let mut y = g.top;
    let hs = st.heading.size;
    let label = contents_label(lang);
    let lines = set(fonts, &[Span::new(label, Style::Bold)], hs, g.measure, lang);
    page.anchors.push(Anchor {
        level: 0,
        title: label.to_string(),
        y,
    });
    for line in lines {
        page.lines.push(Placed {
            line,
            x: g.left,
            y: y + hs,
            info: None,
        });
        y += st.heading.leading;
    }
    y + st.heading_space_after
}

/// Dotted leaders and page numbers of the contents' entries.
struct Leaders<'f, 'a> {
    fonts: &'f Fonts<'a>,
    st: &'f Contents,
    /// The width of the page number column.
    num_w: f32,
    /// From the top of an entry's line box to its baseline.
    ascent: f32,
    dot: Vec<Glyph>,
}

impl<'f, 'a> Leaders<'f, 'a> {
    fn new(fonts: &'f Fonts<'a>, largest: usize, st: &'f Contents) -> Self {
        let mut l = Leaders {
            fonts,
            st,
            num_w: 0.0,
            ascent: ascent_for(fonts, st.entry.size, st.entry.leading),
            dot: Vec::new(),
        };
        let digits = largest.max(1).to_string().len();
        l.num_w = l
            .shaped(&"0".repeat(digits), Color::Black)
            .iter()
            .map(|g| g.advance)
            .sum();
        l.dot = l.shaped(".", Color::Gray);
        l
    }

    fn shaped(&self, text: &str, color: Color) -> Vec<Glyph> {
        let regular = self.fonts.primary(Style::Regular);
        let s = self.st.entry.size;
        shape::shape(self.fonts, regular, text, s, false, "und", color)
    }

    /// Adds leaders on a grid shared by all entries, so the dots of
    /// successive lines stand in columns, then the number of page `page`
    /// (0-based), right-aligned on `measure`, to `line` (`shift`: its
    /// indent).
    fn add(&self, line: &mut Line, page: usize, shift: f32, measure: f32) {
        let (step, gap) = (self.st.dot_step, self.st.dot_gap);
        let (_, end) = extent(line);
        let end = end + shift;
        let mut num = self.shaped(&(page + 1).to_string(), Color::Black);
        let w: f32 = num.iter().map(|g| g.advance).sum();
        let num_x = measure - w;
        let dot_w: f32 = self.dot.iter().map(|g| g.advance).sum();
        let first = ((end + gap) / step).ceil() as i32;
        let last = ((num_x - gap - dot_w) / step).floor() as i32;
        let dots = line.glyphs.len();
        for k in first..=last {
            for d in &self.dot {
                let mut d = d.clone();
                d.x += k as f32 * step - shift;
                line.glyphs.push(d);
            }
        }
        for gl in &mut num {
            gl.x += num_x - shift;
        }
        super::tags::leaders(line, dots, line.glyphs.len());
        line.glyphs.extend(num);
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::book::keep_names;

    fn kept(label: &str, names: &[&str]) -> String {
        keep_names(label, names).replace('\u{a0}', "_")
    }

    #[test]
    fn names_are_kept_together() {
        assert_eq!(
            kept(
                "Respected Comrade Kim Jong Un Receives Greetings from Kuwaiti Emir",
                &[]
            ),
            "Respected Comrade Kim_Jong_Un Receives Greetings from Kuwaiti_Emir"
        );
        assert_eq!(
            kept(
                "Floral Tribute Paid to Statues of President Kim Il Sung",
                &[]
            ),
            "Floral Tribute Paid to Statues of President Kim_Il_Sung"
        );
        assert_eq!(
            kept("A speech by Choe Ryong-hae at the plenary", &[]),
            "A speech by Choe_Ryong-hae at the plenary"
        );
        // Possessives and punctuation close a name.
        assert_eq!(
            kept("Respected Comrade Kim Jong Un's Leadership Lauded", &[]),
            "Respected Comrade Kim_Jong_Un's Leadership Lauded"
        );
        // The model's author names, wherever they are.
        assert_eq!(
            kept(
                "Notes on Agricultural Development by Margaret Elizabeth Thompson",
                &["Margaret Elizabeth Thompson"]
            ),
            "Notes on Agricultural Development by Margaret_Elizabeth_Thompson"
        );
        // Long title-case runs keep their breaks; lower-case words too.
        assert_eq!(
            kept("Japan Denies Past Crimes and Insults Victims", &[]),
            "Japan Denies Past Crimes and Insults Victims"
        );
        // No-break spaces in the source stay.
        assert_eq!(
            kept(
                "Respected Comrade\u{a0}Kim Jong Un\u{a0}Receives Greetings",
                &[]
            ),
            "Respected Comrade_Kim_Jong_Un_Receives Greetings"
        );
    }
}
