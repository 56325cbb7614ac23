//! The arguments of `ksb wiki`: publishing to the wiki and pulling from it.

use std::path::PathBuf;

use clap::{Args, Subcommand};

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
    /// Whether a sheet's page is as ksb published it, older than the sheet, or edited on the wiki since.
    #[command(after_help = "Example:\n  ksb wiki status me.toml")]
    Status(WikiStatusArgs),
}

/// Arguments of `ksb wiki publish`.
#[derive(Debug, Args)]
pub struct WikiPublishArgs {
    /// The sheet to publish.
    pub sheet: PathBuf,
    /// The page to write [default: the page the sheet was published to, else the `page` template under [wiki] (KSB_WIKI_PAGE), else "User:{username}/Tech Mentoring/{assessment_type} {date}"].
    #[arg(long, value_name = "TITLE")]
    pub page: Option<String>,
    /// The edit summary [default: what changed, such as "ksb: K3 2→3, 4 notes"].
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// Show the change as a diff against the page as it is, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Where the sheet and the page both changed the same KSB differently, keep the sheet's (the same as --take-local all); also create a page deleted since, or add the sheet to a page that holds none. The page's other text is always kept.
    #[arg(long)]
    pub force: bool,
    /// Where the sheet and the page both changed these differently, take the page's value: KSB ids, header fields (username, role-focus, mentoring-type, assessment-type, date, reviewer) or all; comma-separated or repeated.
    #[arg(long, value_name = "KSB", value_delimiter = ',')]
    pub take_wiki: Vec<String>,
    /// Where the sheet and the page both changed these differently, keep the sheet's value: KSB ids, header fields or all.
    #[arg(long, value_name = "KSB", value_delimiter = ',')]
    pub take_local: Vec<String>,
}

/// Arguments of `ksb wiki pull`.
#[derive(Debug, Args)]
pub struct WikiPullArgs {
    /// Page titles, such as "User:Alice/Tech Mentoring/Self-assessment 2026-11-25".
    #[arg(value_name = "TITLE", required_unless_present_any = ["prefix", "category"], conflicts_with_all = ["prefix", "category"])]
    pub titles: Vec<String>,
    /// Every page whose title starts with this, namespace included, such as "User:Alice/Tech Mentoring/".
    #[arg(long, value_name = "PREFIX", conflicts_with = "category")]
    pub prefix: Option<String>,
    /// Every page in this category (with or without "Category:").
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// The sheet to write for one title, or the folder for many [default: the sheets folder; each sheet named <username>-<assessment type>-<date>.toml].
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Where the sheet and the page both changed the same KSB differently, take the page's (the same as --take-wiki all); also pull into a sheet that is not from this page. What the page does not carry (retired scores, `reviews`, comments) is always kept.
    #[arg(long)]
    pub force: bool,
    /// Where the sheet and the page both changed these differently, take the page's value: KSB ids, header fields (username, role-focus, mentoring-type, assessment-type, date, reviewer) or all; comma-separated or repeated.
    #[arg(long, value_name = "KSB", value_delimiter = ',')]
    pub take_wiki: Vec<String>,
    /// Where the sheet and the page both changed these differently, keep the sheet's value: KSB ids, header fields or all.
    #[arg(long, value_name = "KSB", value_delimiter = ',')]
    pub take_local: Vec<String>,
}

/// Arguments of `ksb wiki status`.
#[derive(Debug, Args)]
pub struct WikiStatusArgs {
    /// The sheet to check against its page.
    pub sheet: PathBuf,
}
