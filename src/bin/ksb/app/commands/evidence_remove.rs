//! `ksb evidence remove`: an evidence item taken off a sheet; the others keep their numbers.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;
use ksb::model::evidence::EvidenceNumber;

use super::evidence::change_sheet;
use crate::app::context::Context;
use crate::app::output;

/// Arguments of `ksb evidence remove`.
#[derive(Debug, Args)]
pub struct EvidenceRemoveArgs {
    /// The sheet.
    pub sheet: PathBuf,
    /// The item's number (`ksb evidence list` shows them).
    #[arg(value_name = "N")]
    pub number: EvidenceNumber,
}

impl EvidenceRemoveArgs {
    /// Runs `ksb evidence remove`.
    pub fn remove(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let path = &self.sheet;
        let removed = change_sheet(path, &standard, "evidence remove", |sheet| {
            sheet
                .remove_evidence(self.number)
                .with_context(|| format!("removing evidence from sheet '{}'", path.display()))
        })?;
        output::emit(&output::printable(&format!(
            "Removed evidence {} from {}: {}\n",
            removed.number,
            path.display(),
            removed.text
        )))
    }
}
