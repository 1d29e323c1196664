//! Wire datelines opening the first paragraph (`WASHINGTON (AP) —`).

use super::text::*;
use crate::model::Dateline;

/// A wire dateline at the start of a paragraph.
pub(crate) fn dateline(s: &str) -> Option<Dateline> {
    let t = s.trim_start();
    // 【6月18日 AFP】
    if let Some(rest) = t.strip_prefix('【') {
        let close = rest.find('】')?;
        let inner = &rest[..close];
        if inner.chars().count() > 30 || inner.is_empty() {
            return None;
        }
        return Some(Dateline {
            text: format!("【{inner}】"),
            place: None,
            agency: inner.split_whitespace().last().map(str::to_owned),
        });
    }
    // PLACE[, Month D[, YYYY]] [(AGENCY)] DASH
    let head = match t.char_indices().nth(100) {
        Some((end, _)) => &t[..end],
        None => t,
    };
    let (dash_at, dash) = [(" — ", "—"), (" – ", "–"), (" -- ", "--"), (" - ", "-")]
        .iter()
        .filter_map(|(spaced, d)| head.find(spaced).map(|i| (i, *d)))
        .min_by_key(|(i, _)| *i)?;
    let before = &head[..dash_at];
    let text = format!("{} {}", before.trim_end(), dash);
    let (before, agency) = match before.trim_end().strip_suffix(')') {
        Some(b) => {
            let open = b.rfind('(')?;
            let agency = &b[open + 1..];
            if agency.is_empty() || agency.chars().count() > 40 {
                return None;
            }
            (b[..open].trim_end(), Some(agency.to_owned()))
        }
        None => (before.trim_end(), None),
    };
    let (place, date) = before.split_once(',').unwrap_or((before, ""));
    let place = place.trim();
    // The place: one to four capitalized words.
    let words = capitalized_words(&place.replace('-', " "))?;
    if words > 4 {
        return None;
    }
    // The optional date: a month word and a day, perhaps a year.
    let date_ok = date.trim().is_empty()
        || date.split([' ', ',']).filter(|w| !w.is_empty()).count() <= 3
            && date
                .chars()
                .all(|c| c.is_alphanumeric() || " .,".contains(c));
    if !date_ok {
        return None;
    }
    // Without an agency, the place must be in capitals (WASHINGTON —).
    let upper = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if agency.is_none() && !(upper && place.chars().count() >= 3) {
        return None;
    }
    Some(Dateline {
        text,
        place: Some(place.to_owned()),
        agency,
    })
}
