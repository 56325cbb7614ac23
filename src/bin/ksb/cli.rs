//! The command line: every command, flag and help text, and nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

mod import;
mod wiki;
pub use import::{ImportArgs, ImportHeaderArgs};
pub use wiki::{WikiAction, WikiArgs, WikiPublishArgs, WikiPullArgs, WikiStatusArgs};

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
        after_help = "Examples:\n  ksb standard\n  ksb standard --format json\n  ksb standard --format moodle-csv > framework.csv\n  ksb standard --format case > framework.json\n  ksb standard --check my-programme.yaml\n  ksb standard import standard-page.wiki -o standard.yaml\n  ksb standard import framework.csv -o standard.yaml"
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
        after_help = "Examples:\n  ksb export me.toml --notes --summary -o me.wiki\n  ksb export me.toml --format markdown\n  ksb export me.toml --format csv -o me.csv\n  ksb export cohort/ --format csv -o cohort.csv   a row per sheet and KSB, for a spreadsheet or pandas\n  ksb export review.toml --format openbadge -o badge.json   a locked review as an Open Badge (issuer from [badge] in the config file)\n  ksb export --blank --format wikitext"
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
    /// A Moodle competency framework (CSV for Site administration › Competencies › Import).
    MoodleCsv,
    /// A 1EdTech CASE 1.0 CFPackage (JSON).
    Case,
    /// An unsigned Open Badges 3.0 credential (JSON) of a locked mentor review or final check.
    Openbadge,
}

/// The formats each command offers, in one place: adding a format to a command is one line.
pub mod formats {
    use super::Format::{self, *};

    /// `ksb compare`, `ksb progress`.
    pub const FIGURES: &[Format] = &[Table, Json];
    /// `ksb standard`: the figures' formats and the other systems' standard formats.
    pub const STANDARD: &[Format] = &[Table, Json, MoodleCsv, Case];
    /// `ksb summary`, `ksb roster`, `ksb calibrate`: reports for the programme.
    pub const COHORT: &[Format] = &[Table, Json, Csv, Markdown, Wikitext];
    /// `ksb plan`.
    pub const PLAN: &[Format] = &[Table, Markdown, Wikitext];
    /// `ksb export`.
    pub const EXPORT: &[Format] = &[Wikitext, Markdown, Csv, Json, Openbadge];
}

/// A `--format` parser that accepts only `offered`, with their help in `--help`.
fn format_of(offered: &'static [Format]) -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    let values = offered.iter().filter_map(ValueEnum::to_possible_value);
    PossibleValuesParser::new(values).try_map(|name: String| Format::from_str(&name, false))
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
        after_help = "Examples:\n  ksb standard import standard-page.wiki                     YAML on stdout, changes on stderr\n  ksb standard import page.wiki --base mine.yaml -o mine.yaml --force\n  ksb standard import page.wiki --category skill -o new.yaml  new KSBs without a section row are skills"
    )]
    Import(StandardImportArgs),
}

/// Arguments of `ksb standard import`.
#[derive(Debug, Args)]
pub struct StandardImportArgs {
    /// The standard's page (its wikitext, or the text copied off the page), or a Moodle framework CSV (.csv), or a CASE CFPackage (.json); `-` reads standard input.
    #[arg(required_unless_present = "wiki", conflicts_with = "wiki")]
    pub page: Option<PathBuf>,
    /// Read the page with this title from the wiki instead of a file.
    #[arg(long, value_name = "TITLE")]
    pub wiki: Option<String>,
    /// The wiki's api.php for --wiki (default: KSB_WIKI_URL, then `url` under [wiki] in the config file).
    #[arg(long, value_name = "URL", requires = "wiki")]
    pub wiki_url: Option<String>,
    /// The standard the page changes: KSBs matched by title keep its ids and categories [default: the standard in use].
    #[arg(long, value_name = "STANDARD.yaml")]
    pub base: Option<PathBuf>,
    /// Write the YAML to this file (atomically; an existing file only with --force) instead of stdout; `-` is stdout.
    #[arg(short, long, value_name = "STANDARD.yaml")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The category of new KSBs that no section row of the page (Knowledge, Skills, Behaviours), or no group, item type or id of a framework, places [default for a framework: skill].
    #[arg(long, value_enum)]
    pub category: Option<CategoryArg>,
    /// The version of the changed standard [default: the base's, its last number one higher].
    #[arg(long, value_name = "VERSION")]
    pub new_version: Option<String>,
}

/// A category of KSBs, as a flag names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CategoryArg {
    /// Knowledge (K ids).
    Knowledge,
    /// Skills (S ids).
    Skill,
    /// Behaviours (B ids).
    Behaviour,
}

/// The participant header fields a command can set from flags.
#[derive(Debug, Clone, Default, Args)]
pub struct HeaderArgs {
    /// The participant's Miraheze username (new sheets default to KSB_USERNAME, then the config file).
    #[arg(long, value_name = "U")]
    pub username: Option<String>,
    /// Preferred role focus, e.g. "Infrastructure Specialist" (new sheets default to KSB_ROLE_FOCUS, then the config file).
    #[arg(long, value_name = "R")]
    pub role_focus: Option<String>,
    /// Mentoring type: Mentee, Mentor or Peer Support (new sheets default to KSB_MENTORING_TYPE, then the config file; then `ksb score` takes Mentee and `ksb assess` asks).
    #[arg(long, value_name = "T")]
    pub mentoring_type: Option<String>,
    /// Assessment type (Self-assessment, Mentor review or Final check); for a new sheet `ksb score` defaults to Self-assessment and `ksb assess` asks.
    #[arg(long, value_name = "A")]
    pub assessment_type: Option<String>,
    /// Date of the assessment as DD/MM/YYYY (or YYYY-MM-DD, as sheets store it); for a new sheet `ksb score` defaults to today and `ksb assess` asks.
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
    /// The mentor who reviewed (their username), on a mentor review or final check; an empty NAME removes it.
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
}

/// Arguments of `ksb assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The sheet to score (TOML); created once the participant header is complete. Without it,
    /// your unfinished sheets in the sheets folder are offered first, and a new sheet is
    /// <sheets folder>/<username>-<assessment type>-<date>.toml (see `ksb config`).
    pub sheet: Option<PathBuf>,
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
    /// The mentor's username, recorded on the review (default: your configured username, else it is asked once).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
}

/// Arguments of `ksb show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The sheet to show (`-` reads it from standard input).
    pub sheet: PathBuf,
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

/// A DD/MM/YYYY day on the command line.
fn day(text: &str) -> Result<NaiveDate, String> {
    ksb::model::date::parse_dmy(text).map_err(|err| err.to_string())
}

/// Arguments of `ksb summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Sheets (`-` reads one from standard input), or folders searched recursively for *.toml
    /// sheets; more than one sheet gives a cohort report.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Which grouping to show.
    #[arg(long, value_enum, default_value_t = By::All)]
    pub by: By,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::COHORT))]
    pub format: Format,
    /// Stop at the first sheet that does not load, instead of reporting it and summarising the rest.
    #[arg(long)]
    pub strict: bool,
    /// Which sheets a cohort counts.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// Arguments of `ksb roster`.
#[derive(Debug, Args)]
pub struct RosterArgs {
    /// Sheets (`-` reads one from standard input), or folders searched recursively for *.toml sheets.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::COHORT))]
    pub format: Format,
    /// Stop at the first sheet that does not load, instead of reporting it and listing the rest.
    #[arg(long)]
    pub strict: bool,
    /// List only sheets dated on or before this day: the roster as it stood then.
    #[arg(long, value_name = "DD/MM/YYYY", value_parser = day)]
    pub as_of: Option<NaiveDate>,
}

/// Arguments of `ksb calibrate`.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Sheets (`-` reads one from standard input), or folders searched recursively for *.toml sheets.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::COHORT))]
    pub format: Format,
    /// Stop at the first sheet that does not load, instead of reporting it and counting the rest.
    #[arg(long)]
    pub strict: bool,
    /// Count only sheets dated on or before this day.
    #[arg(long, value_name = "DD/MM/YYYY", value_parser = day)]
    pub as_of: Option<NaiveDate>,
}

/// Arguments of `ksb compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first sheet (A), such as the self-assessment or the baseline.
    pub a: PathBuf,
    /// The second sheet (B), such as the mentor review or the final check; changes are B − A.
    pub b: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::FIGURES))]
    pub format: Format,
    /// List only the KSBs the two sheets score differently (group means are always shown).
    #[arg(long)]
    pub only_different: bool,
}

/// Arguments of `ksb progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// The sheets, in any order: they are shown in date order.
    #[arg(required = true, value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Allow sheets of different participants (usernames are compared ignoring case).
    #[arg(long)]
    pub any_participant: bool,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::FIGURES))]
    pub format: Format,
}

/// Arguments of `ksb lock`.
#[derive(Debug, Args)]
pub struct LockArgs {
    /// The sheet to lock or unlock.
    pub sheet: PathBuf,
    /// Unlock the sheet instead, so that it can be changed again.
    #[arg(long)]
    pub undo: bool,
}

/// Arguments of `ksb plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The sheet to plan from.
    pub sheet: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = format_of(formats::PLAN))]
    pub format: Format,
}

/// Arguments of `ksb chart`.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// One participant's sheets, each drawn as a polygon over the others in date order (self vs
    /// mentor, baseline to final), for a radar; a folder, or sheets of several participants, for a
    /// cohort heatmap. `-` reads one from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub sheets: Vec<PathBuf>,
    /// The SVG file to write (`-` for standard output) [default: beside the first SHEET, me.svg
    /// for me.toml, or me-3-sheets.svg for three sheets]. Never over a ksb sheet.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the chart file when it is already there (never a ksb sheet).
    #[arg(long)]
    pub force: bool,
    /// Draw the cohort heatmap (participants × KSBs) even of one or two sheets.
    #[arg(long)]
    pub heatmap: bool,
    /// For the heatmap: stop at the first sheet that does not load, instead of reporting it and drawing the rest.
    #[arg(long)]
    pub strict: bool,
    /// Which sheets the heatmap draws.
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// Arguments of `ksb config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print only the path of the config file.
    #[arg(long)]
    pub path: bool,
}

/// Arguments of `ksb completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `ksb man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write ksb.1 and a page per command (ksb-score.1, …) into this existing folder instead of printing ksb.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Arguments of `ksb export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The sheet to export; a folder or several sheets give one long CSV or JSON of them all, a row per sheet and KSB.
    #[arg(required_unless_present = "blank", value_name = "SHEET")]
    pub sheets: Vec<PathBuf>,
    /// Export the standard's empty participant sheet instead, as the programme hands it out.
    #[arg(long, conflicts_with_all = ["sheets", "summary"])]
    pub blank: bool,
    /// Output format (CSV always has the notes and never the summary; JSON always has both).
    #[arg(long, default_value = "wikitext", value_parser = format_of(formats::EXPORT))]
    pub format: Format,
    /// Add a Notes column with each KSB's note.
    #[arg(long)]
    pub notes: bool,
    /// Add the summary tables by role focus, stack area and category.
    #[arg(long)]
    pub summary: bool,
    /// Write to this file (atomically) instead of stdout; `-` is stdout. Never over a ksb
    /// sheet, and over another existing file only with --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file when it is already there (never a ksb sheet).
    #[arg(long)]
    pub force: bool,
    /// With several sheets, stop at the first that does not load instead of reporting it and exporting the rest.
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
