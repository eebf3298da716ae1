//! The validated table as JSON, for any other language: `schema/close-codes.schema.json` at
//! the repository root describes it.
//!
//! Written by hand rather than with serde: the shape is fixed and small, and a hand-written
//! writer keeps serde's derive macro (and the syn it compiles) out of every build that turns
//! the `emit` feature on, and keeps the layout under our control: one row per line, keys in a
//! fixed order, so the file diffs well and a stale check can name the first line that differs.

use std::fmt::Write as _;

use super::{Emit, owners, quoted};
use crate::model::{Custom, Row, Table};

/// The version of the JSON layout; the schema pins it, and a change that breaks readers bumps it.
const FORMAT: u32 = 1;

/// The table as JSON: where it came from, its rows (codes, names, flags, texts, source line),
/// and every covered code once as runs that name the row owning them.
pub(super) fn json(table: &Table, options: &Emit) -> String {
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"format\": {FORMAT},");
    let _ = writeln!(out, "  \"source\": {},", quoted(&options.source_name));
    let heading = options.heading.as_deref().map_or("null".to_owned(), quoted);
    let _ = writeln!(out, "  \"heading\": {heading},");
    let _ = writeln!(out, "  \"line\": {},", table.line);
    let command = options.command.as_deref().map_or("null".to_owned(), quoted);
    let _ = writeln!(out, "  \"regenerate\": {command},");
    let rows: Vec<String> = table.rows.iter().map(row_object).collect();
    out.push_str(&array("rows", &rows));
    out.push_str(",\n");
    let segments: Vec<String> = owners(table)
        .iter()
        .map(|(run, row)| {
            format!(
                "{{\"start\": {}, \"end\": {}, \"row\": {row}}}",
                run.start, run.end
            )
        })
        .collect();
    out.push_str(&array("segments", &segments));
    out.push_str("\n}\n");
    out
}

/// `"key": [` then one item a line, then `]` (no trailing newline).
fn array(key: &str, items: &[String]) -> String {
    if items.is_empty() {
        return format!("  \"{key}\": []");
    }
    format!("  \"{key}\": [\n    {}\n  ]", items.join(",\n    "))
}

fn row_object(row: &Row) -> String {
    let text = |text: Option<&str>| text.map_or("null".to_owned(), quoted);
    let name = row.name.as_ref();
    let custom = match row.custom {
        Custom::Unspecified => "unspecified",
        Custom::No => "no",
        Custom::Yes => "yes",
        Custom::ExtensionsOnly => "extensions-only",
    };
    let http = row
        .http_status
        .map_or("null".to_owned(), |status| status.to_string());
    format!(
        "{{\"line\": {}, \"start\": {}, \"end\": {}, \"name\": {}, \"name_markdown\": {}, \
         \"ident\": {}, \"reserved\": {}, \"custom\": \"{custom}\", \"sendable\": {}, \
         \"usage\": {}, \"usage_markdown\": {}, \"http_status\": {http}}}",
        row.line,
        row.start,
        row.end,
        text(name.map(|name| name.text.as_str())),
        text(name.map(|name| name.markdown.as_str())),
        text(name.map(|name| name.ident.as_str())),
        row.reserved,
        row.sendable,
        quoted(&row.usage),
        quoted(&row.usage_markdown),
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::table;
    use super::*;

    #[test]
    fn rows_and_segments_one_a_line() {
        let table = table(
            "# Codes\n\n| Code | Name | Reserved | Custom | Usage |\n|---|---|---|---|---|\n\
             | 1005 | *No* status | Yes | | Never sent. Equivalent to HTTP `400` |\n\
             | 4000 - 4099 | | | Yes | Free |\n| 4042 | Tea \"pot\" | | No | |\n",
        );
        let options = Emit::new("t.md").heading(Some("Codes")).command(Some(
            "close-codes generate t.md --lang json --heading Codes",
        ));
        assert_eq!(
            json(&table, &options),
            r#"{
  "format": 1,
  "source": "t.md",
  "heading": "Codes",
  "line": 3,
  "regenerate": "close-codes generate t.md --lang json --heading Codes",
  "rows": [
    {"line": 5, "start": 1005, "end": 1005, "name": "No status", "name_markdown": "*No* status", "ident": "NoStatus", "reserved": true, "custom": "unspecified", "sendable": false, "usage": "Never sent. Equivalent to HTTP 400", "usage_markdown": "Never sent. Equivalent to HTTP `400`", "http_status": 400},
    {"line": 6, "start": 4000, "end": 4099, "name": null, "name_markdown": null, "ident": null, "reserved": false, "custom": "yes", "sendable": true, "usage": "Free", "usage_markdown": "Free", "http_status": null},
    {"line": 7, "start": 4042, "end": 4042, "name": "Tea \"pot\"", "name_markdown": "Tea \"pot\"", "ident": "TeaPot", "reserved": false, "custom": "no", "sendable": true, "usage": "Free", "usage_markdown": "Free", "http_status": null}
  ],
  "segments": [
    {"start": 1005, "end": 1005, "row": 0},
    {"start": 4000, "end": 4041, "row": 1},
    {"start": 4042, "end": 4042, "row": 2},
    {"start": 4043, "end": 4099, "row": 1}
  ]
}
"#
        );
    }

    #[test]
    fn every_character_a_cell_may_hold_is_escaped() {
        let usage = "a\u{1}b\nc\u{2028}d\"e\\f\u{1F600}g\rh";
        let mut table = table("| Code | Name |\n|---|---|\n| 1000 | Normal |\n");
        table.rows[0].usage = usage.to_owned();
        let out = json(&table, &Emit::new("t\"\n.md"));
        assert!(
            out.contains("\"usage\": \"a\\u0001b\\nc\\u2028d\\\"e\\\\f\u{1F600}g\\rh\""),
            "{out}"
        );
        assert!(out.contains(r#""source": "t\"\n.md""#), "{out}");
    }

    #[test]
    fn a_table_without_rows_has_empty_arrays() {
        // `check` refuses a table without rows; the emitter still writes valid JSON for one.
        let out = json(&Table::default(), &Emit::new("t.md"));
        assert!(
            out.contains("  \"rows\": [],\n  \"segments\": []\n}\n"),
            "{out}"
        );
    }
}
