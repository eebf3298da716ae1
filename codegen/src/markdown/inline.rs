//! A cell's or a heading's markdown to the text a reader sees: code spans, emphasis, links,
//! autolinks and entities unwrapped, inline HTML dropped, backslash escapes resolved. The rules
//! are CommonMark's (emphasis by delimiter runs, links by brackets), reduced to what plain text
//! needs: which characters are markup and which are text.

/// The text `markdown` shows; `labels` are the link labels the document defines, normalized.
pub(super) fn plain_text(markdown: &str, labels: &[String]) -> String {
    let mut inline = Inline {
        src: markdown,
        at: 0,
        pieces: Vec::new(),
        brackets: Vec::new(),
        labels,
    };
    while inline.at < markdown.len() {
        inline.step();
    }
    process_emphasis(&mut inline.pieces, 0);
    let mut text = String::with_capacity(markdown.len());
    for piece in &inline.pieces {
        match piece {
            Piece::Text(part) => text.push_str(part),
            Piece::Run(run) => (0..run.left).for_each(|_| text.push(char::from(run.byte))),
        }
    }
    text
}

/// A link label as definitions and references compare it: case-folded, blanks collapsed.
pub(super) fn normalize_label(label: &str) -> String {
    collapse_spaces(&label.to_lowercase())
}

/// Runs of blanks as one space, none at the ends: how a reader sees a cell's or heading's text.
pub(super) fn collapse_spaces(text: &str) -> String {
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

enum Piece {
    Text(String),
    Run(Run),
}

/// A run of `*` or `_` that may open or close emphasis; `left` counts its unused characters.
#[derive(Clone, Copy)]
struct Run {
    byte: u8,
    left: usize,
    total: usize,
    open: bool,
    close: bool,
    active: bool,
}

/// An unclosed `[` or `![`: which piece holds it and where its label starts.
struct Bracket {
    piece: usize,
    label_start: usize,
    image: bool,
    active: bool,
}

struct Inline<'a> {
    src: &'a str,
    at: usize,
    pieces: Vec<Piece>,
    brackets: Vec<Bracket>,
    labels: &'a [String],
}

impl Inline<'_> {
    fn step(&mut self) {
        let bytes = self.src.as_bytes();
        match bytes[self.at] {
            b'\\' => self.escape(),
            b'`' => self.code_span(),
            b'*' | b'_' => self.delimiter_run(),
            b'[' => self.open_bracket(1, false),
            b'!' if bytes.get(self.at + 1) == Some(&b'[') => self.open_bracket(2, true),
            b']' => self.close_bracket(),
            b'<' => self.angle(),
            b'&' => self.entity(),
            _ => {
                let next = self.at + self.src[self.at..].chars().next().map_or(1, char::len_utf8);
                let end = self.src[next..]
                    .find(['\\', '`', '*', '_', '[', '!', ']', '<', '&'])
                    .map_or(self.src.len(), |rest| next + rest);
                self.text(self.at..end, end);
            }
        }
    }

    fn push(&mut self, text: impl Into<String>, next: usize) {
        self.pieces.push(Piece::Text(text.into()));
        self.at = next;
    }

    fn text(&mut self, range: std::ops::Range<usize>, next: usize) {
        self.push(&self.src[range], next);
    }

    fn escape(&mut self) {
        match self.src[self.at + 1..].chars().next() {
            Some(c) if c.is_ascii_punctuation() => self.push(c, self.at + 2),
            // A backslash at a line's end is a hard break: a space in plain text.
            Some('\n') => self.push(" ", self.at + 2),
            _ => self.push("\\", self.at + 1),
        }
    }

    /// A code span closes at the next backtick run of the same length; without one the
    /// backticks are text.
    fn code_span(&mut self) {
        let bytes = self.src.as_bytes();
        let ticks = run_length(bytes, self.at);
        let open_end = self.at + ticks;
        let mut at = open_end;
        while at < bytes.len() {
            if bytes[at] != b'`' {
                at += 1;
                continue;
            }
            let length = run_length(bytes, at);
            if length == ticks {
                let content = self.src[open_end..at].replace('\n', " ");
                let stripped = match content.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                    Some(inner) if content.bytes().any(|b| b != b' ') => inner.to_owned(),
                    _ => content,
                };
                return self.push(stripped, at + ticks);
            }
            at += length;
        }
        self.text(self.at..open_end, open_end);
    }

    fn delimiter_run(&mut self) {
        let bytes = self.src.as_bytes();
        let byte = bytes[self.at];
        let length = run_length(bytes, self.at);
        let before = self.src[..self.at].chars().next_back();
        let after = self.src[self.at + length..].chars().next();
        let (left, right) = flanking(before, after);
        let (open, close) = if byte == b'*' {
            (left, right)
        } else {
            (
                left && (!right || is_punctuation(before)),
                right && (!left || is_punctuation(after)),
            )
        };
        if !(open || close) {
            return self.text(self.at..self.at + length, self.at + length);
        }
        self.pieces.push(Piece::Run(Run {
            byte,
            left: length,
            total: length,
            open,
            close,
            active: true,
        }));
        self.at += length;
    }

    fn open_bracket(&mut self, width: usize, image: bool) {
        self.brackets.push(Bracket {
            piece: self.pieces.len(),
            label_start: self.at + width,
            image,
            active: true,
        });
        self.text(self.at..self.at + width, self.at + width);
    }

    /// `]` closes the last `[` as a link when a destination or a defined label follows; the
    /// link's text stays, its brackets and destination go.
    fn close_bracket(&mut self) {
        let Some(bracket) = self.brackets.pop() else {
            return self.text(self.at..self.at + 1, self.at + 1);
        };
        let end = if bracket.active {
            self.link_end(&self.src[bracket.label_start..self.at], self.at + 1)
        } else {
            None
        };
        let Some(end) = end else {
            return self.text(self.at..self.at + 1, self.at + 1);
        };
        process_emphasis(&mut self.pieces, bracket.piece + 1);
        for piece in &mut self.pieces[bracket.piece + 1..] {
            if let Piece::Run(run) = piece {
                run.active = false;
            }
        }
        self.pieces[bracket.piece] = Piece::Text(String::new());
        if !bracket.image {
            // A link cannot hold another link: the `[`s before it no longer open one.
            for earlier in self.brackets.iter_mut().filter(|b| !b.image) {
                earlier.active = false;
            }
        }
        self.at = end;
    }

    /// Where the link ends when `]` (just before `after`) closes a link with `label` as text.
    fn link_end(&self, label: &str, after: usize) -> Option<usize> {
        let rest = &self.src[after..];
        if rest.starts_with('(') {
            if let Some(length) = destination(rest) {
                return Some(after + length);
            }
        }
        // `[text][label]` or `[text][]`; a `[` without a label after it leaves `[text]` alone.
        let reference = rest.strip_prefix('[').and_then(|inner| {
            let close = inner.find(']')?;
            let label = &inner[..close];
            // A label has something besides blanks; `[]` is the collapsed form.
            (!label.contains('[') && (label.is_empty() || !label.trim().is_empty()))
                .then_some(label)
        });
        match reference {
            Some("") => self.defined(label).then_some(after + 2),
            Some(reference) => self
                .defined(reference)
                .then_some(after + reference.len() + 2),
            None => self.defined(label).then_some(after),
        }
    }

    fn defined(&self, label: &str) -> bool {
        let label = normalize_label(label);
        !label.is_empty() && self.labels.contains(&label)
    }

    /// `<`: an autolink keeps its address, an HTML tag is dropped, anything else is text.
    fn angle(&mut self) {
        let rest = &self.src[self.at..];
        if let Some(length) = autolink(rest) {
            return self.text(self.at + 1..self.at + length - 1, self.at + length);
        }
        match html_tag(rest) {
            Some(length) => self.at += length,
            None => self.text(self.at..self.at + 1, self.at + 1),
        }
    }

    fn entity(&mut self) {
        let rest = &self.src[self.at..];
        match entity(rest) {
            Some((decoded, length)) => self.push(decoded, self.at + length),
            None => self.text(self.at..self.at + 1, self.at + 1),
        }
    }
}

fn run_length(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().take_while(|&&b| b == bytes[at]).count()
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// ASCII punctuation, and any other character that is neither a letter, a digit nor a blank
/// (CommonMark's Unicode punctuation and symbols, near enough for plain text).
fn is_punctuation(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_punctuation() || !(c.is_ascii() || c.is_alphanumeric() || c.is_whitespace())
    })
}

/// Whether a delimiter run between `before` and `after` is left- and right-flanking.
fn flanking(before: Option<char>, after: Option<char>) -> (bool, bool) {
    let left =
        !is_space(after) && (!is_punctuation(after) || is_space(before) || is_punctuation(before));
    let right =
        !is_space(before) && (!is_punctuation(before) || is_space(after) || is_punctuation(after));
    (left, right)
}

/// Matches closers with openers from `from` on (CommonMark's "process emphasis"): each match
/// uses up two characters of both runs when it can, else one; runs between them stop counting.
fn process_emphasis(pieces: &mut [Piece], from: usize) {
    let mut closer = from;
    while closer < pieces.len() {
        let Piece::Run(run) = pieces[closer] else {
            closer += 1;
            continue;
        };
        if !(run.active && run.close && run.left > 0) {
            closer += 1;
            continue;
        }
        let Some(opener) = find_opener(pieces, from, closer, run) else {
            if !run.open {
                set_inactive(&mut pieces[closer]);
            }
            closer += 1;
            continue;
        };
        let Piece::Run(open) = pieces[opener] else {
            unreachable!("find_opener returns runs")
        };
        let used = if open.left >= 2 && run.left >= 2 {
            2
        } else {
            1
        };
        take(&mut pieces[opener], used);
        take(&mut pieces[closer], used);
        pieces[opener + 1..closer].iter_mut().for_each(set_inactive);
    }
}

fn find_opener(pieces: &[Piece], from: usize, closer: usize, run: Run) -> Option<usize> {
    (from..closer).rev().find(|&at| match pieces[at] {
        Piece::Run(open) => {
            let multiple_of_three = (open.close || run.open)
                && (open.total + run.total) % 3 == 0
                && !(open.total % 3 == 0 && run.total % 3 == 0);
            open.active && open.open && open.byte == run.byte && open.left > 0 && !multiple_of_three
        }
        Piece::Text(_) => false,
    })
}

fn take(piece: &mut Piece, used: usize) {
    if let Piece::Run(run) = piece {
        run.left -= used;
        run.active &= run.left > 0;
    }
}

fn set_inactive(piece: &mut Piece) {
    if let Piece::Run(run) = piece {
        run.active = false;
    }
}

/// The length of `(destination "title")` at the start of `rest`.
fn destination(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut at = skip_blanks(bytes, 1);
    if bytes.get(at) == Some(&b'<') {
        let close = rest[at + 1..].find(['>', '<', '\n'])? + 1;
        (bytes[at + close] == b'>').then_some(())?;
        at += close + 1;
    } else {
        at = bare_destination(bytes, at)?;
    }
    let before_title = at;
    at = skip_blanks(bytes, at);
    if at > before_title {
        if let Some(&quote @ (b'"' | b'\'' | b'(')) = bytes.get(at) {
            let closing = if quote == b'(' { b')' } else { quote };
            let length = bytes[at + 1..].iter().position(|&b| b == closing)?;
            at = skip_blanks(bytes, at + length + 2);
        }
    }
    (bytes.get(at) == Some(&b')')).then_some(at + 1)
}

/// A destination without `<>`: no blanks, parentheses balanced.
fn bare_destination(bytes: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0_usize;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(at),
            b')' => depth -= 1,
            _ if byte.is_ascii_whitespace() || byte.is_ascii_control() => {
                return (depth == 0).then_some(at);
            }
            _ => {}
        }
        at += 1;
    }
    None
}

fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The length of a URI autolink (`<https://…>`) or an email autolink at the start of `rest`.
fn autolink(rest: &str) -> Option<usize> {
    let close = rest.find('>')?;
    let inner = &rest[1..close];
    if inner.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<') {
        return None;
    }
    let uri = inner.split_once(':').is_some_and(|(scheme, _)| {
        (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
    });
    let email = inner.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b))
            && !domain.is_empty()
            && domain.split('.').all(|part| {
                !part.is_empty()
                    && !part.starts_with('-')
                    && !part.ends_with('-')
                    && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
    });
    (uri || email).then_some(close + 1)
}

/// The length of an inline HTML tag, comment, processing instruction or declaration at the
/// start of `rest` (which starts with `<`).
pub(super) fn html_tag(rest: &str) -> Option<usize> {
    for (open, close) in [("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>")] {
        if let Some(inner) = rest.strip_prefix(open) {
            return inner.find(close).map(|at| open.len() + at + close.len());
        }
    }
    let bytes = rest.as_bytes();
    if rest.starts_with("<!") && bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return rest.find('>').map(|at| at + 1);
    }
    let name_start = if rest.starts_with("</") { 2 } else { 1 };
    let name = bytes.get(name_start..)?;
    if !name.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_length = name
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    tag_end(bytes, name_start + name_length, name_start == 2)
}

/// Past a tag's name: attributes (quoted values may hold `>`), then `>` or `/>`.
fn tag_end(bytes: &[u8], mut at: usize, closing: bool) -> Option<usize> {
    if !matches!(bytes.get(at), Some(b'>' | b'/' | b' ' | b'\t' | b'\n')) {
        return None;
    }
    let mut quote = None;
    while let Some(&byte) = bytes.get(at) {
        match (quote, byte) {
            (Some(q), _) if byte == q => quote = None,
            (None, b'"' | b'\'') if !closing => quote = Some(byte),
            (None, b'>') => return Some(at + 1),
            (None, b'<') => return None,
            _ => {}
        }
        at += 1;
    }
    None
}

/// A character reference at the start of `rest` (which starts with `&`): its text and length.
/// Numeric references and the named ones tables use; other names stay as written.
fn entity(rest: &str) -> Option<(char, usize)> {
    let end = rest.find(';')?;
    let name = &rest[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        let valid = !digits.is_empty()
            && digits.len() <= if radix == 16 { 6 } else { 7 }
            && digits.chars().all(|c| c.is_digit(radix));
        if !valid {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}')
    } else {
        NAMED.iter().find(|(n, _)| *n == name)?.1
    };
    Some((decoded, end + 1))
}

const NAMED: [(&str, char); 24] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("minus", '−'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("rarr", '→'),
    ("larr", '←'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(markdown: &str) -> String {
        plain_text(markdown, &["rooms".to_owned()])
    }

    #[test]
    fn markup_goes_and_text_stays() {
        assert_eq!(plain("*Bad* gateway"), "Bad gateway");
        assert_eq!(plain("**Kicked** out"), "Kicked out");
        assert_eq!(plain("`1000` - `1015`"), "1000 - 1015");
        assert_eq!(plain("see [rooms](https://x.y/a_(b) \"t\")"), "see rooms");
        assert_eq!(
            plain("![logo](x.png) [rooms] [x][Rooms] [rooms][]"),
            "logo rooms x rooms"
        );
        assert_eq!(
            plain("<https://x.y> <a@b.c> a<br/>b"),
            "https://x.y a@b.c ab"
        );
        assert_eq!(
            plain("AT&amp;T &#8211; &#x2014; &eacute;"),
            "AT&T – — &eacute;"
        );
        assert_eq!(plain(r"\*not\* \_em\_ a\b"), r"*not* _em_ a\b");
    }

    #[test]
    fn unmatched_markup_is_text() {
        assert_eq!(plain("snake_case_name"), "snake_case_name");
        assert_eq!(plain("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(plain("*open"), "*open");
        assert_eq!(plain("``a` b"), "``a` b");
        assert_eq!(plain("[undefined] [x](y"), "[undefined] [x](y");
        assert_eq!(plain("a < b > c"), "a < b > c");
        assert_eq!(plain("***both*** **a*"), "both *a");
    }
}
