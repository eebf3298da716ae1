//! Lines to blocks: the document's headings and tables, in order, each table row with its
//! cells' byte ranges. A line at a time, as CommonMark reads blocks: block quotes and list items
//! are containers a line must continue; fenced and indented code and HTML blocks hide what they
//! hold; a paragraph's lines may end up a setext heading, or the header of a table (GitHub's
//! rules, in pulldown-cmark's reading, which `reference.rs` checks this module against).

use std::ops::Range;

use super::inline::{html_tag, normalize_label};
use super::rows;

/// What the scan found, before any inline markdown is read.
#[derive(Default)]
pub(super) struct Scan {
    /// Headings and tables, in document order.
    pub found: Vec<Found>,
    /// The link labels the document defines (`[label]: url`), normalized.
    pub labels: Vec<String>,
}

pub(super) enum Found {
    /// A heading's level and its markdown (a setext heading's lines joined by `\n`).
    Heading(u8, String),
    /// A table: its span, header and body rows.
    Table(Range<usize>, Row, Vec<Row>),
}

/// A table line: its span (first non-blank character to the end of its line ending) and its
/// cells' ranges, absolute in the document.
pub(super) struct Row {
    pub span: Range<usize>,
    pub cells: Vec<Range<usize>>,
}

/// Reads `text` into headings and tables.
pub(super) fn scan(text: &str) -> Scan {
    let mut scanner = Scanner {
        containers: Vec::new(),
        leaf: Leaf::None,
        lazy_line: false,
        scan: Scan::default(),
    };
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |at| start + at + 1);
        let body = text[start..end]
            .trim_end_matches('\n')
            .trim_end_matches('\r');
        scanner.line(Cursor {
            line: Line { start, body, end },
            at: 0,
            col: 0,
        });
        start = end;
    }
    scanner.close_leaf();
    scanner.scan
}

#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    body: &'a str,
    end: usize,
}

/// A place in a line, with its column (tabs stop every four columns).
#[derive(Clone, Copy)]
struct Cursor<'a> {
    line: Line<'a>,
    at: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.line.body[self.at..]
    }

    fn offset(&self) -> usize {
        self.line.start + self.at
    }

    fn is_blank(&self) -> bool {
        self.rest().trim_start_matches([' ', '\t']).is_empty()
    }

    /// Columns of blanks ahead.
    fn indent(&self) -> usize {
        let mut probe = *self;
        probe.skip_indent(usize::MAX)
    }

    /// Skips blanks up to `max` columns (a tab that would pass `max` stays); returns how many.
    fn skip_indent(&mut self, max: usize) -> usize {
        let mut skipped = 0;
        while let Some(byte @ (b' ' | b'\t')) = self.rest().bytes().next() {
            let width = if byte == b'\t' { 4 - self.col % 4 } else { 1 };
            if skipped + width > max {
                // A tab that straddles `max` is used up in part: `at` stays on it, and its
                // other columns still count (a tab ends at the next multiple of four).
                if byte == b'\t' && skipped < max {
                    self.col += max - skipped;
                    return max;
                }
                break;
            }
            (self.at, self.col, skipped) = (self.at + 1, self.col + width, skipped + width);
        }
        skipped
    }

    fn advance(&mut self, bytes: usize) {
        self.at += bytes;
        self.col += bytes;
    }
}

#[derive(Clone, Copy)]
enum Container {
    Quote,
    /// A list item; its lines are indented at least this many columns past the marker's line.
    /// While it holds nothing yet (its marker stood alone), a blank line ends it.
    Item(usize, bool),
}

/// The block a line may continue.
enum Leaf<'a> {
    None,
    Paragraph(Vec<Cursor<'a>>),
    Table(Row, Vec<Row>, usize),
    Fence(u8, usize),
    IndentedCode,
    Html(HtmlEnd),
}

#[derive(Clone, Copy)]
enum HtmlEnd {
    /// Ends with the line that holds this text (ASCII, compared without case).
    Marker(&'static str),
    /// Ends before a blank line.
    BlankLine,
}

struct Scanner<'a> {
    containers: Vec<Container>,
    leaf: Leaf<'a>,
    /// Whether the paragraph's last line was a lazy one (a header must not be).
    lazy_line: bool,
    scan: Scan,
}

impl<'a> Scanner<'a> {
    fn line(&mut self, mut cur: Cursor<'a>) {
        let matched = self.match_containers(&mut cur);
        let all = matched == self.containers.len();
        let after_lazy = std::mem::take(&mut self.lazy_line);
        if all && (self.continue_raw(cur) || (!after_lazy && self.table_head(cur))) {
            return;
        }
        let opens = self.opens_container(cur, all);
        if !all {
            if !opens && self.lazy(cur) {
                return;
            }
            self.close_leaf();
            self.containers.truncate(matched);
        }
        if opens {
            cur = self.open_containers(cur);
        }
        self.leaf_line(cur);
    }

    /// How many open containers the line continues; `cur` moves past their markers.
    fn match_containers(&mut self, cur: &mut Cursor<'a>) -> usize {
        let count = self.containers.len();
        for (matched, container) in self.containers.iter_mut().enumerate() {
            let next = match *container {
                Container::Quote => quote_marker(*cur),
                Container::Item(_, empty) if cur.is_blank() => (!empty).then_some(*cur),
                Container::Item(width, _) if cur.indent() >= width => {
                    *container = Container::Item(width, false);
                    let mut next = *cur;
                    next.skip_indent(width);
                    Some(next)
                }
                Container::Item(..) => None,
            };
            match next {
                Some(next) => *cur = next,
                None => return matched,
            }
        }
        count
    }

    /// Fenced code and HTML blocks take their lines whole, until their end.
    fn continue_raw(&mut self, cur: Cursor<'a>) -> bool {
        let ended = match self.leaf {
            Leaf::Fence(byte, length) => closes_fence(cur, byte, length),
            Leaf::Html(HtmlEnd::Marker(marker)) => contains_ignoring_case(cur.rest(), marker),
            Leaf::Html(HtmlEnd::BlankLine) if cur.is_blank() => true,
            Leaf::Html(HtmlEnd::BlankLine) => false,
            _ => return false,
        };
        if ended {
            self.leaf = Leaf::None;
        }
        true
    }

    /// A delimiter row under a paragraph's line with as many cells makes that line a header.
    fn table_head(&mut self, cur: Cursor<'a>) -> bool {
        let Leaf::Paragraph(lines) = &self.leaf else {
            return false;
        };
        let mut delimiter = cur;
        if delimiter.indent() > 3 {
            return false;
        }
        delimiter.skip_indent(3);
        let Some(columns) = rows::delimiter_columns(delimiter.rest()) else {
            return false;
        };
        let last = *lines.last().expect("a paragraph has a line");
        let header = unindented(last);
        let text = header.rest();
        // The paragraph's first line (after link definitions), if it has a pipe, or a later one
        // starting with one.
        let (definitions, _) = leading_definitions(lines);
        let may_head = if lines.len() == definitions + 1 {
            rows::has_separator(text)
        } else {
            last.indent() < 4 && text.starts_with('|')
        };
        let cells = rows::cells(text);
        if !may_head || cells.len() != columns {
            return false;
        }
        if let Leaf::Paragraph(mut lines) = std::mem::replace(&mut self.leaf, Leaf::None) {
            lines.pop();
            self.close_paragraph(&lines);
        }
        let header = Row {
            span: header.offset()..header.line.end,
            cells: absolute(cells, header.offset()),
        };
        self.leaf = Leaf::Table(header, Vec::new(), cur.line.end);
        true
    }

    /// Whether the line starts a block quote or a list item (which ends the leaf).
    fn opens_container(&self, cur: Cursor<'a>, all: bool) -> bool {
        // Inside a paragraph a list item must say something, and a numbered one start at 1.
        let strict = all && matches!(self.leaf, Leaf::Paragraph(_));
        quote_marker(cur).is_some() || item_marker(cur, strict).is_some()
    }

    /// A paragraph goes on over a line that does not continue its containers, unless that
    /// line starts a block of its own.
    fn lazy(&mut self, cur: Cursor<'a>) -> bool {
        let Leaf::Paragraph(lines) = &mut self.leaf else {
            return false;
        };
        // Indented four columns or more, the line can start nothing.
        let mut content = cur;
        let starts_block = content.indent() < 4 && {
            content.skip_indent(3);
            interrupts(content.rest())
        };
        if cur.is_blank() || starts_block {
            return false;
        }
        lines.push(cur);
        self.lazy_line = true;
        true
    }

    fn open_containers(&mut self, mut cur: Cursor<'a>) -> Cursor<'a> {
        self.close_leaf();
        loop {
            if let Some(next) = quote_marker(cur) {
                self.containers.push(Container::Quote);
                cur = next;
            } else if let Some((next, width)) = item_marker(cur, false) {
                self.containers
                    .push(Container::Item(width, next.is_blank()));
                cur = next;
            } else {
                return cur;
            }
        }
    }

    /// The line inside its containers: a row, a heading, a fence, a paragraph's line, ….
    fn leaf_line(&mut self, mut cur: Cursor<'a>) {
        if cur.is_blank() {
            return self.close_leaf();
        }
        if matches!(self.leaf, Leaf::Table(..)) && self.table_row(cur) {
            return;
        }
        if cur.indent() >= 4 {
            return match &mut self.leaf {
                Leaf::Paragraph(lines) => lines.push(cur),
                _ => self.replace_leaf(Leaf::IndentedCode),
            };
        }
        cur.skip_indent(3);
        let rest = cur.rest();
        if let Some(fence) = fence_start(rest) {
            self.replace_leaf(fence);
        } else if let Some((level, text)) = atx_heading(rest) {
            self.close_leaf();
            self.scan.found.push(Found::Heading(level, text.to_owned()));
        } else if let Some(level) = self.setext_level(rest) {
            self.setext_heading(level);
        } else if is_thematic_break(rest) {
            self.close_leaf();
        } else if let Some(end) = html_start(rest, matches!(self.leaf, Leaf::Paragraph(_))) {
            let ends_here =
                matches!(end, HtmlEnd::Marker(m) if contains_ignoring_case(&rest[1..], m));
            self.replace_leaf(if ends_here {
                Leaf::None
            } else {
                Leaf::Html(end)
            });
        } else if let Leaf::Paragraph(lines) = &mut self.leaf {
            lines.push(cur);
        } else {
            self.replace_leaf(Leaf::Paragraph(vec![cur]));
        }
    }

    /// A table takes every line as a row until a blank line or another block starts; a line
    /// of only pipes ends it too.
    fn table_row(&mut self, mut cur: Cursor<'a>) -> bool {
        cur.skip_indent(usize::MAX);
        let cells = rows::cells(cur.rest());
        // However indented, a quote or a list item ends the table (pulldown-cmark's reading).
        let opens = quote_marker(cur).is_some() || item_marker(cur, false).is_some();
        if interrupts(cur.rest()) || cells.is_empty() || opens {
            self.close_leaf();
            return false;
        }
        if let Leaf::Table(_, body, end) = &mut self.leaf {
            body.push(Row {
                span: cur.offset()..cur.line.end,
                cells: absolute(cells, cur.offset()),
            });
            *end = cur.line.end;
        }
        true
    }

    fn setext_level(&self, rest: &str) -> Option<u8> {
        let underline = rest.trim_end_matches([' ', '\t']);
        let level = match underline.as_bytes().first() {
            Some(b'=') => 1,
            Some(b'-') => 2,
            _ => return None,
        };
        let same = underline.bytes().all(|b| b == underline.as_bytes()[0]);
        let Leaf::Paragraph(lines) = &self.leaf else {
            return None;
        };
        // Link definitions alone are no heading's text.
        let text = leading_definitions(lines).0 < lines.len();
        (same && text).then_some(level)
    }

    /// The paragraph becomes a heading, but for the link definitions it starts with.
    fn setext_heading(&mut self, level: u8) {
        if let Leaf::Paragraph(lines) = std::mem::replace(&mut self.leaf, Leaf::None) {
            let (count, labels) = leading_definitions(&lines);
            self.scan.labels.extend(labels);
            let text: Vec<&str> = lines[count..]
                .iter()
                .map(|line| line.rest().trim())
                .collect();
            self.scan.found.push(Found::Heading(level, text.join("\n")));
        }
    }

    fn replace_leaf(&mut self, leaf: Leaf<'a>) {
        self.close_leaf();
        self.leaf = leaf;
    }

    fn close_leaf(&mut self) {
        match std::mem::replace(&mut self.leaf, Leaf::None) {
            Leaf::Paragraph(lines) => self.close_paragraph(&lines),
            Leaf::Table(header, body, end) => {
                let span = header.span.start..end;
                self.scan.found.push(Found::Table(span, header, body));
            }
            _ => {}
        }
    }

    /// A paragraph's leading `[label]: destination` lines define link labels.
    fn close_paragraph(&mut self, lines: &[Cursor<'a>]) {
        let (_, labels) = leading_definitions(lines);
        self.scan.labels.extend(labels);
    }
}

/// The link definitions a paragraph starts with: how many lines they take, and their labels
/// (normalized). A definition's destination may be on the line after its label.
fn leading_definitions(lines: &[Cursor<'_>]) -> (usize, Vec<String>) {
    let (mut at, mut labels) = (0, Vec::new());
    while let Some(line) = lines.get(at) {
        let Some((label, rest)) = definition_label(line.rest()) else {
            break;
        };
        let taken = if !rest.trim().is_empty() {
            if !is_destination(rest) {
                break;
            }
            1
        } else if lines
            .get(at + 1)
            .is_some_and(|next| is_destination(next.rest()))
        {
            2
        } else {
            break;
        };
        labels.push(label);
        at += taken;
    }
    (at, labels)
}

/// A link destination, and at most a title after it (`/url "title"`), filling the line.
fn is_destination(text: &str) -> bool {
    let text = text.trim();
    let after = if let Some(pointed) = text.strip_prefix('<') {
        match pointed.split_once('>') {
            Some((_, after)) => after,
            None => return false,
        }
    } else {
        text.find(char::is_whitespace)
            .map_or("", |end| &text[end..])
    };
    let title = after.trim();
    let closing = match title.chars().next() {
        None => return !text.is_empty(),
        Some('"') => '"',
        Some('\'') => '\'',
        Some('(') => ')',
        Some(_) => return false,
    };
    title.len() >= 2 && title.ends_with(closing) && after.starts_with(char::is_whitespace)
}

/// `[label]:` at a line's start: the label, normalized, and the rest of the line.
fn definition_label(line: &str) -> Option<(String, &str)> {
    let (label, rest) = line.trim_start().strip_prefix('[')?.split_once("]:")?;
    let valid = !label.contains(['[', ']']) && !label.trim().is_empty();
    valid.then(|| (normalize_label(label), rest))
}

/// A paragraph line without its indent.
fn unindented(mut line: Cursor<'_>) -> Cursor<'_> {
    line.skip_indent(usize::MAX);
    line
}

fn absolute(cells: Vec<Range<usize>>, offset: usize) -> Vec<Range<usize>> {
    cells
        .into_iter()
        .map(|cell| cell.start + offset..cell.end + offset)
        .collect()
}

/// `>` (after at most three columns) and the one blank after it.
fn quote_marker(mut cur: Cursor<'_>) -> Option<Cursor<'_>> {
    if cur.indent() > 3 {
        return None;
    }
    cur.skip_indent(3);
    cur.rest().starts_with('>').then_some(())?;
    cur.advance(1);
    cur.skip_indent(1);
    Some(cur)
}

/// A list item's marker (`-`, `+`, `*`, or `1.`/`1)` up to nine digits) and the blanks after
/// it; also the item's width, the indent its later lines need.
fn item_marker(mut cur: Cursor<'_>, strict: bool) -> Option<(Cursor<'_>, usize)> {
    let base = cur.col;
    if cur.indent() > 3 {
        return None;
    }
    cur.skip_indent(3);
    let rest = cur.rest();
    if is_thematic_break(rest) {
        return None;
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match rest.as_bytes().get(digits) {
        Some(b'-' | b'+' | b'*') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let after = &rest[marker..];
    let empty = after.trim_start_matches([' ', '\t']).is_empty();
    if !(after.is_empty() || after.starts_with([' ', '\t']))
        || (strict && (empty || (digits > 0 && rest[..digits].parse() != Ok(1_u32))))
    {
        return None;
    }
    cur.advance(marker);
    let blanks = cur.indent();
    let width = if empty || blanks >= 5 {
        cur.skip_indent(1);
        cur.col - base + usize::from(empty && blanks == 0)
    } else {
        cur.skip_indent(blanks);
        cur.col - base
    };
    Some((cur, width))
}

/// Blocks that end a paragraph (or a table) without a blank line: headings, fences, breaks,
/// and HTML blocks of the kinds that may interrupt one.
fn interrupts(rest: &str) -> bool {
    atx_heading(rest).is_some()
        || fence_start(rest).is_some()
        || is_thematic_break(rest)
        || html_start(rest, true).is_some()
}

fn fence_start(rest: &str) -> Option<Leaf<'static>> {
    let byte = *rest.as_bytes().first()?;
    let length = rest.bytes().take_while(|&b| b == byte).count();
    let backticks_in_info = byte == b'`' && rest[length..].contains('`');
    (matches!(byte, b'`' | b'~') && length >= 3 && !backticks_in_info)
        .then_some(Leaf::Fence(byte, length))
}

fn closes_fence(mut cur: Cursor<'_>, byte: u8, length: usize) -> bool {
    if cur.indent() > 3 {
        return false;
    }
    cur.skip_indent(3);
    let rest = cur.rest();
    let run = rest.bytes().take_while(|&b| b == byte).count();
    run >= length && rest[run..].trim_matches([' ', '\t']).is_empty()
}

/// `# Title #`: the level and the title without its closing `#`s.
fn atx_heading(rest: &str) -> Option<(u8, &str)> {
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    let after = &rest[level..];
    if !(1..=6).contains(&level) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let content = after.trim_matches([' ', '\t']);
    let without_closing = content.trim_end_matches('#');
    let text = if without_closing.is_empty() {
        ""
    } else if without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end_matches([' ', '\t'])
    } else {
        content
    };
    Some((u8::try_from(level).ok()?, text))
}

/// `***`, `---` or `___` (three or more, blanks between allowed).
fn is_thematic_break(rest: &str) -> bool {
    let Some(&first @ (b'*' | b'-' | b'_')) = rest.as_bytes().first() else {
        return false;
    };
    let mut count = 0;
    for byte in rest.bytes() {
        match byte {
            b' ' | b'\t' => {}
            _ if byte == first => count += 1,
            _ => return false,
        }
    }
    count >= 3
}

/// The HTML block a line starts, by CommonMark's seven kinds; the seventh (any lone tag) may
/// not interrupt a paragraph.
fn html_start(rest: &str, in_paragraph: bool) -> Option<HtmlEnd> {
    if !rest.starts_with('<') {
        return None;
    }
    for (tag, end) in [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        let after = rest.get(tag.len()..).and_then(|after| after.bytes().next());
        if starts_ignoring_case(rest, tag) && matches!(after, None | Some(b' ' | b'\t' | b'>')) {
            return Some(HtmlEnd::Marker(end));
        }
    }
    for (start, end) in [("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>")] {
        if rest.starts_with(start) {
            return Some(HtmlEnd::Marker(end));
        }
    }
    if rest.starts_with("<!") && rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic) {
        return Some(HtmlEnd::Marker(">"));
    }
    if is_block_tag(rest) {
        return Some(HtmlEnd::BlankLine);
    }
    let lone_tag = html_tag(rest).is_some_and(|length| rest[length..].trim().is_empty());
    let tag_kind = !rest.starts_with("<!") && !rest.starts_with("<?");
    (!in_paragraph && lone_tag && tag_kind).then_some(HtmlEnd::BlankLine)
}

/// `<div`, `</table>`, …: a tag of the HTML elements that start a block.
fn is_block_tag(rest: &str) -> bool {
    let name_start = if rest.starts_with("</") { 2 } else { 1 };
    let name: String = rest[name_start..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let after = &rest[name_start + name.len()..];
    let ends = after.is_empty() || after.starts_with([' ', '\t', '>']) || after.starts_with("/>");
    ends && BLOCK_TAGS.contains(&name.as_str())
}

fn starts_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    (0..text.len()).any(|at| text.is_char_boundary(at) && starts_ignoring_case(&text[at..], needle))
}

const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];
