//! `ksb compare`: two sheets side by side.

use anyhow::Result;
use ksb::figures::compare::Comparison;
use ksb::render::json;
use ksb::report::{self, SheetLabel};

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::CompareArgs;

impl Command for CompareArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let paths = [self.a, self.b];
        let sheets = sheet_io::load_sheets_of_one_standard(&paths, &standard)?.warn();
        let [a, b] = [&sheets[0], &sheets[1]];
        let comparison = Comparison::of(&standard, a, b);
        let names = paths.map(|p| sheet_io::label(&p));
        let labels = [
            SheetLabel {
                file: &names[0],
                participant: &a.participant,
            },
            SheetLabel {
                file: &names[1],
                participant: &b.participant,
            },
        ];
        output::emit_report(
            self.format,
            ctx.style,
            || report::compare::report(&standard, labels, &comparison, self.only_different),
            || {
                Some(json::compare(
                    &a.participant,
                    &b.participant,
                    &comparison,
                    self.only_different,
                ))
            },
        )
    }
}
