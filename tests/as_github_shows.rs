//! A table written with the markdown people use in docs (entities, strikethrough, `<br>`,
//! reference links) reads as GitHub shows it: in variant names, in `name()` and
//! `description()`, and in the generated docs.

close_codes::close_codes! {
    /// Codes whose cells use entities, strikethrough, line breaks and reference links.
    pub enum Shown from "tests/fixtures/as-github-shows.md"
}

#[test]
fn entities_are_decoded_in_names_and_text() {
    assert_eq!(Shown::CaféClosed.as_u16(), 4000);
    assert_eq!(Shown::CaféClosed.name(), Some("Café closed"));
    assert_eq!(Shown::BannedGone.name(), Some("Banned & gone"));
    // The soft hyphen is kept in the text but joins the word, as GitHub shows "Signed out".
    assert_eq!(Shown::SignedOut.name(), Some("Sign\u{ad}ed out"));
}

#[test]
fn strikethrough_reads_as_its_text_and_br_as_a_space() {
    assert_eq!(Shown::CaféClosed.description(), "Deprecated Use 4001");
    assert_eq!(
        Shown::RoomFull.description(),
        "First line second line third"
    );
}

#[test]
fn reference_links_read_as_their_text() {
    assert_eq!(Shown::BannedGone.description(), "See the RFC and RFC 6455");
}

#[test]
fn reference_links_are_inlined_in_the_generated_docs() {
    let source = close_codes_codegen::Source::read(
        std::path::Path::new("tests/fixtures/as-github-shows.md"),
        "as-github-shows.md",
    )
    .expect("the fixture reads");
    let (table, problems) = close_codes_codegen::check(&source, None);
    assert!(problems.is_empty(), "{problems:#?}");
    let tokens = close_codes_codegen::Build::new("as-github-shows.md")
        .expand(&table)
        .expect("the type expands")
        .to_string();
    // rustdoc cannot see the document's link definitions, so the docs carry the links inline.
    assert!(
        tokens.contains(
            "[the RFC](https://www.rfc-editor.org/rfc/rfc6455 \\\"The WebSocket Protocol\\\")"
        ),
        "{tokens}"
    );
    assert!(
        tokens.contains("[RFC 6455](https://www.rfc-editor.org/rfc/rfc6455#section-7.4)"),
        "{tokens}"
    );
    assert!(!tokens.contains("[rfc]"), "{tokens}");
}
