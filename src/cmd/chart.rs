//! `ksb chart`: a radar chart (SVG) of one or two sheets, by stack area and role focus.

use anyhow::{bail, Context as _, Result};
use ksb::render::svg::{self, Series};
use ksb::{store, Summary};

use super::{Command, Context};
use crate::cli::ChartArgs;
use crate::{files, terminal};

impl Command for ChartArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        if self.sheets.iter().filter(|p| files::is_stdin(p)).count() > 1 {
            bail!("only one SHEET can be '-' (standard input)");
        }
        let standard = ctx.standard()?;
        let sheets = self
            .sheets
            .iter()
            .map(|path| files::load_sheet(path, &standard))
            .collect::<Result<Vec<_>>>()?;
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
        if files::is_stdin(&self.output) {
            return terminal::emit(&chart);
        }
        store::write_private(&self.output, chart.as_bytes())
            .with_context(|| format!("writing chart '{}'", self.output.display()))?;
        terminal::emit(&format!(
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
