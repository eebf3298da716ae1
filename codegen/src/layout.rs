//! Stage 4: the validated table to plain data that describes the generated type: its variants
//! with their discriminants, the codes each `from_u16` arm takes, the codes refused up front,
//! and the code set behind each rule. Every decision about the type is made here, so `expand`
//! only writes tokens, and each decision can be tested without reading Rust.

use crate::diagnostic::Diagnostic;
use crate::model::{Row, Segment, Table};

/// An inclusive run of codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) start: u16,
    pub(crate) end: u16,
}

impl Run {
    fn of(segment: &Segment) -> Run {
        Run {
            start: segment.start,
            end: segment.end,
        }
    }

    /// Whether `next` starts right after this run ends.
    fn touches(self, next: Run) -> bool {
        u32::from(self.end) + 1 == u32::from(next.start)
    }
}

/// A named row's variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Variant {
    /// The row's index in the table.
    pub(crate) row: usize,
    pub(crate) ident: String,
    pub(crate) discriminant: u16,
    pub(crate) kind: Kind,
}

/// What a named variant holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A single code, which is its discriminant.
    Unit,
    /// A range: the payload's bounds, and the codes the row owns (the range less the single
    /// codes that refine it), which `from_u16` maps to this variant.
    Range { start: u16, end: u16, own: Vec<Run> },
}

/// The catch-all variant for codes that rows cover without naming.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Other {
    pub(crate) discriminant: u16,
    /// Its codes, one run per segment, for its docs.
    pub(crate) codes: Vec<Run>,
    /// The covered runs that hold one of its codes: its `from_u16` arm, which follows every
    /// named arm and so may span their codes too (fewer ranges to test at run time).
    pub(crate) arm: Vec<Run>,
    /// Its codes grouped by the unnamed row they belong to, in table order.
    pub(crate) rows: Vec<(usize, Vec<Run>)>,
}

/// A variant kept for a row that a problem left out (see `model::LostVariant`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Lost {
    pub(crate) ident: String,
    pub(crate) discriminant: u16,
    pub(crate) range: Option<(u16, u16)>,
}

/// The codes for which a rule holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CodeSet {
    /// No covered code.
    Empty,
    /// Every covered code.
    All,
    /// These runs, touching ones merged.
    Runs(Vec<Run>),
}

/// The generated type, decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    /// One per named row, in table order.
    pub(crate) variants: Vec<Variant>,
    pub(crate) other: Option<Other>,
    pub(crate) lost: Vec<Lost>,
    /// Codes below and above everything the table covers, refused before the `match`.
    pub(crate) outside: Vec<Run>,
    /// Whether the table covers all 65,536 codes (then `from_u16` needs no `_` arm).
    pub(crate) covers_all: bool,
    pub(crate) sendable: CodeSet,
    pub(crate) reserved: CodeSet,
}

impl Layout {
    /// No variant at all: a skeleton left by a table with errors.
    pub(crate) fn is_empty(&self) -> bool {
        self.variants.is_empty() && self.other.is_none() && self.lost.is_empty()
    }

    /// Whether some variant holds a payload (else `as_u16` is a cast of the discriminant). A
    /// lost range needs no term of its own: it was left out for overlapping a kept range, which
    /// is a payload variant or `Other` itself.
    pub(crate) fn has_payload(&self) -> bool {
        self.other.is_some()
            || self
                .variants
                .iter()
                .any(|variant| matches!(variant.kind, Kind::Range { .. }))
    }
}

/// Decides the type for `table`. The only failure is a table whose payload variants find no
/// free 16-bit discriminant (every code named), which no real table reaches.
pub(crate) fn layout(table: &Table) -> Result<Layout, Diagnostic> {
    let segments = table.segments();
    let owned = owned_by_row(table, &segments);
    let mut discriminants = Discriminants::new(table, &segments);
    let variants = variants(table, &owned, &mut discriminants)?;
    let other = other(table, &segments, &owned, &mut discriminants)?;
    let lost = table
        .lost
        .iter()
        .map(|lost| {
            Ok(Lost {
                ident: lost.ident.clone(),
                discriminant: discriminants.pick(None)?,
                range: lost.range,
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    Ok(Layout {
        variants,
        other,
        lost,
        outside: outside(&segments),
        covers_all: covered(&segments) == 1 << 16,
        sendable: code_set(table, &segments, |row| row.sendable),
        reserved: code_set(table, &segments, |row| row.reserved),
    })
}

/// Named rows' variants. A single code's discriminant is its code; a range's is the first code
/// it owns (never a named code), or else a free value.
fn variants(
    table: &Table,
    owned: &[Vec<Run>],
    discriminants: &mut Discriminants,
) -> Result<Vec<Variant>, Diagnostic> {
    let mut variants = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let Some(name) = &row.name else { continue };
        let kind = if row.is_range() {
            Kind::Range {
                start: row.start,
                end: row.end,
                own: owned[index].clone(),
            }
        } else {
            Kind::Unit
        };
        let discriminant = match &kind {
            Kind::Unit => row.start,
            Kind::Range { own, .. } => discriminants.pick(own.first().map(|run| run.start))?,
        };
        variants.push(Variant {
            row: index,
            ident: name.ident.clone(),
            discriminant,
            kind,
        });
    }
    Ok(variants)
}

/// The catch-all, when some covered code has no name.
fn other(
    table: &Table,
    segments: &[Segment],
    owned: &[Vec<Run>],
    discriminants: &mut Discriminants,
) -> Result<Option<Other>, Diagnostic> {
    let unnamed = |segment: &Segment| table.rows[segment.row].name.is_none();
    let codes: Vec<Run> = segments
        .iter()
        .filter(|s| unnamed(s))
        .map(Run::of)
        .collect();
    let Some(first) = codes.first() else {
        return Ok(None);
    };
    let discriminant = discriminants.pick(Some(first.start))?;
    let mut rows: Vec<(usize, Vec<Run>)> = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        if row.name.is_none() && !owned[index].is_empty() {
            rows.push((index, owned[index].clone()));
        }
    }
    Ok(Some(Other {
        discriminant,
        codes,
        arm: covered_runs(segments, unnamed),
        rows,
    }))
}

/// The codes each row owns, in code order, indexed by row: one pass over the segments (a
/// scan of every segment for each row made 65,536-row tables quadratic).
fn owned_by_row(table: &Table, segments: &[Segment]) -> Vec<Vec<Run>> {
    let mut owned = vec![Vec::new(); table.rows.len()];
    for segment in segments {
        owned[segment.row].push(Run::of(segment));
    }
    owned
}

/// Runs of consecutive covered codes (touching segments merged), keeping those that hold a
/// segment for which `keep` is true.
fn covered_runs(segments: &[Segment], keep: impl Fn(&Segment) -> bool) -> Vec<Run> {
    let mut runs: Vec<(Run, bool)> = Vec::new();
    for segment in segments {
        let run = Run::of(segment);
        match runs.last_mut() {
            Some((last, kept)) if last.touches(run) => {
                last.end = run.end;
                *kept |= keep(segment);
            }
            _ => runs.push((run, keep(segment))),
        }
    }
    runs.into_iter()
        .filter_map(|(run, kept)| kept.then_some(run))
        .collect()
}

/// The codes below the first covered code and above the last.
fn outside(segments: &[Segment]) -> Vec<Run> {
    let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
        return Vec::new();
    };
    let mut outside = Vec::new();
    if first.start > 0 {
        outside.push(Run {
            start: 0,
            end: first.start - 1,
        });
    }
    if last.end < u16::MAX {
        outside.push(Run {
            start: last.end + 1,
            end: u16::MAX,
        });
    }
    outside
}

fn covered(segments: &[Segment]) -> usize {
    segments
        .iter()
        .map(|s| usize::from(s.end) - usize::from(s.start) + 1)
        .sum()
}

/// The covered codes whose row passes `rule`, touching runs merged.
fn code_set(table: &Table, segments: &[Segment], rule: impl Fn(&Row) -> bool) -> CodeSet {
    let passes = |segment: &&Segment| rule(&table.rows[segment.row]);
    let mut merged: Vec<Run> = Vec::new();
    for run in segments.iter().filter(passes).map(Run::of) {
        match merged.last_mut() {
            Some(last) if last.touches(run) => last.end = run.end,
            _ => merged.push(run),
        }
    }
    if merged.is_empty() {
        CodeSet::Empty
    } else if segments.iter().all(|segment| passes(&segment)) {
        CodeSet::All
    } else {
        CodeSet::Runs(merged)
    }
}

/// The discriminants in use. Every preferred value is taken before any free one is handed out,
/// so a free pick never lands on a code that a later variant prefers.
struct Discriminants {
    used: Vec<bool>,
    /// Every value below it is used. Only `pick` uses values after `new`, so the lowest free
    /// value never goes down, and a scan for it resumes where the last one stopped: all picks
    /// together scan the 65,536 values once (a scan from 0 cost each pick up to 65,536 steps).
    free_from: usize,
}

impl Discriminants {
    /// Takes each named single code (its own discriminant), and the first code each named
    /// range owns and the first unnamed code (what those variants prefer).
    fn new(table: &Table, segments: &[Segment]) -> Self {
        let mut used = vec![false; 1 << 16];
        for row in table
            .rows
            .iter()
            .filter(|row| row.name.is_some() && !row.is_range())
        {
            used[usize::from(row.start)] = true;
        }
        let mut first_owned = vec![false; table.rows.len()];
        let mut other_seen = false;
        for segment in segments {
            let row = &table.rows[segment.row];
            let first = match row.name {
                Some(_) => !std::mem::replace(&mut first_owned[segment.row], true),
                None => !std::mem::replace(&mut other_seen, true),
            };
            if first && (row.is_range() || row.name.is_none()) {
                used[usize::from(segment.start)] = true;
            }
        }
        Discriminants { used, free_from: 0 }
    }

    /// `preferred` (taken in `new`), or else the lowest value nobody uses.
    fn pick(&mut self, preferred: Option<u16>) -> Result<u16, Diagnostic> {
        if let Some(value) = preferred {
            return Ok(value);
        }
        while self.used.get(self.free_from) == Some(&true) {
            self.free_from += 1;
        }
        let value = u16::try_from(self.free_from).map_err(|_| {
            Diagnostic::error(
                "every 16-bit value is some variant's discriminant already: the table names \
                     every code and still has ranges or unnamed codes left to hold",
            )
        })?;
        self.used[self.free_from] = true;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::check;
    use crate::source::Source;

    fn layout_of(rows: &str) -> Layout {
        let text = format!("| Code | Name | Reserved | Custom |\n|---|---|---|---|\n{rows}");
        let (table, problems) = check(&Source::new("t.md", text), None);
        assert!(problems.is_empty(), "{problems:?}");
        layout(&table).unwrap()
    }

    fn run(start: u16, end: u16) -> Run {
        Run { start, end }
    }

    #[test]
    fn single_codes_are_their_own_discriminants_and_ranges_take_their_first_own_code() {
        let layout = layout_of("| 4000 - 4099 | Banned | | Yes |\n| 4000 | Kicked | | |\n");
        let [banned, kicked] = &layout.variants[..] else {
            panic!("{layout:?}")
        };
        assert_eq!(
            (kicked.ident.as_str(), kicked.discriminant),
            ("Kicked", 4000)
        );
        assert_eq!(banned.discriminant, 4001, "4000 is Kicked's");
        assert_eq!(
            banned.kind,
            Kind::Range {
                start: 4000,
                end: 4099,
                own: vec![run(4001, 4099)]
            }
        );
        assert_eq!(layout.other, None);
    }

    #[test]
    fn a_range_that_owns_no_code_takes_the_lowest_value_nobody_prefers() {
        // 0, 1 and 3 are named single codes and 2 is the first code Rest owns: Pair gets 4.
        let layout = layout_of(
            "| 0 - 1 | Pair | | |\n| 0 | Zero | | |\n| 1 | One | | |\n| 2 - 9 | Rest | | |\n\
             | 3 | Three | | |\n",
        );
        assert_eq!(layout.variants[0].discriminant, 4);
        assert_eq!(layout.variants[3].discriminant, 2);
        assert_eq!(
            layout.variants[0].kind,
            Kind::Range {
                start: 0,
                end: 1,
                own: vec![]
            }
        );
    }

    #[test]
    fn other_holds_unnamed_codes_and_its_arm_spans_the_covered_runs() {
        let layout = layout_of(
            "| 0 - 999 | | | |\n| 1000 | Normal | | |\n| 1001 - 1999 | | | Yes |\n\
             | 3000 - 3999 | | | Yes |\n| 3000 | Unauthorized | | |\n",
        );
        let other = layout.other.unwrap();
        assert_eq!(other.discriminant, 0);
        assert_eq!(other.codes, [run(0, 999), run(1001, 1999), run(3001, 3999)]);
        assert_eq!(other.arm, [run(0, 1999), run(3000, 3999)]);
        assert_eq!(
            other.rows,
            [
                (0, vec![run(0, 999)]),
                (2, vec![run(1001, 1999)]),
                (3, vec![run(3001, 3999)]),
            ]
        );
        assert_eq!(layout.outside, [run(4000, u16::MAX)]);
    }

    #[test]
    fn codes_outside_the_covered_span_are_refused_first() {
        let layout = layout_of("| 1000 | A | | |\n| 4000 - 4999 | | | Yes |\n");
        assert_eq!(layout.outside, [run(0, 999), run(5000, u16::MAX)]);
        assert!(!layout.covers_all);
        let all = layout_of("| 0 - 65535 | | | Yes |\n");
        assert!(all.outside.is_empty());
        assert!(all.covers_all);
    }

    #[test]
    fn rule_sets_merge_touching_runs_and_say_all_or_empty_plainly() {
        let layout = layout_of(
            "| 1000 | A | | |\n| 1001 | B | | |\n| 1005 | Gone | Yes | |\n| 1006 | Lost | Yes | |\n\
             | 1007 | C | | |\n",
        );
        assert_eq!(
            layout.sendable,
            CodeSet::Runs(vec![run(1000, 1001), run(1007, 1007)])
        );
        assert_eq!(layout.reserved, CodeSet::Runs(vec![run(1005, 1006)]));
        let free = layout_of("| 4000 - 4999 | | | Yes |\n");
        assert_eq!(free.sendable, CodeSet::All);
        assert_eq!(free.reserved, CodeSet::Empty);
    }

    #[test]
    fn payloads_come_from_ranges_and_other_only() {
        assert!(!layout_of("| 1000 | A | | |\n| 1001 | B | | |\n").has_payload());
        assert!(layout_of("| 1000 | A | | |\n| 4000 - 4999 | | | Yes |\n").has_payload());
        assert!(layout_of("| 1000 | A | | |\n| 4000 - 4999 | R | | Yes |\n").has_payload());
    }

    #[test]
    fn lost_variants_take_free_values_after_everything_else() {
        let text = "| Code | Name |\n|---|---|\n| 0 | Zero |\n| 0 | Again |\n| x | Unread |\n";
        let (table, problems) = check(&Source::new("t.md", text), None);
        assert_eq!(problems.len(), 2);
        let layout = layout(&table).unwrap();
        let lost: Vec<(&str, u16)> = layout
            .lost
            .iter()
            .map(|lost| (lost.ident.as_str(), lost.discriminant))
            .collect();
        assert_eq!(lost, [("Again", 1), ("Unread", 2)]);
        assert!(!layout.is_empty());
        assert!(!layout.has_payload());
    }
}
