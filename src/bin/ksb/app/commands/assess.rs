//! `ksb assess`: score a sheet at the terminal, one KSB at a time.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::{Local, NaiveDate};
use ksb::model::date::{format_dmy, parse_dmy};
use ksb::{store, Participant, Sheet, Standard};

use crate::app::context::{Command, Context, Globals};
use crate::app::header_flags::{apply_header, check_username, known_header, KnownHeader};
use crate::app::prompt::walk::Scope;
use crate::app::prompt::{self, screen, NoGuide, Outcome, Prompter, WalkOptions};
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;
use crate::app::shell;
use crate::app::unfinished::{self, Wanted};
use crate::cli::HeaderArgs;
use clap::Args;

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
    /// Ask as plain lines, for a screen reader, Emacs' shell or a serial console: no cursor
    /// movement, redraw, colour or escape sequence (also when TERM=dumb); choices by number.
    #[arg(long)]
    pub plain: bool,
    /// Go through every KSB, offering its current score, instead of only the unscored ones.
    #[arg(long)]
    pub all: bool,
}

impl Command for AssessArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        prompt::require_terminal("assess")?;
        if let Some(path) = &self.sheet {
            sheet_io::refuse_stdin_for_writing(path, "assess")?;
        }
        let standard = ctx.standard()?;
        let prompter = Prompter::new(ctx.style.color, self.plain)?;
        let (mut file, mut sheet) = match &self.sheet {
            Some(path) if path.exists() => {
                open_existing(&prompter, path, &standard, &self.header, self.notes)?
            }
            Some(path) => {
                let folder = store::folder_of(path);
                if !folder.is_dir() {
                    anyhow::bail!(
                        "creating sheet '{}': folder '{}' does not exist",
                        path.display(),
                        folder.display()
                    );
                }
                let known = known_header(&standard, &self.header, &ctx.settings)
                    .with_context(|| format!("creating sheet '{}'", path.display()))?;
                let participant = ask_participant(&prompter, &standard, known)
                    .with_context(|| format!("creating sheet '{}'", path.display()))?;
                create(&prompter, path, &standard, participant, self.notes)?
            }
            None => without_sheet(&prompter, &standard, &self.header, ctx, self.notes)?,
        };
        let path = file.path().to_path_buf();
        let path = &path;
        prompter.record(&file, &standard, &sheet);

        let options = WalkOptions {
            scope: if self.all {
                Scope::All
            } else {
                Scope::Unscored
            },
            notes: self.notes,
        };
        let outcome = prompt::walk_sheet(
            &prompter, &standard, &mut sheet, &mut file, options, &NoGuide,
        )?;
        let again = resume_command(path, self.notes);
        match outcome {
            Outcome::Quit => prompter.tell(&screen::quit(path, &standard, &sheet, &again)),
            Outcome::Finished => prompter.say(&screen::finished(
                path,
                &standard,
                &sheet,
                prompter.style_now(ctx.style),
                &again,
            )),
        }
    }
}

/// The command that goes on with the sheet at `path`, asking for notes again when `notes`.
fn resume_command(path: &Path, notes: bool) -> String {
    format!(
        "ksb assess {}{}",
        shell::shell_word(&path.display().to_string()),
        if notes { " --notes" } else { "" }
    )
}

/// Without a SHEET: the user's unfinished sheets in the sheets folder are offered first; for a
/// new sheet the fields that name its file (username, assessment type, date) are asked first,
/// so that when that file exists it is opened before anything else is asked.
fn without_sheet(
    prompter: &Prompter,
    standard: &Standard,
    header: &HeaderArgs,
    ctx: &Context,
    notes: bool,
) -> Result<(SheetFile, Sheet)> {
    let known = known_header(standard, header, &ctx.settings).context("creating a new sheet")?;
    let folder = ctx.sheets_folder();
    if let (Some(username), Some(kind), Some(date)) =
        (&known.username, &known.assessment_type, known.date)
    {
        let path = ctx.same_person_sheet_path(username, kind, date);
        if path.exists() {
            return open_existing(prompter, &path, standard, header, notes);
        }
    }
    let wanted = Wanted {
        username: known.username.as_deref(),
        assessment_type: known.assessment_type.as_deref(),
        date: known.date,
    };
    let found = unfinished::find(&folder, standard, wanted);
    if !found.is_empty() {
        let width = prompter.width().saturating_sub(4);
        let mut items: Vec<String> = found
            .iter()
            .map(|u| unfinished::label(standard, u, known.username.is_none(), width))
            .collect();
        items.push("A new sheet".to_string());
        prompter.tell(&format!(
            "{} in {}:\n",
            if found.len() == 1 {
                "An unfinished sheet"
            } else {
                "Unfinished sheets"
            },
            // The folder itself, not `.`: where the sheets are, whatever folder the user is in.
            std::fs::canonicalize(&folder)
                .unwrap_or_else(|_| folder.clone())
                .display()
        ))?;
        let chosen = prompter.choose("Carry on with", &items)?;
        if let Some(unfinished) = found.get(chosen) {
            return open_existing(prompter, &unfinished.path, standard, header, notes);
        }
    }
    let username = ask_username(prompter, known.username.clone())?;
    let assessment_type = ask_choice(
        prompter,
        "Assessment type",
        &standard.assessment_types,
        known.assessment_type.clone(),
    )?;
    let date = ask_date(prompter, known.date)?;
    let path = ctx.same_person_sheet_path(&username, &assessment_type, date);
    if path.exists() {
        return open_existing(prompter, &path, standard, header, notes);
    }
    let participant = ask_participant(
        prompter,
        standard,
        KnownHeader {
            username: Some(username),
            assessment_type: Some(assessment_type),
            date: Some(date),
            ..known
        },
    )
    .context("creating a new sheet")?;
    sheet_io::create_private_folder(path.parent())?;
    create(prompter, &path, standard, participant, notes)
}

/// Opens a sheet that is already there to go on scoring it: refused when it is locked; header
/// flags given are applied (and saved) first. Says whose sheet it is and how far it got.
fn open_existing(
    prompter: &Prompter,
    path: &Path,
    standard: &Standard,
    header: &HeaderArgs,
    notes: bool,
) -> Result<(SheetFile, Sheet)> {
    prompter.set_resume_command(resume_command(path, notes));
    let (mut file, mut sheet) = SheetFile::open(path, standard)?;
    let before = sheet.participant.clone();
    apply_header(standard, header, &mut sheet.participant)
        .with_context(|| format!("updating sheet '{}'", path.display()))?;
    if sheet.participant != before {
        prompter.save(&mut file, standard, &sheet)?;
    }
    prompter.tell(&screen::resuming(path, standard, &sheet))?;
    Ok((file, sheet))
}

/// A new sheet for `participant`, created on disk at once.
fn create(
    prompter: &Prompter,
    path: &Path,
    standard: &Standard,
    participant: Participant,
    notes: bool,
) -> Result<(SheetFile, Sheet)> {
    prompter.set_resume_command(resume_command(path, notes));
    let sheet = Sheet::new(standard, participant);
    let file = prompt::create_sheet(prompter, path, standard, &sheet)?;
    Ok((file, sheet))
}

/// The header of a new sheet: what the flags and the user's defaults gave (all checked before
/// anything is asked), the rest asked for.
fn ask_participant(
    prompter: &Prompter,
    standard: &Standard,
    known: KnownHeader,
) -> Result<Participant> {
    let KnownHeader {
        username,
        role_focus,
        mentoring_type,
        assessment_type,
        date,
    } = known;
    let username = ask_username(prompter, username)?;
    let role_focus = ask_choice(
        prompter,
        "Preferred role focus",
        &standard.role_focuses,
        role_focus,
    )?;
    let mentoring_type = ask_choice(
        prompter,
        "Mentoring type",
        &standard.mentoring_types,
        mentoring_type,
    )?;
    let assessment_type = ask_choice(
        prompter,
        "Assessment type",
        &standard.assessment_types,
        assessment_type,
    )?;
    let date = ask_date(prompter, date)?;
    Ok(Participant {
        username,
        role_focus,
        mentoring_type,
        assessment_type,
        date,
        reviewer: None,
    })
}

/// The username: `known`, else asked.
fn ask_username(prompter: &Prompter, known: Option<String>) -> Result<String> {
    match known {
        Some(name) => Ok(name),
        None => check_username(&prompter.text("Username", None, |text| {
            check_username(text)
                .map(drop)
                .map_err(|err| err.to_string())
        })?),
    }
}

/// One of the standard's `list`: `known`, else chosen.
fn ask_choice(
    prompter: &Prompter,
    prompt: &str,
    list: &[String],
    known: Option<String>,
) -> Result<String> {
    match known {
        Some(value) => Ok(value),
        None => Ok(list[prompter.choose(prompt, list)?].clone()),
    }
}

/// The date: `known`, else asked with today filled in.
fn ask_date(prompter: &Prompter, known: Option<NaiveDate>) -> Result<NaiveDate> {
    match known {
        Some(date) => Ok(date),
        None => {
            let today = format_dmy(Local::now().date_naive());
            Ok(parse_dmy(&prompter.text(
                "Date (DD/MM/YYYY)",
                Some(&today),
                |text| parse_dmy(text).map(drop).map_err(|err| err.to_string()),
            )?)?)
        }
    }
}
