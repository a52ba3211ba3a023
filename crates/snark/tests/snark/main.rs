//! Integration tests for zkcred-snark.

mod common;
mod encoding;
mod keys;
mod structure;
mod verify;
