//! Language detection (the `whatlang` crate) mapped to BCP 47 tags.

use whatlang::{Lang, Script};

/// How many characters of a text [`detect`] reads.
pub const SAMPLE_CHARS: usize = 600;

/// Detects the language of `text` and returns a BCP 47 tag, or `None` when
/// the text is too short or too mixed to say.
///
/// ```
/// let tag = folio_core::lang::detect("Der schnelle braune Fuchs springt über den faulen Hund, \
///     und das ist eine Geschichte, die man sich gerne erzählt.");
/// assert_eq!(tag.as_deref(), Some("de"));
/// ```
pub fn detect(text: &str) -> Option<String> {
    // Scripts that name their language outright.
    // whatlang's cost grows with the sample; 600 characters (a few
    // sentences) decide as well as the whole text for articles.
    let counts = SampleCounts::of(text);
    let sample = &text[..counts.len];
    if counts.hangul > 10 && counts.hangul >= counts.han {
        return Some("ko".into());
    }
    if counts.kana > 5 {
        return Some("ja".into());
    }
    if counts.han > 10 {
        return Some("zh".into());
    }
    if counts.plainly_english() {
        return Some("en".into());
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && counts.chars < 200 {
        return None;
    }
    if info.script() == Script::Latin && info.confidence() < 0.2 {
        return None;
    }
    Some(bcp47(info.lang()).to_owned())
}

/// What [`detect`] reads from the sample (the first [`SAMPLE_CHARS`]
/// characters), counted in one pass.
#[derive(Debug, Default)]
struct SampleCounts {
    /// The sample's length in bytes.
    len: usize,
    /// The sample's length in characters.
    chars: usize,
    /// Han, kana and hangul characters.
    han: usize,
    kana: usize,
    hangul: usize,
    /// Words (runs of alphanumeric characters); those with non-ASCII
    /// characters; ASCII words that only English uses this often.
    words: usize,
    non_ascii_words: usize,
    english_words: usize,
}

impl SampleCounts {
    fn of(text: &str) -> Self {
        let mut n = SampleCounts::default();
        // The current word: its start and whether it is all ASCII.
        let mut word: Option<(usize, bool)> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && n.chars < SAMPLE_CHARS {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                // A run of ASCII letters and digits, in one step.
                let run = bytes[i..]
                    .iter()
                    .take(SAMPLE_CHARS - n.chars)
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                word = word.or(Some((i, true)));
                n.chars += run;
                i += run;
                continue;
            }
            let (alphanumeric, len) = if b.is_ascii() {
                (false, 1)
            } else {
                let c = text[i..].chars().next().expect("a character");
                match c {
                    '\u{3040}'..='\u{30FF}' => n.kana += 1,
                    '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => n.hangul += 1,
                    '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => n.han += 1,
                    _ => {}
                }
                (c.is_alphanumeric(), c.len_utf8())
            };
            word = match (alphanumeric, word) {
                (true, Some((start, _))) => Some((start, false)),
                (true, None) => Some((i, false)),
                (false, Some((start, all_ascii))) => {
                    n.word(&text[start..i], all_ascii);
                    None
                }
                (false, None) => None,
            };
            n.chars += 1;
            i += len;
        }
        if let Some((start, all_ascii)) = word {
            n.word(&text[start..i], all_ascii);
        }
        n.len = i;
        n
    }

    fn word(&mut self, w: &str, ascii: bool) {
        self.words += 1;
        if !ascii {
            self.non_ascii_words += 1;
        } else if w.len() <= 5 && is_english_word(w) {
            self.english_words += 1;
        }
    }

    /// A fast path for the commonest case: words that only English uses this
    /// often ("the", "of", "and", "that"...) make up at least a tenth of the
    /// sample's words. Anything less certain goes to whatlang.
    fn plainly_english(&self) -> bool {
        self.words >= 30
            && self.non_ascii_words * 20 < self.words
            && self.english_words * 10 >= self.words
    }
}

/// [`SampleCounts::plainly_english`] for the sample of `text`.
#[cfg(test)]
fn is_plainly_english(text: &str) -> bool {
    SampleCounts::of(text).plainly_english()
}

/// Whether a word of ASCII letters and digits is one of the words
/// [`SampleCounts::plainly_english`] counts: "the", "of", "and", "to",
/// "that", "with", "was", "for", "is", "are", "this", "from", "by", "it",
/// "were", "has", "have", "which", "said", in any case.
fn is_english_word(w: &str) -> bool {
    /// The word's bytes in one number, lowercased (`| 0x20` lowercases
    /// ASCII letters and keeps digits).
    const fn key(w: &[u8]) -> u64 {
        let mut k = 0u64;
        let mut i = 0;
        while i < w.len() {
            k = k << 8 | (w[i] | 0x20) as u64;
            i += 1;
        }
        k
    }
    const WORDS: [u64; 19] = [
        key(b"the"),
        key(b"of"),
        key(b"and"),
        key(b"to"),
        key(b"that"),
        key(b"with"),
        key(b"was"),
        key(b"for"),
        key(b"is"),
        key(b"are"),
        key(b"this"),
        key(b"from"),
        key(b"by"),
        key(b"it"),
        key(b"were"),
        key(b"has"),
        key(b"have"),
        key(b"which"),
        key(b"said"),
    ];
    w.len() <= 5 && WORDS.contains(&key(w.as_bytes()))
}

/// The BCP 47 tag (ISO 639-1 where one exists) for a `whatlang` language.
pub fn bcp47(lang: Lang) -> &'static str {
    match lang.code() {
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "epo" => "eo",
        other => other_static(other),
    }
}

fn other_static(code: &str) -> &'static str {
    // whatlang's codes are 'static already; anything unmapped stays ISO 639-3,
    // which is also valid BCP 47.
    Lang::from_code(code).map(|l| l.code()).unwrap_or("und")
}

/// Whether a BCP 47 tag names a right-to-left language.
pub fn is_rtl(tag: &str) -> bool {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb"
    )
}

/// Checks that a tag has the shape of a BCP 47 language tag (`en`, `pt-BR`,
/// `zh-Hant-TW`) and normalizes `_` to `-` and the case of its subtags.
/// POSIX locales such as `C` or `en_US.UTF-8` are refused.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let primary = parts.next()?;
    let well_formed =
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    if !well_formed {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match p.len() {
            2 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p.to_ascii_uppercase())
            }
            4 => {
                let mut cs = p.chars();
                out.extend(cs.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(&cs.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalized() {
        assert_eq!(normalize_tag("pt_br").as_deref(), Some("pt-BR"));
        assert_eq!(normalize_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_tag("C"), None);
        assert_eq!(normalize_tag("en_US.UTF-8"), None);
    }

    #[test]
    fn sample_counts_match_a_plain_count() {
        // The straightforward version: take the characters, then split.
        let plain = |text: &str| {
            let sample: String = text.chars().take(SAMPLE_CHARS).collect();
            let words: Vec<&str> = sample
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let kana = sample
                .chars()
                .filter(|c| ('\u{3040}'..='\u{30FF}').contains(c));
            (
                sample.len(),
                sample.chars().count(),
                kana.count(),
                words.len(),
                words.iter().filter(|w| !w.is_ascii()).count(),
                words
                    .iter()
                    .filter(|w| w.is_ascii() && is_english_word(w))
                    .count(),
            )
        };
        let texts = [
            String::new(),
            "The cat, the dog and THE bird said hello.".repeat(30),
            "café au lait, the naïve résumé of 2024 ".repeat(40),
            "abc".repeat(250),
            format!("{}é{}", "a".repeat(599), "b".repeat(10)),
            format!("{} caféx the", "x ".repeat(297)),
            "北朝鮮は今日、ミサイルを発射した。the 한국 of ".repeat(30),
        ];
        for t in &texts {
            let n = SampleCounts::of(t);
            assert_eq!(
                (
                    n.len,
                    n.chars,
                    n.kana,
                    n.words,
                    n.non_ascii_words,
                    n.english_words
                ),
                plain(t),
                "{t:.40}"
            );
        }
    }

    #[test]
    fn english_words_in_any_case() {
        for w in ["the", "The", "THE", "wHiCh", "said", "of", "BY"] {
            assert!(is_english_word(w), "{w}");
        }
        for w in [
            "then", "th", "e", "", "a", "saidx", "whic", "1s", "0f", "tHE5", "which1",
        ] {
            assert!(!is_english_word(w), "{w}");
        }
    }

    #[test]
    fn english_fast_path_agrees_with_whatlang() {
        let en = "The council said on Tuesday that the bridge, which was built in 1931, \
                  is to be replaced by a new span that will carry four lanes of traffic and \
                  a path for bicycles, and that the work would start next spring.";
        assert!(is_plainly_english(en));
        assert_eq!(whatlang::detect(en).map(|i| bcp47(i.lang())), Some("en"));
        let fr = "Le conseil a déclaré mardi que le pont, construit en 1931, sera remplacé \
                  par un nouvel ouvrage à quatre voies et une piste cyclable, et que les \
                  travaux commenceraient au printemps prochain dans la ville.";
        assert!(!is_plainly_english(fr));
        assert_eq!(detect(fr).as_deref(), Some("fr"));
    }

    #[test]
    fn scripts_decide_cjk() {
        assert_eq!(
            detect("外国专家：中美合作共赢符合国际社会利益，中国日报网").as_deref(),
            Some("zh")
        );
        assert_eq!(
            detect("米朝首脳直通電話 習氏に挑むトランプ戦術の成否").as_deref(),
            Some("ja")
        );
        assert_eq!(
            detect("북한은 오늘 한미 연합훈련을 비난하며 대가를 치를 것이라고 경고했다").as_deref(),
            Some("ko")
        );
        assert!(is_rtl("ar-EG"));
    }
}

/// A BCP 47 language tag that is never empty: a tag that is missing,
/// blank or malformed is `und` (undetermined).
///
/// ```
/// use folio_core::Language;
/// assert_eq!(Language::new("pt_br").as_str(), "pt-BR");
/// assert_eq!(Language::new("").as_str(), "und");
/// assert_eq!(Language::new("C").as_str(), "und");
/// assert!(Language::new(" ").is_undetermined());
/// assert_eq!(Language::new("ar-EG").primary(), "ar");
/// assert!(Language::new("ar-EG").is_rtl());
/// ```
///
/// In JSON it is the tag as a string; reading accepts any string, so an
/// empty or malformed tag (as older Folio JSON may hold) reads as `und`:
///
/// ```
/// use folio_core::Language;
/// let l: Language = serde_json::from_str(r#""en_GB""#).unwrap();
/// assert_eq!(serde_json::to_string(&l).unwrap(), r#""en-GB""#);
/// let l: Language = serde_json::from_str(r#""""#).unwrap();
/// assert_eq!(l, "und");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(String);

impl Language {
    /// The tag of an undetermined language.
    pub const UND: &'static str = "und";

    /// The language of `tag`, normalized ([`normalize_tag`]); `und` when
    /// the tag is empty or malformed.
    pub fn new(tag: &str) -> Language {
        Language(normalize_tag(tag).unwrap_or_else(|| Self::UND.to_owned()))
    }

    /// The undetermined language, `und`.
    pub fn undetermined() -> Language {
        Language(Self::UND.to_owned())
    }

    /// Whether this is `und`.
    pub fn is_undetermined(&self) -> bool {
        self.0 == Self::UND
    }

    /// The tag (`en`, `pt-BR`, `und`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, lowercase (`pt` of `pt-BR`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(Self::UND)
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        is_rtl(&self.0)
    }

    /// Whether the language is English (`en`, `en-GB`...).
    pub fn is_english(&self) -> bool {
        self.primary() == "en"
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::undetermined()
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Language {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Language {
    fn from(tag: &str) -> Self {
        Language::new(tag)
    }
}

impl From<Language> for String {
    fn from(l: Language) -> Self {
        l.0
    }
}

impl PartialEq<str> for Language {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Language {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Language::new(&tag))
    }
}

/// In the JSON Schema, a language is a plain string, as it was before it had
/// a type of its own.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Language {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Language".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}
