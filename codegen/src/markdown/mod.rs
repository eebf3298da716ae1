//! Stage 2: markdown to raw rows. pulldown-cmark reads the document; `read` folds its offset
//! events into the headings and tables in document order, each cell with its plain text as
//! GitHub shows it, its markdown and its byte span. Which table is the close-code table is the
//! next stage's question (`select`).

mod read;

use std::ops::Range;

pub(crate) use self::read::{
    Block, Heading, Table, blocks, collapse_spaces, count_written_cells, delimiter_columns,
};

/// One table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Byte range of the cell's content, without the padding around it.
    pub span: Range<usize>,
    /// The text GitHub shows, blanks collapsed: markup unwrapped, entities and escapes
    /// decoded, `<br>` a space, other inline HTML dropped.
    pub text: String,
    /// The cell's markdown as written, for docs; a link to a definition elsewhere in the
    /// document is inlined, so that it works in rustdoc too.
    pub markdown: String,
}

/// One row (or the header) with its cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawRow {
    /// Byte range of the row's line.
    pub span: Range<usize>,
    /// The cells the line writes, cut to the header's width. A short row's missing cells are
    /// not stored: they read as empty (`cells.get(i)` is `None`).
    pub cells: Vec<Cell>,
    /// How many cells the source line really has (pulldown-cmark cuts extra ones silently).
    pub written_cells: usize,
}
