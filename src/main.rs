//! The `ksb` binary: parses the command line and runs one command of the core library.

#![deny(clippy::all)]

mod cli;
mod cmd;
mod cohort_reader;
mod files;
mod prompt;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", terminal::error_line(&err));
            ExitCode::FAILURE
        }
    }
}
