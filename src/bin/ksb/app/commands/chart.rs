//! `ksb chart`: a radar chart (SVG) of one or two sheets, by stack area and role focus.

use anyhow::Result;
use ksb::render::svg::{self, Series};
use ksb::Summary;

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::ChartArgs;

impl Command for ChartArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        sheet_io::refuse_repeated_stdin(&self.sheets)?;
        let standard = ctx.standard()?;
        let sheets = self
            .sheets
            .iter()
            .map(|path| sheet_io::load_sheet(path, &standard))
            .collect::<Result<Vec<_>>>()?;
        let sheets: Vec<_> = sheets.into_iter().map(sheet_io::Loaded::warn).collect();
        let summaries: Vec<Summary> = sheets
            .iter()
            .map(|sheet| Summary::of_sheet(&standard, sheet))
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
        if !sheet_io::write_output(&self.output, chart.as_bytes(), &self.sheets, "chart")? {
            return Ok(());
        }
        output::emit(&format!(
            "Wrote {}: {} by stack area and role focus\n",
            self.output.display(),
            if sheets.len() == 1 {
                "1 sheet".to_string()
            } else {
                format!("{} sheets", sheets.len())
            }
        ))
    }
}
