//! The arguments of `ksb import`: a sheet read from a wiki page.

use std::path::PathBuf;

use clap::Args;

/// Arguments of `ksb import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The page: its wikitext (`ksb export` output or a hand-filled sheet), or the text copied off the page; `-` reads standard input.
    pub page: PathBuf,
    /// The sheet to write (TOML) [default: <sheets folder>/<username>-<assessment type>-<date>.toml, as `ksb assess` names it].
    #[arg(short, long, value_name = "SHEET")]
    pub output: Option<PathBuf>,
    /// Replace the sheet if it exists (only a sheet ksb can read, and never a locked one).
    #[arg(long)]
    pub force: bool,
    /// Import what can be read and list what was skipped, instead of refusing the page over any problem.
    #[arg(long)]
    pub lenient: bool,
    /// Header fields the page leaves blank, or replacing what it says.
    #[command(flatten)]
    pub header: ImportHeaderArgs,
}

/// The participant header fields `ksb import` takes from flags: each fills in a field the page
/// leaves blank, or replaces what the page says.
#[derive(Debug, Clone, Default, Args)]
pub struct ImportHeaderArgs {
    /// The participant's Miraheze username, instead of the page's `Username:`.
    #[arg(long, value_name = "U")]
    pub username: Option<String>,
    /// Preferred role focus, instead of the page's.
    #[arg(long, value_name = "R")]
    pub role_focus: Option<String>,
    /// Mentoring type (Mentee, Mentor or Peer Support), instead of the page's.
    #[arg(long, value_name = "T")]
    pub mentoring_type: Option<String>,
    /// Assessment type (Self-assessment, Mentor review or Final check), instead of the page's.
    #[arg(long, value_name = "A")]
    pub assessment_type: Option<String>,
    /// Date of the assessment as DD/MM/YYYY, instead of the page's.
    #[arg(long, value_name = "DD/MM/YYYY")]
    pub date: Option<String>,
}
