//! The KSB standard: what is assessed, loaded from YAML and validated once.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::model::id::KsbId;
use crate::model::position::{self, located, Position};
use crate::model::score::Score;
use crate::model::version;

/// The standard that ships with `ksb`: the Miraheze Technology Mentoring Programme.
pub const BUILTIN_YAML: &str = include_str!("../../standards/miraheze-tech-mentoring.yaml");

/// Which of the three parts of a KSB standard an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// What a participant knows.
    Knowledge,
    /// What a participant can do.
    Skill,
    /// How a participant works with others.
    Behaviour,
}

impl Category {
    /// The three categories, in the order a sheet lists them.
    pub const ALL: [Category; 3] = [Category::Knowledge, Category::Skill, Category::Behaviour];

    /// The name a standard file uses: `knowledge`, `skill` or `behaviour`.
    pub fn key(self) -> &'static str {
        match self {
            Category::Knowledge => "knowledge",
            Category::Skill => "skill",
            Category::Behaviour => "behaviour",
        }
    }

    /// The heading of the category's section on a sheet.
    pub fn heading(self) -> &'static str {
        match self {
            Category::Knowledge => "Knowledge",
            Category::Skill => "Skills",
            Category::Behaviour => "Behaviours",
        }
    }

    fn from_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.heading())
    }
}

/// One Knowledge, Skill or Behaviour item of a standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ksb {
    /// Short id such as `K1`, unique in the standard.
    pub id: KsbId,
    /// Knowledge, skill or behaviour.
    pub category: Category,
    /// The title the programme's sheet shows.
    pub title: String,
    /// What the item asks of a participant.
    pub description: String,
    /// The stack-area label exactly as the programme writes it, e.g. "Infra (Caching/CDN)".
    pub stack_area: String,
    /// The canonical areas the label belongs to, used for grouping (one or more).
    pub areas: Vec<String>,
    /// The role focus the item matters most to; one of the standard's role focuses.
    pub role_focus: String,
    /// The version of the standard that added the item, when the standard says (`since: "1.1"`).
    /// A sheet scored against an older version is warned that the item is new and unscored.
    pub since: Option<String>,
}

/// One line of the scoring key: a score and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyEntry {
    /// The score this line explains.
    pub score: Score,
    /// What the score means, as the programme's key words it.
    pub meaning: String,
    /// A word or two for the one-line key on every KSB screen (`2 independent`); optional.
    #[serde(default)]
    pub short: Option<String>,
}

/// The wording of the participant header on the programme's sheet: each line's label and
/// what the blank sheet asks for in the username line. Another programme's standard gives its
/// own (`participant_header:` in the YAML); each field left out keeps the wording below.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HeaderText {
    /// The label of the username line.
    pub username: String,
    /// The label of the preferred role focus line.
    pub role_focus: String,
    /// The label of the mentoring type line.
    pub mentoring_type: String,
    /// The label of the assessment type line.
    pub assessment_type: String,
    /// The label of the date line.
    pub date: String,
    /// What the blank sheet asks for on the username line.
    pub username_hint: String,
}

impl Default for HeaderText {
    fn default() -> HeaderText {
        HeaderText {
            username: "Username".to_string(),
            role_focus: "Preferred Role Focus".to_string(),
            mentoring_type: "Mentoring Type".to_string(),
            assessment_type: "Assessment Type".to_string(),
            date: "Date".to_string(),
            username_hint: "Enter your username here".to_string(),
        }
    }
}

impl HeaderText {
    /// The five labels in the programme's order: username, preferred role focus, mentoring
    /// type, assessment type, date.
    pub fn labels(&self) -> [&str; 5] {
        [
            &self.username,
            &self.role_focus,
            &self.mentoring_type,
            &self.assessment_type,
            &self.date,
        ]
    }
}

/// A whole KSB standard: its items and the lists a participant chooses from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    /// Stable id that sheets record, e.g. `miraheze-tech-mentoring`.
    pub id: String,
    /// Human title of the programme.
    pub title: String,
    /// Version of the standard that sheets record.
    pub version: String,
    /// The role focuses a participant can prefer and a KSB can belong to.
    pub role_focuses: Vec<String>,
    /// The canonical stack areas, in the order summaries list them.
    pub areas: Vec<String>,
    /// What each score means.
    pub scoring_key: Vec<KeyEntry>,
    /// Kinds of mentoring relationship (Mentee, Mentor, Peer Support).
    pub mentoring_types: Vec<String>,
    /// Kinds of assessment (Self-assessment, Mentor review, Final check).
    pub assessment_types: Vec<String>,
    /// The wording of the participant header.
    pub participant_header: HeaderText,
    /// Every KSB, in the standard's order.
    pub ksbs: Vec<Ksb>,
}

/// Why a standard file could not be used: a YAML error or a failed check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", located(.position, ""), self.detail())]
pub struct StandardError {
    /// Where in the file, when the parser knows.
    pub position: Option<Position>,
    /// The KSB at fault, when there is one.
    pub ksb: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl StandardError {
    fn detail(&self) -> String {
        match &self.ksb {
            Some(id) => format!("{id}: {}", self.message),
            None => self.message.clone(),
        }
    }

    fn at(spanned_at: &serde_saphyr::Location, ksb: Option<&str>, message: String) -> Self {
        StandardError {
            position: position_of(spanned_at),
            ksb: ksb.map(str::to_string),
            message,
        }
    }
}

fn position_of(location: &serde_saphyr::Location) -> Option<Position> {
    let (line, column) = (location.line(), location.column());
    (line > 0).then(|| Position {
        line: line as usize,
        column: column.max(1) as usize,
    })
}

/// The keys of `participant_header:`, in the order [`HeaderText::labels`] gives them, then the hint.
const HEADER_FIELDS: [&str; 6] = [
    "username",
    "role_focus",
    "mentoring_type",
    "assessment_type",
    "date",
    "username_hint",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandard {
    id: String,
    title: String,
    version: String,
    role_focuses: Vec<String>,
    areas: Vec<String>,
    scoring_key: Vec<KeyEntry>,
    mentoring_types: Vec<String>,
    assessment_types: Vec<String>,
    #[serde(default)]
    participant_header: HeaderText,
    ksbs: Vec<Spanned<RawKsb>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKsb {
    id: Spanned<String>,
    category: Spanned<String>,
    title: String,
    description: String,
    stack_area: String,
    #[serde(default)]
    areas: Vec<String>,
    role_focus: Spanned<String>,
    since: Option<Spanned<String>>,
}

impl Standard {
    /// The standard built into the binary: [`BUILTIN_YAML`] as code generated from this
    /// module's own types (`standard/builtin.rs`, kept in the repository), so that no command
    /// spends its start-up parsing it. A unit test fails when the code is stale, and another
    /// proves it equal to what [`Standard::from_yaml`] makes of the YAML.
    pub fn builtin() -> Standard {
        builtin::standard()
    }

    /// Parses and validates a standard written in YAML.
    pub fn from_yaml(text: &str) -> Result<Standard, StandardError> {
        let raw: RawStandard = serde_saphyr::from_str(text).map_err(|err| {
            let plain = err.without_snippet();
            StandardError {
                position: plain.location().as_ref().and_then(position_of),
                ksb: None,
                message: parser_message(&plain.to_string()),
            }
        })?;
        raw.validate()
    }

    /// The KSB with this id, if the standard has one.
    pub fn ksb(&self, id: &KsbId) -> Option<&Ksb> {
        self.ksbs.iter().find(|ksb| &ksb.id == id)
    }

    /// The KSBs of one category, in the standard's order.
    pub fn ksbs_in(&self, category: Category) -> impl Iterator<Item = &Ksb> {
        self.ksbs.iter().filter(move |ksb| ksb.category == category)
    }

    /// The declared role focus matching `text` case-insensitively, in its declared spelling.
    pub fn role_focus(&self, text: &str) -> Option<&str> {
        find_ignoring_case(&self.role_focuses, text)
    }

    /// The declared mentoring type matching `text` case-insensitively.
    pub fn mentoring_type(&self, text: &str) -> Option<&str> {
        find_ignoring_case(&self.mentoring_types, text)
    }

    /// The declared assessment type matching `text` case-insensitively.
    pub fn assessment_type(&self, text: &str) -> Option<&str> {
        find_ignoring_case(&self.assessment_types, text)
    }

    /// What `score` means according to the scoring key.
    pub fn meaning_of(&self, score: Score) -> &str {
        self.scoring_key
            .iter()
            .find(|entry| entry.score == score)
            .map_or("", |entry| entry.meaning.as_str())
    }

    /// Whether any KSB counts in more than one area (summaries then say so).
    pub fn has_shared_areas(&self) -> bool {
        self.ksbs.iter().any(|ksb| ksb.areas.len() > 1)
    }
}

/// The entry of `list` equal to `text` ignoring case and surrounding spaces.
pub(crate) fn find_ignoring_case<'a>(list: &'a [String], text: &str) -> Option<&'a str> {
    let text = text.trim().to_lowercase();
    list.iter()
        .find(|item| item.trim().to_lowercase() == text)
        .map(String::as_str)
}

/// Folds a multi-line parser message onto one line, without the " at line L, column C" the
/// parser appends: the error puts the position first, once.
fn parser_message(message: &str) -> String {
    let message = position::one_line(message);
    match message.rsplit_once(" at line ") {
        Some((text, position)) if position.split(", column ").all(is_number) => text.to_string(),
        _ => message,
    }
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The first control character in `text` (other than a line break where `multi_line`), named
/// for an error: a terminal would act on it (colours, cursor moves) and tables would break.
fn control_character(text: &str, multi_line: bool) -> Option<String> {
    text.chars()
        .find(|&c| c.is_control() && !(multi_line && c == '\n'))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

/// Refuses text a standard shows in tables that holds a control character.
fn require_printable(name: &str, text: &str, multi_line: bool) -> Result<(), String> {
    match control_character(text, multi_line) {
        Some(c) => Err(format!(
            "{name} contains the control character {c}; remove it{}",
            if multi_line {
                ""
            } else {
                " and keep it on one line"
            }
        )),
        None => Ok(()),
    }
}

fn require_list(name: &str, list: &[String]) -> Result<(), StandardError> {
    let plain = |message: String| StandardError {
        position: None,
        ksb: None,
        message,
    };
    if list.is_empty() {
        return Err(plain(format!("{name} must list at least one entry")));
    }
    let mut seen = HashSet::new();
    for item in list {
        if item.trim().is_empty() {
            return Err(plain(format!("{name} has an empty entry")));
        }
        if !seen.insert(item.trim().to_lowercase()) {
            return Err(plain(format!("{name} lists '{item}' twice")));
        }
        require_printable(&format!("an entry of {name}"), item, false).map_err(plain)?;
    }
    Ok(())
}

impl RawStandard {
    fn validate(self) -> Result<Standard, StandardError> {
        let plain = |message: String| StandardError {
            position: None,
            ksb: None,
            message,
        };
        for (name, value) in [
            ("id", &self.id),
            ("title", &self.title),
            ("version", &self.version),
        ] {
            if value.trim().is_empty() {
                return Err(plain(format!("the standard's {name} is empty")));
            }
            require_printable(&format!("the standard's {name}"), value, false).map_err(plain)?;
        }
        for entry in &self.scoring_key {
            require_printable(
                &format!("the meaning of score {}", entry.score),
                &entry.meaning,
                false,
            )
            .map_err(plain)?;
            if let Some(short) = &entry.short {
                require_printable(
                    &format!("the short meaning of score {}", entry.score),
                    short,
                    false,
                )
                .map_err(plain)?;
            }
        }
        let header = &self.participant_header;
        for (name, text) in header
            .labels()
            .into_iter()
            .chain([header.username_hint.as_str()])
            .enumerate()
            .map(|(i, text)| (HEADER_FIELDS[i], text))
        {
            if text.trim().is_empty() {
                return Err(plain(format!("participant_header.{name} is empty")));
            }
            require_printable(&format!("participant_header.{name}"), text, false).map_err(plain)?;
        }
        require_list("role_focuses", &self.role_focuses)?;
        require_list("areas", &self.areas)?;
        require_list("mentoring_types", &self.mentoring_types)?;
        require_list("assessment_types", &self.assessment_types)?;
        for score in Score::ALL {
            let lines = self.scoring_key.iter().filter(|e| e.score == score).count();
            if lines != 1 {
                return Err(plain(format!(
                    "scoring_key must explain score {score} exactly once (found {lines})"
                )));
            }
        }
        if self.ksbs.is_empty() {
            return Err(plain("ksbs must list at least one KSB".to_string()));
        }

        // Declared names by their case-folded spelling, looked up once per KSB: a standard of
        // thousands of KSBs and areas checks in linear time.
        let folded = |list: &[String]| -> HashMap<String, String> {
            list.iter()
                .map(|item| (item.trim().to_lowercase(), item.clone()))
                .collect()
        };
        let (role_index, area_index) = (folded(&self.role_focuses), folded(&self.areas));
        let mut seen = HashSet::new();
        let mut ksbs = Vec::with_capacity(self.ksbs.len());
        for spanned in self.ksbs {
            let raw = spanned.value;
            let id_text = raw.id.value.as_str();
            let id: KsbId = id_text
                .parse()
                .map_err(|err| StandardError::at(&raw.id.referenced, None, format!("{err}")))?;
            let fail = |at: &serde_saphyr::Location, message: String| {
                StandardError::at(at, Some(id.as_str()), message)
            };
            if !seen.insert(id.clone()) {
                return Err(fail(&raw.id.referenced, "duplicate KSB id".to_string()));
            }
            let category = Category::from_key(raw.category.value.trim()).ok_or_else(|| {
                fail(
                    &raw.category.referenced,
                    format!(
                        "unknown category '{}': expected knowledge, skill or behaviour",
                        raw.category.value
                    ),
                )
            })?;
            if raw.title.trim().is_empty() {
                return Err(fail(&spanned.referenced, "title is empty".to_string()));
            }
            if raw.stack_area.trim().is_empty() {
                return Err(fail(&spanned.referenced, "stack_area is empty".to_string()));
            }
            for (name, text, multi_line) in [
                ("title", &raw.title, false),
                ("stack_area", &raw.stack_area, false),
                ("description", &raw.description, true),
            ] {
                require_printable(name, text, multi_line)
                    .map_err(|message| fail(&spanned.referenced, message))?;
            }
            let role_focus = role_index
                .get(&raw.role_focus.value.trim().to_lowercase())
                .ok_or_else(|| {
                    fail(
                        &raw.role_focus.referenced,
                        format!(
                            "role focus '{}' is not one of role_focuses ({})",
                            raw.role_focus.value,
                            self.role_focuses.join(", ")
                        ),
                    )
                })?
                .to_string();
            if raw.areas.is_empty() {
                return Err(fail(
                    &spanned.referenced,
                    "areas must name at least one area".to_string(),
                ));
            }
            let mut areas = Vec::with_capacity(raw.areas.len());
            for area in &raw.areas {
                let canonical = area_index.get(&area.trim().to_lowercase()).ok_or_else(|| {
                    fail(
                        &spanned.referenced,
                        format!(
                            "area '{area}' is not one of areas ({})",
                            self.areas.join(", ")
                        ),
                    )
                })?;
                if !areas.iter().any(|a: &String| a == canonical) {
                    areas.push(canonical.to_string());
                }
            }
            let since = match raw.since {
                None => None,
                Some(since) if since.value.trim().is_empty() => {
                    return Err(fail(&since.referenced, "since is empty".to_string()));
                }
                Some(since) if version::compare(&since.value, &self.version).is_gt() => {
                    return Err(fail(
                        &since.referenced,
                        format!(
                            "since {} is newer than the standard's version {}",
                            since.value, self.version
                        ),
                    ));
                }
                Some(since) => Some(since.value.trim().to_string()),
            };
            ksbs.push(Ksb {
                id,
                category,
                title: raw.title,
                description: raw.description,
                stack_area: raw.stack_area,
                areas,
                role_focus,
                since,
            });
        }
        Ok(Standard {
            id: self.id,
            title: self.title,
            version: self.version,
            role_focuses: self.role_focuses,
            areas: self.areas,
            scoring_key: self.scoring_key,
            mentoring_types: self.mentoring_types,
            assessment_types: self.assessment_types,
            participant_header: self.participant_header,
            ksbs,
        })
    }
}

mod builtin;
#[cfg(test)]
mod sourcegen;
#[cfg(test)]
mod tests;
