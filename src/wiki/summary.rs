//! The edit summary of a publish: what changed between the sheet on the page and the sheet
//! being published, as a mentor reading the page history wants it ("K3 2→3, 4 notes").

use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// Scores named one by one before the rest are counted.
const SHOWN_SCORES: usize = 8;

/// The summary of publishing `new` over `old` (the sheet the page held, `None` for a new page
/// or one `ksb` cannot read).
pub fn edit_summary(standard: &Standard, old: Option<&Sheet>, new: &Sheet) -> String {
    let scored = standard
        .ksbs
        .iter()
        .filter(|ksb| new.score(&ksb.id).is_some())
        .count();
    let Some(old) = old else {
        return format!(
            "ksb: {} of {}, {}/{} KSBs scored",
            new.participant.assessment_type,
            new.participant.username,
            scored,
            standard.ksbs.len()
        );
    };
    let show = |s: Option<crate::Score>| s.map_or("–".to_string(), |s| s.to_string());
    let mut scores = Vec::new();
    let mut notes = 0;
    for ksb in &standard.ksbs {
        let (was, now) = (old.score(&ksb.id), new.score(&ksb.id));
        if was != now {
            scores.push(format!("{} {}→{}", ksb.id.as_str(), show(was), show(now)));
        }
        if old.note(&ksb.id) != new.note(&ksb.id) {
            notes += 1;
        }
    }
    let mut parts = Vec::new();
    if scores.len() > SHOWN_SCORES {
        let more = scores.len() - SHOWN_SCORES;
        scores.truncate(SHOWN_SCORES);
        scores.push(format!("{more} more scores"));
    }
    parts.extend(scores);
    if notes > 0 {
        parts.push(format!("{notes} note{}", if notes == 1 { "" } else { "s" }));
    }
    if old.participant != new.participant {
        parts.push("header".to_string());
    }
    let evidence = evidence_changes(old, new);
    if evidence > 0 {
        parts.push(format!(
            "{evidence} evidence item{}",
            if evidence == 1 { "" } else { "s" }
        ));
    }
    if parts.is_empty() {
        return "ksb: layout only, no score or note changed".to_string();
    }
    format!("ksb: {}", parts.join(", "))
}

/// How many evidence items were added, removed, edited or given a verdict from `old` to `new`.
fn evidence_changes(old: &Sheet, new: &Sheet) -> usize {
    let mut numbers: Vec<_> = old
        .evidence()
        .iter()
        .chain(new.evidence())
        .map(|item| item.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .into_iter()
        .filter(|&n| old.evidence_item(n) != new.evidence_item(n))
        .count()
}

/// The summary of publishing a merge: what the edit changes on the page (the sheet's own
/// changes), then what the merge kept of the page's own changes, so the page history says what
/// came from where ("ksb: K3 –→3 from the sheet; merged with the wiki's K5 1→2").
pub fn merge_summary(
    standard: &Standard,
    old: Option<&Sheet>,
    merged: &super::merge::Merged,
) -> String {
    let own = edit_summary(standard, old, &merged.sheet);
    if merged.from_wiki.is_empty() {
        return own;
    }
    let mut kept = merged.from_wiki.clone();
    let more = kept.len().saturating_sub(SHOWN_SCORES);
    kept.truncate(SHOWN_SCORES);
    let mut text = super::merge::describe(&kept);
    if more > 0 {
        text.push_str(&format!(", {more} more"));
    }
    format!("{own} from the sheet; merged with the wiki's {text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support;

    #[test]
    fn names_changed_scores_and_counts_notes() {
        let standard = Standard::builtin();
        let two = crate::Score::from_points(2).unwrap();
        let old = test_support::sheet(&standard, "Generalist", &[("K3", two), ("K4", two)]);
        let mut new = old.clone();
        new.set_score("K3".parse().unwrap(), crate::Score::from_points(3));
        new.set_score("K5".parse().unwrap(), Some(crate::Score::NotApplicable));
        new.set_note("S1".parse().unwrap(), "Ran a deploy");
        assert_eq!(
            edit_summary(&standard, Some(&old), &new),
            "ksb: K3 2→3, K5 –→N/A, 1 note"
        );
        assert_eq!(
            edit_summary(&standard, Some(&old), &old),
            "ksb: layout only, no score or note changed"
        );
        assert_eq!(
            edit_summary(&standard, None, &new),
            "ksb: Self-assessment of Tester, 3/28 KSBs scored"
        );
    }
}
