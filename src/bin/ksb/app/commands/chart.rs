//! `ksb chart`: a radar chart (SVG) of one or two sheets, by stack area and role focus, or a
//! heatmap of a cohort, participants × KSBs.

use std::path::PathBuf;

use anyhow::{bail, Result};
use ksb::figures::heatmap::HeatmapSheets;
use ksb::render::heatmap;
use ksb::render::svg::{self, Series};
use ksb::report::cohort::plural;
use ksb::{Standard, Summary};

use super::{Command, Context};
use crate::app::{cohort_io, output, sheet_io};
use crate::cli::ChartArgs;

impl Command for ChartArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        sheet_io::refuse_repeated_stdin(&self.sheets)?;
        let standard = ctx.standard()?;
        let folder = self.sheets.iter().any(|path| path.is_dir());
        if self.heatmap || folder || self.sheets.len() > 2 {
            return self.heatmap(&standard);
        }
        let selection = &self.selection;
        if selection.assessment_type.is_some() || selection.as_of.is_some() || selection.all_sheets
        {
            bail!(
                "--type, --as-of and --all-sheets choose the sheets of a cohort heatmap: give a folder, more than two sheets or --heatmap"
            );
        }
        self.radar(&standard)
    }
}

impl ChartArgs {
    /// The radar of one or two sheets.
    fn radar(&self, standard: &Standard) -> Result<()> {
        let sheets = self
            .sheets
            .iter()
            .map(|path| sheet_io::load_sheet(path, standard))
            .collect::<Result<Vec<_>>>()?;
        let sheets: Vec<_> = sheets.into_iter().map(sheet_io::Loaded::warn).collect();
        let summaries: Vec<Summary> = sheets
            .iter()
            .map(|sheet| Summary::of_sheet(standard, sheet))
            .collect();
        let series: Vec<Series> = sheets
            .iter()
            .zip(&summaries)
            .map(|(sheet, summary)| Series {
                participant: &sheet.participant,
                summary,
            })
            .collect();
        let chart = svg::radar_chart(&format!("KSB profile: {}", standard.title), &series);
        self.write(
            &chart,
            &format!(
                "{} by stack area and role focus",
                plural(sheets.len(), "sheet")
            ),
            &self.sheets,
        )
    }

    /// The heatmap of a cohort: a row per participant (their latest sheet, or as the
    /// selection says), grouped by preferred role focus.
    fn heatmap(&self, standard: &Standard) -> Result<()> {
        let selection = cohort_io::selection(&self.selection, standard)?;
        let sheets = cohort_io::list(&self.sheets)?;
        let gathering = HeatmapSheets::new(selection.clone());
        let gathered = cohort_io::gather(standard, &sheets, self.strict, gathering)?;
        let groups = gathered.gathered.finish(standard);
        let rows: usize = groups.iter().map(|group| group.rows.len()).sum();
        let what = if selection.all_sheets {
            plural(rows, "sheet")
        } else {
            plural(rows, "participant")
        };
        let subtitle = format!(
            "{what} ({} read; {}), by preferred role focus",
            plural(gathered.count.read, "sheet"),
            selection.describe()
        );
        let chart = heatmap::heatmap(
            standard,
            &format!("KSB heatmap: {}", standard.title),
            &subtitle,
            &groups,
        );
        self.write(&chart, &format!("a heatmap of {what}"), &sheets)?;
        gathered.count.check()
    }

    /// Writes the chart to `-o` (never over one of its sheets) and says what was drawn.
    fn write(&self, chart: &str, what: &str, inputs: &[PathBuf]) -> Result<()> {
        if !sheet_io::write_output(&self.output, chart.as_bytes(), inputs, "chart")? {
            return Ok(());
        }
        output::emit(&format!("Wrote {}: {what}\n", self.output.display()))
    }
}
