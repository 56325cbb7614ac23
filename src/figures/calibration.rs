//! Calibration: where mentors and mentees disagree over a cohort. Each participant's latest
//! self-assessment is paired with their latest mentor review on or after it, and each KSB
//! scored 0–3 on both gives a gap, the mentor's score minus the participant's own.
//!
//! The gaps are added up per KSB (where the programme's teaching is unclear), per reviewer (a
//! lenient or a strict mentor shows) and per role focus and stack area.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::figures::grouping::{Grouped, Grouping};
use crate::figures::selection::{Gather, Latest, Placed};
use crate::model::id::KsbId;
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;
use crate::model::username;

/// A gap of this many points or more, either way, is a large one.
pub const LARGE_GAP: i64 = 2;

/// The groupings calibration is shown by.
pub const GROUPINGS: [Grouping; 2] = [Grouping::RoleFocus, Grouping::Area];

/// Gaps added up: how many KSB pairs were scored 0–3 on both sheets, the sum of their gaps,
/// how many were large, and how many set N/A against a score (a disagreement on relevance,
/// which has no gap).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gaps {
    /// KSBs scored 0–3 on both sheets.
    pub pairs: usize,
    /// The sum of mentor − self over those.
    pub total: i64,
    /// Those with |gap| ≥ [`LARGE_GAP`].
    pub large: usize,
    /// KSBs one sheet scores N/A and the other 0–3.
    pub relevance: usize,
}

impl Gaps {
    /// Counts one KSB of a pair: the participant's own score and the mentor's.
    pub fn add(&mut self, own: Option<Score>, mentor: Option<Score>) {
        let points = |score: Option<Score>| score.and_then(Score::points).map(i64::from);
        match (points(own), points(mentor)) {
            (Some(own), Some(mentor)) => {
                let gap = mentor - own;
                self.pairs += 1;
                self.total += gap;
                if gap.abs() >= LARGE_GAP {
                    self.large += 1;
                }
            }
            (Some(_), None) if mentor == Some(Score::NotApplicable) => self.relevance += 1,
            (None, Some(_)) if own == Some(Score::NotApplicable) => self.relevance += 1,
            _ => {}
        }
    }

    /// Adds other gaps into these.
    pub fn merge(&mut self, other: &Gaps) {
        self.pairs += other.pairs;
        self.total += other.total;
        self.large += other.large;
        self.relevance += other.relevance;
    }

    /// The mean gap (positive: the mentor scores higher), or `None` without pairs.
    pub fn mean(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.total as f64 / self.pairs as f64)
    }

    /// The share of pairs with a large gap, or `None` without pairs.
    pub fn large_share(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.large as f64 / self.pairs as f64)
    }
}

/// The gaps on one KSB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KsbGaps {
    /// The KSB.
    pub id: KsbId,
    /// Its gaps over every pair.
    pub gaps: Gaps,
}

/// The gaps of one reviewer's reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewerGaps {
    /// The reviewer's username in MediaWiki's form, or `None` for reviews that name nobody.
    pub reviewer: Option<String>,
    /// How many of the pairs' mentor reviews are theirs.
    pub reviews: usize,
    /// The gaps over every KSB of those pairs.
    pub gaps: Gaps,
}

/// The gaps of one group of KSBs (a role focus or a stack area).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupGaps {
    /// The group's name as the standard spells it.
    pub name: String,
    /// The gaps over its KSBs.
    pub gaps: Gaps,
}

/// A cohort's calibration.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Participants with a self-assessment and a mentor review on or after it: the pairs.
    pub pairs: usize,
    /// Participants with a sheet that counts.
    pub participants: usize,
    /// Participants without a self-assessment.
    pub without_self_assessment: usize,
    /// Participants whose latest self-assessment has no mentor review on or after it.
    pub without_review: usize,
    /// Per KSB of the standard, in its order.
    pub ksbs: Vec<KsbGaps>,
    /// Per reviewer, by name; reviews naming nobody last.
    pub reviewers: Vec<ReviewerGaps>,
    /// Per group of each grouping, in the standard's order.
    pub groups: Grouped<GroupGaps>,
    /// Every KSB of every pair.
    pub overall: Gaps,
    /// Only sheets on or before this day counted, when set.
    pub as_of: Option<NaiveDate>,
}

/// A mentor review as calibration keeps it until the pairs are known.
#[derive(Debug, Clone)]
struct Review {
    reviewer: Option<String>,
    scores: Box<[Option<Score>]>,
}

/// The sheets of a cohort as calibration gathers them: each participant's latest
/// self-assessment and latest mentor review (the latest review is on or after the latest
/// self-assessment whenever any is), so memory holds two sheets' scores per participant.
#[derive(Debug, Clone)]
pub struct CalibrationSheets {
    self_assessment: String,
    mentor_review: String,
    as_of: Option<NaiveDate>,
    seen: Latest<()>,
    selves: Latest<Box<[Option<Score>]>>,
    reviews: Latest<Review>,
}

impl CalibrationSheets {
    /// Nothing read yet. `self_assessment` and `mentor_review` are the standard's spellings
    /// of the two assessment types; only sheets on or before `as_of` count when it is set.
    pub fn new(
        self_assessment: &str,
        mentor_review: &str,
        as_of: Option<NaiveDate>,
    ) -> CalibrationSheets {
        CalibrationSheets {
            self_assessment: self_assessment.to_string(),
            mentor_review: mentor_review.to_string(),
            as_of,
            seen: Latest::default(),
            selves: Latest::default(),
            reviews: Latest::default(),
        }
    }

    /// The calibration of every pair, once every sheet is read.
    pub fn finish(self, standard: &Standard) -> Calibration {
        let mut calibration = Calibration {
            pairs: 0,
            participants: self.seen.len(),
            without_self_assessment: self.seen.len() - self.selves.len(),
            without_review: 0,
            ksbs: standard
                .ksbs
                .iter()
                .map(|ksb| KsbGaps {
                    id: ksb.id.clone(),
                    gaps: Gaps::default(),
                })
                .collect(),
            reviewers: Vec::new(),
            groups: Grouped::from_fn(|grouping| {
                grouping
                    .names(standard)
                    .into_iter()
                    .map(|name| GroupGaps {
                        name,
                        gaps: Gaps::default(),
                    })
                    .collect()
            }),
            overall: Gaps::default(),
            as_of: self.as_of,
        };
        // For each grouping, the places of each KSB's groups in its list.
        let places: Grouped<Vec<usize>> = Grouped::from_fn(|grouping| {
            let names = grouping.names(standard);
            standard
                .ksbs
                .iter()
                .map(|ksb| {
                    grouping
                        .groups_of(ksb)
                        .filter_map(|group| names.iter().position(|name| name == group))
                        .collect()
                })
                .collect()
        });
        let mut reviewers: BTreeMap<Option<String>, ReviewerGaps> = BTreeMap::new();
        for (key, own_recency, own) in self.selves.into_sorted() {
            let Some((review_recency, review)) = self.reviews.get(&key) else {
                calibration.without_review += 1;
                continue;
            };
            if *review_recency < own_recency {
                calibration.without_review += 1;
                continue;
            }
            calibration.pairs += 1;
            let name = review.reviewer.as_deref().map(username::canonical);
            let by = reviewers.entry(name.clone()).or_insert(ReviewerGaps {
                reviewer: name,
                reviews: 0,
                gaps: Gaps::default(),
            });
            by.reviews += 1;
            for (k, (mine, theirs)) in own.iter().zip(review.scores.iter()).enumerate() {
                let mut gap = Gaps::default();
                gap.add(*mine, *theirs);
                calibration.ksbs[k].gaps.merge(&gap);
                by.gaps.merge(&gap);
                calibration.overall.merge(&gap);
                for grouping in Grouping::ALL {
                    for &place in &places[grouping][k] {
                        calibration.groups[grouping][place].gaps.merge(&gap);
                    }
                }
            }
        }
        // BTreeMap puts `None` first; reviews naming nobody go last.
        let (named, unnamed): (Vec<ReviewerGaps>, Vec<ReviewerGaps>) = reviewers
            .into_values()
            .partition(|reviewer| reviewer.reviewer.is_some());
        calibration.reviewers = named.into_iter().chain(unnamed).collect();
        calibration
    }
}

impl Gather for CalibrationSheets {
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet) {
        let p = &sheet.participant;
        if self.as_of.is_some_and(|day| p.date > day) {
            return;
        }
        self.seen.offer(placed.key, placed.recency, ());
        let scores = || -> Box<[Option<Score>]> {
            standard
                .ksbs
                .iter()
                .map(|ksb| sheet.score(&ksb.id))
                .collect()
        };
        if p.assessment_type == self.self_assessment {
            if self.selves.wants(placed.key, placed.recency) {
                self.selves.offer(placed.key, placed.recency, scores());
            }
        } else if p.assessment_type == self.mentor_review
            && self.reviews.wants(placed.key, placed.recency)
        {
            let review = Review {
                reviewer: p.reviewer.clone(),
                scores: scores(),
            };
            self.reviews.offer(placed.key, placed.recency, review);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::selection::{key_of, Recency};
    use crate::test_support;

    fn sheet(
        name: &str,
        kind: &str,
        day: u32,
        reviewer: Option<&str>,
        scores: &[(&str, Score)],
    ) -> Sheet {
        let standard = Standard::builtin();
        let mut sheet = test_support::sheet(&standard, "Generalist", scores);
        sheet.participant.username = name.into();
        sheet.participant.assessment_type = kind.into();
        sheet.participant.date = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        sheet.participant.reviewer = reviewer.map(str::to_string);
        sheet
    }

    #[test]
    fn gaps_count_scored_pairs_and_relevance_apart() {
        let mut gaps = Gaps::default();
        gaps.add(Some(Score::One), Some(Score::Three));
        gaps.add(Some(Score::Two), Some(Score::One));
        gaps.add(Some(Score::NotApplicable), Some(Score::Two));
        gaps.add(Some(Score::Two), Some(Score::NotApplicable));
        gaps.add(Some(Score::NotApplicable), Some(Score::NotApplicable));
        gaps.add(None, Some(Score::Two));
        assert_eq!(
            gaps,
            Gaps {
                pairs: 2,
                total: 1,
                large: 1,
                relevance: 2
            }
        );
        assert_eq!((gaps.mean(), gaps.large_share()), (Some(0.5), Some(0.5)));
        assert_eq!(Gaps::default().mean(), None);
    }

    #[test]
    fn the_latest_self_assessment_pairs_with_the_latest_review_on_or_after_it() {
        let standard = Standard::builtin();
        use Score::*;
        let sheets = [
            sheet(
                "ann",
                "Self-assessment",
                1,
                None,
                &[("K1", One), ("K2", Three)],
            ),
            sheet(
                "Ann",
                "Mentor review",
                1,
                Some("mentor_a"),
                &[("K1", Three), ("K2", Two)],
            ),
            sheet("Bob", "Self-assessment", 5, None, &[("K1", Two)]),
            sheet("Bob", "Mentor review", 4, Some("Mentor a"), &[("K1", Zero)]),
            sheet("Cy", "Mentor review", 4, None, &[("K1", Zero)]),
            sheet(
                "Di",
                "Self-assessment",
                2,
                None,
                &[("K1", Zero), ("B8", NotApplicable)],
            ),
            sheet(
                "Di",
                "Mentor review",
                3,
                None,
                &[("K1", Three), ("B8", One)],
            ),
        ];
        let mut gathered = CalibrationSheets::new("Self-assessment", "Mentor review", None);
        for (index, sheet) in sheets.iter().enumerate() {
            let key = key_of(&sheet.participant);
            let recency = Recency::of(&standard, &sheet.participant, index);
            gathered.add(&standard, Placed { key: &key, recency }, sheet);
        }
        let calibration = gathered.finish(&standard);
        assert_eq!(calibration.pairs, 2, "Ann and Di");
        assert_eq!(calibration.participants, 4);
        assert_eq!(calibration.without_self_assessment, 1, "Cy");
        assert_eq!(
            calibration.without_review, 1,
            "Bob's review predates his self-assessment"
        );
        let k1 = &calibration.ksbs[0].gaps;
        assert_eq!((k1.pairs, k1.total, k1.large), (2, 5, 2));
        let b8 = &calibration.ksbs.last().unwrap().gaps;
        assert_eq!((b8.pairs, b8.relevance), (0, 1));
        let reviewers: Vec<(Option<&str>, usize)> = calibration
            .reviewers
            .iter()
            .map(|r| (r.reviewer.as_deref(), r.reviews))
            .collect();
        assert_eq!(reviewers, [(Some("Mentor a"), 1), (None, 1)]);
        assert_eq!(calibration.reviewers[0].gaps.mean(), Some(0.5));
        assert_eq!(calibration.overall.mean(), Some(4.0 / 3.0));
        let community = calibration.groups[Grouping::Area]
            .iter()
            .find(|g| g.name == "Community")
            .unwrap();
        assert_eq!(community.gaps.pairs, 2, "K1 twice");
    }
}
