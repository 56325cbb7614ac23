//! `ksb compare`: two sheets side by side.

use anyhow::Result;
use ksb::figures::compare::Comparison;
use ksb::render::{json, table, SheetLabel};

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::{CompareArgs, Format};

impl Command for CompareArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let paths = [self.a, self.b];
        let sheets = sheet_io::load_sheets_of_one_standard(&paths, &standard)?;
        let [a, b] = [&sheets[0], &sheets[1]];
        let comparison = Comparison::of(&standard, a, b);
        match self.format {
            Format::Table => {
                let names = paths.map(|p| p.display().to_string());
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
                output::emit(&table::compare(
                    &standard,
                    labels,
                    &comparison,
                    self.only_different,
                    ctx.style,
                ))
            }
            Format::Json => {
                let value = json::compare(
                    &a.participant,
                    &b.participant,
                    &comparison,
                    self.only_different,
                );
                output::emit(&format!("{value:#}\n"))
            }
        }
    }
}
