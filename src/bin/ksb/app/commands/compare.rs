//! `ksb compare`: two sheets side by side.

use anyhow::Result;
use ksb::figures::compare::Comparison;
use ksb::render::json;
use ksb::report::{self, SheetLabel};

use crate::app::context::{Command, Globals};
use crate::app::{output, sheet_io};
use crate::cli::{format_of, formats, Format};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first sheet (A), such as the self-assessment or the baseline.
    pub a: PathBuf,
    /// The second sheet (B), such as the mentor review or the final check; changes are B − A.
    pub b: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::FIGURES))]
    pub format: Format,
    /// List only the KSBs the two sheets score differently (group means are always shown).
    #[arg(long)]
    pub only_different: bool,
}

impl Command for CompareArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
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
