//! pulldown-cmark's offset events folded into what table selection needs: the headings and
//! tables in document order, each cell with its span, the text GitHub shows and its markdown.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Cell, RawRow};

/// What GitHub renders that changes how a cell or heading reads: tables, `~~strikethrough~~`,
/// and footnotes (a `[^1]: …` line is a note, not a link definition, and `[^1]` a marker).
/// Math, task lists and heading attributes stay off: GitHub has no task list in a cell, no
/// heading attributes, and math's rendering could not go into rustdoc.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);

pub(crate) struct Heading {
    /// Where it stands.
    pub span: Range<usize>,
    pub level: u8,
    /// The text GitHub shows, blanks collapsed.
    pub text: String,
}

pub(crate) struct Table {
    pub span: Range<usize>,
    pub header: RawRow,
    pub rows: Vec<RawRow>,
    /// The first line that pulldown-cmark reads as text although no blank line ends the table:
    /// a line of only pipes, or a row past the number of empty cells it pads short rows with.
    pub cut: Option<Range<usize>>,
}

/// A heading or a table, in document order.
pub(crate) enum Block {
    Heading(Heading),
    Table(Table),
}

/// Reads `text`: every heading and table, in order, in one pass.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut reader = Reader {
        text,
        ..Reader::default()
    };
    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        reader.event(event, range);
    }
    reader.blocks
}

/// What `blocks` has read so far, and the heading, table, row, cell and links it is inside.
#[derive(Default)]
struct Reader<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    heading: Option<Heading>,
    table: Option<Table>,
    row: Option<RawRow>,
    /// Cells of the row seen so far, pulldown-cmark's padding included.
    cells_seen: usize,
    cell: Option<CellReading>,
    links: Vec<Link>,
    /// Where the last table ended, until the next event says what follows it.
    table_end: Option<usize>,
}

/// A cell being read, and the edits its markdown needs.
struct CellReading {
    cell: Cell,
    /// Byte ranges of the document, in order, and what replaces each in the cell's markdown.
    edits: Vec<(Range<usize>, String)>,
}

/// An open link or image.
struct Link {
    /// Where its text ends so far (at its `]` once the link closes).
    text_end: usize,
    kind: LinkType,
    destination: String,
    title: String,
}

impl<'a> Reader<'a> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        self.after_table(&event, &range);
        self.track_link_text(&event, &range);
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(piece) | Event::Code(piece) => self.push_text(&piece),
            // A line break reads as a space; GitHub shows `<br>` as one.
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            Event::InlineHtml(html) if is_line_break(&html) => self.push_text(" "),
            // Its note is elsewhere in the document: neither the text nor the docs show it.
            Event::FootnoteReference(_) => self.edit(range, String::new()),
            // Other inline HTML, such as a comment or a tag, shows nothing of its own.
            _ => {}
        }
    }

    /// A paragraph inside a table, or right at its end (no blank line between), holds lines
    /// the table refused as rows.
    fn after_table(&mut self, event: &Event<'_>, range: &Range<usize>) {
        let end = self.table_end.take();
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            return;
        }
        // pulldown-cmark 0.13 ends a table that reaches its padding limit by opening the
        // paragraph inside it, after an empty row.
        let table = match (self.table.as_mut(), self.blocks.last_mut()) {
            (Some(open), _) => Some(open),
            (None, Some(Block::Table(last))) if end == Some(range.start) => Some(last),
            _ => None,
        };
        if let Some(table) = table {
            table.cut.get_or_insert(range.clone());
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some(Heading {
                    span: range,
                    level: level as u8,
                    text: String::new(),
                });
            }
            Tag::Table(_) => {
                self.table = Some(Table {
                    span: range,
                    header: RawRow::default(),
                    rows: Vec::new(),
                    cut: None,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                let line = self.text[range.clone()].lines().next().unwrap_or("");
                self.cells_seen = 0;
                self.row = Some(RawRow {
                    written_cells: count_written_cells(line),
                    span: range,
                    cells: Vec::new(),
                });
            }
            Tag::TableCell => self.start_cell(range),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let opener = if self.text[range.clone()].starts_with('!') {
                    2
                } else {
                    1
                };
                self.links.push(Link {
                    text_end: range.start + opener,
                    kind: link_type,
                    destination: dest_url.into_string(),
                    title: title.into_string(),
                });
            }
            _ => {}
        }
    }

    /// Only the cells the line writes are kept: pulldown-cmark pads a short row to the
    /// header's width, and a wide header over many short rows would fill memory with them.
    fn start_cell(&mut self, range: Range<usize>) {
        let written = self.row.as_ref().map_or(0, |row| row.written_cells);
        if self.cells_seen < written {
            self.cell = Some(CellReading {
                cell: cell_at(range, self.text),
                edits: Vec::new(),
            });
        }
        self.cells_seen += 1;
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(mut heading) = self.heading.take() {
                    heading.text = collapse_spaces(&heading.text);
                    self.blocks.push(Block::Heading(heading));
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.blocks.push(Block::Table(table));
                    self.table_end = Some(range.end);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let Some(row) = self.row.take() else {
                    return;
                };
                if let Some(table) = self.table.as_mut() {
                    if tag == TagEnd::TableHead {
                        table.header = row;
                    } else if !row.span.is_empty() {
                        // An empty row is that limit's: no line of the document.
                        table.rows.push(row);
                    }
                }
            }
            TagEnd::TableCell => self.end_cell(),
            TagEnd::Link | TagEnd::Image => self.end_link(range),
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        if let (Some(row), Some(reading)) = (self.row.as_mut(), self.cell.take()) {
            let mut cell = reading.cell;
            cell.text = collapse_spaces(&cell.text);
            cell.markdown = edited(self.text, &cell.span, &reading.edits);
            row.cells.push(cell);
        }
    }

    /// A link to a definition elsewhere in the document would not resolve in rustdoc, where
    /// the cell's markdown goes alone: its `][label]` (or `]`, `][]`) becomes `](url "title")`.
    fn end_link(&mut self, range: Range<usize>) {
        let Some(link) = self.links.pop() else {
            return;
        };
        // A collapsed reference's range leaves out its `[]`.
        let end = range.end
            + if link.kind == LinkType::Collapsed {
                2
            } else {
                0
            };
        if let Some(outer) = self.links.last_mut() {
            outer.text_end = outer.text_end.max(end);
        }
        if matches!(
            link.kind,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        ) {
            self.edit(link.text_end..end, inline_tail(&link));
        }
    }

    /// Every event inside an open link, up to its closing one, is part of its text.
    fn track_link_text(&mut self, event: &Event<'_>, range: &Range<usize>) {
        let closes = matches!(event, Event::End(TagEnd::Link | TagEnd::Image));
        if let (false, Some(link)) = (closes, self.links.last_mut()) {
            link.text_end = link.text_end.max(range.end);
        }
    }

    /// Replaces `range` of the document in the markdown of the cell being read, if any.
    fn edit(&mut self, range: Range<usize>, with: String) {
        if let Some(reading) = self.cell.as_mut() {
            reading.edits.push((range, with));
        }
    }

    /// Plain text goes to the cell or heading being read.
    fn push_text(&mut self, piece: &str) {
        if let Some(reading) = self.cell.as_mut() {
            reading.cell.text.push_str(piece);
        } else if let Some(heading) = self.heading.as_mut() {
            heading.text.push_str(piece);
        }
    }
}

/// `<br>`, `<br/>`, `<BR />`, `<br class="x">`: HTML's line break.
fn is_line_break(html: &str) -> bool {
    let name = html.get(1..3).unwrap_or_default();
    let after = html
        .get(1 + name.len()..)
        .and_then(|rest| rest.chars().next());
    html.starts_with('<')
        && name.eq_ignore_ascii_case("br")
        && after.is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// `](destination "title")`, escaped so that it reads back as the same link, in a rustdoc
/// table (where `|` would end the cell) as well as in a paragraph.
fn inline_tail(link: &Link) -> String {
    let bare = !link.destination.is_empty()
        && !link
            .destination
            .contains(|c: char| c.is_whitespace() || c.is_control() || "()<>".contains(c));
    let mut tail = String::from("](");
    if bare {
        push_escaped(&mut tail, &link.destination, "\\|&");
    } else {
        tail.push('<');
        push_escaped(&mut tail, &link.destination, "\\|&<>");
        tail.push('>');
    }
    if !link.title.is_empty() {
        tail.push_str(" \"");
        // A title may span lines in its definition; a cell's markdown is one line.
        push_escaped(&mut tail, &link.title.replace(['\r', '\n'], " "), "\\|&\"");
        tail.push('"');
    }
    tail.push(')');
    tail
}

fn push_escaped(out: &mut String, text: &str, special: &str) {
    for c in text.chars() {
        if special.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The document's text in `span` with `edits` (in order, inside `span`) applied.
fn edited(text: &str, span: &Range<usize>, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(span.len());
    let mut at = span.start;
    for (range, with) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(with);
        at = range.end;
    }
    out.push_str(&text[at..span.end]);
    out
}

/// A cell between its pipes at `range`: its content's span without the padding; its text and
/// markdown are filled in as it is read.
fn cell_at(range: Range<usize>, text: &str) -> Cell {
    let raw = &text[range.clone()];
    // An empty cell's place is just inside its first pipe's padding.
    let padding = match raw.trim_start().len() {
        0 => raw.len().min(1),
        rest => raw.len() - rest,
    };
    let start = range.start + padding;
    let end = range.start + raw.trim_end().len();
    Cell {
        span: start..end.max(start),
        text: String::new(),
        markdown: String::new(),
    }
}

/// Runs of blanks as one space, none at the ends: how a reader sees a cell's or heading's text.
pub(crate) fn collapse_spaces(text: &str) -> String {
    // A loop, not `collect` + `join`: one generic instantiation fewer to compile.
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// Counts a table line's cells the way pulldown-cmark splits them: on `|` not right after a
/// `\` (even `\\|` escapes the pipe), the optional outer pipes not counting as separators.
/// pulldown-cmark drops a row's cells past the header's width without a word; this count lets
/// the model say so.
pub(crate) fn count_written_cells(line: &str) -> usize {
    let line = line.trim();
    let (mut pipes, mut last) = (0_usize, None);
    let mut after_backslash = false;
    for (at, c) in line.char_indices() {
        if c == '|' && !after_backslash {
            pipes += 1;
            last = Some(at);
        }
        after_backslash = c == '\\';
    }
    let leading = line.starts_with('|');
    let trailing = line.len() > 1 && last == Some(line.len() - 1);
    (pipes + 1).saturating_sub(usize::from(leading) + usize::from(trailing))
}

/// The number of columns when `line` is a delimiter row (`|---|:-:|`): only `-`, `:`, `|`
/// and spaces, a pipe and a `-` somewhere, and a `-` in every column a pipe ends.
pub(crate) fn delimiter_columns(line: &str) -> Option<usize> {
    let line = line.trim();
    let body = line.strip_prefix('|').unwrap_or(line);
    let mut pipe = body.len() != line.len();
    let (mut columns, mut hyphen, mut hyphen_in_column, mut open) = (0, false, false, false);
    for byte in body.bytes() {
        match byte {
            b' ' => {}
            b':' => open = true,
            b'-' => (hyphen, hyphen_in_column, open) = (true, true, true),
            b'|' if hyphen_in_column => {
                (columns, pipe) = (columns + 1, true);
                (hyphen_in_column, open) = (false, false);
            }
            _ => return None,
        }
    }
    columns += usize::from(open);
    (pipe && hyphen).then_some(columns)
}
