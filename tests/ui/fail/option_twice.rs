// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
// An option given twice is underlined where it comes again.
close_codes::close_codes!(
    "tables/headings.md",
    heading = "Close codes",
    heading = "Messages",
);

fn main() {}
