//! `hotline lsp`: the language server, on stdin and stdout.

use std::process::ExitCode;

pub fn run() -> ExitCode {
    match crate::lsp::run_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: language server: {e}");
            ExitCode::from(2)
        }
    }
}
