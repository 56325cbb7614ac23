//! Cohort figures: many sheets added together, for a programme lead who wants the whole cohort
//! at a glance.
//!
//! A [`Cohort`] holds counts only (per KSB, per group, per preferred role focus), never the
//! sheets themselves, so its size does not grow with the cohort.

use std::collections::HashMap;

use crate::figures::evidence::{self, Backing, KsbSet};
use crate::figures::selection::{Gather, Latest, People, Placed, Selection};
use crate::figures::summary::{Summary, Tally};
use crate::model::id::KsbId;
use crate::model::score::Score;
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
    /// How many entries were counted: participants, one sheet each, or every sheet with
    /// [`Selection::all_sheets`].
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
        let scores = standard.ksbs.iter().map(|ksb| sheet.score(&ksb.id));
        self.add_scores(standard, &sheet.participant.role_focus, scores);
    }

    /// Counts one participant's scores, given in the standard's order, under their preferred
    /// role focus.
    pub fn add_scores(
        &mut self,
        standard: &Standard,
        role_focus: &str,
        scores: impl IntoIterator<Item = Option<Score>>,
    ) {
        self.participants += 1;
        let mut focus = self
            .by_preferred_role_focus
            .iter_mut()
            .find(|group| group.name == role_focus);
        if let Some(group) = focus.as_deref_mut() {
            group.participants += 1;
        }
        for ((ksb, figures), score) in standard.ksbs.iter().zip(&mut self.ksbs).zip(scores) {
            figures.tally.add(score);
            self.summary.add(ksb, score);
            if let Some(group) = focus.as_deref_mut() {
                group.summary.add(ksb, score);
            }
        }
    }
}

/// One participant's scores as a cohort keeps them until it knows which sheet counts: the
/// preferred role focus and a score per KSB of the standard, in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoredSheet {
    /// The sheet's preferred role focus.
    pub role_focus: String,
    /// A score per KSB of the standard, `None` when unscored.
    pub scores: Box<[Option<Score>]>,
}

impl ScoredSheet {
    /// The places of the KSBs it scores 0–3.
    pub fn scored(&self) -> KsbSet {
        let mut set = KsbSet::default();
        for (place, score) in self.scores.iter().enumerate() {
            if score.and_then(Score::points).is_some() {
                set.insert(place);
            }
        }
        set
    }

    /// The role focus and scores of `sheet`.
    pub fn of(standard: &Standard, sheet: &Sheet) -> ScoredSheet {
        ScoredSheet {
            role_focus: sheet.participant.role_focus.clone(),
            scores: standard
                .ksbs
                .iter()
                .map(|ksb| sheet.score(&ksb.id))
                .collect(),
        }
    }
}

/// A cohort being read under a [`Selection`]: with `all_sheets` every admitted sheet is
/// counted at once (only the set of KSBs it scores is kept, for the evidence figures);
/// otherwise each participant's latest admitted sheet is kept (a role focus and 28 scores)
/// until every sheet is read. Beside them, each participant's evidence: the KSBs named by an
/// item on any of their sheets (of any type, dated and added on or before `--as-of`), so a
/// score is backed by the evidence its participant gave whichever sheet carries it.
#[derive(Debug, Clone)]
pub struct CohortSheets {
    selection: Selection,
    every: Cohort,
    counted: Latest<()>,
    latest: Latest<ScoredSheet>,
    every_scored: Vec<(String, KsbSet)>,
    named: HashMap<String, KsbSet>,
    items: usize,
}

/// What a cohort report counted, beside its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    /// The figures.
    pub cohort: Cohort,
    /// People counted: participants with at least one sheet that counts.
    pub participants: usize,
    /// Sheets read (that loaded), whether they count or not.
    pub sheets: usize,
    /// How the sheets that count were chosen.
    pub selection: Selection,
    /// Participants with sheets, none of which the selection admits, by username.
    pub missing: Vec<String>,
    /// How much of the counted scoring evidence backs.
    pub backing: Backing,
}

impl CohortSheets {
    /// Nothing read yet.
    pub fn new(standard: &Standard, selection: Selection) -> CohortSheets {
        CohortSheets {
            selection,
            every: Cohort::empty(standard),
            counted: Latest::default(),
            latest: Latest::default(),
            every_scored: Vec::new(),
            named: HashMap::new(),
            items: 0,
        }
    }

    /// The cohort's figures once every sheet is read; `people` are the participants of
    /// every sheet read and `sheets` how many sheets loaded.
    pub fn finish(self, standard: &Standard, people: &People, sheets: usize) -> Counted {
        let mut backing = Backing::empty(standard);
        backing.items = self.items;
        let none = KsbSet::default();
        let named = |key: &str| self.named.get(key).unwrap_or(&none);
        let (cohort, participants, missing) = if self.selection.all_sheets {
            for (key, scored) in &self.every_scored {
                backing.add(standard, scored, named(key));
            }
            let missing = people.missing_from(&self.counted);
            (self.every, self.counted.len(), missing)
        } else {
            let missing = people.missing_from(&self.latest);
            let mut cohort = Cohort::empty(standard);
            let participants = self.latest.len();
            for (key, _, sheet) in self.latest.into_sorted() {
                cohort.add_scores(standard, &sheet.role_focus, sheet.scores.iter().copied());
                backing.add(standard, &sheet.scored(), named(&key));
            }
            (cohort, participants, missing)
        };
        Counted {
            cohort,
            participants,
            sheets,
            selection: self.selection,
            missing,
            backing,
        }
    }
}

impl Gather for CohortSheets {
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet) {
        let as_of = self.selection.as_of;
        if as_of.is_none_or(|day| sheet.participant.date <= day) && !sheet.evidence().is_empty() {
            let (named, items) = evidence::named(standard, sheet.evidence(), as_of);
            self.items += items;
            match self.named.get_mut(placed.key) {
                Some(kept) => kept.union_with(&named),
                None => {
                    self.named.insert(placed.key.to_string(), named);
                }
            }
        }
        if !self.selection.admits(&sheet.participant) {
            return;
        }
        if self.selection.all_sheets {
            self.every.add_sheet(standard, sheet);
            self.counted.offer(placed.key, placed.recency, ());
            self.every_scored
                .push((placed.key.to_string(), evidence::scored(standard, sheet)));
        } else {
            if self.latest.wants(placed.key, placed.recency) {
                let scored = ScoredSheet::of(standard, sheet);
                self.latest.offer(placed.key, placed.recency, scored);
            }
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
    fn the_backed_share_counts_each_persons_evidence_on_any_of_their_sheets() {
        use crate::figures::evidence::Backed;
        use crate::figures::selection::{key_of, Recency};
        use crate::model::evidence::Evidence;
        use chrono::NaiveDate;
        use Score::*;
        let standard = Standard::builtin();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let item = |ksbs: &[&str], added| Evidence {
            number: 1,
            text: "x".into(),
            link: None,
            ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
            added: day(added),
            added_by: "Tester".into(),
            verdict: None,
        };
        // Tester: a self-assessment (25/11) with evidence on K1 and S2, then a mentor review
        // (26/11) without evidence scoring K1 3, S2 N/A, B1 2: of its 2 scored KSBs, K1 is
        // backed by the self-assessment's item. Other: one sheet scoring K1 and K2, evidence
        // on K2 added on 28/11.
        let mut own = sheet(&standard, "Generalist", &[("K1", One)]);
        own.set_evidence(vec![item(&["K1", "S2"], 25)]).unwrap();
        let mut review = sheet(
            &standard,
            "Generalist",
            &[("K1", Three), ("S2", NotApplicable), ("B1", Two)],
        );
        review.participant.assessment_type = "Mentor review".into();
        review.participant.date = day(26);
        let mut other = sheet(&standard, "Generalist", &[("K1", Two), ("K2", Two)]);
        other.participant.username = "Other".into();
        other.set_evidence(vec![item(&["K2"], 28)]).unwrap();
        let count = |selection: Selection| {
            let sheets = [&own, &review, &other];
            let mut gathering = CohortSheets::new(&standard, selection);
            let mut people = People::default();
            for (index, sheet) in sheets.iter().enumerate() {
                let key = key_of(&sheet.participant);
                let placed = || Placed {
                    key: &key,
                    recency: Recency::of(&standard, &sheet.participant, index),
                };
                gathering.add(&standard, placed(), sheet);
                people.add(&standard, placed(), sheet);
            }
            gathering.finish(&standard, &people, sheets.len()).backing
        };
        let latest = count(Selection::default());
        assert_eq!(latest.items, 2);
        assert_eq!(
            latest.overall,
            Backed {
                scored: 4,
                backed: 2
            }
        );
        let every = count(Selection {
            all_sheets: true,
            ..Selection::default()
        });
        assert_eq!(
            every.overall,
            Backed {
                scored: 5,
                backed: 3
            }
        );
        // As of 27/11, Other's item (added 28/11) does not count yet.
        let earlier = count(Selection {
            as_of: Some(day(27)),
            ..Selection::default()
        });
        assert_eq!((earlier.items, earlier.overall.backed), (1, 1));
    }
}
