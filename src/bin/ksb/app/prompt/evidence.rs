//! Evidence in a walk, decided apart from any terminal so it can be tested: what a line typed
//! at the evidence and verdict prompts means, which items a mentor is asked about at a KSB, and
//! how an item is shown on a KSB's screen.

use std::collections::BTreeSet;

use ksb::model::evidence::{check_text, Evidence, EvidenceNumber};
use ksb::render::evidence_table::{ksbs_text, verdict_text};
use ksb::KsbId;

use super::screen::key_list;

/// One answer at the evidence prompt that follows a score (with `--notes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceAnswer {
    /// Enter alone: no (more) evidence here; move on.
    Done,
    /// Anything else: the item's description, as typed.
    Item,
    /// `b`: back to this KSB's score.
    Back,
    /// `q`: stop here; everything so far is saved.
    Quit,
    /// `?`: show the keys.
    Help,
}

/// Reads what was typed at the evidence prompt: `q`, `b` and `?` alone are keys, Enter alone
/// is done, anything else describes a new item.
pub fn parse_evidence(text: &str) -> EvidenceAnswer {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => EvidenceAnswer::Done,
        "q" => EvidenceAnswer::Quit,
        "b" => EvidenceAnswer::Back,
        "?" => EvidenceAnswer::Help,
        _ => EvidenceAnswer::Item,
    }
}

/// Whether the evidence prompt takes `text`: a key, or a description of one line.
pub fn check_evidence(text: &str) -> Result<(), String> {
    match parse_evidence(text) {
        EvidenceAnswer::Item => check_text(text).map(drop).map_err(|err| err.to_string()),
        _ => Ok(()),
    }
}

/// What an answer at the evidence prompt meant, as the answered line shows it.
pub fn evidence_meant(typed: &str) -> String {
    match parse_evidence(typed) {
        EvidenceAnswer::Done => "none".to_string(),
        EvidenceAnswer::Item => typed.trim().to_string(),
        EvidenceAnswer::Back => "back to this KSB's score".to_string(),
        EvidenceAnswer::Quit => "save and quit".to_string(),
        EvidenceAnswer::Help => "the keys".to_string(),
    }
}

/// The evidence prompt: the first asks for evidence, later ones for more.
pub fn evidence_prompt(first: bool) -> &'static str {
    if first {
        "Evidence (a line, then a link if any; Enter to skip)"
    } else {
        "More evidence (Enter when done)"
    }
}

/// The link prompt after an item's description.
pub const LINK_PROMPT: &str = "Link (https://…, T12345, owner/repo#123, [[Page]]; Enter for none)";

/// The keys at the evidence prompt.
pub const EVIDENCE_KEYS: &[(&str, &str)] = &[
    (
        "a line",
        "a new item for this KSB; a link is asked next (`ksb evidence add` names several KSBs)",
    ),
    ("Enter", "no more evidence here; go on"),
    ("b", "back to this KSB's score"),
    ("q", "save and quit"),
    ("?", "show these keys again"),
];

/// One answer at a mentor's verdict prompt on an evidence item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictAnswer {
    /// Enter alone: leave the item as it is (with its verdict, if any).
    Leave,
    /// `c`: checked.
    Checked,
    /// `x`: questioned.
    Questioned,
    /// `b`: back to this KSB's score.
    Back,
    /// `q`: stop here; everything so far is saved.
    Quit,
    /// `?`: show the keys.
    Help,
}

/// Reads what was typed at the verdict prompt; the error is the reason said before asking again.
pub fn parse_verdict(text: &str) -> Result<VerdictAnswer, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Ok(VerdictAnswer::Leave),
        "c" | "checked" => Ok(VerdictAnswer::Checked),
        "x" | "questioned" => Ok(VerdictAnswer::Questioned),
        "b" => Ok(VerdictAnswer::Back),
        "q" => Ok(VerdictAnswer::Quit),
        "?" => Ok(VerdictAnswer::Help),
        _ => Err(format!(
            "'{}' is not an answer: c checked, x questioned, Enter leaves it (? shows the keys)",
            text.trim()
        )),
    }
}

/// What an answer at the verdict prompt meant, as the answered line shows it.
pub fn verdict_meant(typed: &str) -> String {
    match parse_verdict(typed) {
        Ok(VerdictAnswer::Leave) => "left as it is".to_string(),
        Ok(VerdictAnswer::Checked) => "checked".to_string(),
        Ok(VerdictAnswer::Questioned) => "questioned".to_string(),
        Ok(VerdictAnswer::Back) => "back to this KSB's score".to_string(),
        Ok(VerdictAnswer::Quit) => "save and quit".to_string(),
        Ok(VerdictAnswer::Help) => "the keys".to_string(),
        Err(_) => typed.trim().to_string(),
    }
}

/// The verdict prompt on item `number`.
pub fn verdict_prompt(number: EvidenceNumber) -> String {
    format!("Evidence {number}: c checked, x questioned, Enter leaves it")
}

/// The comment prompt after a verdict.
pub const COMMENT_PROMPT: &str = "Comment (Enter for none)";

/// Whether the comment prompt takes `text`: nothing, or one line.
pub fn check_comment(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Ok(());
    }
    check_text(text)
        .map(drop)
        .map_err(|_| "a comment is one line, without control characters".to_string())
}

/// The keys at the verdict prompt.
pub const VERDICT_KEYS: &[(&str, &str)] = &[
    ("c", "checked: it backs the KSBs it names"),
    (
        "x",
        "questioned: it does not show what it claims, or could not be followed",
    ),
    ("Enter", "leave it as it is"),
    ("b", "back to this KSB's score"),
    ("q", "save and quit"),
    ("?", "show these keys again"),
];

/// The keys of `keys`, under a heading, fitted to `width`.
pub fn help(heading: &str, keys: &[(&str, &str)], width: usize) -> String {
    format!("{heading}:\n{}", key_list(keys, width))
}

/// The items a mentor is asked about at KSB `id`: those naming it not yet asked about in this
/// walk (an item for K3 and S2 is asked at K3 and then shown, with its verdict, at S2), in
/// number order.
pub fn to_ask(
    items: &[Evidence],
    id: &KsbId,
    asked: &BTreeSet<EvidenceNumber>,
) -> Vec<EvidenceNumber> {
    items
        .iter()
        .filter(|item| item.ksbs.contains(id) && !asked.contains(&item.number))
        .map(|item| item.number)
        .collect()
}

/// The lines of a KSB's screen for the items naming it, each labelled `label` (`Evidence`,
/// `Mentee's evidence`): its number and description, its link (the address when it has one),
/// who added it, the other KSBs it supports, and its verdict.
pub fn screen_lines(items: &[Evidence], id: &KsbId, label: &str) -> Vec<String> {
    items
        .iter()
        .filter(|item| item.ksbs.contains(id))
        .map(|item| {
            let mut line = format!("{label} {}: {}", item.number, item.text);
            if let Some(link) = &item.link {
                line.push_str(&format!(
                    " · {}",
                    link.url().unwrap_or_else(|| link.as_written())
                ));
            }
            line.push_str(&format!(" · added by {}", item.added_by));
            let others: Vec<KsbId> = item.ksbs.iter().filter(|k| *k != id).cloned().collect();
            if !others.is_empty() {
                line.push_str(&format!(" · also {}", ksbs_text(&others)));
            }
            if let Some(verdict) = &item.verdict {
                line.push_str(&format!(" · {}", verdict_text(Some(verdict))));
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use ksb::model::evidence::{EvidenceLink, Verdict, VerdictState};

    fn item(number: EvidenceNumber, ksbs: &[&str], verdict: Option<VerdictState>) -> Evidence {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        Evidence {
            number,
            text: format!("Item {number}"),
            link: Some(EvidenceLink::parse("T12345").unwrap()),
            ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
            added: day,
            added_by: "Alice".into(),
            verdict: verdict.map(|state| Verdict {
                state,
                by: "Mentor".into(),
                date: day,
                comment: None,
            }),
        }
    }

    fn id(text: &str) -> KsbId {
        text.parse().unwrap()
    }

    #[test]
    fn enter_alone_skips_evidence_and_keys_are_keys() {
        assert_eq!(parse_evidence(""), EvidenceAnswer::Done);
        assert_eq!(parse_evidence("   "), EvidenceAnswer::Done);
        assert_eq!(parse_evidence(" Q "), EvidenceAnswer::Quit);
        assert_eq!(parse_evidence("b"), EvidenceAnswer::Back);
        assert_eq!(parse_evidence("?"), EvidenceAnswer::Help);
        for text in ["Ran the check", "b-tree", "q?"] {
            assert_eq!(parse_evidence(text), EvidenceAnswer::Item, "{text:?}");
        }
        assert_eq!(check_evidence("Ran it"), Ok(()));
        assert_eq!(check_evidence(""), Ok(()));
        assert!(check_evidence("a\u{7}b").unwrap_err().contains("one line"));
        assert_eq!(evidence_meant("  Ran it "), "Ran it");
        assert_eq!(evidence_meant(""), "none");
    }

    #[test]
    fn a_verdict_is_c_or_x_and_enter_leaves_the_item() {
        assert_eq!(parse_verdict(""), Ok(VerdictAnswer::Leave));
        assert_eq!(parse_verdict("C"), Ok(VerdictAnswer::Checked));
        assert_eq!(parse_verdict("checked"), Ok(VerdictAnswer::Checked));
        assert_eq!(parse_verdict(" x "), Ok(VerdictAnswer::Questioned));
        assert_eq!(parse_verdict("Questioned"), Ok(VerdictAnswer::Questioned));
        assert_eq!(parse_verdict("q"), Ok(VerdictAnswer::Quit));
        assert_eq!(parse_verdict("b"), Ok(VerdictAnswer::Back));
        assert_eq!(parse_verdict("?"), Ok(VerdictAnswer::Help));
        let reason = parse_verdict("yes").unwrap_err();
        assert!(reason.contains("c checked, x questioned"), "{reason}");
        assert_eq!(verdict_meant("x"), "questioned");
        assert_eq!(verdict_meant(""), "left as it is");
    }

    #[test]
    fn a_comment_is_optional_and_one_line() {
        assert_eq!(check_comment(""), Ok(()));
        assert_eq!(check_comment("Whose task is it?"), Ok(()));
        assert!(check_comment("a\u{1b}b").is_err());
    }

    #[test]
    fn each_item_is_asked_once_a_walk_at_the_first_ksb_it_names() {
        let items = [
            item(1, &["K3", "S2"], None),
            item(2, &["S2"], Some(VerdictState::Checked)),
            item(4, &["B1"], None),
        ];
        let mut asked = BTreeSet::new();
        assert_eq!(to_ask(&items, &id("K3"), &asked), vec![1]);
        asked.insert(1);
        assert_eq!(
            to_ask(&items, &id("S2"), &asked),
            vec![2],
            "item 1 was asked at K3; item 2 is asked though it has a verdict"
        );
        assert!(to_ask(&items, &id("K1"), &asked).is_empty());
    }

    #[test]
    fn an_item_on_screen_says_everything_a_mentor_needs() {
        let items = [
            item(1, &["K3", "S2"], Some(VerdictState::Questioned)),
            item(2, &["B1"], None),
        ];
        assert_eq!(
            screen_lines(&items, &id("S2"), "Mentee's evidence"),
            vec![
                "Mentee's evidence 1: Item 1 · https://issue-tracker.miraheze.org/T12345 · added by Alice · also K3 · questioned by Mentor, 06/12/2026"
            ]
        );
        assert_eq!(
            screen_lines(&items, &id("B1"), "Evidence"),
            vec!["Evidence 2: Item 2 · https://issue-tracker.miraheze.org/T12345 · added by Alice"]
        );
    }
}
