//! Stage 2b: which table is the close-code table. The first table whose header has a code
//! column, or the first under a chosen heading; its columns by header word; and the messages
//! when there is none, several, a later heading with the same text, a delimiter row of another
//! width, or a table pulldown-cmark cut short.

use std::collections::HashSet;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, counted};
use crate::markdown::{
    self, Block, Heading, RawRow, Table, collapse_spaces, count_written_cells, delimiter_columns,
};
use crate::source::Source;

/// What a column holds, found from its header text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The header has the word `code` (or `codes`).
    Code,
    /// `name` or `meaning` (or their plurals).
    Name,
    /// `reserved`.
    Reserved,
    /// `custom`.
    Custom,
    /// `usage` or `description` (or their plurals).
    Usage,
}

impl Role {
    const ALL: [Role; 5] = [
        Role::Code,
        Role::Name,
        Role::Reserved,
        Role::Custom,
        Role::Usage,
    ];

    /// How messages name the column.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Role::Code => "code",
            Role::Name => "name",
            Role::Reserved => "Reserved",
            Role::Custom => "Custom",
            Role::Usage => "usage",
        }
    }

    /// The header words that name the role, singular and plural (the README lists them).
    fn words(self) -> &'static [&'static str] {
        match self {
            Role::Code => &["code", "codes"],
            Role::Name => &["name", "names", "meaning", "meanings"],
            Role::Reserved => &["reserved"],
            Role::Custom => &["custom"],
            Role::Usage => &["usage", "usages", "description", "descriptions"],
        }
    }

    fn matches(self, word: &str) -> bool {
        self.words().contains(&word)
    }

    /// The role a header cell claims: the first whose word it contains, case-insensitively.
    fn of_header(text: &str) -> Option<Role> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        Role::ALL
            .into_iter()
            .find(|role| words.iter().any(|word| role.matches(word)))
    }
}

/// Which cell of a row holds what; only the code column is required.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Columns {
    /// The code column's index.
    pub code: usize,
    /// The name column's index.
    pub name: Option<usize>,
    /// The Reserved column's index.
    pub reserved: Option<usize>,
    /// The Custom column's index.
    pub custom: Option<usize>,
    /// The usage column's index.
    pub usage: Option<usize>,
}

impl Columns {
    /// Finds the columns from the header; `None` without a code column. A second column
    /// claiming a role already taken is a problem, reported with both places.
    fn detect(header: &RawRow) -> Option<(Columns, Vec<Diagnostic>)> {
        let mut found: [Option<usize>; 5] = [None; 5];
        let mut problems = Vec::new();
        for (index, cell) in header.cells.iter().enumerate() {
            let Some(role) = Role::of_header(&cell.text) else {
                continue;
            };
            let slot = &mut found[role as usize];
            match *slot {
                None => *slot = Some(index),
                Some(first) => problems.push(
                    Diagnostic::at(
                        cell.span.clone(),
                        format!(
                            "two columns are the {} column: `{}` and `{}`",
                            role.label(),
                            header.cells[first].text,
                            cell.text
                        ),
                    )
                    .with_note(header.cells[first].span.clone(), "first here")
                    .with_help("rename one header so that only one names the column"),
                ),
            }
        }
        let [code, name, reserved, custom, usage] = found;
        let columns = Columns {
            code: code?,
            name,
            reserved,
            custom,
            usage,
        };
        Some((columns, problems))
    }
}

/// The chosen table, before validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawTable {
    /// Byte range of the whole table.
    pub span: Range<usize>,
    /// The header row.
    pub header: RawRow,
    /// Where each column is.
    pub columns: Columns,
    /// The body rows, in order.
    pub rows: Vec<RawRow>,
    /// Problems with the header itself.
    pub problems: Vec<Diagnostic>,
}

/// A table with a code column, and the heading it stands under.
struct Found<'a> {
    table: &'a Table,
    columns: Columns,
    problems: Vec<Diagnostic>,
    heading: Option<&'a Heading>,
}

/// Finds the table. With `heading`: the first table with a code column in the section under the
/// first heading whose text is `heading` (case-insensitive). Without: the one table in the
/// document with a code column; with several, an error that lists them, never a guess.
pub(crate) fn find_table(source: &Source, heading: Option<&str>) -> Result<RawTable, Diagnostic> {
    let blocks = markdown::blocks(source.text());
    let in_scope = match heading {
        Some(wanted) => sections(&blocks, wanted)
            .next()
            .ok_or_else(|| no_heading(source, &blocks, wanted))?,
        None => &blocks[..],
    };
    let found = code_tables(in_scope);
    match (found.as_slice(), heading) {
        ([], Some(wanted)) => Err(no_code_table_under(source, &blocks, wanted)),
        ([], None) => Err(no_code_table(source, &blocks)),
        ([first, ..], Some(_)) | ([first], None) => Ok(first.raw_table(source)),
        (several, None) => Err(several_code_tables(source, several)),
    }
}

impl Found<'_> {
    fn raw_table(&self, source: &Source) -> RawTable {
        let mut problems = self.problems.clone();
        problems.extend(self.table.cut.as_ref().map(|line| table_cut(source, line)));
        RawTable {
            span: self.table.span.clone(),
            header: self.table.header.clone(),
            columns: self.columns,
            rows: self.table.rows.clone(),
            problems,
        }
    }
}

/// Each heading with the `wanted` text, as the blocks under it up to the next heading of the
/// same or a higher level; the heading itself comes first.
fn sections<'a>(blocks: &'a [Block], wanted: &'a str) -> impl Iterator<Item = &'a [Block]> {
    blocks.iter().enumerate().filter_map(move |(at, block)| {
        let Block::Heading(h) = block else {
            return None;
        };
        if !same_heading(&h.text, wanted) {
            return None;
        }
        let len = blocks[at + 1..]
            .iter()
            .position(|block| matches!(block, Block::Heading(next) if next.level <= h.level))
            .unwrap_or(blocks.len() - at - 1);
        Some(&blocks[at..=at + len])
    })
}

/// Every table with a code column, each with the nearest heading above it.
fn code_tables(blocks: &[Block]) -> Vec<Found<'_>> {
    let mut heading = None;
    let mut found = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(h) => heading = Some(h),
            Block::Table(table) => {
                if let Some((columns, problems)) = Columns::detect(&table.header) {
                    found.push(Found {
                        table,
                        columns,
                        problems,
                        heading,
                    });
                }
            }
        }
    }
    found
}

fn no_heading(source: &Source, blocks: &[Block], wanted: &str) -> Diagnostic {
    let name = source.name();
    let mut known: Vec<String> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading(h) => Some(format!("`{}`", h.text)),
            Block::Table(..) => None,
        })
        .collect();
    known.dedup();
    let help = if known.is_empty() {
        format!("{name} has no headings")
    } else {
        format!("the headings in {name} are {}", known.join(", "))
    };
    Diagnostic::error(format!("{name} has no heading `{wanted}`"))
        .with_help(help)
        .about_heading()
}

const CODE_HELP: &str =
    "the code column's header must contain the word `code`, e.g. `| Code | Name |`";

/// The first heading with the `wanted` text has no code table; a later one with the same text
/// may, and then the message names it.
fn no_code_table_under(source: &Source, blocks: &[Block], wanted: &str) -> Diagnostic {
    let name = source.name();
    let mut under = sections(blocks, wanted);
    let first = under.next().and_then(|section| match &section[0] {
        Block::Heading(h) => Some(h),
        Block::Table(_) => None,
    });
    let later = under.find_map(|section| code_tables(section).into_iter().next());
    let (Some(first), Some(later)) = (first, later) else {
        return mismatched_delimiter(source, false).unwrap_or_else(|| {
            Diagnostic::error(format!(
                "{name} has no table with a code column under the heading `{wanted}`"
            ))
            .with_help(CODE_HELP)
            .about_heading()
        });
    };
    let table_line = source.line_col(later.table.span.start).0;
    Diagnostic::at(
        source.trimmed_line(&first.span),
        format!(
            "{name} has no table with a code column under the heading `{wanted}`; the table at \
             line {table_line} is under a later heading with the same text"
        ),
    )
    .with_note(
        source.trimmed_line(&later.table.header.span),
        "the first table with a code column under a later heading with this text",
    )
    .with_help(
        "only the first heading with this text is searched: give the headings different texts, \
         or move the table under the first one",
    )
    .about_heading()
}

fn no_code_table(source: &Source, blocks: &[Block]) -> Diagnostic {
    let name = source.name();
    let headers: Vec<&RawRow> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(&table.header),
            Block::Heading(_) => None,
        })
        .collect();
    if let Some(problem) = mismatched_delimiter(source, headers.is_empty()) {
        return problem;
    }
    let Some(first) = headers.first() else {
        return Diagnostic::error(format!("{name} has no markdown table")).with_help(
            "close codes are read from a table such as `| Code | Name |`, `|---|---|`, \
             `| 1000 | Normal Closure |`",
        );
    };
    let tables = match headers.len() {
        1 => "its one table has no header with `code`".to_owned(),
        count => format!("none of its {count} tables has a header with `code`"),
    };
    Diagnostic::at(
        source.trimmed_line(&first.span),
        format!("{name} has no code column: {tables}"),
    )
    .with_help(CODE_HELP)
}

/// A line that looks like a header row, followed by a delimiter row with another number of
/// columns: GitHub reads no table there, and says nothing. Only a header with a code column
/// counts, unless `any` (the document has no table at all).
fn mismatched_delimiter(source: &Source, any: bool) -> Option<Diagnostic> {
    let mut previous: Option<(Range<usize>, &str)> = None;
    let mut end = 0;
    for line in source.text().split_inclusive('\n') {
        end += line.len();
        let body = without_quote_markers(line);
        let span = end - body.len()..end;
        if let (Some((header_span, header)), Some(columns)) = (&previous, delimiter_columns(body)) {
            let cells = count_written_cells(header);
            let candidate = any || Role::of_header(header) == Some(Role::Code);
            if header.contains('|') && cells != columns && candidate {
                return Some(
                    Diagnostic::at(
                        source.trimmed_line(&span),
                        format!(
                            "this delimiter row has {} but the header row above it has {}, \
                             so GitHub shows no table here",
                            counted(columns, "column"),
                            counted(cells, "cell")
                        ),
                    )
                    .with_note(source.trimmed_line(header_span), "the header row")
                    .with_help(
                        "give the delimiter row one `---` per header cell, e.g. `|---|---|` \
                         under `| Code | Name |`",
                    ),
                );
            }
        }
        previous = Some((span, body));
    }
    None
}

/// A line without the `>` markers of the block quotes it stands in.
fn without_quote_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(inner) = rest.strip_prefix('>') {
        rest = inner.trim_start();
    }
    rest
}

/// The chosen table was ended by a line GitHub does not read as a row.
fn table_cut(source: &Source, line: &Range<usize>) -> Diagnostic {
    let line = source.trimmed_line(line);
    let only_pipes = source.text()[line.clone()]
        .bytes()
        .all(|b| matches!(b, b'|' | b' ' | b'\t'));
    let help = if only_pipes {
        "a row needs a cell: write `| |` for an empty one, or leave a blank line to end the table"
    } else {
        // pulldown-cmark's limit against quadratic output (`MAX_AUTOCOMPLETED_CELLS`).
        "the rows above leave too many cells empty (262,144 in all): write out each row's cells"
    };
    Diagnostic::at(
        line,
        "the table ends above this line: this line and the ones after it are text, not rows",
    )
    .with_help(help)
}

/// Several tables could be the close-code table: name them all, and how to pick one.
fn several_code_tables(source: &Source, found: &[Found<'_>]) -> Diagnostic {
    let name = source.name();
    let mut problem = Diagnostic::at(
        source.trimmed_line(&found[0].table.header.span),
        format!(
            "{name} has {} tables with a code column; which one is the close-code table?",
            found.len()
        ),
    );
    for table in &found[1..] {
        let under = heading_text(table)
            .map_or("no heading above it".to_owned(), |h| format!("under `{h}`"));
        problem = problem.with_note(
            source.trimmed_line(&table.table.header.span),
            format!("another table with a code column, {under}"),
        );
    }
    // A heading picks the first table under it, so a later one under a heading with the
    // same text cannot be picked by it.
    let mut headings_seen = HashSet::new();
    let choices: Vec<String> = found
        .iter()
        .map(|table| {
            let line = source.line_col(table.table.span.start).0;
            match heading_text(table) {
                Some(h) if headings_seen.insert(h.to_lowercase()) => format!("line {line}, `{h}`"),
                Some(_) => format!("line {line}, give it a heading of its own"),
                None => format!("line {line}, no heading above it, so add one"),
            }
        })
        .collect();
    problem.with_help(format!(
        "pick one by the heading above it: {}",
        choices.join("; ")
    ))
}

fn heading_text<'a>(table: &Found<'a>) -> Option<&'a str> {
    table.heading.map(|h| h.text.as_str())
}

fn same_heading(found: &str, wanted: &str) -> bool {
    found.to_lowercase() == collapse_spaces(wanted).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Cell;

    fn table(text: &str, heading: Option<&str>) -> RawTable {
        find_table(&Source::new("t.md", text), heading).unwrap()
    }

    #[test]
    fn cells_keep_plain_text_markdown_and_span() {
        let text = "| Code | Name |\n|--|--|\n| `1014` | *Bad* \\| [gw](http://x) |\n";
        let t = table(text, None);
        let cell = &t.rows[0].cells[1];
        assert_eq!(cell.text, "Bad | gw");
        assert_eq!(cell.markdown, r"*Bad* \| [gw](http://x)");
        assert_eq!(&text[cell.span.clone()], cell.markdown);
        assert_eq!(t.rows[0].cells[0].text, "1014");
    }

    #[test]
    fn columns_are_found_by_word_in_any_order() {
        let t = table(
            "| Usage | Extra | IANA meaning | close CODE (uint16) |\n|-|-|-|-|\n| x | y | z | 1 |\n",
            None,
        );
        assert_eq!(
            t.columns,
            Columns {
                code: 3,
                name: Some(2),
                reserved: None,
                custom: None,
                usage: Some(0)
            }
        );
        assert!(t.problems.is_empty());
    }

    #[test]
    fn the_one_table_with_a_code_column_is_found_among_others() {
        let text = "| a | b |\n|-|-|\n| 1 | 2 |\n\n| Codes |\n|-|\n| 1000 |\n";
        assert_eq!(table(text, None).rows[0].cells[0].text, "1000");
    }

    #[test]
    fn several_tables_with_a_code_column_are_an_error_that_lists_them() {
        let text = "# Messages\n\n| Code | Meaning |\n|-|-|\n| 1 | hi |\n\n\
                    | Code |\n|-|\n| 1000 |\n\n## Close codes\n\n| Code |\n|-|\n| 2000 |\n";
        let source = Source::new("t.md", text);
        let error = find_table(&source, None).unwrap_err();
        assert_eq!(
            error.message,
            "t.md has 3 tables with a code column; which one is the close-code table?"
        );
        assert_eq!(source.line_col(error.span.unwrap().start), (3, 1));
        let notes: Vec<(usize, &str)> = error
            .notes
            .iter()
            .map(|(span, note)| (source.line_col(span.start).0, note.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (7, "another table with a code column, under `Messages`"),
                (13, "another table with a code column, under `Close codes`"),
            ]
        );
        assert_eq!(
            error.help.as_deref(),
            Some(
                "pick one by the heading above it: line 3, `Messages`; \
                 line 7, give it a heading of its own; line 13, `Close codes`"
            )
        );
        // Under a heading, the first table of its section is the one.
        assert_eq!(
            table(text, Some("close codes")).rows[0].cells[0].text,
            "2000"
        );
    }

    #[test]
    fn a_heading_picks_the_table_under_it() {
        let text = "# One\n\n| Code |\n|-|\n| 1 |\n\n## App codes\n\n| Code |\n|-|\n| 4000 |\n";
        assert_eq!(table(text, Some("app CODES")).rows[0].cells[0].text, "4000");
        let error = find_table(&Source::new("t.md", text), Some("Nope")).unwrap_err();
        assert_eq!(error.message, "t.md has no heading `Nope`");
        assert_eq!(
            error.help.as_deref(),
            Some("the headings in t.md are `One`, `App codes`")
        );
    }

    #[test]
    fn a_section_ends_at_the_next_heading_of_its_level() {
        let text = "## A\n\ntext\n\n## B\n\n| Code |\n|-|\n| 1 |\n";
        let error = find_table(&Source::new("t.md", text), Some("A")).unwrap_err();
        assert_eq!(
            error.message,
            "t.md has no table with a code column under the heading `A`"
        );
    }

    #[test]
    fn no_table_and_no_code_column_are_told_apart() {
        let none = find_table(&Source::new("t.md", "# Hi\n"), None).unwrap_err();
        assert_eq!(none.message, "t.md has no markdown table");
        let other = find_table(&Source::new("t.md", "| a |\n|-|\n| 1 |\n"), None).unwrap_err();
        assert_eq!(
            other.message,
            "t.md has no code column: its one table has no header with `code`"
        );
        assert_eq!(other.span, Some(0..5));
    }

    #[test]
    fn a_second_column_for_one_role_is_a_problem() {
        let t = table("| Code | HTTP code |\n|-|-|\n| 1 | 2 |\n", None);
        assert_eq!(t.columns.code, 0);
        assert_eq!(t.problems.len(), 1);
        assert!(t.problems[0].message.contains("`Code` and `HTTP code`"));
    }

    fn cell(text: &str, row: usize, column: usize) -> Cell {
        table(text, None).rows[row].cells[column].clone()
    }

    /// A one-row table whose second cell is `markdown`, and `definitions` below it.
    fn name_cell(markdown: &str, definitions: &str) -> Cell {
        cell(
            &format!("| Code | Name |\n|-|-|\n| 1 | {markdown} |\n\n{definitions}"),
            0,
            1,
        )
    }

    #[test]
    fn every_html_entity_is_decoded() {
        assert_eq!(name_cell("Caf&eacute; closed", "").text, "Café closed");
        assert_eq!(name_cell("Sign&shy;ed out", "").text, "Sign\u{ad}ed out");
        assert_eq!(
            name_cell("a &amp; b &#65; &#x2014; &ndash;", "").text,
            "a & b A — –"
        );
        // The markdown keeps the entity: rustdoc decodes it the same way.
        assert_eq!(name_cell("Caf&eacute;", "").markdown, "Caf&eacute;");
    }

    #[test]
    fn strikethrough_reads_as_its_text() {
        let cell = name_cell("~~Deprecated~~ Going ~away~", "");
        assert_eq!(cell.text, "Deprecated Going away");
        assert_eq!(cell.markdown, "~~Deprecated~~ Going ~away~");
    }

    #[test]
    fn a_line_break_tag_reads_as_a_space_and_other_html_as_nothing() {
        for br in ["<br>", "<br/>", "<br />", "<BR>", "<Br class=\"x\">"] {
            let cell = name_cell(&format!("First line{br}second line"), "");
            assert_eq!(cell.text, "First line second line", "{br}");
        }
        let cell = name_cell("<b>Bold</b> <!-- hidden --><brx>text <span>x</span>", "");
        assert_eq!(cell.text, "Bold text x");
        // Inside a word, a tag is nothing at all, not a space; nor is a tag that only starts
        // like `<br`.
        let cell = name_cell("Room<span>full</span>y", "");
        assert_eq!(cell.text, "Roomfully");
        let cell = name_cell("Sign<brx>ed", "");
        assert_eq!(cell.text, "Signed");
    }

    #[test]
    fn markup_escapes_and_code_spans_read_as_what_they_show() {
        let cell = name_cell(
            r"`a\|b` **strong** _em_ \*not\* [in](http://x) <http://a.b>",
            "",
        );
        assert_eq!(cell.text, "a|b strong em *not* in http://a.b");
        assert_eq!(
            cell.markdown,
            r"`a\|b` **strong** _em_ \*not\* [in](http://x) <http://a.b>"
        );
    }

    #[test]
    fn reference_links_read_as_their_text_and_are_inlined_in_the_markdown() {
        let definitions = "[rfc]: https://www.rfc-editor.org/rfc/rfc6455 \"RFC 6455\"\n\
                           [two words]: </a b>\n[img]: /i.png\n";
        let cell = name_cell(
            "See [RFC][ Rfc ], [two words][], [rfc] and ![logo][img]",
            definitions,
        );
        assert_eq!(cell.text, "See RFC, two words, rfc and logo");
        assert_eq!(
            cell.markdown,
            "See [RFC](https://www.rfc-editor.org/rfc/rfc6455 \"RFC 6455\"), \
             [two words](</a b>), [rfc](https://www.rfc-editor.org/rfc/rfc6455 \"RFC 6455\") \
             and ![logo](/i.png)"
        );
        // Empty text, emphasis in the text, an image inside a link.
        let cell = name_cell("[][rfc] [*e* ][img] [![i][img]][rfc]", definitions);
        assert_eq!(cell.text, "e i");
        assert_eq!(
            cell.markdown,
            "[](https://www.rfc-editor.org/rfc/rfc6455 \"RFC 6455\") [*e* ](/i.png) \
             [![i](/i.png)](https://www.rfc-editor.org/rfc/rfc6455 \"RFC 6455\")"
        );
        // Characters that would end the link, the rustdoc table cell or read as an entity.
        let cell = name_cell("[x]", "[x]: /a(b)|c&amp;amp; 'say \"hi\" | \\\\'\n");
        assert_eq!(cell.markdown, r#"[x](</a(b)\|c\&amp;> "say \"hi\" \| \\")"#);
        // A label no definition has is text, as written.
        assert_eq!(name_cell("[nothing]", "").markdown, "[nothing]");
    }

    #[test]
    fn a_footnote_marker_shows_nothing() {
        let cell = name_cell("Going away[^1]", "[^1]: A note.\n");
        assert_eq!(cell.text, "Going away");
        assert_eq!(cell.markdown, "Going away");
    }

    #[test]
    fn short_rows_store_only_their_cells_and_long_rows_are_counted() {
        let t = table(
            "| Code | Name | Usage |\n|-|-|-|\n| 1 |\n| 2 | a | b | c |\n| 3 ||\n",
            None,
        );
        assert_eq!((t.header.written_cells, t.header.cells.len()), (3, 3));
        assert_eq!((t.rows[0].written_cells, t.rows[0].cells.len()), (1, 1));
        // pulldown-cmark cuts a long row to the header's width; the count keeps what was written.
        assert_eq!((t.rows[1].written_cells, t.rows[1].cells.len()), (4, 3));
        assert_eq!(t.rows[2].cells.len(), 2);
        assert_eq!(t.rows[2].cells[1].text, "");
    }

    #[test]
    fn a_wide_header_over_short_rows_stores_no_padding() {
        let mut text = String::from("| Code |");
        text.push_str(&" x |".repeat(1000));
        text.push_str("\n|-|");
        text.push_str(&"-|".repeat(1000));
        text.push('\n');
        text.push_str(&"| 1 |\n".repeat(200));
        let t = table(&text, None);
        assert_eq!(t.rows.len(), 200);
        assert!(t.rows.iter().all(|row| row.cells.len() == 1));
    }

    #[test]
    fn cells_are_counted_as_github_splits_them() {
        assert_eq!(markdown::count_written_cells("| a | b |"), 2);
        assert_eq!(markdown::count_written_cells("a | b"), 2);
        assert_eq!(markdown::count_written_cells(r"| a \| b | c |"), 2);
        assert_eq!(markdown::count_written_cells(r"| a \\| b |"), 1);
        assert_eq!(markdown::count_written_cells("| a |"), 1);
        assert_eq!(markdown::count_written_cells("|"), 1);
        assert_eq!(markdown::count_written_cells(r"| a \|"), 1);
    }

    #[test]
    fn delimiter_rows_count_their_columns() {
        assert_eq!(delimiter_columns("|---|:-:|"), Some(2));
        assert_eq!(delimiter_columns("-|-"), Some(2));
        assert_eq!(delimiter_columns(" | --- | :--- |  "), Some(2));
        assert_eq!(delimiter_columns("---"), None);
        assert_eq!(delimiter_columns("|:|"), None);
        // Every column a pipe ends needs its `-`.
        assert_eq!(delimiter_columns("|---|:|"), None);
        assert_eq!(delimiter_columns("|---||"), None);
        assert_eq!(delimiter_columns("| a |"), None);
    }

    #[test]
    fn a_delimiter_row_of_another_width_is_named_where_it_is() {
        let text = "# Codes\n\n| Code | Name |\n|---|\n| 1000 | Normal |\n";
        let source = Source::new("t.md", text);
        let error = find_table(&source, None).unwrap_err();
        assert_eq!(
            error.message,
            "this delimiter row has 1 column but the header row above it has 2 cells, \
             so GitHub shows no table here"
        );
        assert_eq!(error.line_col(&source), Some((4, 1)));
        assert_eq!(source.line_col(error.notes[0].0.start), (3, 1));
        // Under a heading too, and in a quote.
        let quoted = "# Codes\n\n> | Code | Name |\n> |-|-|-|\n> | 1 | x |\n";
        let source = Source::new("t.md", quoted);
        let error = find_table(&source, Some("codes")).unwrap_err();
        assert!(
            error
                .message
                .starts_with("this delimiter row has 3 columns")
        );
        assert_eq!(error.line_col(&source), Some((4, 3)));
        // A header without `code` elsewhere does not hide that there is no code column.
        let other = "| a | b |\n|-|-|\n| 1 | 2 |\n\n| x | y |\n|-|\n";
        let error = find_table(&Source::new("t.md", other), None).unwrap_err();
        assert!(error.message.contains("has no code column"));
    }

    #[test]
    fn a_later_heading_with_the_same_text_is_named() {
        let text = "## Codes\n\nNone yet.\n\n## Other\n\n## Codes\n\n| Code |\n|-|\n| 1 |\n";
        let source = Source::new("t.md", text);
        let error = find_table(&source, Some("codes")).unwrap_err();
        assert_eq!(
            error.message,
            "t.md has no table with a code column under the heading `codes`; the table at \
             line 9 is under a later heading with the same text"
        );
        assert_eq!(error.line_col(&source), Some((1, 1)));
        assert_eq!(source.line_col(error.notes[0].0.start), (9, 1));
    }

    #[test]
    fn headings_read_as_their_text_and_sections_nest() {
        let text = "# Top\n\n## Caf&eacute; *codes* ##\n\n### Sub\n\n| Code |\n|-|\n| 7 |\n\n\
                    Setext\n---\n\n| Code |\n|-|\n| 8 |\n";
        // A deeper heading stays inside the section; the next one of its level ends it.
        assert_eq!(table(text, Some("café CODES")).rows[0].cells[0].text, "7");
        assert_eq!(table(text, Some("Setext")).rows[0].cells[0].text, "8");
        assert_eq!(table(text, Some("top")).rows[0].cells[0].text, "7");
    }

    #[test]
    fn tables_in_quotes_and_lists_are_read_and_code_hides_them() {
        let quoted = "> | Code |\n> |-|\n> | 4000 |\n";
        assert_eq!(cell(quoted, 0, 0).text, "4000");
        let listed = "- item\n\n  | Code |\n  |-|\n  | 4001 |\n";
        assert_eq!(cell(listed, 0, 0).text, "4001");
        let fenced = "```\n| Code |\n|-|\n| 1 |\n```\n\n<div>\n\n| Code |\n|-|\n| 2 |\n\n</div>\n";
        // In a fence it is code; inside an HTML block with blank lines around it, markdown.
        assert_eq!(cell(fenced, 0, 0).text, "2");
    }

    #[test]
    fn a_line_the_table_refuses_is_a_problem_of_the_table() {
        let text = "| Code |\n|-|\n| 1 |\n|\n| 2 |\n";
        let source = Source::new("t.md", text);
        let t = find_table(&source, None).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].line_col(&source), Some((4, 1)));
        assert!(t.problems[0].help.as_deref().unwrap().contains("`| |`"));
        // A blank line ends a table without a word.
        assert!(
            table("| Code |\n|-|\n| 1 |\n\ntext\n", None)
                .problems
                .is_empty()
        );
    }

    #[test]
    fn rows_past_pulldown_cmarks_padding_limit_are_named_not_dropped_silently() {
        // 1,000 columns over one-cell rows: pulldown-cmark pads at most 262,144 cells in all,
        // so row 263 (line 265) and the ones after it are text.
        let mut text = format!("| Code |{}\n|-|{}\n", " x |".repeat(999), "-|".repeat(999));
        text.push_str(&"| 1 |\n".repeat(300));
        let source = Source::new("t.md", text);
        let t = find_table(&source, None).unwrap();
        assert_eq!(t.rows.len(), 262);
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].line_col(&source), Some((265, 1)));
        assert!(
            t.problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("too many cells empty")
        );
    }
}
