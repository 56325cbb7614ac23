//! The command line: every command, flag and help text, and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  ksb standard                                  the 28 KSBs of the built-in standard
  ksb assess me.toml                            score all 28 KSBs at the terminal
  ksb score me.toml --username Me --role-focus Generalist K1=2 S3=n/a
  ksb show me.toml                              the sheet and its summary tables
  ksb summary me.toml --by area --format json   figures for a script";

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
    /// Score a sheet at the terminal, one KSB at a time, saving after every answer.
    #[command(
        after_help = "Keys at a KSB's prompt: 0 1 2 3 or n/na/n/a score it, Enter keeps the score in [brackets],\nb goes back, s skips, q saves and quits, ? shows the key.\n\nExamples:\n  ksb assess me.toml\n  ksb assess me.toml --username Me --role-focus \"MediaWiki Specialist\" --notes\n  ksb assess me.toml --all          go through every KSB again"
    )]
    Assess(AssessArgs),
    /// Review a self-assessment as the mentor: the same walk, the mentee's answers in view.
    #[command(
        after_help = "Each KSB shows the mentee's score and note; Enter alone agrees with the mentee's score.\nThe other keys are those of `ksb assess`.\n\nExamples:\n  ksb review me.toml                writes me-review.toml beside it\n  ksb review me.toml -o reviews/me-mentor.toml --notes"
    )]
    Review(ReviewArgs),
    /// Create or update a sheet from the command line (for scripts and quick edits).
    #[command(
        after_help = "Examples:\n  ksb score me.toml --username Me --role-focus \"MediaWiki Specialist\" K1=2 K2=3\n  ksb score me.toml S4=n/a --note S4=\"Not my area yet\"\n  ksb score me.toml --date 01/12/2026"
    )]
    Score(ScoreArgs),
    /// Show a sheet: the participant, every KSB with its score, then the summary tables.
    #[command(after_help = "Example:\n  ksb show me.toml")]
    Show(ShowArgs),
    /// Summary figures of a sheet by role focus, stack area and category.
    #[command(
        after_help = "Examples:\n  ksb summary me.toml\n  ksb summary me.toml --by role\n  ksb summary me.toml --format json"
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
    /// Mentoring type (Mentee, Mentor or Peer Support); for a new sheet `ksb score` defaults to Mentee and `ksb assess` asks.
    #[arg(long, value_name = "T")]
    pub mentoring_type: Option<String>,
    /// Assessment type (Self-assessment, Mentor review or Final check); for a new sheet `ksb score` defaults to Self-assessment and `ksb assess` asks.
    #[arg(long, value_name = "A")]
    pub assessment_type: Option<String>,
    /// Date of the assessment as DD/MM/YYYY; for a new sheet `ksb score` defaults to today and `ksb assess` asks.
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

/// Arguments of `ksb assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The sheet to score (TOML); created once the participant header is complete.
    pub sheet: PathBuf,
    /// Participant header fields; any not given and not in the sheet are asked for.
    #[command(flatten)]
    pub header: HeaderArgs,
    /// After each score, ask for an optional note (evidence for the mentor).
    #[arg(long)]
    pub notes: bool,
    /// Go through every KSB, offering its current score, instead of only the unscored ones.
    #[arg(long)]
    pub all: bool,
}

/// Arguments of `ksb review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The mentee's self-assessment sheet (only read, never changed).
    pub self_sheet: PathBuf,
    /// The review sheet to write or resume [default: SELF_SHEET with -review before the extension].
    #[arg(short, long, value_name = "REVIEW_SHEET")]
    pub output: Option<PathBuf>,
    /// After each score, ask for an optional note (the mentor's evidence).
    #[arg(long)]
    pub notes: bool,
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
    /// The sheet to summarise.
    pub sheet: PathBuf,
    /// Which grouping to show.
    #[arg(long, value_enum, default_value_t = By::All)]
    pub by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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
