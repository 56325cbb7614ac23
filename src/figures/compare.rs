//! Two sheets side by side (self-assessment and mentor review, baseline and final check): per
//! KSB and per group, where they differ and by how much.

use crate::figures::evidence;
use crate::figures::grouping::{Grouped, Grouping};
use crate::figures::summary::{Group, Summary};
use crate::model::evidence::Support;
use crate::model::id::KsbId;
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// Two scores this many points apart or more are a disagreement worth talking about.
pub const DISAGREEMENT_POINTS: i8 = 2;

/// One KSB on both sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KsbChange {
    /// The KSB.
    pub id: KsbId,
    /// Its score on sheet A, `None` when unscored.
    pub a: Option<Score>,
    /// Its score on sheet B, `None` when unscored.
    pub b: Option<Score>,
    /// The evidence items of both sheets that name it, each item once
    /// ([`evidence::combined`]), and how many of them a mentor checked.
    pub support: Support,
}

impl KsbChange {
    /// B − A in points, or `None` when either side is N/A or unscored.
    pub fn delta(&self) -> Option<i8> {
        let points = |score: Option<Score>| score.and_then(Score::points).map(|p| p as i8);
        Some(points(self.b)? - points(self.a)?)
    }

    /// Whether the two scores are [`DISAGREEMENT_POINTS`] or more apart.
    pub fn disagreement(&self) -> bool {
        self.delta()
            .is_some_and(|delta| delta.abs() >= DISAGREEMENT_POINTS)
    }

    /// Whether one sheet finds the KSB not relevant (N/A) and the other scores it 0–3: as much
    /// a matter for the review as a disagreement.
    pub fn na_against_score(&self) -> bool {
        let na = |score: Option<Score>| score == Some(Score::NotApplicable);
        let points = |score: Option<Score>| score.and_then(Score::points).is_some();
        (na(self.a) && points(self.b)) || (points(self.a) && na(self.b))
    }

    /// What a review should look at on this KSB, if anything.
    pub fn mark(&self) -> Option<Mark> {
        if self.disagreement() {
            Some(Mark::Disagreement)
        } else if self.na_against_score() {
            Some(Mark::NaAgainstScore)
        } else {
            None
        }
    }

    /// Whether the sheets say anything different about the KSB (a score, N/A or no score).
    pub fn differs(&self) -> bool {
        self.a != self.b
    }
}

/// Why a KSB of a comparison is marked for the review to discuss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The scores are [`DISAGREEMENT_POINTS`] or more apart.
    Disagreement,
    /// One sheet says N/A, the other gives a score.
    NaAgainstScore,
}

impl Mark {
    /// The mark as reports key it: `disagreement`, `na_against_score`.
    pub fn key(self) -> &'static str {
        match self {
            Mark::Disagreement => "disagreement",
            Mark::NaAgainstScore => "na_against_score",
        }
    }
}

/// One group (a role focus, an area or a category) on both sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupChange {
    /// The group's name as the standard spells it.
    pub name: String,
    /// Mean of the group's numeric scores on sheet A; `None` when it has none.
    pub a_mean: Option<f64>,
    /// Mean of the group's numeric scores on sheet B; `None` when it has none.
    pub b_mean: Option<f64>,
}

impl GroupChange {
    /// B's mean − A's mean, or `None` when either has no numeric score in the group.
    pub fn delta(&self) -> Option<f64> {
        Some(self.b_mean? - self.a_mean?)
    }
}

/// Everything `ksb compare` shows: every KSB of the standard, and every group three ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Every KSB, in the standard's order.
    pub ksbs: Vec<KsbChange>,
    /// Whether either sheet has evidence items: reports show the support columns only then.
    pub has_evidence: bool,
    groups: Grouped<GroupChange>,
}

impl Comparison {
    /// Compares sheet `a` with sheet `b`, both scored against `standard`.
    pub fn of(standard: &Standard, a: &Sheet, b: &Sheet) -> Comparison {
        let items = evidence::combined(a.evidence(), b.evidence());
        let supports = evidence::supports(standard, &items);
        let ksbs = standard
            .ksbs
            .iter()
            .zip(supports)
            .map(|(ksb, support)| KsbChange {
                id: ksb.id.clone(),
                a: a.score(&ksb.id),
                b: b.score(&ksb.id),
                support,
            })
            .collect();
        let (sa, sb) = (
            Summary::of_sheet(standard, a),
            Summary::of_sheet(standard, b),
        );
        Comparison {
            ksbs,
            has_evidence: !items.is_empty(),
            groups: Grouped::from_fn(|grouping| {
                pair_groups(sa.groups(grouping), sb.groups(grouping))
            }),
        }
    }

    /// The groups of one grouping, in the standard's order.
    pub fn groups(&self, grouping: Grouping) -> &[GroupChange] {
        &self.groups[grouping]
    }
}

fn pair_groups(a: &[Group], b: &[Group]) -> Vec<GroupChange> {
    a.iter()
        .zip(b)
        .map(|(a, b)| GroupChange {
            name: a.name.clone(),
            a_mean: a.tally.mean(),
            b_mean: b.tally.mean(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;

    fn sheet(standard: &Standard, scores: &[(&str, Score)]) -> Sheet {
        test_support::sheet(standard, "Generalist", scores)
    }

    fn change<'a>(comparison: &'a Comparison, id: &str) -> &'a KsbChange {
        comparison
            .ksbs
            .iter()
            .find(|k| k.id.as_str() == id)
            .unwrap()
    }

    fn group<'a>(comparison: &'a Comparison, grouping: Grouping, name: &str) -> &'a GroupChange {
        comparison
            .groups(grouping)
            .iter()
            .find(|g| g.name == name)
            .unwrap()
    }

    #[test]
    fn deltas_by_hand() {
        use Score::*;
        let standard = Standard::builtin();
        let a = sheet(
            &standard,
            &[
                ("K1", One),
                ("K2", Three),
                ("K3", NotApplicable),
                ("S1", Zero),
            ],
        );
        let b = sheet(
            &standard,
            &[("K1", Three), ("K2", Two), ("K3", Two), ("B1", Two)],
        );
        let c = Comparison::of(&standard, &a, &b);
        assert_eq!(c.ksbs.len(), 28);
        // K1: 3 − 1 = +2, a disagreement; K2: 2 − 3 = −1.
        assert_eq!(change(&c, "K1").delta(), Some(2));
        assert!(change(&c, "K1").disagreement());
        assert_eq!(change(&c, "K2").delta(), Some(-1));
        assert!(!change(&c, "K2").disagreement());
        // N/A on one side, unscored on one side, unscored on both: no delta.
        assert_eq!(change(&c, "K3").delta(), None);
        assert_eq!(change(&c, "S1").delta(), None);
        assert_eq!(change(&c, "B1").delta(), None);
        assert!(change(&c, "K3").differs() && change(&c, "S1").differs());
        assert!(!change(&c, "B8").differs());
        // Generalist (K1 K4 K5 S1 S4 S7 B1–B8): A has K1 = 1, S1 = 0 → 0.5;
        // B has K1 = 3, B1 = 2 → 2.5; change +2.
        let generalist = group(&c, Grouping::RoleFocus, "Generalist");
        assert_eq!(
            (generalist.a_mean, generalist.b_mean),
            (Some(0.5), Some(2.5))
        );
        assert_eq!(generalist.delta(), Some(2.0));
        // Infra (K3 is N/A on A): A has nothing numeric, so no change.
        let infra = group(&c, Grouping::Area, "Infra");
        assert_eq!(
            (infra.a_mean, infra.b_mean, infra.delta()),
            (None, Some(2.0), None)
        );
        // Knowledge: A K1 1, K2 3 → 2.0; B K1 3, K2 2, K3 2 → 7/3; change 1/3.
        let knowledge = group(&c, Grouping::Category, "Knowledge");
        assert_eq!(knowledge.a_mean, Some(2.0));
        assert!((knowledge.delta().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn support_counts_the_items_of_both_sheets_once_each() {
        use crate::model::evidence::{Evidence, Verdict, VerdictState};
        let standard = Standard::builtin();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let item = |number, ksbs: &[&str], checked: bool| Evidence {
            number,
            text: format!("item {number}"),
            link: None,
            ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
            added: day,
            added_by: "Tester".into(),
            verdict: checked.then(|| Verdict {
                state: VerdictState::Checked,
                by: "Mentor".into(),
                date: day,
                comment: None,
            }),
        };
        let plain = sheet(&standard, &[("K1", Score::Two)]);
        let c = Comparison::of(&standard, &plain, &plain);
        assert!(!c.has_evidence);
        assert_eq!(change(&c, "K1").support, Support::default());

        let mut own = sheet(&standard, &[("K1", Score::Two)]);
        own.set_evidence(vec![item(1, &["K1", "S2"], false), item(2, &["K1"], false)])
            .unwrap();
        // The review carries item 1, checked, and adds its own item 3 on K1.
        let mut review = sheet(&standard, &[("K1", Score::Three)]);
        review
            .set_evidence(vec![item(1, &["K1", "S2"], true), {
                let mut own = item(3, &["K1"], false);
                own.text = "the mentor's own".into();
                own
            }])
            .unwrap();
        let c = Comparison::of(&standard, &own, &review);
        assert!(c.has_evidence);
        assert_eq!(
            change(&c, "K1").support,
            Support {
                items: 3,
                checked: 1
            }
        );
        assert_eq!(
            change(&c, "S2").support,
            Support {
                items: 1,
                checked: 1
            }
        );
        assert_eq!(change(&c, "B1").support, Support::default());
    }

    #[test]
    fn a_disagreement_is_two_points_either_way() {
        let id: KsbId = "K1".parse().unwrap();
        let pair = |a, b| KsbChange {
            id: id.clone(),
            a: Some(a),
            b: Some(b),
            support: Support::default(),
        };
        assert!(pair(Score::Three, Score::One).disagreement());
        assert!(pair(Score::Zero, Score::Three).disagreement());
        assert!(!pair(Score::Two, Score::One).disagreement());
        assert!(!pair(Score::NotApplicable, Score::Zero).disagreement());
    }

    #[test]
    fn n_a_against_a_score_is_marked_either_way_but_not_against_nothing() {
        let id: KsbId = "K1".parse().unwrap();
        let pair = |a, b| KsbChange {
            id: id.clone(),
            a,
            b,
            support: Support::default(),
        };
        use Score::*;
        let marked = pair(Some(NotApplicable), Some(Zero));
        assert!(marked.na_against_score());
        assert_eq!(marked.mark(), Some(Mark::NaAgainstScore));
        assert_eq!(
            pair(Some(Three), Some(NotApplicable)).mark(),
            Some(Mark::NaAgainstScore)
        );
        assert_eq!(pair(Some(NotApplicable), None).mark(), None);
        assert_eq!(pair(Some(NotApplicable), Some(NotApplicable)).mark(), None);
        assert_eq!(
            pair(Some(One), Some(Three)).mark(),
            Some(Mark::Disagreement)
        );
        assert_eq!(pair(Some(One), Some(Two)).mark(), None);
    }
}
