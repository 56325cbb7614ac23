//! Summary figures: how a sheet (or a cohort of sheets) scores per role focus, area and category.

use serde::Serialize;

use crate::figures::grouping::{Grouped, Grouping};
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::{Ksb, Standard};

/// Counts and totals of the scores in one group; tallies add up, so a cohort is a sum of sheets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// KSB entries counted (a KSB of one sheet counts once per group it is in).
    pub ksbs: usize,
    /// Entries with a numeric score 0–3.
    pub scored: usize,
    /// Entries scored N/A.
    pub na: usize,
    /// Entries with no score yet.
    pub unscored: usize,
    /// How many entries scored 0, 1, 2 and 3.
    pub counts: [usize; 4],
}

impl Tally {
    /// Counts one KSB's score (or its absence).
    pub fn add(&mut self, score: Option<Score>) {
        self.ksbs += 1;
        match score {
            None => self.unscored += 1,
            Some(Score::NotApplicable) => self.na += 1,
            Some(score) => {
                self.scored += 1;
                if let Some(points) = score.points() {
                    self.counts[usize::from(points)] += 1;
                }
            }
        }
    }

    /// Sum of the numeric scores.
    pub fn total_points(&self) -> usize {
        self.counts
            .iter()
            .enumerate()
            .map(|(points, n)| points * n)
            .sum()
    }

    /// Mean of the numeric scores, or `None` when nothing is scored 0–3.
    pub fn mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.total_points() as f64 / self.scored as f64)
    }
}

/// A named group (a role focus, an area or a category) and its tally.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The group's name as the standard spells it.
    pub name: String,
    /// The group's figures.
    pub tally: Tally,
}

/// Summary figures of one sheet (or many added together), grouped three ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The groups of each grouping, in the standard's order: its role focuses, its canonical
    /// areas, and Knowledge, Skills and Behaviours.
    pub groups: Grouped<Group>,
    /// Every KSB once.
    pub overall: Tally,
}

impl Summary {
    /// All groups of the standard, with nothing counted yet.
    pub fn empty(standard: &Standard) -> Summary {
        Summary {
            groups: Grouped::from_fn(|grouping| {
                grouping
                    .names(standard)
                    .into_iter()
                    .map(|name| Group {
                        name,
                        tally: Tally::default(),
                    })
                    .collect()
            }),
            overall: Tally::default(),
        }
    }

    /// The summary of one sheet.
    pub fn of_sheet(standard: &Standard, sheet: &Sheet) -> Summary {
        let mut summary = Summary::empty(standard);
        summary.add_sheet(standard, sheet);
        summary
    }

    /// Counts every KSB of `sheet` into the groups.
    pub fn add_sheet(&mut self, standard: &Standard, sheet: &Sheet) {
        for ksb in &standard.ksbs {
            self.add(ksb, sheet.score(&ksb.id));
        }
    }

    /// Counts one KSB's score into every group it belongs to.
    pub fn add(&mut self, ksb: &Ksb, score: Option<Score>) {
        for grouping in Grouping::ALL {
            let groups = &mut self.groups[grouping];
            for name in grouping.groups_of(ksb) {
                if let Some(group) = groups.iter_mut().find(|g| g.name == name) {
                    group.tally.add(score);
                }
            }
        }
        self.overall.add(score);
    }

    /// The groups of one grouping.
    pub fn groups(&self, grouping: Grouping) -> &[Group] {
        &self.groups[grouping]
    }
}

/// The JSON shape of one group's figures, shared by every command that prints summaries (its
/// keys in alphabetical order, as every JSON object of `ksb`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFigures {
    /// How many scored 0, 1, 2 and 3, keyed "0" to "3".
    pub counts: std::collections::BTreeMap<String, usize>,
    /// KSB entries in the group.
    pub ksbs: usize,
    /// Mean of the numeric scores; null when none.
    pub mean: Option<f64>,
    /// Entries scored N/A.
    pub na: usize,
    /// Group name; absent for the overall figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Entries scored 0–3.
    pub scored: usize,
    /// Entries not scored.
    pub unscored: usize,
}

impl GroupFigures {
    /// The figures of a tally, with an optional group name.
    pub fn new(name: Option<&str>, tally: &Tally) -> GroupFigures {
        GroupFigures {
            name: name.map(str::to_string),
            ksbs: tally.ksbs,
            scored: tally.scored,
            na: tally.na,
            unscored: tally.unscored,
            mean: tally.mean(),
            counts: (0..4).map(|p| (p.to_string(), tally.counts[p])).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;

    fn sheet_with(standard: &Standard, scores: &[(&str, Score)]) -> Sheet {
        test_support::sheet(standard, "Generalist", scores)
    }

    fn group<'a>(summary: &'a Summary, grouping: Grouping, name: &str) -> &'a Tally {
        &summary
            .groups(grouping)
            .iter()
            .find(|g| g.name == name)
            .unwrap()
            .tally
    }

    #[test]
    fn tallies_means_and_counts_by_hand() {
        let standard = Standard::builtin();
        // K2 (MediaWiki Specialist, MediaWiki) = 3; K8 (same) = 1; K10 (MediaWiki & Platform
        // Security) = n/a; S2 (Infra & MediaWiki, Infrastructure Specialist) = 2.
        let sheet = sheet_with(
            &standard,
            &[
                ("K2", Score::Three),
                ("K8", Score::One),
                ("K10", Score::NotApplicable),
                ("S2", Score::Two),
            ],
        );
        let summary = Summary::of_sheet(&standard, &sheet);
        let mw = group(&summary, Grouping::Area, "MediaWiki");
        // MediaWiki area: K2 K8 K9 K10 S2 S3 S5 S6 S8 = 9 KSBs.
        assert_eq!((mw.ksbs, mw.scored, mw.na, mw.unscored), (9, 3, 1, 5));
        assert_eq!(mw.mean(), Some(2.0));
        assert_eq!(mw.counts, [0, 1, 1, 1]);
        let infra = group(&summary, Grouping::Area, "Infra");
        assert_eq!((infra.ksbs, infra.scored, infra.mean()), (7, 1, Some(2.0)));
        let specialist = group(&summary, Grouping::RoleFocus, "MediaWiki Specialist");
        assert_eq!((specialist.ksbs, specialist.scored), (7, 2));
        assert_eq!(specialist.mean(), Some(2.0));
        let knowledge = group(&summary, Grouping::Category, "Knowledge");
        assert_eq!((knowledge.ksbs, knowledge.scored, knowledge.na), (11, 2, 1));
        assert_eq!(summary.overall.ksbs, 28);
        assert_eq!(summary.overall.mean(), Some(2.0));
        assert_eq!(group(&summary, Grouping::Area, "All Areas").mean(), None);
    }

    #[test]
    fn role_focus_and_category_groups_cover_every_ksb_once() {
        let standard = Standard::builtin();
        let summary = Summary::of_sheet(&standard, &sheet_with(&standard, &[]));
        for grouping in [Grouping::RoleFocus, Grouping::Category] {
            let total: usize = summary.groups(grouping).iter().map(|g| g.tally.ksbs).sum();
            assert_eq!(total, 28);
        }
        let areas: usize = summary
            .groups(Grouping::Area)
            .iter()
            .map(|g| g.tally.ksbs)
            .sum();
        assert_eq!(areas, 28 + 4, "K9, K10, S2 and S6 have two areas");
    }
}
