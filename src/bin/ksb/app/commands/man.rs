//! `ksb man`: the manual pages (roff) generated from the command line itself.

use anyhow::{bail, Context as _, Result};
use clap::CommandFactory;

use super::Cli;
use crate::app::context::{Command, Globals};
use crate::app::output;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write ksb.1 and a page per command (ksb-score.1, …) into this existing folder instead of printing ksb.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl Command for ManArgs {
    /// Prints ksb.1, or writes it and one page per command into `--dir`; needs no standard or
    /// config.
    fn run(self, _globals: Globals) -> Result<()> {
        let command = Cli::command();
        let Some(dir) = self.dir else {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .context("writing the manual page")?;
            return output::emit_bytes(&page);
        };
        if !dir.is_dir() {
            bail!("writing manual pages: '{}' is not a folder", dir.display());
        }
        let pages = page_count(&command);
        clap_mangen::generate_to(command, &dir)
            .with_context(|| format!("writing manual pages into '{}'", dir.display()))?;
        output::emit(&format!(
            "Wrote {pages} manual pages (ksb.1, ksb-score.1, …) into {}\n",
            dir.display()
        ))
    }
}

/// How many pages `generate_to` writes: one for the command and one for each shown subcommand,
/// at every level (`ksb standard import` has its own). The commands are built as `generate_to`
/// builds them, without the `help` subcommands, because each command's arguments and
/// subcommands are otherwise built only on demand (`defer` in cli.rs).
fn page_count(command: &clap::Command) -> usize {
    fn count(command: &clap::Command) -> usize {
        1 + command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .map(count)
            .sum::<usize>()
    }
    let mut built = command.clone().disable_help_subcommand(true);
    built.build();
    count(&built)
}
