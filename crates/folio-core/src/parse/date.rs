//! Date lines: recognizing a line that *is* a date, in the many forms news
//! sites print them.
//!
//! Supported: English month names and abbreviations (`March 17, 2023`,
//! `Nov. 20, 2019 5:52 AM EST`, `19 NOV 2019`), French, German, Spanish,
//! Italian, Portuguese, Russian and Arabic month names, ISO dates and
//! timestamps, numeric day-first and month-first dates (resolved by a
//! [`DateOrder`] or the language, flagged when ambiguous), two-digit years,
//! Chinese/Japanese `2020年2月19日`, Korean `2018.09.28` and `2018년 9월
//! 28일`, KCNA's tags `[Juche113.6.11.]` and `[2024.09.05.]` (Juche year +
//! 1911 = Gregorian year). Times, zones and weekday names may surround the
//! date; any other word makes the line not a date line.

use super::scan::Scan;
use super::text::more_chars_than;
use chrono::NaiveDate;
use std::borrow::Cow;

/// How to read numeric dates such as `03/04/2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Decide by the article's language (month-first for English, day-first
    /// otherwise), and warn when both readings are possible.
    #[default]
    Auto,
    /// `DD/MM/YYYY`.
    DayFirst,
    /// `MM/DD/YYYY`.
    MonthFirst,
}

/// What a date line says about the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// The publication date (no prefix, or `Published`, `Posted`...).
    Published,
    /// An update stamp (`Updated ...`, `Mis à jour le ...`).
    Updated,
}

/// A recognized date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    /// The calendar date.
    pub date: NaiveDate,
    /// Publication or update.
    pub kind: DateKind,
    /// Both day-first and month-first readings were valid; `date` follows the
    /// order in force.
    pub ambiguous: bool,
}

const PUBLISHED_PREFIXES: &[&str] = &[
    "date created",
    "date published",
    "published on",
    "published",
    "posted on",
    "posted",
    "first published",
    "created",
    "date",
    "dated",
    "publié le",
    "publié",
    "veröffentlicht am",
    "veröffentlicht",
    "erschienen am",
    "stand",
    "publicado el",
    "publicado",
    "fecha",
    "pubblicato il",
    "pubblicato",
    "опубликовано",
    "дата публикации",
    "发布时间",
    "发布日期",
    "時間",
    "日期",
    "입력",
    "기사입력",
    "등록",
    "公開日",
    "掲載日",
    "نشر في",
    "تاريخ النشر",
];

const UPDATED_PREFIXES: &[&str] = &[
    "last updated on",
    "last updated",
    "last modified",
    "updated on",
    "updated at",
    "updated",
    "update",
    "mis à jour le",
    "mis à jour",
    "modifié le",
    "aktualisiert am",
    "aktualisiert",
    "zuletzt aktualisiert",
    "actualizado el",
    "actualizado",
    "actualización",
    "aggiornato il",
    "aggiornato",
    "обновлено",
    "更新时间",
    "更新日",
    "수정",
    "기사수정",
    "تحديث",
];

/// [`month_number`] for the header scanner.
pub(crate) fn month_number_pub(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 40 {
        return None;
    }
    month_number(word)
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        // English
        "january" | "jan" => 1,
        "february" | "feb" | "febr" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        // French
        "janvier" | "janv" => 1,
        "février" | "fevrier" | "févr" | "fevr" | "fév" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "août" | "aout" => 8,
        "septembre" => 9,
        "octobre" => 10,
        "novembre" => 11,
        "décembre" | "decembre" | "déc" => 12,
        // German
        "januar" | "jänner" | "jän" => 1,
        "februar" => 2,
        "märz" | "maerz" | "mär" | "mrz" => 3,
        "juni" => 6,
        "juli" => 7,
        "oktober" | "okt" => 10,
        "dezember" | "dez" => 12,
        // Spanish
        "enero" | "ene" => 1,
        "febrero" => 2,
        "marzo" => 3,
        "abril" | "abr" => 4,
        "mayo" => 5,
        "junio" => 6,
        "julio" => 7,
        "agosto" | "ago" => 8,
        "septiembre" | "setiembre" | "set" => 9,
        "octubre" => 10,
        "noviembre" => 11,
        "diciembre" | "dic" => 12,
        // Italian
        "gennaio" | "gen" => 1,
        "febbraio" => 2,
        "aprile" => 4,
        "maggio" | "mag" => 5,
        "giugno" | "giu" => 6,
        "luglio" | "lug" => 7,
        "settembre" => 9,
        "ottobre" | "ott" => 10,
        "dicembre" => 12,
        // Portuguese
        "janeiro" => 1,
        "fevereiro" | "fev" => 2,
        "março" | "marco" => 3,
        "maio" => 5,
        "junho" => 6,
        "julho" => 7,
        "setembro" => 9,
        "outubro" | "out" => 10,
        "dezembro" => 12,
        // Russian (genitive, nominative, abbreviations)
        "января" | "январь" | "янв" => 1,
        "февраля" | "февраль" | "фев" => 2,
        "марта" | "март" => 3,
        "апреля" | "апрель" | "апр" => 4,
        "мая" | "май" => 5,
        "июня" | "июнь" | "июн" => 6,
        "июля" | "июль" | "июл" => 7,
        "августа" | "август" | "авг" => 8,
        "сентября" | "сентябрь" | "сен" | "сент" => 9,
        "октября" | "октябрь" | "окт" => 10,
        "ноября" | "ноябрь" | "ноя" | "нояб" => 11,
        "декабря" | "декабрь" | "дек" => 12,
        // Arabic (Egyptian/Gulf and Levantine names)
        "يناير" | "كانون الثاني" => 1,
        "فبراير" | "شباط" => 2,
        "مارس" | "آذار" => 3,
        "أبريل" | "ابريل" | "إبريل" | "نيسان" => 4,
        "مايو" | "أيار" => 5,
        "يونيو" | "يونيه" | "حزيران" => 6,
        "يوليو" | "يوليه" | "تموز" => 7,
        "أغسطس" | "اغسطس" | "آب" => 8,
        "سبتمبر" | "أيلول" => 9,
        "أكتوبر" | "اكتوبر" | "تشرين الأول" => 10,
        "نوفمبر" | "تشرين الثاني" => 11,
        "ديسمبر" | "كانون الأول" => 12,
        _ => return None,
    };
    Some(m)
}

/// [`is_filler`] for the header scanner: weekdays, times, zones and small
/// words around dates.
pub(crate) fn is_filler_pub(word: &str) -> bool {
    is_filler(word)
}

/// Whether a lowercase word is a weekday name or abbreviation.
pub(crate) fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    w.len() >= 3
        && is_filler(w)
        && !matches!(
            w,
            "the"
                | "las"
                | "uhr"
                | "alle"
                | "ore"
                | "hrs"
                | "um."
                | "at:"
                | "года"
                | "год"
                | "del"
                | "nachm"
                | "vorm"
        )
}

fn is_filler(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    if w.is_empty() {
        return true;
    }
    matches!(
        w.as_str(),
        // weekdays
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            | "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
            | "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche"
            | "montag" | "dienstag" | "mittwoch" | "donnerstag" | "freitag" | "samstag"
            | "sonnabend" | "sonntag"
            | "lunes" | "martes" | "miércoles" | "miercoles" | "jueves" | "viernes" | "sábado"
            | "sabado" | "domingo"
            | "lunedì" | "martedì" | "mercoledì" | "giovedì" | "venerdì" | "sabato" | "domenica"
            | "segunda-feira" | "terça-feira" | "quarta-feira" | "quinta-feira" | "sexta-feira"
            | "понедельник" | "вторник" | "среда" | "четверг" | "пятница" | "суббота"
            | "воскресенье"
            | "الأحد" | "الاثنين" | "الإثنين" | "الثلاثاء" | "الأربعاء" | "الخميس" | "الجمعة" | "السبت"
            // small words around dates and times
            | "de" | "del" | "le" | "the" | "of" | "on" | "at" | "um" | "à" | "a" | "las" | "el"
            | "г" | "года" | "год" | "в" | "às" | "alle" | "ore" | "h" | "hrs" | "uhr" | "um."
            | "am" | "pm" | "a.m" | "p.m" | "nachm" | "vorm"
            // time zones
            | "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "et" | "pt" | "ct"
            | "mt" | "gmt" | "utc" | "bst" | "cet" | "cest" | "eet" | "eest" | "kst" | "jst"
            | "ist" | "hkt" | "sgt" | "msk" | "aest" | "aedt" | "wib" | "mez" | "mesz" | "z"
            | "|" | "-" | "—" | "–" | "·" | "/" | "•" | "@" | "(" | ")" | "at:"
    )
}

/// Whether a lowercase token is a time or a zone offset: `5:52`, `10h30`,
/// `10:00:00.5pm`, `5p.m.`, `+09:00`, `(gmt+9)`, `utc-03:30`. Matches what
/// the regex `^(?:[0-9]{1,2}[:h.][0-9]{2}(?::[0-9]{2})?(?:[.,][0-9]+)?(?:[ap]\.?m\.?)?
/// |[0-9]{1,2}[ap]\.?m\.?|[+-−][0-9]{2}:?[0-9]{2}
/// |\(?(?:gmt|utc)[+-−]?[0-9]{0,2}(?::?[0-9]{2})?\)?)$` matched; note that
/// `[+-−]` is the range U+002B..=U+2212, not three characters.
pub(crate) fn is_time(t: &str) -> bool {
    /// `[+-−]`: the range from `+` to `−`.
    fn sign(c: char) -> bool {
        ('+'..='−').contains(&c)
    }
    /// `[ap]\.?m\.?`
    fn meridiem(s: &mut Scan<'_>) -> bool {
        s.eat_if(|c| matches!(c, 'a' | 'p')).is_some() && {
            s.eat('.');
            s.eat('m') && {
                s.eat('.');
                true
            }
        }
    }
    /// An optional group: kept when `f` matches, undone when it does not.
    fn opt(s: &mut Scan<'_>, f: impl FnOnce(&mut Scan<'_>) -> bool) {
        let save = s.pos();
        if !f(s) {
            s.set(save);
        }
    }
    // 5:52, 10h30, 10.30, with seconds, a fraction and am/pm.
    let clock = || {
        let mut s = Scan::new(t);
        s.digits(1, 2).is_some()
            && s.eat_if(|c| matches!(c, ':' | 'h' | '.')).is_some()
            && s.digits(2, 2).is_some()
            && {
                opt(&mut s, |s| s.eat(':') && s.digits(2, 2).is_some());
                opt(&mut s, |s| {
                    s.eat_if(|c| matches!(c, '.' | ',')).is_some()
                        && s.digits(1, usize::MAX).is_some()
                });
                opt(&mut s, meridiem);
                s.at_end()
            }
    };
    // 5pm, 5a.m.
    let hour = || {
        let mut s = Scan::new(t);
        s.digits(1, 2).is_some() && meridiem(&mut s) && s.at_end()
    };
    // +0900, -03:30
    let offset = || {
        let mut s = Scan::new(t);
        s.eat_if(sign).is_some()
            && s.digits(2, 2).is_some()
            && {
                s.eat(':');
                s.digits(2, 2).is_some()
            }
            && s.at_end()
    };
    // (GMT+9), UTC-03:30
    let zone = || {
        /// `[0-9]{0,2}(?::?[0-9]{2})?$`
        fn hours_minutes(m: &str) -> bool {
            let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
            (m.len() <= 4 && digits(m))
                || m.split_once(':')
                    .is_some_and(|(h, mm)| h.len() <= 2 && digits(h) && mm.len() == 2 && digits(mm))
        }
        let mut s = Scan::new(t);
        s.eat('(');
        if !(s.eat_str("gmt") || s.eat_str("utc")) {
            return false;
        }
        // `\)?` at the end: no other element matches ')'.
        let m = s.rest().strip_suffix(')').unwrap_or(s.rest());
        hours_minutes(m)
            || m.chars()
                .next()
                .is_some_and(|c| sign(c) && hours_minutes(&m[c.len_utf8()..]))
    };
    clock() || hour() || offset() || zone()
}

/// `[Juche113.6.11.]`: year, month and day of a KCNA Juche tag. Matches what
/// `(?i)^\[?\s*juche\s*([0-9]{1,3})[.\s]\s*([0-9]{1,2})[.\s]\s*([0-9]{1,2})\.?\s*\]?$`
/// matched.
pub(crate) fn juche_tag(body: &str) -> Option<[&str; 3]> {
    let mut s = Scan::new(body);
    s.eat('[');
    s.spaces();
    let word = s.rest().get(..5)?;
    if !word.eq_ignore_ascii_case("juche") {
        return None;
    }
    s.set(s.pos() + 5);
    s.spaces();
    let mut part = |max: usize, sep: bool| {
        let d = s.digits(1, max)?;
        if sep {
            s.eat_if(|c| c == '.' || c.is_whitespace())?;
            s.spaces();
        }
        Some(d)
    };
    let (y, m, d) = (part(3, true)?, part(2, true)?, part(2, false)?);
    s.eat('.');
    s.spaces();
    s.eat(']');
    s.at_end().then_some([y, m, d])
}

/// `2019-08-20`, perhaps with a time and zone (`T09:31:01+09:00`): year,
/// month, day and the rest of the line. Matches what
/// `^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?(.*)$`
/// matched.
pub(crate) fn iso_date(body: &str) -> Option<[&str; 4]> {
    let mut s = Scan::new(body);
    let y = s.digits(4, 4)?;
    s.eat('-').then_some(())?;
    let m = s.digits(1, 2)?;
    s.eat('-').then_some(())?;
    let d = s.digits(1, 2)?;
    let time = |s: &mut Scan<'_>| {
        if s.eat_if(|c| matches!(c, 'T' | ' ')).is_none()
            || s.digits(1, 2).is_none()
            || !s.eat(':')
            || s.digits(2, 2).is_none()
        {
            return false;
        }
        let save = s.pos();
        if s.eat(':') && s.digits(2, 2).is_some() {
            let frac = s.pos();
            if !(s.eat('.') && s.digits(1, usize::MAX).is_some()) {
                s.set(frac);
            }
        } else {
            s.set(save);
        }
        let save = s.pos();
        let zone = s.eat('Z')
            || s.eat_if(|c| matches!(c, '+' | '-')).is_some() && s.digits(2, 2).is_some() && {
                s.eat(':');
                s.digits(2, 2).is_some()
            };
        if !zone {
            s.set(save);
        }
        true
    };
    let save = s.pos();
    if !time(&mut s) {
        s.set(save);
    }
    Some([y, m, d, s.tail()?])
}

/// `2018.09.28`, `[2024.09.05.]`: year, month, day and the rest of the line.
/// Matches what
/// `^\[?\s*([0-9]{4})\s*[./]\s*([0-9]{1,2})\s*[./]\s*([0-9]{1,2})\s*\.?\s*\]?(.*)$`
/// matched.
pub(crate) fn ymd_dotted(body: &str) -> Option<[&str; 4]> {
    let mut s = Scan::new(body);
    s.eat('[');
    s.spaces();
    let y = s.digits(4, 4)?;
    let slash = |c| matches!(c, '.' | '/');
    s.spaced(slash)?;
    let m = s.digits(1, 2)?;
    s.spaced(slash)?;
    let d = s.digits(1, 2)?;
    s.spaces();
    s.eat('.');
    s.spaces();
    s.eat(']');
    Some([y, m, d, s.tail()?])
}

/// `2020年2月19日`, `2018년 9월 28일`: year, month, day and the rest of the
/// line after the day's number (and its `日`/`일`, when present). Matches
/// what `^([0-9]{2,4})\s*[年년]\s*([0-9]{1,2})\s*[月월]\s*([0-9]{1,2})\s*[日일]?(.*)$`
/// matched.
pub(crate) fn cjk_date(body: &str) -> Option<[&str; 4]> {
    let mut s = Scan::new(body);
    let y = s.digits(2, 4)?;
    s.spaced(|c| matches!(c, '年' | '년'))?;
    let m = s.digits(1, 2)?;
    s.spaced(|c| matches!(c, '月' | '월'))?;
    let d = s.digits(1, 2)?;
    s.spaces();
    s.eat_if(|c| matches!(c, '日' | '일'));
    Some([y, m, d, s.tail()?])
}

/// A numeric date `25/12/2019`, `12-25-19`, `17.03.2023`: the two first
/// numbers, the two separators, the year and the rest of the line. Matches
/// what `^([0-9]{1,2})\s*([./-])\s*([0-9]{1,2})\s*([./-])\s*([0-9]{4}|[0-9]{2})\.?(.*)$`
/// matched.
pub(crate) fn numeric_date(body: &str) -> Option<NumericDate<'_>> {
    let sep = |c| matches!(c, '.' | '/' | '-');
    let mut s = Scan::new(body);
    let a = s.digits(1, 2)?;
    let sep1 = s.spaced(sep)?;
    let b = s.digits(1, 2)?;
    let sep2 = s.spaced(sep)?;
    let year = s.digits(4, 4).or_else(|| s.digits(2, 2))?;
    s.eat('.');
    Some(NumericDate {
        a,
        b,
        seps: [sep1, sep2],
        year,
        rest: s.tail()?,
    })
}

/// The parts of a numeric date (see [`numeric_date`]).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NumericDate<'a> {
    /// The first number (day or month).
    pub a: &'a str,
    /// The second number (month or day).
    pub b: &'a str,
    /// The separators after the first and the second number.
    pub seps: [char; 2],
    /// The year, four or two digits.
    pub year: &'a str,
    /// The rest of the line.
    pub rest: &'a str,
}

/// Folds full-width, Arabic-Indic and Persian digits to ASCII digits.
pub(crate) fn fold_digits(s: &str) -> Cow<'_, str> {
    // Only non-ASCII characters are folded.
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '／' => '/',
            '：' => ':',
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
            _ => c,
        })
        .collect()
}

fn expand_year(y: i32, digits: usize) -> i32 {
    if digits <= 2 {
        // POSIX strptime's pivot: 69-99 are the 1900s, 00-68 the 2000s.
        if y >= 69 { 1900 + y } else { 2000 + y }
    } else {
        y
    }
}

/// Strips a known prefix (`Updated:`, `Published on`) and says which kind it
/// was.
fn strip_prefix(line: &str) -> (&str, DateKind) {
    // The longest prefix has 29 bytes; 32 lowercased characters hold at
    // least 32 bytes.
    let lower = super::text::lower_head(line, 32);
    for (list, kind) in [
        (UPDATED_PREFIXES, DateKind::Updated),
        (PUBLISHED_PREFIXES, DateKind::Published),
    ] {
        for p in list {
            if lower.starts_with(p) {
                // `p` is lowercase of the same prefix; lengths can differ only
                // for characters whose case forms differ in length, which none
                // of the prefixes contain.
                let Some(rest) = line.get(p.len()..) else {
                    continue;
                };
                if rest.starts_with(|c: char| c.is_alphanumeric()) {
                    continue;
                }
                let rest = rest.trim_start_matches([' ', ':', '：', '-', '—', '|', '\u{a0}']);
                return (rest, kind);
            }
        }
    }
    (line, DateKind::Published)
}

/// Whether the leftover after a matched date is only times, zones and
/// weekdays.
fn only_filler(rest: &str) -> bool {
    rest.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .all(|t| {
            let t = t.trim_matches(|c| c == '(' || c == ')');
            is_filler(t) || is_time(&t.to_lowercase())
        })
}

/// Recognizes a line that is a date, optionally with a prefix, weekday, time
/// and zone. Returns `None` for lines that say anything else.
///
/// `month_first` decides ambiguous numeric dates under [`DateOrder::Auto`].
///
/// ```
/// use folio_core::parse::date::{parse_date_line, DateOrder};
/// let d = parse_date_line("Nov. 20, 2019 5:52 AM EST", DateOrder::Auto, true).unwrap();
/// assert_eq!(d.date.to_string(), "2019-11-20");
/// let d = parse_date_line("[Juche113.6.11.]", DateOrder::Auto, true).unwrap();
/// assert_eq!(d.date.to_string(), "2024-06-11");
/// assert!(parse_date_line("On March 30, Rahman was killed.", DateOrder::Auto, true).is_none());
/// ```
pub fn parse_date_line(line: &str, order: DateOrder, month_first: bool) -> Option<DateLine> {
    // Date lines are short; test that before any work.
    if line.len() > 4 * 80 || more_chars_than(line.trim(), 80) {
        return None;
    }
    // Every form has a number; only non-ASCII digits fold to ASCII ones.
    if line.is_ascii() && !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let folded = fold_digits(line.trim());
    let trimmed = folded.trim().trim_end_matches(['.', ','].as_ref());
    if trimmed.is_empty() || more_chars_than(trimmed, 80) {
        return None;
    }
    let (body, kind) = strip_prefix(trimmed);
    let body = body.trim();
    let mk = |date: NaiveDate, ambiguous: bool| DateLine {
        date,
        kind,
        ambiguous,
    };

    if let Some([y, m, d]) = juche_tag(body) {
        let y: i32 = y.parse().ok()?;
        let date = NaiveDate::from_ymd_opt(y + 1911, m.parse().ok()?, d.parse().ok()?)?;
        return Some(mk(date, false));
    }
    for [y, m, d, rest] in [iso_date(body), ymd_dotted(body)].into_iter().flatten() {
        if only_filler(rest) {
            let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
            return Some(mk(date, false));
        }
    }
    if let Some([y, m, d, rest]) = cjk_date(body) {
        let rest = rest.trim_start_matches(['日', '일']);
        let rest_ok = rest.chars().all(|ch| {
            ch.is_whitespace()
                || ch.is_ascii_digit()
                || ":()（）午前後时時分秒点點星期周曜日月火水木金土一二三四五六天오전후시분초요일월화수목금토".contains(ch)
        });
        if rest_ok {
            let y = expand_year(y.parse().ok()?, y.len());
            let date = NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)?;
            return Some(mk(date, false));
        }
    }
    if let Some(c) = numeric_date(body) {
        if c.seps[0] == c.seps[1] && only_filler(c.rest) {
            let a: u32 = c.a.parse().ok()?;
            let b: u32 = c.b.parse().ok()?;
            let y = expand_year(c.year.parse().ok()?, c.year.len());
            let day_first = NaiveDate::from_ymd_opt(y, b, a);
            let month_first_d = NaiveDate::from_ymd_opt(y, a, b);
            let (date, ambiguous) = match (day_first, month_first_d) {
                (Some(d), None) => (d, false),
                (None, Some(m)) => (m, false),
                (Some(d), Some(m)) if d == m => (d, false),
                (Some(d), Some(m)) => {
                    let mf = match order {
                        DateOrder::DayFirst => false,
                        DateOrder::MonthFirst => true,
                        // A dotted date is day-first everywhere it is used.
                        DateOrder::Auto => month_first && c.seps[0] != '.',
                    };
                    (if mf { m } else { d }, order == DateOrder::Auto)
                }
                (None, None) => return None,
            };
            return Some(mk(date, ambiguous));
        }
    }
    parse_words(body).map(|d| mk(d, false))
}

/// Dates written with a month name, in any order of day, month and year.
fn parse_words(body: &str) -> Option<NaiveDate> {
    // Split into tokens, keeping multi-word Arabic month names together.
    let mut tokens: Vec<&str> = Vec::new();
    for raw in body.split(|c: char| c.is_whitespace() || c == ',' || c == '،') {
        if raw.is_empty() {
            continue;
        }
        // "17." (German day), "2023." and "Nov." keep their letters/digits.
        tokens.push(raw);
    }
    let (mut month, mut day, mut year) = (None, None, None);
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        // Two-word month names (Arabic Levantine: كانون الثاني, تشرين الأول...).
        if i + 1 < tokens.len() && matches!(t, "كانون" | "تشرين") {
            let two = format!("{} {}", t, tokens[i + 1]);
            if month.is_none() {
                if let Some(m) = month_number(&two) {
                    month = Some(m);
                    i += 2;
                    continue;
                }
            }
        }
        if let Some(y) = t
            .strip_prefix(['\'', '’'])
            .filter(|y| y.len() == 2 && y.chars().all(|c| c.is_ascii_digit()))
        {
            year = Some(expand_year(y.parse().ok()?, 2));
            i += 1;
            continue;
        }
        let bare = t.trim_matches(|c: char| "().,;'’".contains(c));
        let digits: String = bare.chars().take_while(|c| c.is_ascii_digit()).collect();
        let suffix = &bare[digits.len()..];
        if !digits.is_empty() {
            let ordinal = matches!(
                suffix.to_lowercase().as_str(),
                "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "ª" | "-го" | "日"
            );
            if digits.len() == 4 && suffix.is_empty() && year.is_none() {
                year = Some(digits.parse::<i32>().ok()?);
            } else if digits.len() <= 2 && ordinal && day.is_none() {
                day = Some(digits.parse::<u32>().ok()?);
            } else if is_time(&bare.to_lowercase()) {
                // a time such as 5:52
            } else {
                return None;
            }
        } else if let Some(y) = bare.strip_prefix('\'').and_then(|y| y.parse::<i32>().ok()) {
            year = Some(expand_year(y, 2));
        } else if month.is_none() && month_number(bare).is_some() {
            month = month_number(bare);
        } else if !(is_filler(bare) || is_time(&bare.to_lowercase())) {
            return None;
        }
        i += 1;
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date_line(s, DateOrder::Auto, true).map(|d| d.date.to_string())
    }

    #[test]
    fn english_forms() {
        assert_eq!(d("March 17, 2023").as_deref(), Some("2023-03-17"));
        assert_eq!(
            d("Nov. 20, 2019 5:52 AM EST").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(d("19 NOV 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(d("22 Dec 2016").as_deref(), Some("2016-12-22"));
        assert_eq!(
            d("Thursday, 17th March 2023").as_deref(),
            Some("2023-03-17")
        );
        assert_eq!(
            d("Published: March 17, 2023 at 10:00 a.m. ET").as_deref(),
            Some("2023-03-17")
        );
        assert_eq!(d("Sept. 5, '19").as_deref(), Some("2019-09-05"));
    }

    #[test]
    fn iso_and_numeric() {
        assert_eq!(d("2024-06-25").as_deref(), Some("2024-06-25"));
        assert_eq!(
            d("2019-08-20T09:31:01+09:00").as_deref(),
            Some("2019-08-20")
        );
        assert_eq!(d("2013-12-30T00:00:00").as_deref(), Some("2013-12-30"));
        assert_eq!(
            d("Date created : 2015-05-12").as_deref(),
            Some("2015-05-12")
        );
        assert_eq!(d("2018.09.28").as_deref(), Some("2018-09-28"));
        assert_eq!(d("25/12/2019").as_deref(), Some("2019-12-25"));
        assert_eq!(d("12/25/19").as_deref(), Some("2019-12-25"));
        let amb = parse_date_line("03/04/2023", DateOrder::Auto, true).unwrap();
        assert!(amb.ambiguous);
        assert_eq!(amb.date.to_string(), "2023-03-04");
        let df = parse_date_line("03/04/2023", DateOrder::DayFirst, true).unwrap();
        assert_eq!(df.date.to_string(), "2023-04-03");
        assert!(!df.ambiguous);
        assert_eq!(d("17.03.2023").as_deref(), Some("2023-03-17"));
    }

    #[test]
    fn other_languages() {
        assert_eq!(d("17 mars 2023").as_deref(), Some("2023-03-17"));
        assert_eq!(
            d("Mis à jour le 17 mars 2023 à 10h30").map(|_| ()),
            Some(())
        );
        assert_eq!(d("17. März 2023").as_deref(), Some("2023-03-17"));
        assert_eq!(d("17 de marzo de 2023").as_deref(), Some("2023-03-17"));
        assert_eq!(d("17 marzo 2023").as_deref(), Some("2023-03-17"));
        assert_eq!(d("5 августа 2015 г.").as_deref(), Some("2015-08-05"));
        assert_eq!(d("2020年2月19日").as_deref(), Some("2020-02-19"));
        assert_eq!(d("2018년 9월 28일").as_deref(), Some("2018-09-28"));
        assert_eq!(d("١٧ مارس ٢٠٢٣").as_deref(), Some("2023-03-17"));
        assert_eq!(d("17 آذار 2023").as_deref(), Some("2023-03-17"));
        assert_eq!(d("２０２０年２月１９日").as_deref(), Some("2020-02-19"));
    }

    #[test]
    fn kcna_tags() {
        assert_eq!(d("[Juche113.6.11.]").as_deref(), Some("2024-06-11"));
        assert_eq!(d("[Juche113.9.5.]").as_deref(), Some("2024-09-05"));
        assert_eq!(d("[2024.09.05.]").as_deref(), Some("2024-09-05"));
    }

    #[test]
    fn updates_are_told_apart() {
        let u = parse_date_line("Updated Nov. 21, 2019", DateOrder::Auto, true).unwrap();
        assert_eq!(u.kind, DateKind::Updated);
    }

    #[test]
    fn sentences_are_not_dates() {
        assert_eq!(d("On March 30, Washiqur Rahman was killed."), None);
        assert_eq!(d("Step 1"), None);
        assert_eq!(d("May"), None);
        assert_eq!(d("2024"), None);
        assert_eq!(
            d("3 surprising findings from our 2024 Global DevSecOps Survey"),
            None
        );
    }
}
