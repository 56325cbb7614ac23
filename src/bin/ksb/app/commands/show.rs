//! `ksb show`: the whole sheet, then its summary tables.

use anyhow::Result;
use ksb::render::table;
use ksb::report;
use ksb::{Grouping, Summary};

use crate::app::context::{Command, Globals};
use crate::app::{output, sheet_io};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The sheet to show (`-` reads it from standard input).
    pub sheet: PathBuf,
}

impl Command for ShowArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        let summary = Summary::of_sheet(&standard, &sheet);
        let mut shown = report::sheet::sheet(&standard, &sheet);
        shown.extend(report::summary::tables(
            &standard,
            &summary,
            &Grouping::ALL,
            "By",
        ));
        output::emit(&table::report(&shown, ctx.style))
    }
}
