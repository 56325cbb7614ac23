//! JSON of the programme's cohort reports: `ksb summary DIR`, `ksb roster`, `ksb calibrate`.

use serde::Serialize;

use super::{groups, Groups};
use crate::figures::calibration::{self, Calibration, Gaps};
use crate::figures::cohort::Counted;
use crate::figures::evidence::{Backed, Backing, BACKING_GROUPINGS};
use crate::figures::grouping::Grouping;
use crate::figures::roster::{Need, Roster, RosterEntry, RosterSheet};
use crate::figures::summary::GroupFigures;
use crate::model::date::format_dmy;
use crate::model::id::KsbId;
use crate::model::standard::Standard;

/// A cohort's figures for one KSB.
#[derive(Debug, Serialize)]
pub struct CohortKsbJson<'a> {
    /// The KSB.
    pub id: &'a KsbId,
    /// Mean of the numeric scores; null when none.
    pub mean: Option<f64>,
    /// Entries scored N/A.
    pub na: usize,
    /// Entries scored 0–3.
    pub scored: usize,
    /// Entries not scored.
    pub unscored: usize,
}

/// A cohort's figures for the participants of one preferred role focus.
#[derive(Debug, Serialize)]
pub struct FocusJson<'a> {
    /// One array of figures per grouping.
    pub groups: Groups<GroupFigures>,
    /// The role focus.
    pub name: &'a str,
    /// The figures over every KSB.
    pub overall: GroupFigures,
    /// How many participants prefer it.
    pub participants: usize,
}

/// Scored KSB entries and how many evidence backs, of a group or overall.
#[derive(Debug, Serialize)]
pub struct BackedJson<'a> {
    /// Entries an evidence item names.
    pub backed: usize,
    /// The group, in `groups`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// Entries scored 0–3.
    pub scored: usize,
    /// `backed / scored`; null when nothing is scored.
    pub share: Option<f64>,
}

impl<'a> BackedJson<'a> {
    fn of(name: Option<&'a str>, backed: Backed) -> BackedJson<'a> {
        BackedJson {
            backed: backed.backed,
            name,
            scored: backed.scored,
            share: backed.share(),
        }
    }
}

/// The backed share of a cohort: `{"items", "overall": {"scored", "backed", "share"},
/// "groups": {"role_focus" | "area": [{"name", "scored", "backed", "share"}]}}`.
#[derive(Debug, Serialize)]
pub struct BackingJson<'a> {
    /// Per grouping of KSBs (role focus and stack area), per group.
    pub groups: Groups<BackedJson<'a>>,
    /// Evidence items read.
    pub items: usize,
    /// Over every KSB.
    pub overall: BackedJson<'a>,
}

impl<'a> BackingJson<'a> {
    /// The JSON of a cohort's backed share.
    pub fn of(backing: &'a Backing) -> BackingJson<'a> {
        BackingJson {
            groups: BACKING_GROUPINGS
                .into_iter()
                .map(|grouping| {
                    let list = backing
                        .groups(grouping)
                        .iter()
                        .map(|group| BackedJson::of(Some(&group.name), group.backed))
                        .collect();
                    (grouping.key(), list)
                })
                .collect(),
            items: backing.items,
            overall: BackedJson::of(None, backing.overall),
        }
    }
}

/// Which sheets a cohort counted.
#[derive(Debug, Serialize)]
pub struct SelectionJson<'a> {
    /// Every sheet counted as a participant.
    pub all_sheets: bool,
    /// Only sheets dated on or before this day (DD/MM/YYYY).
    pub as_of: Option<String>,
    /// Only sheets of this assessment type.
    pub assessment_type: Option<&'a str>,
}

/// Cohort figures: `ksb summary DIR --format json`.
#[derive(Debug, Serialize)]
pub struct CohortJson<'a> {
    /// Per preferred role focus.
    pub by_preferred_role_focus: Vec<FocusJson<'a>>,
    /// Entries counted: participants, or sheets with every sheet counted.
    pub counted: usize,
    /// How much of the counted scoring evidence backs.
    pub evidence: BackingJson<'a>,
    /// One array of figures per grouping.
    pub groups: Groups<GroupFigures>,
    /// Per KSB.
    pub ksbs: Vec<CohortKsbJson<'a>>,
    /// Usernames the selection left out.
    pub missing: &'a [String],
    /// The figures over every KSB.
    pub overall: GroupFigures,
    /// People counted.
    pub participants: usize,
    /// Which sheets counted.
    pub selection: SelectionJson<'a>,
    /// Sheets read.
    pub sheets: usize,
}

/// Cohort figures: the one-sheet shape (`groups`, `overall`) with `participants` (people
/// counted) instead of one participant, `sheets` (sheets read), `counted` (entries counted:
/// participants, or sheets with every sheet counted), `selection` (`all_sheets`,
/// `assessment_type`, `as_of`), `missing` (usernames the selection left out), `ksbs` (per KSB
/// `id`, `mean`, `scored`, `na`, `unscored`), `by_preferred_role_focus` (per role focus
/// `name`, `participants`, `groups`, `overall`), and `evidence` ([`BackingJson`]).
pub fn cohort<'a>(counted: &'a Counted, groupings: &[Grouping]) -> CohortJson<'a> {
    let cohort = &counted.cohort;
    let selection = &counted.selection;
    CohortJson {
        by_preferred_role_focus: cohort
            .by_preferred_role_focus
            .iter()
            .map(|focus| FocusJson {
                groups: groups(&focus.summary, groupings),
                name: &focus.name,
                overall: GroupFigures::new(None, &focus.summary.overall),
                participants: focus.participants,
            })
            .collect(),
        counted: cohort.participants,
        evidence: BackingJson::of(&counted.backing),
        groups: groups(&cohort.summary, groupings),
        ksbs: cohort
            .ksbs
            .iter()
            .map(|ksb| CohortKsbJson {
                id: &ksb.id,
                mean: ksb.tally.mean(),
                na: ksb.tally.na,
                scored: ksb.tally.scored,
                unscored: ksb.tally.unscored,
            })
            .collect(),
        missing: &counted.missing,
        overall: GroupFigures::new(None, &cohort.summary.overall),
        participants: counted.participants,
        selection: SelectionJson {
            all_sheets: selection.all_sheets,
            as_of: selection.as_of.map(format_dmy),
            assessment_type: selection.assessment_type.as_deref(),
        },
        sheets: counted.sheets,
    }
}

/// The roster: `{"participants": [{"username", "role_focus", "earlier_role_focuses", "sheets":
/// [{"file", "assessment_type", "date", "scored", "locked", "reviewer"}], "needs": [{"need",
/// "text", …}], "without_evidence": ["K1", …]}], "ksbs", "as_of", "evidence_items"}`,
/// participants by username and their sheets in date order; `without_evidence` lists the KSBs
/// the latest sheet scores 2 or 3 that no evidence item on any of their sheets names.
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
            without_evidence: &entry.without_evidence,
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
        evidence_items: roster.evidence_items,
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
    evidence_items: usize,
}

#[derive(Serialize)]
struct RosterEntryJson<'a, S, N> {
    username: &'a str,
    role_focus: &'a str,
    earlier_role_focuses: &'a [String],
    without_evidence: &'a [KsbId],
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

/// Gap figures of a KSB, a group or a reviewer: `pairs`, `mean_gap` (full precision, null
/// without pairs), `large_gaps` (how many 2 or more points apart), `large_gap_share` and
/// `na_disagreements`, beside what the figures are of (`id`, `name`, or `reviewer` and
/// `reviews`).
#[derive(Debug, Serialize)]
pub struct GapsJson<'a> {
    /// The KSB, in `ksbs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a KsbId>,
    /// Share of the pairs 2 or more points apart; null without pairs.
    pub large_gap_share: Option<f64>,
    /// How many pairs are 2 or more points apart.
    pub large_gaps: usize,
    /// The mean gap; null without pairs.
    pub mean_gap: Option<f64>,
    /// How many pairs disagree on whether the KSB applies (N/A against a score).
    pub na_disagreements: usize,
    /// The group, in `groups`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// How many self-assessment and review pairs.
    pub pairs: usize,
    /// The reviewer (null for reviews that name nobody), in `reviewers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<Option<&'a str>>,
    /// How many reviews, in `reviewers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<usize>,
}

impl<'a> GapsJson<'a> {
    fn of(gaps: &Gaps) -> GapsJson<'a> {
        GapsJson {
            id: None,
            large_gap_share: gaps.large_share(),
            large_gaps: gaps.large,
            mean_gap: gaps.mean(),
            na_disagreements: gaps.relevance,
            name: None,
            pairs: gaps.pairs,
            reviewer: None,
            reviews: None,
        }
    }
}

/// Calibration: `ksb calibrate --format json`.
#[derive(Debug, Serialize)]
pub struct CalibrationJson<'a> {
    /// Only sheets dated on or before this day (DD/MM/YYYY).
    pub as_of: Option<String>,
    /// Per grouping (`role_focus`, `area`), per group.
    pub groups: Groups<GapsJson<'a>>,
    /// Per KSB.
    pub ksbs: Vec<GapsJson<'a>>,
    /// Over every pair.
    pub overall: GapsJson<'a>,
    /// Self-assessment and review pairs.
    pub pairs: usize,
    /// Participants read.
    pub participants: usize,
    /// Per reviewer.
    pub reviewers: Vec<GapsJson<'a>>,
    /// Participants with a review but no self-assessment before it.
    pub without_review: usize,
    /// Participants with a self-assessment but no review after it.
    pub without_self_assessment: usize,
}

/// Calibration: `{"pairs", "participants", "without_self_assessment", "without_review",
/// "as_of", "ksbs": [{"id", …gaps}], "reviewers": [{"reviewer", "reviews", …gaps}], "groups":
/// {"role_focus" | "area": [{"name", …gaps}]}, "overall": {…gaps}}`, the gap figures as
/// [`GapsJson`] gives them; a reviewer is null for reviews that name nobody.
pub fn calibration(calibration: &Calibration) -> CalibrationJson<'_> {
    let groups = calibration::GROUPINGS
        .iter()
        .map(|&grouping| {
            let list = calibration.groups[grouping]
                .iter()
                .map(|group| GapsJson {
                    name: Some(&group.name),
                    ..GapsJson::of(&group.gaps)
                })
                .collect();
            (grouping.key(), list)
        })
        .collect();
    CalibrationJson {
        as_of: calibration.as_of.map(format_dmy),
        groups,
        ksbs: calibration
            .ksbs
            .iter()
            .map(|ksb| GapsJson {
                id: Some(&ksb.id),
                ..GapsJson::of(&ksb.gaps)
            })
            .collect(),
        overall: GapsJson::of(&calibration.overall),
        pairs: calibration.pairs,
        participants: calibration.participants,
        reviewers: calibration
            .reviewers
            .iter()
            .map(|reviewer| GapsJson {
                reviewer: Some(reviewer.reviewer.as_deref()),
                reviews: Some(reviewer.reviews),
                ..GapsJson::of(&reviewer.gaps)
            })
            .collect(),
        without_review: calibration.without_review,
        without_self_assessment: calibration.without_self_assessment,
    }
}
