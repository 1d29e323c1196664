//! `folio convert`: articles to one format, one output per input, in
//! parallel, written atomically.
use crate::args::*;
use crate::commands::*;
use crate::exit::{INPUT as EXIT_INPUT, OK as EXIT_OK, OUTPUT as EXIT_OUTPUT, USAGE as EXIT_USAGE};
use crate::input::{self, ReadOptions, Source};
use crate::output::{self, Failure, Target};
use folio_driver::{Options, Writer};
use std::collections::HashSet;
use std::io::IsTerminal;

pub(crate) struct Job {
    source: Source,
    target: Target,
}

pub(crate) fn convert(a: ConvertArgs) -> u8 {
    if let Err(e) = a.writer.check_files() {
        return usage(e);
    }
    let settings = match a.writer.options(Options::new()) {
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
    let pb = crate::commands::book::progress_bar(jobs.len(), a.quiet, "converting");
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
pub(crate) fn run_job<T>(
    j: &Job,
    writer: &dyn Writer,
    settings: &Options,
    ropts: &ReadOptions,
    quiet: bool,
    put: impl FnOnce(
        &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), Failure>,
    ) -> Result<T, Failure>,
) -> Result<T, u8> {
    let loaded = match input::load(&j.source, ropts) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Err(EXIT_INPUT);
        }
    };
    print_diagnostics(&j.source.display(), &loaded.diagnostics, quiet);
    let mut warnings = Vec::new();
    let r = put(&mut |w| {
        warnings = writer.write_article(&loaded.article, settings, w)?;
        Ok(())
    })
    .map_err(|e| {
        eprintln!("{}: error: {e}", j.target.display());
        e.code
    });
    // The writer's warnings (a character no font covers) name the output.
    print_diagnostics(&j.target.display(), &warnings, quiet);
    r
}

pub(crate) fn convert_one(
    j: &Job,
    writer: &dyn Writer,
    settings: &Options,
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
