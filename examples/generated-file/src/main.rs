//! Generated-file mode: `src/app_codes.rs` was written by
//!
//! ```text
//! close-codes generate examples/app-codes.md --name AppCode -o examples/generated-file/src/app_codes.rs
//! ```
//!
//! and is checked in. The crate depends on close-codes with default features only, so it
//! compiles no proc macro and no build script. Edit the table, run the command on the file's
//! `// Regenerate:` line again; `close-codes check --generated FILE` in CI fails until you do.

// rustfmt would re-wrap a few lines prettyplease wrote, and then the file would no longer be
// what `generate` writes; it is read, not edited, so it stays as generated.
#[rustfmt::skip]
mod app_codes;

use app_codes::AppCode;

fn main() {
    for code in [4000, 4001, 4150, 4500] {
        match AppCode::sendable_from_u16(code) {
            Ok(code) => println!("{code}: {}", code.description()),
            Err(error) => println!("{error}"),
        }
    }
}
