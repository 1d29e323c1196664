//! The table of contents of a [`Collection`], computed once: every writer
//! (the EPUB navigation document and NCX, the PDF outline and printed
//! contents, a Markdown book's contents) shows this one tree and never
//! groups or labels entries on its own.
//!
//! The rules:
//!
//! - **Sections.** When the collection has [`Collection::sections`] (a
//!   manifest's `[[section]]` tables), each becomes a [`GroupKind::Section`]
//!   group holding its articles in the order listed, whatever the length of
//!   the book. An article no section lists comes after the sections, at the
//!   top level; an index out of range, or listed a second time, is ignored
//!   (`folio book` refuses such manifests before a collection is built).
//! - **Dates.** When the articles are in date order
//!   ([`ArticleOrder::Date`]) and a list (the whole book, or one section)
//!   holds more than [`GROUP_THRESHOLD`] articles, it is grouped by year
//!   and then month (`2015` > `May 2015`). A book whose dated articles all
//!   fall in one year is grouped by month only. Articles without a date come
//!   last, in an "Undated" group. Labels are written in the book's language
//!   where [`crate::labels::format_month`] has a style for it (`Май 2015`,
//!   `2015年5月`), else as ISO (`2015-05`).
//! - **Order as given.** A book in the order the inputs were given is not
//!   grouped (beyond its sections): that order has no names to group by, and
//!   chunks labelled only by number (`1–50`) would add a level without
//!   telling the reader anything. Declare sections to group such a book.
//! - **Same titles.** Entries whose titles are the same (ignoring
//!   surrounding space) carry a [`Entry::detail`]: the article's date,
//!   formatted like the labels; where that does not tell them apart either
//!   (same date, or no date), also an ordinal among them (`12 May 2015, 2`,
//!   or `2` alone without a date). [`Entry::label`] is the title with its
//!   detail in parentheses (full-width ones in a Chinese, Japanese or
//!   Korean book), and what a writer shows.
//!
//! Every entry knows the index of its article in
//! [`Collection::articles`]; a group knows its first article, which is
//! where a format that needs a target for a group (the NCX, a PDF outline)
//! points it.
//!
//! ```
//! use folio_core::contents::{Contents, GroupKind, Item};
//! use folio_core::{Article, ArticleOrder, Collection};
//! use chrono::NaiveDate;
//!
//! // 40 articles over two years, all called "Press Review", oldest first.
//! let articles: Vec<Article> = (0..40u32)
//!     .map(|i| Article {
//!         title: "Press Review".into(),
//!         language: "en".into(),
//!         date: NaiveDate::from_ymd_opt(2015 + (i / 20) as i32, 1 + (i % 20) / 5, 1 + i % 2),
//!         ..Default::default()
//!     })
//!     .collect();
//! let book = Collection {
//!     title: "Two years of reviews".into(),
//!     articles,
//!     order: ArticleOrder::Date,
//!     ..Default::default()
//! };
//! let contents = Contents::new(&book);
//! // Year > month > article.
//! assert_eq!(contents.depth(), 3);
//! let Item::Group(year) = &contents.items[0] else { panic!() };
//! assert_eq!((year.kind, year.label.as_str()), (GroupKind::Year, "2015"));
//! let Item::Group(month) = &year.items[0] else { panic!() };
//! assert_eq!(month.label, "January 2015");
//! assert_eq!(month.first_article(), Some(0));
//! // Same title: the date tells them apart, an ordinal where dates collide.
//! let labels: Vec<&str> = contents.entries().take(3).map(|e| e.label.as_str()).collect();
//! assert_eq!(labels, [
//!     "Press Review (1 January 2015, 1)",
//!     "Press Review (2 January 2015, 1)",
//!     "Press Review (1 January 2015, 2)",
//! ]);
//! // Every article appears once, in order.
//! let order: Vec<usize> = contents.entries().map(|e| e.article).collect();
//! assert_eq!(order, (0..40).collect::<Vec<_>>());
//! ```

use crate::labels::{self, format_date, format_month, format_year};
use crate::lang::Language;
use crate::meta::collection_language;
use crate::model::{ArticleOrder, Collection};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// A list of more articles than this is grouped by year and month when the
/// book is in date order.
pub const GROUP_THRESHOLD: usize = 30;

/// A collection's table of contents: groups and entries, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Contents {
    /// The top level.
    pub items: Vec<Item>,
    /// The BCP 47 tag of the book's language (the language of the date
    /// labels when there is a style for it, see [`Group::language`]).
    pub language: String,
}

/// A group or an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A labelled group (a section, a year, a month).
    Group(Group),
    /// One article.
    Entry(Entry),
}

/// A labelled group of items.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Group {
    /// What the group is.
    pub kind: GroupKind,
    /// The label to show (`Politics`, `2015`, `May 2015`, `Undated`).
    pub label: String,
    /// The BCP 47 tag of the language the label is written in: the book's
    /// for a section, the date style's for a year or month (`und` for an
    /// ISO label), the labels table's for "Undated" (`en` when the book's
    /// language has no translation).
    pub language: String,
    /// Its groups or entries.
    pub items: Vec<Item>,
}

/// What a [`Group`] gathers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroupKind {
    /// A section declared by the collection.
    Section,
    /// The articles of one year.
    Year,
    /// The articles of one month.
    Month,
    /// The articles without a date.
    Undated,
}

/// One article in the contents.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// Its index in [`Collection::articles`].
    pub article: usize,
    /// The article's title, trimmed ("Untitled" in the book's language when
    /// it has none).
    pub title: String,
    /// What tells it apart from entries with the same title: the formatted
    /// date, and an ordinal where dates do not suffice. `None` when the
    /// title is unique.
    pub detail: Option<String>,
    /// The text to show: the title, with the detail in parentheses.
    pub label: String,
    /// The article's date.
    pub date: Option<NaiveDate>,
}

impl Item {
    /// The label to show.
    pub fn label(&self) -> &str {
        match self {
            Item::Group(g) => &g.label,
            Item::Entry(e) => &e.label,
        }
    }

    /// The article this item leads to: the entry's, or a group's first.
    pub fn first_article(&self) -> Option<usize> {
        match self {
            Item::Group(g) => g.first_article(),
            Item::Entry(e) => Some(e.article),
        }
    }

    /// Levels of nesting from this item down (1 for an entry).
    fn depth(&self) -> usize {
        match self {
            Item::Group(g) => 1 + g.items.iter().map(Item::depth).max().unwrap_or(0),
            Item::Entry(_) => 1,
        }
    }
}

impl Group {
    /// The first article in the group (depth first), where a format that
    /// needs a target for the group points it.
    pub fn first_article(&self) -> Option<usize> {
        self.items.iter().find_map(Item::first_article)
    }
}

impl Contents {
    /// The contents of `collection`, grouped past [`GROUP_THRESHOLD`]
    /// articles.
    pub fn new(collection: &Collection) -> Contents {
        Contents::with_threshold(collection, GROUP_THRESHOLD)
    }

    /// The contents of `collection`, grouping by date lists of more than
    /// `threshold` articles (sections are used whatever the length).
    pub fn with_threshold(collection: &Collection, threshold: usize) -> Contents {
        let language = collection_language(collection);
        let entries = entries(collection, &language);
        let date_order = collection.order == ArticleOrder::Date;
        let list = |indices: &[usize]| -> Vec<Item> {
            if date_order && indices.len() > threshold {
                by_date(indices, &entries, &language)
            } else {
                indices
                    .iter()
                    .map(|&i| Item::Entry(entries[i].clone()))
                    .collect()
            }
        };
        let n = collection.articles.len();
        let mut items = Vec::new();
        if collection.sections.is_empty() {
            items = list(&(0..n).collect::<Vec<_>>());
        } else {
            let mut seen = vec![false; n];
            for s in &collection.sections {
                let indices: Vec<usize> = s
                    .articles
                    .iter()
                    .copied()
                    .filter(|&i| i < n && !std::mem::replace(&mut seen[i], true))
                    .collect();
                if indices.is_empty() {
                    continue;
                }
                let title = s.title.trim();
                items.push(Item::Group(Group {
                    kind: GroupKind::Section,
                    label: if title.is_empty() {
                        labels::labels(&language).untitled.to_owned()
                    } else {
                        title.to_owned()
                    },
                    language: language.as_str().to_owned(),
                    items: list(&indices),
                }));
            }
            let rest: Vec<usize> = (0..n).filter(|&i| !seen[i]).collect();
            items.extend(list(&rest));
        }
        Contents {
            items,
            language: language.as_str().to_owned(),
        }
    }

    /// Levels of nesting: 1 for a flat list, 3 for year > month > article.
    pub fn depth(&self) -> usize {
        self.items.iter().map(Item::depth).max().unwrap_or(0)
    }

    /// Whether there are groups at all.
    pub fn is_grouped(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Group(_)))
    }

    /// Every item, depth first, with its level (0 for the top level).
    pub fn walk(&self) -> Vec<(usize, &Item)> {
        fn go<'a>(items: &'a [Item], level: usize, out: &mut Vec<(usize, &'a Item)>) {
            for item in items {
                out.push((level, item));
                if let Item::Group(g) = item {
                    go(&g.items, level + 1, out);
                }
            }
        }
        let mut out = Vec::new();
        go(&self.items, 0, &mut out);
        out
    }

    /// The entries, in reading order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.walk().into_iter().filter_map(|(_, item)| match item {
            Item::Entry(e) => Some(e),
            Item::Group(_) => None,
        })
    }
}

/// One entry per article, disambiguated.
fn entries(c: &Collection, language: &Language) -> Vec<Entry> {
    let untitled = labels::labels(language).untitled;
    let titles: Vec<String> = c
        .articles
        .iter()
        .map(|a| {
            let t = a.title.trim();
            if t.is_empty() { untitled } else { t }.to_owned()
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for t in &titles {
        *count.entry(t).or_default() += 1;
    }
    let dates: Vec<Option<String>> = c
        .articles
        .iter()
        .zip(&titles)
        .map(|(a, t)| {
            (count[t.as_str()] > 1)
                .then(|| a.date.map(|d| format_date(d, language).text))
                .flatten()
        })
        .collect();
    // Where title and date are both the same, an ordinal too.
    let mut same: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (t, d) in titles.iter().zip(&dates) {
        if count[t.as_str()] > 1 {
            *same.entry((t, d.as_deref())).or_default() += 1;
        }
    }
    let mut nth: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    let cjk = matches!(language.primary(), "zh" | "ja" | "ko");
    let mut out = Vec::with_capacity(titles.len());
    for (i, (t, d)) in titles.iter().zip(&dates).enumerate() {
        let detail = if count[t.as_str()] > 1 {
            let key = (t.as_str(), d.as_deref());
            if same[&key] > 1 {
                let k = nth.entry(key).or_default();
                *k += 1;
                Some(match d {
                    Some(d) => format!("{d}, {k}"),
                    None => k.to_string(),
                })
            } else {
                d.clone()
            }
        } else {
            None
        };
        let label = match &detail {
            Some(x) if cjk => format!("{t}（{x}）"),
            Some(x) => format!("{t} ({x})"),
            None => t.clone(),
        };
        out.push(Entry {
            article: i,
            title: t.clone(),
            detail,
            label,
            date: c.articles[i].date,
        });
    }
    out
}

/// Year > month groups (month groups only within a single year), undated
/// articles last.
fn by_date(indices: &[usize], entries: &[Entry], language: &Language) -> Vec<Item> {
    let (dated, undated): (Vec<usize>, Vec<usize>) =
        indices.iter().partition(|&&i| entries[i].date.is_some());
    let date = |i: usize| entries[i].date.unwrap_or_default();
    // Consecutive runs with the same key.
    fn runs<K: PartialEq>(v: &[usize], key: impl Fn(usize) -> K) -> Vec<&[usize]> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..=v.len() {
            if i == v.len() || key(v[i]) != key(v[start]) {
                out.push(&v[start..i]);
                start = i;
            }
        }
        out
    }
    let month_groups = |v: &[usize]| -> Vec<Item> {
        runs(v, |i| (date(i).year(), date(i).month()))
            .into_iter()
            .map(|run| {
                let l = format_month(date(run[0]), language);
                Item::Group(Group {
                    kind: GroupKind::Month,
                    label: l.text,
                    language: label_language(l.language, language),
                    items: run
                        .iter()
                        .map(|&i| Item::Entry(entries[i].clone()))
                        .collect(),
                })
            })
            .collect()
    };
    let years = runs(&dated, |i| date(i).year());
    let mut items: Vec<Item> = if years.len() > 1 {
        years
            .into_iter()
            .map(|run| {
                let l = format_year(date(run[0]), language);
                Item::Group(Group {
                    kind: GroupKind::Year,
                    label: l.text,
                    language: label_language(l.language, language),
                    items: month_groups(run),
                })
            })
            .collect()
    } else {
        month_groups(&dated)
    };
    if !undated.is_empty() {
        let undated_items: Vec<Item> = undated
            .iter()
            .map(|&i| Item::Entry(entries[i].clone()))
            .collect();
        if items.is_empty() {
            return undated_items;
        }
        let l = labels::labels(language);
        items.push(Item::Group(Group {
            kind: GroupKind::Undated,
            label: l.undated.to_owned(),
            language: l.language.to_owned(),
            items: undated_items,
        }));
    }
    items
}

/// A date label's language: the style's, or the book's for an ISO label
/// (digits read the same in any language).
fn label_language(style: &'static str, book: &Language) -> String {
    if style == "und" {
        book.as_str().to_owned()
    } else {
        style.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, BookSection};

    fn art(title: &str, date: Option<(i32, u32, u32)>) -> Article {
        Article {
            title: title.into(),
            language: "en".into(),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            ..Default::default()
        }
    }

    #[test]
    fn short_books_are_flat_and_unique_titles_have_no_detail() {
        let c = Collection {
            articles: vec![art("A", Some((2020, 1, 1))), art("B", None)],
            order: ArticleOrder::Date,
            ..Default::default()
        };
        let t = Contents::new(&c);
        assert_eq!(t.depth(), 1);
        assert!(!t.is_grouped());
        assert!(t.entries().all(|e| e.detail.is_none()));
    }

    #[test]
    fn one_year_groups_by_month_and_undated_come_last() {
        let mut articles: Vec<Article> = (0..31)
            .map(|i| art(&format!("T{i}"), Some((2024, 1 + i / 16, 1))))
            .collect();
        articles.push(art("Late", None));
        let c = Collection {
            articles,
            order: ArticleOrder::Date,
            language: "de".into(),
            ..Default::default()
        };
        let t = Contents::new(&c);
        let top: Vec<(&str, &str)> = t
            .items
            .iter()
            .map(|i| match i {
                Item::Group(g) => (g.label.as_str(), g.language.as_str()),
                Item::Entry(_) => ("entry", ""),
            })
            .collect();
        assert_eq!(
            top,
            [
                ("Januar 2024", "de"),
                ("Februar 2024", "de"),
                ("Ohne Datum", "de")
            ]
        );
        assert_eq!(t.depth(), 2);
        assert_eq!(t.entries().count(), 32);
    }

    #[test]
    fn as_given_books_are_not_grouped_by_date() {
        let c = Collection {
            articles: (0..40)
                .map(|i| art("Same", Some((2000 + i, 1, 1))))
                .collect(),
            ..Default::default()
        };
        let t = Contents::new(&c);
        assert_eq!(t.depth(), 1);
        assert_eq!(t.entries().nth(1).unwrap().label, "Same (1 January 2001)");
    }

    #[test]
    fn sections_group_and_unlisted_articles_follow() {
        let c = Collection {
            articles: vec![art("A", None), art("B", None), art("C", None)],
            sections: vec![
                BookSection {
                    title: "Second".into(),
                    articles: vec![1, 1, 7],
                },
                BookSection {
                    title: "Empty".into(),
                    articles: vec![],
                },
            ],
            ..Default::default()
        };
        let t = Contents::new(&c);
        let walk: Vec<(usize, &str)> = t.walk().iter().map(|(l, i)| (*l, i.label())).collect();
        assert_eq!(walk, [(0, "Second"), (1, "B"), (0, "A"), (0, "C")]);
    }

    #[test]
    fn same_titles_without_dates_are_numbered_and_cjk_uses_full_width() {
        let mut a = art("新闻", None);
        a.language = "zh".into();
        let c = Collection {
            articles: vec![a.clone(), a, art("x", None)],
            language: "zh".into(),
            ..Default::default()
        };
        let labels: Vec<String> = Contents::new(&c)
            .entries()
            .map(|e| e.label.clone())
            .collect();
        assert_eq!(labels, ["新闻（1）", "新闻（2）", "x"]);
    }
}
