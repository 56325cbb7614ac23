//! `ksb progress`: several sheets of one participant in date order.

use anyhow::{bail, Result};
use ksb::figures::progress::Progress;
use ksb::render::json;
use ksb::report::{self, SheetLabel};

use crate::app::context::{Command, Globals};
use crate::app::{output, sheet_io};
use crate::cli::{format_of, formats, Format};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `ksb progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// The sheets, in any order: they are shown in date order.
    #[arg(required = true, value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Allow sheets of different participants (usernames are compared ignoring case).
    #[arg(long)]
    pub any_participant: bool,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::FIGURES))]
    pub format: Format,
}

impl Command for ProgressArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let standard = ctx.standard()?;
        let sheets = sheet_io::load_sheets_of_one_standard(&self.sheets, &standard)?.warn();
        if !self.any_participant {
            let first = &sheets[0].participant;
            if let Some((path, other)) = self
                .sheets
                .iter()
                .zip(&sheets)
                .find(|(_, s)| !s.participant.same_username(first))
            {
                bail!(
                    "'{}' is a sheet of '{}' but '{}' is a sheet of '{}': progress follows one participant (add --any-participant to show them together)",
                    path.display(),
                    other.participant.username,
                    self.sheets[0].display(),
                    first.username
                );
            }
        }
        let progress = Progress::of(&standard, &sheets);
        let names: Vec<String> = self.sheets.iter().map(|p| sheet_io::label(p)).collect();
        let labels: Vec<SheetLabel> = names
            .iter()
            .zip(&sheets)
            .map(|(file, sheet)| SheetLabel {
                file,
                participant: &sheet.participant,
            })
            .collect();
        output::emit_report(
            self.format,
            ctx.style,
            || report::progress::report(&standard, &labels, &progress),
            || Some(json::progress(&labels, &progress)),
        )
    }
}
