//! Command-line interface: argument parsing (clap) and the commands.

use crate::input::{self, InputError, InputFormat, Overrides, ReadOptions, Source};
use crate::output::{self, Target};
use crate::registry::WRITERS;
use clap::{Args, Parser, Subcommand, ValueEnum};
use folio_core::parse::date::DateOrder;
use folio_core::{Settings, Severity, Writer};
use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that ignores a closed standard output (`folio formats | head`)
/// instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// Exit status: everything worked.
const EXIT_OK: u8 = 0;
/// Exit status: an input could not be read or understood.
const EXIT_INPUT: u8 = 1;
/// Exit status: wrong usage (clap uses 2 as well).
const EXIT_USAGE: u8 = 2;
/// Exit status: an output could not be written.
const EXIT_OUTPUT: u8 = 3;
/// Exit status: `folio eval` scored below a threshold.
const EXIT_EVAL: u8 = 4;

const AFTER_HELP: &str = "\
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
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
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
    /// Score the parser on a folder with a MANIFEST.tsv of expected values.
    Eval(EvalArgs),
}

#[derive(Args, Debug, Clone)]
struct ParseArgs {
    /// Use this title instead of the one found in the text.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Use this publication date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Use this author (repeat for several).
    #[arg(long = "author", value_name = "NAME")]
    authors: Vec<String>,
    /// The article's language as a BCP 47 tag (en, de, pt-BR); detected when absent.
    #[arg(long, value_name = "TAG", value_parser = parse_lang)]
    lang: Option<String>,
    /// How to read numeric dates such as 03/04/2023.
    #[arg(long, value_enum, default_value_t = DateOrderArg::Auto)]
    date_order: DateOrderArg,
    /// Replace invalid UTF-8 bytes with U+FFFD instead of refusing the input.
    #[arg(long)]
    lossy: bool,
    /// Read inputs in this format, whatever their names (see `folio formats`).
    #[arg(long = "from", value_enum, value_name = "FORMAT")]
    from: Option<FromArg>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum FromArg {
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
enum DateOrderArg {
    /// Month first for English, day first otherwise; warn when ambiguous.
    Auto,
    /// 03/04/2023 is 3 April.
    DayFirst,
    /// 03/04/2023 is 4 March.
    MonthFirst,
}

#[derive(Args, Debug)]
struct ConvertArgs {
    /// Input files (raw text, or Folio JSON with a .json name); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output file; the format comes from its extension. `-` writes to standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<String>,
    /// Write one output per input into this folder, named after the input.
    #[arg(short = 'd', long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Output format (see `folio formats`); overrides the extension.
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    to: Option<String>,
    #[command(flatten)]
    parse: ParseArgs,
    /// With several inputs, go on after a failed one (the exit status still reports it).
    #[arg(long)]
    keep_going: bool,
    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    writer: WriterArgs,
}

#[derive(Args, Debug, Clone)]
struct WriterArgs {
    /// JATS flavour.
    #[arg(long, value_enum, value_name = "FLAVOR")]
    jats_flavor: Option<JatsFlavor>,
    /// JATS journal-id (default: from the publisher or site).
    #[arg(long, value_name = "ID")]
    jats_journal_id: Option<String>,
    /// JATS journal title.
    #[arg(long, value_name = "TEXT")]
    jats_journal_title: Option<String>,
    /// JATS ISSN (checked).
    #[arg(long, value_name = "ISSN")]
    jats_issn: Option<String>,
    /// JATS publisher name.
    #[arg(long, value_name = "TEXT")]
    jats_publisher: Option<String>,
    /// Cover image for EPUB (PNG, JPEG, GIF or SVG).
    #[arg(long, value_name = "IMAGE")]
    cover: Option<PathBuf>,
    /// Extra font file for PDF, tried before the bundled fonts (repeatable).
    #[arg(long = "font", value_name = "FILE")]
    fonts: Vec<PathBuf>,
    /// PDF: use only the bundled and --font fonts, never installed system fonts.
    #[arg(long)]
    no_system_fonts: bool,
    /// PDF page size.
    #[arg(long, value_enum, value_name = "SIZE")]
    page_size: Option<PageSize>,
    /// PDF base font size in points.
    #[arg(long, value_name = "PT")]
    font_size: Option<f32>,
    /// A writer option as KEY=VALUE (e.g. markdown.front-matter=false); repeatable.
    #[arg(short = 'O', long = "option", value_name = "KEY=VALUE", value_parser = parse_kv)]
    options: Vec<(String, String)>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum JatsFlavor {
    /// Journal Archiving and Interchange (default).
    Archiving,
    /// Journal Publishing.
    Publishing,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum PageSize {
    A4,
    Letter,
    A5,
}

const BOOK_HELP: &str = "\
Examples:
  folio book articles/ -o week.epub --title \"A week of news\" --sort date
  folio book a.txt b.txt 'more/*.txt' -o book.pdf -o book.epub
  folio book articles/ -t jats -o jats-out        one JATS file per article + manifest.json
  folio book folio.toml                           everything from a manifest (see README)";

#[derive(Args, Debug)]
struct BookArgs {
    /// Article files, folders (their .txt/.json files) or quoted glob patterns;
    /// or one folio.toml manifest.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// Output file (repeat for several formats); the format comes from the
    /// extension. For JATS it is a folder.
    #[arg(short, long = "output", value_name = "PATH")]
    outputs: Vec<PathBuf>,
    /// Output format when the output name has no telling extension.
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    to: Option<String>,
    /// Book title.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Book subtitle.
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,
    /// Editor or author of the book (repeatable).
    #[arg(long = "author", value_name = "NAME")]
    authors: Vec<String>,
    /// Book language (BCP 47); default: the articles' most common language.
    #[arg(long, value_name = "TAG", value_parser = parse_lang)]
    lang: Option<String>,
    /// Book date (YYYY-MM-DD); default: the newest article's date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Publisher of the book.
    #[arg(long, value_name = "TEXT")]
    publisher: Option<String>,
    /// Article order.
    #[arg(long, value_enum)]
    sort: Option<crate::book::SortOrder>,
    /// Leave out articles that cannot be read instead of failing.
    #[arg(long)]
    keep_going: bool,
    /// Do not print warnings or progress.
    #[arg(short, long)]
    quiet: bool,
    /// How to read numeric dates in the articles.
    #[arg(long, value_enum, default_value_t = DateOrderArg::Auto)]
    date_order: DateOrderArg,
    #[command(flatten)]
    writer: WriterArgs,
}

#[derive(Args, Debug)]
struct InspectArgs {
    /// The input (raw text or Folio JSON); `-` reads standard input.
    #[arg(value_name = "INPUT")]
    input: String,
    /// Print the parse result (article, diagnostics, trace) as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    parse: ParseArgs,
}

#[derive(Args, Debug)]
struct FormatsArgs {
    /// One line per format, `NAME EXTENSION`, for scripts.
    #[arg(long)]
    plain: bool,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// Folder with MANIFEST.tsv (or INDEX.tsv) and the articles it lists.
    dir: PathBuf,
    /// Fail (exit 4) when the exact-title rate is below this (0..1).
    #[arg(long, default_value_t = 0.0)]
    min_title: f64,
    /// Fail when the exact-date rate is below this.
    #[arg(long, default_value_t = 0.0)]
    min_date: f64,
    /// Fail when the byline-names rate is below this.
    #[arg(long, default_value_t = 0.0)]
    min_byline: f64,
    /// Fail when the exact-paragraph-count rate is below this.
    #[arg(long, default_value_t = 0.0)]
    min_paragraphs: f64,
    /// Do not list the misses.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
}

fn parse_lang(s: &str) -> Result<String, String> {
    folio_core::lang::normalize_tag(s).ok_or_else(|| {
        format!("'{s}' is not a BCP 47 language tag (examples: en, de, pt-BR, zh-Hant)")
    })
}

fn parse_kv(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .filter(|(k, _)| !k.is_empty())
        .ok_or_else(|| format!("'{s}' is not KEY=VALUE"))
}

impl ParseArgs {
    fn read_options(&self) -> ReadOptions {
        ReadOptions {
            date_order: match self.date_order {
                DateOrderArg::Auto => DateOrder::Auto,
                DateOrderArg::DayFirst => DateOrder::DayFirst,
                DateOrderArg::MonthFirst => DateOrder::MonthFirst,
            },
            lossy: self.lossy,
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

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Convert(a) => convert(a),
        Command::Inspect(a) => inspect(a),
        Command::Formats(a) => formats(a),
        Command::Book(a) => book(a),
        Command::Eval(a) => eval(a),
    };
    ExitCode::from(code)
}

fn usage(msg: impl std::fmt::Display) -> u8 {
    eprintln!("folio: error: {msg}");
    EXIT_USAGE
}

fn find_writer(key: &str) -> Option<&'static dyn Writer> {
    folio_core::writer::find(WRITERS, key)
}

fn known_formats() -> String {
    WRITERS
        .iter()
        .map(|w| w.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn settings(a: &WriterArgs) -> Result<Settings, String> {
    let timestamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => Some(
            v.trim()
                .parse::<i64>()
                .map_err(|_| format!("SOURCE_DATE_EPOCH='{v}' is not a number of seconds"))?,
        ),
        _ => None,
    };
    let mut options: BTreeMap<String, String> = a.options.iter().cloned().collect();
    if let Some(f) = a.jats_flavor {
        let v = if f == JatsFlavor::Publishing {
            "publishing"
        } else {
            "archiving"
        };
        options.insert("jats.flavor".into(), v.into());
    }
    if let Some(p) = a.page_size {
        let v = match p {
            PageSize::A4 => "a4",
            PageSize::Letter => "letter",
            PageSize::A5 => "a5",
        };
        options.insert("pdf.page-size".into(), v.into());
    }
    for (key, v) in [
        ("jats.journal-id", &a.jats_journal_id),
        ("jats.journal-title", &a.jats_journal_title),
        ("jats.issn", &a.jats_issn),
        ("jats.publisher", &a.jats_publisher),
    ] {
        if let Some(v) = v {
            options.insert(key.into(), v.clone());
        }
    }
    if a.no_system_fonts {
        options.insert("pdf.system-fonts".into(), "no".into());
    }
    if let Some(s) = a.font_size {
        if !(4.0..=72.0).contains(&s) {
            return Err(format!("--font-size {s} is out of range (4 to 72 points)"));
        }
        options.insert("pdf.font-size".into(), s.to_string());
    }
    for p in a.fonts.iter().chain(a.cover.iter()) {
        if !p.is_file() {
            return Err(format!("{}: no such file", p.display()));
        }
    }
    Ok(Settings {
        timestamp,
        cover: a.cover.clone(),
        fonts: a.fonts.clone(),
        options,
    })
}

fn print_diagnostics(source: &str, diags: &[folio_core::Diagnostic], quiet: bool) {
    for d in diags {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        eprintln!("{}", d.display_with_file(source));
    }
}

struct Job {
    source: Source,
    target: Target,
}

fn convert(a: ConvertArgs) -> u8 {
    let settings = match settings(&a.writer) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let sources: Vec<Source> = a.inputs.iter().map(|s| Source::from_arg(s)).collect();
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return usage("standard input ('-') can be read only once");
    }
    // Which writer.
    let writer = match (&a.to, &a.output) {
        (Some(t), _) => match find_writer(t) {
            Some(w) => w,
            None => return usage(format!("unknown format '{t}' (known: {})", known_formats())),
        },
        (None, Some(o)) if o != "-" => {
            let ext = std::path::Path::new(o)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("");
            match find_writer(ext) {
                Some(w) => w,
                None => {
                    return usage(format!(
                        "cannot tell the format from '{o}'; use a known extension or --to (known: {})",
                        known_formats()
                    ));
                }
            }
        }
        (None, _) if a.out_dir.is_some() => {
            return usage("--out-dir needs --to FORMAT");
        }
        (None, _) => {
            return usage(
                "give an output file with -o FILE (its extension names the format) or --to FORMAT",
            );
        }
    };
    // Where to.
    let jobs: Vec<Job> = if let Some(dir) = &a.out_dir {
        if !dir.is_dir() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("folio: error: cannot create {}: {e}", dir.display());
                return EXIT_OUTPUT;
            }
        }
        let ext = writer.extensions()[0];
        let mut used = HashSet::new();
        sources
            .into_iter()
            .map(|s| {
                let stem = match s.path().and_then(|p| p.file_stem()) {
                    Some(st) => output::safe_stem(&st.to_string_lossy()),
                    None => "stdin".into(),
                };
                let mut name = format!("{stem}.{ext}");
                let mut n = 2;
                while !used.insert(name.clone()) {
                    name = format!("{stem}-{n}.{ext}");
                    n += 1;
                }
                Job {
                    source: s,
                    target: Target::File(dir.join(name)),
                }
            })
            .collect()
    } else {
        if sources.len() > 1 {
            return usage("several inputs need --out-dir DIR (one output per input)");
        }
        let target = match a.output.as_deref() {
            None | Some("-") => Target::Stdout,
            Some(o) => Target::File(o.into()),
        };
        if target == Target::Stdout && writer.is_binary() && std::io::stdout().is_terminal() {
            return usage(format!(
                "{} output is binary; refusing to write it to a terminal (use -o FILE)",
                writer.name()
            ));
        }
        sources
            .into_iter()
            .map(|s| Job {
                source: s,
                target: target.clone(),
            })
            .collect()
    };
    // Never overwrite an input (checked on all cores: it resolves paths).
    let clash = {
        use rayon::prelude::*;
        jobs.par_iter()
            .find_first(|j| match (j.source.path(), &j.target) {
                (Some(src), Target::File(dst)) => output::same_file(src, dst),
                _ => false,
            })
    };
    if let Some(j) = clash {
        eprintln!(
            "{}: error: the output would overwrite this input; choose another output name",
            j.source.display()
        );
        return EXIT_USAGE;
    }
    let ropts = a.parse.read_options();
    if jobs.len() == 1 {
        return convert_one(&jobs[0], writer, &settings, &ropts, a.quiet);
    }
    // Batch: in parallel over all cores; without --keep-going, inputs not yet
    // started when one fails are skipped. Outputs are staged (written in
    // full beside their targets) and put in place together after one sync of
    // the file system, not an fsync each (see `output::commit_all`).
    use rayon::prelude::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
    let stop = AtomicBool::new(false);
    let status = AtomicU8::new(EXIT_OK);
    let staged = Mutex::new(Vec::with_capacity(jobs.len()));
    let pb = crate::book::progress_bar(jobs.len(), a.quiet, "converting");
    jobs.par_iter().for_each(|j| {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let code = match &j.target {
            Target::File(path) => match run_job(j, writer, &settings, &ropts, a.quiet, |w| {
                output::stage(path, w)
            }) {
                Ok(s) => {
                    staged.lock().unwrap_or_else(|e| e.into_inner()).push(s);
                    EXIT_OK
                }
                Err(code) => code,
            },
            Target::Stdout => convert_one(j, writer, &settings, &ropts, a.quiet),
        };
        pb.inc(1);
        if code != EXIT_OK {
            status.fetch_max(code, Ordering::Relaxed);
            if !a.keep_going {
                stop.store(true, Ordering::Relaxed);
            }
        }
    });
    pb.finish_and_clear();
    let staged = staged.into_inner().unwrap_or_else(|e| e.into_inner());
    for (path, e) in output::commit_all(staged) {
        eprintln!("{}: error: {e}", path.display());
        status.fetch_max(EXIT_OUTPUT, Ordering::Relaxed);
    }
    if stop.load(Ordering::Relaxed) {
        eprintln!("folio: stopped after a failure (use --keep-going to convert the rest)");
    }
    status.load(Ordering::Relaxed)
}

/// Converts one job, handing the writer's output to `put` (which writes it
/// to its target, or stages it). Errors are reported; the exit code is
/// returned.
fn run_job<T>(
    j: &Job,
    writer: &dyn Writer,
    settings: &Settings,
    ropts: &ReadOptions,
    quiet: bool,
    put: impl FnOnce(&mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), String>) -> Result<T, String>,
) -> Result<T, u8> {
    let loaded = match input::load(&j.source, ropts) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Err(EXIT_INPUT);
        }
    };
    print_diagnostics(&j.source.display(), &loaded.diagnostics, quiet);
    put(&mut |w| {
        writer
            .write_article(&loaded.article, settings, w)
            .map_err(|e| e.to_string())
    })
    .map_err(|e| {
        eprintln!("{}: error: {e}", j.target.display());
        EXIT_OUTPUT
    })
}

fn convert_one(
    j: &Job,
    writer: &dyn Writer,
    settings: &Settings,
    ropts: &ReadOptions,
    quiet: bool,
) -> u8 {
    match run_job(j, writer, settings, ropts, quiet, |w| {
        output::write_atomic(&j.target, w)
    }) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}

fn report_input_error(e: InputError) -> u8 {
    eprintln!("{e}");
    EXIT_INPUT
}

fn inspect(a: InspectArgs) -> u8 {
    let src = Source::from_arg(&a.input);
    let loaded = match input::load(&src, &a.parse.read_options()) {
        Ok(l) => l,
        Err(e) => return report_input_error(e),
    };
    if a.json {
        let v = serde_json::json!({
            "article": loaded.article,
            "diagnostics": loaded.diagnostics,
            "trace": loaded.trace,
        });
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return EXIT_OK;
    }
    let art = &loaded.article;
    let name = src.display();
    outln!("{name}");
    outln!("  language  {}", art.language);
    let show = |s: &str| -> String {
        let t: String = s.chars().take(72).collect();
        if s.chars().count() > 72 {
            format!("{t}…")
        } else {
            t
        }
    };
    if let Some(tr) = &loaded.trace {
        outln!("fields:");
        for f in &tr.fields {
            let value = match f.field {
                "title" => art.title.clone(),
                "subtitle" => art.subtitle.clone().unwrap_or_default(),
                "kicker" => art.kicker.clone().unwrap_or_default(),
                "standfirst" => art.standfirst.clone().unwrap_or_default(),
                "byline" => format!(
                    "{}  → authors: {}",
                    art.byline.clone().unwrap_or_default(),
                    art.authors.join("; ")
                ),
                "authors" => art.authors.join("; "),
                "date" => format!(
                    "{}  → {}",
                    art.date_text.clone().unwrap_or_default(),
                    art.date.map(|d| d.to_string()).unwrap_or_default()
                ),
                "updated_text" => art.updated_text.clone().unwrap_or_default(),
                "dateline" => art
                    .dateline
                    .as_ref()
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
                "copyright" => art
                    .copyright
                    .as_ref()
                    .map(|c| {
                        format!(
                            "{}  → year {:?}, holder {:?}",
                            c.statement,
                            c.year,
                            c.holder.clone().unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
                "source_url" => art.source_url.clone().unwrap_or_default(),
                "publisher" => art.publisher.clone().unwrap_or_default(),
                "language" => art.language.clone(),
                _ => String::new(),
            };
            outln!(
                "  {:>5}-{:<5} {:<12} {}",
                f.lines.0,
                f.lines.1,
                f.field,
                show(&value)
            );
            outln!("  {:11} {:12} ({})", "", "", f.reason);
        }
        outln!("body:");
        for (b, t) in art.body.iter().zip(&tr.body) {
            let kind = match b {
                folio_core::Block::Heading { level, .. } => format!("heading {level}"),
                folio_core::Block::List { ordered, items, .. } => {
                    format!(
                        "{} list ({} items)",
                        if *ordered { "numbered" } else { "bullet" },
                        items.len()
                    )
                }
                folio_core::Block::Caption { kind, .. } => format!("{kind:?}").to_lowercase(),
                folio_core::Block::Note { kind, .. } => format!("note ({kind:?})").to_lowercase(),
                other => other.kind_name().to_owned(),
            };
            outln!(
                "  {:>5}-{:<5} {:<12} {}",
                t.lines.0,
                t.lines.1,
                kind,
                show(&b.plain_text().replace('\n', " ⏎ "))
            );
            outln!("  {:11} {:12} ({})", "", "", t.reason);
        }
        if !tr.footer.is_empty() {
            outln!("footer:");
            for (b, t) in art.footer.iter().zip(&tr.footer) {
                outln!(
                    "  {:>5}-{:<5} {:<12} {}",
                    t.lines.0,
                    t.lines.1,
                    "footer",
                    show(&b.plain_text())
                );
            }
        }
    } else {
        outln!("(Folio JSON input: no line information)");
        outln!("  title     {}", art.title);
        for b in &art.body {
            outln!("  {:<12} {}", b.kind_name(), show(&b.plain_text()));
        }
    }
    outln!(
        "summary: {} paragraphs, {} blocks, {} warnings",
        art.paragraph_count(),
        art.body.len(),
        loaded.diagnostics.len()
    );
    print_diagnostics(&name, &loaded.diagnostics, false);
    EXIT_OK
}

fn formats(a: FormatsArgs) -> u8 {
    if a.plain {
        for w in WRITERS {
            outln!("{} {}", w.name(), w.extensions()[0]);
        }
        return EXIT_OK;
    }
    outln!(
        "{:<10} {:<18} {:<11} description",
        "name",
        "extensions",
        "collections"
    );
    for w in WRITERS {
        outln!(
            "{:<10} {:<18} {:<11} {}",
            w.name(),
            w.extensions().join(", "),
            if w.supports_collections() {
                "yes"
            } else {
                "no"
            },
            w.description()
        );
    }
    outln!();
    outln!("{:<10} {:<18} description", "reader", "extensions");
    for (name, exts, desc) in crate::input::READERS {
        outln!("{:<10} {:<18} {}", name, exts, desc);
    }
    EXIT_OK
}

fn eval(a: EvalArgs) -> u8 {
    use folio_core::eval;
    let manifest = ["MANIFEST.tsv", "INDEX.tsv"]
        .iter()
        .map(|m| a.dir.join(m))
        .find(|p| p.is_file());
    let Some(manifest) = manifest else {
        eprintln!(
            "{}: error: no MANIFEST.tsv or INDEX.tsv in this folder",
            a.dir.display()
        );
        return EXIT_INPUT;
    };
    let rows = match eval::read_manifest(&manifest) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: error: {e}", manifest.display());
            return EXIT_INPUT;
        }
    };
    let r = eval::evaluate(&a.dir, &rows, &Default::default());
    let pct = |x: usize| 100.0 * r.ratio(x);
    outln!("{} articles in {}", r.total, a.dir.display());
    outln!(
        "  title       {:>4}/{}  {:5.1}%",
        r.title,
        r.total,
        pct(r.title)
    );
    outln!(
        "  date        {:>4}/{}  {:5.1}%",
        r.date,
        r.total,
        pct(r.date)
    );
    outln!(
        "  byline      {:>4}/{}  {:5.1}%",
        r.byline,
        r.total,
        pct(r.byline)
    );
    outln!(
        "  paragraphs  {:>4}/{}  {:5.1}%",
        r.paragraphs,
        r.total,
        pct(r.paragraphs)
    );
    if !a.quiet && !r.misses.is_empty() {
        outln!("misses:");
        for m in &r.misses {
            outln!(
                "  {}  {}: expected {:?}, got {:?}",
                m.file,
                m.field,
                m.expected,
                m.got
            );
        }
    }
    let mut ok = true;
    for (name, hits, min) in [
        ("title", r.title, a.min_title),
        ("date", r.date, a.min_date),
        ("byline", r.byline, a.min_byline),
        ("paragraphs", r.paragraphs, a.min_paragraphs),
    ] {
        if r.ratio(hits) + 1e-9 < min {
            eprintln!(
                "folio eval: {name} accuracy {:.1}% is below {:.1}%",
                100.0 * r.ratio(hits),
                100.0 * min
            );
            ok = false;
        }
    }
    if ok { EXIT_OK } else { EXIT_EVAL }
}

fn book(a: BookArgs) -> u8 {
    use crate::book::{BookJob, read_manifest};
    let manifest_path = (a.inputs.len() == 1 && a.inputs[0].ends_with(".toml"))
        .then(|| PathBuf::from(&a.inputs[0]));
    let manifest = match &manifest_path {
        Some(p) => match read_manifest(p) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                return EXIT_INPUT;
            }
        },
        None => Default::default(),
    };
    let base_dir = manifest_path
        .as_ref()
        .and_then(|p| p.parent())
        .map(|d| {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d.to_path_buf()
            }
        })
        .unwrap_or_else(|| PathBuf::from("."));
    let inputs = if manifest_path.is_some() {
        manifest.articles.clone()
    } else {
        a.inputs.clone()
    };
    if inputs.is_empty() {
        return usage("the manifest lists no articles");
    }
    let mut writer_args = a.writer.clone();
    if writer_args.cover.is_none() {
        writer_args.cover = manifest.cover.as_ref().map(|c| base_dir.join(c));
    }
    let mut settings = match settings(&writer_args) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    if let Some(ps) = &manifest.page_size {
        settings
            .options
            .entry("pdf.page-size".into())
            .or_insert_with(|| ps.to_ascii_lowercase());
    }
    // Outputs: -o flags, else the manifest's formats.
    let mut outputs: Vec<(&'static dyn Writer, PathBuf)> = Vec::new();
    for o in &a.outputs {
        let key =
            a.to.clone()
                .or_else(|| o.extension().and_then(|e| e.to_str()).map(str::to_owned));
        match key.as_deref().and_then(find_writer) {
            Some(w) => outputs.push((w, o.clone())),
            None => {
                return usage(format!(
                    "cannot tell the format of '{}'; use a known extension or --to (known: {})",
                    o.display(),
                    known_formats()
                ));
            }
        }
    }
    if outputs.is_empty() {
        let stem = manifest.output.clone().or_else(|| {
            manifest_path
                .as_ref()
                .and_then(|p| p.file_stem())
                .map(|s| s.to_string_lossy().into_owned())
        });
        let (Some(stem), false) = (stem, manifest.formats.is_empty()) else {
            return usage("give an output with -o FILE (or formats in the manifest)");
        };
        for f in &manifest.formats {
            let Some(w) = find_writer(f) else {
                return usage(format!(
                    "unknown format '{f}' in the manifest (known: {})",
                    known_formats()
                ));
            };
            let path = if w.supports_collections() {
                base_dir.join(format!("{stem}.{}", w.extensions()[0]))
            } else {
                base_dir.join(format!("{stem}-{}", w.name()))
            };
            outputs.push((w, path));
        }
    }
    let mut authors: Vec<String> = manifest.editor.iter().cloned().collect();
    authors.extend(manifest.authors.iter().cloned());
    if !a.authors.is_empty() {
        authors = a.authors.clone();
    }
    let read = ParseArgs {
        title: None,
        date: None,
        authors: vec![],
        lang: None,
        date_order: a.date_order,
        lossy: false,
        // Each book input is detected on its own: any mix of formats.
        from: None,
    }
    .read_options();
    let lang = a.lang.clone().or_else(|| {
        manifest
            .language
            .as_deref()
            .and_then(folio_core::lang::normalize_tag)
    });
    let job = BookJob {
        inputs,
        base_dir: if manifest_path.is_some() {
            base_dir
        } else {
            PathBuf::from(".")
        },
        title: a.title.clone().or(manifest.title.clone()),
        subtitle: a.subtitle.clone().or(manifest.subtitle.clone()),
        authors,
        language: lang,
        date: a.date.or(manifest.date),
        publisher: a.publisher.clone().or(manifest.publisher.clone()),
        rights: manifest.rights.clone(),
        sort: a.sort.or(manifest.sort).unwrap_or_default(),
        keep_going: a.keep_going,
        quiet: a.quiet,
        outputs,
        settings,
        read,
    };
    crate::book::run(job)
}
