//! Several sheets of one participant in date order: what moved over the programme, and how
//! much of the way to 3 ("can teach or lead others") was covered.

use chrono::NaiveDate;

use crate::figures::grouping::{Grouped, Grouping};
use crate::figures::summary::Summary;
use crate::model::id::KsbId;
use crate::model::score::{Score, MAX_POINTS};
use crate::model::sheet::Sheet;
use crate::model::standard::{Ksb, Standard};

/// The top of the scale: the score the distance travelled measures towards.
const TOP_POINTS: u32 = MAX_POINTS as u32;

/// The distance travelled from a first set of scores to a latest one: the share of the gap to
/// 3 that was closed.
///
/// Each pair is one KSB's (first, latest) score. Only the KSBs scored 0–3 in both count: N/A
/// or no score on either side leaves a KSB out. Over those,
///
/// ```text
/// (Σ latest − Σ first) / Σ (3 − first)
/// ```
///
/// so 1.0 means every gap closed, 0.0 nothing moved, and a negative share that scores went
/// down. `None` when no KSB counts or the first scores were all 3 already (no gap to close).
pub fn distance_travelled(
    pairs: impl IntoIterator<Item = (Option<Score>, Option<Score>)>,
) -> Option<f64> {
    let (mut gained, mut gap) = (0i64, 0u32);
    for (first, latest) in pairs {
        let points = |score: Option<Score>| score.and_then(Score::points).map(u32::from);
        if let (Some(first), Some(latest)) = (points(first), points(latest)) {
            gained += i64::from(latest) - i64::from(first);
            gap += TOP_POINTS - first;
        }
    }
    (gap > 0).then(|| gained as f64 / f64::from(gap))
}

/// One KSB across the sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct KsbProgress {
    /// The KSB.
    pub id: KsbId,
    /// Its score on each sheet, in date order; `None` where unscored.
    pub scores: Vec<Option<Score>>,
    /// [`distance_travelled`] from the first sheet to the latest on this KSB.
    pub travelled: Option<f64>,
}

/// One group (a role focus, an area or a category) across the sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupProgress {
    /// The group's name as the standard spells it.
    pub name: String,
    /// Mean of the group's numeric scores on each sheet, in date order.
    pub means: Vec<Option<f64>>,
    /// [`distance_travelled`] over the group's KSBs from the first sheet to the latest.
    pub travelled: Option<f64>,
}

/// Everything `ksb progress` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The indices of the given sheets in date order (sheets of the same day keep the order
    /// they were given in); every other list here follows this order.
    pub order: Vec<usize>,
    /// The date of each sheet, in date order.
    pub dates: Vec<NaiveDate>,
    /// Every KSB of the standard, in its order.
    pub ksbs: Vec<KsbProgress>,
    groups: Grouped<GroupProgress>,
    /// [`distance_travelled`] over every KSB, from the first sheet to the latest.
    pub travelled: Option<f64>,
}

impl Progress {
    /// Lines up `sheets` (in any order) by date. Distances travelled need two sheets or more:
    /// with one they are all `None`.
    pub fn of(standard: &Standard, sheets: &[Sheet]) -> Progress {
        let mut order: Vec<usize> = (0..sheets.len()).collect();
        order.sort_by_key(|&i| sheets[i].participant.date);
        let sorted: Vec<&Sheet> = order.iter().map(|&i| &sheets[i]).collect();
        let ends = match (sorted.first(), sorted.last()) {
            (Some(first), Some(latest)) if sorted.len() > 1 => Some((*first, *latest)),
            _ => None,
        };
        let travelled = |ksbs: &mut dyn Iterator<Item = &Ksb>| {
            let (first, latest) = ends?;
            distance_travelled(ksbs.map(|k| (first.score(&k.id), latest.score(&k.id))))
        };

        let ksbs = standard
            .ksbs
            .iter()
            .map(|ksb| KsbProgress {
                id: ksb.id.clone(),
                scores: sorted.iter().map(|s| s.score(&ksb.id)).collect(),
                travelled: travelled(&mut std::iter::once(ksb)),
            })
            .collect();
        let summaries: Vec<Summary> = sorted
            .iter()
            .map(|s| Summary::of_sheet(standard, s))
            .collect();
        let groups = Grouped::from_fn(|grouping| {
            Summary::empty(standard)
                .groups(grouping)
                .iter()
                .enumerate()
                .map(|(g, group)| GroupProgress {
                    name: group.name.clone(),
                    means: summaries
                        .iter()
                        .map(|s| s.groups(grouping)[g].tally.mean())
                        .collect(),
                    travelled: travelled(
                        &mut standard
                            .ksbs
                            .iter()
                            .filter(|k| grouping.contains(k, &group.name)),
                    ),
                })
                .collect()
        });
        Progress {
            dates: sorted.iter().map(|s| s.participant.date).collect(),
            order,
            ksbs,
            groups,
            travelled: travelled(&mut standard.ksbs.iter()),
        }
    }

    /// The groups of one grouping, in the standard's order.
    pub fn groups(&self, grouping: Grouping) -> &[GroupProgress] {
        &self.groups[grouping]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;
    use Score::*;

    fn sheet(standard: &Standard, day: u32, scores: &[(&str, Score)]) -> Sheet {
        let mut sheet = test_support::sheet(standard, "Generalist", scores);
        sheet.participant.date = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        sheet
    }

    #[test]
    fn distance_travelled_by_hand() {
        // (0 → 2), (1 → 1), (2 → 3): gained 2 + 0 + 1 = 3 of a gap 3 + 2 + 1 = 6: 0.5.
        let pairs = [
            (Some(Zero), Some(Two)),
            (Some(One), Some(One)),
            (Some(Two), Some(Three)),
        ];
        assert_eq!(distance_travelled(pairs), Some(0.5));
        // N/A or unscored on either side is left out: still 0.5.
        let mut more = pairs.to_vec();
        more.extend([
            (Some(NotApplicable), Some(Three)),
            (Some(Zero), Some(NotApplicable)),
            (None, Some(Three)),
            (Some(Zero), None),
        ]);
        assert_eq!(distance_travelled(more), Some(0.5));
        // Going down: (2 → 1) is −1 of a gap of 1.
        assert_eq!(distance_travelled([(Some(Two), Some(One))]), Some(-1.0));
        // No gap to close, or nothing to count.
        assert_eq!(distance_travelled([(Some(Three), Some(Three))]), None);
        assert_eq!(distance_travelled([(None, Some(Three))]), None);
    }

    #[test]
    fn lines_sheets_up_by_date_with_means_and_distances() {
        let standard = Standard::builtin();
        let latest = sheet(&standard, 28, &[("K1", Three), ("K4", Two), ("K2", Two)]);
        let first = sheet(
            &standard,
            1,
            &[("K1", One), ("K4", Zero), ("K2", NotApplicable)],
        );
        let middle = sheet(&standard, 14, &[("K1", Two)]);
        let progress = Progress::of(&standard, &[latest, first, middle]);
        assert_eq!(progress.order, [1, 2, 0]);
        assert_eq!(
            progress
                .dates
                .iter()
                .map(|d| d.format("%d").to_string())
                .collect::<Vec<_>>(),
            ["01", "14", "28"]
        );
        let k1 = &progress.ksbs[0];
        assert_eq!(k1.scores, [Some(One), Some(Two), Some(Three)]);
        // K1: 1 → 3 closes a gap of 2 entirely.
        assert_eq!(k1.travelled, Some(1.0));
        // Generalist means: first K1 1, K4 0 → 0.5; middle K1 2 → 2.0; latest 3, 2 → 2.5.
        let generalist = &progress.groups(Grouping::RoleFocus)[0];
        assert_eq!(generalist.means, [Some(0.5), Some(2.0), Some(2.5)]);
        // Generalist distance: gained (3 − 1) + (2 − 0) = 4 of a gap 2 + 3 = 5: 0.8.
        assert_eq!(generalist.travelled, Some(0.8));
        // K2 was N/A at first, so it is left out everywhere: overall is also 0.8.
        assert_eq!(progress.ksbs[1].travelled, None);
        assert_eq!(progress.travelled, Some(0.8));
    }

    #[test]
    fn one_sheet_or_nothing_scored_travels_nowhere() {
        let standard = Standard::builtin();
        let alone = Progress::of(&standard, &[sheet(&standard, 1, &[("K1", One)])]);
        assert_eq!(alone.travelled, None);
        let empty = Progress::of(
            &standard,
            &[sheet(&standard, 1, &[]), sheet(&standard, 2, &[])],
        );
        assert_eq!(empty.travelled, None);
        assert!(empty
            .groups(Grouping::Area)
            .iter()
            .all(|g| g.means == [None, None]));
    }
}
