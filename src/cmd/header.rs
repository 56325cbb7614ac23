//! The participant header fields given as flags: checked against the standard, then applied.

use anyhow::{bail, Context as _, Result};
use ksb::config::Setting;
use ksb::date::parse_dmy;
use ksb::{Participant, Standard};

use crate::cli::HeaderArgs;

/// Checks a username typed on the command line or at a prompt.
pub fn check_username(text: &str) -> Result<String> {
    match ksb::sheet::valid_username(text) {
        Some(name) => Ok(name.to_string()),
        None => bail!("the username must be non-empty text on one line"),
    }
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

/// The flag's value when given, else the setting's, checked; an error in a setting says where
/// the value came from.
pub fn flag_or_default(
    flag: &Option<String>,
    setting: &Setting,
    check: impl Fn(&str) -> Result<String>,
) -> Result<Option<String>> {
    match (flag, &setting.value) {
        (Some(text), _) => check(text).map(Some),
        (None, Some(text)) => check(text)
            .map(Some)
            .with_context(|| format!("{} from {}", setting.key.name(), setting.source)),
        (None, None) => Ok(None),
    }
}
