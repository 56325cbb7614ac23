//! `ksb summary`: figures by role focus, stack area and category, of one sheet or a cohort.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ksb::render::json;
use ksb::report;
use ksb::{Grouping, Standard, Summary};

use super::{Command, Context};
use crate::app::{cohort_io, output, sheet_io};
use crate::cli::{By, SummaryArgs};

/// The groupings a `--by` choice stands for.
pub fn groupings(by: By) -> &'static [Grouping] {
    match by {
        By::Role => &[Grouping::RoleFocus],
        By::Area => &[Grouping::Area],
        By::Category => &[Grouping::Category],
        By::All => &Grouping::ALL,
    }
}

impl Command for SummaryArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        sheet_io::refuse_repeated_stdin(&self.paths)?;
        let standard = ctx.standard()?;
        let sheets = sheet_io::find_sheets(&self.paths)?;
        match sheets.as_slice() {
            [] => anyhow::bail!(
                "no sheets (*.toml files) found in {}",
                quoted_paths(&self.paths)
            ),
            [sheet] => self.one_sheet(ctx, &standard, sheet),
            _ => self.cohort(ctx, &standard, &sheets),
        }
    }
}

impl SummaryArgs {
    /// The summary of one participant's sheet, with its header.
    fn one_sheet(&self, ctx: &Context, standard: &Standard, path: &Path) -> Result<()> {
        let sheet = sheet_io::load_sheet(path, standard)?.warn();
        let summary = Summary::of_sheet(standard, &sheet);
        let groupings = groupings(self.by);
        output::emit_report(
            self.format,
            ctx.style,
            || {
                let mut shown = report::sheet::participant(standard, &sheet.participant);
                shown.extend(report::summary::tables(standard, &summary, groupings, "By"));
                shown
            },
            || Some(json::summary(Some(&sheet.participant), &summary, groupings)),
        )
    }

    /// The cohort report over many sheets: bad sheets are reported on stderr and the rest
    /// summarised (exit 1 afterwards), or with `--strict` the first bad sheet stops everything.
    fn cohort(&self, ctx: &Context, standard: &Standard, sheets: &[PathBuf]) -> Result<()> {
        let progress = output::sheet_progress(sheets.len());
        let reading = cohort_io::read(standard, sheets, self.strict, progress.as_ref());
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        for (_, warning) in &reading.warnings {
            output::warn(warning);
        }
        let mut bad: Vec<anyhow::Error> = reading.bad.into_iter().map(|bad| bad.error).collect();
        if self.strict && !bad.is_empty() {
            return Err(bad.swap_remove(0));
        }
        for error in &bad {
            eprintln!("{}", output::error_line(error));
        }
        let groupings = groupings(self.by);
        output::emit_report(
            self.format,
            ctx.style,
            || report::cohort::report(standard, &reading.cohort, groupings),
            || Some(json::cohort(&reading.cohort, groupings)),
        )?;
        if !bad.is_empty() {
            anyhow::bail!(
                "{} of {} sheets could not be read; the report counts the other {}",
                bad.len(),
                sheets.len(),
                reading.cohort.participants
            );
        }
        Ok(())
    }
}

/// The paths as an error message lists them: quoted, comma-separated.
fn quoted_paths(paths: &[PathBuf]) -> String {
    let quoted: Vec<String> = paths
        .iter()
        .map(|path| format!("'{}'", path.display()))
        .collect();
    quoted.join(", ")
}
