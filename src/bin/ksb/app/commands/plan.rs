//! `ksb plan`: a development plan from one sheet.

use anyhow::Result;
use ksb::figures::plan::Plan;
use ksb::report;

use crate::app::context::{Command, Globals};
use crate::app::{output, sheet_io};
use crate::cli::{format_of, formats, Format};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The sheet to plan from.
    pub sheet: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::PLAN))]
    pub format: Format,
}

impl Command for PlanArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
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
