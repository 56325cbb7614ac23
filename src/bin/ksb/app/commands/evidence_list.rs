//! `ksb evidence list`: a sheet's evidence items as a table, or as JSON for scripts.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use ksb::render::json;
use ksb::report::evidence_list;

use crate::app::context::Context;
use crate::app::output;
use crate::app::sheet_io;
use crate::cli::{format_of, formats, Format};

/// Arguments of `ksb evidence list`.
#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// The sheet (`-` reads it from standard input).
    pub sheet: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::FIGURES))]
    pub format: Format,
}

impl EvidenceListArgs {
    /// Runs `ksb evidence list`.
    pub fn list(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?.warn();
        output::emit_report(
            self.format,
            ctx.style,
            || evidence_list::report(&sheet),
            || Some(json::evidence(sheet.evidence())),
        )
    }
}
