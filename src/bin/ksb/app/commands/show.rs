//! `ksb show`: the whole sheet, then its summary tables.

use anyhow::Result;
use ksb::render::table;
use ksb::report;
use ksb::{Grouping, Summary};

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::ShowArgs;

impl Command for ShowArgs {
    fn run(self, ctx: &Context) -> Result<()> {
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
