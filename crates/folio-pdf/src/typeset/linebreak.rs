//! Knuth–Plass total-fit line breaking over boxes, glue and penalties.
//!
//! The algorithm considers every feasible set of breakpoints of a paragraph
//! at once and picks the one with the least total demerits (Knuth & Plass,
//! "Breaking Paragraphs into Lines", 1981), as TeX does: badness from the
//! adjustment ratio of each line, penalties for hyphenated lines, extra
//! demerits for two hyphenated lines in a row and for lines of very
//! different tightness next to each other.

/// The kind of an item of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// Material that never breaks or stretches (a word or part of one).
    Box,
    /// Space that can stretch and shrink, and where a line may break when a
    /// box precedes it.
    Glue { stretch: f64, shrink: f64 },
    /// A possible break with a cost; `flagged` marks hyphen breaks,
    /// `discretionary` marks breaks found by hyphenation (not in the text).
    Penalty {
        cost: f64,
        flagged: bool,
        discretionary: bool,
    },
}

/// One item: its natural width and kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Item {
    pub width: f64,
    pub kind: Kind,
}

/// A penalty at least this large forbids a break; at most its negative forces one.
pub(crate) const INFINITE: f64 = 10_000.0;

/// The chosen breaks: for each line, the index of the item it breaks at
/// (the last line breaks at the final forced penalty).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Breaks {
    pub positions: Vec<usize>,
}

/// How hard to try.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// Largest adjustment ratio accepted.
    pub tolerance: f64,
    /// Whether hyphenation breaks may be used.
    pub hyphenate: bool,
    /// Whether an overfull line may be produced when nothing else works.
    pub emergency: bool,
}

struct Node {
    pos: usize,
    line: usize,
    fitness: u8,
    width: f64,
    stretch: f64,
    shrink: f64,
    demerits: f64,
    prev: Option<usize>,
    flagged: bool,
    /// Hyphenated lines in a row ending here.
    run: u8,
}

const LINE_PENALTY: f64 = 10.0;
const FLAGGED_DEMERITS: f64 = 10_000.0;
const FINAL_HYPHEN_DEMERITS: f64 = 5000.0;
const MAX_HYPHEN_RUN: u8 = 2;
const FITNESS_DEMERITS: f64 = 3000.0;

/// Breaks `items` into lines of width `width`. `extra_stretch` is stretch
/// added to every line (ragged-right margins). The last item must be a
/// forced break. Returns `None` when no set of breaks fits this pass.
pub(crate) fn break_lines(
    items: &[Item],
    width: f64,
    extra_stretch: f64,
    pass: Pass,
) -> Option<Breaks> {
    let n = items.len();
    if n == 0 {
        return Some(Breaks { positions: vec![] });
    }
    // Prefix sums over items[0..i].
    let mut sw = vec![0.0; n + 1];
    let mut sy = vec![0.0; n + 1];
    let mut sz = vec![0.0; n + 1];
    for (i, it) in items.iter().enumerate() {
        let (w, y, z) = match it.kind {
            Kind::Box => (it.width, 0.0, 0.0),
            Kind::Glue { stretch, shrink } => (it.width, stretch, shrink),
            Kind::Penalty { .. } => (0.0, 0.0, 0.0),
        };
        sw[i + 1] = sw[i] + w;
        sy[i + 1] = sy[i] + y;
        sz[i + 1] = sz[i] + z;
    }
    let mut nodes = vec![Node {
        pos: 0,
        line: 0,
        fitness: 1,
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
        demerits: 0.0,
        prev: None,
        flagged: false,
        run: 0,
    }];
    let mut active: Vec<usize> = vec![0];

    for b in 0..n {
        let item = items[b];
        let (pen_width, cost, flagged) = match item.kind {
            Kind::Box => continue,
            Kind::Glue { .. } => {
                if b == 0 || !matches!(items[b - 1].kind, Kind::Box) {
                    continue;
                }
                (0.0, 0.0, false)
            }
            Kind::Penalty {
                cost,
                flagged,
                discretionary,
            } => {
                if cost >= INFINITE || (discretionary && !pass.hyphenate) {
                    continue;
                }
                (item.width, cost, flagged)
            }
        };
        let forced = cost <= -INFINITE;
        // Best candidate per fitness class: (demerits, from node, ratio).
        let mut best: [Option<(f64, usize)>; 4] = [None; 4];
        let mut deactivated: Vec<usize> = Vec::new();
        let mut keep = Vec::with_capacity(active.len());
        for &a in &active {
            let node = &nodes[a];
            let natural = sw[b] - node.width + pen_width;
            let ratio = if natural < width {
                let stretch = sy[b] - node.stretch + extra_stretch;
                if stretch > 0.0 {
                    (width - natural) / stretch
                } else if pass.emergency {
                    // Nothing to stretch (a line of one long word part):
                    // as loose as can be, but a line all the same, better
                    // than running past the margin (TeX's badness 10000).
                    100.0
                } else {
                    f64::INFINITY
                }
            } else if natural > width {
                let shrink = sz[b] - node.shrink;
                if shrink > 0.0 {
                    (width - natural) / shrink
                } else {
                    f64::NEG_INFINITY
                }
            } else {
                0.0
            };
            if ratio < -1.0 || forced {
                deactivated.push(a);
            } else {
                keep.push(a);
            }
            // At most two hyphenated lines in a row (outside emergencies).
            let too_many = flagged && node.run >= MAX_HYPHEN_RUN && !pass.emergency;
            if (-1.0..=pass.tolerance).contains(&ratio) && !too_many {
                let badness = 100.0 * ratio.abs().powi(3);
                let mut d = (LINE_PENALTY + badness).powi(2);
                if cost >= 0.0 {
                    d += cost * cost;
                } else if cost > -INFINITE {
                    d -= cost * cost;
                }
                if flagged && node.flagged {
                    d += FLAGGED_DEMERITS;
                }
                if forced && node.flagged {
                    // A hyphen on the next-to-last line.
                    d += FINAL_HYPHEN_DEMERITS;
                }
                let fitness = fitness_class(ratio);
                if fitness.abs_diff(node.fitness) > 1 {
                    d += FITNESS_DEMERITS;
                }
                d += node.demerits;
                let slot = &mut best[fitness as usize];
                if slot.is_none_or(|(bd, _)| d < bd) {
                    *slot = Some((d, a));
                }
            }
        }
        active = keep;
        if best.iter().all(Option::is_none) && active.is_empty() && pass.emergency {
            // Nothing fits: take an overfull (or very loose) line from the
            // best node that just dropped out.
            if let Some(&a) = deactivated
                .iter()
                .min_by(|&&x, &&y| nodes[x].demerits.total_cmp(&nodes[y].demerits))
            {
                best[0] = Some((nodes[a].demerits + 1.0e7, a));
            }
        }
        // Totals after the break: skip the discardable items that follow.
        let mut j = b;
        while j < n {
            match items[j].kind {
                Kind::Box => break,
                Kind::Penalty { cost, .. } if cost <= -INFINITE && j > b => break,
                _ => j += 1,
            }
        }
        let j = if matches!(item.kind, Kind::Penalty { .. }) && j == b {
            b + 1
        } else {
            j
        };
        for (fitness, slot) in best.iter().enumerate() {
            if let Some((d, a)) = *slot {
                let line = nodes[a].line + 1;
                nodes.push(Node {
                    pos: b,
                    line,
                    fitness: fitness as u8,
                    width: sw[j.min(n)],
                    stretch: sy[j.min(n)],
                    shrink: sz[j.min(n)],
                    demerits: d,
                    prev: Some(a),
                    flagged,
                    run: if flagged { nodes[a].run + 1 } else { 0 },
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    let last = n - 1;
    let end = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].pos == last)
        .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
    let mut positions = Vec::new();
    let mut cur = Some(end);
    while let Some(c) = cur {
        if nodes[c].prev.is_some() {
            positions.push(nodes[c].pos);
        }
        cur = nodes[c].prev;
    }
    positions.reverse();
    Some(Breaks { positions })
}

fn fitness_class(ratio: f64) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// Tries the passes TeX would: without hyphenation at tolerance 1, then
/// with hyphenation at tolerance 2.5, then an emergency pass that accepts
/// loose or overfull lines rather than fail.
pub(crate) fn break_paragraph(
    items: &[Item],
    width: f64,
    extra_stretch: f64,
    can_hyphenate: bool,
) -> Breaks {
    let passes = [
        Pass {
            tolerance: 0.75,
            hyphenate: false,
            emergency: false,
        },
        Pass {
            tolerance: 2.0,
            hyphenate: can_hyphenate,
            emergency: false,
        },
        Pass {
            tolerance: 1.0e9,
            hyphenate: can_hyphenate,
            emergency: true,
        },
    ];
    for pass in passes {
        if let Some(b) = break_lines(items, width, extra_stretch, pass) {
            return b;
        }
    }
    // The emergency pass always succeeds; keep a fallback all the same.
    Breaks {
        positions: vec![items.len().saturating_sub(1)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: f64) -> Item {
        Item {
            width: w,
            kind: Kind::Box,
        }
    }
    fn space() -> Item {
        Item {
            width: 1.0,
            kind: Kind::Glue {
                stretch: 0.5,
                shrink: 0.33,
            },
        }
    }
    fn finish(items: &mut Vec<Item>) {
        items.push(Item {
            width: 0.0,
            kind: Kind::Glue {
                stretch: 1.0e5,
                shrink: 0.0,
            },
        });
        items.push(Item {
            width: 0.0,
            kind: Kind::Penalty {
                cost: -INFINITE,
                flagged: false,
                discretionary: false,
            },
        });
    }

    #[test]
    fn every_line_fits_and_last_is_forced() {
        let mut items = Vec::new();
        for i in 0..60 {
            if i > 0 {
                items.push(space());
            }
            items.push(word(3.0 + (i % 5) as f64));
        }
        finish(&mut items);
        let b = break_paragraph(&items, 40.0, 0.0, false);
        assert_eq!(*b.positions.last().unwrap(), items.len() - 1);
        assert!(b.positions.len() > 5);
        // Every non-last line's natural width is within shrink/stretch.
        let mut start = 0;
        for &p in &b.positions[..b.positions.len() - 1] {
            let w: f64 = items[start..p].iter().map(|i| i.width).sum();
            let y: f64 = items[start..p]
                .iter()
                .map(|i| match i.kind {
                    Kind::Glue { stretch, .. } => stretch,
                    _ => 0.0,
                })
                .sum();
            let z: f64 = items[start..p]
                .iter()
                .map(|i| match i.kind {
                    Kind::Glue { shrink, .. } => shrink,
                    _ => 0.0,
                })
                .sum();
            assert!(w - z <= 40.0 + 1e-9, "overfull line {w}");
            assert!(w + 2.5 * y >= 40.0 - 1e-9, "underfull line {w}");
            start = p + 1;
        }
    }

    /// Demerits of a set of breaks at glue items (the scoring of
    /// `break_lines`, recomputed from scratch), or `None` if infeasible.
    fn score(items: &[Item], width: f64, breaks: &[usize], tol: f64) -> Option<f64> {
        let mut total = 0.0;
        let mut start = 0;
        let mut prev_fit = 1u8;
        for &b in breaks {
            let (mut w, mut y, mut z) = (0.0, 0.0, 0.0);
            for it in &items[start..b] {
                w += it.width;
                if let Kind::Glue { stretch, shrink } = it.kind {
                    y += stretch;
                    z += shrink;
                }
            }
            let r = if w < width {
                if y > 0.0 {
                    (width - w) / y
                } else {
                    f64::INFINITY
                }
            } else if w > width {
                if z > 0.0 {
                    (width - w) / z
                } else {
                    f64::NEG_INFINITY
                }
            } else {
                0.0
            };
            if !(-1.0..=tol).contains(&r) {
                return None;
            }
            let mut d = (LINE_PENALTY + 100.0 * r.abs().powi(3)).powi(2);
            let fit = fitness_class(r);
            if fit.abs_diff(prev_fit) > 1 {
                d += FITNESS_DEMERITS;
            }
            prev_fit = fit;
            total += d;
            start = b + 1;
        }
        Some(total)
    }

    #[test]
    fn total_fit_is_optimal() {
        // Words of varied widths; compare with every possible set of breaks.
        let widths = [3.0, 5.0, 2.0, 7.0, 4.0, 4.0, 6.0, 2.0, 5.0, 3.0, 6.0, 4.0];
        let mut items = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                items.push(space());
            }
            items.push(word(*w));
        }
        finish(&mut items);
        let tol = 10.0;
        let mut compared = 0;
        for width in [13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 20.0, 23.0] {
            let glue: Vec<usize> = (0..items.len() - 2)
                .filter(|&i| matches!(items[i].kind, Kind::Glue { .. }))
                .collect();
            let last = items.len() - 1;
            let mut best = f64::INFINITY;
            for mask in 0u32..(1 << glue.len()) {
                let mut breaks: Vec<usize> = (0..glue.len())
                    .filter(|k| mask & (1 << k) != 0)
                    .map(|k| glue[k])
                    .collect();
                breaks.push(last);
                if let Some(d) = score(&items, width, &breaks, tol) {
                    best = best.min(d);
                }
            }
            let pass = Pass {
                tolerance: tol,
                hyphenate: false,
                emergency: false,
            };
            let got = break_lines(&items, width, 0.0, pass);
            if !best.is_finite() {
                assert!(
                    got.is_none(),
                    "width {width}: breaks where none are feasible"
                );
                continue;
            }
            let got = got.expect("feasible");
            let d = score(&items, width, &got.positions, tol).expect("feasible breaks");
            assert!(
                (d - best).abs() < 1e-6,
                "width {width}: {d} vs optimum {best}"
            );
            compared += 1;
        }
        assert!(compared >= 4, "only {compared} widths were feasible");
    }

    #[test]
    fn a_word_wider_than_the_line_breaks_at_its_hyphenation_points() {
        // Found by fuzzing: a long word whose parts (between hyphenation
        // points) each fit, after other words. A line holding one part
        // has nothing to stretch; it must still be taken (loose) rather
        // than the whole word running past the margin.
        let hyphen = Item {
            width: 1.0,
            kind: Kind::Penalty {
                cost: 100.0,
                flagged: true,
                discretionary: true,
            },
        };
        let mut items = vec![word(40.0), space(), word(45.0), space()];
        items.extend([word(80.0), hyphen, word(70.0), space(), word(10.0)]);
        finish(&mut items);
        let b = break_paragraph(&items, 100.0, 0.0, true);
        let mut start = 0;
        for &end in &b.positions {
            let width: f64 = items[start..end]
                .iter()
                .filter(|i| !matches!(i.kind, Kind::Penalty { .. }))
                .map(|i| i.width)
                .sum();
            assert!(
                width <= 100.0,
                "line {start}..{end} is {width} wide: {:?}",
                b.positions
            );
            start = end + 1;
        }
    }

    #[test]
    fn overlong_word_still_breaks() {
        let mut items = vec![word(100.0), space(), word(5.0)];
        finish(&mut items);
        let b = break_paragraph(&items, 20.0, 0.0, false);
        assert_eq!(*b.positions.last().unwrap(), items.len() - 1);
    }
}
