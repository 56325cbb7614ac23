//! `ksb plan`: a development plan from one sheet.

use anyhow::Result;
use ksb::figures::plan::Plan;
use ksb::render::markdown::Markdown;
use ksb::render::wikitext::Wikitext;
use ksb::render::{markup, table};

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::{PlanArgs, PlanFormat};

impl Command for PlanArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let sheet = sheet_io::load_sheet(&self.sheet, &standard)?;
        let plan = Plan::of(&standard, &sheet);
        let participant = &sheet.participant;
        output::emit(&match self.format {
            PlanFormat::Table => table::plan(participant, &plan, ctx.style),
            PlanFormat::Markdown => markup::plan(&Markdown, participant, &plan),
            PlanFormat::Wikitext => markup::plan(&Wikitext, participant, &plan),
        })
    }
}
