//! `folio book`: collect many articles into one e-book (EPUB, PDF, Markdown,
//! JSON), or into a folder of per-article files with a manifest for formats
//! that are article-level (JATS).

use crate::args::*;
use crate::commands::*;
use crate::exit::INPUT as EXIT_INPUT;

use crate::input::{self, ReadOptions, Source};
use crate::output::{self, Failure, Target};
use folio_core::{Article, Collection, Diagnostic};
use folio_driver::{Options, Writer};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The order of the articles in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    /// The order of the inputs (folders are read in file-name order).
    #[default]
    AsGiven,
    /// Oldest first; articles without a date come last, with a warning.
    Date,
}

/// A `folio.toml` book manifest. Paths are relative to the manifest.
///
/// Besides the keys below, a table named after a format (`[pdf]`,
/// `[markdown]`...) holds that writer's options, with the same keys as
/// `-O FORMAT.KEY=VALUE`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Manifest {
    /// Book title.
    pub title: Option<String>,
    /// Book subtitle.
    pub subtitle: Option<String>,
    /// Editor (added before `authors`).
    pub editor: Option<String>,
    /// Editors or authors of the collection.
    pub authors: Vec<String>,
    /// BCP 47 language of the book.
    pub language: Option<String>,
    /// Date of the book (YYYY-MM-DD).
    pub date: Option<chrono::NaiveDate>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Rights statement.
    pub rights: Option<String>,
    /// Cover image.
    pub cover: Option<PathBuf>,
    /// `as-given` or `date`.
    pub sort: Option<SortOrder>,
    /// Articles: files, folders or glob patterns, in order.
    pub articles: Vec<String>,
    /// PDF page size (`a4`, `letter`, `a5`).
    pub page_size: Option<String>,
    /// Output formats (`epub`, `pdf`, `md`, `jats`...).
    pub formats: Vec<String>,
    /// Output base name, without extension (default: the manifest's name).
    pub output: Option<String>,
    /// `[[section]]` tables: named groups of articles, in order.
    #[serde(rename = "section")]
    pub sections: Vec<ManifestSection>,
    /// Every other key: writer tables (checked by [`read_manifest`]).
    #[serde(flatten)]
    pub writers: std::collections::BTreeMap<String, toml::Value>,
}

/// A `[[section]]` table of the manifest.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestSection {
    /// The section's title in the table of contents.
    pub title: String,
    /// Its articles: files, folders or glob patterns relative to the
    /// manifest, in order.
    pub articles: Vec<String>,
}

/// The keys of the manifest itself, for error messages.
const MANIFEST_KEYS: &str = "title, subtitle, editor, authors, language, date, publisher, rights, cover, sort, articles, page_size, formats, output, [[section]]";

/// What `folio book` was asked to do, after merging flags and manifest.
pub struct BookJob {
    pub inputs: Vec<String>,
    pub base_dir: PathBuf,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    pub publisher: Option<String>,
    pub rights: Option<String>,
    pub sort: SortOrder,
    /// The manifest's `[[section]]` tables, and the manifest's path for
    /// error messages.
    pub sections: Vec<ManifestSection>,
    pub manifest: Option<PathBuf>,
    pub keep_going: bool,
    pub quiet: bool,
    /// (writer, target path) pairs.
    pub outputs: Vec<(&'static dyn Writer, PathBuf)>,
    pub settings: Options,
    pub read: ReadOptions,
}

/// Reads a manifest file.
pub fn read_manifest(path: &Path) -> Result<Manifest, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("{}: error: {}", path.display(), e))?;
    let m: Manifest = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
        match line {
            Some(l) => format!("{}:{}: error: {}", path.display(), l, e.message()),
            None => format!("{}: error: {}", path.display(), e.message()),
        }
    })?;
    for (key, value) in &m.writers {
        if folio_driver::find(key).is_err() || !value.is_table() {
            let line = text
                .lines()
                .position(|l| {
                    let l = l.trim_start().trim_start_matches('[').trim_start();
                    l.strip_prefix(key.as_str())
                        .is_some_and(|r| r.trim_start().starts_with(['=', ']', '.']))
                })
                .map(|i| format!(":{}", i + 1))
                .unwrap_or_default();
            return Err(format!(
                "{}{line}: error: unknown key '{key}' (known: {MANIFEST_KEYS}; or a table of writer options: {})",
                path.display(),
                folio_driver::known_formats()
                    .split(", ")
                    .map(|f| format!("[{f}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(m)
}

/// The writer options of a manifest's format tables.
pub fn manifest_options(m: &Manifest) -> Result<Options, folio_driver::Error> {
    let mut o = Options::new();
    if let Some(ps) = &m.page_size {
        o.set("pdf.page-size", ps.to_ascii_lowercase())?;
    }
    for (format, value) in &m.writers {
        if let Some(table) = value.as_table() {
            o.merge_table(format, table)?;
        }
    }
    Ok(o)
}

/// Expands inputs: folders become their `.txt`/`.json` files (sorted),
/// patterns with `*`, `?` or `[` are globbed (sorted); files stay as given.
pub fn expand_inputs(inputs: &[String], base: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for raw in inputs {
        let p = if Path::new(raw).is_absolute() || base == Path::new(".") {
            PathBuf::from(raw)
        } else {
            base.join(raw)
        };
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&p)
                .map_err(|e| format!("{}: error: {e}", p.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "txt" || x == "json"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "{}: error: no .txt or .json files in this folder",
                    p.display()
                ));
            }
            out.extend(files);
        } else if raw.contains(['*', '?', '[']) {
            let pattern = p.to_string_lossy().into_owned();
            let mut files: Vec<PathBuf> = glob::glob(&pattern)
                .map_err(|e| format!("{raw}: error: bad pattern: {e}"))?
                .flatten()
                .filter(|f| f.is_file())
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!("{raw}: error: the pattern matches no file"));
            }
            out.extend(files);
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

/// A progress bar on standard error, hidden when that is not a terminal.
pub fn progress_bar(len: usize, quiet: bool, prefix: &'static str) -> ProgressBar {
    let pb = progress(len, quiet);
    pb.set_prefix(prefix);
    pb
}

fn progress(len: usize, quiet: bool) -> ProgressBar {
    let pb = ProgressBar::new(len as u64);
    if quiet || !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    pb.set_style(
        ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb
}

/// A book's input file and the index of its section.
type SectionedFile = (PathBuf, Option<usize>);

/// The files of the book in reading order, each with the index of its
/// section (`None` without sections).
///
/// With sections, the book's articles are the sections' articles, section
/// after section. A top-level `articles` list, when given too, must hold
/// exactly the same files: an article no section lists, or a section's
/// article missing from `articles`, is an error; so is an article listed in
/// two sections (or twice in one), a section without a title or without
/// articles. Errors are usage errors naming the section and key.
fn book_files(job: &BookJob) -> Result<Vec<SectionedFile>, (u8, String)> {
    let input_err = |e: String| (EXIT_INPUT, e);
    if job.sections.is_empty() {
        let files = expand_inputs(&job.inputs, &job.base_dir).map_err(input_err)?;
        return Ok(files.into_iter().map(|f| (f, None)).collect());
    }
    let m = job
        .manifest
        .as_deref()
        .unwrap_or(Path::new("folio.toml"))
        .display()
        .to_string();
    let usage = |msg: String| (crate::exit::USAGE, format!("{m}: error: {msg}"));
    // The same file however it was named (`a.txt`, `./a.txt`, a glob).
    let key = |f: &Path| std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf());
    let mut out: Vec<SectionedFile> = Vec::new();
    let mut owner: std::collections::HashMap<PathBuf, usize> = Default::default();
    for (i, s) in job.sections.iter().enumerate() {
        let name = format!("section {} (\"{}\")", i + 1, s.title);
        if s.title.trim().is_empty() {
            return Err(usage(format!("section {}: title is empty", i + 1)));
        }
        if s.articles.is_empty() {
            return Err(usage(format!("{name}: articles is empty")));
        }
        let files = expand_inputs(&s.articles, &job.base_dir)
            .map_err(|e| usage(format!("{name}: articles: {e}")))?;
        for f in files {
            if !f.is_file() {
                return Err(usage(format!(
                    "{name}: articles: no such file: {}",
                    f.display()
                )));
            }
            if let Some(j) = owner.insert(key(&f), i) {
                return Err(usage(format!(
                    "{name}: articles: {} is already in section {} (\"{}\"); an article belongs to one section",
                    f.display(),
                    j + 1,
                    job.sections[j].title
                )));
            }
            out.push((f, Some(i)));
        }
    }
    if !job.inputs.is_empty() {
        let listed = expand_inputs(&job.inputs, &job.base_dir).map_err(input_err)?;
        let listed_keys: std::collections::HashSet<PathBuf> =
            listed.iter().map(|f| key(f)).collect();
        if let Some(f) = listed.iter().find(|f| !owner.contains_key(&key(f))) {
            return Err(usage(format!(
                "articles: {} is in no [[section]]; with sections, every article is listed in one (or leave out the top-level articles key)",
                f.display()
            )));
        }
        if let Some((f, i)) = out.iter().find(|(f, _)| !listed_keys.contains(&key(f))) {
            let i = i.unwrap_or_default();
            return Err(usage(format!(
                "section {} (\"{}\"): articles: {} is not among the book's articles (the top-level articles key)",
                i + 1,
                job.sections[i].title,
                f.display()
            )));
        }
    }
    Ok(out)
}

/// Runs the job; returns the exit status.
pub fn run(job: BookJob) -> u8 {
    let files = match book_files(&job) {
        Ok(f) => f,
        Err((code, e)) => {
            eprintln!("{e}");
            return code;
        }
    };
    if files.is_empty() {
        eprintln!("folio book: error: no articles given");
        return 2;
    }
    // Parse in parallel; keep input order.
    let pb = progress(files.len(), job.quiet);
    pb.set_prefix("reading");
    let loaded: Vec<(
        PathBuf,
        Option<usize>,
        Result<input::Loaded, input::InputError>,
    )> = files
        .par_iter()
        .map(|(f, section)| {
            let r = input::load(&Source::File(f.clone()), &job.read);
            pb.inc(1);
            (f.clone(), *section, r)
        })
        .collect();
    pb.finish_and_clear();
    let mut articles: Vec<(PathBuf, Option<usize>, Article)> = Vec::with_capacity(loaded.len());
    let mut failed = 0;
    for (f, section, r) in loaded {
        match r {
            Ok(l) => {
                if !job.quiet {
                    for d in &l.diagnostics {
                        eprintln!(
                            "{}",
                            d.display_worded(&f.display().to_string(), crate::hints::in_book)
                        );
                    }
                }
                articles.push((f, section, l.article));
            }
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
            }
        }
    }
    if failed > 0 && !job.keep_going {
        eprintln!(
            "folio book: {failed} article(s) failed; no book written (use --keep-going to leave them out)"
        );
        return 1;
    }
    if articles.is_empty() {
        eprintln!("folio book: error: no article could be read");
        return 1;
    }
    if job.sort == SortOrder::Date {
        for (f, _, a) in &articles {
            if a.date.is_none() && !job.quiet {
                let d = Diagnostic::warning(None, "no date: placed at the end of the book");
                eprintln!(
                    "{}",
                    d.display_worded(&f.display().to_string(), crate::hints::in_book)
                );
            }
        }
        // Stable: equal dates keep their input order; sections keep theirs.
        articles.sort_by_key(|(_, s, a)| (*s, a.date.is_none(), a.date));
    }
    let mut sections: Vec<folio_core::BookSection> = job
        .sections
        .iter()
        .map(|s| folio_core::BookSection {
            title: s.title.clone(),
            articles: Vec::new(),
        })
        .collect();
    for (i, (_, s, _)) in articles.iter().enumerate() {
        if let Some(s) = s {
            sections[*s].articles.push(i);
        }
    }
    // A section whose articles all failed to read (--keep-going) is left out.
    sections.retain(|s| !s.articles.is_empty());
    let mut collection = collection(&job, articles.into_iter().map(|(_, _, a)| a).collect());
    collection.sections = sections;
    let mut status = if failed > 0 { 1 } else { 0 };
    for (writer, target) in &job.outputs {
        let r = if writer.supports_collections() {
            output::write_atomic(&Target::File(target.clone()), |w| {
                let warnings = writer.write_collection(&collection, &job.settings, w)?;
                print_diagnostics(&target.display().to_string(), &warnings, job.quiet);
                Ok(())
            })
        } else if target
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| {
                writer
                    .extensions()
                    .contains(&e.to_ascii_lowercase().as_str())
            })
        {
            Err(Failure {
                code: crate::exit::USAGE,
                message: format!(
                    "the {} writer writes one file per article; give a folder name (without .{}) to get one file per article and a manifest",
                    writer.name(),
                    writer.extensions()[0]
                ),
            })
        } else {
            write_folder(*writer, &collection, &job.settings, target, job.quiet)
        };
        if let Err(e) = r {
            eprintln!("{}: error: {e}", target.display());
            status = status.max(e.code);
        } else if !job.quiet {
            // The PNG cover cannot draw characters no font covers: say so.
            if writer.name() == "epub" {
                if let Ok(o) = job.settings.get::<folio_epub::EpubOptions>("epub") {
                    for d in folio_epub::collection_cover_diagnostics(&collection, &o) {
                        eprintln!(
                            "{}",
                            d.display_worded(&target.display().to_string(), crate::hints::in_book)
                        );
                    }
                }
            }
            eprintln!(
                "wrote {} ({} articles)",
                target.display(),
                collection.articles.len()
            );
        }
    }
    status
}

/// The book: the given metadata, the rest resolved by
/// `folio_core::Metadata` as every writer resolves it (the articles' most
/// common language, the newest date), so the JSON and JATS manifest say what
/// the EPUB and PDF say.
fn collection(job: &BookJob, articles: Vec<Article>) -> Collection {
    let mut c = Collection {
        title: job
            .title
            .clone()
            .unwrap_or_else(|| "Collected articles".into()),
        subtitle: job.subtitle.clone(),
        authors: job.authors.clone(),
        language: job.language.clone().unwrap_or_default(),
        date: job.date,
        publisher: job.publisher.clone(),
        rights: job.rights.clone(),
        articles,
        order: match job.sort {
            SortOrder::AsGiven => folio_core::ArticleOrder::AsGiven,
            SortOrder::Date => folio_core::ArticleOrder::Date,
        },
        sections: Vec::new(),
    };
    let m = folio_core::Metadata::of_collection(&c, None);
    c.language = m.language.to_string();
    c.date = m.date;
    c
}

/// Article-level formats: one file per article in `dir`, plus
/// `manifest.json` listing them. Files are written atomically; on failure
/// the ones already written are removed.
fn write_folder(
    writer: &dyn Writer,
    c: &Collection,
    settings: &Options,
    dir: &Path,
    quiet: bool,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the folder: {e}"))?;
    let ext = writer.extensions()[0];
    let width = c.articles.len().to_string().len().max(3);
    let mut written: Vec<PathBuf> = Vec::new();
    let mut entries = Vec::new();
    let result: Result<(), Failure> = (|| {
        for (i, a) in c.articles.iter().enumerate() {
            let stem: String = output::safe_stem(&a.title).chars().take(60).collect();
            let name = format!("{:0width$}-{}.{ext}", i + 1, stem);
            let path = dir.join(&name);
            output::write_atomic(&Target::File(path.clone()), |w| {
                let warnings = writer.write_article(a, settings, w).map_err(|e| {
                    let mut f = Failure::from(e);
                    f.message = format!("{name}: {}", f.message);
                    f
                })?;
                print_diagnostics(&path.display().to_string(), &warnings, quiet);
                Ok(())
            })?;
            written.push(path);
            entries.push(serde_json::json!({
                "file": name,
                "title": a.title,
                "date": a.date,
                "authors": a.authors,
                "language": a.language,
            }));
        }
        let manifest = serde_json::json!({
            "title": c.title,
            "format": writer.name(),
            "articles": entries,
        });
        let mpath = dir.join("manifest.json");
        output::write_atomic(&Target::File(mpath.clone()), |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest).map_err(|e| e.to_string())?;
            Ok(w.write_all(b"\n").map_err(|e| e.to_string())?)
        })?;
        written.push(mpath);
        Ok(())
    })();
    if result.is_err() {
        for p in &written {
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

pub(crate) fn book(a: BookArgs) -> u8 {
    use crate::commands::book::{BookJob, read_manifest};
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
    if inputs.is_empty() && manifest.sections.is_empty() {
        return usage("the manifest lists no articles");
    }
    let mut writer_args = a.writer.clone();
    if writer_args.cover.is_none() {
        writer_args.cover = manifest.cover.as_ref().map(|c| base_dir.join(c));
    }
    if let Err(e) = writer_args.check_files() {
        return usage(e);
    }
    let base = match crate::commands::book::manifest_options(&manifest) {
        Ok(o) => o,
        Err(e) => {
            let m = manifest_path
                .as_deref()
                .unwrap_or(std::path::Path::new("folio.toml"));
            return usage(format!("{}: {e}", m.display()));
        }
    };
    let settings = match writer_args.options(base) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
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
        lenient: false,
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
        sections: manifest.sections.clone(),
        manifest: manifest_path.clone(),
        keep_going: a.keep_going,
        quiet: a.quiet,
        outputs,
        settings,
        read,
    };
    crate::commands::book::run(job)
}
