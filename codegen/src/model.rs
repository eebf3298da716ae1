//! Stage 3: raw rows to a validated table. Every problem is collected, with its cell, so one
//! compile reports them all; rows that cannot be trusted are left out of the model, and the
//! rest still make a usable type (no cascade of "no variant named …" errors).

use std::collections::{BTreeMap, HashMap, HashSet};

/// The one ordered map of this crate, code to row index. Every key and value type a `BTreeMap`
/// (or a sort) is used with is another copy of its code for LLVM to compile, and that copy
/// costs every user on every clean build; so all ordered lookups share this one.
type CodeMap = BTreeMap<u16, usize>;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, counted};
use crate::markdown::{Cell, RawRow};
use crate::names::{self, NameError};
use crate::select::{self, RawTable};
use crate::source::Source;

/// What a row's Custom cell says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Custom {
    /// Empty.
    Unspecified,
    /// `No`.
    No,
    /// `Yes`: free for applications, so the row's codes are sendable.
    Yes,
    /// `Extensions only`.
    ExtensionsOnly,
}

/// A row's name: the cell's text and the variant it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Plain text, as `name()` returns it.
    pub text: String,
    /// The cell's markdown, for docs.
    pub markdown: String,
    /// The `UpperCamelCase` variant name.
    pub ident: String,
}

/// A validated row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the row in the document.
    pub line: usize,
    /// First code.
    pub start: u16,
    /// Last code, inclusive; equal to `start` for a single code.
    pub end: u16,
    /// The name, when the cell has one that makes an identifier.
    pub name: Option<Name>,
    /// Reserved `Yes`.
    pub reserved: bool,
    /// The Custom cell.
    pub custom: Custom,
    /// Not reserved, and named or Custom `Yes`.
    pub sendable: bool,
    /// Plain text of the usage cell.
    pub usage: String,
    /// Markdown of the usage cell, for docs.
    pub usage_markdown: String,
    /// The status in "Equivalent to HTTP `NNN`", if the usage says so.
    pub http_status: Option<u16>,
}

impl Row {
    /// Whether the row is a range.
    pub fn is_range(&self) -> bool {
        self.start != self.end
    }

    /// The codes as the docs write them: `1000` or `1016–2999`.
    pub fn codes(&self) -> String {
        if self.is_range() {
            format!("{}–{}", self.start, self.end)
        } else {
            self.start.to_string()
        }
    }
}

/// A run of codes that belongs to one row: a single code, or a range less the single codes
/// that refine it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// First code.
    pub(crate) start: u16,
    /// Last code, inclusive.
    pub(crate) end: u16,
    /// Index of the owning row in [`Table::rows`].
    pub(crate) row: usize,
}

/// The validated table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// 1-based line where the table starts.
    pub line: usize,
    /// The rows in table order.
    pub rows: Vec<Row>,
    /// Variants the table names in rows left out for a problem. The type emitted next to the
    /// errors keeps them, so the user's code that names them adds no errors of its own.
    pub lost: Vec<LostVariant>,
}

/// A variant named by a row that a problem left out of [`Table::rows`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostVariant {
    /// The `UpperCamelCase` variant name.
    pub ident: String,
    /// The codes, when the row is a range whose codes could be read: the variant then holds
    /// a payload, as a range's does.
    pub range: Option<(u16, u16)>,
}

impl Table {
    /// The row a code belongs to: its own single-code row, else the range that covers it.
    pub fn row_for(&self, code: u16) -> Option<&Row> {
        let segments = self.segments();
        let at = segments.partition_point(|segment| segment.end < code);
        segments
            .get(at)
            .filter(|segment| segment.start <= code)
            .map(|segment| &self.rows[segment.row])
    }

    /// How many codes belong to a row for which `rule` holds: `count(|_| true)` is how many
    /// codes the table covers.
    pub fn count(&self, rule: impl Fn(&Row) -> bool) -> usize {
        self.segments()
            .iter()
            .filter(|segment| rule(&self.rows[segment.row]))
            .map(|segment| usize::from(segment.end) - usize::from(segment.start) + 1)
            .sum()
    }

    /// Every covered code, once, as disjoint runs sorted by code: the most specific row owns
    /// each code.
    pub(crate) fn segments(&self) -> Vec<Segment> {
        let mut singles = CodeMap::new();
        for (index, row) in self.rows.iter().enumerate() {
            if !row.is_range() {
                singles.insert(row.start, index);
            }
        }
        let mut segments = Vec::new();
        for (index, row) in self.rows.iter().enumerate() {
            if !row.is_range() {
                segments.push(Segment {
                    start: row.start,
                    end: row.end,
                    row: index,
                });
                continue;
            }
            let mut next = u32::from(row.start);
            for &code in singles.range(row.start..=row.end).map(|(code, _)| code) {
                if u32::from(code) > next {
                    segments.push(segment(next, code - 1, index));
                }
                next = u32::from(code) + 1;
            }
            if next <= u32::from(row.end) {
                segments.push(segment(next, row.end, index));
            }
        }
        sorted_by(&segments, |segment| usize::from(segment.start))
    }
}

/// `items` in the order of `key`, stable. The sort itself is one non-generic call, shared by
/// every sort in the crate (a `sort_by_key` per item type would compile the sort once each).
fn sorted_by<T: Clone>(items: &[T], key: impl Fn(&T) -> usize) -> Vec<T> {
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        order.push((key(item), index));
    }
    sort_pairs(&mut order);
    let mut sorted = Vec::with_capacity(items.len());
    for &(_, index) in &order {
        sorted.push(items[index].clone());
    }
    sorted
}

/// Pairs are unique (the second is an index), so an unstable sort keeps ties in input order.
fn sort_pairs(pairs: &mut [(usize, usize)]) {
    pairs.sort_unstable();
}

fn segment(start: u32, end: u16, row: usize) -> Segment {
    Segment {
        // `start` never exceeds `end` here, which is a u16.
        start: u16::try_from(start).unwrap_or(end),
        end,
        row,
    }
}

/// A row as its own cells say, before cross-row checks and inheritance.
struct Candidate<'a> {
    raw: &'a RawRow,
    code_cell: &'a Cell,
    name_cell: Option<&'a Cell>,
    start: u16,
    end: u16,
    name: Option<Name>,
    reserved: Reserved,
    reserved_cell: Option<&'a Cell>,
    custom: Custom,
    custom_cell: Option<&'a Cell>,
    usage: Option<&'a Cell>,
}

/// What a row's Reserved cell says; an empty cell takes the value of the range around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reserved {
    Unspecified,
    Yes,
    No,
}

/// Why a cell's text is not a value of its column: what is wrong, and what would fix it. The
/// one error of every cell parser.
#[derive(Debug, PartialEq, Eq)]
struct CellError {
    message: String,
    help: String,
}

impl CellError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        CellError {
            message: message.into(),
            help: help.into(),
        }
    }

    fn at(self, span: Range<usize>) -> Diagnostic {
        Diagnostic::at(span, self.message).with_help(self.help)
    }

    /// Says what the cell's markdown reads as, when markup (other than a code span's
    /// backticks) made the text differ from what is written: `1000<br>1001` is not the
    /// `10001001` or `1000 1001` the message quotes.
    fn read_from(mut self, cell: &Cell) -> Self {
        let written = cell.markdown.trim();
        if written.replace('`', "").trim() != cell.text.trim() {
            self.message = format!(
                "the cell {} reads as {}; {}",
                code(written),
                code(cell.text.trim()),
                self.message
            );
        }
        self
    }
}

/// `text` as inline code in a message, fenced with more backticks than it holds in a row.
fn code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// Finds the table in `source` (under `heading`, if given) and validates it. The table holds
/// every row that passed; the problems are every one found, in document order.
pub fn check(source: &Source, heading: Option<&str>) -> (Table, Vec<Diagnostic>) {
    match select::find_table(source, heading) {
        Ok(raw) => validate(&raw, source),
        Err(problem) => (Table::default(), vec![problem]),
    }
}

/// Validates the raw table: returns the rows that can be trusted and every problem found.
pub(crate) fn validate(raw: &RawTable, source: &Source) -> (Table, Vec<Diagnostic>) {
    let mut problems = raw.problems.clone();
    if raw.rows.is_empty() {
        problems.push(
            Diagnostic::at(raw.header.span.clone(), "the table has no rows")
                .with_help("add a row per close code, e.g. `| 1000 | Normal Closure |`"),
        );
    }
    let mut candidates = Vec::new();
    let mut unread = Vec::new();
    for row in &raw.rows {
        match candidate(row, raw, source, &mut problems) {
            Some(candidate) => candidates.push(candidate),
            None => unread.push(row),
        }
    }
    let lost_names: Vec<Option<Name>> = candidates.iter().map(|row| row.name.clone()).collect();
    let kept = check_across_rows(&mut candidates, &mut problems);
    let parents = parents(&candidates, &kept);
    problems.extend(inherited_reserved_and_custom(&candidates, &parents));
    let rows = resolve(&candidates, &kept, &parents, source);
    let lost = lost_variants(&rows, &candidates, &kept, &lost_names, &unread, raw);
    let table = Table {
        line: source.line_col(raw.span.start).0,
        rows,
        lost,
    };
    // Problems without a place come first, then by where they start.
    let problems = sorted_by(&problems, |problem| {
        problem.span.as_ref().map_or(0, |span| span.start + 1)
    });
    (table, problems)
}

/// The variants of rows left out (their codes unreadable, or clashing with an earlier row's),
/// less those the kept rows name anyway. `names` holds each candidate's name from before the
/// cross-row checks, which clear a clashing name.
fn lost_variants(
    rows: &[Row],
    candidates: &[Candidate<'_>],
    kept: &[bool],
    names: &[Option<Name>],
    unread: &[&RawRow],
    raw: &RawTable,
) -> Vec<LostVariant> {
    let dropped = candidates.iter().zip(kept).zip(names);
    let dropped = dropped.filter(|((_, kept), _)| !**kept);
    let mut lost: Vec<LostVariant> = dropped
        .filter_map(|((row, _), name)| {
            let range = (row.start != row.end).then_some((row.start, row.end));
            name.as_ref().map(|name| LostVariant {
                ident: name.ident.clone(),
                range,
            })
        })
        .collect();
    let unread_names = unread.iter().filter_map(|row| {
        let cell = row.cells.get(raw.columns.name?)?;
        let ident = names::variant_name(&cell.text).ok()?;
        Some(LostVariant { ident, range: None })
    });
    lost.extend(unread_names);
    let mut taken: HashSet<String> = rows
        .iter()
        .filter_map(|row| row.name.as_ref().map(|name| name.ident.clone()))
        .collect();
    lost.retain(|variant| taken.insert(variant.ident.clone()));
    lost
}

/// A row's cells as written. A short row's missing cells (padding, as GitHub renders it) are
/// not stored: they read as empty, with no place of their own.
struct Written<'a> {
    row: &'a RawRow,
}

/// The cell of a column that is missing from a short row.
static EMPTY: Cell = Cell {
    span: 0..0,
    text: String::new(),
    markdown: String::new(),
};

impl<'a> Written<'a> {
    fn get(&self, index: usize) -> Option<&'a Cell> {
        self.row.cells.get(index)
    }

    /// A column's cell, empty when the row is short; `None` when the table has no such column.
    fn column(&self, column: Option<usize>) -> Option<&'a Cell> {
        column.map(|index| self.get(index).unwrap_or(&EMPTY))
    }
}

/// Reads one row's own cells; `None` when its codes cannot be read.
fn candidate<'a>(
    row: &'a RawRow,
    raw: &RawTable,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) -> Option<Candidate<'a>> {
    if let Some(problem) = too_many_cells(row, raw, source) {
        problems.push(problem);
        // Its cells may sit under the wrong headers: checking them would only add noise.
        return None;
    }
    let cells = Written { row };
    let refused = refused_characters(&cells, source);
    if !refused.is_empty() {
        problems.extend(refused);
        return None;
    }
    let columns = raw.columns;
    let code_cell = cells.column(Some(columns.code)).unwrap_or(&EMPTY);
    let (start, end) = match parse_codes(&code_cell.text) {
        Ok(codes) => codes,
        Err(error) => {
            let error = error.read_from(code_cell);
            // An empty cell still has a place between its pipes; a missing one has none.
            let span = match cells.get(columns.code) {
                Some(cell) => cell.span.clone(),
                None => source.trimmed_line(&row.span),
            };
            problems.push(error.at(span));
            return None;
        }
    };
    let name_cell = cells
        .column(columns.name)
        .filter(|cell| !cell.text.is_empty());
    let reserved_cell = cells.column(columns.reserved);
    let custom_cell = cells.column(columns.custom);
    let reserved = read(reserved_cell, parse_reserved, problems);
    let custom = read(custom_cell, parse_custom, problems);
    let candidate = Candidate {
        raw: row,
        code_cell,
        name_cell,
        start,
        end,
        name: name_cell.and_then(|cell| read_name(cell, problems)),
        reserved: reserved.unwrap_or(Reserved::Unspecified),
        reserved_cell,
        custom: custom.unwrap_or(Custom::Unspecified),
        custom_cell,
        usage: cells.column(columns.usage),
    };
    problems.extend(reserved_and_custom(&candidate));
    Some(candidate)
}

/// Characters no cell may hold, each with what it is called. Cells reach doc comments, where
/// rustc refuses a carriage return that ends no line, and (deny by default,
/// `text_direction_codepoint_in_doc_comment`) the bidirectional controls, which can make text
/// read in another order than it is written.
fn refused_character(c: char) -> Option<&'static str> {
    Some(match c {
        '\r' => "a carriage return (U+000D) that ends no line",
        '\u{202A}' => "U+202A LEFT-TO-RIGHT EMBEDDING, a bidirectional control",
        '\u{202B}' => "U+202B RIGHT-TO-LEFT EMBEDDING, a bidirectional control",
        '\u{202C}' => "U+202C POP DIRECTIONAL FORMATTING, a bidirectional control",
        '\u{202D}' => "U+202D LEFT-TO-RIGHT OVERRIDE, a bidirectional control",
        '\u{202E}' => "U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control",
        '\u{2066}' => "U+2066 LEFT-TO-RIGHT ISOLATE, a bidirectional control",
        '\u{2067}' => "U+2067 RIGHT-TO-LEFT ISOLATE, a bidirectional control",
        '\u{2068}' => "U+2068 FIRST STRONG ISOLATE, a bidirectional control",
        '\u{2069}' => "U+2069 POP DIRECTIONAL ISOLATE, a bidirectional control",
        '\u{200E}' => "U+200E LEFT-TO-RIGHT MARK, a bidirectional control",
        '\u{200F}' => "U+200F RIGHT-TO-LEFT MARK, a bidirectional control",
        '\u{061C}' => "U+061C ARABIC LETTER MARK, a bidirectional control",
        _ => return None,
    })
}

/// A problem for each written cell that holds a refused character, in its markdown or in the
/// text it reads as (`&#x202E;`). The character is underlined when the markdown holds it.
fn refused_characters(cells: &Written<'_>, source: &Source) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for cell in (0..cells.row.written_cells).filter_map(|index| cells.get(index)) {
        let written = source.text().get(cell.span.clone()).unwrap_or("");
        let found = written
            .char_indices()
            .find_map(|(at, c)| Some((Some(at), c, refused_character(c)?)))
            .or_else(|| {
                let mut read = cell.text.chars().chain(cell.markdown.chars());
                read.find_map(|c| Some((None, c, refused_character(c)?)))
            });
        let Some((at, c, what)) = found else { continue };
        let span = at.map_or(cell.span.clone(), |at| {
            let start = cell.span.start + at;
            start..start + c.len_utf8()
        });
        problems.push(
            Diagnostic::at(
                span,
                format!("this cell holds {what}: rustc refuses it in the generated docs"),
            )
            .with_help(format!(
                "delete the character (U+{:04X}); it is invisible in most editors",
                u32::from(c)
            )),
        );
    }
    problems
}

/// More cells than the header: GitHub would drop the extra ones, and with them what they say.
fn too_many_cells(row: &RawRow, raw: &RawTable, source: &Source) -> Option<Diagnostic> {
    let header_cells = raw.header.written_cells;
    (row.written_cells > header_cells).then(|| {
        Diagnostic::at(
            source.trimmed_line(&row.span),
            format!(
                "this row has {} but the header has {header_cells}",
                counted(row.written_cells, "cell")
            ),
        )
        .with_help("give every row one cell per column; write a `|` inside a cell as `\\|`")
    })
}

/// A cell's value, or `None` (reported at the cell) when its text is not one.
fn read<T>(
    cell: Option<&Cell>,
    parse: fn(&str) -> Result<T, CellError>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let cell = cell?;
    parse(&cell.text)
        .map_err(|error| problems.push(error.at(cell.span.clone())))
        .ok()
}

fn read_name(cell: &Cell, problems: &mut Vec<Diagnostic>) -> Option<Name> {
    match names::variant_name(&cell.text) {
        Ok(ident) => Some(Name {
            text: cell.text.clone(),
            markdown: cell.markdown.clone(),
            ident,
        }),
        Err(error) => {
            problems.push(name_problem(cell, &error));
            None
        }
    }
}

/// A code reported, never sent, cannot also be free for applications to send.
fn reserved_and_custom(row: &Candidate<'_>) -> Option<Diagnostic> {
    if row.reserved != Reserved::Yes || row.custom != Custom::Yes {
        return None;
    }
    let at = row.custom_cell.unwrap_or(row.code_cell);
    Some(
        Diagnostic::at(
            at.span.clone(),
            format!(
                "`{}` is Reserved `Yes` and Custom `Yes`: a reserved code is never sent, so \
                 applications cannot use it",
                row.code_cell.text
            ),
        )
        .with_help("clear one of the two cells"),
    )
}

/// The cross-row rules, each its own function: the later row is reported, with a note at the
/// earlier one, and left out (or, for a name, left unnamed). Returns which rows are kept.
fn check_across_rows(
    candidates: &mut [Candidate<'_>],
    problems: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut kept = vec![true; candidates.len()];
    duplicate_codes(candidates, &mut kept, problems);
    overlapping_ranges(candidates, &mut kept, problems);
    clashing_names(candidates, &kept, problems);
    kept
}

/// Two rows for the same single code.
fn duplicate_codes(
    candidates: &[Candidate<'_>],
    kept: &mut [bool],
    problems: &mut Vec<Diagnostic>,
) {
    let mut singles = CodeMap::new();
    for (index, row) in candidates.iter().enumerate() {
        if row.start != row.end {
            continue;
        }
        let Some(&first) = singles.get(&row.start) else {
            singles.insert(row.start, index);
            continue;
        };
        problems.push(
            Diagnostic::at(
                row.code_cell.span.clone(),
                format!("code {} appears in two rows", row.start),
            )
            .with_note(candidates[first].code_cell.span.clone(), "first here")
            .with_help("keep one row per code"),
        );
        kept[index] = false;
    }
}

/// Two ranges that share codes; the kept range with the lowest codes among those a range
/// overlaps is reported. Kept ranges never overlap, so in order of their starts their ends are
/// in order too: that range is the last one starting at or below the range's start, if it
/// reaches it, else the first one starting inside it. Two lookups, never a scan (a scan over
/// every range a range overlaps made such tables quadratic).
fn overlapping_ranges(
    candidates: &[Candidate<'_>],
    kept: &mut [bool],
    problems: &mut Vec<Diagnostic>,
) {
    let mut ranges = CodeMap::new();
    for (index, row) in candidates.iter().enumerate() {
        if row.start == row.end {
            continue;
        }
        let below = ranges
            .range(..=row.start)
            .next_back()
            .map(|(_, &other)| other)
            .filter(|&other| row.start <= candidates[other].end);
        let inside = || {
            ranges
                .range(row.start..=row.end)
                .next()
                .map(|(_, &other)| other)
        };
        let Some(other) = below.or_else(inside) else {
            ranges.insert(row.start, index);
            continue;
        };
        problems.push(overlap_problem(row, &candidates[other]));
        kept[index] = false;
    }
}

fn overlap_problem(row: &Candidate<'_>, first: &Candidate<'_>) -> Diagnostic {
    Diagnostic::at(
        row.code_cell.span.clone(),
        format!(
            "range {}–{} overlaps range {}–{}: both cover {}",
            row.start,
            row.end,
            first.start,
            first.end,
            shared(row.start.max(first.start), row.end.min(first.end)),
        ),
    )
    .with_note(first.code_cell.span.clone(), "the other range")
    .with_help(
        "ranges must not share codes; list a code inside a range as a row of its own to refine it",
    )
}

/// Two kept rows whose names become the same identifier: the later one is left unnamed.
fn clashing_names(candidates: &mut [Candidate<'_>], kept: &[bool], problems: &mut Vec<Diagnostic>) {
    let mut idents: HashMap<String, usize> = HashMap::new();
    for index in (0..candidates.len()).filter(|&index| kept[index]) {
        let Some(name) = &candidates[index].name else {
            continue;
        };
        let Some(&first) = idents.get(&name.ident) else {
            idents.insert(name.ident.clone(), index);
            continue;
        };
        problems.push(name_clash(&candidates[first], &candidates[index]));
        candidates[index].name = None;
    }
}

fn name_clash(first: &Candidate<'_>, row: &Candidate<'_>) -> Diagnostic {
    fn text<'a>(row: &'a Candidate<'_>) -> &'a str {
        row.name.as_ref().map_or("", |name| name.text.as_str())
    }
    fn span(row: &Candidate<'_>) -> Range<usize> {
        row.name_cell.map_or(0..0, |cell| cell.span.clone())
    }
    let ident = row.name.as_ref().map_or("", |name| name.ident.as_str());
    Diagnostic::at(
        span(row),
        format!(
            "`{}` and `{}` both become the variant `{ident}`",
            text(first),
            text(row)
        ),
    )
    .with_note(span(first), "first here")
    .with_help("rename one of the two rows")
}

/// For each row, the kept range that it refines when it is a kept single code: the row whose
/// empty Reserved, Custom and usage cells it takes.
fn parents(candidates: &[Candidate<'_>], kept: &[bool]) -> Vec<Option<usize>> {
    // Kept ranges never overlap: the one that may hold a code is the last starting at or below it.
    let mut ranges = CodeMap::new();
    for (index, row) in candidates.iter().enumerate() {
        if kept[index] && row.start != row.end {
            ranges.insert(row.start, index);
        }
    }
    candidates
        .iter()
        .zip(kept)
        .map(|(row, &kept)| {
            if !kept || row.start != row.end {
                return None;
            }
            let (_, &range) = ranges.range(..=row.start).next_back()?;
            (row.start <= candidates[range].end).then_some(range)
        })
        .collect()
}

/// A single code marked Custom `Yes` inside a range marked Reserved `Yes`, with its own
/// Reserved cell empty: it inherits the reservation, so it is the contradiction of
/// [`reserved_and_custom`] across two rows. The row stays, as it does for one row.
fn inherited_reserved_and_custom(
    candidates: &[Candidate<'_>],
    parents: &[Option<usize>],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (row, parent) in candidates.iter().zip(parents) {
        let Some(range) = parent.map(|parent| &candidates[parent]) else {
            continue;
        };
        let inherits_reservation =
            row.reserved == Reserved::Unspecified && range.reserved == Reserved::Yes;
        if !inherits_reservation || row.custom != Custom::Yes {
            continue;
        }
        let at = row.custom_cell.unwrap_or(row.code_cell);
        let reserved_at = range.reserved_cell.unwrap_or(range.code_cell);
        problems.push(
            Diagnostic::at(
                at.span.clone(),
                format!(
                    "`{}` is Custom `Yes` inside the range `{}–{}`, which is Reserved `Yes`: a \
                     reserved code is never sent, so applications cannot use it",
                    row.start, range.start, range.end
                ),
            )
            .with_note(reserved_at.span.clone(), "the range is reserved here")
            .with_help("clear the Custom cell, or write Reserved `No` for this code"),
        );
    }
    problems
}

/// Fills a single code's empty Reserved, Custom and usage cells from the range it refines
/// (`parents`), then decides what each row may send.
fn resolve(
    candidates: &[Candidate<'_>],
    kept: &[bool],
    parents: &[Option<usize>],
    source: &Source,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for ((row, _), parent) in candidates
        .iter()
        .zip(kept)
        .zip(parents)
        .filter(|((_, kept), _)| **kept)
    {
        let parent = parent.map(|parent| &candidates[parent]);
        let reserved = match (row.reserved, parent) {
            (Reserved::Unspecified, Some(range)) => range.reserved == Reserved::Yes,
            (reserved, _) => reserved == Reserved::Yes,
        };
        let custom = match (row.custom, parent) {
            (Custom::Unspecified, Some(range)) if !reserved => range.custom,
            (custom, _) => custom,
        };
        let usage = row
            .usage
            .filter(|cell| !cell.text.is_empty())
            .or_else(|| parent.and_then(|range| range.usage));
        let usage_text = usage.map_or(String::new(), |cell| cell.text.clone());
        rows.push(Row {
            line: source.line_col(row.raw.span.start).0,
            start: row.start,
            end: row.end,
            sendable: !reserved && (row.name.is_some() || custom == Custom::Yes),
            name: row.name.clone(),
            reserved,
            custom,
            http_status: http_status(&usage_text),
            usage: usage_text,
            usage_markdown: usage.map_or(String::new(), |cell| cell.markdown.clone()),
        });
    }
    rows
}

/// The codes two ranges share, as messages write them.
fn shared(start: u16, end: u16) -> String {
    if start == end {
        start.to_string()
    } else {
        format!("{start}–{end}")
    }
}

fn name_problem(cell: &Cell, error: &NameError) -> Diagnostic {
    let text = &cell.text;
    let (message, help) = match error {
        NameError::Empty => (
            format!("the name `{text}` has no letters or digits, so it makes no Rust identifier"),
            "use words, e.g. `Normal Closure`, or leave the cell empty for an unnamed code"
                .to_owned(),
        ),
        NameError::StartsWithDigit(ident) if ident == text => (
            format!("the name `{text}` starts with a digit, so it makes no Rust identifier"),
            "start the name with a letter".to_owned(),
        ),
        NameError::StartsWithDigit(ident) => (
            format!("the name `{text}` becomes `{ident}`, which starts with a digit"),
            "start the name with a letter".to_owned(),
        ),
        NameError::NotAnIdentifier(ident) => (
            format!("the name `{text}` becomes `{ident}`, which is not a Rust identifier"),
            "use letters and digits".to_owned(),
        ),
        NameError::Compatibility {
            ident,
            character,
            plain,
        } => (
            format!(
                "the name `{text}` becomes `{ident}`, whose {} `{character}` is a compatibility \
                 form of `{plain}`: rustc warns about it in identifiers (`uncommon_codepoints`)",
                if character.is_alphabetic() {
                    "letter"
                } else {
                    "character"
                }
            ),
            format!("write `{plain}` instead"),
        ),
        NameError::Keyword(ident) => (
            format!("the name `{text}` becomes `{ident}`, a Rust keyword"),
            "choose another name".to_owned(),
        ),
        NameError::Taken(ident) => (
            format!("the name `{text}` becomes `{ident}`, which the generated type uses itself"),
            format!(
                "choose another name; the type reserves {}",
                names::TAKEN.map(|t| format!("`{t}`")).join(", ")
            ),
        ),
    };
    Diagnostic::at(cell.span.clone(), message).with_help(help)
}

const CODE_FORMS: &str = "write a number from 0 to 65535, or an inclusive range such as `1016 - 2999` (also `–` or `..=`)";

/// Parses a code cell's plain text: `1000`, `1016 - 2999`, `1016–2999` or `1016..=2999`.
fn parse_codes(text: &str) -> Result<(u16, u16), CellError> {
    let text = text.trim();
    let fail = |message: String| Err(CellError::new(message, CODE_FORMS));
    if text.is_empty() {
        return fail("the code cell is empty".to_owned());
    }
    let negative = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('−'))
        .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    if negative {
        return fail(format!("`{text}` is negative: close codes are 0 to 65535"));
    }
    let parts: Vec<&str> = if let Some((a, b)) = text.split_once("..=") {
        vec![a, b]
    } else if let Some((a, b)) = text.split_once('–') {
        vec![a, b]
    } else {
        text.splitn(2, '-').collect()
    };
    let mut codes = Vec::with_capacity(2);
    for part in &parts {
        let part = part.trim();
        if part.is_empty() {
            return fail(format!(
                "`{text}` is a malformed range: it needs a code on each side"
            ));
        }
        if !part.chars().all(|c| c.is_ascii_digit()) {
            let numbers = part.split_whitespace();
            if numbers
                .clone()
                .all(|n| n.chars().all(|c| c.is_ascii_digit()))
            {
                return fail(format!(
                    "`{text}` holds {} numbers where one code goes",
                    numbers.count()
                ));
            }
            return fail(format!("`{text}` is not a close code"));
        }
        match part.parse::<u16>() {
            Ok(code) => codes.push(code),
            Err(_) => {
                return fail(format!("`{part}` is above 65535: close codes are 16-bit"));
            }
        }
    }
    match codes[..] {
        [code] => Ok((code, code)),
        [start, end] if start <= end => Ok((start, end)),
        [start, end] => Err(CellError::new(
            format!("`{text}` is a reversed range"),
            format!("write the smaller code first: `{end} - {start}`"),
        )),
        _ => fail(format!("`{text}` is not a close code")),
    }
}

fn parse_reserved(text: &str) -> Result<Reserved, CellError> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(Reserved::Unspecified),
        "yes" => Ok(Reserved::Yes),
        "no" | "-" | "undefined" => Ok(Reserved::No),
        _ => Err(CellError::new(
            format!("`{text}` is not a Reserved value"),
            "write `Yes` for a code that is reported but never sent; `No`, `-`, `Undefined` or \
             nothing otherwise",
        )),
    }
}

fn parse_custom(text: &str) -> Result<Custom, CellError> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(Custom::Unspecified),
        "yes" => Ok(Custom::Yes),
        "no" => Ok(Custom::No),
        "extensions only" => Ok(Custom::ExtensionsOnly),
        _ => Err(CellError::new(
            format!("`{text}` is not a Custom value"),
            "write `Yes`, `No`, `Extensions only` or nothing",
        )),
    }
}

/// The status in "Equivalent to HTTP `NNN`", in any letter case. The phrase is ASCII, so it
/// is matched byte for byte, ignoring ASCII case, at offsets of the usage itself: lowercasing
/// the whole text first would change its length (`İ` grows, the Kelvin sign shrinks) and move
/// every offset after it.
fn http_status(usage: &str) -> Option<u16> {
    const PHRASE: &str = "equivalent to http";
    let found = usage
        .as_bytes()
        .windows(PHRASE.len())
        .position(|window| window.eq_ignore_ascii_case(PHRASE.as_bytes()))?;
    // An ASCII match starts and ends on character boundaries.
    let rest = usage.get(found + PHRASE.len()..)?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let status = digits.parse::<u16>().ok()?;
    (digits.len() == 3 && (100..=599).contains(&status)).then_some(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_table_segments_cover_each_code_once() {
        let source = Source::new("codes.md", include_str!("../../codes.md"));
        let (table, problems) = check(&source, None);
        assert!(problems.is_empty(), "{problems:?}");
        let segments = table.segments();
        let mut next = 0u32;
        for segment in &segments {
            assert_eq!(
                u32::from(segment.start),
                next,
                "{segment:?} leaves a gap or overlaps"
            );
            assert!(segment.start <= segment.end);
            next = u32::from(segment.end) + 1;
        }
        assert_eq!(next, 5000);
        // 3000-3999 is split around its three named codes.
        let app: Vec<(u16, u16)> = segments
            .iter()
            .filter(|s| table.rows[s.row].start == 3000 && table.rows[s.row].is_range())
            .map(|s| (s.start, s.end))
            .collect();
        assert_eq!(app, [(3001, 3002), (3004, 3007), (3009, 3999)]);
    }

    #[test]
    fn row_for_finds_the_most_specific_row_and_count_sums_codes() {
        let source = Source::new("codes.md", include_str!("../../codes.md"));
        let (table, _) = check(&source, None);
        let bounds = |code| table.row_for(code).map(|row| (row.start, row.end));
        assert_eq!(bounds(3003), Some((3003, 3003)));
        assert_eq!(bounds(3004), Some((3000, 3999)));
        assert_eq!(bounds(0), Some((0, 999)));
        assert_eq!(bounds(5000), None);
        assert_eq!(table.count(|_| true), 5000);
        assert_eq!(table.count(|row| row.sendable), 2012);
        assert_eq!(table.count(|row| row.reserved), 3);
    }

    #[test]
    fn code_cells() {
        assert_eq!(parse_codes("1000"), Ok((1000, 1000)));
        assert_eq!(parse_codes("1016 - 2999"), Ok((1016, 2999)));
        assert_eq!(parse_codes("1016–2999"), Ok((1016, 2999)));
        assert_eq!(parse_codes("1016..=2999"), Ok((1016, 2999)));
        assert_eq!(parse_codes("0 - 65535"), Ok((0, 65535)));
        assert_eq!(parse_codes("7 - 7"), Ok((7, 7)));
        let message = |text| parse_codes(text).unwrap_err().message;
        assert_eq!(message("abc"), "`abc` is not a close code");
        assert_eq!(
            message("-5"),
            "`-5` is negative: close codes are 0 to 65535"
        );
        assert_eq!(
            message("70000"),
            "`70000` is above 65535: close codes are 16-bit"
        );
        assert_eq!(message("2999 - 1016"), "`2999 - 1016` is a reversed range");
        assert_eq!(
            message("1000 -"),
            "`1000 -` is a malformed range: it needs a code on each side"
        );
        assert_eq!(message("1 - 2 - 3"), "`1 - 2 - 3` is not a close code");
        assert_eq!(message(""), "the code cell is empty");
    }

    #[test]
    fn a_carriage_return_a_cell_reads_as_is_refused_at_the_cell() {
        // `&#13;` as a reader that decodes it hands it over: in the text, not the source.
        let source = Source::new("t.md", "| 1000 | Done&#13;there |\n");
        let cell = |span: Range<usize>, text: &str| Cell {
            markdown: source.text()[span.clone()].to_owned(),
            span,
            text: text.to_owned(),
        };
        let row = RawRow {
            span: 0..25,
            cells: vec![cell(2..6, "1000"), cell(9..23, "Done\rthere")],
            written_cells: 2,
        };
        let problems = refused_characters(&Written { row: &row }, &source);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].span, Some(9..23));
        assert_eq!(
            problems[0].message,
            "this cell holds a carriage return (U+000D) that ends no line: rustc refuses it in \
             the generated docs"
        );
    }

    #[test]
    fn messages_quote_text_with_backticks_in_a_longer_fence() {
        assert_eq!(code("1000"), "`1000`");
        assert_eq!(code("`1000`<br>"), "`` `1000`<br> ``");
        assert_eq!(code("a``b`"), "``` a``b` ```");
    }

    #[test]
    fn http_equivalents() {
        assert_eq!(
            http_status("Server got invalid response. Equivalent to HTTP 502"),
            Some(502)
        );
        assert_eq!(http_status("equivalent to http  401."), Some(401));
        assert_eq!(http_status("Equivalent to HTTP 5020"), None);
        assert_eq!(http_status("Like HTTP 502"), None);
    }
}
