//! `ksb show`: the whole sheet, then its summary tables.

use anyhow::Result;
use ksb::render::table;
use ksb::{Grouping, Summary};

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::ShowArgs;

impl Command for ShowArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?;
        let summary = Summary::of_sheet(&standard, &sheet);
        let mut out = table::sheet(&standard, &sheet, ctx.style);
        out.push_str(&table::summary(
            &standard,
            &summary,
            &Grouping::ALL,
            ctx.style,
        ));
        output::emit(&out)
    }
}
