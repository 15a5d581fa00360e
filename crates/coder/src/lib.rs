//! Event coder: actors, verb patterns and event assembly on the dependency parse
