//! `ksb chart`: a radar chart (SVG) of one participant's sheets, by stack area and role focus,
//! or a heatmap of a cohort, participants × KSBs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use ksb::figures::heatmap::HeatmapSheets;
use ksb::render::heatmap;
use ksb::render::svg::{self, Series};
use ksb::report::cohort::plural;
use ksb::{Sheet, Standard, Summary};

use crate::app::context::{Command, Globals};
use crate::app::stderr;
use crate::app::{cohort, output, output_file, sheet_io};
use crate::cli::SelectionArgs;
use clap::Args;

/// Arguments of `ksb chart`.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// One participant's sheets, each drawn as a polygon over the others in date order (self vs
    /// mentor, baseline to final), for a radar; a folder, or sheets of several participants, for a
    /// cohort heatmap. `-` reads one from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub sheets: Vec<PathBuf>,
    /// The SVG file to write (`-` for standard output) [default: beside the first SHEET, me.svg
    /// for me.toml, or me-3-sheets.svg for three sheets]. Never over a ksb sheet.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the chart file when it is already there (never a ksb sheet).
    #[arg(long)]
    pub force: bool,
    /// Draw the cohort heatmap (participants × KSBs) even of one or two sheets.
    #[arg(long)]
    pub heatmap: bool,
    /// For the heatmap: stop at the first sheet that does not load, instead of reporting it and drawing the rest.
    #[arg(long)]
    pub strict: bool,
    /// Which sheets the heatmap draws.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

impl Command for ChartArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        sheet_io::refuse_repeated_stdin(&self.sheets)?;
        match &self.output {
            Some(path) => warn_of_another_format(path),
            // A chart of standard input alone has no name to take: said before reading it.
            None => drop(default_output(&self.sheets, None)?),
        }
        let standard = ctx.standard()?;
        let folder = self.sheets.iter().any(|path| path.is_dir());
        if self.heatmap || folder {
            return self.heatmap(&standard);
        }
        let sheets = self
            .sheets
            .iter()
            .map(|path| sheet_io::load_sheet(path, &standard))
            .collect::<Result<Vec<_>>>()?;
        let (sheets, warnings): (Vec<Sheet>, Vec<Vec<String>>) =
            sheets.into_iter().map(sheet_io::Loaded::into_parts).unzip();
        if !one_participant(&sheets) {
            // The heatmap reads the sheets as a cohort, and says their warnings itself.
            return self.heatmap(&standard);
        }
        for warning in warnings.iter().flatten() {
            stderr::warn(warning);
        }
        let selection = &self.selection;
        if selection.assessment_type.is_some() || selection.as_of.is_some() || selection.all_sheets
        {
            bail!(
                "--type, --as-of and --all-sheets choose the sheets of a cohort heatmap: give a folder, sheets of several participants or --heatmap"
            );
        }
        self.radar(&standard, &sheets)
    }
}

impl ChartArgs {
    /// The radar of one participant's sheets, a polygon each in date order.
    fn radar(&self, standard: &Standard, sheets: &[Sheet]) -> Result<()> {
        let mut order: Vec<usize> = (0..sheets.len()).collect();
        order.sort_by_key(|&i| sheets[i].participant.date);
        let summaries: Vec<Summary> = order
            .iter()
            .map(|&i| Summary::of_sheet(standard, &sheets[i]))
            .collect();
        let series: Vec<Series> = order
            .iter()
            .zip(&summaries)
            .map(|(&i, summary)| Series {
                participant: &sheets[i].participant,
                summary,
            })
            .collect();
        let chart = svg::radar_chart(&format!("KSB profile: {}", standard.title), &series);
        let what = if sheets.len() == 1 {
            "1 sheet".to_string()
        } else {
            format!("{} sheets in date order", sheets.len())
        };
        let output = match &self.output {
            Some(path) => path.clone(),
            None => default_output(&self.sheets, None)?,
        };
        self.write(
            &output,
            &chart,
            &format!("{what} by stack area and role focus"),
            &self.sheets,
        )
    }

    /// The heatmap of a cohort: a row per participant (their latest sheet, or as the
    /// selection says), grouped by preferred role focus.
    fn heatmap(&self, standard: &Standard) -> Result<()> {
        let output = match &self.output {
            Some(path) => path.clone(),
            None => default_output(&self.sheets, Some("heatmap"))?,
        };
        let selection = self.selection.selection(standard)?;
        let sheets = cohort::list(&self.sheets)?;
        let gathering = HeatmapSheets::new(selection.clone());
        let gathered = cohort::gather(standard, &sheets, self.strict, gathering)?;
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
        self.write(&output, &chart, &format!("a heatmap of {what}"), &sheets)?;
        gathered.count.check()
    }

    /// Writes the chart (never over one of its sheets, nor over another file without
    /// `--force`) and says what was drawn.
    fn write(&self, output: &Path, chart: &str, what: &str, inputs: &[PathBuf]) -> Result<()> {
        if !output_file::write_output(output, chart.as_bytes(), inputs, "chart", self.force)? {
            return Ok(());
        }
        output::emit(&format!("Wrote {}: {what}\n", output.display()))
    }
}

/// Whether every sheet is of the first one's participant (a radar follows one person).
fn one_participant(sheets: &[Sheet]) -> bool {
    sheets.first().is_none_or(|first| {
        sheets
            .iter()
            .all(|sheet| sheet.participant.same_username(&first.participant))
    })
}

/// Where the chart goes without `-o`: beside the first path named by a file, `me.svg` for
/// `me.toml`, `self-3-sheets.svg` for three sheets from `self.toml` on, or with a `kind`
/// (`cohort-heatmap.svg` for the folder `cohort`).
fn default_output(paths: &[PathBuf], kind: Option<&str>) -> Result<PathBuf> {
    let Some(first) = paths.iter().find(|path| !sheet_io::is_stdin(path)) else {
        bail!(
            "a sheet read from standard input has no file name to name the chart after: \
             give -o FILE.svg (or -o - for standard output)"
        );
    };
    let stem = first
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "chart".to_string());
    let name = match (kind, paths.len()) {
        (Some(kind), _) => format!("{stem}-{kind}.svg"),
        (None, 1) => format!("{stem}.svg"),
        (None, n) => format!("{stem}-{n}-sheets.svg"),
    };
    Ok(first.with_file_name(name))
}

/// Warns when `-o` names a file of another image format: the chart is SVG whatever its name.
fn warn_of_another_format(path: &Path) {
    let Some(ext) = path.extension().map(|e| e.to_string_lossy().to_lowercase()) else {
        return;
    };
    if matches!(
        ext.as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "pdf"
    ) {
        stderr::warn(&format!(
            "'{}' will hold an SVG image, not {}: name it .svg, or convert it (e.g. `rsvg-convert chart.svg -o chart.png`)",
            path.display(),
            ext.to_uppercase()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_is_named_after_the_first_sheet_given_by_file() {
        let paths = |names: &[&str]| names.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            default_output(&paths(&["me.toml"]), None).unwrap(),
            Path::new("me.svg")
        );
        assert_eq!(
            default_output(
                &paths(&["sheets/self.toml", "review.toml", "final.toml"]),
                None
            )
            .unwrap(),
            Path::new("sheets/self-3-sheets.svg")
        );
        assert_eq!(
            default_output(&paths(&["-", "final.toml"]), None).unwrap(),
            Path::new("final-2-sheets.svg")
        );
        assert_eq!(
            default_output(&paths(&["cohort"]), Some("heatmap")).unwrap(),
            Path::new("cohort-heatmap.svg")
        );
        assert!(default_output(&paths(&["-"]), None).is_err());
    }
}
