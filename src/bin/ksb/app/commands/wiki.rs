//! `ksb wiki`: publishing to the wiki, pulling from it, and whether the two agree.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::wiki_publish::WikiPublishArgs;
use super::wiki_pull::WikiPullArgs;
use super::wiki_report::WikiReportArgs;
use super::wiki_status::WikiStatusArgs;
use crate::app::context::{Command, Globals};

/// Arguments of `ksb wiki`.
#[derive(Debug, Args)]
pub struct WikiArgs {
    /// The wiki's api.php, such as https://meta.miraheze.org/w/api.php (default: KSB_WIKI_URL, then `url` under [wiki] in the config file).
    #[arg(long, global = true, value_name = "URL")]
    pub wiki: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub action: WikiAction,
}

/// What `ksb wiki` does.
#[derive(Debug, Subcommand)]
pub enum WikiAction {
    /// Write a sheet's wikitext (as `ksb export --notes`) to its page, never over an edit made on the wiki since.
    #[command(
        after_help = "Examples:\n  ksb wiki publish me.toml\n  ksb wiki publish me.toml --page \"User:Me/KSB baseline\" --summary \"Baseline\"\n  ksb wiki publish me.toml --dry-run\n  ksb wiki publish me.toml --take-local K2 --take-wiki S1   settle what both sides changed"
    )]
    Publish(WikiPublishArgs),
    /// Read pages into sheets: titles, every page under a title prefix, or every page in a category.
    #[command(
        after_help = "Examples:\n  ksb wiki pull \"User:Alice/Tech Mentoring/Self-assessment 2026-11-25\" -o alice.toml\n  ksb wiki pull --prefix \"User:Alice/Tech Mentoring/\" -o alice/\n  ksb wiki pull --category \"Tech Mentoring 2026\" -o cohort/"
    )]
    Pull(WikiPullArgs),
    /// Publish the cohort's page: its figures by role focus and stack area, naming nobody unless sections that do are asked for.
    #[command(
        after_help = "Examples:\n  ksb wiki report cohort/ --page \"Tech Mentoring/Cohort 2026\"\n  ksb wiki report --category \"Tech Mentoring 2026\" --page \"Tech Mentoring/Cohort 2026\"\n  ksb wiki report cohort/ --page \"Tech Mentoring/Cohort 2026 (mentors)\" --with roster,heatmap,calibration"
    )]
    Report(WikiReportArgs),
    /// Whether a sheet's page is as ksb published it, older than the sheet, or edited on the wiki since.
    #[command(after_help = "Example:\n  ksb wiki status me.toml")]
    Status(WikiStatusArgs),
}

impl Command for WikiArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let url = self.wiki.as_deref();
        match self.action {
            WikiAction::Publish(action) => action.publish(ctx, url),
            WikiAction::Pull(action) => action.pull(ctx, url),
            WikiAction::Report(action) => action.report(ctx, url),
            WikiAction::Status(action) => action.status(ctx, url),
        }
    }
}
