use super::*;
use crate::model::score::Score;
use crate::test_support;

fn example() -> (Standard, Sheet) {
    let standard = Standard::builtin();
    let mut sheet = test_support::sheet(
        &standard,
        "Generalist",
        &[("K1", Score::Two), ("K3", Score::One)],
    );
    sheet.set_note("K1".parse().unwrap(), "Wrote the FAQ");
    (standard, sheet)
}

const INTRO: &str = "Welcome, '''Tester'''! An introduction by the mentor.\n\n";
const AFTER: &str = "\n== Mentor comments ==\nGood start.\n\n[[Category:Tech Mentoring 2026]]\n";

#[test]
fn a_marked_part_is_found_between_its_markers_and_the_rest_is_kept_byte_for_byte() {
    let (standard, sheet) = example();
    let page = format!("{INTRO}{}{AFTER}", part_text(&standard, &sheet));
    let found = read(&page, &standard).unwrap();
    assert_eq!(found.sheet, sheet);
    assert!(found.part.marked && found.outside);
    assert_eq!(&page[..found.part.range.start], INTRO);
    assert_eq!(&page[found.part.range.end..], AFTER);

    let mut newer = sheet.clone();
    newer.set_score("K3".parse().unwrap(), Some(Score::Three));
    let new_page = replace_part(&page, Some(&found.part), &part_text(&standard, &newer));
    assert!(new_page.starts_with(INTRO) && new_page.ends_with(AFTER));
    assert_eq!(read(&new_page, &standard).unwrap().sheet, newer);
}

#[test]
fn an_unmarked_sheet_is_found_from_its_heading_to_the_end_of_its_table() {
    let (standard, sheet) = example();
    let exported = wikitext(&standard, &sheet);
    let page = format!("{INTRO}{}\n{AFTER}", exported.trim_end());
    let found = read(&page, &standard).unwrap();
    assert!(!found.part.marked && found.outside);
    assert_eq!(&page[..found.part.range.start], INTRO);
    assert_eq!(&page[found.part.range.end..], AFTER);
    let alone = read_page(exported.trim_end());
    assert!(!alone.outside);
    fn read_page(text: &str) -> PageSheet {
        super::read(text, &Standard::builtin()).unwrap()
    }
}

#[test]
fn a_heading_someone_else_wrote_above_the_sheet_is_not_ksbs() {
    let (standard, sheet) = example();
    let exported = wikitext(&standard, &sheet);
    let body = exported.split_once('\n').unwrap().1;
    let page = format!("== My self-assessment ==\n{body}");
    let found = read(&page, &standard).unwrap();
    assert_eq!(
        &page[..found.part.range.start],
        "== My self-assessment ==\n\n"
    );
}

#[test]
fn markers_that_do_not_pair_up_are_refused_naming_the_line() {
    let (standard, sheet) = example();
    let part = part_text(&standard, &sheet);
    let body = part.trim_end().strip_suffix(END).unwrap();
    for (page, line, problem) in [
        (format!("{body}\n"), 1, "without a ksb:end"),
        (
            format!("{part}{part}"),
            part.lines().count() + 1,
            "a second ksb:begin",
        ),
        (
            format!("{END}\n{part}"),
            part.lines().count() + 1,
            "a second ksb:end",
        ),
        (format!("x\n{END}\n{BEGIN}\n"), 3, "comes after"),
    ] {
        let err = read(&page, &standard).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("line {line}: ")) && text.contains(problem),
            "{text}"
        );
    }
}

#[test]
fn text_written_inside_the_markers_but_outside_the_sheet_is_refused() {
    let (standard, sheet) = example();
    let part = part_text(&standard, &sheet);
    let page = part.replace(END, &format!("A mentor's remark.\n{END}"));
    let err = read(&page, &standard).unwrap_err().to_string();
    assert!(err.contains("A mentor's remark."), "{err}");
    assert!(err.contains("move it outside"), "{err}");
}

#[test]
fn a_page_without_a_sheet_gets_the_part_after_its_text() {
    let (standard, sheet) = example();
    let part = part_text(&standard, &sheet);
    assert_eq!(replace_part("", None, &part), part);
    assert_eq!(
        replace_part("Intro\n\n\n", None, &part),
        format!("Intro\n\n{part}")
    );
}

/// The example sheet with two evidence items, one checked.
fn with_evidence() -> (Standard, Sheet) {
    use crate::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
    let (standard, mut sheet) = example();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let items = [
        ("Ran the check", "T12345"),
        ("Wrote the page", "[[Tech:Swift]]"),
    ];
    for (text, link) in items {
        let item = Evidence {
            number: 0,
            text: text.into(),
            link: Some(EvidenceLink::parse(link).unwrap()),
            ksbs: vec!["K3".parse().unwrap()],
            added: day,
            added_by: "Tester".into(),
            verdict: None,
        };
        sheet.add_evidence(&standard, item).unwrap();
    }
    let verdict = Verdict {
        state: VerdictState::Checked,
        by: "Mentor".into(),
        date: day,
        comment: None,
    };
    sheet.set_verdict(1, Some(verdict)).unwrap();
    (standard, sheet)
}

#[test]
fn the_part_of_a_sheet_with_evidence_ends_after_its_evidence_table() {
    let (standard, sheet) = with_evidence();
    let exported = wikitext(&standard, &sheet);
    assert!(exported.contains("\n=== Evidence ===\n"), "{exported}");
    for page in [
        format!("{INTRO}{}{AFTER}", part_text(&standard, &sheet)),
        format!("{INTRO}{}\n{AFTER}", exported.trim_end()),
    ] {
        let found = read(&page, &standard).unwrap();
        assert_eq!(found.sheet, sheet);
        assert_eq!(&page[..found.part.range.start], INTRO);
        assert_eq!(&page[found.part.range.end..], AFTER);
    }
}

#[test]
fn text_between_the_sheet_and_its_evidence_inside_the_markers_is_refused() {
    let (standard, sheet) = with_evidence();
    let page = part_text(&standard, &sheet).replace("=== Evidence ===", "Mentor: looks good");
    let err = read(&page, &standard).unwrap_err().to_string();
    assert!(
        err.contains("text between the sheet's table and the Evidence table"),
        "{err}"
    );
}

#[test]
fn a_chart_block_edited_inside_is_told_apart_and_the_sheet_is_still_read_around_it() {
    let (standard, sheet) = example();
    let picture = picture_part("[[File:KSB radar – X.svg|thumb|none|alt=a|b]]\n");
    assert!(picture.starts_with(PICTURE_BEGIN) && picture.ends_with(&format!("{PICTURE_END}\n")));
    let part = part_with_picture(&standard, &sheet, Some(&picture));
    let found = read(&format!("{INTRO}{part}{AFTER}"), &standard).unwrap();
    assert_eq!(found.picture.as_deref(), Some(picture.as_str()));
    assert!(!found.picture_edited());

    let edited = part.replace("|alt=a|b]]\n", "|alt=a|b]]\nA note of the mentor's.\n");
    let found = read(&format!("{INTRO}{edited}{AFTER}"), &standard).unwrap();
    assert_eq!(found.sheet, sheet);
    assert!(found.picture_edited());

    // As ksb wrote the block before its line carried a digest: ksb's own, edited or not.
    let digest_line = picture.lines().next().unwrap();
    let old = "<!-- ksb:picture · the sheet's chart and its figures: `ksb wiki publish --chart` rewrites them -->";
    let unstamped = edited.replace(digest_line, old);
    let found = read(&format!("{INTRO}{unstamped}{AFTER}"), &standard).unwrap();
    assert_eq!(found.sheet, sheet);
    assert!(found.picture.is_some() && !found.picture_edited());

    let no_chart = read(
        &format!("{INTRO}{}{AFTER}", part_text(&standard, &sheet)),
        &standard,
    );
    assert!(!no_chart.unwrap().picture_edited());
}
