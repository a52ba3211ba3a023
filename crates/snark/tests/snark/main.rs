//! Integration tests for zkcred-snark.

mod common;
mod deferred;
mod encoding;
mod keys;
mod prepared;
mod structure;
mod verify;
