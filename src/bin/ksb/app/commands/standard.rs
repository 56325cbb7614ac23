//! `ksb standard`: list the standard in use (or write it for another system), or check a
//! standards file.

use std::path::Path;

use anyhow::Result;
use ksb::interop;
use ksb::render::json;
use ksb::report;
use ksb::Category;

use super::standard_import::StandardImportArgs;
use crate::app::context::{Command, Globals};
use crate::app::{output, sheet_io};
use crate::cli::{format_of, formats, Format};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Arguments of `ksb standard`.
#[derive(Debug, Args)]
pub struct StandardArgs {
    /// Output format: a table, JSON, or the standard as another system imports it (moodle-csv, case).
    #[arg(long, default_value = "table", value_parser = format_of(formats::STANDARD))]
    pub format: Format,
    /// Validate this standards file instead: exit 0 with a one-line count when it is good.
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
    /// Import the standard's wiki page instead.
    #[command(subcommand)]
    pub action: Option<StandardAction>,
}

/// What `ksb standard` can do besides listing and checking.
#[derive(Debug, Subcommand)]
pub enum StandardAction {
    /// Read the standard's wiki page (its table of KSBs) into a standard YAML file, keeping ids stable.
    #[command(
        after_help = "Examples:\n  ksb standard import standard-page.wiki                     YAML on stdout, changes on stderr\n  ksb standard import page.wiki --base mine.yaml -o mine.yaml --force\n  ksb standard import page.wiki --category skill -o new.yaml  new KSBs without a section row are skills\n  ksb standard import framework.csv -o standard.yaml          a Moodle framework (or a CASE package, .json)"
    )]
    Import(StandardImportArgs),
}

/// `ksb standard --check FILE`: validates a standards file. It needs no user setting, so it
/// runs without reading the config file (a broken one cannot stop it).
fn check(path: &Path) -> Result<()> {
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
    fn run(self, globals: Globals) -> Result<()> {
        if let Some(path) = &self.check {
            return check(path);
        }
        if let Some(StandardAction::Import(args)) = self.action {
            return args.run(globals);
        }
        let ctx = &globals.context()?;
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
