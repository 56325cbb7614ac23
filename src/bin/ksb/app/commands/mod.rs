//! The command line and its one dispatch: the global flags, the list of commands, and one file
//! per command holding its arguments (clap derive) and its run, behind the small
//! [`Command`](crate::app::context::Command) trait.

pub mod assess;
pub mod calibrate;
pub mod chart;
pub mod compare;
pub mod completions;
pub mod config;
pub mod evidence;
pub mod evidence_add;
pub mod evidence_check;
pub mod evidence_list;
pub mod evidence_remove;
pub mod export;
pub mod import;
pub mod lock;
pub mod man;
pub mod plan;
pub mod progress;
pub mod review;
pub mod roster;
pub mod score;
pub mod show;
pub mod standard;
pub mod standard_import;
pub mod summary;
pub mod wiki;
pub mod wiki_publish;
pub mod wiki_pull;
pub mod wiki_report;
pub mod wiki_status;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::app::context::{Command as _, Globals};
use crate::cli::ColorChoice;
use assess::AssessArgs;
use calibrate::CalibrateArgs;
use chart::ChartArgs;
use compare::CompareArgs;
use completions::CompletionsArgs;
use config::ConfigArgs;
use evidence::EvidenceArgs;
use export::ExportArgs;
use import::ImportArgs;
use lock::LockArgs;
use man::ManArgs;
use plan::PlanArgs;
use progress::ProgressArgs;
use review::ReviewArgs;
use roster::RosterArgs;
use score::ScoreArgs;
use show::ShowArgs;
use standard::StandardArgs;
use summary::SummaryArgs;
use wiki::WikiArgs;

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
  ksb evidence list me.toml                       evidence items: a line, a link, the KSBs
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
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL_OPTIONS)]
    pub standard: Option<PathBuf>,

    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto,
        help_heading = GLOBAL_OPTIONS
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
        after_help = "Examples:\n  ksb standard\n  ksb standard --format json\n  ksb standard --format moodle-csv > framework.csv\n  ksb standard --format case > framework.json\n  ksb standard --check my-programme.yaml\n  ksb standard import standard-page.wiki -o standard.yaml\n  ksb standard import framework.csv -o standard.yaml"
    )]
    Standard(Own<StandardArgs>),
    /// Score a sheet at the terminal, one KSB at a time, saving after every answer.
    #[command(
        after_help = "Keys at a KSB's prompt: 0 1 2 3 or n/na/n/a score it, Enter keeps the score in [brackets],\nb goes back, s skips, q saves and quits, ? shows the key.\n\nExamples:\n  ksb assess me.toml\n  ksb assess me.toml --username Me --role-focus \"MediaWiki Specialist\" --notes\n  ksb assess me.toml --all          go through every KSB again"
    )]
    Assess(Own<AssessArgs>),
    /// Review a self-assessment as the mentor: the same walk, the mentee's answers in view.
    #[command(
        after_help = "Each KSB shows the mentee's score and note; Enter alone agrees with the mentee's score.\nThe other keys are those of `ksb assess`.\n\nExamples:\n  ksb review me.toml                writes me-review.toml beside it\n  ksb review me.toml -o reviews/me-mentor.toml --notes --reviewer MentorName"
    )]
    Review(Own<ReviewArgs>),
    /// Evidence on a sheet: add, list or remove items (a line, a link, the KSBs they support), or record a mentor's verdict.
    #[command(
        after_help = "Examples:\n  ksb evidence add me.toml --ksb K3,S2 --link T12345 \"Ran the Swift replication check\"\n  ksb evidence list me.toml\n  ksb evidence remove me.toml 3\n  ksb evidence check me.toml 1 --reviewer MentorName --questioned --comment \"Whose task is it?\""
    )]
    Evidence(Own<EvidenceArgs>),
    /// Create or update a sheet from the command line (for scripts and quick edits).
    #[command(
        after_help = "Examples:\n  ksb score me.toml --username Me --role-focus \"MediaWiki Specialist\" K1=2 K2=3\n  ksb score me.toml S4=n/a --note S4=\"Not my area yet\"\n  ksb score me.toml --date 01/12/2026\n  ksb score me-review.toml --reviewer MentorName   who reviewed (an empty NAME removes it)"
    )]
    Score(Own<ScoreArgs>),
    /// Show a sheet: the participant, every KSB with its score, then the summary tables.
    #[command(after_help = "Example:\n  ksb show me.toml")]
    Show(Own<ShowArgs>),
    /// Summary figures of a sheet, or a cohort report over many, by role focus, stack area and category.
    #[command(
        after_help = "Examples:\n  ksb summary me.toml\n  ksb summary me.toml --by role\n  ksb summary me.toml --format json\n  ksb summary cohort/                    every *.toml under cohort/: each participant's latest sheet\n  ksb summary cohort/ --type mentor      each participant's latest mentor review\n  ksb summary cohort/ --as-of 01/12/2026 --format wikitext\n  ksb summary a.toml b.toml --strict     stop at the first sheet that does not load"
    )]
    Summary(Own<SummaryArgs>),
    /// The programme's roster: each participant, their latest sheet of each assessment type, and what needs doing.
    #[command(
        after_help = "Examples:\n  ksb roster cohort/\n  ksb roster cohort/ --format csv > roster.csv\n  ksb roster cohort/ --as-of 01/12/2026      as the roster stood on that day\n  ksb roster cohort/ --format wikitext"
    )]
    Roster(Own<RosterArgs>),
    /// Where mentors and mentees disagree: each self-assessment against the mentor review after it, over a cohort.
    #[command(
        after_help = "Examples:\n  ksb calibrate cohort/\n  ksb calibrate cohort/ --format json\n  ksb calibrate cohort/ --format markdown > calibration.md"
    )]
    Calibrate(Own<CalibrateArgs>),
    /// Export a sheet (or the blank sheet) as wikitext, Markdown, CSV or JSON.
    #[command(
        after_help = "Examples:\n  ksb export me.toml --notes --summary -o me.wiki\n  ksb export me.toml --format markdown\n  ksb export me.toml --format csv -o me.csv\n  ksb export cohort/ --format csv -o cohort.csv   a row per sheet and KSB, for a spreadsheet or pandas\n  ksb export review.toml --format openbadge -o badge.json   a locked review as an Open Badge (issuer from [badge] in the config file)\n  ksb export --blank --format wikitext"
    )]
    Export(Own<ExportArgs>),
    /// Publish a sheet to the programme's wiki, pull sheets from it, or see if the two agree.
    #[command(
        after_help = "Examples:\n  ksb wiki publish me.toml                          to User:<you>/Tech Mentoring/<type> <date>\n  ksb wiki publish me.toml --dry-run                the change, as a diff, and nothing written\n  ksb wiki pull \"User:Alice/Tech Mentoring/Self-assessment 2026-11-25\" -o alice.toml\n  ksb wiki pull --prefix \"User:Alice/Tech Mentoring/\" -o cohort/\n  ksb wiki pull --category \"Tech Mentoring 2026\" -o cohort/ && ksb summary cohort/\n  ksb wiki status me.toml\n\nThe wiki: --wiki URL (its api.php), else KSB_WIKI_URL, else `url` under [wiki] in the config file."
    )]
    Wiki(Own<WikiArgs>),
    /// Read a sheet filled in on a wiki page (its wikitext, or the text copied off the page) into a sheet file.
    #[command(
        after_help = "Examples:\n  ksb import alice.wiki                          writes Alice-Self-assessment-2026-11-25.toml\n  ksb import alice.wiki -o alice.toml --force    replace the sheet imported before\n  ksb import - --username Alice --date 01/12/2026 < copied.txt\n  ksb import old-page.wiki --lenient             take what can be read, list what was skipped"
    )]
    Import(Own<ImportArgs>),
    /// Compare two sheets of the same standard, KSB by KSB and group by group.
    #[command(
        after_help = "Examples:\n  ksb compare me.toml me-review.toml\n  ksb compare baseline.toml final.toml --only-different\n  ksb compare me.toml me-review.toml --format json"
    )]
    Compare(Own<CompareArgs>),
    /// Several sheets of one participant in date order, with the distance travelled.
    #[command(
        after_help = "Examples:\n  ksb progress baseline.toml midpoint.toml final.toml\n  ksb progress *.toml --format json"
    )]
    Progress(Own<ProgressArgs>),
    /// Lock a finished assessment so that no command changes it, or unlock it.
    #[command(after_help = "Examples:\n  ksb lock baseline.toml\n  ksb lock --undo baseline.toml")]
    Lock(Own<LockArgs>),
    /// A development plan: what to work on next, and where the participant could mentor.
    #[command(
        after_help = "Examples:\n  ksb plan me.toml\n  ksb plan me.toml --format markdown > plan.md\n  ksb plan me.toml --format wikitext"
    )]
    Plan(Own<PlanArgs>),
    /// Draw a radar chart (SVG) of one participant's sheets (means by stack area and role focus), or a cohort's heatmap.
    #[command(
        after_help = "Examples:\n  ksb chart me.toml                 writes me.svg beside it\n  ksb chart self.toml mentor.toml -o self-vs-mentor.svg\n  ksb chart baseline.toml midpoint.toml final.toml -o - > progress.svg\n  ksb chart cohort/ -o cohort.svg        a heatmap: a row per participant, a column per KSB"
    )]
    Chart(Own<ChartArgs>),
    /// Show your defaults (config file and KSB_* environment variables) and where each came from.
    #[command(
        after_help = "Examples:\n  ksb config\n  ksb config --path                  where the config file is read from\n  KSB_USERNAME=Me ksb config\n\nPrecedence: flag > environment variable > config file > default."
    )]
    Config(Own<ConfigArgs>),
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  mkdir -p ~/.local/share/bash-completion/completions\n  ksb completions bash > ~/.local/share/bash-completion/completions/ksb\n  mkdir -p ~/.zfunc && ksb completions zsh > ~/.zfunc/_ksb\n  mkdir -p ~/.config/fish/completions && ksb completions fish > ~/.config/fish/completions/ksb.fish"
    )]
    Completions(Own<CompletionsArgs>),
    /// Print the manual page (roff) of `ksb`, or write every page into a folder.
    #[command(
        after_help = "Examples:\n  ksb man | man -l -\n  ksb man --dir ~/.local/share/man/man1"
    )]
    Man(Own<ManArgs>),
}

/// The heading of `--standard` and `--color` in every help and man page, apart from the
/// command's own options.
const GLOBAL_OPTIONS: &str = "Global options";

/// A command's arguments under the command's own description: clap builds each command's
/// arguments on demand (`defer`), after the description of the list above, and the arguments'
/// `augment_args` would put their struct's doc comment ("Arguments of `ksb X`") over it; this
/// keeps the description the command already has.
#[derive(Debug)]
pub struct Own<T>(pub T);

impl<T: clap::FromArgMatches> clap::FromArgMatches for Own<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Own)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T: clap::Args> clap::Args for Own<T> {
    fn augment_args(command: clap::Command) -> clap::Command {
        keep_description(command, T::augment_args)
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        keep_description(command, T::augment_args_for_update)
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// `augment` applied to `command`, its description (short and long) as it was before.
fn keep_description(
    command: clap::Command,
    augment: impl FnOnce(clap::Command) -> clap::Command,
) -> clap::Command {
    let about = command.get_about().cloned();
    let long_about = command.get_long_about().cloned();
    let command = augment(command);
    let command = match about {
        Some(about) => command.about(about),
        None => command.about(None::<&str>),
    };
    match long_about {
        Some(long_about) => command.long_about(long_about),
        None => command.long_about(None::<&str>),
    }
}

/// Runs the command the command line chose: the one dispatch of `ksb`.
pub fn run(cli: Cli) -> Result<()> {
    let Cli {
        standard,
        color,
        command,
    } = cli;
    let globals = Globals { standard, color };
    match command {
        Command::Standard(Own(args)) => args.run(globals),
        Command::Assess(Own(args)) => args.run(globals),
        Command::Review(Own(args)) => args.run(globals),
        Command::Evidence(Own(args)) => args.run(globals),
        Command::Score(Own(args)) => args.run(globals),
        Command::Show(Own(args)) => args.run(globals),
        Command::Summary(Own(args)) => args.run(globals),
        Command::Roster(Own(args)) => args.run(globals),
        Command::Calibrate(Own(args)) => args.run(globals),
        Command::Compare(Own(args)) => args.run(globals),
        Command::Progress(Own(args)) => args.run(globals),
        Command::Lock(Own(args)) => args.run(globals),
        Command::Plan(Own(args)) => args.run(globals),
        Command::Export(Own(args)) => args.run(globals),
        Command::Import(Own(args)) => args.run(globals),
        Command::Wiki(Own(args)) => args.run(globals),
        Command::Chart(Own(args)) => args.run(globals),
        Command::Config(Own(args)) => args.run(globals),
        Command::Completions(Own(args)) => args.run(globals),
        Command::Man(Own(args)) => args.run(globals),
    }
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
