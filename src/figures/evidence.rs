//! Evidence in the figures: how many items back each KSB of a sheet (what `compare` and `plan`
//! show beside a score), which KSBs scored 2 or more no item names (the roster), and the share
//! of a cohort's scored KSBs that evidence backs (the cohort report).
//!
//! A KSB is backed when an item names it. Every figure here is a pass over each sheet's items
//! and the standard's KSBs, never a scan of all items per KSB across sheets: a cohort with
//! evidence costs what it costs without, plus one pass over its items (bench/evidence-cohort.sh).

use chrono::NaiveDate;

use crate::figures::grouping::{Grouped, Grouping};
use crate::model::evidence::{self, Evidence, Support};
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// A set of the standard's KSBs, each by its place in the standard's list: one bit each, so a
/// figure can keep one per sheet or per participant of a large cohort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KsbSet {
    words: Vec<u64>,
}

impl KsbSet {
    /// Adds the KSB at `place`.
    pub fn insert(&mut self, place: usize) {
        let word = place / 64;
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (place % 64);
    }

    /// Whether the KSB at `place` is in the set.
    pub fn contains(&self, place: usize) -> bool {
        self.words
            .get(place / 64)
            .is_some_and(|word| word & (1 << (place % 64)) != 0)
    }

    /// Adds every KSB of `other`.
    pub fn union_with(&mut self, other: &KsbSet) {
        if self.words.len() < other.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (word, theirs) in self.words.iter_mut().zip(&other.words) {
            *word |= theirs;
        }
    }

    /// The places in the set, lowest first.
    pub fn places(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(index, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| index * 64 + bit)
        })
    }

    /// How many KSBs the set holds.
    pub fn len(&self) -> usize {
        self.words
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|word| *word == 0)
    }
}

/// Whether an item counts as of `as_of`: added on or before that day, or any item without one.
pub fn added_by_day(item: &Evidence, as_of: Option<NaiveDate>) -> bool {
    as_of.is_none_or(|day| item.added <= day)
}

/// The KSBs of `standard` that `items` name (those added on or before `as_of`, when given), and
/// how many items that is: one pass over the items. A KSB the standard no longer has is left
/// out.
pub fn named(standard: &Standard, items: &[Evidence], as_of: Option<NaiveDate>) -> (KsbSet, usize) {
    let mut set = KsbSet::default();
    let mut count = 0;
    for item in items.iter().filter(|item| added_by_day(item, as_of)) {
        count += 1;
        for id in &item.ksbs {
            if let Some(place) = standard.ksbs.iter().position(|ksb| ksb.id == *id) {
                set.insert(place);
            }
        }
    }
    (set, count)
}

/// The KSBs `sheet` scores 0–3 (not N/A, not unscored): what a backed share counts out of.
pub fn scored(standard: &Standard, sheet: &Sheet) -> KsbSet {
    places_where(standard, sheet, |score| score.points().is_some())
}

/// The KSBs `sheet` scores 2 or 3: a claim of working independently, which the roster wants
/// backed.
pub fn strong(standard: &Standard, sheet: &Sheet) -> KsbSet {
    places_where(standard, sheet, |score| {
        score.points().is_some_and(|points| points >= 2)
    })
}

fn places_where(standard: &Standard, sheet: &Sheet, keep: impl Fn(Score) -> bool) -> KsbSet {
    let mut set = KsbSet::default();
    for (place, ksb) in standard.ksbs.iter().enumerate() {
        if sheet.score(&ksb.id).is_some_and(&keep) {
            set.insert(place);
        }
    }
    set
}

/// The support of every KSB of `standard` among `items`, in the standard's order: what
/// `compare` and `plan` show per KSB (a sheet's few items per KSB).
pub fn supports(standard: &Standard, items: &[Evidence]) -> Vec<Support> {
    standard
        .ksbs
        .iter()
        .map(|ksb| evidence::support(items, &ksb.id))
        .collect()
}

/// The evidence of two sheets compared, each item once. An item of `b` with the number and
/// description of one of `a` is the same item (a sheet copied by hand, or pulled from a page
/// that carried the other's items): it counts once, as `b` has it, with the later of the two verdicts
/// (`b`'s on the same day, and any verdict over none). Every other item of either sheet counts
/// as it is.
pub fn combined(a: &[Evidence], b: &[Evidence]) -> Vec<Evidence> {
    let same = |x: &Evidence, y: &Evidence| x.number == y.number && x.text == y.text;
    let mut items: Vec<Evidence> = b
        .iter()
        .map(|item| {
            let mut item = item.clone();
            if let Some(theirs) = a.iter().find(|other| same(other, &item)) {
                let later = match (&theirs.verdict, &item.verdict) {
                    (Some(theirs), Some(ours)) => theirs.date > ours.date,
                    (Some(_), None) => true,
                    (None, _) => false,
                };
                if later {
                    item.verdict = theirs.verdict.clone();
                }
            }
            item
        })
        .collect();
    items.extend(
        a.iter()
            .filter(|item| !b.iter().any(|other| same(item, other)))
            .cloned(),
    );
    items
}

/// The groupings of KSBs a cohort's backed share is shown by (in the report and its JSON):
/// those a lead acts on.
pub const BACKING_GROUPINGS: [Grouping; 2] = [Grouping::RoleFocus, Grouping::Area];

/// Scored KSB entries, and how many of them evidence backs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backed {
    /// Entries scored 0–3.
    pub scored: usize,
    /// Of those, entries that an evidence item names.
    pub backed: usize,
}

impl Backed {
    /// The backed share of the scored entries, or `None` when nothing is scored.
    pub fn share(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.backed as f64 / self.scored as f64)
    }
}

/// One group (a role focus, an area or a category of KSBs) and its backed entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackedGroup {
    /// The group's name as the standard spells it.
    pub name: String,
    /// Its scored and backed entries.
    pub backed: Backed,
}

/// How much of a cohort's scoring evidence backs: per group of KSBs and overall, counted over
/// the entries the cohort counts (each participant's counted sheet, or every sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct Backing {
    /// Per grouping, per group, in the standard's order.
    pub groups: Grouped<BackedGroup>,
    /// Over every KSB.
    pub overall: Backed,
    /// Evidence items read (on the sheets a cohort reads, added by its day).
    pub items: usize,
}

impl Backing {
    /// Nothing counted yet, with every group of the standard.
    pub fn empty(standard: &Standard) -> Backing {
        Backing {
            groups: Grouped::from_fn(|grouping| {
                grouping
                    .names(standard)
                    .into_iter()
                    .map(|name| BackedGroup {
                        name,
                        backed: Backed::default(),
                    })
                    .collect()
            }),
            overall: Backed::default(),
            items: 0,
        }
    }

    /// Counts one entry: the KSBs it scores 0–3, backed where `named` holds them.
    pub fn add(&mut self, standard: &Standard, scored: &KsbSet, named: &KsbSet) {
        for place in scored.places() {
            let Some(ksb) = standard.ksbs.get(place) else {
                continue;
            };
            let backed = named.contains(place);
            let count = |figures: &mut Backed| {
                figures.scored += 1;
                figures.backed += usize::from(backed);
            };
            for grouping in Grouping::ALL {
                let groups = &mut self.groups[grouping];
                for name in grouping.groups_of(ksb) {
                    if let Some(group) = groups.iter_mut().find(|group| group.name == name) {
                        count(&mut group.backed);
                    }
                }
            }
            count(&mut self.overall);
        }
    }

    /// The groups of one grouping.
    pub fn groups(&self, grouping: Grouping) -> &[BackedGroup] {
        &self.groups[grouping]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::{Verdict, VerdictState};
    use crate::model::id::KsbId;
    use crate::test_support;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn item(number: u32, ksbs: &[&str], verdict: Option<(VerdictState, u32)>) -> Evidence {
        Evidence {
            number,
            text: format!("item {number}"),
            link: None,
            ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
            added: day(number),
            added_by: "Tester".into(),
            verdict: verdict.map(|(state, d)| Verdict {
                state,
                by: "Mentor".into(),
                date: day(d),
                comment: None,
            }),
        }
    }

    fn place(standard: &Standard, id: &str) -> usize {
        let id: KsbId = id.parse().unwrap();
        standard.ksbs.iter().position(|k| k.id == id).unwrap()
    }

    #[test]
    fn a_set_holds_places_past_one_word() {
        let mut set = KsbSet::default();
        assert!(set.is_empty());
        for place in [3, 64, 130, 3] {
            set.insert(place);
        }
        assert_eq!(set.places().collect::<Vec<_>>(), [3, 64, 130]);
        assert_eq!(set.len(), 3);
        assert!(set.contains(64) && !set.contains(65) && !set.contains(500));
        let mut other = KsbSet::default();
        other.insert(1);
        other.union_with(&set);
        assert_eq!(other.places().collect::<Vec<_>>(), [1, 3, 64, 130]);
    }

    #[test]
    fn named_ksbs_by_the_day_items_were_added() {
        let standard = Standard::builtin();
        let items = [item(1, &["K1", "S2"], None), item(5, &["B1"], None)];
        let (all, count) = named(&standard, &items, None);
        assert_eq!(count, 2);
        let places: Vec<usize> = ["K1", "S2", "B1"]
            .iter()
            .map(|id| place(&standard, id))
            .collect();
        assert_eq!(all.len(), 3);
        assert!(places.iter().all(|p| all.contains(*p)));
        let (early, count) = named(&standard, &items, Some(day(4)));
        assert_eq!(count, 1);
        assert_eq!(early.len(), 2, "item 5 was added on 05/12");
        assert!(!early.contains(place(&standard, "B1")));
    }

    #[test]
    fn scored_leaves_out_n_a_and_strong_is_two_or_more() {
        use Score::*;
        let standard = Standard::builtin();
        let sheet = test_support::sheet(
            &standard,
            "Generalist",
            &[
                ("K1", Zero),
                ("K2", NotApplicable),
                ("K3", Two),
                ("B8", Three),
            ],
        );
        assert_eq!(scored(&standard, &sheet).len(), 3);
        let strong = strong(&standard, &sheet);
        assert_eq!(
            strong.places().collect::<Vec<_>>(),
            [place(&standard, "K3"), place(&standard, "B8")]
        );
    }

    #[test]
    fn two_sheets_count_a_carried_item_once_with_its_later_verdict() {
        use VerdictState::*;
        let standard = Standard::builtin();
        // The self-assessment's item 1 was checked on 02/12; the review carries it, questioned
        // on 03/12 (later, so it wins). Item 2 is only on the self-assessment, checked; the
        // review's item 2 is another item (another text), and item 3 is the review's own.
        let a = [
            item(1, &["K1"], Some((Checked, 2))),
            item(2, &["K1", "S2"], Some((Checked, 2))),
        ];
        let mut other = item(2, &["K1"], None);
        other.text = "another".into();
        let b = [
            item(1, &["K1"], Some((Questioned, 3))),
            other,
            item(3, &["S2"], None),
        ];
        let items = combined(&a, &b);
        assert_eq!(items.len(), 4);
        let k1 = supports(&standard, &items)[place(&standard, "K1")];
        assert_eq!(
            k1,
            Support {
                items: 3,
                checked: 1
            }
        );
        // Same day: the review's verdict; none against one: the one.
        let a = [item(1, &["K1"], Some((Questioned, 2)))];
        let b = [item(1, &["K1"], Some((Checked, 2)))];
        assert_eq!(combined(&a, &b)[0].verdict.as_ref().unwrap().state, Checked);
        let b = [item(1, &["K1"], None)];
        assert_eq!(
            combined(&a, &b)[0].verdict.as_ref().unwrap().state,
            Questioned
        );
    }

    #[test]
    fn backing_counts_scored_entries_per_group_by_hand() {
        let standard = Standard::builtin();
        let mut scored = KsbSet::default();
        let mut named = KsbSet::default();
        // K1 (Generalist, Community & Governance) scored and backed; K9 (MediaWiki Specialist,
        // two areas) scored and backed; S2 (Infrastructure Specialist) scored, not backed; B1
        // named but not scored: it counts nowhere.
        for id in ["K1", "K9", "S2"] {
            scored.insert(place(&standard, id));
        }
        for id in ["K1", "K9", "B1"] {
            named.insert(place(&standard, id));
        }
        let mut backing = Backing::empty(&standard);
        backing.add(&standard, &scored, &named);
        backing.add(&standard, &scored, &KsbSet::default());
        assert_eq!(
            backing.overall,
            Backed {
                scored: 6,
                backed: 2
            }
        );
        assert_eq!(backing.overall.share(), Some(1.0 / 3.0));
        let group = |grouping: Grouping, name: &str| {
            backing
                .groups(grouping)
                .iter()
                .find(|g| g.name == name)
                .unwrap()
                .backed
        };
        assert_eq!(
            group(Grouping::RoleFocus, "Generalist"),
            Backed {
                scored: 2,
                backed: 1
            }
        );
        assert_eq!(
            group(Grouping::RoleFocus, "Infrastructure Specialist"),
            Backed {
                scored: 2,
                backed: 0
            }
        );
        // K9 counts in MediaWiki and Community; S2 in Infra and MediaWiki; K1 in Community.
        assert_eq!(
            group(Grouping::Area, "MediaWiki"),
            Backed {
                scored: 4,
                backed: 1
            }
        );
        assert_eq!(
            group(Grouping::Area, "Community"),
            Backed {
                scored: 4,
                backed: 2
            }
        );
        assert_eq!(Backed::default().share(), None);
    }
}
