//! Words the layout prints itself: the contents heading, the fallback
//! title, and titles shortened to fit.

/// The heading of the table of contents in the book's language (the
/// labels table every writer shares).
pub(crate) fn contents_label(lang: &str) -> &'static str {
    folio_core::labels::labels(&folio_core::Language::new(lang)).contents
}

/// The title of an entry: articles without a title still get a line.
pub(crate) fn entry_title(title: &str) -> String {
    let t = title.trim();
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t.to_string()
    }
}

/// The first `max` characters of `s` at a word boundary, with an ellipsis.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}
