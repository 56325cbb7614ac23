//! `ksb roster`: each participant of a cohort, where they stand and what needs doing.

use anyhow::Result;
use ksb::figures::roster::{Roster, RosterSheets};
use ksb::render::json;
use ksb::report;

use super::{Command, Context};
use crate::app::{cohort_io, output};
use crate::cli::RosterArgs;

impl Command for RosterArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let sheets = cohort_io::list(&self.paths)?;
        let gathered = cohort_io::gather(
            &standard,
            &sheets,
            self.strict,
            RosterSheets::new(self.as_of),
        )?;
        let roster = Roster::new(&standard, gathered.gathered);
        let file = |index: usize| sheets[index].display().to_string();
        output::emit_report(
            self.format,
            ctx.style,
            || report::roster::report(&roster, gathered.count.read),
            || Some(json::roster(&standard, &roster, &file)),
        )?;
        gathered.count.check()
    }
}
