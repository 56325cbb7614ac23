//! The publish policy on hand-built pages: no server.

use super::*;
use crate::model::score::Score;
use crate::test_support;

fn example() -> (Standard, Sheet) {
    let standard = Standard::builtin();
    let sheet = test_support::sheet(&standard, "Generalist", &[("K1", Score::Two)]);
    (standard, sheet)
}

fn revision(id: u64, text: String) -> Revision {
    Revision {
        id,
        user: "Someone".to_string(),
        timestamp: "2026-12-01T10:00:00Z".to_string(),
        text,
    }
}

fn page<'a>(title: &'a str, latest: Option<&'a Revision>) -> Page<'a> {
    Page {
        title,
        latest,
        template: None,
    }
}

fn no_base(_: u64) -> Result<Option<Sheet>, WikiError> {
    panic!("no base was needed")
}

/// [`plan`] of `sheet` over the page `title` at `latest`, with no choices and no base to read.
fn plan_of(
    standard: &Standard,
    sheet: &Sheet,
    title: &str,
    latest: Option<&Revision>,
    force: bool,
) -> Result<Plan, Refusal> {
    plan(
        standard,
        sheet,
        page(title, latest),
        force,
        &Choices::default(),
        no_base,
    )
}

#[test]
fn a_missing_page_is_created_with_the_sheet_alone() {
    let (standard, sheet) = example();
    let plan = plan_of(&standard, &sheet, "P", None, false).unwrap();
    assert_eq!(plan.create, Create::Only);
    assert_eq!(
        plan.text.as_deref(),
        Some(page::part_text(&standard, &sheet).as_str())
    );
    assert!(plan.on_page.is_none());
}

#[test]
fn a_page_deleted_since_the_sheet_was_in_step_is_refused_unless_forced() {
    let (standard, mut sheet) = example();
    sheet.wiki = Some(sync::record(&standard, "P", 7, &sheet));
    let refused = plan_of(&standard, &sheet, "P", None, false);
    assert!(matches!(refused, Err(Refusal::Deleted(7))));
    let forced = plan_of(&standard, &sheet, "P", None, true);
    assert_eq!(forced.unwrap().create, Create::Only);
}

#[test]
fn a_page_without_a_sheet_is_refused_unless_forced_and_then_keeps_its_text() {
    let (standard, sheet) = example();
    let rev = revision(3, "Just some words.\n".to_string());
    let refused = plan_of(&standard, &sheet, "P", Some(&rev), false);
    assert!(matches!(refused, Err(Refusal::NoSheet(r)) if r.id == 3));
    let forced = plan_of(&standard, &sheet, "P", Some(&rev), true);
    let text = forced.unwrap().text.unwrap();
    assert!(text.starts_with("Just some words."), "{text}");
}

#[test]
fn a_page_already_holding_the_sheet_needs_no_edit() {
    let (standard, sheet) = example();
    let rev = revision(4, page::part_text(&standard, &sheet));
    let plan = plan_of(&standard, &sheet, "P", Some(&rev), false).unwrap();
    assert_eq!(plan.text, None);
    assert_eq!(plan.on_page.as_ref(), Some(&sheet));
}

#[test]
fn someone_elses_user_page_is_refused() {
    let (standard, sheet) = example();
    let rev = revision(5, page::part_text(&standard, &sheet));
    let refused = plan_of(
        &standard,
        &sheet,
        "User:Somebody Else/Sheet",
        Some(&rev),
        false,
    );
    assert!(matches!(refused, Err(Refusal::NotOwner(_))), "{refused:?}");
}

#[test]
fn a_picture_is_added_once_and_the_page_is_left_alone_when_it_holds_it() {
    let (standard, sheet) = example();
    let picture = page::picture_part("[[File:KSB radar – X.svg|thumb|none|alt=a|b]]");
    let first = plan_of(&standard, &sheet, "P", None, false).unwrap();
    let first = with_picture(&standard, first, None, &picture, false).unwrap();
    let text = first.text.clone().unwrap();
    assert!(text.contains(&picture));
    let rev = revision(7, text);
    let again = plan_of(&standard, &sheet, "P", Some(&rev), false).unwrap();
    assert!(again.text.is_none());
    assert!(with_picture(&standard, again, Some(&rev), &picture, false)
        .unwrap()
        .text
        .is_none());
    let other = page::picture_part("[[File:KSB radar – X.svg|thumb|none|alt=a|c]]");
    let again = plan_of(&standard, &sheet, "P", Some(&rev), false).unwrap();
    let changed = with_picture(&standard, again, Some(&rev), &other, false)
        .unwrap()
        .text
        .unwrap();
    assert!(changed.contains(&other) && !changed.contains(&picture));
}

#[test]
fn a_chart_block_edited_on_the_wiki_is_refused_unless_forced_and_an_unstamped_one_is_ksbs() {
    let (standard, sheet) = example();
    let picture = page::picture_part("[[File:KSB radar – X.svg|thumb|none|alt=a|b]]");
    let part = page::part_with_picture(&standard, &sheet, Some(&picture));
    let edited = part.replace("|alt=a|b]]\n", "|alt=a|b]]\nMy note on the chart.\n");
    assert_ne!(edited, part);
    let rev = revision(8, format!("Intro\n\n{edited}\nAfter\n"));
    let plan_for = |sheet: &Sheet, force| plan_of(&standard, sheet, "P", Some(&rev), force);

    // With the chart: the same chart, or another, would rewrite the block.
    let same = plan_for(&sheet, false).unwrap();
    assert!(same.text.is_none());
    let refused = with_picture(&standard, same, Some(&rev), &picture, false).unwrap_err();
    assert!(
        matches!(&refused, Refusal::PictureEdited { user, revision: 8 } if user == "Someone"),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("last edited by Someone"));
    let forced = with_picture(
        &standard,
        plan_for(&sheet, true).unwrap(),
        Some(&rev),
        &picture,
        true,
    )
    .unwrap()
    .text
    .unwrap();
    assert_eq!(forced, format!("Intro\n\n{part}\nAfter\n"));

    // Without the chart: a changed sheet would drop the block.
    let mut changed = test_support::sheet(&standard, "Generalist", &[("K1", Score::Three)]);
    changed.wiki = Some(sync::record(&standard, "P", 8, &sheet));
    let refused = plan_for(&changed, false).unwrap_err();
    assert!(
        matches!(refused, Refusal::PictureEdited { .. }),
        "{refused:?}"
    );
    let dropped = plan_for(&changed, true).unwrap().text.unwrap();
    assert!(!dropped.contains("ksb:picture") && dropped.ends_with("\nAfter\n"));

    // A block as ksb wrote it before the line carried a digest is ksb's own.
    let old_line = "<!-- ksb:picture · the sheet's chart and its figures: `ksb wiki publish --chart` rewrites them -->";
    let unstamped = edited.replace(
        edited
            .lines()
            .find(|l| l.starts_with(page::PICTURE_BEGIN))
            .unwrap(),
        old_line,
    );
    let rev = revision(8, unstamped);
    let again = plan_of(&standard, &changed, "P", Some(&rev), false).unwrap();
    let rewritten = with_picture(&standard, again, Some(&rev), &picture, false)
        .unwrap()
        .text
        .unwrap();
    assert!(rewritten.contains(&picture) && !rewritten.contains("My note"));
}
