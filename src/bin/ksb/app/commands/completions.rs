//! `ksb completions SHELL`: a completion script generated from the command line itself.

use anyhow::Result;
use clap::CommandFactory;

use super::Cli;
use crate::app::context::{Command, Globals};
use crate::app::output;
use clap::Args;

/// Arguments of `ksb completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl Command for CompletionsArgs {
    /// Prints the completion script; needs no standard or config.
    fn run(self, _globals: Globals) -> Result<()> {
        let mut command = Cli::command();
        let name = command.get_name().to_string();
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command, name, &mut script);
        output::emit_bytes(&script)
    }
}
