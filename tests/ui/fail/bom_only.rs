// A file holding only a byte order mark is as empty as one holding nothing.
close_codes::close_codes!("tables/bom_only.md");

fn main() {}
