//! The header region: candidate extraction and scoring.
//!
//! Every date expression in the first lines after the title is found
//! ([`find_dates`]), wherever it stands on its line (`By Jane Doe | 04/03/2024
//! 09:41`, `Yahoo FinanceOctober 13, 2016`, `Published … Last updated …`).
//! Each header line is then given a role from its own features (dates found,
//! byline form, credit form, length, sentence shape) and its neighbours' (a
//! bare name next to a date line is a byline). The header ends after the
//! last line that is a date or a byline, plus the photo captions that follow
//! it; the published date is chosen over an updated one, the earlier over
//! the later.

use super::byline::*;
use super::caption::*;
use super::date::{DateKind, DateOrder, parse_date_line};
use super::dateline::dateline;
use super::lexicon;
use super::notes::tweet_attribution;
use super::text::*;
use crate::model::CaptionKind;
use chrono::NaiveDate;

/// One date expression found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateHit {
    /// The calendar date.
    pub date: NaiveDate,
    /// Published, or an update stamp (from the words before it).
    pub kind: DateKind,
    /// Both numeric readings were possible.
    pub ambiguous: bool,
    /// Byte range in the searched line.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// The line with spaces put where a page glued words to dates
/// (`FinanceOctober`, `BNS2020.10.26`, `太郎2019年`, `日09:18`).
fn spaced(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut prev: Option<char> = None;
    for c in line.chars() {
        if let Some(p) = prev {
            let glue = (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (p.is_alphabetic()
                    && !matches!(p, 'h' | 'H' | '年' | '月' | '년' | '월')
                    && c.is_ascii_digit()
                    && (p.is_uppercase() || !p.is_ascii()))
                || (matches!(p, '日' | '일') && c.is_ascii_digit())
                || (p.is_ascii_digit() && c == '(');
            if glue {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn month_or_digit(tok: &str) -> bool {
    tok.bytes().any(|b| b.is_ascii_digit())
        || tok
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || super::date::month_number_pub(tok.trim_matches(|c: char| !c.is_alphabetic())).is_some()
}

/// Every date expression in a line, in order.
pub(crate) fn find_dates(line: &str, order: DateOrder, month_first: bool) -> Vec<DateHit> {
    let mut out = Vec::new();
    let t = line.trim();
    if t.is_empty() || more_chars_than(t, 240) {
        return out;
    }
    if let Some(d) = parse_date_line(t, order, month_first) {
        out.push(DateHit {
            date: d.date,
            kind: d.kind,
            ambiguous: d.ambiguous,
            start: 0,
            end: t.len(),
        });
        return out;
    }
    if !t
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return out;
    }
    let s = spaced(t);
    // Tokens with their byte ranges in `s`.
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let sep = c.is_whitespace() || matches!(c, '|' | '•' | '·');
        match (sep, start) {
            (true, Some(st)) => {
                toks.push((st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        toks.push((st, s.len()));
    }
    if toks.len() > 60 {
        return out;
    }
    let mut i = 0;
    let mut last_end = 0;
    while i < toks.len() {
        let tok = &s[toks[i].0..toks[i].1];
        if !month_or_digit(tok) {
            i += 1;
            continue;
        }
        let mut found = None;
        let max = (i + 9).min(toks.len());
        for j in (i..max).rev() {
            let window = &s[toks[i].0..toks[j].1];
            let window = window.trim_end_matches([',', '(', '—', '-', '/', ':', ';', '@']);
            if let Some(d) = parse_date_line(window, order, month_first) {
                found = Some((j, d));
                break;
            }
        }
        match found {
            Some((j, d)) => {
                let before = lower_head(&s[last_end..toks[i].0], 80);
                let kind = if lexicon::UPDATED_WORDS.iter().any(|w| before.contains(w)) {
                    DateKind::Updated
                } else {
                    d.kind
                };
                out.push(DateHit {
                    date: d.date,
                    kind,
                    ambiguous: d.ambiguous,
                    start: toks[i].0,
                    end: toks[j].1,
                });
                last_end = toks[j].1;
                i = j + 1;
            }
            None => i += 1,
        }
    }
    // Offsets are in `spaced(t)`; callers only use them on that text.
    out
}

/// What is left of a line once its dates, times and date keywords are
/// taken out (the byline part of `By Jane Doe | 04/03/2024 09:41`).
pub(crate) fn residue(line: &str, hits: &[DateHit]) -> String {
    let s = spaced(line.trim());
    let mut rest = String::new();
    let mut at = 0;
    for h in hits {
        if h.start >= at && h.end <= s.len() {
            rest.push_str(&s[at..h.start]);
            rest.push(' ');
            at = h.end;
        }
    }
    rest.push_str(&s[at..]);
    let words: Vec<&str> = rest
        .split_whitespace()
        // `Wilkinson@alissamarie`: the name glued to a handle.
        .map(|w| match w.find('@') {
            Some(i) if i > 0 => &w[..i],
            _ => w,
        })
        .filter(|w| {
            let lw = w.to_lowercase();
            let lw = lw.trim_matches(|c: char| !c.is_alphanumeric());
            let caps = w.chars().any(char::is_alphabetic)
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            // Time zones (`ET`, `PT`, `EST`) count in capitals only, as the
            // date fillers: `et` joins names in French (`A et B`).
            let date_word = lexicon::DATE_WORDS.contains(&lw)
                || super::date::is_weekday(lw)
                || (caps && super::date::is_filler_pub(lw))
                || super::date::is_time(&w.to_lowercase());
            !date_word && w.chars().any(char::is_alphabetic)
        })
        .collect();
    let r = words.join(" ");
    r.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '.')
        .to_owned()
}

/// The role of a header line.
#[derive(Debug, Clone)]
pub(crate) enum Role {
    /// A date line (perhaps with a source label or reading time).
    Date(DateHit),
    /// A byline; names may be empty (desk or agency bylines).
    Byline(Vec<String>),
    /// A byline that also carries the date.
    BylineDate(Vec<String>, DateHit),
    /// A photo caption or credit.
    Caption(CaptionKind),
    /// A standfirst or subtitle.
    Standfirst,
    /// A kicker, section label or other note.
    Note,
}

/// Words of a line (CJK characters count two to a word).
fn word_count(t: &str) -> usize {
    let w = t.split_whitespace().count();
    if is_cjk_text(t) {
        w.max(t.chars().count() / 2)
    } else {
        w
    }
}

/// A line that is only one short name (`Marguerite Reardon`, `NATALIYA
/// VASILYEVA`, `島津健吾`): a byline when it stands next to a date line.
pub(crate) fn bare_name(t: &str) -> Option<String> {
    let t = t.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if t.is_empty() || more_chars_than(t, 40) || ends_sentence(t) && !t.ends_with('.') {
        return None;
    }
    if is_cjk_text(t) {
        let n = t.chars().count();
        return ((2..=5).contains(&n) && t.chars().all(|c| c.is_alphabetic() || c == '・'))
            .then(|| t.to_owned());
    }
    if words.len() < 2 || words.len() > 4 {
        return None;
    }
    let ok = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
    });
    ok.then(|| t.to_owned())
}

/// Header analysis of the units after the title: the roles of the first
/// `end` units. `None` when no date or byline line is found there.
pub(crate) fn analyse(texts: &[&str], order: DateOrder, month_first: bool) -> Option<Vec<Role>> {
    const WINDOW: usize = 10;
    let n = texts.len().min(WINDOW);
    let mut dates: Vec<Vec<DateHit>> = Vec::with_capacity(n);
    let mut limit = n;
    let mut plain_run = 0;
    for (i, t) in texts.iter().take(n).enumerate() {
        let wc = word_count(t);
        // A long unit ends the header, unless it is a photo caption (a
        // gallery's caption can run to paragraphs; its credit closes it).
        let long_caption =
            wc > 70 && !t.starts_with(['“', '"', '«', '„']) && lexicon::ends_with_credit(t);
        if wc > 70 && !long_caption {
            limit = i;
            break;
        }
        let hits = if wc <= 30 {
            find_dates(t, order, month_first)
        } else {
            Vec::new()
        };
        // Two body sentences in a row: the header is over.
        let plain = hits.is_empty()
            && ends_sentence(t)
            && credit_line(t).is_none()
            && caption_with_credit(t).is_none()
            && byline_names(t, true).is_none();
        plain_run = if plain { plain_run + 1 } else { 0 };
        if plain_run >= 2 {
            limit = i - 1;
            dates.pop();
            break;
        }
        dates.push(hits);
    }
    let n = limit;
    let mut roles: Vec<Option<Role>> = vec![None; n];
    for i in 0..n {
        let t = texts[i];
        let hits = &dates[i];
        // A dateline-led paragraph is body text.
        if dateline(t).is_some() && word_count(t) > 12 {
            break;
        }
        if tweet_attribution(t).is_some() || t.starts_with(['“', '"', '«', '„', '>']) {
            break;
        }
        let names = if credit_line(t).is_some() {
            None
        } else if desk_byline(t) {
            Some(Vec::new())
        } else {
            byline_names(t, true).filter(|_| {
                // A bare name is a byline right under the title or next to
                // a date line.
                i == 0
                    || strip_by_prefix_pub(t).is_some()
                    || [i.wrapping_sub(1), i + 1]
                        .iter()
                        .any(|&j| j < n && !dates[j].is_empty())
            })
        };
        if !hits.is_empty() {
            let rest = residue(t, hits);
            let by = byline_names(&rest, false).or_else(|| {
                let stripped = lexicon::strip_source_label(&rest);
                if stripped.is_empty() || desk_byline(stripped) {
                    None
                } else {
                    byline_names(stripped, true)
                }
            });
            // A date line is short; a sentence that mentions a date is not one.
            let short = word_count(&rest) <= 12 && !(ends_sentence(t) && word_count(t) > 14);
            if !short {
                continue;
            }
            let hit = best_date(hits);
            roles[i] = Some(match by {
                Some(names) if strip_by_prefix_pub(&rest).is_some() || word_count(&rest) <= 4 => {
                    Role::BylineDate(names, hit)
                }
                _ => Role::Date(hit),
            });
            continue;
        }
        if let Some(names) = names {
            roles[i] = Some(Role::Byline(names));
        }
    }
    let strong: Vec<usize> = (0..n)
        .filter(|&i| {
            matches!(
                roles[i],
                Some(Role::Date(_) | Role::Byline(_) | Role::BylineDate(..))
            )
        })
        .collect();
    let &strong_last = strong.last()?;
    let mut last = strong_last;
    let has_date = strong
        .iter()
        .any(|&i| matches!(roles[i], Some(Role::Date(_) | Role::BylineDate(..))));
    // Bare names and desk names near a date line are bylines, also just
    // below the last header line (a photo caption may stand between).
    for i in 0..=(strong_last + 2).min(n - 1) {
        if roles[i].is_some() {
            continue;
        }
        let near_date = [i.wrapping_sub(2), i.wrapping_sub(1), i + 1, i + 2]
            .iter()
            .any(|&j| j < n && matches!(roles[j], Some(Role::Date(_) | Role::BylineDate(..))));
        if has_date && near_date {
            if let Some(name) = bare_name(texts[i]) {
                if desk_byline(texts[i]) {
                    roles[i] = Some(Role::Byline(Vec::new()));
                } else {
                    roles[i] = Some(Role::Byline(vec![name]));
                }
                last = last.max(i);
                continue;
            }
            if desk_byline(texts[i]) {
                roles[i] = Some(Role::Byline(Vec::new()));
                last = last.max(i);
            }
        }
    }
    let mut end = last + 1;
    // Captions and credits right after the last header line.
    while end < n {
        let t = texts[end];
        let above_credit = texts
            .get(end + 1)
            .is_some_and(|nx| credit_line(nx).is_some())
            && is_caption_sized(t);
        if credit_line(t).is_some()
            || caption_with_credit(t).is_some()
            || lexicon::caption_words(t)
            || is_kicker(t)
            || above_credit
        {
            end += 1;
        } else {
            break;
        }
    }
    let mut out = Vec::with_capacity(end);
    for i in 0..end {
        let t = texts[i];
        let role = match roles[i].take() {
            Some(r) => r,
            None => {
                if let Some(k) = credit_line(t) {
                    Role::Caption(k)
                } else if let Some(k) = caption_with_credit(t) {
                    Role::Caption(k)
                } else if lexicon::caption_words(t)
                    || word_count(t) > 70 && lexicon::ends_with_credit(t)
                    || texts.get(i + 1).is_some_and(|nx| credit_line(nx).is_some())
                        && is_caption_sized(t)
                {
                    Role::Caption(CaptionKind::Caption)
                } else if word_count(t) >= 6 || ends_sentence(t) {
                    Role::Standfirst
                } else {
                    Role::Note
                }
            }
        };
        out.push(role);
    }
    Some(out)
}

/// The date to use from one line: the first published one, else the first.
pub(crate) fn best_date(hits: &[DateHit]) -> DateHit {
    hits.iter()
        .find(|h| h.kind == DateKind::Published)
        .unwrap_or(&hits[0])
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str) -> Vec<String> {
        find_dates(s, DateOrder::Auto, true)
            .iter()
            .map(|h| {
                format!(
                    "{}{}",
                    h.date,
                    if h.kind == DateKind::Updated { "u" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn dates_are_found_anywhere_in_a_line() {
        assert_eq!(dates("By Jane Doe | 04/03/2024 09:41"), ["2024-04-03"]);
        assert_eq!(dates("Yahoo FinanceOctober 13, 2016"), ["2016-10-13"]);
        assert_eq!(dates("BNS2020.10.26 13:44"), ["2020-10-26"]);
        assert_eq!(dates("TNW中文站2016年10月14日07:17"), ["2016-10-14"]);
        assert_eq!(
            dates("March 3, 2024 / 7:02 AM / Updated March 4, 2024"),
            ["2024-03-03", "2024-03-04u"]
        );
        assert_eq!(
            dates("Dec 19, 2016 at 2:19 pm ET • 5 min read"),
            ["2016-12-19"]
        );
        assert!(dates("14 hours ago").is_empty());
    }

    #[test]
    fn the_residue_is_the_byline() {
        let s = "By Sage Lazzaro • 12/16/16 12:21pm";
        let h = find_dates(s, DateOrder::Auto, true);
        assert_eq!(residue(s, &h), "By Sage Lazzaro");
    }
}
