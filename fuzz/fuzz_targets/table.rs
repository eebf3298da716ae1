//! The table parser and validator on arbitrary text: never panics; every problem renders; the
//! rows that pass expand to tokens.
#![no_main]

use close_codes_codegen::Build;
use close_codes_codegen::{Source, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    // The first byte picks whether to look under a heading; the rest is the markdown.
    let Some((&mode, text)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let source = Source::new("fuzz.md", text);
    let (table, problems) = check(&source, (mode & 1 == 1).then_some("close codes"));
    for problem in &problems {
        let _ = problem.render(Some(&source));
    }
    let _ = Build::new("fuzz.md").expand(&table);
});
