//! JSON output: the standard, a participant, summary and cohort figures, for scripts.

use serde_json::{json, Map, Value};

use crate::cohort::Cohort;
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
    json!({
        "participant": participant.map(self::participant),
        "groups": groups(summary, groupings),
        "overall": GroupFigures::new(None, &summary.overall),
    })
}

/// The `groups` object of a summary: one array of figures per grouping.
fn groups(summary: &Summary, groupings: &[Grouping]) -> Map<String, Value> {
    let mut groups = Map::new();
    for &grouping in groupings {
        let figures: Vec<GroupFigures> = summary
            .groups(grouping)
            .iter()
            .map(|g| GroupFigures::new(Some(&g.name), &g.tally))
            .collect();
        groups.insert(grouping.key().to_string(), json!(figures));
    }
    groups
}

/// Cohort figures: the one-sheet shape (`groups`, `overall`) with `participants` counted instead
/// of one participant, `ksbs` (per KSB `id`, `mean`, `scored`, `na`, `unscored`), and
/// `by_preferred_role_focus` (per role focus `name`, `participants`, `groups`, `overall`).
pub fn cohort(cohort: &Cohort, groupings: &[Grouping]) -> Value {
    let ksbs: Vec<Value> = cohort
        .ksbs
        .iter()
        .map(|ksb| {
            json!({
                "id": ksb.id,
                "mean": ksb.tally.mean(),
                "scored": ksb.tally.scored,
                "na": ksb.tally.na,
                "unscored": ksb.tally.unscored,
            })
        })
        .collect();
    let by_focus: Vec<Value> = cohort
        .by_preferred_role_focus
        .iter()
        .map(|focus| {
            json!({
                "name": focus.name,
                "participants": focus.participants,
                "groups": groups(&focus.summary, groupings),
                "overall": GroupFigures::new(None, &focus.summary.overall),
            })
        })
        .collect();
    json!({
        "participants": cohort.participants,
        "groups": groups(&cohort.summary, groupings),
        "overall": GroupFigures::new(None, &cohort.summary.overall),
        "ksbs": ksbs,
        "by_preferred_role_focus": by_focus,
    })
}
