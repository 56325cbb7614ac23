//! The command line's top: the global flags, the list of commands, and the flag groups several
//! commands share (each command's own arguments are in its file under `app/commands/`).

use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use ksb::figures::selection::Selection;
use ksb::model::assessment;
use ksb::Standard;

use crate::app::commands::{
    assess::AssessArgs, calibrate::CalibrateArgs, chart::ChartArgs, compare::CompareArgs,
    completions::CompletionsArgs, config::ConfigArgs, export::ExportArgs, import::ImportArgs,
    lock::LockArgs, man::ManArgs, plan::PlanArgs, progress::ProgressArgs, review::ReviewArgs,
    roster::RosterArgs, score::ScoreArgs, show::ShowArgs, standard::StandardArgs,
    summary::SummaryArgs, wiki::WikiArgs,
};

const EXAMPLES: &str = "\
Examples:
  ksb standard                                    the 28 KSBs of the built-in standard
  ksb assess me.toml                              score all 28 KSBs at the terminal
  ksb score me.toml --username Me --role-focus Generalist K1=2 S3=n/a
  ksb show me.toml                                the sheet and its summary tables
  ksb summary me.toml --by area --format json     figures for a script
  ksb export me.toml --notes -o me.wiki           wikitext to paste into a wiki page
  ksb import page.wiki -o me.toml                 a sheet filled in on the wiki, as a sheet file
  ksb review me.toml                              the mentor's review, into me-review.toml
  ksb compare me.toml me-review.toml              self-assessment against mentor review
  ksb progress baseline.toml final.toml           what moved over the programme
  ksb plan me.toml --format wikitext              a development plan for the wiki
  ksb lock baseline.toml                          keep a finished assessment as it is
  ksb summary cohort/ --format json               a cohort report over every sheet in cohort/
  ksb roster cohort/                              who has done what, and who waits for a review
  ksb calibrate cohort/                           where mentors and mentees disagree
  ksb chart self.toml mentor.toml -o profile.svg  a radar chart of one participant's sheets
  ksb config                                      your defaults and where each came from";

/// Skills assessment against a KSB (Knowledge, Skills, Behaviours) standard.
///
/// Scores a participant 0–3 or N/A on each KSB of a standard (by default the Miraheze
/// Technology Mentoring Programme's 28 KSBs), keeps the sheet as a TOML file, and summarises
/// it by role focus, stack area and category.
#[derive(Debug, Parser)]
#[command(name = "ksb", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Use the standard in this YAML file instead of the built-in Miraheze standard
    /// (default: KSB_STANDARD, then `standard` in the config file).
    #[arg(long, global = true, value_name = "FILE")]
    pub standard: Option<PathBuf>,

    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto
    )]
    pub color: ColorChoice,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `ksb`.
///
/// `defer`: each command's arguments are built only when that command runs (or for help,
/// completions and man pages), so a one-sheet command does not build all of them at start-up.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// List the KSBs of the standard in use, check a standards file, or import the standard's wiki page.
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  ksb standard\n  ksb standard --format json\n  ksb standard --check my-programme.yaml\n  ksb standard import standard-page.wiki -o standard.yaml"
    )]
    Standard(StandardArgs),
    /// Score a sheet at the terminal, one KSB at a time, saving after every answer.
    #[command(
        after_help = "Keys at a KSB's prompt: 0 1 2 3 or n/na/n/a score it, Enter keeps the score in [brackets],\nb goes back, s skips, q saves and quits, ? shows the key.\n\nExamples:\n  ksb assess me.toml\n  ksb assess me.toml --username Me --role-focus \"MediaWiki Specialist\" --notes\n  ksb assess me.toml --all          go through every KSB again"
    )]
    Assess(AssessArgs),
    /// Review a self-assessment as the mentor: the same walk, the mentee's answers in view.
    #[command(
        after_help = "Each KSB shows the mentee's score and note; Enter alone agrees with the mentee's score.\nThe other keys are those of `ksb assess`.\n\nExamples:\n  ksb review me.toml                writes me-review.toml beside it\n  ksb review me.toml -o reviews/me-mentor.toml --notes --reviewer MentorName"
    )]
    Review(ReviewArgs),
    /// Create or update a sheet from the command line (for scripts and quick edits).
    #[command(
        after_help = "Examples:\n  ksb score me.toml --username Me --role-focus \"MediaWiki Specialist\" K1=2 K2=3\n  ksb score me.toml S4=n/a --note S4=\"Not my area yet\"\n  ksb score me.toml --date 01/12/2026\n  ksb score me-review.toml --reviewer MentorName   who reviewed (an empty NAME removes it)"
    )]
    Score(ScoreArgs),
    /// Show a sheet: the participant, every KSB with its score, then the summary tables.
    #[command(after_help = "Example:\n  ksb show me.toml")]
    Show(ShowArgs),
    /// Summary figures of a sheet, or a cohort report over many, by role focus, stack area and category.
    #[command(
        after_help = "Examples:\n  ksb summary me.toml\n  ksb summary me.toml --by role\n  ksb summary me.toml --format json\n  ksb summary cohort/                    every *.toml under cohort/: each participant's latest sheet\n  ksb summary cohort/ --type mentor      each participant's latest mentor review\n  ksb summary cohort/ --as-of 01/12/2026 --format wikitext\n  ksb summary a.toml b.toml --strict     stop at the first sheet that does not load"
    )]
    Summary(SummaryArgs),
    /// The programme's roster: each participant, their latest sheet of each assessment type, and what needs doing.
    #[command(
        after_help = "Examples:\n  ksb roster cohort/\n  ksb roster cohort/ --format csv > roster.csv\n  ksb roster cohort/ --as-of 01/12/2026      as the roster stood on that day\n  ksb roster cohort/ --format wikitext"
    )]
    Roster(RosterArgs),
    /// Where mentors and mentees disagree: each self-assessment against the mentor review after it, over a cohort.
    #[command(
        after_help = "Examples:\n  ksb calibrate cohort/\n  ksb calibrate cohort/ --format json\n  ksb calibrate cohort/ --format markdown > calibration.md"
    )]
    Calibrate(CalibrateArgs),
    /// Export a sheet (or the blank sheet) as wikitext, Markdown, CSV or JSON.
    #[command(
        after_help = "Examples:\n  ksb export me.toml --notes --summary -o me.wiki\n  ksb export me.toml --format markdown\n  ksb export me.toml --format csv -o me.csv\n  ksb export cohort/ --format csv -o cohort.csv   a row per sheet and KSB, for a spreadsheet or pandas\n  ksb export --blank --format wikitext"
    )]
    Export(ExportArgs),
    /// Publish a sheet to the programme's wiki, pull sheets from it, or see if the two agree.
    #[command(
        after_help = "Examples:\n  ksb wiki publish me.toml                          to User:<you>/Tech Mentoring/<type> <date>\n  ksb wiki publish me.toml --dry-run                the change, as a diff, and nothing written\n  ksb wiki pull \"User:Alice/Tech Mentoring/Self-assessment 2026-11-25\" -o alice.toml\n  ksb wiki pull --prefix \"User:Alice/Tech Mentoring/\" -o cohort/\n  ksb wiki pull --category \"Tech Mentoring 2026\" -o cohort/ && ksb summary cohort/\n  ksb wiki status me.toml\n\nThe wiki: --wiki URL (its api.php), else KSB_WIKI_URL, else `url` under [wiki] in the config file."
    )]
    Wiki(WikiArgs),
    /// Read a sheet filled in on a wiki page (its wikitext, or the text copied off the page) into a sheet file.
    #[command(
        after_help = "Examples:\n  ksb import alice.wiki                          writes Alice-Self-assessment-2026-11-25.toml\n  ksb import alice.wiki -o alice.toml --force    replace the sheet imported before\n  ksb import - --username Alice --date 01/12/2026 < copied.txt\n  ksb import old-page.wiki --lenient             take what can be read, list what was skipped"
    )]
    Import(ImportArgs),
    /// Compare two sheets of the same standard, KSB by KSB and group by group.
    #[command(
        after_help = "Examples:\n  ksb compare me.toml me-review.toml\n  ksb compare baseline.toml final.toml --only-different\n  ksb compare me.toml me-review.toml --format json"
    )]
    Compare(CompareArgs),
    /// Several sheets of one participant in date order, with the distance travelled.
    #[command(
        after_help = "Examples:\n  ksb progress baseline.toml midpoint.toml final.toml\n  ksb progress *.toml --format json"
    )]
    Progress(ProgressArgs),
    /// Lock a finished assessment so that no command changes it, or unlock it.
    #[command(after_help = "Examples:\n  ksb lock baseline.toml\n  ksb lock --undo baseline.toml")]
    Lock(LockArgs),
    /// A development plan: what to work on next, and where the participant could mentor.
    #[command(
        after_help = "Examples:\n  ksb plan me.toml\n  ksb plan me.toml --format markdown > plan.md\n  ksb plan me.toml --format wikitext"
    )]
    Plan(PlanArgs),
    /// Draw a radar chart (SVG) of one participant's sheets (means by stack area and role focus), or a cohort's heatmap.
    #[command(
        after_help = "Examples:\n  ksb chart me.toml                 writes me.svg beside it\n  ksb chart self.toml mentor.toml -o self-vs-mentor.svg\n  ksb chart baseline.toml midpoint.toml final.toml -o - > progress.svg\n  ksb chart cohort/ -o cohort.svg        a heatmap: a row per participant, a column per KSB"
    )]
    Chart(ChartArgs),
    /// Show your defaults (config file and KSB_* environment variables) and where each came from.
    #[command(
        after_help = "Examples:\n  ksb config\n  ksb config --path                  where the config file is read from\n  KSB_USERNAME=Me ksb config\n\nPrecedence: flag > environment variable > config file > default."
    )]
    Config(ConfigArgs),
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  mkdir -p ~/.local/share/bash-completion/completions\n  ksb completions bash > ~/.local/share/bash-completion/completions/ksb\n  mkdir -p ~/.zfunc && ksb completions zsh > ~/.zfunc/_ksb\n  mkdir -p ~/.config/fish/completions && ksb completions fish > ~/.config/fish/completions/ksb.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of `ksb`, or write every page into a folder.
    #[command(
        after_help = "Examples:\n  ksb man | man -l -\n  ksb man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
}

/// When output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour, even in a pipe or with NO_COLOR set.
    Always,
    /// Never colour.
    Never,
}

/// Every output format of `ksb`; each command offers the ones it supports (see [`formats`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    Table,
    /// MediaWiki wikitext, to paste into a wiki page.
    Wikitext,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// CSV for a spreadsheet.
    Csv,
    /// JSON for scripts.
    Json,
}

/// The formats each command offers, in one place: adding a format to a command is one line.
pub mod formats {
    use super::Format::{self, *};

    /// `ksb standard`, `ksb compare`, `ksb progress`.
    pub const FIGURES: &[Format] = &[Table, Json];
    /// `ksb summary`, `ksb roster`, `ksb calibrate`: reports for the programme.
    pub const COHORT: &[Format] = &[Table, Json, Csv, Markdown, Wikitext];
    /// `ksb plan`.
    pub const PLAN: &[Format] = &[Table, Markdown, Wikitext];
    /// `ksb export`.
    pub const EXPORT: &[Format] = &[Wikitext, Markdown, Csv, Json];
}

/// A `--format` parser that accepts only `offered`, with their help in `--help`.
pub fn format_of(
    offered: &'static [Format],
) -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    let values = offered.iter().filter_map(ValueEnum::to_possible_value);
    PossibleValuesParser::new(values).try_map(|name: String| Format::from_str(&name, false))
}

/// The participant header fields a command can set from flags: `ksb score` and `ksb assess`
/// fill in or change a sheet's, `ksb import` fills in or replaces what the page says.
#[derive(Debug, Clone, Default, Args)]
pub struct HeaderArgs {
    /// The participant's Miraheze username (a new sheet defaults to KSB_USERNAME, then the config file; `ksb import` takes it over the page's).
    #[arg(long, value_name = "U")]
    pub username: Option<String>,
    /// Preferred role focus, e.g. "Infrastructure Specialist" (a new sheet defaults to KSB_ROLE_FOCUS, then the config file; `ksb import` takes it over the page's).
    #[arg(long, value_name = "R")]
    pub role_focus: Option<String>,
    /// Mentoring type: Mentee, Mentor or Peer Support (a new sheet defaults to KSB_MENTORING_TYPE, then the config file; then `ksb score` takes Mentee and `ksb assess` asks; `ksb import` takes it over the page's).
    #[arg(long, value_name = "T")]
    pub mentoring_type: Option<String>,
    /// Assessment type (Self-assessment, Mentor review or Final check); for a new sheet `ksb score` defaults to Self-assessment and `ksb assess` asks; `ksb import` takes it over the page's.
    #[arg(long, value_name = "A")]
    pub assessment_type: Option<String>,
    /// Date of the assessment as DD/MM/YYYY (or YYYY-MM-DD, as sheets store it); for a new sheet `ksb score` defaults to today and `ksb assess` asks; `ksb import` takes it over the page's.
    #[arg(long, value_name = "DD/MM/YYYY")]
    pub date: Option<String>,
}

/// The sheets a cohort report reads and how it shows them: what `ksb roster` and
/// `ksb calibrate` take.
#[derive(Debug, Args)]
pub struct CohortArgs {
    /// Sheets (`-` reads one from standard input), or folders searched recursively for *.toml sheets.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::COHORT))]
    pub format: Format,
    /// Stop at the first sheet that does not load, instead of reporting it and going on with the rest.
    #[arg(long)]
    pub strict: bool,
    /// Count only sheets dated on or before this day: the cohort as it stood then.
    #[arg(long, value_name = "DD/MM/YYYY", value_parser = day)]
    pub as_of: Option<NaiveDate>,
}

/// Which of each participant's sheets a cohort report counts.
#[derive(Debug, Clone, Default, Args)]
pub struct SelectionArgs {
    /// Count each participant's latest sheet of this assessment type: self, mentor or final (or the full name, such as "Mentor review"); participants without one are listed as missing.
    #[arg(long = "type", value_name = "TYPE")]
    pub assessment_type: Option<String>,
    /// Count only sheets dated on or before this day: each participant's latest as it stood then.
    #[arg(long, value_name = "DD/MM/YYYY", value_parser = day)]
    pub as_of: Option<NaiveDate>,
    /// Count every sheet read as if it were a participant, instead of each participant's latest.
    #[arg(long)]
    pub all_sheets: bool,
}

impl SelectionArgs {
    /// The selection `--type`, `--as-of` and `--all-sheets` ask for, the type resolved to the
    /// standard's spelling.
    pub fn selection(&self, standard: &Standard) -> Result<Selection> {
        let assessment_type = match &self.assessment_type {
            Some(text) => Some(assessment_type(standard, text)?),
            None => None,
        };
        Ok(Selection {
            assessment_type,
            as_of: self.as_of,
            all_sheets: self.all_sheets,
        })
    }
}

/// The assessment type `--type` names: one of the standard's, or its short name.
fn assessment_type(standard: &Standard, text: &str) -> Result<String> {
    match assessment::named(standard, text) {
        Some(kind) => Ok(kind.to_string()),
        None => {
            let short: Vec<&str> = assessment::SHORT_NAMES
                .iter()
                .filter(|(_, full)| standard.assessment_type(full).is_some())
                .map(|(short, _)| *short)
                .collect();
            bail!(
                "--type '{text}' is not an assessment type: one of {}{}",
                short.join(", "),
                standard
                    .assessment_types
                    .iter()
                    .map(|kind| format!(", {kind}"))
                    .collect::<String>()
            )
        }
    }
}

/// A DD/MM/YYYY day on the command line.
fn day(text: &str) -> Result<NaiveDate, String> {
    ksb::model::date::parse_dmy(text).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_an_example() {
        for command in Cli::command().get_subcommands() {
            let help = command.get_after_help().map(ToString::to_string);
            assert!(
                help.as_deref().is_some_and(|h| h.contains("ksb ")),
                "`ksb {}` has no example",
                command.get_name()
            );
        }
    }
}
