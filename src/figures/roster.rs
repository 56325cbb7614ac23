//! The roster: where each participant stands in the programme, sheet by sheet, and what needs
//! doing next (a self-assessment, a mentor review, an unfinished sheet).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::figures::evidence::{self, KsbSet};
use crate::figures::selection::{Gather, Placed, Recency};
use crate::model::assessment::{MENTOR_REVIEW, SELF_ASSESSMENT};
use crate::model::id::KsbId;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// One sheet as the roster lists it. Role focus and assessment type are kept as places in the
/// standard's lists (a sheet that loaded always names one of them), so a roster of 30,000
/// sheets stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterSheet {
    /// Where the sheet stands among the participant's sheets; `index` is its place in the list
    /// read, which names its file.
    pub recency: Recency,
    /// The place of the sheet's preferred role focus in the standard's list.
    pub role_focus: usize,
    /// How many of the standard's KSBs the sheet scores (0–3 or N/A).
    pub scored: usize,
    /// Whether the sheet is locked.
    pub locked: bool,
    /// Who reviewed, when the sheet says.
    pub reviewer: Option<String>,
    /// The KSBs it scores 2 or 3, by place in the standard.
    pub strong: KsbSet,
}

impl RosterSheet {
    /// The sheet's assessment type, in the standard's spelling.
    pub fn assessment_type<'a>(&self, standard: &'a Standard) -> &'a str {
        let place = self.recency.stage.saturating_sub(1);
        standard
            .assessment_types
            .get(place)
            .map_or("", String::as_str)
    }

    /// The sheet's date.
    pub fn date(&self) -> NaiveDate {
        self.recency.date
    }
}

/// The sheets of a cohort as the roster gathers them: each participant's sheets, dated on or
/// before `as_of` when it is set.
#[derive(Debug, Clone, Default)]
pub struct RosterSheets {
    as_of: Option<NaiveDate>,
    by_participant: HashMap<String, Listed>,
    items: usize,
}

/// One participant's sheets, and their username as their latest sheet so far spells it.
#[derive(Debug, Clone)]
struct Listed {
    name: (Recency, String),
    sheets: Vec<RosterSheet>,
    named: KsbSet,
}

impl RosterSheets {
    /// Nothing read yet; only sheets dated on or before `as_of` (when given) are listed.
    pub fn new(as_of: Option<NaiveDate>) -> RosterSheets {
        RosterSheets {
            as_of,
            by_participant: HashMap::new(),
            items: 0,
        }
    }
}

impl Gather for RosterSheets {
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet) {
        let p = &sheet.participant;
        if self.as_of.is_some_and(|day| p.date > day) {
            return;
        }
        let listed = RosterSheet {
            recency: placed.recency,
            role_focus: standard
                .role_focuses
                .iter()
                .position(|focus| *focus == p.role_focus)
                .unwrap_or(0),
            scored: standard.ksbs.len() - sheet.unscored_count(standard),
            locked: sheet.locked,
            reviewer: p.reviewer.clone(),
            strong: evidence::strong(standard, sheet),
        };
        let (named, items) = evidence::named(standard, sheet.evidence(), self.as_of);
        self.items += items;
        match self.by_participant.get_mut(placed.key) {
            Some(person) => {
                if person.name.0 < placed.recency {
                    person.name = (placed.recency, p.username.clone());
                }
                person.sheets.push(listed);
                person.named.union_with(&named);
            }
            None => {
                let person = Listed {
                    name: (placed.recency, p.username.clone()),
                    sheets: vec![listed],
                    named,
                };
                self.by_participant.insert(placed.key.to_string(), person);
            }
        }
    }
}

/// What a participant needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// They have sheets, but no self-assessment.
    SelfAssessment,
    /// Their latest self-assessment has no mentor review on or after it.
    MentorReview {
        /// The date of that self-assessment.
        self_assessed: NaiveDate,
    },
    /// Their latest sheet of a type leaves KSBs unscored.
    Finish {
        /// The sheet's assessment type.
        assessment_type: String,
        /// How many of the standard's KSBs it leaves unscored.
        unscored: usize,
        /// The sheet's place in the list read.
        index: usize,
    },
}

impl Need {
    /// A stable name for scripts: `self_assessment`, `mentor_review` or `finish`.
    pub fn key(&self) -> &'static str {
        match self {
            Need::SelfAssessment => "self_assessment",
            Need::MentorReview { .. } => "mentor_review",
            Need::Finish { .. } => "finish",
        }
    }

    /// The need as the roster's Needs column says it: `self-assessment`, `mentor review`,
    /// `finish Mentor review (3 unscored)`.
    pub fn text(&self) -> String {
        match self {
            Need::SelfAssessment => "self-assessment".to_string(),
            Need::MentorReview { .. } => "mentor review".to_string(),
            Need::Finish {
                assessment_type,
                unscored,
                ..
            } => format!("finish {assessment_type} ({unscored} unscored)"),
        }
    }
}

/// One participant on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The username as their latest sheet spells it.
    pub username: String,
    /// The preferred role focus of their latest sheet: the latest wins.
    pub role_focus: String,
    /// Other role focuses their earlier sheets gave, oldest first: the roster says the
    /// participant changed.
    pub earlier_role_focuses: Vec<String>,
    /// Every sheet, oldest first.
    pub sheets: Vec<RosterSheet>,
    /// Per assessment type of the standard (in its order), the place in `sheets` of the
    /// latest sheet of that type.
    pub latest: Vec<Option<usize>>,
    /// What needs doing, in the order of the programme.
    pub needs: Vec<Need>,
    /// The KSBs their latest sheet scores 2 or 3 that no evidence item on any of their sheets
    /// names (items added on or before the roster's day), in the standard's order.
    pub without_evidence: Vec<KsbId>,
}

/// The whole roster: one entry per participant, by username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// How many KSBs the standard has, what "scored" counts out of.
    pub ksbs: usize,
    /// The standard's assessment types, in its order: one column each.
    pub assessment_types: Vec<String>,
    /// The participants, in the order of their usernames' MediaWiki form.
    pub participants: Vec<RosterEntry>,
    /// Only sheets on or before this day were listed, when set.
    pub as_of: Option<NaiveDate>,
    /// Evidence items on the sheets listed (added on or before that day): reports show who
    /// lacks evidence only when the cohort gives some.
    pub evidence_items: usize,
}

impl Roster {
    /// The roster of the gathered sheets.
    pub fn new(standard: &Standard, gathered: RosterSheets) -> Roster {
        let mut people: Vec<(String, Listed)> = gathered.by_participant.into_iter().collect();
        people.sort_by(|a, b| a.0.cmp(&b.0));
        Roster {
            ksbs: standard.ksbs.len(),
            assessment_types: standard.assessment_types.clone(),
            participants: people
                .into_iter()
                .map(|(_, person)| entry(standard, person.name.1, person.sheets, &person.named))
                .collect(),
            as_of: gathered.as_of,
            evidence_items: gathered.items,
        }
    }

    /// How many sheets the roster lists.
    pub fn sheets(&self) -> usize {
        self.participants.iter().map(|p| p.sheets.len()).sum()
    }
}

/// One participant's entry from their sheets and their latest sheet's username.
fn entry(
    standard: &Standard,
    username: String,
    mut sheets: Vec<RosterSheet>,
    named: &KsbSet,
) -> RosterEntry {
    sheets.sort_by_key(|sheet| sheet.recency);
    let newest = sheets.last().expect("a participant has a sheet");
    let without_evidence = newest
        .strong
        .places()
        .filter(|place| !named.contains(*place))
        .filter_map(|place| standard.ksbs.get(place).map(|ksb| ksb.id.clone()))
        .collect();
    let role_focus = standard.role_focuses[newest.role_focus].clone();
    let mut earlier_role_focuses: Vec<String> = Vec::new();
    for sheet in &sheets {
        let focus = &standard.role_focuses[sheet.role_focus];
        if *focus != role_focus && !earlier_role_focuses.contains(focus) {
            earlier_role_focuses.push(focus.clone());
        }
    }
    let latest: Vec<Option<usize>> = standard
        .assessment_types
        .iter()
        .map(|kind| {
            sheets
                .iter()
                .rposition(|sheet| sheet.assessment_type(standard) == kind)
        })
        .collect();
    let of_type = |name: &str| {
        let kind = standard.assessment_type(name)?;
        let place = standard.assessment_types.iter().position(|k| k == kind)?;
        Some(latest[place].map(|i| &sheets[i]))
    };
    let mut needs = Vec::new();
    match of_type(SELF_ASSESSMENT) {
        Some(None) => needs.push(Need::SelfAssessment),
        Some(Some(own)) => {
            let reviewed = sheets.iter().any(|sheet| {
                sheet.recency > own.recency
                    && standard.assessment_type(MENTOR_REVIEW)
                        == Some(sheet.assessment_type(standard))
            });
            if standard.assessment_type(MENTOR_REVIEW).is_some() && !reviewed {
                needs.push(Need::MentorReview {
                    self_assessed: own.date(),
                });
            }
        }
        None => {}
    }
    for place in latest.iter().flatten() {
        let sheet = &sheets[*place];
        if sheet.scored < standard.ksbs.len() {
            needs.push(Need::Finish {
                assessment_type: sheet.assessment_type(standard).to_string(),
                unscored: standard.ksbs.len() - sheet.scored,
                index: sheet.recency.index,
            });
        }
    }
    RosterEntry {
        username,
        role_focus,
        earlier_role_focuses,
        sheets,
        latest,
        needs,
        without_evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::selection::key_of;
    use crate::model::score::Score;
    use crate::test_support;

    fn sheet(name: &str, focus: &str, kind: &str, day: u32, scored: usize) -> Sheet {
        let standard = Standard::builtin();
        let mut sheet = test_support::sheet(&standard, focus, &[]);
        sheet.participant.username = name.into();
        sheet.participant.assessment_type = kind.into();
        sheet.participant.date = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        for ksb in standard.ksbs.iter().take(scored) {
            sheet.set_score(ksb.id.clone(), Some(Score::Two));
        }
        sheet
    }

    fn roster(sheets: &[Sheet], as_of: Option<NaiveDate>) -> Roster {
        let standard = Standard::builtin();
        let mut gathered = RosterSheets::new(as_of);
        for (index, sheet) in sheets.iter().enumerate() {
            let key = key_of(&sheet.participant);
            let placed = Placed {
                key: &key,
                recency: Recency::of(&standard, &sheet.participant, index),
            };
            gathered.add(&standard, placed, sheet);
        }
        Roster::new(&standard, gathered)
    }

    #[test]
    fn one_entry_per_participant_with_what_they_need() {
        let sheets = [
            sheet("alice_smith", "Generalist", "Self-assessment", 1, 28),
            sheet(
                "Alice smith",
                "Infrastructure Specialist",
                "Mentor review",
                3,
                20,
            ),
            sheet("Bob", "Generalist", "Self-assessment", 2, 28),
            sheet("Bob", "Generalist", "Mentor review", 1, 28),
            sheet("Cy", "Generalist", "Mentor review", 2, 28),
        ];
        let roster = roster(&sheets, None);
        let names: Vec<&str> = roster
            .participants
            .iter()
            .map(|p| p.username.as_str())
            .collect();
        assert_eq!(names, ["Alice smith", "Bob", "Cy"]);
        let alice = &roster.participants[0];
        assert_eq!(alice.role_focus, "Infrastructure Specialist");
        assert_eq!(alice.earlier_role_focuses, ["Generalist"]);
        assert_eq!(alice.latest, [Some(0), Some(1), None]);
        assert_eq!(
            alice.needs,
            [Need::Finish {
                assessment_type: "Mentor review".into(),
                unscored: 8,
                index: 1
            }]
        );
        let bob = &roster.participants[1];
        assert_eq!(
            bob.needs.iter().map(Need::text).collect::<Vec<_>>(),
            ["mentor review"],
            "a review dated before the self-assessment does not count"
        );
        assert_eq!(roster.participants[2].needs, [Need::SelfAssessment]);
        assert_eq!(roster.sheets(), 5);

        let earlier = self::roster(&sheets, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(earlier.sheets(), 2);
    }

    #[test]
    fn ksbs_scored_two_or_more_that_no_item_names_on_any_sheet() {
        use crate::model::evidence::Evidence;
        let item = |ksbs: &[&str], added: u32| Evidence {
            number: 1,
            text: "x".into(),
            link: None,
            ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
            added: NaiveDate::from_ymd_opt(2026, 11, added).unwrap(),
            added_by: "Ann".into(),
            verdict: None,
        };
        // Ann's self-assessment (day 1) names K1 and K3; her review (day 3) scores the first 4
        // KSBs of the standard (K1–K4) 2: K2 and K4 lack evidence. Bob scores 2 KSBs, no
        // evidence at all.
        let mut own = sheet("Ann", "Generalist", "Self-assessment", 1, 1);
        own.set_evidence(vec![item(&["K1", "K3"], 1)]).unwrap();
        let review = sheet("Ann", "Generalist", "Mentor review", 3, 4);
        let bob = sheet("Bob", "Generalist", "Self-assessment", 2, 2);
        let listed = roster(&[own.clone(), review.clone(), bob.clone()], None);
        assert_eq!(listed.evidence_items, 1);
        let ids = |entry: &RosterEntry| {
            entry
                .without_evidence
                .iter()
                .map(KsbId::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&listed.participants[0]), ["K2", "K4"]);
        assert_eq!(ids(&listed.participants[1]), ["K1", "K2"]);
        // Added after the roster's day, the item does not count yet.
        let mut late = own;
        late.set_evidence(vec![item(&["K1", "K3"], 9)]).unwrap();
        let earlier = roster(&[late, review, bob], NaiveDate::from_ymd_opt(2026, 11, 5));
        assert_eq!(earlier.evidence_items, 0);
        assert_eq!(ids(&earlier.participants[0]), ["K1", "K2", "K3", "K4"]);
    }
}
