//! `ksb standard`: list the standard in use (or write it for another system), or check a
//! standards file.

use std::path::Path;

use anyhow::Result;
use ksb::interop;
use ksb::render::json;
use ksb::report;
use ksb::Category;

use super::{Command, Context};
use crate::app::{output, sheet_io};
use crate::cli::{Format, StandardArgs};

/// `ksb standard --check FILE`: validates a standards file. It needs no user setting, so it
/// runs without reading the config file (a broken one cannot stop it).
pub fn check(path: &Path) -> Result<()> {
    let standard = sheet_io::load_standard(Some(path))?;
    let count = |c| standard.ksbs_in(c).count();
    output::emit(&format!(
                "{}: valid standard '{}' version {} with {} KSBs ({} knowledge, {} skills, {} behaviours)\n",
                path.display(),
                standard.id,
                standard.version,
                standard.ksbs.len(),
                count(Category::Knowledge),
                count(Category::Skill),
                count(Category::Behaviour)
            ))
}

impl Command for StandardArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        match self.format {
            Format::MoodleCsv => return output::emit(&interop::moodle::write(&standard)),
            Format::Case => {
                let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
                return output::emit(&interop::case::write(&standard, &now));
            }
            _ => {}
        }
        output::emit_report(
            self.format,
            ctx.style,
            || report::sheet::standard(&standard),
            || Some(json::standard(&standard)),
        )
    }
}
