//! `ksb summary`: figures by role focus, stack area and category.

use anyhow::Result;
use ksb::render::{json, table};
use ksb::{Grouping, Summary};

use super::{Command, Context};
use crate::cli::{By, Format, SummaryArgs};
use crate::{files, terminal};

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
        let standard = ctx.standard()?;
        let sheet = files::load_sheet(&self.sheet, &standard)?;
        let summary = Summary::of_sheet(&standard, &sheet);
        let groupings = groupings(self.by);
        match self.format {
            Format::Table => {
                let mut out = table::participant(&sheet.participant);
                out.push_str(&table::summary(&standard, &summary, groupings, ctx.style));
                terminal::emit(&out)
            }
            Format::Json => {
                let value = json::summary(Some(&sheet.participant), &summary, groupings);
                terminal::emit(&format!("{value:#}\n"))
            }
        }
    }
}
