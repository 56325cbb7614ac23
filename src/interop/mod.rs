//! Standards in the formats other systems read and write, one module per format:
//!
//! - [`moodle`]: a Moodle competency framework as its CSV import/export
//!   (`admin/tool/lpimportcsv`);
//! - [`case`]: a 1EdTech CASE 1.0 CFPackage (JSON);
//! - [`badge`]: a locked mentor review or final check as an Open Badges 3.0 credential.
//!
//! Each module writes a [`Standard`] and reads one back. What ksb holds and the other system
//! has no field for (stack areas, role focuses, the scoring key's words) travels in a place the
//! format leaves open (a Moodle description's last paragraph, CASE `extensions`), so a standard
//! ksb wrote reads back the same; a framework written elsewhere is flattened by the rules of
//! [`tree`] and its scale mapped by [`scale`]. Nothing here prints: every problem is an
//! [`InteropError`] naming where in the file it is.

pub mod badge;
pub mod case;
pub mod html;
pub mod moodle;
pub mod scale;
pub mod tree;

use std::collections::HashSet;

use uuid::Uuid;

use crate::model::id::KsbId;
use crate::model::standard::{Category, HeaderText, KeyEntry, Ksb, Standard};
use crate::render::standard_yaml::standard_yaml;

/// Most competencies or items a file may hold: far more than any framework has, and few enough
/// that reading one takes a moment at most. A bigger file is refused at the row that passes it.
pub const MAX_ITEMS: usize = 5_000;

/// The role focus every KSB of a framework without role focuses gets.
pub const DEFAULT_ROLE_FOCUS: &str = "Generalist";

/// The namespace of every UUID ksb derives (version 5, SHA-1): fixed for ever, so the same
/// standard and KSB give the same identifier in every export.
pub const NAMESPACE: Uuid = Uuid::from_u128(0x6b7a_3f2e_8c1d_4e5a_9b0f_2d4c_6e8a_1f37);

/// The stable UUID of a part of a standard: `parts` joined with `/` under [`NAMESPACE`], e.g.
/// `["miraheze-tech-mentoring", "ksb", "K1"]`.
pub fn stable_uuid(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, parts.join("/").as_bytes())
}

/// A standard read from another system's file, with what the reader had to decide on the way
/// (the scale's mapping, ids it had to make up), for the YAML's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The standard, valid as [`Standard::from_yaml`] checks.
    pub standard: Standard,
    /// One line each: how the scale was mapped, which ids were generated and from what.
    pub notes: Vec<String>,
}

/// Why a file could not be read as a standard: where, and what is wrong, on one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", if place.is_empty() { String::new() } else { format!("{place}: ") })]
pub struct InteropError {
    /// Where in the file: `line 5, Id number`, `CFItems[3].humanCodingScheme`, …; empty for
    /// the file as a whole.
    pub place: String,
    /// What is wrong, and what to do when there is something to do.
    pub message: String,
}

impl InteropError {
    pub(crate) fn new(place: impl Into<String>, message: impl Into<String>) -> InteropError {
        InteropError {
            place: place.into(),
            message: message.into(),
        }
    }
}

/// Which format a file given to `ksb standard import` is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Moodle competency framework CSV.
    MoodleCsv,
    /// A CASE CFPackage.
    Case,
    /// Anything else: the standard's wiki page.
    WikiPage,
}

/// The format of a file from its extension (`csv`, `json`) or, failing that, its first
/// characters (Moodle's header, or a JSON object).
pub fn detect(extension: Option<&str>, text: &str) -> Kind {
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => return Kind::MoodleCsv,
        Some("json") => return Kind::Case,
        _ => {}
    }
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let header = start.trim_start_matches('"').to_ascii_lowercase();
    if header.starts_with("parent id number") {
        Kind::MoodleCsv
    } else if start
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']))
    {
        Kind::Case
    } else {
        Kind::WikiPage
    }
}

/// The category a name says (`Knowledge`, `skills`, `Behaviour`…), if it says one.
pub(crate) fn category_named(name: &str) -> Option<Category> {
    match name.trim().to_lowercase().as_str() {
        "knowledge" | "k" => Some(Category::Knowledge),
        "skill" | "skills" | "s" => Some(Category::Skill),
        "behaviour" | "behaviours" | "behavior" | "behaviors" | "b" => Some(Category::Behaviour),
        _ => None,
    }
}

/// The category an id such as `K3` says by its first letter followed by a digit.
pub(crate) fn category_of_id(id: &str) -> Option<Category> {
    let mut chars = id.chars();
    let letter = chars.next()?;
    chars.next().filter(char::is_ascii_digit)?;
    category_named(&letter.to_string())
}

/// Lists ksb keeps that frameworks from elsewhere do not have: the programme's mentoring and
/// assessment types, as the built-in standard has them.
pub(crate) fn default_lists() -> (Vec<String>, Vec<String>) {
    let builtin = Standard::builtin();
    (builtin.mentoring_types, builtin.assessment_types)
}

/// Checks a standard made from another format with the checks a YAML file gets, by writing it
/// as YAML and reading it back: the file's text can hold what a standard may not (a control
/// character in a title), and this names the KSB.
pub(crate) fn checked(standard: Standard) -> Result<Standard, InteropError> {
    Standard::from_yaml(&standard_yaml(&standard, &[])).map_err(|err| {
        let what = match &err.ksb {
            Some(id) => format!("{id}: {}", err.message),
            None => err.message.clone(),
        };
        InteropError::new("", format!("does not make a ksb standard: {what}"))
    })
}

/// What the reader of a framework may be told: the category of KSBs nothing in the file places.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The category of a KSB whose item type, group and id say none [default: skill].
    pub category: Option<Category>,
}

/// One KSB as a framework's file gives it, before ids and lists are settled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    pub place: String,
    pub id: String,
    pub title: String,
    pub description: String,
    pub category: Option<Category>,
    pub stack_area: String,
    pub areas: Vec<String>,
    pub role_focus: Option<String>,
    pub since: Option<String>,
}

/// The standard's own fields as the file gives them; `None` where it has none.
#[derive(Debug, Clone, Default)]
pub(crate) struct DraftStandard {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub role_focuses: Option<Vec<String>>,
    pub areas: Option<Vec<String>>,
    pub scoring_key: Vec<KeyEntry>,
    pub mentoring_types: Option<Vec<String>>,
    pub assessment_types: Option<Vec<String>>,
    pub participant_header: Option<HeaderText>,
}

/// The standard made of `doc` and `drafts`: ids that fit ksb's rules kept (in upper case),
/// the others generated from the category's letter (noted in `notes`), every list the file
/// lacks made from the KSBs or the defaults, and the whole checked as a YAML file would be.
pub(crate) fn assemble(
    doc: DraftStandard,
    drafts: Vec<Draft>,
    options: Options,
    notes: &mut Vec<String>,
) -> Result<Standard, InteropError> {
    if drafts.is_empty() {
        return Err(InteropError::new(
            "",
            "holds no competency to make a KSB of",
        ));
    }
    let mut taken: HashSet<KsbId> = HashSet::new();
    let mut parsed: Vec<Option<KsbId>> = Vec::with_capacity(drafts.len());
    for draft in &drafts {
        let id = draft
            .id
            .parse::<KsbId>()
            .ok()
            .filter(|id| taken.insert(id.clone()));
        parsed.push(id);
    }
    let mut counters = [0usize; 3];
    let mut ksbs = Vec::with_capacity(drafts.len());
    let mut areas_seen: Vec<String> = Vec::new();
    let mut roles_seen: Vec<String> = Vec::new();
    let mut seen_keys: HashSet<(bool, String)> = HashSet::new();
    for (draft, id) in drafts.into_iter().zip(parsed) {
        let category = draft
            .category
            .or_else(|| category_of_id(&draft.id))
            .or(options.category)
            .unwrap_or(Category::Skill);
        let id = match id {
            Some(id) => id,
            None => {
                let slot = Category::ALL
                    .iter()
                    .position(|c| *c == category)
                    .unwrap_or(0);
                let letter = &category.heading()[..1];
                let id = loop {
                    counters[slot] += 1;
                    let id: KsbId = format!("{letter}{}", counters[slot])
                        .parse()
                        .expect("a letter and digits are an id");
                    if taken.insert(id.clone()) {
                        break id;
                    }
                };
                notes.push(format!(
                    "{}: '{}' is {id} here ({}); the original is kept in this note",
                    draft.place,
                    crate::import::shown(&draft.id),
                    if draft.id.parse::<KsbId>().is_ok() {
                        "the same id as an earlier one, compared ignoring case"
                    } else {
                        "not a ksb id: letters, digits, '-', '_' or '.', at most 32"
                    }
                ));
                id
            }
        };
        let role_focus = draft
            .role_focus
            .unwrap_or_else(|| DEFAULT_ROLE_FOCUS.to_string());
        for area in &draft.areas {
            if seen_keys.insert((true, area.trim().to_lowercase())) {
                areas_seen.push(area.clone());
            }
        }
        if seen_keys.insert((false, role_focus.trim().to_lowercase())) {
            roles_seen.push(role_focus.clone());
        }
        if draft.title.trim().is_empty() {
            return Err(InteropError::new(
                &draft.place,
                "the competency has no name",
            ));
        }
        ksbs.push(Ksb {
            id,
            category,
            title: draft.title,
            description: draft.description,
            stack_area: draft.stack_area,
            areas: draft.areas,
            role_focus,
            since: draft.since,
        });
    }
    let (mentoring, assessment) = default_lists();
    let standard = Standard {
        id: doc.id,
        title: doc.title,
        version: doc.version.unwrap_or_else(|| "1.0".to_string()),
        role_focuses: doc.role_focuses.unwrap_or(roles_seen),
        areas: doc.areas.unwrap_or(areas_seen),
        scoring_key: doc.scoring_key,
        mentoring_types: doc.mentoring_types.unwrap_or(mentoring),
        assessment_types: doc.assessment_types.unwrap_or(assessment),
        participant_header: doc.participant_header.unwrap_or_default(),
        ksbs,
    };
    checked(standard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_do_not_change() {
        let a = stable_uuid(&["miraheze-tech-mentoring", "ksb", "K1"]);
        assert_eq!(a, stable_uuid(&["miraheze-tech-mentoring", "ksb", "K1"]));
        assert_ne!(a, stable_uuid(&["miraheze-tech-mentoring", "ksb", "K2"]));
        assert_eq!(a.get_version_num(), 5);
    }

    #[test]
    fn detects_the_format() {
        assert_eq!(detect(Some("CSV"), ""), Kind::MoodleCsv);
        assert_eq!(
            detect(None, "\u{feff}\"Parent id number\",x"),
            Kind::MoodleCsv
        );
        assert_eq!(detect(None, "  {\"CFDocument\":{}}"), Kind::Case);
        assert_eq!(detect(Some("wiki"), "{| class=wikitable"), Kind::WikiPage);
    }

    #[test]
    fn categories_from_names_and_ids() {
        assert_eq!(category_named(" Skills "), Some(Category::Skill));
        assert_eq!(category_of_id("B12"), Some(Category::Behaviour));
        assert_eq!(category_of_id("BX"), None);
    }
}
