//! Per-language words the parser looks for, in one place: update stamps,
//! words that stand around dates, desk and agency bylines, source labels.
//!
//! Lists are lowercase; entries are matched on lowercased text. Add a
//! language by adding its words here, not by writing a new rule.

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
    "et",
    "pt",
    "est",
    "edt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "cet",
    "cest",
    "bst",
    "jst",
    "kst",
    "msk",
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
}
