//! Notes: credits, related links, editor lines, bios, corrections,
//! disclaimers, contact lines, and embedded-tweet attributions.

use super::caption::*;
use super::text::*;
use crate::model::NoteKind;

/// A tweet's attribution line: `— Jane Doe (@jane) March 17, 2023`. Returns
/// `Some(true)` when the attribution is the whole text, `Some(false)` when
/// it ends a longer text (the tweet and its attribution in one block).
pub(crate) fn tweet_attribution(t: &str) -> Option<bool> {
    let t = t.trim();
    // The attribution holds a handle: without `(@` there is nothing to find.
    static HANDLE: Finder = Finder::new("(@");
    HANDLE.find(t)?;
    let dash = ["— ", "—", "&mdash; ", "- ", "-- "]
        .iter()
        .filter_map(|d| {
            if t.starts_with(d) {
                Some(0)
            } else {
                t.rfind(&format!(" {d}")).map(|i| i + 1)
            }
        })
        .min()?;
    let attr = &t[dash..];
    let open = attr.find("(@")?;
    let close = open + attr[open..].find(')')?;
    let handle = &attr[open + 2..close];
    if handle.is_empty()
        || !handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let date = attr[close + 1..].trim();
    super::date::parse_date_line(date, super::date::DateOrder::Auto, true)?;
    Some(dash == 0)
}

/// Notes: credits, related links, editor lines, bios, corrections...
pub(crate) fn note_kind(s: &str) -> Option<NoteKind> {
    const RELATED: Labels = Labels::new(&[
        "read more",
        "read",
        "see also",
        "also read",
        "related coverage",
        "related articles",
        "related stories",
        "related content",
        "related",
        "more on this",
        "more",
        "watch",
        "listen",
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "mehr zum thema",
        "lesen sie auch",
        "leer más",
        "lea también",
        "lee también",
        "leggi anche",
        "читайте также",
        "相关阅读",
        "関連記事",
    ]);
    const CREDIT_BY: &[&str] = &[
        "reporting",
        "additional reporting",
        "with additional reporting",
        "writing",
        "editing",
        "research",
        "production",
        "fact-checking",
        "translation",
        "translated",
        "compiled",
        "edited",
        "contributing reporting",
        "graphics",
    ];
    const EDITOR_CJK: &[&str] = &[
        "责任编辑",
        "編輯",
        "编辑",
        "記者",
        "记者",
        "校对",
        "審校",
        "审校",
    ];
    const EDITOR: Labels = Labels::new(&[
        "editor's note",
        "editors' note",
        "editor’s note",
        "editors note",
        "editor note",
        "note from the editor",
        "ed. note",
        "anmerkung der redaktion",
    ]);
    let t = s.trim();
    if more_chars_than(t, 400) {
        return None;
    }
    let lower = lower_head(t, 48);
    let unbracketed = lower.trim_start_matches(['[', '(', '（', '【', ' ']);
    if starts_with_label(unbracketed, &RELATED, &[':', '：']) {
        return Some(NoteKind::Related);
    }
    if CREDIT_BY
        .iter()
        .any(|w| lower.strip_prefix(w).is_some_and(|r| r.starts_with(" by ")))
        || contributed_line(t)
    {
        return Some(NoteKind::Credit);
    }
    // (FRANCE 24 with AFP, REUTERS), (AFP)
    if let Some(inner) = t
        .trim_end_matches('.')
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
    {
        let list = inner.rsplit_once(" with ").map_or(inner, |(_, l)| l);
        let head_ok = inner.rsplit_once(" with ").is_none_or(|(h, _)| {
            h.chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == ' ')
        });
        if head_ok
            && list.split([',', '/']).all(|a| {
                is_agency(a) || {
                    let a = a.trim();
                    !a.is_empty() && a.chars().all(|c| c.is_uppercase() || c == ' ')
                }
            })
            && (inner.contains(" with ") || list.split([',', '/']).all(is_agency))
        {
            return Some(NoteKind::Credit);
        }
    }
    const SOURCING: Labels = Labels::new(&["sourcing", "sources", "source"]);
    if starts_with_label(unbracketed, &SOURCING, &[':', '：']) {
        return Some(NoteKind::Sourcing);
    }
    if EDITOR_CJK.iter().any(|w| {
        t.trim_start_matches(['（', '(', '【', '[', ' '])
            .strip_prefix(w)
            .is_some_and(|r| r.trim_start().starts_with([':', '：']))
    }) {
        return Some(NoteKind::Editor);
    }
    if starts_with_label(unbracketed, &EDITOR, &[]) {
        return Some(NoteKind::Editor);
    }
    const CORRECTION: Labels = Labels::new(&[
        "correction",
        "clarification",
        "corrección",
        "rectificatif",
        "korrektur",
    ]);
    if starts_with_label(unbracketed, &CORRECTION, &[':', '：']) {
        return Some(NoteKind::Correction);
    }
    const DISCLAIMER: Labels = Labels::new(&["disclaimer", "disclosure"]);
    if starts_with_label(unbracketed, &DISCLAIMER, &[':', '：'])
        || lower.starts_with("the views expressed in this")
        || lower.starts_with("the views expressed here")
    {
        return Some(NoteKind::Disclaimer);
    }
    const CONTACT: Labels = Labels::new(&[
        "contact us",
        "contact",
        "e-mail",
        "email",
        "tel",
        "phone",
        "kontakt",
    ]);
    if starts_with_label(&lower, &CONTACT, &[':', '：']) {
        return Some(NoteKind::Contact);
    }
    if is_bio(t) {
        return Some(NoteKind::Bio);
    }
    None
}

/// "Heba Habib contributed to this report."
pub(crate) fn contributed_line(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    if !t.ends_with("report") && !t.ends_with("story") && !t.ends_with("article") {
        return false;
    }
    let start = t.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let tail = t[start..].to_lowercase();
    [
        "contributed to this report",
        "contributed reporting to this report",
        "contributed to this story",
        "contributed to this article",
    ]
    .iter()
    .any(|p| tail.ends_with(p))
}

/// "Jane Doe is a reporter for ...", or a "Follow him on Twitter" line.
pub(crate) fn is_bio(t: &str) -> bool {
    const ROLES: &[&str] = &[
        "reporter",
        "writer",
        "correspondent",
        "editor",
        "journalist",
        "columnist",
        "contributor",
        "producer",
        "author",
        "analyst",
        "fellow",
    ];
    static FOLLOW: Finder = Finder::new("ollow ");
    static IS_A: Finder = Finder::new(" is a");
    if FOLLOW.find(t).is_some() {
        let lower = t.to_lowercase();
        let follow = ["him", "her", "them", "me", "us"].iter().any(|who| {
            ["twitter", "x", "facebook", "instagram"]
                .iter()
                .any(|p| lower.contains(&format!("follow {who} on {p}")))
        });
        if follow {
            return true;
        }
    }
    let Some(i) = IS_A.find(t).filter(|&i| t[i + 5..].starts_with([' ', 'n'])) else {
        return false;
    };
    let name_words = capitalized_words(&t[..i]).unwrap_or(0);
    (2..=4).contains(&name_words)
        && t[i..]
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .take(10)
            .any(|w| ROLES.contains(&w))
}
