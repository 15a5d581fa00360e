//! Runs the unit tests of `crates/tocsin/src/eval_ud.rs` until the facade crate
//! wires that module in (it cannot be called from here otherwise: tocsin depends
//! on tocsin-text).
#[allow(dead_code)]
#[path = "../../tocsin/src/eval_ud.rs"]
mod eval_ud;
