//! `ksb plan`: a development plan from one sheet.

use anyhow::Result;
use ksb::figures::plan::Plan;
use ksb::report;

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::PlanArgs;

impl Command for PlanArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        let plan = Plan::of(&standard, &sheet);
        output::emit_report(
            self.format,
            ctx.style,
            || report::plan::report(&sheet.participant, &plan),
            || None::<serde_json::Value>,
        )
    }
}
