//! The `ksb` binary: parses the command line and runs one command of the core library.
//!
//! Everything under `src/bin/ksb/` is the binary: the arguments ([`cli`]) and the application
//! that carries them out ([`app`]: commands, prompts, files, the terminal). The library beside
//! it (`src/`) never prints, prompts or reads the environment.

#![deny(clippy::all)]

mod allocator;
mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

use app::prompt::interrupt::{Interrupted, EXIT_INTERRUPTED};

fn main() -> ExitCode {
    let cli = app::commands::Cli::parse();
    match app::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => match err.downcast_ref::<Interrupted>() {
            // Ctrl-C in `ksb assess` or `ksb review`: every destructor has run on the way here.
            Some(interrupted) => {
                interrupted.tell();
                ExitCode::from(EXIT_INTERRUPTED)
            }
            None => {
                eprintln!("{}", app::stderr::error_line(&err));
                ExitCode::FAILURE
            }
        },
    }
}
