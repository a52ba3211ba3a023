//! The `zkcred` command: issuers, holder wallets, presentation requests, presentations and
//! their verification, each step reading and writing JSON files; and `zkcred demo`, the whole
//! story in one run.
//!
//! Every error is printed as one line `error: <message>` on stderr with exit code 1 (usage
//! errors: clap's message and exit code 2). No command prints a secret.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// `println!` that ignores write errors (a closed pipe, e.g. `zkcred demo | head`, must not
/// panic), and writes to stderr when stdout carries a document (an output given as `-`).
macro_rules! say {
    () => {{
        say!("")
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if crate::files::stdout_taken() {
            let _ = writeln!(std::io::stderr(), $($arg)*);
        } else {
            let _ = writeln!(std::io::stdout(), $($arg)*);
        }
    }};
}

mod cli;
mod commands;
mod dates;
mod doc_kind;
mod duration;
mod error;
mod files;
#[cfg(test)]
mod formats_tests;
mod input_file;
mod nonce_file;
mod samples;
mod update_lock;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "error: {}", one_line(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// `message` with line breaks and runs of whitespace folded into single spaces.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn messages_are_folded_to_one_line() {
        assert_eq!(super::one_line("a\n  b\r\n\tc "), "a b c");
    }
}
