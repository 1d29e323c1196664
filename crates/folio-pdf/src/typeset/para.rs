//! Paragraph setting, a page of named steps: styled spans are collected
//! into boxes, glue and penalties ([`super::collect`]), broken into lines
//! by Knuth–Plass ([`super::linebreak`]), and built into lines of
//! positioned glyphs ([`super::lines`]).

use super::collect::{self, Joined};
use super::fonts::Fonts;
use super::linebreak;
use super::lines;
use super::text::{Line, ParaSpec};

/// Sets a paragraph into lines.
pub(crate) fn set(fonts: &Fonts<'_>, spec: &ParaSpec<'_>) -> Vec<Line> {
    let joined = Joined::new(spec);
    // Collapse the text's leading/trailing whitespace.
    if !spec.preformatted && joined.text.trim().is_empty() {
        return Vec::new();
    }
    if joined.text.is_empty() {
        return vec![Line::default()];
    }
    let dict = collect::dictionary(spec);
    let justify = collect::justified(spec);
    let measure = spec.width as f64;
    let mut para = collect::collect(fonts, spec, &joined, dict);
    collect::split_overlong(&mut para, measure);
    collect::finish(&mut para, justify, measure);
    let extra = if justify { 0.0 } else { spec.size as f64 * 4.0 };
    let breaks = linebreak::break_paragraph(&para.items, measure, extra, dict.is_some());
    lines::build(&para, &breaks.positions, spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::collect::space_width;
    use crate::typeset::fonts::{FontSources, Style};
    use crate::typeset::text::{Align, Span, chars_of};
    use std::collections::BTreeSet;

    /// Real Thai prose (about Bangkok), written as Thai is: spaces only
    /// between phrases, none between words.
    const THAI: &str = "กรุงเทพมหานครเป็นเมืองหลวงและนครที่มีประชากรมากที่สุดของประเทศไทย \
        เป็นศูนย์กลางการปกครอง การศึกษา การคมนาคมขนส่ง การเงินการธนาคาร การพาณิชย์ \
        การสื่อสาร และความเจริญของประเทศ ตั้งอยู่บนสามเหลี่ยมปากแม่น้ำเจ้าพระยา \
        มีแม่น้ำเจ้าพระยาไหลผ่านและแบ่งเมืองออกเป็นสองฝั่ง คือ ฝั่งพระนครและฝั่งธนบุรี \
        กรุงเทพมหานครมีพื้นที่ทั้งหมดหนึ่งพันห้าร้อยหกสิบแปดตารางกิโลเมตร \
        มีประชากรตามทะเบียนราษฎรกว่าห้าล้านคน ทำให้กรุงเทพมหานครเป็นเอกนคร \
        มีผู้กล่าวว่ากรุงเทพมหานครเป็นเมืองที่มีความสำคัญในภูมิภาคเอเชียตะวันออกเฉียงใต้ \
        และเป็นจุดหมายปลายทางของนักท่องเที่ยวจากทั่วโลก";

    #[test]
    fn thai_is_justified_at_dictionary_word_boundaries() {
        let mut chars = BTreeSet::new();
        chars_of(THAI, &mut chars);
        let Ok(sources) = FontSources::load(&[], &chars, "th", true, true) else {
            // CI installs fonts-noto-core, which has Noto Sans/Serif Thai.
            eprintln!("no Thai font installed (fonts-noto-core): skipped");
            return;
        };
        let fonts = Fonts::new(&sources).unwrap();
        let spans = [Span::new(THAI, Style::Regular)];
        let size = 10.5;
        let width = 280.0;
        let spec = ParaSpec {
            spans: &spans,
            size,
            width,
            first_indent: 0.0,
            align: Align::Justify,
            lang: "th",
            rtl: false,
            preformatted: false,
        };
        let lines = set(&fonts, &spec);
        assert!(lines.len() >= 5, "{} lines", lines.len());
        let thai = fonts.face_for(Style::Regular, 'ก');
        let space = space_width(&fonts, thai, size) as f32;
        let mut widest = 0.0f32;
        let mut text = String::new();
        for (n, line) in lines.iter().enumerate() {
            // The gaps between inked glyphs (a space glyph counts as gap).
            let mut end: Option<f32> = None;
            for g in &line.glyphs {
                text.push_str(&g.text);
                let blank = !g.text.is_empty() && g.text.chars().all(char::is_whitespace);
                if g.advance <= 0.0 || blank {
                    continue;
                }
                if let Some(e) = end {
                    widest = widest.max(g.x - e);
                }
                end = Some(g.x + g.advance);
            }
            let right = end.unwrap_or(0.0);
            if n + 1 < lines.len() {
                assert!(
                    (right - width).abs() < 0.5,
                    "line {n} ends at {right}, not at the measure {width}"
                );
            } else {
                assert!(right < width, "the last line is not justified");
            }
        }
        eprintln!(
            "Thai: {} lines, widest gap {widest:.2} pt, space {space:.2} pt, ratio {:.2}",
            lines.len(),
            widest / space
        );
        assert!(
            widest <= 2.0 * space,
            "a gap of {widest} pt is more than twice the space ({space} pt)"
        );
        // Every character is set, in order (the spaces between phrases too).
        let want: String = THAI.split_whitespace().collect::<Vec<_>>().join(" ");
        let got: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            got.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
            want.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        );
    }
}
