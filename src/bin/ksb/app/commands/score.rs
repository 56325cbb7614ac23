//! `ksb score`: create or update a sheet from the command line.

use crate::app::settings::Settings;
use anyhow::{bail, Context as _, Result};
use chrono::Local;
use ksb::{KsbId, Participant, Score, Sheet, Standard};

use crate::app::context::{Command, Globals};
use crate::app::header_flags::{apply_header, check_username, known_header};
use crate::app::output;
use crate::app::sheet_file::SheetFile;
use crate::app::sheet_io;
use crate::cli::HeaderArgs;
use clap::Args;
use std::path::PathBuf;

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

impl Command for ScoreArgs {
    fn run(self, globals: Globals) -> Result<()> {
        let ctx = &globals.context()?;
        let path = &self.sheet;
        sheet_io::refuse_stdin_for_writing(path, "score")?;
        let standard = ctx.standard()?;
        let scores = self
            .scores
            .iter()
            .map(|arg| parse_score(&standard, arg))
            .collect::<Result<Vec<_>>>()?;
        let notes = self
            .notes
            .iter()
            .map(|arg| parse_note(&standard, arg))
            .collect::<Result<Vec<_>>>()?;
        refuse_repeats(&scores, &self.scores, "score")?;
        refuse_repeats(&notes, &self.notes, "--note")?;

        let reviewer = self.reviewer.as_deref().map(reviewer_of).transpose()?;
        let creating = || format!("creating sheet '{}'", path.display());
        // A new sheet's header is checked before any file is touched.
        let fresh = if path.exists() {
            None
        } else {
            Some(new_participant(&standard, &self.header, &ctx.settings).with_context(creating)?)
        };
        let updated = SheetFile::update(path, &standard, |current| {
            let mut sheet = match (current, fresh) {
                (Some(mut sheet), _) => {
                    apply_header(&standard, &self.header, &mut sheet.participant)
                        .with_context(|| format!("updating sheet '{}'", path.display()))?;
                    sheet
                }
                (None, Some(participant)) => Sheet::new(&standard, participant),
                // Deleted by another program since the check above.
                (None, None) => Sheet::new(
                    &standard,
                    new_participant(&standard, &self.header, &ctx.settings)
                        .with_context(creating)?,
                ),
            };
            if let Some(reviewer) = reviewer {
                sheet.participant.reviewer = reviewer;
            }
            for (id, score) in scores {
                sheet.set_score(id, Some(score));
            }
            for (id, note) in notes {
                sheet.set_note(id, &note);
            }
            Ok(sheet)
        })?;
        // Said only now: the save is durable and the lock let go.
        let sheet = &updated.sheet;
        let exists = updated.existed;
        let left = sheet.unscored_count(&standard);
        output::emit(&format!(
            "{} {}: {} of {} KSBs scored, {left} left\n",
            if exists { "Updated" } else { "Created" },
            path.display(),
            standard.ksbs.len() - left,
            standard.ksbs.len()
        ))
    }
}

/// The reviewer `--reviewer` gives: a checked username, or `None` (removing it) for an empty one.
fn reviewer_of(text: &str) -> Result<Option<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    check_username(text)
        .map(Some)
        .context("in --reviewer: the reviewer is a username")
}

/// Finds the KSB `text` names in the standard (ids are case-insensitive).
pub fn known_id(standard: &Standard, text: &str) -> Result<KsbId> {
    let id: KsbId = text.parse()?;
    if standard.ksb(&id).is_none() {
        bail!(
            "unknown KSB id '{}': standard '{}' has {} (see `ksb standard`)",
            text.trim(),
            standard.id,
            id_ranges(standard)
        );
    }
    Ok(id)
}

/// The ids of the standard, compactly: "K1–K11, S1–S9, B1–B8" for the built-in one.
fn id_ranges(standard: &Standard) -> String {
    let mut ranges: Vec<(String, String)> = Vec::new();
    let mut previous: Option<(String, u32)> = None;
    for ksb in &standard.ksbs {
        let id = ksb.id.as_str();
        let split = id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (prefix, number) = (&id[..split], id[split..].parse::<u32>().ok());
        let continues =
            matches!((&previous, number), (Some((p, n)), Some(m)) if p == prefix && m == n + 1);
        match ranges.last_mut() {
            Some(last) if continues => last.1 = id.to_string(),
            _ => ranges.push((id.to_string(), id.to_string())),
        }
        previous = number.map(|n| (prefix.to_string(), n));
    }
    ranges
        .into_iter()
        .map(|(a, b)| if a == b { a } else { format!("{a}–{b}") })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses a KSB given twice (`K1=3 K1=1`): which of the two was meant cannot be known.
/// `given` are the parsed `args`, in the same order.
fn refuse_repeats<T>(given: &[(KsbId, T)], args: &[String], what: &str) -> Result<()> {
    for (later, (id, _)) in given.iter().enumerate() {
        if let Some(first) = given[..later].iter().position(|(other, _)| other == id) {
            bail!(
                "{id} is given twice ('{}' and '{}'): give each KSB one {what}",
                args[first],
                args[later]
            );
        }
    }
    Ok(())
}

fn split_assignment<'a>(arg: &'a str, what: &str) -> Result<(&'a str, &'a str)> {
    arg.split_once('=')
        .ok_or_else(|| anyhow::anyhow!("'{arg}' is not {what}"))
}

fn parse_score(standard: &Standard, arg: &str) -> Result<(KsbId, Score)> {
    let (id, score) = split_assignment(arg, "ID=SCORE, such as K1=2 or S4=n/a")?;
    let id = known_id(standard, id).with_context(|| format!("in '{arg}'"))?;
    let score = score.parse().with_context(|| format!("in '{arg}'"))?;
    Ok((id, score))
}

fn parse_note(standard: &Standard, arg: &str) -> Result<(KsbId, String)> {
    let (id, text) = split_assignment(arg, "ID=TEXT, such as K1=\"Ran the rebalance\"")?;
    let id = known_id(standard, id).with_context(|| format!("in --note '{id}=…'"))?;
    Ok((id, text.to_string()))
}

/// The participant of a new sheet: each header field from its flag, else the user's default
/// (environment, then config file), else the standard's first choice or today; username and
/// role focus have no default and must be set somewhere.
pub fn new_participant(
    standard: &Standard,
    header: &HeaderArgs,
    settings: &Settings,
) -> Result<Participant> {
    let known = known_header(standard, header, settings)?;
    let Some(username) = known.username else {
        bail!("a new sheet needs --username (or KSB_USERNAME, or `username` in the config file)");
    };
    let Some(role_focus) = known.role_focus else {
        bail!(
            "a new sheet needs --role-focus (or KSB_ROLE_FOCUS, or `role_focus` in the config file): one of {}",
            standard.role_focuses.join(", ")
        );
    };
    Ok(Participant {
        username,
        role_focus,
        mentoring_type: known
            .mentoring_type
            .unwrap_or_else(|| first(&standard.mentoring_types)),
        assessment_type: known
            .assessment_type
            .unwrap_or_else(|| first(&standard.assessment_types)),
        date: known.date.unwrap_or_else(|| Local::now().date_naive()),
        reviewer: None,
    })
}

fn first(list: &[String]) -> String {
    list.first().cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_of_the_builtin_standard() {
        let standard = Standard::builtin();
        assert_eq!(id_ranges(&standard), "K1–K11, S1–S9, B1–B8");
    }
}
