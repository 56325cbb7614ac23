//! JSON output: the standard, a participant and summary figures, for scripts.

use serde_json::{json, Map, Value};

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
