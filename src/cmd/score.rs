//! `ksb score`: create or update a sheet from the command line.

use anyhow::{bail, Context as _, Result};
use chrono::Local;
use ksb::date::parse_dmy;
use ksb::store::Snapshot;
use ksb::{KsbId, Participant, Score, Sheet, Standard};

use super::{Command, Context};
use crate::cli::{HeaderArgs, ScoreArgs};
use crate::{files, terminal};

impl Command for ScoreArgs {
    fn run(self, ctx: &Context) -> Result<()> {
        let standard = ctx.standard()?;
        let path = &self.sheet;
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

        let exists = path.exists();
        let (mut sheet, loaded) = if exists {
            let (mut sheet, loaded) = files::load_sheet_for_update(path, &standard)?;
            apply_header(&standard, &self.header, &mut sheet.participant)
                .with_context(|| format!("updating sheet '{}'", path.display()))?;
            (sheet, loaded)
        } else {
            let participant = new_participant(&standard, &self.header)
                .with_context(|| format!("creating sheet '{}'", path.display()))?;
            (Sheet::new(&standard, participant), Snapshot::Absent)
        };
        for (id, score) in scores {
            sheet.set_score(id, Some(score));
        }
        for (id, note) in notes {
            sheet.set_note(id, &note);
        }
        files::save_sheet_unless_changed(path, &standard, &sheet, loaded)?;
        let left = sheet.unscored_count(&standard);
        terminal::emit(&format!(
            "{} {}: {} of {} KSBs scored, {left} left\n",
            if exists { "Updated" } else { "Created" },
            path.display(),
            standard.ksbs.len() - left,
            standard.ksbs.len()
        ))
    }
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

/// Checks a username typed on the command line or at a prompt.
pub fn check_username(text: &str) -> Result<String> {
    let name = text.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        bail!("the username must be non-empty text on one line");
    }
    Ok(name.to_string())
}

/// Resolves a role focus typed in any case to the standard's spelling.
pub fn check_role_focus(standard: &Standard, text: &str) -> Result<String> {
    pick(
        text,
        "role focus",
        &standard.role_focuses,
        standard.role_focus(text),
    )
}

/// Resolves a mentoring type typed in any case to the standard's spelling.
pub fn check_mentoring_type(standard: &Standard, text: &str) -> Result<String> {
    pick(
        text,
        "mentoring type",
        &standard.mentoring_types,
        standard.mentoring_type(text),
    )
}

/// Resolves an assessment type typed in any case to the standard's spelling.
pub fn check_assessment_type(standard: &Standard, text: &str) -> Result<String> {
    pick(
        text,
        "assessment type",
        &standard.assessment_types,
        standard.assessment_type(text),
    )
}

fn pick(text: &str, what: &str, list: &[String], found: Option<&str>) -> Result<String> {
    found
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("{what} '{text}' is not one of: {}", list.join(", ")))
}

/// Applies the header flags that were given to an existing participant.
pub fn apply_header(
    standard: &Standard,
    header: &HeaderArgs,
    participant: &mut Participant,
) -> Result<()> {
    if let Some(username) = &header.username {
        participant.username = check_username(username)?;
    }
    if let Some(role) = &header.role_focus {
        participant.role_focus = check_role_focus(standard, role)?;
    }
    if let Some(kind) = &header.mentoring_type {
        participant.mentoring_type = check_mentoring_type(standard, kind)?;
    }
    if let Some(kind) = &header.assessment_type {
        participant.assessment_type = check_assessment_type(standard, kind)?;
    }
    if let Some(date) = &header.date {
        participant.date = parse_dmy(date)?;
    }
    Ok(())
}

/// The participant of a new sheet: username and role focus from flags, the rest defaulted.
fn new_participant(standard: &Standard, header: &HeaderArgs) -> Result<Participant> {
    let Some(username) = &header.username else {
        bail!("a new sheet needs --username and --role-focus");
    };
    let Some(role) = &header.role_focus else {
        bail!(
            "a new sheet needs --role-focus (one of: {})",
            standard.role_focuses.join(", ")
        );
    };
    let mut participant = Participant {
        username: check_username(username)?,
        role_focus: check_role_focus(standard, role)?,
        mentoring_type: first(&standard.mentoring_types),
        assessment_type: first(&standard.assessment_types),
        date: Local::now().date_naive(),
    };
    apply_header(standard, header, &mut participant)?;
    Ok(participant)
}

fn first(list: &[String]) -> String {
    list.first().cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_of_the_builtin_standard() {
        let standard = Standard::builtin().unwrap();
        assert_eq!(id_ranges(&standard), "K1–K11, S1–S9, B1–B8");
    }
}
