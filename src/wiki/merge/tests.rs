use proptest::prelude::*;

use super::*;
use crate::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
use crate::model::score::Score;
use crate::test_support;
use chrono::NaiveDate;

fn id(text: &str) -> KsbId {
    text.parse().unwrap()
}

fn base() -> (Standard, Sheet) {
    let standard = Standard::builtin();
    let mut sheet = test_support::sheet(
        &standard,
        "Generalist",
        &[("K1", Score::Two), ("K2", Score::One), ("S1", Score::Zero)],
    );
    sheet.set_note(id("K1"), "Wrote the FAQ");
    (standard, sheet)
}

#[test]
fn changes_to_different_ksbs_are_combined_and_said_where_they_came_from() {
    let (standard, base) = base();
    let mut local = base.clone();
    local.set_score(id("K3"), Some(Score::Three));
    local.set_note(id("K1"), "Wrote the FAQ and the index");
    let mut wiki = base.clone();
    wiki.set_score(id("K2"), Some(Score::Two));
    wiki.participant.role_focus = "Infrastructure Specialist".into();

    let merged = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap();
    assert_eq!(merged.sheet.score(&id("K3")), Some(Score::Three));
    assert_eq!(merged.sheet.score(&id("K2")), Some(Score::Two));
    assert_eq!(
        merged.sheet.note(&id("K1")),
        Some("Wrote the FAQ and the index")
    );
    assert_eq!(
        merged.sheet.participant.role_focus,
        "Infrastructure Specialist"
    );
    assert_eq!(describe(&merged.from_local), "K1 note, K3 –→3");
    assert_eq!(
        describe(&merged.from_wiki),
        "role-focus Generalist→Infrastructure Specialist, K2 1→2"
    );
}

#[test]
fn the_same_ksb_changed_differently_is_a_conflict_naming_both_values() {
    let (standard, base) = base();
    let mut local = base.clone();
    local.set_score(id("K2"), Some(Score::Three));
    local.set_note(id("K1"), "Mine");
    local.set_score(id("B1"), Some(Score::One));
    let mut wiki = base.clone();
    wiki.set_score(id("K2"), Some(Score::NotApplicable));
    wiki.set_note(id("K1"), "Theirs");
    wiki.set_score(id("B1"), Some(Score::One));

    let err = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "K1 note (sheet \"Mine\", wiki \"Theirs\"), K2 (sheet 3, wiki N/A)"
    );
    let choices = Choices {
        wiki: vec![Pick::Ksb(id("K2"))],
        local: vec![Pick::Ksb(id("K1"))],
    };
    let merged = merge(&standard, Some(&base), &local, &wiki, &choices).unwrap();
    assert_eq!(merged.sheet.score(&id("K2")), Some(Score::NotApplicable));
    assert_eq!(merged.sheet.note(&id("K1")), Some("Mine"));
    assert_eq!(merged.sheet.score(&id("B1")), Some(Score::One));
}

#[test]
fn without_a_base_every_difference_is_a_conflict_until_chosen() {
    let (standard, base) = base();
    let mut wiki = base.clone();
    wiki.set_score(id("K2"), Some(Score::Three));
    let err = merge(&standard, None, &base, &wiki, &Choices::default()).unwrap_err();
    assert_eq!(err.to_string(), "K2 (sheet 1, wiki 3)");
    let merged = merge(&standard, None, &base, &wiki, &Choices::wiki_everywhere()).unwrap();
    assert_eq!(merged.sheet, wiki);
    let merged = merge(&standard, None, &base, &wiki, &Choices::local_everywhere()).unwrap();
    assert_eq!(merged.sheet, base);
}

#[test]
fn a_named_choice_beats_all() {
    let (standard, base) = base();
    let mut local = base.clone();
    local.set_score(id("K1"), Some(Score::Three));
    local.set_score(id("K2"), Some(Score::Three));
    let mut wiki = base.clone();
    wiki.set_score(id("K1"), Some(Score::Zero));
    wiki.set_score(id("K2"), Some(Score::Zero));
    let choices = Choices {
        wiki: vec![Pick::Ksb(id("K2"))],
        local: vec![Pick::All],
    };
    let merged = merge(&standard, Some(&base), &local, &wiki, &choices).unwrap();
    assert_eq!(merged.sheet.score(&id("K1")), Some(Score::Three));
    assert_eq!(merged.sheet.score(&id("K2")), Some(Score::Zero));
}

#[test]
fn choices_name_ksbs_header_fields_or_all() {
    let standard = Standard::builtin();
    assert_eq!(Pick::parse("k2", &standard), Ok(Pick::Ksb(id("K2"))));
    assert_eq!(
        Pick::parse("role_focus", &standard),
        Ok(Pick::Header(HeaderField::RoleFocus))
    );
    assert_eq!(Pick::parse("ALL", &standard), Ok(Pick::All));
    let err = Pick::parse("K99", &standard).unwrap_err();
    assert!(err.contains("'K99' is neither a KSB"), "{err}");
}

#[test]
fn what_a_page_does_not_carry_stays_as_the_local_sheet_has_it() {
    let (standard, base) = base();
    let mut local = base.clone();
    local.reviews = Some("self.toml".into());
    let mut wiki = base.clone();
    wiki.set_score(id("K4"), Some(Score::Two));
    let merged = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap();
    assert_eq!(merged.sheet.reviews.as_deref(), Some("self.toml"));
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn item(number: EvidenceNumber, text: &str, ksbs: &[&str]) -> Evidence {
    Evidence {
        number,
        text: text.into(),
        link: Some(EvidenceLink::parse(&format!("T{}", 100 + number)).unwrap()),
        ksbs: ksbs.iter().map(|k| id(k)).collect(),
        added: day(6),
        added_by: "Tester".into(),
        verdict: None,
    }
}

fn checked(by: &str) -> Option<Verdict> {
    Some(Verdict {
        state: VerdictState::Checked,
        by: by.into(),
        date: day(7),
        comment: None,
    })
}

fn with_evidence(sheet: &Sheet, items: Vec<Evidence>) -> Sheet {
    let mut sheet = sheet.clone();
    sheet.set_evidence(items).unwrap();
    sheet
}

#[test]
fn a_mentors_verdict_on_the_wiki_and_a_new_local_item_both_come_through() {
    let (standard, base) = base();
    let base = with_evidence(
        &base,
        vec![
            item(1, "Ran the check", &["K3", "S2"]),
            item(2, "Wrote docs", &["K1"]),
        ],
    );
    // The mentee adds item 3; the mentor checks item 1 on the wiki.
    let mut local = base.clone();
    local
        .add_evidence(&standard, item(0, "Led the incident call", &["B1"]))
        .unwrap();
    let mut wiki = base.clone();
    wiki.set_verdict(1, checked("Mentor A")).unwrap();

    let merged = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap();
    let items = merged.sheet.evidence();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].verdict, checked("Mentor A"));
    assert_eq!(items[1].text, "Wrote docs");
    assert_eq!(items[2].text, "Led the incident call");
    assert_eq!(describe(&merged.from_local), "E3 added");
    assert_eq!(describe(&merged.from_wiki), "E1 checked");
    assert_eq!(merged.renumbered, []);
}

#[test]
fn a_verdict_on_content_the_other_side_replaced_is_a_conflict_until_chosen() {
    let (standard, base) = base();
    let base = with_evidence(
        &base,
        vec![
            item(1, "Ran the check", &["K3"]),
            item(2, "Wrote docs", &["K1"]),
        ],
    );
    // The mentee removes item 2 and adds another, which gets number 2 again; the mentor checks
    // the old item 2 on the wiki. The verdict judged "Wrote docs", not what replaced it.
    let mut local = base.clone();
    local.remove_evidence(2).unwrap();
    let again = local
        .add_evidence(&standard, item(0, "Led the incident call", &["B1"]))
        .unwrap();
    assert_eq!(again, 2);
    let mut wiki = base.clone();
    wiki.set_verdict(2, checked("Mentor A")).unwrap();

    let conflicts = merge(&standard, Some(&base), &local, &wiki, &Choices::default())
        .unwrap_err()
        .0;
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].item, Item::Verdict(2));

    // Keeping the sheet's item 2 keeps it without the verdict it never had.
    let keep = Choices {
        wiki: Vec::new(),
        local: vec![Pick::Evidence(2)],
    };
    let merged = merge(&standard, Some(&base), &local, &wiki, &keep).unwrap();
    let items = merged.sheet.evidence();
    assert_eq!(items[1].text, "Led the incident call");
    assert_eq!(items[1].verdict, None);
    // Taking the page's keeps the old item with its verdict.
    let take = Choices {
        wiki: vec![Pick::Evidence(2)],
        local: Vec::new(),
    };
    let merged = merge(&standard, Some(&base), &local, &wiki, &take).unwrap();
    let items = merged.sheet.evidence();
    assert_eq!(items[1].text, "Wrote docs");
    assert_eq!(items[1].verdict, checked("Mentor A"));
}

#[test]
fn removed_on_one_side_and_untouched_on_the_other_is_removed_and_changed_is_a_conflict() {
    let (standard, base) = base();
    let base = with_evidence(
        &base,
        vec![item(1, "One", &["K1"]), item(2, "Two", &["K2"])],
    );
    let mut local = base.clone();
    local.remove_evidence(1).unwrap();
    local.remove_evidence(2).unwrap();
    let mut wiki = base.clone();
    wiki.set_verdict(2, checked("Mentor A")).unwrap();

    let err = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap_err();
    assert_eq!(err.to_string(), "E2 (sheet no item, wiki \"Two\")");
    let take = |pick| Choices {
        wiki: vec![pick],
        local: Vec::new(),
    };
    let merged = merge(
        &standard,
        Some(&base),
        &local,
        &wiki,
        &take(Pick::Evidence(2)),
    )
    .unwrap();
    assert_eq!(merged.sheet.evidence().len(), 1);
    assert_eq!(merged.sheet.evidence()[0].verdict, checked("Mentor A"));
    assert_eq!(describe(&merged.from_local), "E1 removed");
    assert_eq!(describe(&merged.from_wiki), "E2 added");
    let keep = Choices {
        wiki: Vec::new(),
        local: vec![Pick::Evidence(2)],
    };
    let merged = merge(&standard, Some(&base), &local, &wiki, &keep).unwrap();
    assert_eq!(merged.sheet.evidence(), []);
    assert_eq!(describe(&merged.from_local), "E1 removed, E2 removed");
}

#[test]
fn both_sides_adding_the_same_number_keep_both_the_local_one_renumbered() {
    let (standard, base) = base();
    let base = with_evidence(&base, vec![item(1, "One", &["K1"])]);
    let local = with_evidence(
        &base,
        vec![
            item(1, "One", &["K1"]),
            item(2, "Mine", &["K2"]),
            item(3, "Also mine", &["S1"]),
        ],
    );
    let wiki = with_evidence(
        &base,
        vec![item(1, "One", &["K1"]), item(2, "Theirs", &["K3"])],
    );

    let merged = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap();
    let texts: Vec<(u32, &str)> = merged
        .sheet
        .evidence()
        .iter()
        .map(|i| (i.number, i.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [(1, "One"), (2, "Theirs"), (3, "Also mine"), (4, "Mine")]
    );
    assert_eq!(merged.renumbered, [(2, 4)]);
    assert_eq!(
        merged.renumbered_line().unwrap(),
        "The sheet and the page both added evidence under the same number: the sheet's E2 is now E4"
    );
    assert_eq!(describe(&merged.from_local), "E3 added, E4 added");
    assert_eq!(describe(&merged.from_wiki), "E2 added");
    // The same item added on both sides is one item.
    let same = with_evidence(
        &base,
        vec![item(1, "One", &["K1"]), item(2, "Theirs", &["K3"])],
    );
    let merged = merge(&standard, Some(&base), &same, &wiki, &Choices::default()).unwrap();
    assert_eq!(merged.sheet.evidence().len(), 2);
    assert_eq!(merged.renumbered, []);
}

#[test]
fn both_sides_adding_the_largest_number_is_a_conflict_rather_than_a_renumbering() {
    let (standard, base) = base();
    let top = EvidenceNumber::MAX;
    let at_top = |text: &str, ksb: &str| Evidence {
        number: top,
        ..item(2, text, &[ksb])
    };
    let base = with_evidence(&base, vec![item(1, "One", &["K1"])]);
    let local = with_evidence(&base, vec![item(1, "One", &["K1"]), at_top("Mine", "K2")]);
    let wiki = with_evidence(&base, vec![item(1, "One", &["K1"]), at_top("Theirs", "K3")]);
    let err = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("E{top} (sheet \"Mine\", wiki \"Theirs\")")
    );
    let merged = merge(
        &standard,
        Some(&base),
        &local,
        &wiki,
        &Choices::wiki_everywhere(),
    )
    .unwrap();
    assert_eq!(merged.renumbered, []);
    assert_eq!(merged.sheet.evidence_item(top).unwrap().text, "Theirs");
}

#[test]
fn an_item_edited_differently_on_both_sides_is_a_conflict_settled_by_naming_it() {
    let (standard, base) = base();
    let base = with_evidence(&base, vec![item(1, "One", &["K1"])]);
    let local = with_evidence(&base, vec![item(1, "One, by me", &["K1"])]);
    let wiki = with_evidence(&base, vec![item(1, "One, by them", &["K1"])]);
    let err = merge(&standard, Some(&base), &local, &wiki, &Choices::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "E1 (sheet \"One, by me\", wiki \"One, by them\")"
    );
    assert_eq!(err.0[0].item.choice_name(), "E1");
    let choices = Choices {
        wiki: vec![Pick::parse("e1", &standard).unwrap()],
        local: Vec::new(),
    };
    let merged = merge(&standard, Some(&base), &local, &wiki, &choices).unwrap();
    assert_eq!(merged.sheet.evidence()[0].text, "One, by them");
    assert_eq!(Pick::parse("E12", &standard), Ok(Pick::Evidence(12)));
    assert!(Pick::parse("E", &standard).is_err());
}

#[test]
fn without_a_base_evidence_on_one_side_only_is_a_conflict_until_chosen() {
    let (standard, base) = base();
    let wiki = with_evidence(&base, vec![item(1, "One", &["K1"])]);
    let err = merge(&standard, None, &base, &wiki, &Choices::default()).unwrap_err();
    assert_eq!(err.to_string(), "E1 (sheet no item, wiki \"One\")");
    let merged = merge(&standard, None, &base, &wiki, &Choices::wiki_everywhere()).unwrap();
    assert_eq!(merged.sheet, wiki);
    let merged = merge(&standard, None, &base, &wiki, &Choices::local_everywhere()).unwrap();
    assert_eq!(merged.sheet, base);
}

/// A sheet with scores and notes drawn for the first `n` KSBs.
fn arbitrary_sheet() -> impl Strategy<Value = Sheet> {
    let standard = Standard::builtin();
    let count = standard.ksbs.len();
    (
        prop::collection::vec(prop::option::of(0u8..5), count),
        prop::collection::vec(prop::option::of("[a-c]{1,3}"), count),
        0u8..3,
        prop::collection::vec(prop::option::of((0u8..2, 0u8..2, 0u8..2, 0u8..3)), 4),
    )
        .prop_map(move |(scores, notes, focus, evidence)| {
            let standard = Standard::builtin();
            let mut sheet = test_support::sheet(&standard, "Generalist", &[]);
            sheet.participant.role_focus = standard.role_focuses[focus as usize].clone();
            for ((ksb, score), note) in standard.ksbs.iter().zip(scores).zip(notes) {
                let score = score.and_then(|p| match p {
                    4 => Some(Score::NotApplicable),
                    p => Score::from_points(i64::from(p)),
                });
                sheet.set_score(ksb.id.clone(), score);
                if let Some(note) = note {
                    sheet.set_note(ksb.id.clone(), &note);
                }
            }
            // Items 1–4, each present or not, from a few contents and verdicts so that the
            // sides often agree.
            let items = evidence.into_iter().enumerate().filter_map(|(i, drawn)| {
                let (text, link, ksb, verdict) = drawn?;
                let mut one = item(
                    i as u32 + 1,
                    ["a", "b"][text as usize],
                    &[["K1", "S2"][ksb as usize]],
                );
                if link == 1 {
                    one.link = None;
                }
                one.verdict = match verdict {
                    0 => None,
                    1 => checked("M"),
                    _ => checked("N"),
                };
                Some(one)
            });
            sheet.set_evidence(items.collect()).unwrap();
            sheet
        })
}

/// `sheet` with its evidence renumbered as a merge renumbered it.
fn renumbered(sheet: &Sheet, moves: &[(EvidenceNumber, EvidenceNumber)]) -> Sheet {
    let items = sheet
        .evidence()
        .iter()
        .map(|item| {
            let mut item = item.clone();
            if let Some((_, now)) = moves.iter().find(|(was, _)| *was == item.number) {
                item.number = *now;
            }
            item
        })
        .collect();
    with_evidence(sheet, items)
}

proptest! {
    #[test]
    fn merging_takes_each_side_where_only_that_side_changed(
        base in arbitrary_sheet(),
        ours in arbitrary_sheet(),
        theirs in arbitrary_sheet(),
    ) {
        let standard = Standard::builtin();
        let none = Choices::default();
        // One side unchanged: the merge is the other side.
        prop_assert_eq!(&merge(&standard, Some(&base), &ours, &base, &none).unwrap().sheet, &ours);
        prop_assert_eq!(&merge(&standard, Some(&base), &base, &theirs, &none).unwrap().sheet, &theirs);
        // Both changed: every item only one side changed has that side's value (evidence the
        // sides both added under one number compared where the merge renumbered it); the merge
        // fails only over items both changed differently, and over a verdict one side gave
        // on an item whose content the other side changed.
        match merge(&standard, Some(&base), &ours, &theirs, &none) {
            Ok(merged) => {
                let ours = renumbered(&ours, &merged.renumbered);
                for item in Item::of(&standard, &[&base, &ours, &theirs, &merged.sheet]) {
                    let (b, o, t) = (item.value(&base), item.value(&ours), item.value(&theirs));
                    let m = item.value(&merged.sheet);
                    if o == b { prop_assert_eq!(&m, &t); }
                    if t == b { prop_assert_eq!(&m, &o); }
                    if o == t { prop_assert_eq!(&m, &o); }
                }
            }
            Err(Conflicts(conflicts)) => {
                prop_assert!(!conflicts.is_empty());
                for c in conflicts {
                    if let Item::Verdict(n) = c.item {
                        let content = Item::Evidence(n);
                        let changed = |item: &Item, sheet: &Sheet| item.value(sheet) != item.value(&base);
                        let (verdict_local, verdict_wiki) = (changed(&c.item, &ours), changed(&c.item, &theirs));
                        let (content_local, content_wiki) = (changed(&content, &ours), changed(&content, &theirs));
                        if (verdict_local && !verdict_wiki && content_wiki && !content_local)
                            || (verdict_wiki && !verdict_local && content_local && !content_wiki)
                        {
                            continue;
                        }
                    }
                    // A conflict over an item's removal compares the whole item.
                    let b = match (&c.item, &c.local, &c.wiki) {
                        (Item::Evidence(n), None, _) | (Item::Evidence(n), _, None) => {
                            evidence::whole(base.evidence_item(*n))
                        }
                        (item, _, _) => item.value(&base),
                    };
                    prop_assert!(c.local != b && c.wiki != b && c.local != c.wiki);
                }
            }
        }
    }
}

#[test]
fn copying_an_evidence_item_keeps_the_verdicts_apart() {
    let (_, base) = base();
    let mut to = with_evidence(
        &base,
        vec![
            Evidence {
                verdict: checked("Mentor A"),
                ..item(1, "old", &["K1"])
            },
            item(2, "gone", &["K2"]),
        ],
    );
    let from = with_evidence(
        &base,
        vec![
            Evidence {
                verdict: checked("Mentor B"),
                ..item(1, "new", &["K1", "S1"])
            },
            item(3, "added", &["K3"]),
        ],
    );
    for number in [1, 2, 3] {
        Item::Evidence(number).copy(&mut to, &from);
    }
    let texts: Vec<(EvidenceNumber, &str)> = to
        .evidence()
        .iter()
        .map(|e| (e.number, e.text.as_str()))
        .collect();
    assert_eq!(texts, [(1, "new"), (3, "added")]);
    assert_eq!(
        to.evidence()[0].verdict.as_ref().unwrap().by,
        "Mentor A",
        "content only"
    );
    Item::Verdict(1).copy(&mut to, &from);
    assert_eq!(to.evidence()[0].verdict.as_ref().unwrap().by, "Mentor B");
    Item::Verdict(2).copy(&mut to, &from);
    assert_eq!(
        to.evidence().len(),
        2,
        "a verdict goes only where its item is"
    );
}
