// Tables are copied next to the generated test crate's Cargo.toml by tests/ui.rs.
close_codes::close_codes! {
    /// The application's codes: 4000-4999.
    enum AppCode from "tables/app.md"
}

fn main() {
    // `any` takes reserved and unsendable codes, but no row of the table covers 5000.
    let _ = close_codes::close_code!(AppCode, any 5000);
}
