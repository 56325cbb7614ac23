//! `ksb summary`: figures by role focus, stack area and category, of one sheet or a cohort.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ksb::figures::cohort::CohortSheets;
use ksb::render::json;
use ksb::report;
use ksb::{Grouping, Standard, Summary};

use crate::app::context::{Command, Context, Globals};
use crate::app::{cohort, output, sheet_io};
use crate::cli::{format_of, formats, Format, SelectionArgs};
use clap::{Args, ValueEnum};

/// Arguments of `ksb summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Sheets (`-` reads one from standard input), or folders searched recursively for *.toml
    /// sheets; one sheet gives its sheet report, a folder or several paths the cohort report.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Which grouping to show.
    #[arg(long, value_enum, default_value_t = By::All)]
    pub by: By,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::COHORT))]
    pub format: Format,
    /// Stop at the first sheet that does not load, instead of reporting it and summarising the rest.
    #[arg(long)]
    pub strict: bool,
    /// Which sheets a cohort counts.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// Which grouping `ksb summary` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// By role focus.
    Role,
    /// By canonical stack area.
    Area,
    /// By Knowledge, Skills and Behaviours.
    Category,
    /// All three.
    All,
}

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
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let standard = ctx.standard()?;
        // The arguments decide the shape, never what a folder holds: one sheet named alone
        // gives its sheet report, a folder or several paths the cohort report.
        let selecting = self.selection.assessment_type.is_some()
            || self.selection.as_of.is_some()
            || self.selection.all_sheets;
        match self.paths.as_slice() {
            [sheet] if !selecting && !sheet.is_dir() => self.one_sheet(ctx, &standard, sheet),
            paths => self.cohort(ctx, &standard, &cohort::list(paths)?),
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

    /// The cohort report over many sheets, each participant counted once (their latest sheet,
    /// or as `--type`, `--as-of` and `--all-sheets` say): bad sheets are reported on stderr
    /// and the rest summarised (exit 1 afterwards), or with `--strict` the first bad sheet
    /// stops everything.
    fn cohort(&self, ctx: &Context, standard: &Standard, sheets: &[PathBuf]) -> Result<()> {
        let selection = self.selection.selection(standard)?;
        let gathered = cohort::gather(
            standard,
            sheets,
            self.strict,
            CohortSheets::new(standard, selection),
        )?;
        let counted = gathered
            .gathered
            .finish(standard, &gathered.people, gathered.count.read);
        let groupings = groupings(self.by);
        output::emit_report(
            self.format,
            ctx.style,
            || report::cohort::report(standard, &counted, groupings),
            || Some(json::cohort(&counted, groupings)),
        )?;
        gathered.count.check()
    }
}
