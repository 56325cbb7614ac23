//! `ksb export`: a sheet, or the blank sheet, as wikitext, Markdown, CSV or JSON.

use anyhow::{bail, Context as _, Result};
use ksb::render::csv::Csv;
use ksb::render::export::{ExportDoc, Exporter};
use ksb::render::json::Json;
use ksb::render::markdown::Markdown;
use ksb::render::wikitext::Wikitext;

use super::{Command, Context};
use crate::app::{output, output_file, sheet_io};
use crate::cli::{ExportArgs, Format};

/// The exporter of each format.
fn exporter(format: Format) -> Result<Box<dyn Exporter>> {
    Ok(match format {
        Format::Wikitext => Box::new(Wikitext),
        Format::Markdown => Box::new(Markdown),
        Format::Csv => Box::new(Csv),
        Format::Json => Box::new(Json),
        Format::Table => bail!("`ksb export` writes a file format: use `ksb show` for tables"),
    })
}

impl Command for ExportArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        if self.summary && self.format == Format::Csv {
            bail!(
                "--summary does not fit CSV's one row per KSB: use --format json for the figures"
            );
        }
        let standard = ctx.standard()?;
        let sheet = match &self.sheet {
            Some(path) => Some(sheet_io::load_sheet(path, &standard)?.warn()),
            None => None,
        };
        let doc = ExportDoc {
            standard: &standard,
            sheet: sheet.as_ref(),
            notes: self.notes,
            summary: self.summary,
        };
        let bytes = exporter(self.format)?
            .export(&doc)
            .context("rendering the export")?;
        match &self.output {
            Some(path) => {
                let inputs: Vec<_> = self.sheet.iter().cloned().collect();
                output_file::write_output(path, &bytes, &inputs, "export", self.force).map(drop)
            }
            None => output::emit_bytes(&bytes),
        }
    }
}
