use proptest::prelude::*;

use super::*;
use crate::model::score::Score;
use crate::test_support;

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

/// A sheet with scores and notes drawn for the first `n` KSBs.
fn arbitrary_sheet() -> impl Strategy<Value = Sheet> {
    let standard = Standard::builtin();
    let count = standard.ksbs.len();
    (
        prop::collection::vec(prop::option::of(0u8..5), count),
        prop::collection::vec(prop::option::of("[a-c]{1,3}"), count),
        0u8..3,
    )
        .prop_map(move |(scores, notes, focus)| {
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
            sheet
        })
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
        // Both changed: every item only one side changed has that side's value; the merge
        // fails only over items both changed differently.
        match merge(&standard, Some(&base), &ours, &theirs, &none) {
            Ok(merged) => {
                for item in Item::all(&standard) {
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
                    let b = c.item.value(&base);
                    prop_assert!(c.local != b && c.wiki != b && c.local != c.wiki);
                }
            }
        }
    }
}
