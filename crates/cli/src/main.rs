//! The `tocsin` binary.
fn main() {}
