//! Predicate circuits.
#![forbid(unsafe_code)]
