//! Photo captions and credits.

use super::text::*;
use crate::model::CaptionKind;

/// Agencies, picture services and platforms that appear as credits.
pub(crate) const AGENCY_NAMES: &[&str] = &[
    "AFP",
    "AP",
    "Reuters",
    "REUTERS",
    "Getty",
    "Getty Images",
    "EPA",
    "Xinhua",
    "KCNA",
    "Yonhap",
    "AP Photo",
    "Bloomberg",
    "Shutterstock",
    "iStock",
    "iStockphoto",
    "Alamy",
    "dpa",
    "ANSA",
    "EFE",
    "TASS",
    "РИА Новости",
    "picture alliance",
    "Imago",
    "Keystone",
    "Handout",
    "Pool",
    "Courtesy",
    "Supplied",
    "File",
    "Facebook",
    "Twitter",
    "Instagram",
    "YouTube",
    "TikTok",
    "Wikimedia Commons",
    "Flickr",
];

/// Whether `s` is an agency name, optionally followed by `Photo`, `Images`...
pub(crate) fn is_agency(s: &str) -> bool {
    let s = s.trim();
    AGENCY_NAMES.iter().any(|a| {
        s.strip_prefix(a).is_some_and(|rest| {
            let rest = rest.trim();
            rest.is_empty() || matches!(rest, "Photo" | "Photos" | "Images" | "Pictures" | "Video")
        })
    })
}

/// A line that only credits a picture: `(Bild: Hersteller)`,
/// `JIM WATSON/AFP/Getty Images`, `Facebook`, `West Mercia Police`.
pub(crate) fn credit_line(s: &str) -> Option<CaptionKind> {
    const LABELS: Labels = Labels::new(&[
        "photo credit",
        "photos",
        "photo",
        "fotos",
        "foto",
        "bilder",
        "bild",
        "images",
        "image",
        "pictures",
        "picture",
        "credits",
        "credit",
        "quelle",
        "fuente",
        "source",
        "illustration",
        "grafik",
        "graphic",
        "video",
        "фото",
        "사진",
        "写真",
        "图",
        "圖",
    ]);
    let t = s.trim();
    if more_chars_than(t, 90) {
        return None;
    }
    // (Bild: Hersteller), Photo: Jane Doe
    let inner = t.strip_prefix('(').unwrap_or(t);
    let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
    let lower = lower_head(inner, 20);
    if starts_with_label(&lower, &LABELS, &[':', '：', '/']) && !inner.contains(['(', ')']) {
        return Some(CaptionKind::Credit);
    }
    // JIM WATSON/AFP/Getty Images
    if !t.contains("://") && t.starts_with(char::is_uppercase) {
        let parts: Vec<&str> = t.split('/').collect();
        if (2..=4).contains(&parts.len())
            && parts.iter().all(|p| {
                !p.trim().is_empty() && p.chars().all(|c| c.is_alphabetic() || " .'’&-".contains(c))
            })
        {
            return Some(CaptionKind::Credit);
        }
    }
    // Facebook, (Reuters), West Mercia Police
    if is_agency(inner) {
        return Some(CaptionKind::Credit);
    }
    const ORG_TAIL: &[&str] = &[
        "Police", "Images", "Photo", "Photos", "Handout", "Archive", "Archives", "Pictures",
        "Media",
    ];
    let words: Vec<&str> = t.split_whitespace().collect();
    if (1..=5).contains(&words.len())
        && ORG_TAIL.contains(words.last().unwrap_or(&""))
        && capitalized_words(t).is_some()
    {
        return Some(CaptionKind::Credit);
    }
    None
}

/// A caption that ends with its credit in parentheses:
/// `Glass cloche terrariums (Lucy Akins)`, `... in Tunis. (Reuters)`.
pub(crate) fn caption_with_credit(s: &str) -> Option<CaptionKind> {
    let t = s.trim();
    if !t.ends_with(')') || t.starts_with(['“', '"', '«', '„', '(']) || t.len() > 600 {
        return None;
    }
    if t.split_whitespace().count() > 40 {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    if inner.is_empty() || inner.contains(['(', ')']) || open == 0 {
        return None;
    }
    let lower = lower_head(inner, 12);
    const LABELS: Labels = Labels::new(&["photo", "foto", "bild", "image", "video", "credit"]);
    let labelled = starts_with_label(&lower, &LABELS, &[':', '：']);
    // An agency, possibly followed by a photographer: (AP Photo/Jane Doe).
    let agency = AGENCY_NAMES.iter().any(|a| {
        inner.strip_prefix(a).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with([' ', '/'])
                    && rest.chars().all(|c| c.is_alphabetic() || " ./".contains(c))
        })
    });
    // A person: two to five capitalized words, perhaps /Agency.
    let (name, agency_tail) = inner.split_once('/').unwrap_or((inner, ""));
    let person = capitalized_words(name).is_some_and(|n| n >= 2)
        && agency_tail.chars().all(|c| c.is_alphabetic() || c == ' ');
    (labelled || agency || person).then_some(CaptionKind::Caption)
}

/// Whether text is short enough to be a caption.
pub(crate) fn is_caption_sized(s: &str) -> bool {
    let t = s.trim();
    !more_chars_than(t, 150)
        && t.split_whitespace().count() <= 20
        && !t.starts_with(['“', '"', '«', '„'])
        && !t.contains(['“', '«', '„'])
}
