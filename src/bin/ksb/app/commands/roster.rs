//! `ksb roster`: each participant of a cohort, where they stand and what needs doing.

use anyhow::Result;
use ksb::figures::roster::{Roster, RosterSheets};
use ksb::render::json;
use ksb::report;

use crate::app::context::{Command, Globals};
use crate::app::{cohort, output};
use crate::cli::CohortArgs;
use clap::Args;

/// Arguments of `ksb roster`: a cohort's sheets.
#[derive(Debug, Args)]
pub struct RosterArgs {
    /// The sheets and the format.
    #[command(flatten)]
    pub cohort: CohortArgs,
}

impl Command for RosterArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let args = self.cohort;
        let standard = ctx.standard()?;
        let sheets = cohort::list(&args.paths)?;
        let gathered = cohort::gather(
            &standard,
            &sheets,
            args.strict,
            RosterSheets::new(args.as_of),
        )?;
        let roster = Roster::new(&standard, gathered.gathered);
        let file = |index: usize| sheets[index].display().to_string();
        output::emit_report(
            args.format,
            ctx.style,
            || report::roster::report(&roster, gathered.count.read),
            || Some(json::roster(&standard, &roster, &file)),
        )?;
        gathered.count.check()
    }
}
