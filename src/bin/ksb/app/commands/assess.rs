//! `ksb assess`: score a sheet at the terminal, one KSB at a time.

use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::Local;
use ksb::model::date::{format_dmy, parse_dmy};
use ksb::{store, Participant, Sheet, Standard};

use super::lock::ensure_unlocked;
use super::{Command, Context};
use crate::app::header_flags::{apply_header, check_username, known_header, KnownHeader};
use crate::app::output;
use crate::app::prompt::walk::Scope;
use crate::app::prompt::{self, interrupt, screen, NoGuide, Outcome, Prompter, WalkOptions};
use crate::app::sheet_io::{self, SheetFile};
use crate::cli::{AssessArgs, HeaderArgs};

impl Command for AssessArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        prompt::require_terminal("assess")?;
        if let Some(path) = &self.sheet {
            sheet_io::refuse_stdin_for_writing(path, "assess")?;
        }
        let standard = ctx.standard()?;
        interrupt::install()?;
        let prompter = Prompter::new(ctx.style.color);
        let (mut file, mut sheet) = match &self.sheet {
            Some(path) if path.exists() => open_existing(path, &standard, &self.header)?,
            Some(path) => {
                let folder = store::folder_of(path);
                if !folder.is_dir() {
                    anyhow::bail!(
                        "creating sheet '{}': folder '{}' does not exist",
                        path.display(),
                        folder.display()
                    );
                }
                let participant = ask_participant(&prompter, &standard, &self.header, ctx)
                    .with_context(|| format!("creating sheet '{}'", path.display()))?;
                create(&prompter, path, &standard, participant)?
            }
            None => {
                let participant = ask_participant(&prompter, &standard, &self.header, ctx)
                    .context("creating a new sheet")?;
                let path = ctx.default_sheet_path(
                    &participant.username,
                    &participant.assessment_type,
                    participant.date,
                );
                if path.exists() {
                    open_existing(&path, &standard, &self.header)?
                } else {
                    sheet_io::create_private_folder(path.parent())?;
                    create(&prompter, &path, &standard, participant)?
                }
            }
        };
        let path = file.path.clone();
        let path = &path;
        prompt::record(&file, &standard, &sheet);
        prompter.say(&screen::help(&standard))?;

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
        let again = format!(
            "ksb assess {}",
            output::shell_word(&path.display().to_string())
        );
        prompter.say(&match outcome {
            Outcome::Quit => screen::quit(path, &standard, &sheet, &again),
            Outcome::Finished => screen::finished(path, &standard, &sheet, ctx.style, &again),
        })
    }
}

/// Opens a sheet that is already there to go on scoring it: refused when it is locked; header
/// flags given are applied (and saved) first.
fn open_existing(
    path: &Path,
    standard: &Standard,
    header: &HeaderArgs,
) -> Result<(SheetFile, Sheet)> {
    let (mut file, mut sheet) = SheetFile::open(path, standard)?;
    ensure_unlocked(&sheet, path)?;
    let before = sheet.participant.clone();
    apply_header(standard, header, &mut sheet.participant)
        .with_context(|| format!("updating sheet '{}'", path.display()))?;
    if sheet.participant != before {
        prompt::save(&mut file, standard, &sheet)?;
    }
    Ok((file, sheet))
}

/// A new sheet for `participant`, created on disk at once.
fn create(
    prompter: &Prompter,
    path: &Path,
    standard: &Standard,
    participant: Participant,
) -> Result<(SheetFile, Sheet)> {
    let sheet = Sheet::new(standard, participant);
    let file = prompt::create_sheet(prompter, path, standard, &sheet)?;
    Ok((file, sheet))
}

/// The header of a new sheet: flags where given, else the user's defaults (environment, then
/// config file) for username, role focus and mentoring type (all checked before anything is
/// asked), the rest asked for.
fn ask_participant(
    prompter: &Prompter,
    standard: &Standard,
    header: &HeaderArgs,
    ctx: &Context,
) -> Result<Participant> {
    let KnownHeader {
        username,
        role_focus,
        mentoring_type,
        assessment_type,
        date,
    } = known_header(standard, header, &ctx.settings)?;

    let username = match username {
        Some(name) => name,
        None => check_username(&prompter.text("Username", None, |text| {
            check_username(text)
                .map(drop)
                .map_err(|err| err.to_string())
        })?)?,
    };
    let choose = |prompt: &str, list: &[String]| -> Result<String> {
        Ok(list[prompter.choose(prompt, list)?].clone())
    };
    let role_focus = match role_focus {
        Some(role) => role,
        None => choose("Preferred role focus", &standard.role_focuses)?,
    };
    let mentoring_type = match mentoring_type {
        Some(kind) => kind,
        None => choose("Mentoring type", &standard.mentoring_types)?,
    };
    let assessment_type = match assessment_type {
        Some(kind) => kind,
        None => choose("Assessment type", &standard.assessment_types)?,
    };
    let date = match date {
        Some(date) => date,
        None => {
            let today = format_dmy(Local::now().date_naive());
            parse_dmy(&prompter.text("Date (DD/MM/YYYY)", Some(&today), |text| {
                parse_dmy(text).map(drop).map_err(|err| err.to_string())
            })?)?
        }
    };
    Ok(Participant {
        username,
        role_focus,
        mentoring_type,
        assessment_type,
        date,
        reviewer: None,
    })
}
