//! `ksb man`: the manual page (roff) generated from the command line itself.

use anyhow::{Context as _, Result};
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::terminal;

impl ManArgs {
    /// Prints the page; needs no standard or config.
    pub fn print(self) -> Result<()> {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut page)
            .context("writing the manual page")?;
        terminal::emit_bytes(&page)
    }
}
