//! JSON of one participant's sheets together: `ksb compare` and `ksb progress`.

use serde::Serialize;

use super::{participant, score, Groups, ParticipantJson, ScoreJson};
use crate::figures::compare::{Comparison, Mark};
use crate::figures::grouping::Grouping;
use crate::figures::progress::Progress;
use crate::model::evidence::Support;
use crate::model::id::KsbId;
use crate::model::sheet::Participant;
use crate::report::SheetLabel;

/// One KSB of two sheets side by side.
#[derive(Debug, Serialize)]
pub struct CompareKsbJson<'a> {
    /// Its score on sheet A.
    pub a: ScoreJson,
    /// Its score on sheet B.
    pub b: ScoreJson,
    /// B − A, null unless both are numbers.
    pub delta: Option<i8>,
    /// The evidence items of either sheet naming it (an item both carry counts once), and of
    /// those how many a mentor checked.
    pub evidence: SupportJson,
    /// The KSB.
    pub id: &'a KsbId,
    /// `"disagreement"`, `"na_against_score"` or null.
    pub mark: Option<&'static str>,
}

/// How many evidence items name a KSB, and how many of them a mentor checked.
#[derive(Debug, Serialize)]
pub struct SupportJson {
    /// Items a mentor marked checked.
    pub checked: usize,
    /// Items naming the KSB.
    pub items: usize,
}

impl SupportJson {
    /// The JSON of a KSB's support.
    pub fn of(support: Support) -> SupportJson {
        SupportJson {
            checked: support.checked,
            items: support.items,
        }
    }
}

/// One group of two sheets side by side.
#[derive(Debug, Serialize)]
pub struct CompareGroupJson<'a> {
    /// Mean on sheet A.
    pub a_mean: Option<f64>,
    /// Mean on sheet B.
    pub b_mean: Option<f64>,
    /// B − A.
    pub delta: Option<f64>,
    /// The group.
    pub name: &'a str,
}

/// Two sheets side by side: `ksb compare --format json`.
#[derive(Debug, Serialize)]
pub struct CompareJson<'a> {
    /// Sheet A's participant.
    pub a: ParticipantJson<'a>,
    /// Sheet B's participant.
    pub b: ParticipantJson<'a>,
    /// Per grouping, per group.
    pub groups: Groups<CompareGroupJson<'a>>,
    /// Per KSB.
    pub ksbs: Vec<CompareKsbJson<'a>>,
}

/// Two sheets side by side: `{"a", "b", "ksbs": [{"id", "a", "b", "delta", "mark", "evidence":
/// {"items", "checked"}}], "groups":
/// {"role_focus" | "area" | "category": [{"name", "a_mean", "b_mean", "delta"}]}}`. With
/// `only_different`, only the KSBs the sheets say something different about are listed.
pub fn compare<'a>(
    a: &'a Participant,
    b: &'a Participant,
    comparison: &'a Comparison,
    only_different: bool,
) -> CompareJson<'a> {
    let groups = Grouping::ALL
        .iter()
        .map(|&grouping| {
            let list = comparison
                .groups(grouping)
                .iter()
                .map(|g| CompareGroupJson {
                    a_mean: g.a_mean,
                    b_mean: g.b_mean,
                    delta: g.delta(),
                    name: &g.name,
                })
                .collect();
            (grouping.key(), list)
        })
        .collect();
    CompareJson {
        a: participant(a),
        b: participant(b),
        groups,
        ksbs: comparison
            .ksbs
            .iter()
            .filter(|k| !only_different || k.differs())
            .map(|k| CompareKsbJson {
                a: score(k.a),
                b: score(k.b),
                delta: k.delta(),
                evidence: SupportJson::of(k.support),
                id: &k.id,
                mark: k.mark().map(Mark::key),
            })
            .collect(),
    }
}

/// One KSB over several sheets.
#[derive(Debug, Serialize)]
pub struct ProgressKsbJson<'a> {
    /// Last score − first, null unless both are numbers.
    pub change: Option<i8>,
    /// The KSB.
    pub id: &'a KsbId,
    /// Its score on each sheet, in date order.
    pub scores: Vec<ScoreJson>,
    /// The distance travelled.
    pub travelled: Option<f64>,
}

/// One group over several sheets.
#[derive(Debug, Serialize)]
pub struct ProgressGroupJson<'a> {
    /// Its mean on each sheet, in date order.
    pub means: &'a [Option<f64>],
    /// The group.
    pub name: &'a str,
    /// The distance travelled.
    pub travelled: Option<f64>,
}

/// Several sheets in date order: `ksb progress --format json`.
#[derive(Debug, Serialize)]
pub struct ProgressJson<'a> {
    /// Per grouping, per group.
    pub groups: Groups<ProgressGroupJson<'a>>,
    /// Per KSB.
    pub ksbs: Vec<ProgressKsbJson<'a>>,
    /// The sheets, each its participant and file.
    pub sheets: Vec<ParticipantJson<'a>>,
    /// The distance travelled overall.
    pub travelled: Option<f64>,
}

/// Several sheets in date order: `{"sheets": [{"file", ...participant}], "ksbs": [{"id",
/// "scores", "change", "travelled"}], "groups": {"role_focus" | "area" | "category": [{"name", "means",
/// "travelled"}]}, "travelled"}`, every list in date order.
pub fn progress<'a>(sheets: &'a [SheetLabel<'a>], progress: &'a Progress) -> ProgressJson<'a> {
    let groups = Grouping::ALL
        .iter()
        .map(|&grouping| {
            let list = progress
                .groups(grouping)
                .iter()
                .map(|g| ProgressGroupJson {
                    means: &g.means,
                    name: &g.name,
                    travelled: g.travelled,
                })
                .collect();
            (grouping.key(), list)
        })
        .collect();
    ProgressJson {
        groups,
        ksbs: progress
            .ksbs
            .iter()
            .map(|k| ProgressKsbJson {
                change: k.change,
                id: &k.id,
                scores: k.scores.iter().map(|s| score(*s)).collect(),
                travelled: k.travelled,
            })
            .collect(),
        sheets: progress
            .order
            .iter()
            .map(|&i| ParticipantJson {
                file: Some(sheets[i].file),
                ..participant(sheets[i].participant)
            })
            .collect(),
        travelled: progress.travelled,
    }
}
