//! The typed document model every writer consumes.
//!
//! The model is plain data: structs and enums with `serde` derives, so a
//! [`Article`] round-trips through JSON unchanged. Block and inline kinds are
//! tagged with a `type` field (`{"type": "paragraph", ...}`).
//!
//! Text in the model is already normalized (see [`crate::normalize`]): no C0
//! control characters other than tab and newline, no noncharacters, and
//! paragraphs with their hard wraps joined. Writers may rely on that.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article: metadata from the header and footer, and a body of blocks.
///
/// The JSON form is a stable contract: top-level `title` (string), `date`
/// (`YYYY-MM-DD` or `null`), `authors` (array of strings), `language`
/// (BCP 47) and `body` (array of blocks with a `type` field).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Article {
    /// The headline.
    pub title: String,
    /// A secondary headline, when the source has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// A short label above or below the headline (`EXCLUSIVE`, `ANALYSIS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// The standfirst (dek, summary) that introduces the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    /// Author names taken from the byline, in order.
    pub authors: Vec<String>,
    /// The byline exactly as it stood in the source (`By Erin Cunningham`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The publication date, when one was found and understood.
    pub date: Option<NaiveDate>,
    /// The text the date was read from (`March 17, 2023`, `[Juche113.6.11.]`),
    /// times and zones included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// An "Updated ..." stamp, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_text: Option<String>,
    /// The wire dateline that opens the first paragraph, if any. Its text stays
    /// in the paragraph; this is metadata about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// BCP 47 language tag (`en`, `de`, `zh`); `und` when unknown, never
    /// empty. In JSON, the tag as a string; an empty or malformed one reads
    /// as `und`.
    pub language: crate::lang::Language,
    /// The publisher or outlet (`pyongyangtimes.com.kp`, `KCNA`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Copyright facts read from the footer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<Copyright>,
    /// The article's address on the web, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// The article body.
    pub body: Vec<Block>,
    /// Footer blocks (copyright line, site address), rendered after the body.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footer: Vec<Block>,
}

/// A wire dateline such as `WASHINGTON (AP) —` or `Pyongyang, March 17 (KCNA) --`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Dateline {
    /// The dateline exactly as it opens the paragraph, dash included.
    pub text: String,
    /// The place (`WASHINGTON`, `Pyongyang`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The agency in parentheses (`AP`, `KCNA`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// Copyright facts, usually from a footer line like `2023 © All rights reserved.`
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Copyright {
    /// The statement as written in the source.
    pub statement: String,
    /// The copyright year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Who holds the copyright.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

/// A body block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// An ordinary paragraph.
    Paragraph {
        /// The paragraph's text and links.
        content: Vec<Inline>,
    },
    /// A section heading; level 1 is the highest level below the title.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's text.
        content: Vec<Inline>,
    },
    /// A quotation set off from the text.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// A bulleted or numbered list.
    List {
        /// `true` for a numbered list.
        ordered: bool,
        /// The first number of a numbered list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        /// The items, in order.
        items: Vec<ListItem>,
    },
    /// Preformatted text (program code, shell sessions) with its line breaks.
    Code {
        /// The text, lines separated by `\n`.
        text: String,
    },
    /// A photo caption or credit.
    Caption {
        /// Caption or credit.
        #[serde(default)]
        kind: CaptionKind,
        /// The caption's text.
        content: Vec<Inline>,
    },
    /// Text about the article rather than of it (credits, related links...).
    Note {
        /// What kind of note it is.
        #[serde(default)]
        kind: NoteKind,
        /// The note's text.
        content: Vec<Inline>,
    },
}

/// One list item: its own text, and any blocks nested below it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ListItem {
    /// The item's text.
    pub content: Vec<Inline>,
    /// Nested blocks (usually a sub-list).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Block>,
}

/// Whether a [`Block::Caption`] describes a picture or credits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaptionKind {
    /// Describes a picture.
    #[default]
    Caption,
    /// Names who made or owns a picture (`JIM WATSON/AFP/Getty Images`).
    Credit,
}

/// What a [`Block::Note`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// An editor's note or editor line (`(编辑：...)`).
    Editor,
    /// A credit: "Reporting by ...", contributors, agency credit lines.
    Credit,
    /// Related links or "Read more:" lines.
    Related,
    /// A short biography of the author.
    Bio,
    /// A correction.
    Correction,
    /// A disclaimer.
    Disclaimer,
    /// Contact details.
    Contact,
    /// Where the story's information came from.
    Sourcing,
    /// A date line placed after the body (`Date created : 2015-05-12`).
    Date,
    /// An "Updated ..." stamp.
    Update,
    /// Anything else that is about the article.
    #[default]
    Other,
}

/// Inline content: text, links, and emphasis and strong spans that hold
/// inlines themselves.
///
/// ```
/// use folio_core::{Inline, plain_text};
/// let run = vec![
///     Inline::text("A "),
///     Inline::Emphasis { content: vec![Inline::text("very")] },
///     Inline::text(" short note."),
/// ];
/// assert_eq!(plain_text(&run), "A very short note.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// A link; `text` is what the reader sees, `url` where it goes.
    Link {
        /// The visible text (often the address itself).
        text: String,
        /// The target (`https://...`, `mailto:...`).
        url: String,
    },
    /// Emphasised text (`*...*` in Markdown, `<em>`, JATS `<italic>`),
    /// usually set in italics.
    Emphasis {
        /// What is emphasised.
        content: Vec<Inline>,
    },
    /// Strongly emphasised text (`**...**`, `<strong>`, JATS `<bold>`),
    /// usually set in bold.
    Strong {
        /// What is emphasised.
        content: Vec<Inline>,
    },
}

/// Articles collected into one e-book.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Collection {
    /// The book's title.
    pub title: String,
    /// The book's subtitle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Editors or authors of the collection.
    pub authors: Vec<String>,
    /// BCP 47 language tag of the collection.
    pub language: String,
    /// The collection's date.
    pub date: Option<NaiveDate>,
    /// Publisher of the collection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Rights statement for the collection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// The articles, in reading order.
    pub articles: Vec<Article>,
    /// How the articles were put in order. With [`ArticleOrder::Date`] a
    /// long table of contents is grouped by year and month (see
    /// [`crate::contents`]). Absent in JSON: `as-given`.
    #[serde(skip_serializing_if = "ArticleOrder::is_as_given")]
    pub order: ArticleOrder,
    /// Named sections of the book (a manifest's `[[section]]` tables), in
    /// order. Each lists its articles by index into [`Collection::articles`];
    /// the table of contents groups by them. Absent in JSON: no sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<BookSection>,
}

/// How a [`Collection`]'s articles were put in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ArticleOrder {
    /// In the order the inputs were given.
    #[default]
    AsGiven,
    /// Oldest first, undated articles last.
    Date,
}

impl ArticleOrder {
    /// `true` for [`ArticleOrder::AsGiven`] (the default, not written to JSON).
    pub fn is_as_given(&self) -> bool {
        *self == ArticleOrder::AsGiven
    }
}

/// A named section of a [`Collection`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct BookSection {
    /// The section's title, as the table of contents shows it.
    pub title: String,
    /// Its articles, as indices into [`Collection::articles`], in reading
    /// order.
    pub articles: Vec<usize>,
}

impl Inline {
    /// A plain-text inline.
    pub fn text(s: impl Into<String>) -> Self {
        Inline::Text { text: s.into() }
    }

    /// Appends the text a reader sees to `out`.
    pub fn push_plain(&self, out: &mut String) {
        match self {
            Inline::Text { text } | Inline::Link { text, .. } => out.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } => {
                content.iter().for_each(|i| i.push_plain(out))
            }
        }
    }

    /// The inlines a span holds (empty for text and links).
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Emphasis { content } | Inline::Strong { content } => content,
            Inline::Text { .. } | Inline::Link { .. } => &[],
        }
    }
}

/// The visible text of a run of inlines, concatenated.
pub fn plain_text(content: &[Inline]) -> String {
    let mut out = String::new();
    content.iter().for_each(|i| i.push_plain(&mut out));
    out
}

impl Block {
    /// A paragraph of plain text.
    pub fn paragraph(s: impl Into<String>) -> Self {
        Block::Paragraph {
            content: vec![Inline::text(s)],
        }
    }

    /// The block kind's name as it appears in JSON (`paragraph`, `heading`...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Quote { .. } => "quote",
            Block::List { .. } => "list",
            Block::Code { .. } => "code",
            Block::Caption { .. } => "caption",
            Block::Note { .. } => "note",
        }
    }

    /// All visible text of the block, nested blocks included, one line per
    /// leaf block. Used by text-preservation checks and plain-text writers.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        let push = |s: &str, out: &mut String| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(s);
        };
        match self {
            Block::Paragraph { content }
            | Block::Heading { content, .. }
            | Block::Caption { content, .. }
            | Block::Note { content, .. } => push(&plain_text(content), out),
            Block::Code { text } => push(text, out),
            Block::Quote { blocks } => blocks.iter().for_each(|b| b.collect_text(out)),
            Block::List { items, .. } => {
                for item in items {
                    push(&plain_text(&item.content), out);
                    item.children.iter().for_each(|b| b.collect_text(out));
                }
            }
        }
    }
}

impl Article {
    /// Number of ordinary paragraphs in the body (top level and inside quotes).
    pub fn paragraph_count(&self) -> usize {
        fn count(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph { .. } => 1,
                    Block::Quote { blocks } => count(blocks),
                    _ => 0,
                })
                .sum()
        }
        count(&self.body)
    }

    /// Every piece of text of the article that a writer must reproduce: title,
    /// header fields, body and footer, in reading order, one line per block.
    pub fn all_text(&self) -> Vec<String> {
        let mut out = vec![self.title.clone()];
        out.extend(self.subtitle.iter().cloned());
        out.extend(self.kicker.iter().cloned());
        out.extend(self.byline.iter().cloned());
        out.extend(self.date_text.iter().cloned());
        out.extend(self.updated_text.iter().cloned());
        out.extend(self.standfirst.iter().cloned());
        out.extend(self.body.iter().map(Block::plain_text));
        out.extend(self.footer.iter().map(Block::plain_text));
        out
    }

    /// The year for copyright metadata: the copyright year, else the date's year.
    pub fn rights_year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.copyright
            .as_ref()
            .and_then(|c| c.year)
            .or_else(|| self.date.map(|d| d.year()))
    }
}
