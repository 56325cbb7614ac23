//! JSON output: the standard, a participant, summary figures and exported sheets, for scripts.

use std::io;

use serde_json::{json, Map, Value};

use super::export::{ExportDoc, Exporter};
use crate::score::Score;
use crate::sheet::Participant;
use crate::standard::Standard;
use crate::summary::{GroupFigures, Grouping, Summary};

/// Every KSB of the standard as an array of objects: `ksb standard --format json`.
pub fn standard(standard: &Standard) -> Value {
    standard
        .ksbs
        .iter()
        .map(|ksb| {
            json!({
                "id": ksb.id,
                "category": ksb.category.key(),
                "title": ksb.title,
                "description": ksb.description,
                "stack_area": ksb.stack_area,
                "areas": ksb.areas,
                "role_focus": ksb.role_focus,
            })
        })
        .collect()
}

/// The participant header as a JSON object, the date as DD/MM/YYYY.
pub fn participant(participant: &Participant) -> Value {
    json!({
        "username": participant.username,
        "role_focus": participant.role_focus,
        "mentoring_type": participant.mentoring_type,
        "assessment_type": participant.assessment_type,
        "date": participant.date_dmy(),
    })
}

/// Summary figures: `{"participant", "groups": {"role_focus", "area", "category"}, "overall"}`.
pub fn summary(
    participant: Option<&Participant>,
    summary: &Summary,
    groupings: &[Grouping],
) -> Value {
    let mut groups = Map::new();
    for &grouping in groupings {
        let figures: Vec<GroupFigures> = summary
            .groups(grouping)
            .iter()
            .map(|g| GroupFigures::new(Some(&g.name), &g.tally))
            .collect();
        groups.insert(grouping.key().to_string(), json!(figures));
    }
    json!({
        "participant": participant.map(self::participant),
        "groups": groups,
        "overall": GroupFigures::new(None, &summary.overall),
    })
}

/// A score as the export writes it: a number 0–3, `"N/A"`, or `null` when unscored.
fn score(score: Option<Score>) -> Value {
    match score {
        Some(score) => match score.points() {
            Some(points) => json!(points),
            None => json!("N/A"),
        },
        None => Value::Null,
    }
}

/// The export document: the standard, the participant (null on the blank sheet), every KSB
/// with its definition, score and note, and the summary figures as `ksb summary` gives them.
pub fn export(doc: &ExportDoc) -> Value {
    let participant = doc.sheet.map(|sheet| &sheet.participant);
    let version = doc
        .sheet
        .map_or(&doc.standard.version, |sheet| &sheet.standard_version);
    let ksbs: Vec<Value> = doc
        .rows()
        .iter()
        .map(|row| {
            json!({
                "id": row.ksb.id,
                "category": row.ksb.category.key(),
                "title": row.ksb.title,
                "description": row.ksb.description,
                "stack_area": row.ksb.stack_area,
                "areas": row.ksb.areas,
                "role_focus": row.ksb.role_focus,
                "score": score(row.score),
                "note": row.note,
            })
        })
        .collect();
    json!({
        "standard": {
            "id": doc.standard.id,
            "title": doc.standard.title,
            "version": version,
        },
        "participant": participant.map(self::participant),
        "ksbs": ksbs,
        "summary": summary(participant, &doc.figures(), &Grouping::ALL),
    })
}

/// Writes [`export`] as pretty-printed JSON; it always carries notes and summary figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl Exporter for Json {
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>> {
        Ok(format!("{:#}\n", export(doc)).into_bytes())
    }
}
