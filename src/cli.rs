//! The command line: every command, flag and help text, and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  ksb standard                                  the 28 KSBs of the built-in standard
  ksb score me.toml --username Me --role-focus Generalist K1=2 S3=n/a
  ksb show me.toml                              the sheet and its summary tables
  ksb summary me.toml --by area --format json   figures for a script
  ksb summary cohort/ --format json             a cohort report over every sheet in cohort/";

/// Skills assessment against a KSB (Knowledge, Skills, Behaviours) standard.
///
/// Scores a participant 0–3 or N/A on each KSB of a standard (by default the Miraheze
/// Technology Mentoring Programme's 28 KSBs), keeps the sheet as a TOML file, and summarises
/// it by role focus, stack area and category.
#[derive(Debug, Parser)]
#[command(name = "ksb", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Use the standard in this YAML file instead of the built-in Miraheze standard.
    #[arg(long, global = true, value_name = "FILE")]
    pub standard: Option<PathBuf>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `ksb`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the KSBs of the standard in use, or check a standards file.
    #[command(
        after_help = "Examples:\n  ksb standard\n  ksb standard --format json\n  ksb standard --check my-programme.yaml"
    )]
    Standard(StandardArgs),
    /// Create or update a sheet from the command line (for scripts and quick edits).
    #[command(
        after_help = "Examples:\n  ksb score me.toml --username Me --role-focus \"MediaWiki Specialist\" K1=2 K2=3\n  ksb score me.toml S4=n/a --note S4=\"Not my area yet\"\n  ksb score me.toml --date 01/12/2026"
    )]
    Score(ScoreArgs),
    /// Show a sheet: the participant, every KSB with its score, then the summary tables.
    #[command(after_help = "Example:\n  ksb show me.toml")]
    Show(ShowArgs),
    /// Summary figures of a sheet, or a cohort report over many, by role focus, stack area and category.
    #[command(
        after_help = "Examples:\n  ksb summary me.toml\n  ksb summary me.toml --by role\n  ksb summary me.toml --format json\n  ksb summary cohort/                    every *.toml under cohort/, as one report\n  ksb summary a.toml b.toml --strict     stop at the first sheet that does not load"
    )]
    Summary(SummaryArgs),
}

/// Table for people, JSON for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    Table,
    /// JSON on stdout.
    Json,
}

/// Which grouping `ksb summary` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// By role focus.
    Role,
    /// By canonical stack area.
    Area,
    /// By Knowledge, Skills and Behaviours.
    Category,
    /// All three.
    All,
}

/// Arguments of `ksb standard`.
#[derive(Debug, Args)]
pub struct StandardArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Validate this standards file instead: exit 0 with a one-line count when it is good.
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
}

/// The participant header fields a command can set from flags.
#[derive(Debug, Clone, Default, Args)]
pub struct HeaderArgs {
    /// The participant's Miraheze username.
    #[arg(long, value_name = "U")]
    pub username: Option<String>,
    /// Preferred role focus (one of the standard's, e.g. "Infrastructure Specialist").
    #[arg(long, value_name = "R")]
    pub role_focus: Option<String>,
    /// Mentoring type (Mentee, Mentor or Peer Support); new sheets default to Mentee.
    #[arg(long, value_name = "T")]
    pub mentoring_type: Option<String>,
    /// Assessment type (Self-assessment, Mentor review or Final check); new sheets default to Self-assessment.
    #[arg(long, value_name = "A")]
    pub assessment_type: Option<String>,
    /// Date of the assessment as DD/MM/YYYY; new sheets default to today.
    #[arg(long, value_name = "DD/MM/YYYY")]
    pub date: Option<String>,
}

/// Arguments of `ksb score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The sheet to create or update (TOML).
    pub sheet: PathBuf,
    /// Participant header fields.
    #[command(flatten)]
    pub header: HeaderArgs,
    /// Scores to set, such as K1=2 or S4=n/a (0–3, na, n/a or N/A; ids in any case).
    #[arg(value_name = "ID=SCORE")]
    pub scores: Vec<String>,
    /// A note (evidence) on a KSB, such as K1="Ran the Swift rebalance"; an empty text removes it.
    #[arg(long = "note", value_name = "ID=TEXT")]
    pub notes: Vec<String>,
}

/// Arguments of `ksb show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The sheet to show.
    pub sheet: PathBuf,
}

/// Arguments of `ksb summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Sheets, or folders searched recursively for *.toml sheets; more than one sheet gives a cohort report.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Which grouping to show.
    #[arg(long, value_enum, default_value_t = By::All)]
    pub by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Stop at the first sheet that does not load, instead of reporting it and summarising the rest.
    #[arg(long)]
    pub strict: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
