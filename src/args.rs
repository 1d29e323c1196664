//! The command line, as clap reads it: every command's arguments, and how
//! they become parse options and writer options.

use clap::{Args, Parser, Subcommand, ValueEnum};
use folio_core::parse::DateOrder;
use folio_driver::Options;
use std::path::PathBuf;

use crate::input::{InputFormat, Overrides, ReadOptions};

pub(crate) const AFTER_HELP: &str = "\
Examples:
  folio convert article.txt -o article.md        Markdown (format from the extension)
  folio convert article.txt -o article.json      the document model as JSON
  folio convert article.json -o article.md       JSON back to any format
  folio convert *.txt --out-dir out -t md        one output per input
  cat article.txt | folio convert - -t json      standard input to standard output
  folio inspect article.txt                      what the parser saw, line by line
  folio formats                                  the output formats

Exit status:
  0  success
  1  an input could not be read or parsed (the message names file and line)
  2  usage error
  3  an output could not be written (no partial file is left behind)
  4  folio eval: a score is below its threshold";

/// Folio turns raw article text, as copied from a news site, into
/// publication-grade Markdown, JSON, JATS XML, EPUB and PDF.
#[derive(Parser, Debug)]
#[command(name = "folio", version, about, long_about = None, after_help = AFTER_HELP)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Convert articles (raw text or Folio JSON) to another format.
    #[command(after_help = AFTER_HELP)]
    Convert(ConvertArgs),
    /// Show how an input was parsed: each field and block with its lines and
    /// the reason, and all warnings.
    Inspect(InspectArgs),
    /// List the output formats.
    Formats(FormatsArgs),
    /// Collect articles into one e-book (EPUB, PDF, Markdown, JSON) or a
    /// folder of JATS files with a manifest.
    #[command(after_help = BOOK_HELP)]
    Book(BookArgs),
    /// Score the parser on a labelled folder (EXPECTED.jsonl or MANIFEST.tsv):
    /// field scores, and block-role precision and recall.
    Eval(EvalArgs),
    /// Print the JSON Schema of Folio's JSON (the document model), the same
    /// as schema/article.schema.json.
    Schema,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Install, for example:\n  folio completions bash > ~/.local/share/bash-completion/completions/folio\n  folio completions zsh > \"${fpath[1]}/_folio\"\n  folio completions fish > ~/.config/fish/completions/folio.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `folio man > folio.1; man ./folio.1`.
    Man(ManArgs),
}

#[derive(Args, Debug)]
pub(crate) struct ManArgs {
    /// Write folio.1 and one page per command (folio-convert.1, ...) into
    /// this folder instead of printing folio.1.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Args, Debug, Clone)]
pub(crate) struct ParseArgs {
    /// Use this title instead of the one found in the text.
    #[arg(long, value_name = "TEXT")]
    pub(crate) title: Option<String>,
    /// Use this publication date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) date: Option<chrono::NaiveDate>,
    /// Use this author (repeat for several).
    #[arg(long = "author", value_name = "NAME")]
    pub(crate) authors: Vec<String>,
    /// The article's language as a BCP 47 tag (en, de, pt-BR); detected when absent.
    #[arg(long, value_name = "TAG", value_parser = parse_lang)]
    pub(crate) lang: Option<String>,
    /// How to read numeric dates such as 03/04/2023.
    #[arg(long, value_enum, default_value_t = DateOrderArg::Auto)]
    pub(crate) date_order: DateOrderArg,
    /// Replace invalid UTF-8 bytes with U+FFFD instead of refusing the input.
    #[arg(long)]
    pub(crate) lossy: bool,
    /// JSON input: ignore keys the model does not have, with a warning,
    /// instead of refusing the input.
    #[arg(long)]
    pub(crate) lenient: bool,
    /// Read inputs in this format, whatever their names (see `folio formats`).
    #[arg(long = "from", value_enum, value_name = "FORMAT")]
    pub(crate) from: Option<FromArg>,
}

/// The input formats `--from` names.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FromArg {
    /// Raw article text.
    Text,
    /// Folio JSON.
    Json,
    /// Markdown with YAML front matter.
    #[value(alias = "md")]
    Markdown,
    /// JATS XML.
    #[value(alias = "xml")]
    Jats,
    /// A saved HTML page.
    #[value(alias = "htm")]
    Html,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DateOrderArg {
    /// Month first for English, day first otherwise; warn when ambiguous.
    Auto,
    /// 03/04/2023 is 3 April.
    DayFirst,
    /// 03/04/2023 is 4 March.
    MonthFirst,
}

#[derive(Args, Debug)]
pub(crate) struct ConvertArgs {
    /// Input files (raw text, or Folio JSON with a .json name); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<String>,
    /// Output file; the format comes from its extension. `-` writes to standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    pub(crate) output: Option<String>,
    /// Write one output per input into this folder, named after the input.
    #[arg(short = 'd', long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
    /// Output format (see `folio formats`); overrides the extension.
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    pub(crate) to: Option<String>,
    #[command(flatten)]
    pub(crate) parse: ParseArgs,
    /// With several inputs, go on after a failed one (the exit status still reports it).
    #[arg(long)]
    pub(crate) keep_going: bool,
    /// Do not print warnings.
    #[arg(short, long)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) writer: WriterArgs,
}

/// Writer options. Each flag sets one key of a writer's typed options
/// (`--page-size` is `pdf.page-size`); `-O` sets any key.
#[derive(Args, Debug, Clone)]
pub(crate) struct WriterArgs {
    /// JATS flavour (jats.flavor).
    #[arg(long, value_enum, value_name = "FLAVOR")]
    pub(crate) jats_flavor: Option<folio_jats::Flavor>,
    /// JATS journal-id (default: from the publisher or site).
    #[arg(long, value_name = "ID")]
    pub(crate) jats_journal_id: Option<String>,
    /// JATS journal title.
    #[arg(long, value_name = "TEXT")]
    pub(crate) jats_journal_title: Option<String>,
    /// JATS ISSN (checked).
    #[arg(long, value_name = "ISSN")]
    pub(crate) jats_issn: Option<String>,
    /// JATS publisher name.
    #[arg(long, value_name = "TEXT")]
    pub(crate) jats_publisher: Option<String>,
    /// Cover image for EPUB (PNG, JPEG, GIF or SVG) (epub.cover).
    #[arg(long, value_name = "IMAGE")]
    pub(crate) cover: Option<PathBuf>,
    /// Extra font file for PDF, tried before the bundled fonts (repeatable) (pdf.fonts).
    #[arg(long = "font", value_name = "FILE")]
    pub(crate) fonts: Vec<PathBuf>,
    /// PDF: use only the bundled and --font fonts, never installed system fonts.
    #[arg(long)]
    pub(crate) no_system_fonts: bool,
    /// PDF: fail (exit 3) when no font covers a character, instead of
    /// drawing a replacement mark and warning (pdf.strict-fonts).
    #[arg(long)]
    pub(crate) strict_fonts: bool,
    /// PDF page size.
    #[arg(long, value_enum, value_name = "SIZE")]
    pub(crate) page_size: Option<folio_pdf::PageSize>,
    /// PDF base font size in points (4 to 72).
    #[arg(long, value_name = "PT")]
    pub(crate) font_size: Option<folio_pdf::FontSize>,
    /// A writer option as FORMAT.KEY=VALUE (e.g. markdown.front-matter=false); repeatable.
    #[arg(short = 'O', long = "option", value_name = "KEY=VALUE")]
    pub(crate) options: Vec<String>,
}

pub(crate) const BOOK_HELP: &str = "\
Examples:
  folio book articles/ -o week.epub --title \"A week of news\" --sort date
  folio book a.txt b.txt 'more/*.txt' -o book.pdf -o book.epub
  folio book articles/ -t jats -o jats-out        one JATS file per article + manifest.json
  folio book folio.toml                           everything from a manifest (see README)";

#[derive(Args, Debug)]
pub(crate) struct BookArgs {
    /// Article files, folders (their .txt/.json files) or quoted glob patterns;
    /// or one folio.toml manifest.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<String>,
    /// Output file (repeat for several formats); the format comes from the
    /// extension. For JATS it is a folder.
    #[arg(short, long = "output", value_name = "PATH")]
    pub(crate) outputs: Vec<PathBuf>,
    /// Output format when the output name has no telling extension.
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    pub(crate) to: Option<String>,
    /// Book title.
    #[arg(long, value_name = "TEXT")]
    pub(crate) title: Option<String>,
    /// Book subtitle.
    #[arg(long, value_name = "TEXT")]
    pub(crate) subtitle: Option<String>,
    /// Editor or author of the book (repeatable).
    #[arg(long = "author", value_name = "NAME")]
    pub(crate) authors: Vec<String>,
    /// Book language (BCP 47); default: the articles' most common language.
    #[arg(long, value_name = "TAG", value_parser = parse_lang)]
    pub(crate) lang: Option<String>,
    /// Book date (YYYY-MM-DD); default: the newest article's date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) date: Option<chrono::NaiveDate>,
    /// Publisher of the book.
    #[arg(long, value_name = "TEXT")]
    pub(crate) publisher: Option<String>,
    /// Article order.
    #[arg(long, value_enum)]
    pub(crate) sort: Option<crate::commands::book::SortOrder>,
    /// Leave out articles that cannot be read instead of failing.
    #[arg(long)]
    pub(crate) keep_going: bool,
    /// Do not print warnings or progress.
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// How to read numeric dates in the articles.
    #[arg(long, value_enum, default_value_t = DateOrderArg::Auto)]
    pub(crate) date_order: DateOrderArg,
    #[command(flatten)]
    pub(crate) writer: WriterArgs,
}

#[derive(Args, Debug)]
pub(crate) struct InspectArgs {
    /// The input (raw text or Folio JSON); `-` reads standard input.
    #[arg(value_name = "INPUT")]
    pub(crate) input: String,
    /// Print the parse result (article, diagnostics, trace) as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) parse: ParseArgs,
}

#[derive(Args, Debug)]
pub(crate) struct FormatsArgs {
    /// One line per format, `NAME EXTENSION`, for scripts.
    #[arg(long)]
    pub(crate) plain: bool,
}

#[derive(Args, Debug)]
pub(crate) struct EvalArgs {
    /// Folder with EXPECTED.jsonl (field scores and block roles) or
    /// MANIFEST.tsv / INDEX.tsv (field scores), and the articles it lists.
    pub(crate) dir: PathBuf,
    /// Score one half of the corpus (fixed split by a hash of the file
    /// name). The check half prints aggregate scores only, never file by file.
    #[arg(long, value_enum, default_value_t = EvalSplit::All)]
    pub(crate) split: EvalSplit,
    /// Fail (exit 4) when the exact-title rate is below this (0..1).
    #[arg(long, default_value_t = 0.0)]
    pub(crate) min_title: f64,
    /// Fail when the exact-date rate is below this.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) min_date: f64,
    /// Fail when the byline-names rate is below this.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) min_byline: f64,
    /// Fail when the exact-paragraph-count rate is below this.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) min_paragraphs: f64,
    /// Fail when the overall block-role accuracy is below this (needs
    /// EXPECTED.jsonl).
    #[arg(long, default_value_t = 0.0)]
    pub(crate) min_blocks: f64,
    /// Fail when the recall of any of h, li, quote, caption, note, date,
    /// byline and standfirst is below this (needs EXPECTED.jsonl).
    #[arg(long, default_value_t = 0.0)]
    pub(crate) min_role_recall: f64,
    /// Do not list the misses.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

/// Which half of a corpus `folio eval` scores.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EvalSplit {
    /// Every file.
    All,
    /// The half to tune against.
    Tune,
    /// The held-back half (aggregates only).
    Check,
}

pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
}

pub(crate) fn parse_lang(s: &str) -> Result<String, String> {
    folio_core::lang::normalize_tag(s).ok_or_else(|| {
        format!("'{s}' is not a BCP 47 language tag (examples: en, de, pt-BR, zh-Hant)")
    })
}

impl ParseArgs {
    pub(crate) fn read_options(&self) -> ReadOptions {
        ReadOptions {
            date_order: match self.date_order {
                DateOrderArg::Auto => DateOrder::Auto,
                DateOrderArg::DayFirst => DateOrder::DayFirst,
                DateOrderArg::MonthFirst => DateOrder::MonthFirst,
            },
            lossy: self.lossy,
            lenient: self.lenient,
            overrides: Overrides {
                title: self.title.clone(),
                date: self.date,
                authors: self.authors.clone(),
                lang: self.lang.clone(),
            },
            force_json: None,
            from: self.from.map(|f| match f {
                FromArg::Text => InputFormat::Text,
                FromArg::Json => InputFormat::Json,
                FromArg::Markdown => InputFormat::Markdown,
                FromArg::Jats => InputFormat::Jats,
                FromArg::Html => InputFormat::Html,
            }),
        }
    }
}

impl WriterArgs {
    /// The writers' options: `base` (a manifest's tables), then `-O`, then
    /// the typed flags, then `SOURCE_DATE_EPOCH`. An unknown key or a bad
    /// value is an error naming the key.
    pub(crate) fn options(&self, base: Options) -> Result<Options, folio_driver::Error> {
        let mut o = base;
        o.timestamp_from_env()?;
        for kv in &self.options {
            o.set_str(kv)?;
        }
        if let Some(f) = self.jats_flavor {
            o.set("jats.flavor", f)?;
        }
        for (key, v) in [
            ("jats.journal-id", &self.jats_journal_id),
            ("jats.journal-title", &self.jats_journal_title),
            ("jats.issn", &self.jats_issn),
            ("jats.publisher", &self.jats_publisher),
        ] {
            if let Some(v) = v {
                o.set(key, v)?;
            }
        }
        if let Some(c) = &self.cover {
            o.set("epub.cover", c)?;
        }
        if !self.fonts.is_empty() {
            o.set("pdf.fonts", &self.fonts)?;
        }
        if self.no_system_fonts {
            o.set("pdf.system-fonts", false)?;
        }
        if self.strict_fonts {
            o.set("pdf.strict-fonts", true)?;
        }
        if let Some(p) = self.page_size {
            o.set("pdf.page-size", p)?;
        }
        if let Some(s) = self.font_size {
            o.set("pdf.font-size", s)?;
        }
        Ok(o)
    }

    /// Files named by flags must exist (a usage error otherwise).
    pub(crate) fn check_files(&self) -> Result<(), String> {
        for p in self.fonts.iter().chain(self.cover.iter()) {
            if !p.is_file() {
                return Err(format!("{}: no such file", p.display()));
            }
        }
        Ok(())
    }
}
