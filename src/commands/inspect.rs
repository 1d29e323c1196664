//! `folio inspect`: what the parser saw, line by line.
use crate::args::*;
use crate::commands::*;
use crate::exit::OK as EXIT_OK;
use crate::input::{self, Source};

pub(crate) fn inspect(a: InspectArgs) -> u8 {
    let src = Source::from_arg(&a.input);
    let loaded = match input::load(&src, &a.parse.read_options()) {
        Ok(l) => l,
        Err(e) => return report_input_error(e),
    };
    if a.json {
        // Hints worded as flags, as the text form prints them.
        let diagnostics: Vec<serde_json::Value> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                let mut v = serde_json::to_value(d).unwrap_or_default();
                if let Some(h) = &d.hint {
                    v["hint"] = crate::hints::flag(h).into();
                }
                v
            })
            .collect();
        let v = serde_json::json!({
            "article": loaded.article,
            "diagnostics": diagnostics,
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
                "language" => art.language.to_string(),
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
