//! The workspace's test suite and examples live beside this file (`tests/`, `examples/`); this
//! library only runs the README's code blocks as doctests, so the README cannot drift.

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
