//! The validated table for other languages: a TypeScript module ([`Emit::typescript`]) and
//! JSON ([`Emit::json`]), from the same [`Table`] the macro expands, so every language agrees code for
//! code. Behind the `emit` cargo feature: the CLI turns it on; the proc macro, which compiles
//! this crate too, does not pay for it.
//!
//! Both emitters read the model only through the small functions of this module (who owns a
//! code, which runs of codes a rule holds for), so they can move onto a later stage that
//! computes the same sets once for every backend.

mod json;
mod ts;

use std::fmt::Write as _;

use json::json;
use ts::typescript;

use crate::model::{Row, Table};

/// The table in another language: what the emitted file says about where it came from, and
/// what its types are called.
///
/// ```
/// use close_codes_codegen::{Emit, Source, check};
///
/// let (table, _) = check(&Source::new("codes.md", "| Code | Name |\n|-|-|\n| 4000 | Kicked |\n"), None);
/// let module = Emit::new("codes.md").typescript(&table);
/// assert!(module.contains("export const Kicked = 4000;"), "{module}");
/// assert!(Emit::new("codes.md").json(&table).contains("\"name\": \"Kicked\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emit {
    source_name: String,
    heading: Option<String>,
    type_name: String,
    command: Option<String>,
}

impl Emit {
    /// The defaults: the TypeScript types are `CloseCode` and `CloseCodeRow`, and the table is
    /// the first one in `source_name` (the markdown file as the user spelled it, which the
    /// emitted file names).
    pub fn new(source_name: impl Into<String>) -> Self {
        Emit {
            source_name: source_name.into(),
            heading: None,
            type_name: "CloseCode".to_owned(),
            command: None,
        }
    }

    /// The ES module: a constant per named code, a union type, the rule predicates and
    /// `describe`, each with doc comments (`TSDoc`) from the usage text.
    pub fn typescript(&self, table: &Table) -> String {
        typescript(table, self)
    }

    /// The table as JSON, one row a line (the shape `schema/close-codes.schema.json` gives).
    pub fn json(&self, table: &Table) -> String {
        json(table, self)
    }

    /// The table was read from under this heading.
    #[must_use]
    pub fn heading(mut self, heading: Option<&str>) -> Self {
        self.heading = heading.map(str::to_owned);
        self
    }

    /// The command that writes the file again, recorded in it so a stale check can rerun it.
    /// The JSON keeps it under `regenerate`; a TypeScript module has comments for that, which
    /// the caller writes above the module.
    #[must_use]
    pub fn command(mut self, command: Option<&str>) -> Self {
        self.command = command.map(str::to_owned);
        self
    }

    /// The name of the TypeScript union type (its row interface adds `Row`). It must start
    /// with an uppercase letter: then it is never a JavaScript keyword or a TypeScript
    /// built-in type, all of which are lowercase.
    pub fn type_name(mut self, name: &str) -> Result<Self, String> {
        let mut chars = name.chars();
        let starts_upper = chars.next().is_some_and(char::is_uppercase);
        if !starts_upper || !name.chars().all(unicode_ident::is_xid_continue) {
            return Err(format!(
                "`{name}` is not a type name for TypeScript: use letters and digits, starting \
                 with an uppercase letter"
            ));
        }
        name.clone_into(&mut self.type_name);
        Ok(self)
    }
}

/// A run of consecutive codes, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    start: u16,
    end: u16,
}

/// Who owns each covered code: runs in code order, each with the index of its row in
/// [`Table::rows`] (a single code owns itself; a range owns the rest of its codes).
fn owners(table: &Table) -> Vec<(Run, usize)> {
    table
        .segments()
        .into_iter()
        .map(|segment| {
            let run = Run {
                start: segment.start,
                end: segment.end,
            };
            (run, segment.row)
        })
        .collect()
}

/// The codes whose row passes `rule`, as the fewest runs: touching runs are merged.
fn runs_where(table: &Table, rule: impl Fn(&Row) -> bool) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (run, row) in owners(table) {
        if !rule(&table.rows[row]) {
            continue;
        }
        match runs.last_mut() {
            Some(last) if u32::from(last.end) + 1 == u32::from(run.start) => last.end = run.end,
            _ => runs.push(run),
        }
    }
    runs
}

/// What a row's codes may do, in a few words.
fn rule_words(row: &Row) -> &'static str {
    match (row.reserved, row.sendable) {
        (true, _) => "reserved: reported, never sent",
        (false, true) => "sendable",
        (false, false) => "not sendable",
    }
}

/// `text` as a JSON string literal, which is also a JavaScript one. U+2028 and U+2029 are
/// escaped too: JSON allows them raw, JavaScript before ES2019 did not.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;
    use crate::source::Source;

    pub(super) fn table(markdown: &str) -> Table {
        let (table, problems) = check(&Source::new("t.md", markdown), None);
        assert!(problems.is_empty(), "{problems:?}");
        table
    }

    #[test]
    fn runs_merge_touching_codes_and_skip_refinements() {
        let table = table(
            "| Code | Name | Reserved | Custom |\n|---|---|---|---|\n\
             | 1000 | A | | |\n| 1001 | B | | |\n| 1005 | C | Yes | |\n\
             | 4000 - 4099 | | | Yes |\n| 4042 | | Yes | |\n",
        );
        let sendable = runs_where(&table, |row| row.sendable);
        let pairs: Vec<(u16, u16)> = sendable.iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(pairs, [(1000, 1001), (4000, 4041), (4043, 4099)]);
        let owners: Vec<(u16, u16, usize)> = owners(&table)
            .iter()
            .map(|(run, row)| (run.start, run.end, *row))
            .collect();
        assert_eq!(
            owners[3..],
            [(4000, 4041, 3), (4042, 4042, 4), (4043, 4099, 3)]
        );
    }

    #[test]
    fn strings_are_json_and_javascript_literals() {
        assert_eq!(quoted("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(quoted("\u{1}\n\u{2028}é"), r#""\u0001\n\u2028é""#);
    }

    #[test]
    fn type_names_start_with_an_uppercase_letter() {
        assert!(Emit::new("t.md").type_name("AppCode").is_ok());
        assert!(Emit::new("t.md").type_name("Ärger2").is_ok());
        for bad in ["appCode", "", "1Code", "App-Code", "string"] {
            assert!(Emit::new("t.md").type_name(bad).is_err(), "{bad}");
        }
    }
}
