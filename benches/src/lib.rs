//! Helpers shared by the criterion benchmarks (`benches/`) and `scripts/bench-build.sh`:
//! synthetic tables of any size, and a table's generated code as a user would paste it in.

use std::fmt::Write as _;

use close_codes_codegen::Build;
use close_codes_codegen::Source;
use close_codes_codegen::check;

/// Each synthetic row owns this many codes, so its ranges never overlap.
const STRIDE: usize = 6;

/// The most rows [`synthetic_table`] makes: as many strides as a `u16` holds.
pub const MAX_ROWS: usize = (1 << 16) / STRIDE;

/// A valid markdown table of `rows` rows (at most [`MAX_ROWS`]), shaped like a real one: out of
/// every ten rows, seven name a single code, one names a reserved code, one is a named range
/// and one an unnamed range marked Custom `Yes`. Usage cells carry inline markdown.
pub fn synthetic_table(rows: usize) -> String {
    let rows = rows.min(MAX_ROWS);
    let mut text = String::with_capacity(rows * 100 + 200);
    text.push_str("# Synthetic close codes\n\n");
    text.push_str("| Code | Name | Reserved | Custom | Usage |\n|---|---|---|---|---|\n");
    for i in 0..rows {
        let start = i * STRIDE;
        let end = start + STRIDE - 1;
        // Writing to a String cannot fail.
        let _ = match i % 10 {
            7 => writeln!(
                text,
                "| `{start}` - `{end}` | Range {i} | | Yes | Codes of range {i}, free for *applications* |"
            ),
            8 => writeln!(
                text,
                "| `{start}` | Reported {i} | Yes | | Reported for row {i}, never sent on the wire |"
            ),
            9 => writeln!(
                text,
                "| {start} - {end} | | | Yes | Unnamed codes of row {i}, see [the spec](https://example.com) |"
            ),
            _ => writeln!(
                text,
                "| `{start}` | Code {i} alpha | | | Endpoint closed for reason {i} (e.g. `{start}`) |"
            ),
        };
    }
    text
}

/// The code `close_codes!` generates for `markdown`, with `::close_codes` for the runtime's
/// path and no `include_bytes!`: what a user would paste into a crate instead of calling the
/// macro. Returns the rendered problems when the table is invalid.
pub fn pasted_code(markdown: &str, source_name: &str, type_name: &str) -> Result<String, String> {
    let source = Source::new(source_name, markdown);
    let (table, problems) = check(&source, None);
    if !problems.is_empty() {
        let rendered: Vec<String> = problems.iter().map(|p| p.render(Some(&source))).collect();
        return Err(rendered.join("\n"));
    }
    let tokens = Build::new(source_name)
        .type_name(type_name)
        .expand(&table)
        .map_err(|error| error.to_string())?;
    Ok(tokens.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_tables_are_valid_and_sized() {
        for rows in [1, 10, 100, 1_000, MAX_ROWS] {
            let text = synthetic_table(rows);
            let (table, problems) = check(&Source::new("synthetic.md", text), None);
            assert!(problems.is_empty(), "{rows} rows: {:?}", problems.first());
            assert_eq!(table.rows.len(), rows);
        }
        // Asking for more than fit gives the most that fit.
        let text = synthetic_table(MAX_ROWS + 5);
        let (table, _) = check(&Source::new("synthetic.md", text), None);
        assert_eq!(table.rows.len(), MAX_ROWS);
    }

    #[test]
    fn pasted_code_names_the_runtime_and_reports_problems() {
        let code = pasted_code(&synthetic_table(20), "t.md", "AppCode").unwrap();
        assert!(code.contains(":: close_codes :: Row"), "{code}");
        assert!(code.contains("enum AppCode"));
        assert!(!code.contains("include_bytes"));
        let error = pasted_code("| Code |\n|---|\n| 70000 |\n", "bad.md", "AppCode").unwrap_err();
        assert!(error.contains("bad.md"), "{error}");
    }
}
