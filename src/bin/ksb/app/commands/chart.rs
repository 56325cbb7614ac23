//! `ksb chart`: a radar chart (SVG) of one participant's sheets, by stack area and role focus.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use ksb::render::svg::{self, Series};
use ksb::{Sheet, Summary};

use super::{Command, Context};
use crate::app::{output, output_file, sheet_io};
use crate::cli::ChartArgs;

impl Command for ChartArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        sheet_io::refuse_repeated_stdin(&self.sheets)?;
        let output = match &self.output {
            Some(path) => {
                warn_of_another_format(path);
                path.clone()
            }
            None => default_output(&self.sheets)?,
        };
        let standard = ctx.standard()?;
        let sheets = self
            .sheets
            .iter()
            .map(|path| sheet_io::load_sheet(path, &standard))
            .collect::<Result<Vec<_>>>()?;
        let sheets: Vec<Sheet> = sheets.into_iter().map(sheet_io::Loaded::warn).collect();
        refuse_other_participants(&self.sheets, &sheets)?;
        let mut order: Vec<usize> = (0..sheets.len()).collect();
        order.sort_by_key(|&i| sheets[i].participant.date);
        let summaries: Vec<Summary> = order
            .iter()
            .map(|&i| Summary::of_sheet(&standard, &sheets[i]))
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
        let written = output_file::write_output(
            &output,
            chart.as_bytes(),
            &self.sheets,
            "chart",
            self.force,
        )?;
        if !written {
            return Ok(());
        }
        output::emit(&format!(
            "Wrote {}: {} by stack area and role focus\n",
            output.display(),
            if sheets.len() == 1 {
                "1 sheet".to_string()
            } else {
                format!("{} sheets in date order", sheets.len())
            }
        ))
    }
}

/// Where the chart goes without `-o`: beside the first sheet named by a file, `me.svg` for
/// `me.toml`, or `self-3-sheets.svg` for three sheets from `self.toml` on.
fn default_output(sheets: &[PathBuf]) -> Result<PathBuf> {
    let Some(first) = sheets.iter().find(|path| !sheet_io::is_stdin(path)) else {
        bail!(
            "a sheet read from standard input has no file name to name the chart after: \
             give -o FILE.svg (or -o - for standard output)"
        );
    };
    let stem = first
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "chart".to_string());
    let name = match sheets.len() {
        1 => format!("{stem}.svg"),
        n => format!("{stem}-{n}-sheets.svg"),
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
        output::warn(&format!(
            "'{}' will hold an SVG image, not {}: name it .svg, or convert it (e.g. `rsvg-convert chart.svg -o chart.png`)",
            path.display(),
            ext.to_uppercase()
        ));
    }
}

/// Refuses sheets of more than one participant: a radar chart follows one person's sheets.
fn refuse_other_participants(paths: &[PathBuf], sheets: &[Sheet]) -> Result<()> {
    let first = &sheets[0].participant;
    if let Some((path, other)) = paths
        .iter()
        .zip(sheets)
        .find(|(_, sheet)| !sheet.participant.same_username(first))
    {
        bail!(
            "{} is a sheet of '{}' but {} is a sheet of '{}': a radar chart follows one participant's sheets (chart each participant apart; `ksb summary PATH...` reports on a cohort)",
            sheet_io::name(path),
            other.participant.username,
            sheet_io::name(&paths[0]),
            first.username
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_is_named_after_the_first_sheet_given_by_file() {
        let paths = |names: &[&str]| names.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            default_output(&paths(&["me.toml"])).unwrap(),
            Path::new("me.svg")
        );
        assert_eq!(
            default_output(&paths(&["sheets/self.toml", "review.toml", "final.toml"])).unwrap(),
            Path::new("sheets/self-3-sheets.svg")
        );
        assert_eq!(
            default_output(&paths(&["-", "final.toml"])).unwrap(),
            Path::new("final-2-sheets.svg")
        );
        assert!(default_output(&paths(&["-"])).is_err());
    }
}
