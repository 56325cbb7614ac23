//! Evidence merged item by item, matched by number. An item's content (description, link,
//! KSBs, added, added by) and its verdict are two items of the merge, so a mentor's verdict on
//! the wiki and the mentee's edit of another item, or of the same item's description, both
//! come through. Beyond the three-way rule of [`super::decide`]:
//! - an item only one side holds, and the base does not, was added there: it is kept;
//! - an item one side removed and the other left as it was (content and verdict) is removed;
//!   removed on one side and changed on the other (content or verdict) is a conflict over the
//!   whole item (`E3`), settled by a choice of either side;
//! - both sides added an item under the same number with different content: both are kept,
//!   the wiki's under its number and the local one(s) renumbered after the highest number of
//!   base, sheet and page, in their order (the [`super::Merged::renumbered`] list says so):
//!   the page is what others see and link to, so its numbers stay. When the highest number
//!   is the largest an item can have, nothing is renumbered and the two are a conflict.
//!
//! - a verdict given on one side on an item whose content the other side changed is a
//!   conflict: the mentor judged what they saw, not what replaced it.
//!
//! Without a base, an item that only one side holds is a conflict like any other difference.

use super::{decide, Change, Choices, Conflict, Decision, Item, Outcome, Side};
use crate::model::evidence::{Evidence, EvidenceNumber};
use crate::render::evidence_table::{added_text, ksbs_text, verdict_text};

/// An item's content as the merge compares it: its fields one per line (none holds a line
/// break), the description first.
pub(super) fn content(item: Option<&Evidence>) -> Option<String> {
    item.map(|item| {
        let link = item
            .link
            .as_ref()
            .map(|l| l.as_written())
            .unwrap_or_default();
        format!(
            "{}\n{link}\n{}\n{}",
            item.text,
            ksbs_text(&item.ksbs),
            added_text(&item.added_by, item.added)
        )
    })
}

/// An item's verdict as the merge compares and shows it (see [`verdict_text`]).
pub(super) fn verdict(item: Option<&Evidence>) -> Option<String> {
    item.and_then(|item| item.verdict.as_ref())
        .map(|verdict| verdict_text(Some(verdict)))
}

/// The description of a [`content`] value, for a message.
pub(super) fn description(content: &str) -> &str {
    content.lines().next().unwrap_or_default()
}

/// A whole item, content and verdict, as a conflict over its removal shows and compares it.
pub(crate) fn whole(item: Option<&Evidence>) -> Option<String> {
    content(item).map(|content| format!("{content}\n{}", verdict(item).unwrap_or_default()))
}

fn find(items: &[Evidence], number: EvidenceNumber) -> Option<&Evidence> {
    items.iter().find(|item| item.number == number)
}

/// Merges the evidence of the two sides (see the module's rules), adding what each side
/// brings and every conflict to `outcome`; returns the merged items and the renumbering of
/// local items.
pub(super) fn merge(
    base: Option<&[Evidence]>,
    local: &[Evidence],
    wiki: &[Evidence],
    choices: &Choices,
    outcome: &mut Outcome,
) -> (Vec<Evidence>, Vec<(EvidenceNumber, EvidenceNumber)>) {
    let (local, renumbered) = renumber(base, local, wiki);
    let mut numbers: Vec<EvidenceNumber> = base
        .unwrap_or_default()
        .iter()
        .chain(&local)
        .chain(wiki)
        .map(|item| item.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut merged = Vec::new();
    for number in numbers {
        let at_base = base.map(|base| find(base, number));
        let (ours, theirs) = (find(&local, number), find(wiki, number));
        let kept = match (ours, theirs) {
            (None, None) => None,
            (Some(ours), Some(theirs)) => both(number, at_base, ours, theirs, choices, outcome),
            (Some(item), None) => one_side(number, at_base, item, Side::Local, choices, outcome),
            (None, Some(item)) => one_side(number, at_base, item, Side::Wiki, choices, outcome),
        };
        merged.extend(kept);
    }
    (merged, renumbered)
}

/// The local items with those both sides added under one number, differently, moved after the
/// highest number any side uses.
fn renumber(
    base: Option<&[Evidence]>,
    local: &[Evidence],
    wiki: &[Evidence],
) -> (Vec<Evidence>, Vec<(EvidenceNumber, EvidenceNumber)>) {
    let mut local = local.to_vec();
    let Some(base) = base else {
        return (local, Vec::new());
    };
    let highest = base
        .iter()
        .chain(&local)
        .chain(wiki)
        .map(|item| item.number)
        .max()
        .unwrap_or(0);
    let mut next = highest.checked_add(1);
    let mut renumbered = Vec::new();
    for item in &mut local {
        let clash = find(base, item.number).is_none()
            && find(wiki, item.number)
                .is_some_and(|theirs| content(Some(theirs)) != content(Some(item)));
        // With no number left after the highest, the item stays where it is: the two items
        // under one number are then a conflict over it, settled by a choice of side.
        if let (true, Some(number)) = (clash, next) {
            renumbered.push((item.number, number));
            item.number = number;
            next = number.checked_add(1);
        }
    }
    (local, renumbered)
}

/// How one part of an item (its content, its verdict) is compared.
type ValueOf = fn(Option<&Evidence>) -> Option<String>;

/// An item both sides hold: its content and its verdict merged as two items.
fn both(
    number: EvidenceNumber,
    at_base: Option<Option<&Evidence>>,
    ours: &Evidence,
    theirs: &Evidence,
    choices: &Choices,
    outcome: &mut Outcome,
) -> Option<Evidence> {
    let mut item = ours.clone();
    let parts: [(Item, ValueOf); 2] = [
        (Item::Evidence(number), content),
        (Item::Verdict(number), verdict),
    ];
    let mut decisions = parts.clone().map(|(part, value)| {
        let was = at_base.map(value);
        decide(
            &part,
            &was,
            &value(Some(ours)),
            &value(Some(theirs)),
            choices,
        )
    });
    // A verdict judges the content its mentor saw: one given on one side while the other side
    // replaced that content (a removed number reused, say) is not carried over to the new
    // content; a choice naming the item takes the whole item from its side.
    if let [Decision::Take(content_from), Decision::Take(verdict_from)] = decisions {
        if content_from != verdict_from {
            decisions = match choices.side(&Item::Verdict(number)) {
                Some(side) => [Decision::Take(side); 2],
                None => [decisions[0], Decision::Conflict],
            };
        }
    }
    for ((part, value), decision) in parts.into_iter().zip(decisions) {
        let (o, t) = (value(Some(ours)), value(Some(theirs)));
        let was = at_base.map(value);
        match decision {
            Decision::Same => {}
            Decision::Conflict => outcome.conflicts.push(Conflict {
                item: part,
                base: was,
                local: o,
                wiki: t,
            }),
            Decision::Take(side) => {
                if side == Side::Wiki {
                    if matches!(part, Item::Verdict(_)) {
                        item.verdict = theirs.verdict.clone();
                    } else {
                        item = Evidence {
                            verdict: item.verdict,
                            ..theirs.clone()
                        };
                    }
                }
                outcome.took(part, side, o, t);
            }
        }
    }
    Some(item)
}

/// An item only `side` holds: added there, or removed on the other side.
fn one_side(
    number: EvidenceNumber,
    at_base: Option<Option<&Evidence>>,
    item: &Evidence,
    side: Side,
    choices: &Choices,
    outcome: &mut Outcome,
) -> Option<Evidence> {
    let other = match side {
        Side::Local => Side::Wiki,
        Side::Wiki => Side::Local,
    };
    let whole_item = Item::Evidence(number);
    let winner = match at_base {
        // Added on `side`.
        Some(None) => side,
        // Removed on the other side, and `side` left it as it was.
        Some(Some(was)) if was == item => other,
        // Changed on `side` and removed on the other, or no base to tell.
        _ => match choices.side(&whole_item) {
            Some(chosen) => chosen,
            None => {
                let (local, wiki) = match side {
                    Side::Local => (whole(Some(item)), None),
                    Side::Wiki => (None, whole(Some(item))),
                };
                outcome.conflicts.push(Conflict {
                    item: whole_item,
                    base: at_base.map(whole),
                    local,
                    wiki,
                });
                return None;
            }
        },
    };
    let (present, absent) = (content(Some(item)), None);
    let change = |was, now| Change {
        item: Item::Evidence(number),
        was,
        now,
    };
    match (winner == side, side) {
        (true, Side::Local) => outcome.from_local.push(change(absent, present)),
        (true, Side::Wiki) => outcome.from_wiki.push(change(absent, present)),
        (false, Side::Local) => outcome.from_wiki.push(change(present, absent)),
        (false, Side::Wiki) => outcome.from_local.push(change(present, absent)),
    }
    (winner == side).then(|| item.clone())
}
