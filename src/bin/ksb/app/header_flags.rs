//! The participant header fields given as flags: checked against the standard, then applied.

use crate::app::settings::{Key, Setting, Settings};
use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use ksb::model::date::parse_dmy;
use ksb::{Participant, Standard};

use crate::cli::HeaderArgs;

/// Checks a username typed on the command line or at a prompt, or given by the config or the
/// environment, and returns its one spelling (MediaWiki's).
pub fn check_username(text: &str) -> Result<String> {
    use ksb::model::username::UsernameError;
    ksb::model::sheet::valid_username(text).map_err(|err| match err {
        UsernameError::Empty => anyhow::anyhow!("the username must be non-empty"),
        err => anyhow::anyhow!(
            "the username '{}' {err}",
            crate::app::output::printable(text.trim())
        ),
    })
}

/// Resolves a role focus typed in any case to the standard's spelling.
fn check_role_focus(standard: &Standard, text: &str) -> Result<String> {
    pick(
        text,
        "role focus",
        &standard.role_focuses,
        standard.role_focus(text),
    )
}

/// Resolves a mentoring type typed in any case to the standard's spelling.
fn check_mentoring_type(standard: &Standard, text: &str) -> Result<String> {
    pick(
        text,
        "mentoring type",
        &standard.mentoring_types,
        standard.mentoring_type(text),
    )
}

/// Resolves an assessment type typed in any case, or its short name (`self`, `mentor`,
/// `final`), to the standard's spelling: the rule `--type` follows.
fn check_assessment_type(standard: &Standard, text: &str) -> Result<String> {
    use ksb::model::assessment;
    assessment::named(standard, text)
        .map(str::to_string)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "assessment type '{text}' is not one of: {}",
                assessment::names(standard).join(", ")
            )
        })
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
fn flag_or_default(
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

/// Checks the defaults a new sheet takes (username, role focus, mentoring type) against the
/// standard in use, naming where a bad one came from (the environment variable, or the config
/// file and line): `ksb config` shows no default as if it worked. Commands check each default
/// again when they use it; none checks it before, since a default that fits one standard need
/// not fit the `--standard` of a command that never uses it.
pub fn check_defaults(standard: &Standard, settings: &Settings) -> Result<()> {
    flag_or_default(&None, settings.get(Key::Username), check_username)?;
    flag_or_default(&None, settings.get(Key::RoleFocus), |text| {
        check_role_focus(standard, text)
    })?;
    flag_or_default(&None, settings.get(Key::MentoringType), |text| {
        check_mentoring_type(standard, text)
    })?;
    Ok(())
}

/// The header fields of a new sheet known before anyone is asked, all checked against the
/// standard: each from its flag, else (for username, role focus and mentoring type) the user's
/// default from the environment or the config file.
pub struct KnownHeader {
    /// The participant's username.
    pub username: Option<String>,
    /// The preferred role focus, in the standard's spelling.
    pub role_focus: Option<String>,
    /// The mentoring type, in the standard's spelling.
    pub mentoring_type: Option<String>,
    /// The assessment type, in the standard's spelling.
    pub assessment_type: Option<String>,
    /// The date of the assessment.
    pub date: Option<NaiveDate>,
}

/// What the flags and the user's defaults say of a new sheet's header.
pub fn known_header(
    standard: &Standard,
    header: &HeaderArgs,
    settings: &Settings,
) -> Result<KnownHeader> {
    Ok(KnownHeader {
        username: flag_or_default(
            &header.username,
            settings.get(Key::Username),
            check_username,
        )?,
        role_focus: flag_or_default(&header.role_focus, settings.get(Key::RoleFocus), |text| {
            check_role_focus(standard, text)
        })?,
        mentoring_type: flag_or_default(
            &header.mentoring_type,
            settings.get(Key::MentoringType),
            |text| check_mentoring_type(standard, text),
        )?,
        assessment_type: header
            .assessment_type
            .as_deref()
            .map(|text| check_assessment_type(standard, text))
            .transpose()?,
        date: header.date.as_deref().map(parse_dmy).transpose()?,
    })
}
