//! `ksb import`: a sheet filled in on a wiki page, read into a sheet file.

use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};
use ksb::import::header::Field;
use ksb::import::sheet::{self, SheetPage};
use ksb::import::Problem;
use ksb::{store, Sheet, Standard, Summary};

use crate::app::context::{Command, Globals};
use crate::app::output;
use crate::app::sheet_file::{SheetFile, SheetLocked};
use crate::app::sheet_io;
use crate::cli::HeaderArgs;
use clap::Args;
use std::path::PathBuf;

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
    pub header: HeaderArgs,
}

/// Problems listed one per line before the command gives up; the rest are counted.
pub const SHOWN_PROBLEMS: usize = 20;

impl Command for ImportArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        if let Some(path) = &self.output {
            sheet_io::refuse_stdin_for_writing(path, "import")?;
        }
        let standard = ctx.standard()?;
        let source = sheet_io::name(&self.page);
        let doing = format!("importing {source}");
        let text =
            sheet_io::read_text(&self.page).with_context(|| format!("reading page {source}"))?;
        let mut page = sheet::read(&text, &standard).context(doing.clone())?;
        apply_flags(&mut page, &self.header, &standard)?;
        report_problems(
            &page.problems,
            &doing,
            self.lenient,
            " (--lenient imports the rest)",
        )?;
        let sheet = page.to_sheet(&standard).map_err(|missing| {
            let flags: Vec<String> = missing
                .0
                .iter()
                .map(|f| format!("--{}", flag(*f)))
                .collect();
            anyhow!("{missing}: give {}", flags.join(", ")).context(doing.clone())
        })?;
        let (path, named) = match &self.output {
            Some(path) => (path.clone(), true),
            None => {
                let p = &sheet.participant;
                let path = ctx.default_sheet_path(&p.username, &p.assessment_type, p.date);
                (path, false)
            }
        };
        write_sheet(&path, named, &standard, &sheet, self.force)?;
        output::emit(&output::printable(&summary_line(
            &page, &standard, &sheet, &path,
        )))
    }
}

/// The flag that sets a header field.
fn flag(field: Field) -> &'static str {
    match field {
        Field::Username => "username",
        Field::RoleFocus => "role-focus",
        Field::MentoringType => "mentoring-type",
        Field::AssessmentType => "assessment-type",
        Field::Date => "date",
        Field::Reviewer => "reviewer",
    }
}

/// Header flags given on the command line replace what the page says, checked as the page is.
fn apply_flags(page: &mut SheetPage, flags: &HeaderArgs, standard: &Standard) -> Result<()> {
    let given = [
        (Field::Username, &flags.username),
        (Field::RoleFocus, &flags.role_focus),
        (Field::MentoringType, &flags.mentoring_type),
        (Field::AssessmentType, &flags.assessment_type),
        (Field::Date, &flags.date),
    ];
    for (field, value) in given {
        if let Some(value) = value {
            page.header
                .set(field, value, standard)
                .map_err(|reason| anyhow!("--{} '{value}' {reason}", flag(field)))?;
        }
    }
    Ok(())
}

/// Each problem on its own line on stderr: errors that stop the import (the last one ending in
/// `hint`), or with `--lenient` warnings about what was skipped.
pub fn report_problems(problems: &[Problem], doing: &str, lenient: bool, hint: &str) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let kind = if lenient { "warning" } else { "error" };
    for problem in problems.iter().take(SHOWN_PROBLEMS) {
        let skipped = lenient && !matches!(problem, Problem::Unclosed { .. });
        let what = if skipped { "skipped " } else { "" };
        eprintln!(
            "ksb: {kind}: {doing}: {what}{}{}",
            output::printable(&problem.to_string()),
            advice(problem)
        );
    }
    if problems.len() > SHOWN_PROBLEMS {
        eprintln!(
            "ksb: {kind}: {doing}: … and {} more",
            problems.len() - SHOWN_PROBLEMS
        );
    }
    if lenient {
        return Ok(());
    }
    bail!(
        "{doing}: {} (listed above); nothing written{hint}",
        count(problems.len(), "problem")
    )
}

/// What to give on the command line about `problem`, if a flag answers it (the library's
/// problems speak of the page, not of flags).
fn advice(problem: &Problem) -> &'static str {
    match problem {
        Problem::NoCategory { .. } => ": give --category",
        _ => "",
    }
}

/// `n` and a noun, plural when it must be.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Writes the imported sheet: a new file, or with `--force` over a sheet ksb can read that is
/// not locked. Both go through [`SheetFile::save`], atomic and private.
fn write_sheet(
    path: &Path,
    named: bool,
    standard: &Standard,
    sheet: &Sheet,
    force: bool,
) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        if !force {
            bail!(
                "sheet '{}' already exists: give --force to replace it, or -o another file",
                path.display()
            );
        }
        // A locked sheet says so itself; anything else that does not open is not a sheet.
        let (mut file, _) = SheetFile::open(path, standard).map_err(|err| {
            if err.is::<SheetLocked>() {
                err
            } else {
                err.context(format!(
                    "--force replaces only a sheet ksb can read; '{}' is not one",
                    path.display()
                ))
            }
        })?;
        return file.save(standard, sheet);
    }
    let folder = store::folder_of(path);
    if named && !folder.is_dir() {
        bail!(
            "writing sheet '{}': folder '{}' does not exist",
            path.display(),
            folder.display()
        );
    }
    if !named {
        sheet_io::create_private_folder(path.parent())?;
    }
    SheetFile::create(path).save(standard, sheet)
}

/// What was read and where it went: the participant, and how many KSBs are scored, N/A and
/// unscored.
fn summary_line(page: &SheetPage, standard: &Standard, sheet: &Sheet, path: &Path) -> String {
    let p = &sheet.participant;
    let overall = Summary::of_sheet(standard, sheet).overall;
    let skipped = if page.problems.is_empty() {
        String::new()
    } else {
        format!("; {} skipped", count(page.problems.len(), "problem"))
    };
    format!(
        "Imported {} ({}, {}, {}, {}) into {}\n{} KSBs: {} scored, {} N/A, {} unscored{skipped}\n",
        p.username,
        p.role_focus,
        p.mentoring_type,
        p.assessment_type,
        p.date_dmy(),
        path.display(),
        overall.ksbs,
        overall.scored,
        overall.na,
        overall.unscored,
    )
}
