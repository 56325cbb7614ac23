//! A finished assessment as an Open Badges 3.0 `OpenBadgeCredential`, unsigned.
//!
//! Only a locked mentor review or final check becomes a badge: a badge says that someone other
//! than the participant assessed them, and that the scores will not change afterwards; a
//! self-assessment is the participant's own view, and an unlocked sheet can still be edited
//! after the credential has left.
//!
//! The credential (`@context` the Verifiable Credentials 2.0 context and Open Badges 3.0's,
//! `validFrom` the assessment's day) has an `AchievementSubject` (the participant, by wiki
//! username) whose `achievement` is the standard's completion at this assessment type, aligned
//! to each KSB's CASE item ([`super::case`]'s identifiers), with a `ResultDescription` per KSB
//! whose `rubricCriterionLevel`s are 0–3 (the CASE rubric's level identifiers), and a `result`
//! per scored KSB whose `achievedLevel` is the level scored (an N/A is a result with the value
//! `N/A` and no level). There is no `proof`: signing is left to the issuer's own tools.

use chrono::NaiveDate;
use serde::Serialize;

use super::case;
use super::stable_uuid;
use crate::model::assessment::{FINAL_CHECK, MENTOR_REVIEW};
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// The Verifiable Credentials 2.0 context, first in `@context`.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// Open Badges 3.0's context, second in `@context`.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// Who issues the badge: from the config file's `[badge]` (or `KSB_BADGE_ISSUER_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// A URL that names the issuer, `https://…`.
    pub id: String,
    /// The issuer's name.
    pub name: String,
}

/// Why a sheet cannot become a badge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadgeError {
    /// A self-assessment (or another type): a badge needs someone else's assessment.
    #[error("a badge is only for a {MENTOR_REVIEW} or a {FINAL_CHECK}, and this sheet is a {0}: a badge says someone other than the participant assessed them")]
    NotAReview(String),
    /// The sheet can still change.
    #[error("the sheet is not locked: lock it first (`ksb lock SHEET`), so that what the badge says cannot change after it is issued")]
    NotLocked,
    /// The issuer's id is no URL.
    #[error("the badge issuer's id '{0}' is not a URL: give https://… (badge.issuer_id or KSB_BADGE_ISSUER_ID)")]
    IssuerNotUrl(String),
}

/// An `OpenBadgeCredential`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    /// JSON-LD contexts.
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    /// `urn:uuid:` of the participant, standard, assessment type and date.
    pub id: String,
    /// `VerifiableCredential`, `OpenBadgeCredential`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// For wallets.
    pub name: String,
    /// For wallets.
    pub description: String,
    /// Who issues it.
    pub issuer: Profile,
    /// The assessment's day.
    pub valid_from: String,
    /// The participant and what they achieved.
    pub credential_subject: AchievementSubject,
}

/// A `Profile`: the issuer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Its URL.
    pub id: String,
    /// `Profile`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// Its name.
    pub name: String,
}

/// An `AchievementSubject`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AchievementSubject {
    /// `AchievementSubject`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// The participant, by wiki username.
    pub identifier: Vec<IdentityObject>,
    /// The standard's completion.
    pub achievement: Achievement,
    /// One per scored KSB.
    pub result: Vec<BadgeResult>,
}

/// An `IdentityObject`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityObject {
    /// `IdentityObject`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Not hashed: a wiki username is public.
    pub hashed: bool,
    /// The username.
    pub identity_hash: String,
    /// `userName`.
    pub identity_type: String,
}

/// An `Achievement`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Achievement {
    /// `urn:uuid:` of the standard, its version and the assessment type.
    pub id: String,
    /// `Achievement`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// `Competency`.
    pub achievement_type: String,
    /// The standard and assessment type.
    pub name: String,
    /// What it is.
    pub description: String,
    /// How it is earned.
    pub criteria: Criteria,
    /// Each KSB's CASE item.
    pub alignment: Vec<Alignment>,
    /// Each KSB's levels.
    pub result_description: Vec<ResultDescription>,
    /// The standard's version.
    pub version: String,
}

/// `Criteria`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criteria {
    /// In words.
    pub narrative: String,
}

/// An `Alignment` to a CASE item or rubric level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alignment {
    /// `Alignment`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// `CFItem` or `CFRubricCriterionLevel`.
    pub target_type: String,
    /// The KSB's or level's name.
    pub target_name: String,
    /// The CASE `urn:uuid:`.
    pub target_url: String,
    /// The KSB's id, or the score.
    pub target_code: String,
    /// The standard's title.
    pub target_framework: String,
}

/// A `ResultDescription`: one KSB's rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultDescription {
    /// `urn:uuid:`.
    pub id: String,
    /// `ResultDescription`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// The KSB's id and title.
    pub name: String,
    /// `RubricCriterionLevel`.
    pub result_type: String,
    /// The KSB's CASE item.
    pub alignment: Vec<Alignment>,
    /// 0–3.
    pub rubric_criterion_level: Vec<RubricCriterionLevel>,
}

/// A `RubricCriterionLevel`: one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricCriterionLevel {
    /// The CASE level's `urn:uuid:`.
    pub id: String,
    /// `RubricCriterionLevel`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// The score's meaning.
    pub name: String,
    /// The score.
    pub level: String,
    /// The score, as points.
    pub points: String,
}

/// A `Result`: one KSB's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BadgeResult {
    /// `Result`.
    #[serde(rename = "type")]
    pub kind: Vec<String>,
    /// The KSB's [`ResultDescription`].
    pub result_description: String,
    /// The level scored (absent for N/A).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved_level: Option<String>,
    /// `N/A` for a KSB not assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

fn urn(parts: &[&str]) -> String {
    format!("urn:uuid:{}", stable_uuid(parts))
}

fn kind(name: &str) -> Vec<String> {
    vec![name.to_string()]
}

/// Whether `sheet` may become a badge: a mentor review or final check, locked.
pub fn eligible(sheet: &Sheet) -> Result<(), BadgeError> {
    let kind_of = sheet.participant.assessment_type.as_str();
    if ![MENTOR_REVIEW, FINAL_CHECK]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(kind_of))
    {
        return Err(BadgeError::NotAReview(kind_of.to_string()));
    }
    if !sheet.locked {
        return Err(BadgeError::NotLocked);
    }
    Ok(())
}

/// The credential for a locked mentor review or final check of `standard`.
pub fn credential(
    standard: &Standard,
    sheet: &Sheet,
    issuer: &Issuer,
) -> Result<Credential, BadgeError> {
    eligible(sheet)?;
    let participant = &sheet.participant;
    let kind_of = participant.assessment_type.as_str();
    let is_url = url::Url::parse(&issuer.id)
        .is_ok_and(|u| matches!(u.scheme(), "https" | "http") && u.host().is_some());
    if !is_url {
        return Err(BadgeError::IssuerNotUrl(issuer.id.clone()));
    }
    let sid = standard.id.as_str();
    let date = iso_date(participant.date);
    let mut alignment = Vec::new();
    let mut descriptions = Vec::new();
    let mut results = Vec::new();
    for ksb in &standard.ksbs {
        let kid = ksb.id.as_str();
        let item = Alignment {
            kind: kind("Alignment"),
            target_type: "CFItem".to_string(),
            target_name: ksb.title.clone(),
            target_url: format!("urn:uuid:{}", case::ksb_item_id(standard, kid)),
            target_code: kid.to_string(),
            target_framework: standard.title.clone(),
        };
        alignment.push(item.clone());
        let description_id = urn(&[sid, "result", kid]);
        let levels = Score::ALL[..4]
            .iter()
            .map(|&score| RubricCriterionLevel {
                id: format!("urn:uuid:{}", case::level_id(standard, kid, score)),
                kind: kind("RubricCriterionLevel"),
                name: standard.meaning_of(score).to_string(),
                level: score.to_string(),
                points: score.to_string(),
            })
            .collect();
        descriptions.push(ResultDescription {
            id: description_id.clone(),
            kind: kind("ResultDescription"),
            name: format!("{kid} {}", ksb.title),
            result_type: "RubricCriterionLevel".to_string(),
            alignment: vec![item],
            rubric_criterion_level: levels,
        });
        match sheet.score(&ksb.id) {
            None => {}
            Some(Score::NotApplicable) => results.push(BadgeResult {
                kind: kind("Result"),
                result_description: description_id,
                achieved_level: None,
                value: Some(Score::NotApplicable.to_string()),
            }),
            Some(score) => results.push(BadgeResult {
                kind: kind("Result"),
                result_description: description_id,
                achieved_level: Some(format!("urn:uuid:{}", case::level_id(standard, kid, score))),
                value: None,
            }),
        }
    }
    let reviewer = participant
        .reviewer
        .as_deref()
        .map_or(String::new(), |r| format!(" by {r}"));
    let achievement = Achievement {
        id: urn(&[
            sid,
            "achievement",
            &standard.version,
            &kind_of.to_lowercase(),
        ]),
        kind: kind("Achievement"),
        achievement_type: "Competency".to_string(),
        name: format!("{}: {kind_of}", standard.title),
        description: format!(
            "A {kind_of} of every KSB of {} (version {}), scored 0–3 or N/A.",
            standard.title, standard.version
        ),
        criteria: Criteria {
            narrative: format!(
                "Assessed{reviewer} against the {} KSBs of the standard, each scored 0–3 \
                 ({}) or N/A; the sheet was locked when the assessment was finished.",
                standard.ksbs.len(),
                Score::ALL[..4]
                    .iter()
                    .map(|s| format!("{s} {}", standard.meaning_of(*s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        alignment,
        result_description: descriptions,
        version: standard.version.clone(),
    };
    Ok(Credential {
        context: vec![VC_CONTEXT.to_string(), OB_CONTEXT.to_string()],
        id: urn(&[
            sid,
            "credential",
            &participant.username,
            &kind_of.to_lowercase(),
            &date,
        ]),
        kind: vec![
            "VerifiableCredential".to_string(),
            "OpenBadgeCredential".to_string(),
        ],
        name: format!("{}: {kind_of} of {}", standard.title, participant.username),
        description: format!(
            "{}'s {kind_of} of {date} against {} version {}.",
            participant.username, standard.title, standard.version
        ),
        issuer: Profile {
            id: issuer.id.clone(),
            kind: kind("Profile"),
            name: issuer.name.clone(),
        },
        valid_from: format!("{date}T00:00:00Z"),
        credential_subject: AchievementSubject {
            kind: kind("AchievementSubject"),
            identifier: vec![IdentityObject {
                kind: "IdentityObject".to_string(),
                hashed: false,
                identity_hash: participant.username.clone(),
                identity_type: "userName".to_string(),
            }],
            achievement,
            result: results,
        },
    })
}

fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The credential as JSON (pretty, with a final newline).
pub fn write(standard: &Standard, sheet: &Sheet, issuer: &Issuer) -> Result<String, BadgeError> {
    let credential = credential(standard, sheet, issuer)?;
    let mut text = serde_json::to_string_pretty(&credential).unwrap_or_default();
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sheet::Participant;

    fn sheet(kind: &str, locked: bool) -> Sheet {
        let standard = Standard::builtin();
        let mut sheet = Sheet::new(
            &standard,
            Participant {
                username: "Alice".to_string(),
                role_focus: "Generalist".to_string(),
                mentoring_type: "Mentee".to_string(),
                assessment_type: kind.to_string(),
                date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                reviewer: Some("Bob".to_string()),
            },
        );
        sheet.set_score("K1".parse().unwrap(), Some(Score::Three));
        sheet.locked = locked;
        sheet
    }

    fn issuer() -> Issuer {
        Issuer {
            id: "https://example.org/programme".to_string(),
            name: "Example".to_string(),
        }
    }

    #[test]
    fn only_a_locked_review_or_final_check() {
        assert_eq!(eligible(&sheet("Mentor review", true)), Ok(()));
        assert_eq!(eligible(&sheet("Final check", true)), Ok(()));
        assert_eq!(
            eligible(&sheet("Self-assessment", true)),
            Err(BadgeError::NotAReview("Self-assessment".to_string()))
        );
        assert_eq!(
            eligible(&sheet("Final check", false)),
            Err(BadgeError::NotLocked)
        );
        let bad = Issuer {
            id: "example.org".to_string(),
            ..issuer()
        };
        assert_eq!(
            credential(&Standard::builtin(), &sheet("Final check", true), &bad),
            Err(BadgeError::IssuerNotUrl("example.org".to_string()))
        );
    }

    #[test]
    fn the_result_points_at_the_case_level_scored() {
        let standard = Standard::builtin();
        let credential = credential(&standard, &sheet("Final check", true), &issuer()).unwrap();
        let result = &credential.credential_subject.result;
        assert_eq!(result.len(), 1);
        assert_eq!(
            result[0].achieved_level.as_deref(),
            Some(format!("urn:uuid:{}", case::level_id(&standard, "K1", Score::Three)).as_str())
        );
        assert!(credential
            .credential_subject
            .achievement
            .criteria
            .narrative
            .starts_with("Assessed by Bob against the 28 KSBs"));
        assert_eq!(credential.valid_from, "2026-12-01T00:00:00Z");
    }
}
