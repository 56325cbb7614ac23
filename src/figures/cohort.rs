//! Cohort figures: many sheets added together, for a programme lead who wants the whole cohort
//! at a glance.
//!
//! A [`Cohort`] holds counts only (per KSB, per group, per preferred role focus), never the
//! sheets themselves, so its size does not grow with the cohort, and two cohorts of the same
//! standard add up with [`Cohort::merge`]: each thread can count its own share of the sheets.

use crate::figures::summary::{Summary, Tally};
use crate::model::id::KsbId;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// How the cohort scored one KSB.
#[derive(Debug, Clone, PartialEq)]
pub struct KsbFigures {
    /// The KSB.
    pub id: KsbId,
    /// Its scores over every participant (one entry per participant).
    pub tally: Tally,
}

/// The participants who gave one preferred role focus, and how they scored.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusGroup {
    /// The role focus, as the standard spells it.
    pub name: String,
    /// How many participants prefer it.
    pub participants: usize,
    /// Their figures by role focus, area and category.
    pub summary: Summary,
}

/// Figures of a whole cohort of sheets scored against one standard.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    /// How many sheets were counted.
    pub participants: usize,
    /// One entry per KSB of the standard, in its order.
    pub ksbs: Vec<KsbFigures>,
    /// Every participant's scores by role focus, area and category.
    pub summary: Summary,
    /// The same split by each participant's preferred role focus, in the standard's order.
    pub by_preferred_role_focus: Vec<FocusGroup>,
}

impl Cohort {
    /// A cohort of nobody yet, with every KSB and group of the standard.
    pub fn empty(standard: &Standard) -> Cohort {
        Cohort {
            participants: 0,
            ksbs: standard
                .ksbs
                .iter()
                .map(|ksb| KsbFigures {
                    id: ksb.id.clone(),
                    tally: Tally::default(),
                })
                .collect(),
            summary: Summary::empty(standard),
            by_preferred_role_focus: standard
                .role_focuses
                .iter()
                .map(|name| FocusGroup {
                    name: name.clone(),
                    participants: 0,
                    summary: Summary::empty(standard),
                })
                .collect(),
        }
    }

    /// Counts one participant's sheet. A sheet read with [`Sheet::from_toml`] always names one
    /// of the standard's role focuses; one built by hand with another counts everywhere but in
    /// the split by preferred role focus.
    pub fn add_sheet(&mut self, standard: &Standard, sheet: &Sheet) {
        self.participants += 1;
        let mut focus = self
            .by_preferred_role_focus
            .iter_mut()
            .find(|group| group.name == sheet.participant.role_focus);
        if let Some(group) = focus.as_deref_mut() {
            group.participants += 1;
        }
        for (ksb, figures) in standard.ksbs.iter().zip(&mut self.ksbs) {
            let score = sheet.score(&ksb.id);
            figures.tally.add(score);
            self.summary.add(ksb, score);
            if let Some(group) = focus.as_deref_mut() {
                group.summary.add(ksb, score);
            }
        }
    }

    /// Adds another cohort of the same standard into this one (two threads' shares).
    pub fn merge(&mut self, other: &Cohort) {
        self.participants += other.participants;
        for (mine, theirs) in self.ksbs.iter_mut().zip(&other.ksbs) {
            mine.tally.merge(&theirs.tally);
        }
        self.summary.merge(&other.summary);
        for (mine, theirs) in self
            .by_preferred_role_focus
            .iter_mut()
            .zip(&other.by_preferred_role_focus)
        {
            mine.participants += theirs.participants;
            mine.summary.merge(&theirs.summary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::grouping::Grouping;
    use crate::model::score::Score;
    use crate::test_support;

    fn sheet(standard: &Standard, role_focus: &str, scores: &[(&str, Score)]) -> Sheet {
        test_support::sheet(standard, role_focus, scores)
    }

    fn sheets(standard: &Standard) -> Vec<Sheet> {
        vec![
            sheet(
                standard,
                "Generalist",
                &[("K1", Score::Three), ("K2", Score::NotApplicable)],
            ),
            sheet(standard, "Generalist", &[("K1", Score::One)]),
            sheet(
                standard,
                "Infrastructure Specialist",
                &[("K1", Score::Zero), ("B8", Score::Two)],
            ),
        ]
    }

    fn ksb<'a>(cohort: &'a Cohort, id: &str) -> &'a Tally {
        &cohort
            .ksbs
            .iter()
            .find(|k| k.id.as_str() == id)
            .unwrap()
            .tally
    }

    #[test]
    fn counts_per_ksb_and_per_preferred_role_focus_by_hand() {
        let standard = Standard::builtin();
        let mut cohort = Cohort::empty(&standard);
        for sheet in sheets(&standard) {
            cohort.add_sheet(&standard, &sheet);
        }
        assert_eq!(cohort.participants, 3);
        let k1 = ksb(&cohort, "K1");
        assert_eq!((k1.scored, k1.na, k1.unscored), (3, 0, 0));
        assert_eq!(k1.mean(), Some(4.0 / 3.0));
        let k2 = ksb(&cohort, "K2");
        assert_eq!((k2.scored, k2.na, k2.unscored, k2.mean()), (0, 1, 2, None));
        assert_eq!(ksb(&cohort, "B8").mean(), Some(2.0));
        assert_eq!(cohort.summary.overall.ksbs, 3 * 28);
        assert_eq!(cohort.summary.overall.mean(), Some(6.0 / 4.0));

        let focus: Vec<(&str, usize)> = cohort
            .by_preferred_role_focus
            .iter()
            .map(|g| (g.name.as_str(), g.participants))
            .collect();
        assert_eq!(
            focus,
            [
                ("Generalist", 2),
                ("MediaWiki Specialist", 0),
                ("Infrastructure Specialist", 1)
            ]
        );
        let generalists = &cohort.by_preferred_role_focus[0].summary;
        assert_eq!(generalists.overall.mean(), Some(2.0));
        assert_eq!(generalists.overall.na, 1);
        let categories = generalists.groups(Grouping::Category);
        assert_eq!(categories[0].tally.mean(), Some(2.0), "Knowledge");
        assert_eq!(
            cohort.by_preferred_role_focus[1].summary.overall.mean(),
            None
        );
    }

    #[test]
    fn merged_shares_equal_one_cohort() {
        let standard = Standard::builtin();
        let all = sheets(&standard);
        let mut whole = Cohort::empty(&standard);
        for sheet in &all {
            whole.add_sheet(&standard, sheet);
        }
        let mut first = Cohort::empty(&standard);
        first.add_sheet(&standard, &all[0]);
        let mut rest = Cohort::empty(&standard);
        for sheet in &all[1..] {
            rest.add_sheet(&standard, sheet);
        }
        first.merge(&rest);
        assert_eq!(first, whole);
    }
}
