//! Per-language words the parser looks for, in one place: update stamps,
//! words that stand around dates, desk and agency bylines, source labels.
//!
//! Lists are lowercase; entries are matched on lowercased text. Add a
//! language by adding its words here, not by writing a new rule.
//!
//! A list searched anywhere in a line is compiled once into an
//! Aho–Corasick automaton, so a line is read once for the whole list
//! instead of once per entry.

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

fn automaton(list: &[&str]) -> AhoCorasick {
    AhoCorasick::new(list).expect("phrase lists are small")
}

/// Words before a date that make it an update stamp, not the publication
/// date (en, fr, de, es, it, pt, ru, zh, ja, ko, ar, pl, cs, fi, da, tr).
pub(crate) const UPDATED_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "lastupdate",
    "last edited",
    "mis à jour",
    "modifié",
    "actualisé",
    "aktualisiert",
    "geändert",
    "actualizado",
    "actualización",
    "atualizado",
    "atualização",
    "aggiornato",
    "обновлено",
    "обновлен",
    "оновлено",
    "更新",
    "수정",
    "محدثة",
    "تحديث",
    "zaktualizowano",
    "aktualizace",
    "aktualizováno",
    "päivitetty",
    "opdateret",
    "güncelleme",
    "cập nhật",
];

/// Words that stand around a date on a date line and say nothing else:
/// keywords, reading times, prepositions (taken out before looking for a
/// byline on the same line).
pub(crate) const DATE_WORDS: &[&str] = &[
    "published",
    "publish",
    "posted",
    "on",
    "at",
    "updated",
    "update",
    "last",
    "modified",
    "created",
    "date",
    "dated",
    "min",
    "mins",
    "minute",
    "minutes",
    "read",
    "reading",
    "time",
    "ago",
    "am",
    "pm",
    "a.m",
    "p.m",
    "le",
    "de",
    "à",
    "um",
    "uhr",
    "am",
    "le",
    "publié",
    "publicado",
    "actualizado",
    "veröffentlicht",
    "aktualisiert",
    "lesedauer",
    "minuten",
    "lecture",
    "klo",
    "mis",
    "jour",
    "el",
    "às",
    "alle",
    "ore",
    "入力",
    "입력",
    "수정",
    "公開日",
    "更新",
    "発信",
    "lastupdate",
    "t",
    "z",
    "h",
    "hrs",
];

/// Words that make a byline a desk, staff or agency byline (no person).
pub(crate) const DESK_WORDS: &[&str] = &[
    "staff",
    "desk",
    "editor",
    "editors",
    "editorial",
    "newsroom",
    "wires",
    "wire",
    "agencies",
    "agency",
    "team",
    "redacción",
    "redaccion",
    "rédaction",
    "redaktion",
    "redazione",
    "redação",
    "редакция",
    "編集部",
    "编辑部",
    "편집부",
    "reporters",
    "correspondent",
    "correspondents",
];

/// News agencies and outlets that sign copy.
const AGENCIES: &[&str] = &[
    "afp",
    "ap",
    "associated press",
    "the associated press",
    "reuters",
    "dpa",
    "efe",
    "ansa",
    "tass",
    "ria novosti",
    "xinhua",
    "kyodo",
    "yonhap",
    "upi",
    "bns",
    "ritzau",
    "bloomberg",
    "washington post",
    "the washington post",
    "new york times",
    "the new york times",
    "cnn",
    "bbc",
    "the wall street journal",
    "wall street journal",
    "europa press",
    "news wires",
];

/// Whether `s` is the name of an agency or outlet that signs copy.
pub(crate) fn is_agency_name(s: &str) -> bool {
    let l = s
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    AGENCIES.contains(&l.as_str())
}

/// Source labels that stand before a date or name on a header line
/// (`Medical Daily 9/21/2016 Lizette Borreli`, `Associated PressDecember 2`),
/// stripped from the line's start.
pub(crate) fn strip_source_label(s: &str) -> &str {
    let t = s.trim();
    for a in AGENCIES {
        if t.len() >= a.len() && t.is_char_boundary(a.len()) && t[..a.len()].eq_ignore_ascii_case(a)
        {
            return t[a.len()..].trim_start_matches([' ', ',', '|', ':']);
        }
    }
    t
}

/// Phrases that make a short body line a note wherever they stand in it
/// (origin, update and correction stamps, sign-ups, bios, follow lines).
pub(crate) const NOTE_PHRASES: &[&str] = &[
    "originally appeared",
    "originally published",
    "was reprinted",
    "first published",
    "an earlier version of",
    "this version corrects",
    "this story has been updated",
    "this article has been updated",
    "this sentence has been updated",
    "this article appears in",
    "sign up for",
    "sign up to",
    "subscribe to our",
    "is on twitter",
    "follow him on",
    "follow her on",
    "follow us on",
    "follow them on",
    "reviewed by",
    "all rights reserved",
    "cet article a été",
    "dieser artikel erschien",
    "este artículo fue publicado",
    "未经授权",
    "版权",
];

static NOTE_PHRASES_ANYWHERE: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(NOTE_PHRASES));

/// Labels that open a note (`Update: …`, `Learn More: …`, `Source link`).
pub(crate) const NOTE_STARTS: &[&str] = &[
    "update:",
    "updated:",
    "learn more:",
    "for more, read",
    "for more details",
    "more from",
    "source link",
    "about the author",
    "about the authors",
    "à propos de l'auteur",
    "über den autor",
    "sobre el autor",
    "read more about",
    "revivez",
    "lesen sie",
    "mehr zum",
    "siehe auch",
    "voir aussi",
    "ver también",
    "leia também",
    "leia mais",
    "czytaj także",
    "czytaj też",
    "baca juga",
    "xem thêm",
    "также читайте",
    "*",
];

/// Whether a body line is a note by its words.
pub(crate) fn note_phrase(t: &str) -> bool {
    let t = t.trim();
    if super::text::more_words_than(t, 45) {
        return false;
    }
    let lower = t.to_lowercase();
    NOTE_STARTS.iter().any(|p| lower.starts_with(p)) || NOTE_PHRASES_ANYWHERE.is_match(&lower)
}

/// Words that open a picture caption (`Media caption …`, `FILE PHOTO: …`,
/// `Fig. 2 …`, `图为 …`).
pub(crate) const CAPTION_STARTS: &[&str] = &[
    "media caption",
    "image caption",
    "caption:",
    "file photo",
    "main image",
    "top image",
    "pictured:",
    "in this photo",
    "this photo",
    "fig.",
    "figure ",
    "图为",
    "圖為",
    "図",
    "写真",
    "사진",
    "фото:",
    "photo:",
    "photos:",
    "image:",
    "images:",
    "foto:",
    "bild:",
];

/// Credit labels inside a caption (`… Photograph: Adrian Malloch`).
pub(crate) const CREDIT_LABELS: &[&str] = &[
    "photograph:",
    "photo:",
    "photos:",
    "photo by",
    "photos by",
    "image:",
    "image by",
    "images:",
    "credit:",
    "crédit:",
    "crédits:",
    "foto:",
    "fotos:",
    "bild:",
    "illustration:",
    "写真：",
    "사진=",
    "фото:",
    "nuotr.",
    "/reuters",
    "reuters/",
    "/afp",
    "afp/",
    "/ap",
    "getty images",
    "shutterstock",
    "istockphoto",
    "ap photo",
    "/epa",
    "epa/",
];

static CREDIT_LABELS_ANYWHERE: LazyLock<AhoCorasick> = LazyLock::new(|| automaton(CREDIT_LABELS));

/// Whether a body line is a picture caption by its words: it opens with a
/// caption label, or carries a credit label in its last words.
pub(crate) fn caption_words(t: &str) -> bool {
    let t = t.trim();
    if super::text::more_chars_than(t, 400)
        || super::text::more_words_than(t, 60)
        || t.starts_with(['“', '"', '«', '„'])
        || t.contains("(c)")
        || t.contains('©')
        || (super::text::is_cjk_text(t) && t.chars().count() > 100)
    {
        return false;
    }
    // The opening words, lowercased: longer than any caption label.
    let lower = super::text::lower_head(t, 24);
    if CAPTION_STARTS.iter().any(|p| {
        lower.starts_with(p)
            && (p.ends_with([':', ' ', '.']) || !p.is_ascii() || {
                let rest = &lower[p.len()..];
                rest.starts_with([' ', ':'])
            })
    }) {
        return true;
    }
    ends_with_credit(t)
}

/// Whether a photo credit (`Getty Images`, `AFP PHOTO`, `Photograph:`…)
/// stands in the last eight words of a text, whatever its length: a
/// gallery's caption can run to paragraphs.
pub(crate) fn ends_with_credit(t: &str) -> bool {
    let t = t.trim();
    let tail_start = t
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .rev()
        .nth(7)
        .unwrap_or(0);
    CREDIT_LABELS_ANYWHERE.is_match(&t[tail_start..].to_lowercase())
}

/// Words a heading does not end with: a line ending in one stops in the
/// middle of a sentence (articles, prepositions, conjunctions, and titles
/// that stand before a name: `… of President`).
pub(crate) const NO_HEADING_END: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "but",
    "to",
    "that",
    "which",
    "who",
    "with",
    "by",
    "for",
    "in",
    "at",
    "on",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "would",
    "could",
    "should",
    "has",
    "have",
    "had",
    "its",
    "his",
    "her",
    "their",
    "our",
    "president",
    "marshal",
    "chairman",
    "comrade",
    "secretary",
    "premier",
    "minister",
    "mr",
    "mrs",
    "ms",
    "dr",
    "le",
    "la",
    "les",
    "des",
    "du",
    "et",
    "der",
    "die",
    "das",
    "und",
    "el",
    "los",
    "las",
    "y",
    "del",
    "di",
    "il",
    "e",
];

/// Function words that a page glued to the next word (`ofKim`, `andKim`).
const GLUED_FUNCTION_WORDS: &[&str] = &["of", "and", "the", "to", "by", "for", "with", "in", "at"];

/// Words that open a clause after a comma (`…, the world will`).
const CLAUSE_STARTS: &[&str] = &[
    "the", "he", "she", "it", "they", "we", "i", "you", "which", "who", "this", "that", "there",
];

/// Whether a short line stops in the middle of a sentence: it ends with a
/// word no heading ends with, carries a function word glued to a name, or
/// runs on after a comma in lowercase (`…comes true, the world will`).
pub(crate) fn mid_sentence(t: &str) -> bool {
    let t = t.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    if words.len() >= 3 {
        let l = last.to_lowercase();
        if NO_HEADING_END.contains(&l.as_str()) {
            return true;
        }
    }
    let glued = words.iter().any(|w| {
        GLUED_FUNCTION_WORDS.iter().any(|f| {
            w.strip_prefix(f)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
        })
    });
    if glued {
        return true;
    }
    words.len() >= 8
        && words
            .windows(2)
            .any(|p| p[0].ends_with(',') && CLAUSE_STARTS.contains(&p[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lowercase() {
        for w in UPDATED_WORDS
            .iter()
            .chain(DATE_WORDS)
            .chain(DESK_WORDS)
            .chain(AGENCIES)
        {
            assert_eq!(*w, w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn agencies_and_labels() {
        assert!(is_agency_name("Reuters"));
        assert!(is_agency_name("NEWS WIRES"));
        assert!(!is_agency_name("Jane Doe"));
        assert_eq!(strip_source_label("Associated Press Jane Doe"), "Jane Doe");
    }

    #[test]
    fn lines_that_stop_mid_sentence() {
        assert!(mid_sentence(
            "Noting that if his ideal comes true, the world will admire"
        ));
        assert!(mid_sentence(
            "Being told about the immortal exploits of President"
        ));
        assert!(mid_sentence(
            "The mausoleum shows the exploits ofKim Il Sungand"
        ));
        assert!(!mid_sentence("Five things we learned from the interview"));
        assert!(!mid_sentence("Rodong Sinmun"));
    }

    #[test]
    fn captions_and_notes_by_their_words() {
        assert!(caption_words(
            "Whale expert Hori Parata. Photograph: Adrian Malloch for the Guardian"
        ));
        assert!(caption_words("Media caption Mr Obama told the BBC"));
        assert!(caption_words(
            "The Moulin Rouge cabaret in Paris Benoit Tessier/Reuters"
        ));
        assert!(!caption_words("The photographer said she liked the light."));
        assert!(note_phrase(
            "This article originally appeared on The Atlantic."
        ));
        assert!(!note_phrase("He first came to the city in 1990."));
    }
}
