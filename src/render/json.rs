//! JSON output: the standard, a participant, summary and cohort figures, comparisons, progress
//! and exported sheets, for scripts.

use std::io;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::export::{ExportDoc, Exporter};
use crate::figures::calibration::{self, Calibration, Gaps};
use crate::figures::cohort::Counted;
use crate::figures::compare::{Comparison, Mark};
use crate::figures::grouping::Grouping;
use crate::figures::progress::Progress;
use crate::figures::roster::{Need, Roster, RosterEntry, RosterSheet};
use crate::figures::summary::{GroupFigures, Summary};
use crate::model::date::format_dmy;
use crate::model::score::Score;
use crate::model::sheet::Participant;
use crate::model::standard::Standard;
use crate::report::SheetLabel;

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

/// The participant header as a JSON object, the date as DD/MM/YYYY, the reviewer null when
/// the sheet names none.
pub fn participant(participant: &Participant) -> Value {
    json!({
        "username": participant.username,
        "role_focus": participant.role_focus,
        "mentoring_type": participant.mentoring_type,
        "assessment_type": participant.assessment_type,
        "date": participant.date_dmy(),
        "reviewer": participant.reviewer,
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

/// Cohort figures: the one-sheet shape (`groups`, `overall`) with `participants` (people
/// counted) instead of one participant, `sheets` (sheets read), `counted` (entries counted:
/// participants, or sheets with every sheet counted), `selection` (`all_sheets`,
/// `assessment_type`, `as_of`), `missing` (usernames the selection left out), `ksbs` (per KSB
/// `id`, `mean`, `scored`, `na`, `unscored`), and `by_preferred_role_focus` (per role focus
/// `name`, `participants`, `groups`, `overall`).
pub fn cohort(counted: &Counted, groupings: &[Grouping]) -> Value {
    let cohort = &counted.cohort;
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
    let selection = &counted.selection;
    json!({
        "participants": counted.participants,
        "sheets": counted.sheets,
        "counted": cohort.participants,
        "selection": {
            "all_sheets": selection.all_sheets,
            "assessment_type": selection.assessment_type,
            "as_of": selection.as_of.map(format_dmy),
        },
        "missing": counted.missing,
        "groups": groups(&cohort.summary, groupings),
        "overall": GroupFigures::new(None, &cohort.summary.overall),
        "ksbs": ksbs,
        "by_preferred_role_focus": by_focus,
    })
}

/// The roster: `{"participants": [{"username", "role_focus", "earlier_role_focuses", "sheets":
/// [{"file", "assessment_type", "date", "scored", "locked", "reviewer"}], "needs": [{"need",
/// "text", …}]}], "ksbs", "as_of"}`, participants by username and their sheets in date order.
/// `file` names each sheet's file (by its place in the list read); a need is `self_assessment`,
/// `mentor_review` (with `self_assessment_date`) or `finish` (with `assessment_type`,
/// `unscored` and `file`). Serialised as it is written, without a tree of values: a roster of
/// 10,000 participants is large.
pub fn roster<'a>(
    standard: &'a Standard,
    roster: &'a Roster,
    file: &'a dyn Fn(usize) -> String,
) -> impl Serialize + 'a {
    let participants = Each {
        items: &roster.participants,
        map: move |entry: &'a RosterEntry| RosterEntryJson {
            username: &entry.username,
            role_focus: &entry.role_focus,
            earlier_role_focuses: &entry.earlier_role_focuses,
            sheets: Each {
                items: &entry.sheets,
                map: move |sheet: &'a RosterSheet| RosterSheetJson {
                    file: file(sheet.recency.index),
                    assessment_type: sheet.assessment_type(standard),
                    date: format_dmy(sheet.date()),
                    scored: sheet.scored,
                    locked: sheet.locked,
                    reviewer: sheet.reviewer.as_deref(),
                },
            },
            needs: Each {
                items: &entry.needs,
                map: move |need: &'a Need| need_json(need, file),
            },
        },
    };
    RosterJson {
        participants,
        ksbs: roster.ksbs,
        as_of: roster.as_of.map(format_dmy),
    }
}

/// One need of the roster with the fields its kind has.
fn need_json<'a>(need: &'a Need, file: &dyn Fn(usize) -> String) -> NeedJson<'a> {
    let mut json = NeedJson {
        need: need.key(),
        text: need.text(),
        self_assessment_date: None,
        assessment_type: None,
        unscored: None,
        file: None,
    };
    match need {
        Need::SelfAssessment => {}
        Need::MentorReview { self_assessed } => {
            json.self_assessment_date = Some(format_dmy(*self_assessed));
        }
        Need::Finish {
            assessment_type,
            unscored,
            index,
        } => {
            json.assessment_type = Some(assessment_type);
            json.unscored = Some(*unscored);
            json.file = Some(file(*index));
        }
    }
    json
}

/// A list serialised an item at a time through `map`, so its JSON is never held whole.
struct Each<'a, T, F> {
    items: &'a [T],
    map: F,
}

impl<'a, T, U: Serialize, F: Fn(&'a T) -> U> Serialize for Each<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for item in self.items {
            seq.serialize_element(&(self.map)(item))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct RosterJson<P> {
    participants: P,
    ksbs: usize,
    as_of: Option<String>,
}

#[derive(Serialize)]
struct RosterEntryJson<'a, S, N> {
    username: &'a str,
    role_focus: &'a str,
    earlier_role_focuses: &'a [String],
    sheets: S,
    needs: N,
}

#[derive(Serialize)]
struct RosterSheetJson<'a> {
    file: String,
    assessment_type: &'a str,
    date: String,
    scored: usize,
    locked: bool,
    reviewer: Option<&'a str>,
}

#[derive(Serialize)]
struct NeedJson<'a> {
    need: &'static str,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    self_assessment_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assessment_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unscored: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

/// Gap figures: `pairs`, `mean_gap` (full precision, null without pairs), `large_gaps` (how
/// many 2 or more points apart), `large_gap_share` and `na_disagreements`.
fn gaps(gaps: &Gaps) -> Map<String, Value> {
    let value = json!({
        "pairs": gaps.pairs,
        "mean_gap": gaps.mean(),
        "large_gaps": gaps.large,
        "large_gap_share": gaps.large_share(),
        "na_disagreements": gaps.relevance,
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Calibration: `{"pairs", "participants", "without_self_assessment", "without_review",
/// "as_of", "ksbs": [{"id", …gaps}], "reviewers": [{"reviewer", "reviews", …gaps}], "groups":
/// {"role_focus" | "area": [{"name", …gaps}]}, "overall": {…gaps}}`, the gap figures as
/// `gaps` gives them; a reviewer is null for reviews that name nobody.
pub fn calibration(calibration: &Calibration) -> Value {
    let with = |mut fields: Map<String, Value>, figures: &Gaps| {
        fields.extend(gaps(figures));
        Value::Object(fields)
    };
    let ksbs: Vec<Value> = calibration
        .ksbs
        .iter()
        .map(|ksb| {
            let mut fields = Map::new();
            fields.insert("id".into(), json!(ksb.id));
            with(fields, &ksb.gaps)
        })
        .collect();
    let reviewers: Vec<Value> = calibration
        .reviewers
        .iter()
        .map(|reviewer| {
            let mut fields = Map::new();
            fields.insert("reviewer".into(), json!(reviewer.reviewer));
            fields.insert("reviews".into(), json!(reviewer.reviews));
            with(fields, &reviewer.gaps)
        })
        .collect();
    let mut groups = Map::new();
    for grouping in calibration::GROUPINGS {
        let list: Vec<Value> = calibration.groups[grouping]
            .iter()
            .map(|group| {
                let mut fields = Map::new();
                fields.insert("name".into(), json!(group.name));
                with(fields, &group.gaps)
            })
            .collect();
        groups.insert(grouping.key().to_string(), json!(list));
    }
    json!({
        "pairs": calibration.pairs,
        "participants": calibration.participants,
        "without_self_assessment": calibration.without_self_assessment,
        "without_review": calibration.without_review,
        "as_of": calibration.as_of.map(format_dmy),
        "ksbs": ksbs,
        "reviewers": reviewers,
        "groups": groups,
        "overall": gaps(&calibration.overall),
    })
}

/// A score as reports give it: a number 0–3, `"N/A"`, or null when unscored.
pub fn score(score: Option<Score>) -> Value {
    match score {
        Some(score) => match score.points() {
            Some(points) => json!(points),
            None => json!(score.to_string()),
        },
        None => Value::Null,
    }
}

/// Two sheets side by side: `{"a", "b", "ksbs": [{"id", "a", "b", "delta", "mark"}], "groups":
/// {"role_focus" | "area" | "category": [{"name", "a_mean", "b_mean", "delta"}]}}`. With
/// `only_different`, only the KSBs the sheets say something different about are listed. `mark`
/// is `"disagreement"`, `"na_against_score"` or null.
pub fn compare(
    a: &Participant,
    b: &Participant,
    comparison: &Comparison,
    only_different: bool,
) -> Value {
    let ksbs: Vec<Value> = comparison
        .ksbs
        .iter()
        .filter(|k| !only_different || k.differs())
        .map(|k| {
            json!({
                "id": k.id,
                "a": score(k.a),
                "b": score(k.b),
                "delta": k.delta(),
                "mark": k.mark().map(Mark::key),
            })
        })
        .collect();
    let mut groups = Map::new();
    for grouping in Grouping::ALL {
        let list: Vec<Value> = comparison
            .groups(grouping)
            .iter()
            .map(|g| {
                json!({
                    "name": g.name,
                    "a_mean": g.a_mean,
                    "b_mean": g.b_mean,
                    "delta": g.delta(),
                })
            })
            .collect();
        groups.insert(grouping.key().to_string(), json!(list));
    }
    json!({
        "a": participant(a),
        "b": participant(b),
        "ksbs": ksbs,
        "groups": groups,
    })
}

/// Several sheets in date order: `{"sheets": [{"file", ...participant}], "ksbs": [{"id",
/// "scores", "change", "travelled"}], "groups": {"role_focus" | "area" | "category": [{"name", "means",
/// "travelled"}]}, "travelled"}`, every list in date order.
pub fn progress(sheets: &[SheetLabel], progress: &Progress) -> Value {
    let sheets: Vec<Value> = progress
        .order
        .iter()
        .map(|&i| {
            let mut value = participant(sheets[i].participant);
            value["file"] = json!(sheets[i].file);
            value
        })
        .collect();
    let ksbs: Vec<Value> = progress
        .ksbs
        .iter()
        .map(|k| {
            json!({
                "id": k.id,
                "scores": k.scores.iter().map(|s| score(*s)).collect::<Vec<_>>(),
                "change": k.change,
                "travelled": k.travelled,
            })
        })
        .collect();
    let mut groups = Map::new();
    for grouping in Grouping::ALL {
        let list: Vec<Value> = progress
            .groups(grouping)
            .iter()
            .map(|g| json!({"name": g.name, "means": g.means, "travelled": g.travelled}))
            .collect();
        groups.insert(grouping.key().to_string(), json!(list));
    }
    json!({
        "sheets": sheets,
        "ksbs": ksbs,
        "groups": groups,
        "travelled": progress.travelled,
    })
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

#[cfg(test)]
mod tests;
