//! One module per command, each behind the small [`Command`] trait.

mod assess;
mod header;
mod review;
mod score;
mod show;
mod standard;
mod summary;

use std::path::PathBuf;

use anyhow::Result;
use ksb::render::Style;
use ksb::Standard;

use crate::cli::{self, Cli};
use crate::{files, terminal};

/// What every command may need from the global flags and the terminal.
pub struct Context {
    /// The `--standard` file, if one was given.
    pub standard_path: Option<PathBuf>,
    /// How tables on stdout may look.
    pub style: Style,
}

impl Context {
    /// Loads the standard in use (the built-in one unless `--standard` names a file).
    pub fn standard(&self) -> Result<Standard> {
        files::load_standard(self.standard_path.as_deref())
    }
}

/// A command of `ksb`, run with the global context.
pub trait Command {
    /// Does the command's work; errors carry the file and what was being done.
    fn run(self, ctx: &Context) -> Result<()>;
}

/// Runs the command the command line chose.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context {
        standard_path: cli.standard,
        style: terminal::stdout_style(),
    };
    match cli.command {
        cli::Command::Standard(args) => args.run(&ctx),
        cli::Command::Assess(args) => args.run(&ctx),
        cli::Command::Review(args) => args.run(&ctx),
        cli::Command::Score(args) => args.run(&ctx),
        cli::Command::Show(args) => args.run(&ctx),
        cli::Command::Summary(args) => args.run(&ctx),
    }
}
