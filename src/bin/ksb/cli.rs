//! The flag groups several commands share (header fields, cohort selection, the cohort's
//! paths), the output formats each command offers, and `--color`'s values. The list of commands
//! is in `app/commands/mod.rs`, each command's own arguments in its file there.

use std::path::PathBuf;

use anyhow::{bail, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use ksb::figures::selection::Selection;
use ksb::model::assessment;
use ksb::Standard;

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

    /// `ksb standard`, `ksb compare`, `ksb progress`.
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
    /// Assessment type (Self-assessment, Mentor review or Final check, or short: self, mentor, final); for a new sheet `ksb score` defaults to Self-assessment and `ksb assess` asks; `ksb import` takes it over the page's.
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
        None => bail!(
            "--type '{text}' is not an assessment type: one of {}",
            assessment::names(standard).join(", ")
        ),
    }
}

/// A DD/MM/YYYY day on the command line.
fn day(text: &str) -> Result<NaiveDate, String> {
    ksb::model::date::parse_dmy(text).map_err(|err| err.to_string())
}
