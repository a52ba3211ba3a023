//! BBS.
#![forbid(unsafe_code)]
