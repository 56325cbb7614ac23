//! `ksb standard`: list the standard in use, or check a standards file.

use anyhow::Result;
use ksb::render::{json, table};
use ksb::Category;

use super::{Command, Context};
use crate::cli::{Format, StandardArgs};
use crate::{files, terminal};

impl Command for StandardArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        if let Some(path) = &self.check {
            let standard = files::load_standard(Some(path))?;
            let count = |c| standard.ksbs_in(c).count();
            return terminal::emit(&format!(
                "{}: valid standard '{}' version {} with {} KSBs ({} knowledge, {} skills, {} behaviours)\n",
                path.display(),
                standard.id,
                standard.version,
                standard.ksbs.len(),
                count(Category::Knowledge),
                count(Category::Skill),
                count(Category::Behaviour)
            ));
        }
        let standard = ctx.standard()?;
        match self.format {
            Format::Table => terminal::emit(&table::standard(&standard, ctx.style)),
            Format::Json => terminal::emit(&format!("{:#}\n", json::standard(&standard))),
        }
    }
}
