//! A development plan from one sheet: what to work on next, and where the participant could
//! already mentor others.

use crate::figures::evidence;
use crate::model::evidence::Support;
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::{Ksb, Standard};

/// The role focus whose KSBs matter to every participant, whatever their own focus.
pub const GENERAL_ROLE_FOCUS: &str = "Generalist";

/// One KSB of the plan and its score on the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem<'a> {
    /// The KSB, with its title and description.
    pub ksb: &'a Ksb,
    /// Its score on the sheet; `None` when unscored.
    pub score: Option<Score>,
    /// The sheet's evidence items that name it, and how many a mentor checked.
    pub support: Support,
}

/// What `ksb plan` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<'a> {
    /// The role focuses whose KSBs the plan covers: the participant's own, then the general
    /// one (just one when the participant's focus is the general one).
    pub focus: Vec<&'a str>,
    /// KSBs of those focuses scored 0 or 1: the participant's specialism first, then lowest
    /// score first, ties in the standard's order.
    pub develop: Vec<PlanItem<'a>>,
    /// KSBs of those focuses not scored yet: specialism first, then the standard's order.
    pub unscored: Vec<PlanItem<'a>>,
    /// Every KSB scored 3, where the participant could mentor others: specialism first,
    /// then the standard's order.
    pub strengths: Vec<PlanItem<'a>>,
    /// Whether the sheet has evidence items: the plan shows their support only then.
    pub has_evidence: bool,
}

impl<'a> Plan<'a> {
    /// The plan of `sheet`, scored against `standard`.
    pub fn of(standard: &'a Standard, sheet: &Sheet) -> Plan<'a> {
        let own = standard.role_focus(&sheet.participant.role_focus);
        let general = standard.role_focus(GENERAL_ROLE_FOCUS);
        let specialism = own.filter(|own| Some(*own) != general);
        let focus: Vec<&'a str> = own
            .into_iter()
            .chain(general.filter(|general| Some(*general) != own))
            .collect();

        let in_focus = |ksb: &Ksb| focus.contains(&ksb.role_focus.as_str());
        let outside_specialism = |item: &PlanItem| Some(item.ksb.role_focus.as_str()) != specialism;
        let supports = evidence::supports(standard, sheet.evidence());
        let pick = |keep: &dyn Fn(&PlanItem) -> bool| -> Vec<PlanItem<'a>> {
            standard
                .ksbs
                .iter()
                .zip(&supports)
                .map(|(ksb, support)| PlanItem {
                    ksb,
                    score: sheet.score(&ksb.id),
                    support: *support,
                })
                .filter(|item| keep(item))
                .collect()
        };
        // Stable sorts: ties stay in the standard's order.
        let mut develop = pick(&|item| {
            in_focus(item.ksb) && matches!(item.score, Some(Score::Zero | Score::One))
        });
        develop.sort_by_key(|item| (outside_specialism(item), item.score));
        let mut unscored = pick(&|item| in_focus(item.ksb) && item.score.is_none());
        unscored.sort_by_key(outside_specialism);
        let mut strengths = pick(&|item| item.score == Some(Score::Three));
        strengths.sort_by_key(outside_specialism);
        Plan {
            focus,
            develop,
            unscored,
            strengths,
            has_evidence: !sheet.evidence().is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;
    use Score::*;

    fn sheet(standard: &Standard, role: &str, scores: &[(&str, Score)]) -> Sheet {
        test_support::sheet(standard, role, scores)
    }

    fn ids(items: &[PlanItem]) -> Vec<String> {
        items.iter().map(|i| i.ksb.id.to_string()).collect()
    }

    #[test]
    fn an_infra_specialist_sees_infra_first_then_lowest_scores() {
        let standard = Standard::builtin();
        // K1, K4 Generalist; K3, K6, S2 Infrastructure Specialist; K2, K8 MediaWiki Specialist.
        let sheet = sheet(
            &standard,
            "Infrastructure Specialist",
            &[
                ("K1", Zero),
                ("K4", One),
                ("K3", One),
                ("K6", Zero),
                ("S2", Three),
                ("K2", Zero),
                ("K8", Three),
                ("B1", Two),
                ("B2", NotApplicable),
            ],
        );
        let plan = Plan::of(&standard, &sheet);
        assert_eq!(plan.focus, ["Infrastructure Specialist", "Generalist"]);
        // Infra first (K6 = 0, then K3 = 1), then Generalist (K1 = 0, then K4 = 1); K2 is
        // MediaWiki, not in focus.
        assert_eq!(ids(&plan.develop), ["K6", "K3", "K1", "K4"]);
        // Unscored: Infra K7 K11 S6 S9, then Generalist K5 S1 S4 S7 B3–B8 (B1 is 2, B2 N/A).
        assert_eq!(
            ids(&plan.unscored),
            ["K7", "K11", "S6", "S9", "K5", "S1", "S4", "S7", "B3", "B4", "B5", "B6", "B7", "B8"]
        );
        // Strengths whatever their focus: S2 (Infra) first, then K8.
        assert_eq!(ids(&plan.strengths), ["S2", "K8"]);
    }

    #[test]
    fn a_generalist_sees_only_general_ksbs_in_standard_order_by_score() {
        let standard = Standard::builtin();
        let sheet = sheet(
            &standard,
            "Generalist",
            &[("B8", Zero), ("K1", One), ("K5", Zero), ("K3", Zero)],
        );
        let plan = Plan::of(&standard, &sheet);
        assert_eq!(plan.focus, ["Generalist"]);
        assert_eq!(ids(&plan.develop), ["K5", "B8", "K1"]);
        assert_eq!(plan.unscored.len(), 14 - 3);
        assert!(plan.strengths.is_empty());
        assert!(!plan.has_evidence);
    }

    #[test]
    fn each_item_carries_the_support_of_its_ksb() {
        use crate::model::evidence::{Evidence, Verdict, VerdictState};
        let standard = Standard::builtin();
        let mut sheet = sheet(&standard, "Generalist", &[("K1", Three), ("K5", Zero)]);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let item = |number, ksbs: &[&str], checked: bool| Evidence {
            number,
            text: "x".into(),
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
        sheet
            .set_evidence(vec![item(1, &["K1", "S1"], true), item(2, &["K1"], false)])
            .unwrap();
        let plan = Plan::of(&standard, &sheet);
        assert!(plan.has_evidence);
        assert_eq!(
            plan.strengths[0].support,
            Support {
                items: 2,
                checked: 1
            }
        );
        assert_eq!(plan.develop[0].support, Support::default());
        let s1 = plan.unscored.iter().find(|i| i.ksb.id.as_str() == "S1");
        assert_eq!(s1.unwrap().support.items, 1);
    }
}
