//! JSON output: the standard, a participant, summary and cohort figures, comparisons, progress
//! and exported sheets, for scripts. Each output is a `Serialize` type here, so the schema is
//! the code; the keys of an object come in alphabetical order (as the snapshots in
//! `json/tests.rs` show).

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use super::export::{ExportDoc, Exporter};
use crate::figures::grouping::Grouping;
use crate::figures::summary::{GroupFigures, Summary};
use crate::model::id::KsbId;
use crate::model::score::Score;
use crate::model::sheet::Participant;
use crate::model::standard::{Ksb, Standard};

mod cohort;
mod evidence;
mod sheets;

pub use cohort::{
    calibration, cohort, roster, BackedJson, BackingJson, CalibrationJson, CohortJson,
    CohortKsbJson, FocusJson, GapsJson, SelectionJson,
};
pub use evidence::{evidence, EvidenceJson, VerdictJson};
pub use sheets::{
    compare, progress, CompareGroupJson, CompareJson, CompareKsbJson, ProgressGroupJson,
    ProgressJson, ProgressKsbJson, SupportJson,
};

/// One KSB of the standard: `ksb standard --format json` lists them.
#[derive(Debug, Serialize)]
pub struct KsbJson<'a> {
    /// The stack areas it belongs to.
    pub areas: &'a [String],
    /// `knowledge`, `skill` or `behaviour`.
    pub category: &'static str,
    /// What it asks.
    pub description: &'a str,
    /// Its id, such as K1.
    pub id: &'a KsbId,
    /// The role focus it belongs to.
    pub role_focus: &'a str,
    /// Its canonical stack area.
    pub stack_area: &'a str,
    /// Its title.
    pub title: &'a str,
}

impl<'a> KsbJson<'a> {
    fn of(ksb: &'a Ksb) -> KsbJson<'a> {
        KsbJson {
            areas: &ksb.areas,
            category: ksb.category.key(),
            description: &ksb.description,
            id: &ksb.id,
            role_focus: &ksb.role_focus,
            stack_area: &ksb.stack_area,
            title: &ksb.title,
        }
    }
}

/// Every KSB of the standard as an array of objects: `ksb standard --format json`.
pub fn standard(standard: &Standard) -> Vec<KsbJson<'_>> {
    standard.ksbs.iter().map(KsbJson::of).collect()
}

/// The participant header, the date as DD/MM/YYYY, the reviewer null when the sheet names
/// none; `file` only where a report about several sheets names each.
#[derive(Debug, Serialize)]
pub struct ParticipantJson<'a> {
    /// Self-assessment, Mentor review or Final check.
    pub assessment_type: &'a str,
    /// The date as DD/MM/YYYY.
    pub date: String,
    /// The sheet's file, in a report about several sheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// Mentee, Mentor or Peer Support.
    pub mentoring_type: &'a str,
    /// The mentor who reviewed, if any.
    pub reviewer: Option<&'a str>,
    /// The preferred role focus.
    pub role_focus: &'a str,
    /// The participant's username.
    pub username: &'a str,
}

/// The participant header as a JSON object.
pub fn participant(participant: &Participant) -> ParticipantJson<'_> {
    ParticipantJson {
        assessment_type: &participant.assessment_type,
        date: participant.date_dmy(),
        file: None,
        mentoring_type: &participant.mentoring_type,
        reviewer: participant.reviewer.as_deref(),
        role_focus: &participant.role_focus,
        username: &participant.username,
    }
}

/// One list of figures per grouping, keyed `role_focus`, `area` or `category`.
pub type Groups<T> = BTreeMap<&'static str, Vec<T>>;

/// Summary figures: `ksb summary SHEET --format json`.
#[derive(Debug, Serialize)]
pub struct SummaryJson<'a> {
    /// One array of figures per grouping asked for.
    pub groups: Groups<GroupFigures>,
    /// The figures over every KSB.
    pub overall: GroupFigures,
    /// The participant; null where the figures are of no one sheet.
    pub participant: Option<ParticipantJson<'a>>,
}

/// Summary figures: `{"participant", "groups": {"role_focus", "area", "category"}, "overall"}`.
pub fn summary<'a>(
    participant: Option<&'a Participant>,
    summary: &Summary,
    groupings: &[Grouping],
) -> SummaryJson<'a> {
    SummaryJson {
        groups: groups(summary, groupings),
        overall: GroupFigures::new(None, &summary.overall),
        participant: participant.map(self::participant),
    }
}

/// The `groups` object of a summary: one array of figures per grouping.
fn groups(summary: &Summary, groupings: &[Grouping]) -> Groups<GroupFigures> {
    groupings
        .iter()
        .map(|&grouping| {
            let figures = summary
                .groups(grouping)
                .iter()
                .map(|g| GroupFigures::new(Some(&g.name), &g.tally))
                .collect();
            (grouping.key(), figures)
        })
        .collect()
}

/// A score as reports give it: a number 0–3, `"N/A"`, or null when unscored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreJson(pub Option<Score>);

impl Serialize for ScoreJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(score) => match score.points() {
                Some(points) => serializer.serialize_u8(points),
                None => serializer.serialize_str(&score.to_string()),
            },
            None => serializer.serialize_none(),
        }
    }
}

/// A score as reports give it: a number 0–3, `"N/A"`, or null when unscored.
pub fn score(score: Option<Score>) -> ScoreJson {
    ScoreJson(score)
}

/// One KSB of an exported sheet: its definition (as [`KsbJson`]), score and note.
#[derive(Debug, Serialize)]
pub struct ExportKsbJson<'a> {
    /// The stack areas it belongs to.
    pub areas: &'a [String],
    /// `knowledge`, `skill` or `behaviour`.
    pub category: &'static str,
    /// What it asks.
    pub description: &'a str,
    /// Its id.
    pub id: &'a KsbId,
    /// Its note; null when none.
    pub note: Option<&'a str>,
    /// The role focus it belongs to.
    pub role_focus: &'a str,
    /// Its score.
    pub score: ScoreJson,
    /// Its canonical stack area.
    pub stack_area: &'a str,
    /// Its title.
    pub title: &'a str,
}

/// The standard an exported sheet follows.
#[derive(Debug, Serialize)]
pub struct StandardRefJson<'a> {
    /// The standard's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The version the sheet was scored against.
    pub version: &'a str,
}

/// The export document: `ksb export --format json`.
#[derive(Debug, Serialize)]
pub struct ExportJson<'a> {
    /// The sheet's evidence items (see [`evidence`]); empty on the blank sheet.
    pub evidence: Vec<EvidenceJson<'a>>,
    /// Every KSB with its definition, score and note.
    pub ksbs: Vec<ExportKsbJson<'a>>,
    /// The participant; null on the blank sheet.
    pub participant: Option<ParticipantJson<'a>>,
    /// The standard.
    pub standard: StandardRefJson<'a>,
    /// The summary figures as `ksb summary` gives them.
    pub summary: SummaryJson<'a>,
}

/// The export document: the standard, the participant (null on the blank sheet), every KSB
/// with its definition, score and note, the evidence items, and the summary figures as `ksb summary` gives them.
pub fn export<'a>(doc: &'a ExportDoc<'a>) -> ExportJson<'a> {
    let participant = doc.sheet.map(|sheet| &sheet.participant);
    let version = doc
        .sheet
        .map_or(&doc.standard.version, |sheet| &sheet.standard_version);
    ExportJson {
        evidence: evidence(doc.evidence()),
        ksbs: doc
            .rows()
            .iter()
            .map(|row| {
                let ksb = KsbJson::of(row.ksb);
                ExportKsbJson {
                    areas: ksb.areas,
                    category: ksb.category,
                    description: ksb.description,
                    id: ksb.id,
                    note: row.note,
                    role_focus: ksb.role_focus,
                    score: score(row.score),
                    stack_area: ksb.stack_area,
                    title: ksb.title,
                }
            })
            .collect(),
        participant: participant.map(self::participant),
        standard: StandardRefJson {
            id: &doc.standard.id,
            title: &doc.standard.title,
            version,
        },
        summary: summary(participant, &doc.figures(), &Grouping::ALL),
    }
}

/// Writes [`export`] as pretty-printed JSON; it always carries notes and summary figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl Exporter for Json {
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(&export(doc)).map_err(io::Error::from)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests;
