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

/// The distance travelled from a first set of scores to a latest one: how far scores moved,
/// as a share of how far they could have moved that way.
///
/// Each pair is one KSB's (first, latest) score. Only the KSBs scored 0–3 in both count: N/A
/// or no score on either side leaves a KSB out. Over those, the net movement
/// `Σ latest − Σ first` is measured against the room there was to move that way (the
/// "normalised change" of Marx and Cummings, 2007):
///
/// ```text
/// up or level:  (Σ latest − Σ first) / Σ (3 − first)    the share of the gap to 3 closed
/// down:         (Σ latest − Σ first) / Σ first          the share of the first points lost
/// ```
///
/// so the figure runs from −1.0 (every point lost) through 0.0 (nothing moved, on balance) to
/// 1.0 (every gap closed), and a fall is never hidden or blown up by a small gap: a KSB that
/// went 3 → 1 had no gap to close, and has lost two thirds of its points (−0.67). `None`
/// when no KSB counts, or when nothing moved and the first scores were all 3 already (no gap
/// to close and nothing lost).
pub fn distance_travelled(
    pairs: impl IntoIterator<Item = (Option<Score>, Option<Score>)>,
) -> Option<f64> {
    let (mut gained, mut gap, mut held) = (0i64, 0u32, 0u32);
    for (first, latest) in pairs {
        if let (Some(first), Some(latest)) = (points(first), points(latest)) {
            gained += i64::from(latest) - i64::from(first);
            gap += TOP_POINTS - first;
            held += first;
        }
    }
    let room = if gained < 0 { held } else { gap };
    (room > 0).then(|| gained as f64 / f64::from(room))
}

/// A score's points, `None` for N/A or no score.
fn points(score: Option<Score>) -> Option<u32> {
    score.and_then(Score::points).map(u32::from)
}

/// The change in points from a first score to a latest one (`-2` for 3 → 1), or `None` when
/// either is N/A or unscored.
pub fn change(first: Option<Score>, latest: Option<Score>) -> Option<i8> {
    let (first, latest) = (points(first)?, points(latest)?);
    Some(latest as i8 - first as i8)
}

/// One KSB across the sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct KsbProgress {
    /// The KSB.
    pub id: KsbId,
    /// Its score on each sheet, in date order; `None` where unscored.
    pub scores: Vec<Option<Score>>,
    /// [`change`] from the first sheet to the latest, up or down; `None` with one sheet.
    pub change: Option<i8>,
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
                change: ends.and_then(|(first, latest)| {
                    change(first.score(&ksb.id), latest.score(&ksb.id))
                }),
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
        // Going down is measured against the points there were to lose: (2 → 1) lost 1 of 2,
        // and (3 → 1) lost 2 of 3 although it had no gap to close.
        assert_eq!(distance_travelled([(Some(Two), Some(One))]), Some(-0.5));
        let fell = distance_travelled([(Some(Three), Some(One))]).unwrap();
        assert!((fell + 2.0 / 3.0).abs() < 1e-12, "{fell}");
        // (3 → 1) beside (2 → 2): net −2 of the 5 points held, not −2 of a gap of 1 (−200%).
        assert_eq!(
            distance_travelled([(Some(Three), Some(One)), (Some(Two), Some(Two))]),
            Some(-0.4)
        );
        // Down to nothing is −100%, never less.
        assert_eq!(
            distance_travelled([(Some(Three), Some(Zero)), (Some(One), Some(Zero))]),
            Some(-1.0)
        );
        // Level: nothing moved, 0%, while there was a gap; nothing to measure without one.
        assert_eq!(distance_travelled([(Some(One), Some(One))]), Some(0.0));
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
        assert_eq!(k1.change, Some(2));
        // K4 0 → 2; K2 N/A at first: no change to show.
        assert_eq!(progress.ksbs[3].change, Some(2));
        assert_eq!(progress.ksbs[1].change, None);
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
        assert_eq!(alone.ksbs[0].change, None);
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
