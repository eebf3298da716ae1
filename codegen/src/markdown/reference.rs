//! The reader this module replaced, kept to check the new one against: pulldown-cmark's
//! events folded into the same blocks. pulldown-cmark is a dev-dependency only, so users never
//! compile it; the tests below read real documents and some thousands of generated ones both
//! ways and require the same headings, tables, cells, spans and text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::inline::collapse_spaces;
use super::{Block, Cell, Heading, RawRow, cell_at};

pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(tag) => reader.start(&tag, range, text),
            Event::End(tag) => reader.end(tag),
            Event::Text(piece) | Event::Code(piece) => reader.text(&piece),
            // A line break inside a cell or heading reads as a space.
            Event::SoftBreak | Event::HardBreak => reader.text(" "),
            _ => {}
        }
    }
    reader.blocks
}

/// What `blocks` has read so far: the finished blocks, and the heading, table, row and cell
/// it is inside.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    heading: Option<(u8, String)>,
    table: Option<(Range<usize>, Option<RawRow>, Vec<RawRow>)>,
    row: Option<RawRow>,
    cell: Option<Cell>,
}

impl Reader {
    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>, text: &str) {
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((*level as u8, String::new())),
            Tag::Table(_) => self.table = Some((range, None, Vec::new())),
            Tag::TableHead | Tag::TableRow => {
                let line = text[range.clone()].lines().next().unwrap_or("");
                self.row = Some(RawRow {
                    written_cells: count_written_cells(line),
                    span: range,
                    cells: Vec::new(),
                });
            }
            Tag::TableCell => self.cell = Some(cell_at(range, text)),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, text)) = self.heading.take() {
                    let text = collapse_spaces(&text);
                    self.blocks.push(Block::Heading(Heading { level, text }));
                }
            }
            TagEnd::Table => {
                if let Some((span, Some(header), rows)) = self.table.take() {
                    self.blocks.push(Block::Table(span, header, rows));
                }
            }
            TagEnd::TableHead => {
                if let (Some(table), Some(row)) = (self.table.as_mut(), self.row.take()) {
                    table.1 = Some(row);
                }
            }
            TagEnd::TableRow => {
                if let (Some(table), Some(row)) = (self.table.as_mut(), self.row.take()) {
                    table.2.push(row);
                }
            }
            TagEnd::TableCell => {
                if let (Some(row), Some(mut cell)) = (self.row.as_mut(), self.cell.take()) {
                    cell.text = collapse_spaces(&cell.text);
                    row.cells.push(cell);
                }
            }
            _ => {}
        }
    }

    /// Plain text goes to the cell or heading being read.
    fn text(&mut self, piece: &str) {
        if let Some(cell) = self.cell.as_mut() {
            cell.text.push_str(piece);
        } else if let Some((_, heading)) = self.heading.as_mut() {
            heading.push_str(piece);
        }
    }
}

/// Counts a table line's cells the way pulldown-cmark splits them: on `|` not right after a
/// `\` (even `\\|` escapes the pipe), the optional outer pipes not counting as separators.
fn count_written_cells(line: &str) -> usize {
    let line = line.trim();
    let mut pipes = Vec::new();
    let mut after_backslash = false;
    for (at, c) in line.char_indices() {
        if c == '|' && !after_backslash {
            pipes.push(at);
        }
        after_backslash = c == '\\';
    }
    let leading = pipes.first() == Some(&0);
    let trailing = line.len() > 1 && pipes.last() == Some(&(line.len() - 1));
    (pipes.len() + 1).saturating_sub(usize::from(leading) + usize::from(trailing))
}

#[cfg(test)]
mod tests {
    use super::super::blocks as scanned;
    use super::*;
    use crate::source::Source;

    /// Fails on the first of `documents` the two readers disagree on, showing both readings;
    /// `origin` says where the documents came from.
    fn assert_read_alike<'a>(documents: impl IntoIterator<Item = &'a str>, origin: &str) {
        for text in documents {
            let source = Source::new("t.md", text);
            let (ours, theirs) = (scanned(&source), blocks(source.text()));
            assert!(
                ours == theirs,
                "{origin}: document:\n{text:?}\nours:\n{ours:#?}\npulldown-cmark:\n{theirs:#?}"
            );
        }
    }

    /// Every markdown file of the repository: the tables, the docs, the examples.
    #[test]
    fn the_repository_documents_read_alike() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut files = Vec::new();
        collect_markdown(std::path::Path::new(root), &mut files);
        assert!(
            files.len() > 40,
            "found only {} markdown files",
            files.len()
        );
        let texts: Vec<String> = files
            .iter()
            .map(|path| std::fs::read_to_string(path).unwrap_or_default())
            .collect();
        for (path, text) in files.iter().zip(&texts) {
            assert_read_alike([text.as_str()], &path.display().to_string());
        }
    }

    fn collect_markdown(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let skip = ["target", "node_modules", ".git"]
                .iter()
                .any(|n| name == *n);
            if path.is_dir() && !skip {
                collect_markdown(&path, files);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }

    /// Lines tables, headings and the blocks around them are made of, including the ones
    /// that hide a table (fences, HTML, indented code) or hold one (quotes, list items).
    const LINES: &[&str] = &[
        "",
        "",
        "",
        "# Close codes",
        "## Other codes ##",
        "#NoSpace",
        "Some text",
        "===",
        "---",
        "***",
        "- item",
        "1. first",
        "2) second",
        "* * *",
        "> quote",
        "> | Code | Name |",
        "> |---|---|",
        "> | 4000 | Quoted |",
        ">",
        "```",
        "~~~",
        "```rust",
        "    indented",
        "<!-- comment",
        "-->",
        "<div>",
        "</div>",
        "<details>",
        "[rooms]: https://x.y/rooms",
        "  - nested",
        "   > three",
        "| Code | Name |",
        "| Code | Name |",
        "|---|---|",
        "|---|---|",
        "|:--|--:|",
        "Code | Name",
        "---|---",
        "| Codes |",
        "|-|",
        "| a | b | c |",
        "|",
        "||",
        "| |",
        "| 1000 | Normal *Closure* |",
        "| `4000` | Room \\| closed |",
        "  | 4001 | Two spaces |",
        "    | 4002 | Four spaces |",
        "\t| 4003 | Tab |",
        "| 4004 | [rooms](http://x) and [rooms] |",
        "| 4005 | **Bold** _it_ |",
        "| 4006 | a<br>b &amp; c &#65; |",
        "| 4007 | snake_case_name |",
        "| 4008 |",
        "| 4009 | extra | cells | here |",
        "4010 | no outer pipes",
        "| `a|b` | x |",
        "| \\\\| y |",
        "| Name | Code | Usage |",
        "|------|------|-------|",
        "| x | 4011 |",
        "- | Code |",
        "   | 4012 | three |",
        "\t---",
        "\t# Tab heading",
        "[x]:",
        "[ ]: /blank",
        "[a[b]]: /nested",
        "[x]: /x",
        "| 4013 | [x] [ ] [a[b]] |",
        "a \\| b",
        "   - three",
        "    - four",
        "1- x",
        "1234567890. ten",
        "0. zero",
        "-x",
        "1.x",
        "+\tplus",
        "*",
        "10) ten",
        "   ```",
        "    ```",
        "``` a`b",
        "~~~~",
        "<pre>",
        "</pre>",
        "<script>",
        "<!x>",
        "<?p ?>",
        "<![CDATA[",
        "]]>",
        "<a href=\"x\">",
        "<table>",
        "  > | 4014 | indented quote |",
        "> - | 4015 |",
        "# Heading #",
        "###### Six",
        "####### Seven",
        "#\tTab",
        "## ",
    ];

    /// Pieces of inline markdown, for cells and headings: emphasis, code, links, HTML,
    /// entities and escapes, matched and unmatched.
    const PIECES: &[&str] = &[
        "Room",
        " ",
        " ",
        "closed",
        "*",
        "**",
        "_",
        "__",
        "***",
        "`",
        "``",
        "[",
        "]",
        "](x)",
        "](<a b> \"t\")",
        "![",
        "[rooms]",
        "][rooms]",
        "[]",
        "<b>",
        "</b>",
        "<http://a.b>",
        "<a@b.c>",
        "<!-- c -->",
        "&amp;",
        "&#65;",
        "&#x2014;",
        "&ndash;",
        "\\*",
        "\\_",
        "\\|",
        "é",
        "—",
        "~~",
        "snake_case",
        "(",
        ")",
        "!",
        "<",
        ">",
        "&",
        "4000",
        "-",
        ":",
        "\"",
        "'",
    ];

    /// A small deterministic generator (xorshift), so a failure is the same on every run.
    fn generator(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |below| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % 1_000_000).unwrap_or(0) % below
        }
    }

    fn documents(count: usize) -> Vec<String> {
        let mut next = generator(0x9e37_79b9_7f4a_7c15);
        (0..count)
            .map(|_| {
                let lines = 1 + next(9);
                let mut text = String::new();
                for _ in 0..lines {
                    text.push_str(LINES[next(LINES.len())]);
                    text.push('\n');
                }
                if next(5) == 0 {
                    text.pop();
                }
                text
            })
            .collect()
    }

    /// A table row and a heading around generated inline markdown.
    fn inline_documents(count: usize) -> Vec<String> {
        let mut next = generator(0x2545_f491_4f6c_dd1d);
        (0..count)
            .map(|_| {
                let pieces = 1 + next(8);
                let inline: String = (0..pieces).map(|_| PIECES[next(PIECES.len())]).collect();
                format!(
                    "[rooms]: /r\n\n# {inline}\n\n| Code | Name |\n|-|-|\n| 4000 | {inline} |\n"
                )
            })
            .collect()
    }

    #[test]
    fn generated_documents_read_alike() {
        let documents = documents(50_000);
        assert_read_alike(documents.iter().map(String::as_str), "generated");
    }

    #[test]
    fn generated_inline_markdown_reads_alike() {
        let documents = inline_documents(50_000);
        assert_read_alike(documents.iter().map(String::as_str), "generated");
    }
}
