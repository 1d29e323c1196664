//! The style table: every size, leading, space and proportion the layout
//! uses, as named fields computed once from the body size. The layout code
//! reads these fields instead of multiplying sizes inline, so the design
//! is read (and changed) in one place.

/// A size of type and the leading (line height) it is set on, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    pub size: f32,
    pub leading: f32,
}

/// The article's blocks: body text, headings, quotes, lists, code,
/// captions, notes.
#[derive(Debug, Clone)]
pub(crate) struct Blocks {
    pub body: Text,
    /// First-line indent of a paragraph that follows a paragraph.
    pub para_indent: f32,
    /// Space above a paragraph that does not follow one.
    pub para_space: f32,
    /// Levels 1, 2 and 3 (and deeper).
    pub headings: [Text; 3],
    pub heading_space_before: f32,
    pub heading_space_after: f32,
    /// Indent of a quotation (both sides).
    pub quote_indent: f32,
    /// Least space above and below a quotation.
    pub quote_space: f32,
    /// Indent of a list item's text (its marker hangs in it).
    pub list_indent: f32,
    pub list_space_first: f32,
    pub list_space: f32,
    pub list_space_after: f32,
    /// Size of a list marker.
    pub marker_size: f32,
    /// Between a marker and its item's text.
    pub marker_gap: f32,
    pub code: Text,
    /// Indent of a code block.
    pub code_indent: f32,
    /// Space above and below a code block.
    pub code_space: f32,
    /// Most a code line's leading spaces indent it, as a fraction of the
    /// measure.
    pub code_max_lead: f32,
    /// How much further in than its line's first the continuation of a
    /// wrapped code line starts.
    pub code_hang: f32,
    pub caption: Text,
    pub credit: Text,
    pub caption_space_before: f32,
    pub caption_space_after: f32,
    pub note: Text,
    pub note_space_before: f32,
    /// Space above the article's footer blocks.
    pub footer_space_before: f32,
    /// The rule above the body, as a fraction of the measure.
    pub body_rule: f32,
    /// The rule above the footer blocks, as a fraction of the measure.
    pub footer_rule: f32,
    /// Room a rule above a unit takes, as a fraction of its leading.
    pub rule_room: f32,
    /// A rule's drop below the unit's top, as a fraction of its leading.
    pub rule_drop: f32,
    /// A rule's line width.
    pub rule_width: f32,
}

/// The article's title block: kicker, title, subtitle, byline and date,
/// standfirst.
#[derive(Debug, Clone)]
pub(crate) struct TitleBlock {
    pub kicker: Text,
    pub kicker_space_after: f32,
    pub title: Text,
    pub subtitle: Text,
    pub subtitle_space_before: f32,
    /// The byline and date line.
    pub meta: Text,
    pub meta_space_before: f32,
    pub standfirst: Text,
    pub standfirst_space_before: f32,
    /// Space below the whole block.
    pub space_after: f32,
}

/// The running header and footer.
#[derive(Debug, Clone)]
pub(crate) struct Running {
    /// Size of the header and footer text.
    pub size: f32,
    /// Width of the page number's column, as a fraction of the measure.
    pub number_width: f32,
    /// Width of the copyright line, as a fraction of the measure.
    pub rights_width: f32,
    /// Most of the measure an article's title takes in a book's header.
    pub title_width: f32,
    /// Between the book's title and the article's in the header.
    pub gap: f32,
    /// The header's baseline above the text block.
    pub header_rise: f32,
    /// The footer's baseline below the text block.
    pub footer_drop: f32,
    /// The header rule above the text block.
    pub rule_rise: f32,
    pub rule_width: f32,
    /// Characters of a single article's title in its header.
    pub title_chars: usize,
}

/// A book's title page.
#[derive(Debug, Clone)]
pub(crate) struct TitlePage {
    /// The title's top, as a fraction of the text block's height.
    pub top: f32,
    pub title: Text,
    pub title_chars: usize,
    pub subtitle_space_before: f32,
    pub subtitle: Text,
    pub subtitle_chars: usize,
    pub rule_space_before: f32,
    /// The rule's length, as a fraction of the measure.
    pub rule_length: f32,
    pub rule_width: f32,
    pub rule_space_after: f32,
    pub authors: Text,
    pub authors_chars: usize,
    pub authors_space_after: f32,
    pub date: Text,
    pub publisher: Text,
    pub rights: Text,
    /// Least space between the date and the foot.
    pub foot_gap: f32,
    /// Centred lines' baselines: a line box's half plus this fraction of
    /// the size's half.
    pub baseline: f32,
}

/// A book's table of contents.
#[derive(Debug, Clone)]
pub(crate) struct Contents {
    pub heading: Text,
    pub heading_space_after: f32,
    pub entry: Text,
    pub title_chars: usize,
    /// Least space between a title and the page number column.
    pub gap: f32,
    /// Indent of an entry's lines after its first.
    pub hang: f32,
    /// The grid of the dotted leaders.
    pub dot_step: f32,
    /// Space between the leaders and the text on either side.
    pub dot_gap: f32,
    pub entry_space_after: f32,
}

/// Every size and spacing of the layout.
#[derive(Debug, Clone)]
pub(crate) struct StyleTable {
    pub blocks: Blocks,
    pub title: TitleBlock,
    pub running: Running,
    pub title_page: TitlePage,
    pub contents: Contents,
}

impl StyleTable {
    /// The table for body text of `s` points.
    pub(crate) fn new(s: f32) -> Self {
        StyleTable {
            blocks: blocks(s),
            title: title_block(s),
            running: running(s),
            title_page: title_page(s),
            contents: contents(s),
        }
    }
}

fn blocks(s: f32) -> Blocks {
    Blocks {
        body: Text {
            size: s,
            leading: s * 1.3,
        },
        para_indent: s * 1.2,
        para_space: s * 0.6,
        headings: [
            Text {
                size: s * 1.3,
                leading: s * 1.3 * 1.25,
            },
            Text {
                size: s * 1.12,
                leading: s * 1.12 * 1.25,
            },
            Text {
                size: s,
                leading: s * 1.25,
            },
        ],
        heading_space_before: s * 1.3,
        heading_space_after: s * 0.35,
        quote_indent: s * 1.8,
        quote_space: s * 0.6,
        list_indent: s * 1.6,
        list_space_first: s * 0.5,
        list_space: s * 0.2,
        list_space_after: s * 0.5,
        marker_size: s,
        marker_gap: s * 0.5,
        // DejaVu Sans Mono's x-height is a quarter larger than
        // Libertinus's: at 0.8 of the body size their x-heights match.
        code: Text {
            size: s * 0.8,
            leading: s * 0.8 * 1.35,
        },
        code_indent: s,
        code_space: s * 0.6,
        code_max_lead: 0.5,
        code_hang: s * 0.8 * 0.6 * 2.0,
        caption: Text {
            size: s * 0.85,
            leading: s * 0.85 * 1.3,
        },
        credit: Text {
            size: s * 0.75,
            leading: s * 0.75 * 1.3,
        },
        caption_space_before: s * 0.5,
        caption_space_after: s * 0.3,
        note: Text {
            size: s * 0.85,
            leading: s * 0.85 * 1.32,
        },
        note_space_before: s * 0.45,
        footer_space_before: s * 1.5,
        body_rule: 1.0,
        footer_rule: 0.3,
        rule_room: 0.5,
        rule_drop: 0.1,
        rule_width: 0.5,
    }
}

fn title_block(s: f32) -> TitleBlock {
    TitleBlock {
        kicker: Text {
            size: s * 0.8,
            leading: s * 1.0,
        },
        kicker_space_after: s * 0.3,
        title: Text {
            size: s * 2.1,
            leading: s * 2.1 * 1.12,
        },
        subtitle: Text {
            size: s * 1.3,
            leading: s * 1.3 * 1.25,
        },
        subtitle_space_before: s * 0.45,
        meta: Text {
            size: s * 0.9,
            leading: s * 0.9 * 1.35,
        },
        meta_space_before: s * 0.8,
        standfirst: Text {
            size: s * 1.12,
            leading: s * 1.12 * 1.35,
        },
        standfirst_space_before: s * 0.9,
        space_after: s * 1.2,
    }
}

fn running(s: f32) -> Running {
    Running {
        size: s * 0.8,
        number_width: 0.2,
        rights_width: 0.78,
        title_width: 0.6,
        gap: s * 2.0,
        header_rise: s * 1.9,
        footer_drop: s * 2.6,
        rule_rise: s * 1.3,
        rule_width: 0.4,
        title_chars: 70,
    }
}

fn title_page(s: f32) -> TitlePage {
    TitlePage {
        top: 0.2,
        title: Text {
            size: s * 2.6,
            leading: s * 2.6 * 1.18,
        },
        title_chars: 240,
        subtitle_space_before: s * 0.6,
        subtitle: Text {
            size: s * 1.35,
            leading: s * 1.35 * 1.3,
        },
        subtitle_chars: 400,
        rule_space_before: s * 1.6,
        rule_length: 0.18,
        rule_width: 0.6,
        rule_space_after: s * 1.8,
        authors: Text {
            size: s * 1.2,
            leading: s * 1.2 * 1.35,
        },
        authors_chars: 400,
        authors_space_after: s * 0.5,
        date: Text {
            size: s,
            leading: s * 1.35,
        },
        publisher: Text {
            size: s * 0.95,
            leading: s * 0.95 * 1.35,
        },
        rights: Text {
            size: s * 0.8,
            leading: s * 0.8 * 1.35,
        },
        foot_gap: s * 2.0,
        baseline: 0.7,
    }
}

fn contents(s: f32) -> Contents {
    Contents {
        heading: Text {
            size: s * 1.7,
            leading: s * 1.7 * 1.2,
        },
        heading_space_after: s * 1.4,
        entry: Text {
            size: s,
            leading: s * 1.32,
        },
        title_chars: 300,
        gap: s * 2.0,
        hang: s,
        dot_step: s * 0.4,
        dot_gap: s * 0.2,
        entry_space_after: s * 0.35,
    }
}
