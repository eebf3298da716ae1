//! Writes `GameCode` to `$OUT_DIR/game_codes.rs` from the table in `codes.md`. A problem in the
//! table fails the build with every problem printed, rustc-style.

fn main() -> Result<(), close_codes_codegen::BuildError> {
    close_codes_codegen::Build::new("codes.md")
        .heading("Close codes")
        .type_name("GameCode")
        .visibility("pub(crate)")
        .doc("How the game server closes sessions.")
        .write_to_out_dir("game_codes.rs")?;
    Ok(())
}
