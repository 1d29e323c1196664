//! Pagination: units are broken into pages, headings kept with what
//! follows, with widow and orphan control and no page ending on a
//! hyphen when it can be helped.

use super::blocks::Unit;
use super::geometry::Geometry;
use super::page::{Anchor, LineInfo, Page, Placed, Rule};
use super::style::Blocks;

/// The laid-out document.
pub(crate) struct Layout {
    pub pages: Vec<Page>,
    /// The structure elements the pages' lines are marked with.
    pub tree: super::tags::Tree,
}

/// Where the next line goes: the page being filled and the height used.
struct Cursor {
    pages: Vec<Page>,
    /// From the top of the text area.
    y: f32,
    /// Nothing is on the page yet.
    empty: bool,
}

impl Cursor {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = 0.0;
        self.empty = true;
    }
}

/// Breaks `units` into pages of the text block of `g`.
pub(crate) fn paginate(units: Vec<Unit>, g: &Geometry, st: &Blocks) -> Layout {
    let area = g.area();
    let mut c = Cursor {
        pages: vec![Page::default()],
        y: 0.0,
        empty: true,
    };
    for i in 0..units.len() {
        let u = &units[i];
        let need = space_needed(&units, i, c.empty, st.rule_room);
        if !c.empty && c.y + need > area && need <= area {
            c.new_page();
        }
        let sb = if c.empty { 0.0 } else { u.space_before };
        c.y += sb;
        if let Some(frac) = u.rule_above {
            let w = g.measure * frac;
            let y = g.top + c.y + u.leading * st.rule_drop;
            c.page().rules.push(Rule {
                x0: g.left,
                x1: g.left + w,
                y,
                width: st.rule_width,
            });
            c.y += u.leading * st.rule_room;
        }
        if let Some((level, title)) = &u.anchor {
            let y = g.top + c.y;
            c.page().anchors.push(Anchor {
                level: *level,
                title: title.clone(),
                y,
            });
        }
        place_lines(&mut c, u, g, area);
        c.y += u.space_after;
    }
    Layout {
        pages: c.pages,
        tree: Default::default(),
    }
}

/// The room unit `i` needs at the foot of a page: its first lines, or
/// with `keep_with_next` all of it and the first lines of what it is kept
/// with (a title above a subtitle above text).
fn space_needed(units: &[Unit], i: usize, empty: bool, rule_room: f32) -> f32 {
    let u = &units[i];
    // What the unit kept with needs where it starts: as below, two lines
    // of a unit that may split (more than three lines), else all of it.
    let min_lines = |u: &Unit| -> f32 {
        if u.splittable && u.lines.len() > 3 {
            u.leading * 2.0
        } else {
            u.height(rule_room)
        }
    };
    let sb = if empty { 0.0 } else { u.space_before };
    if !u.keep_with_next {
        return sb
            + if u.splittable && u.lines.len() > 3 {
                u.leading * 2.0 + u.rule_above.map_or(0.0, |_| u.leading * rule_room)
            } else {
                u.height(rule_room)
            };
    }
    let mut j = i + 1;
    let mut chain = 0.0;
    while j < units.len() {
        let n = &units[j];
        chain += n.space_before;
        if n.keep_with_next {
            chain += n.height(rule_room);
            j += 1;
        } else {
            chain += min_lines(n);
            break;
        }
    }
    sb + u.height(rule_room) + u.space_after + chain
}

/// Places the lines of `u`, breaking pages where they run out.
fn place_lines(c: &mut Cursor, u: &Unit, g: &Geometry, area: f32) {
    let n = u.lines.len();
    let mut k = 0;
    while k < n {
        let room = ((area - c.y) / u.leading + 1e-3).floor().max(0.0) as usize;
        let take = lines_to_take(u, k, room, c.empty);
        let page = c.pages.last_mut().expect("a page");
        for (li, (line, x)) in u.lines[k..k + take].iter().enumerate() {
            page.lines.push(Placed {
                line: line.clone(),
                x: g.left + x,
                y: g.top + c.y + u.ascent,
                info: Some(LineInfo {
                    index: k + li,
                    count: n,
                    keep_with_next: u.keep_with_next,
                    splittable: u.splittable,
                    measure: u.width,
                }),
            });
            let (x0, base) = (g.left + x, g.top + c.y + u.ascent);
            for (_, strokes) in u.wrap_marks.iter().filter(|m| m.0 == k + li) {
                page.rules.extend(strokes.iter().map(|r| Rule {
                    x0: r.x0 + x0,
                    x1: r.x1 + x0,
                    y: r.y + base,
                    width: r.width,
                }));
            }
            c.y += u.leading;
            c.empty = false;
        }
        k += take;
        if k < n {
            c.new_page();
        }
    }
}

/// How many of the lines of `u` from line `k` go on the page, which has
/// room for `room` lines.
fn lines_to_take(u: &Unit, k: usize, room: usize, empty: bool) -> usize {
    let left = u.lines.len() - k;
    let mut take = left.min(room);
    if take < left {
        // Orphan/widow control: at least two lines on each side.
        if u.splittable && left >= 4 {
            if take < 2 {
                take = 0;
            } else if left - take < 2 {
                take = left - 2;
            }
        } else if !empty || room == 0 {
            take = 0;
        }
        // No page ends with a hyphenated line when it can be helped.
        if take > 2 && u.lines[k + take - 1].0.hyphenated && left - (take - 1) >= 2 {
            take -= 1;
        }
        if take == 0 && empty {
            // Nothing fits even on an empty page: place anyway.
            take = left.min(room.max(1));
        }
    }
    take
}
