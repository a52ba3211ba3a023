//! Groth16 with committed inputs.
#![forbid(unsafe_code)]
