//! Generated-file mode behaves exactly as the macro: the checked-in module of
//! `examples/generated-file` and `close_codes!` on the same table agree on every code.

mod generated {
    include!("../examples/generated-file/src/app_codes.rs");
}

mod by_macro {
    close_codes::close_codes! {
        pub enum AppCode from "examples/app-codes.md"
    }
}

use close_codes::Code;

/// Everything a user can ask of one code, as text, so two types compare field by field.
fn answers<C: Code + core::fmt::Display + core::fmt::Debug>(code: Option<C>) -> String {
    code.map_or_else(String::new, |code| {
        format!(
            "{} {code} {code:?} {:?} {:?} {} {} {:?}",
            code.as_u16(),
            code.name(),
            code.description(),
            code.is_sendable(),
            code.is_reserved(),
            code.row(),
        )
    })
}

#[test]
fn the_generated_module_answers_as_the_macro_on_every_code() {
    for code in 0..=u16::MAX {
        assert_eq!(
            answers(generated::AppCode::from_u16(code)),
            answers(by_macro::AppCode::from_u16(code)),
            "{code}"
        );
    }
    assert_eq!(generated::AppCode::ROWS, by_macro::AppCode::ROWS);
    assert_eq!(generated::AppCode::SOURCE, by_macro::AppCode::SOURCE);
    assert_eq!(
        answers(Some(generated::AppCode::Kicked)),
        answers(Some(by_macro::AppCode::Kicked))
    );
}
