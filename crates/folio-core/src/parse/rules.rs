//! The shape rules the parser applies to single lines and units.
//!
//! Each function looks at one piece of text and answers one question; the
//! parser combines the answers with context (neighbouring blocks).

use crate::model::{CaptionKind, Copyright, Dateline, NoteKind};
use regex::Regex;
use std::sync::LazyLock;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid regex")
}

pub(crate) fn is_cjk_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{AC00}'..='\u{D7AF}')
}

pub(crate) fn is_cjk_text(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    let total = s.chars().filter(|c| !c.is_whitespace()).count();
    total > 0 && s.chars().filter(|&c| is_cjk_char(c)).count() * 2 > total
}

/// Closing quotes and brackets that may follow a sentence's final mark.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', '」', '』', '）', ')', ']', '】', '*', '_',
];

/// Whether the text ends like a sentence (`.`, `!`, `?`, `…`, `。`...),
/// looking through closing quotes and brackets.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSERS);
    t.ends_with([
        '.', '!', '?', '…', '。', '！', '？', ';', '；', ',', '，', '、', '؟', '۔', '।',
    ])
}

/// A list marker at the start of a line: `- `, `• `, `* `, `1. `, `2) `.
/// Returns (ordered, number, byte length of marker and following space).
pub(crate) fn bullet_marker(s: &str) -> Option<(bool, Option<u64>, usize)> {
    static BULLET: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(?:[-•*·▪●◦‣⁃■□➢►▶✓✔]|\d{1,3}[.)])[ \t\u{a0}]+\S"));
    let m = BULLET.find(s)?;
    let marker_end = m.end() - s[..m.end()].chars().last()?.len_utf8();
    let marker = s[..marker_end].trim_end();
    let number = marker.trim_end_matches(['.', ')']).parse::<u64>().ok();
    Some((number.is_some(), number, marker_end))
}

/// A line with no final punctuation, short enough to be a heading or a
/// list item.
pub(crate) fn is_short_line(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return false;
    }
    let chars = t.chars().count();
    let cjk = is_cjk_text(t);
    let max = if cjk { 40 } else { 120 };
    let words = t.split_whitespace().count();
    if chars > max || (!cjk && words > 16) {
        return false;
    }
    let stripped = t.trim_end_matches(CLOSERS);
    // A question may be a heading; a colon may introduce a list.
    if stripped.ends_with(['?', '？', ':', '：']) {
        return chars <= 100;
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_lowercase() || has_sentence_break(t) {
        return false;
    }
    !ends_sentence(t) && !t.ends_with(['-', '—', '–'])
}

/// A word and a number: `Step 1`, `Part 2`, `Schritt 3`.
pub(crate) fn is_numbered_label(t: &str) -> bool {
    static NL: LazyLock<Regex> = LazyLock::new(|| re(r"^\p{L}+\s+\d{1,3}$"));
    NL.is_match(t.trim())
}

/// A label rather than a sentence: few words, or mostly capitalized words
/// (`What You'll Need:`, but not `The setup takes three steps:`).
pub(crate) fn is_label(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    words.len() <= 3 || lower * 2 < words.len()
}

/// Whether the text has a sentence end followed by another sentence
/// (`... 87 bytes! It contains ...`).
pub(crate) fn has_sentence_break(t: &str) -> bool {
    static BREAK: LazyLock<Regex> = LazyLock::new(|| re(r"\p{Ll}{2}[.!?]\s+\p{Lu}"));
    BREAK.is_match(t)
}

/// A run-in label opening a paragraph (`Web APIs: This is what...`).
pub(crate) fn has_run_in_label(t: &str) -> bool {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"^\p{Lu}[^:.!?]*:\s+\S"));
    t.find(':').is_some_and(|i| t[..i].chars().count() <= 41) && LABEL.is_match(t)
}

/// Whether several lines of a block form program code.
pub(crate) fn looks_like_code(lines: &[&str]) -> bool {
    let mut signals = 0;
    for l in lines {
        let t = l.trim();
        if l.starts_with("  ") || l.starts_with('\t') {
            signals += 1;
        }
        if looks_like_code_line(t)
            || t.ends_with([';', '{', '}'])
            || t.starts_with("//")
            || t.starts_with("/*")
            || t.starts_with("#include")
            || t.starts_with("#!")
            || (t.starts_with('(') && !t.ends_with(')'))
            || t == ")"
        {
            signals += 1;
        }
    }
    signals * 2 >= lines.len() && signals >= 2
}

/// Whether a single line is a shell command or a line of code.
pub(crate) fn looks_like_code_line(t: &str) -> bool {
    static FLAG: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\s)--?[A-Za-z][A-Za-z0-9_-]*"));
    static CALL: LazyLock<Regex> = LazyLock::new(|| re(r"\w\([^)]*\)\s*[{;]|\)\s*\{|\}\s*$"));
    let t = t.trim();
    if t.starts_with("$ ") || t.starts_with("#include") || t.starts_with("// ") {
        return true;
    }
    if t.ends_with(['.', '!', '?', ':']) {
        return false;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    let flags = FLAG.find_iter(t).count();
    let lower_first = first
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-./".contains(c));
    (lower_first && flags >= 2 && !first.is_empty())
        || (t.contains("=>") && (t.contains('(') || t.contains('{')))
        || CALL.is_match(t) && t.contains(['{', ';'])
}

/// Footer lines: copyright and rights statements and bare site addresses.
pub(crate) fn is_footer_line(s: &str, after_gap: bool) -> bool {
    static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?:©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati|все права защищены|版权所有|著作権|무단\s*전재)",
        )
    });
    let t = s.trim();
    let short = t.chars().count() <= 200;
    if FOOTER.is_match(t) && short {
        return true;
    }
    after_gap && short && site_address(t).is_some() && t.split_whitespace().count() <= 3
}

/// The site address named in a footer line, as a URL.
pub(crate) fn site_address(s: &str) -> Option<String> {
    static SITE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\b((?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?)")
    });
    for m in SITE.find_iter(s) {
        let host = m.as_str().trim_end_matches(['.', ',', ')']);
        if host.starts_with("http://") || host.starts_with("https://") {
            return Some(host.to_owned());
        }
        if host.to_ascii_lowercase().starts_with("www.") || super::inline::known_tld(host) {
            return Some(format!("http://{host}"));
        }
    }
    None
}

/// Copyright facts from a footer line.
pub(crate) fn copyright(s: &str) -> Option<Copyright> {
    static MARK: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)©|\(c\)|\bcopyright\b"));
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| re(r"\b(1[89]\d\d|20\d\d)\b(?:\s*[-–]\s*(?:1[89]\d\d|20\d\d))?"));
    static RESERVED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)all rights reserved\.?|tous droits réservés\.?|alle rechte vorbehalten\.?|todos los derechos reservados\.?|tutti i diritti riservati\.?|все права защищены\.?",
        )
    });
    let t = s.trim();
    if !MARK.is_match(t) && !RESERVED.is_match(t) {
        return None;
    }
    let year = YEAR.captures_iter(t).last().and_then(|c| {
        c[0].rsplit(['-', '–'])
            .next()
            .and_then(|y| y.trim().parse().ok())
    });
    let rest = MARK.replace_all(t, " ");
    let rest = YEAR.replace_all(&rest, " ");
    let rest = RESERVED.replace_all(&rest, " ");
    let mut holder = rest
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == '.' || c == ',' || c == '|' || c == '-' || c.is_whitespace())
        .to_owned();
    // "KCNA www.kcna.kp": the name is the holder; a lone address is the
    // holder without its scheme and "www.".
    let words: Vec<&str> = holder.split_whitespace().collect();
    let named: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| site_address(w).is_none())
        .collect();
    if !named.is_empty() && named.len() < words.len() {
        holder = named.join(" ");
    } else if named.is_empty() && !words.is_empty() {
        let w = words[0];
        let w = w
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        holder = w
            .strip_prefix("www.")
            .unwrap_or(w)
            .trim_end_matches('/')
            .to_owned();
    }
    Some(Copyright {
        statement: t.to_owned(),
        year,
        holder: (!holder.is_empty()).then_some(holder),
    })
}

/// Lowercase words that may stand inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
    "bin", "al", "el", "ibn", "y", "zu", "ten", "ter",
];

/// Whether `s` looks like one person's (or desk's) name.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 50 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps >= 1
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            let first = w.chars().next().unwrap_or(' ');
            (first.is_uppercase() || NAME_PARTICLES.contains(&w))
                && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
        })
}

/// The names in a byline (`By Jane Doe and John Roe`), or `None` when the
/// line is not a byline. With `bare`, a line that is only a name counts.
pub(crate) fn byline_names(s: &str, bare: bool) -> Option<Vec<String>> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(?:text\s+by|words\s+by|written\s+by|story\s+by|reporting\s+by|by|von|par|por|di|de|text|texte|autor|author|автор|作者|記者|기자)\s*[:：]?\s+(.+)$",
        )
    });
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b|、|/)\s*"));
    static OUTLET_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?:\s*[,|·–—-]\s*|\s+)(?:[A-Z]{2,}(?:\s+[A-Z]{2,})?|The Associated Press|Associated Press|Reuters|Bloomberg|The Washington Post|The New York Times)$",
        )
    });
    let t = s.trim();
    if t.chars().count() > 120 || ends_sentence(t) && !t.ends_with('.') {
        return None;
    }
    let (names_part, prefixed) = match BY.captures(t) {
        Some(c) => (c.get(1).map_or("", |m| m.as_str()).to_owned(), true),
        None if bare && !t.contains('/') => (t.to_owned(), false),
        None => return None,
    };
    // Drop an e-mail address or handle after the name.
    let mut names_part = names_part
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    names_part = names_part.trim_end_matches(['.', ',', '|']).to_owned();
    let all_caps = names_part
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !all_caps {
        names_part = OUTLET_TAIL.replace(&names_part, "").into_owned();
    }
    let names: Vec<String> = SPLIT
        .split(&names_part)
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() || !names.iter().all(|n| is_name(n)) {
        return None;
    }
    if !prefixed {
        // A bare line must be one or two names of two to four words, in
        // mixed case (an all-caps line is a kicker or a credit).
        if all_caps || names.len() > 2 {
            return None;
        }
        if !names
            .iter()
            .all(|n| (2..=4).contains(&n.split_whitespace().count()))
        {
            return None;
        }
    }
    Some(names)
}

/// A short all-capitals label such as `EXCLUSIVE` or `ANALYSIS`.
pub(crate) fn is_kicker(s: &str) -> bool {
    let t = s.trim();
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && t.chars().count() <= 30
        && t.split_whitespace().count() <= 3
        && letters.iter().all(|c| c.is_uppercase())
        && !t.contains('/')
}

static AGENCIES: &str = r"AFP|AP|Reuters|REUTERS|Getty(?: Images)?|EPA|Xinhua|KCNA|Yonhap|AP Photo|Bloomberg|Shutterstock|iStock(?:photo)?|Alamy|dpa|ANSA|EFE|TASS|РИА Новости|picture alliance|Imago|Keystone|Handout|Pool|Courtesy|Supplied|File|Facebook|Twitter|Instagram|YouTube|TikTok|Wikimedia Commons|Flickr";

/// A line that only credits a picture: `(Bild: Hersteller)`,
/// `JIM WATSON/AFP/Getty Images`, `Facebook`, `West Mercia Police`.
pub(crate) fn credit_line(s: &str) -> Option<CaptionKind> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\(?\s*(?:photo|photos|foto|fotos|bild|bilder|image|images|picture|pictures|credit|credits|photo credit|quelle|fuente|source|illustration|grafik|graphic|video|фото|사진|写真|图|圖)\s*[:：/]\s*[^()]+\)?$",
        )
    });
    static SLASHED: LazyLock<Regex> =
        LazyLock::new(|| re(r"^\p{Lu}[\p{L} .'’&-]+(?:/[\p{L} .'’&-]+){1,3}$"));
    static AGENCY_ONLY: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"^(?:\(?(?:{AGENCIES})(?:\s*(?:Photo|Images|Pictures|Video))?\)?)$"
        ))
    });
    static ORG_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:\p{Lu}[\p{L}'’.-]*\s+)*(?:Police|Images|Photos?|Handout|Archives?|Pictures|Press Office|Media)$",
        )
    });
    let t = s.trim();
    if t.chars().count() > 90 {
        return None;
    }
    if LABELLED.is_match(t) || SLASHED.is_match(t) && !t.contains("://") {
        return Some(CaptionKind::Credit);
    }
    if AGENCY_ONLY.is_match(t) || ORG_TAIL.is_match(t) {
        return Some(CaptionKind::Credit);
    }
    None
}

/// A caption that ends with its credit in parentheses:
/// `Glass cloche terrariums (Lucy Akins)`, `... in Tunis. (Reuters)`.
pub(crate) fn caption_with_credit(s: &str) -> Option<CaptionKind> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"\((?:(?:{AGENCIES})(?:[ /][\p{{L}} ./]+)?|(?:Photo|Foto|Bild|Image|Video|Credit)[:：][^()]+|\p{{Lu}}[\p{{L}}'’-]+(?:\s+\p{{Lu}}[\p{{L}}'’.-]+)+(?:/[\p{{L}} ]+)?)\)$"
        ))
    });
    let t = s.trim();
    let words = t.split_whitespace().count();
    if words > 40 || t.starts_with(['“', '"', '«', '„']) || t.starts_with('(') {
        return None;
    }
    TAIL.is_match(t).then_some(CaptionKind::Caption)
}

/// Whether text is short enough to be a caption.
pub(crate) fn is_caption_sized(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() <= 150
        && t.split_whitespace().count() <= 20
        && !t.starts_with(['“', '"', '«', '„'])
        && !t.contains(['“', '«', '„'])
}

/// Notes: credits, related links, editor lines, bios, corrections...
pub(crate) fn note_kind(s: &str) -> Option<NoteKind> {
    static RULES: LazyLock<Vec<(Regex, NoteKind)>> = LazyLock::new(|| {
        vec![
            (
                re(
                    r"(?i)^\[?\s*(?:read more|read|see also|also read|related(?: coverage| articles| stories| content)?|more on this|more|watch|listen|lire aussi|à lire aussi|a lire aussi|mehr zum thema|lesen sie auch|leer más|lea también|lee también|leggi anche|читайте также|相关阅读|関連記事)\s*[:：]",
                ),
                NoteKind::Related,
            ),
            (
                re(
                    r"(?i)^(?:additional |with additional )?(?:reporting|writing|editing|research|production|fact-checking|translation|translated|compiled|edited|contributing reporting|graphics)\s+by\b",
                ),
                NoteKind::Credit,
            ),
            (
                re(r"(?i)\bcontributed (?:reporting )?to this (?:report|story|article)\.?$"),
                NoteKind::Credit,
            ),
            (
                re(&format!(
                    r"^\((?:[\p{{Lu}}\d][\p{{L}}\d ]* with )?(?:{AGENCIES})(?:[,/ ]+(?:{AGENCIES}))*\)\.?$"
                )),
                NoteKind::Credit,
            ),
            (
                re(r"^\([\p{Lu}\d][\p{Lu}\d ]+ with [\p{Lu}, ]+\)\.?$"),
                NoteKind::Credit,
            ),
            (
                re(r"(?i)^\(?\s*(?:sourcing|sources?)\s*:"),
                NoteKind::Sourcing,
            ),
            (
                re(r"^[（(【\[]?\s*(?:责任编辑|編輯|编辑|記者|记者|校对|審校|审校)\s*[:：]"),
                NoteKind::Editor,
            ),
            (
                re(
                    r"(?i)^\(?\s*(?:editor'?s'? note|editors'? note|note from the editor|ed\. note|n\. ?d\. ?l\. ?r\.|anmerkung der redaktion)\s*[:：]?",
                ),
                NoteKind::Editor,
            ),
            (
                re(
                    r"(?i)^\(?\s*(?:correction|clarification|corrección|rectificatif|korrektur)\s*[:：]",
                ),
                NoteKind::Correction,
            ),
            (
                re(
                    r"(?i)^\(?\s*(?:disclaimer|disclosure)\s*[:：]|^the views expressed (?:in this|here)",
                ),
                NoteKind::Disclaimer,
            ),
            (
                re(r"(?i)^(?:contact(?: us)?|e-?mail|tel|phone|kontakt)\s*[:：]"),
                NoteKind::Contact,
            ),
            (
                re(
                    r"^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)+ is an? (?:[\p{L}-]+ )*(?:reporter|writer|correspondent|editor|journalist|columnist|contributor|producer|author|analyst|fellow)\b",
                ),
                NoteKind::Bio,
            ),
            (
                re(r"(?i)\bfollow (?:him|her|them|me|us) on (?:twitter|x|facebook|instagram)\b"),
                NoteKind::Bio,
            ),
        ]
    });
    let t = s.trim();
    if t.chars().count() > 400 {
        return None;
    }
    RULES.iter().find(|(r, _)| r.is_match(t)).map(|(_, k)| *k)
}

/// A wire dateline at the start of a paragraph.
pub(crate) fn dateline(s: &str) -> Option<Dateline> {
    static DL: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^((\p{Lu}[\p{L}'’.-]*(?:[ -]\p{Lu}[\p{L}'’.-]*)*)(?:,\s*[\p{L}.]+(?:\s+\d{1,2})?(?:,\s*\d{4})?)?\s*(?:\(([^()]+)\))?\s*(?:—|–|--|-)\s)",
        )
    });
    static CJK_DL: LazyLock<Regex> = LazyLock::new(|| re(r"^(【([^】]+)】)"));
    let t = s.trim_start();
    if let Some(c) = CJK_DL.captures(t).filter(|c| c[2].chars().count() <= 30) {
        let inner = c[2].to_owned();
        let agency = inner.split_whitespace().last().map(str::to_owned);
        return Some(Dateline {
            text: c[1].to_owned(),
            place: None,
            agency,
        });
    }
    let head: String = t.chars().take(80).collect();
    let c = DL.captures(&head)?;
    let place = c[2].to_owned();
    let agency = c.get(3).map(|m| m.as_str().to_owned());
    if place.split([' ', '-']).count() > 4
        || agency.as_ref().is_some_and(|a| a.chars().count() > 40)
    {
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
        text: c[1].trim_end().to_owned(),
        place: Some(place),
        agency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            byline_names("By Erin Cunningham", false).unwrap(),
            ["Erin Cunningham"]
        );
        assert_eq!(
            byline_names("By Leigh Ann Caldwell CNN", false).unwrap(),
            ["Leigh Ann Caldwell"]
        );
        assert_eq!(
            byline_names("Text by NEWS WIRES", false).unwrap(),
            ["NEWS WIRES"]
        );
        assert_eq!(
            byline_names("by Lucas Nolan", false).unwrap(),
            ["Lucas Nolan"]
        );
        assert_eq!(
            byline_names("By Jane Doe and John Roe", false).unwrap(),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            byline_names("By Jane Doe, Reuters", false).unwrap(),
            ["Jane Doe"]
        );
        assert_eq!(
            byline_names("Mark Di Stefano", true).unwrap(),
            ["Mark Di Stefano"]
        );
        assert_eq!(
            byline_names("By the time they arrived, it was over.", false),
            None
        );
        assert_eq!(byline_names("EXCLUSIVE", true), None);
        assert_eq!(byline_names("Consenso", true), None);
    }

    #[test]
    fn datelines() {
        let d = dateline("WASHINGTON (CNN) — Not everyone").unwrap();
        assert_eq!(d.place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.agency.as_deref(), Some("CNN"));
        let d = dateline("SEOUL, Aug. 20 (Yonhap) -- North Korea's").unwrap();
        assert_eq!(d.text, "SEOUL, Aug. 20 (Yonhap) --");
        let d = dateline("Pyongyang, October 24 (KCNA) -- Following").unwrap();
        assert_eq!(d.place.as_deref(), Some("Pyongyang"));
        assert!(dateline("CAIRO — Gunmen opened fire").is_some());
        assert!(dateline("Chairman Kim Jong Il met President - yes").is_none());
        assert_eq!(
            dateline("【6月18日 AFP】ナイジェリア")
                .unwrap()
                .agency
                .as_deref(),
            Some("AFP")
        );
    }

    #[test]
    fn copyright_lines() {
        let c = copyright("2023 © All rights reserved. www.pyongyangtimes.com.kp").unwrap();
        assert_eq!(c.year, Some(2023));
        assert_eq!(c.holder.as_deref(), Some("pyongyangtimes.com.kp"));
        let c = copyright("© KCNA www.kcna.kp").unwrap();
        assert_eq!(c.holder.as_deref(), Some("KCNA"));
        let c = copyright("Copyright 2019-2024 The Example Times").unwrap();
        assert_eq!(c.year, Some(2024));
        assert_eq!(c.holder.as_deref(), Some("The Example Times"));
    }

    #[test]
    fn credits_and_captions() {
        assert!(credit_line("(Bild: Hersteller)").is_some());
        assert!(credit_line("JIM WATSON/AFP/Getty Images").is_some());
        assert!(credit_line("Facebook").is_some());
        assert!(credit_line("West Merica Police").is_some());
        assert!(credit_line("Consenso").is_none());
        assert!(caption_with_credit("Glass cloche terrariums (Lucy Akins)").is_some());
        assert!(caption_with_credit("He came back (and left).").is_none());
        assert!(note_kind("(FRANCE 24 with AFP, REUTERS)").is_some());
        assert!(note_kind("（编辑：严玉洁 王辉）").is_some());
        assert!(note_kind("【责任编辑：严玉洁】").is_some());
        assert!(note_kind("Heba Habib contributed to this report.").is_some());
        assert!(note_kind("[Read: Why Tunisia suffers]").is_some());
    }

    #[test]
    fn bullets_and_short_lines() {
        assert_eq!(
            bullet_marker("- A show took place."),
            Some((false, None, 2))
        );
        assert_eq!(bullet_marker("2. AI speeds up"), Some((true, Some(2), 3)));
        assert_eq!(bullet_marker("-0-"), None);
        assert!(is_short_line("Rodong Sinmun"));
        assert!(is_short_line(
            "Is Ulji Freedom Shield \"defensive\" and \"transparent\""
        ));
        assert!(!is_short_line("His words were very meaningful."));
        assert!(is_short_line("中美合作共赢是大势所趋"));
    }

    #[test]
    fn code_lines() {
        assert!(looks_like_code_line("emcc -O3 add.c -o add.wasm"));
        assert!(looks_like_code_line(
            "wasm   =>   function musl_writev(..) { .. console.log(..) .. }"
        ));
        assert!(!looks_like_code_line("Using standalone mode in Emscripten"));
        assert!(looks_like_code(&[
            "int add(int x, int y) {",
            "  return x + y;",
            "}"
        ]));
        assert!(!looks_like_code(&[
            "A hard-wrapped line of prose that goes on",
            "and on until it ends."
        ]));
    }
}
