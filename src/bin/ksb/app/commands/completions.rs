//! `ksb completions SHELL`: a completion script generated from the command line itself.

use anyhow::Result;
use clap::CommandFactory;

use crate::app::output;
use crate::cli::{Cli, CompletionsArgs};

impl CompletionsArgs {
    /// Prints the completion script; needs no standard or config.
    pub fn print(self) -> Result<()> {
        let mut command = Cli::command();
        let name = command.get_name().to_string();
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command, name, &mut script);
        output::emit_bytes(&script)
    }
}
