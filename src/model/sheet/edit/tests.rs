//! Unit tests of `edit`.

use super::*;

/// A sheet as a person keeps it by hand: comments everywhere, keys out of order, `"N/A"`,
/// a lower-case id, a role focus in lower case and a DD/MM/YYYY date.
const HAND_WRITTEN: &str = r#"# Alice's self-assessment, started at the kick-off call.
format = 1
standard = "miraheze-tech-mentoring" # the built-in one
standard_version = "1.0"

[participant]
username = "Alice"
role_focus = "infrastructure specialist"
mentoring_type = "Mentee"
assessment_type = "Self-assessment"
date = "25/11/2026"   # the day of the call

[scores]
# Knowledge
K4 = 0 # not sure
k1 = 2

K2 = "N/A"     # not my area
# Skills come later.

[notes]
K4 = "Ask about puppet"
"#;

fn standard() -> Standard {
    Standard::builtin()
}

fn id(text: &str) -> KsbId {
    text.parse().unwrap()
}

/// The sheet written over `original` by editing it (not by falling back to ksb's layout),
/// checked to read back as the sheet.
fn over(sheet: &Sheet, standard: &Standard, original: &str) -> String {
    let text = edited(sheet, standard, original).expect("an editable document");
    assert_eq!(
        Sheet::from_toml(&text, standard).as_ref(),
        Ok(sheet),
        "{text}"
    );
    assert_eq!(sheet.to_toml_over(standard, original), text);
    text
}

fn hand_written() -> Sheet {
    Sheet::from_toml(HAND_WRITTEN, &standard()).unwrap()
}

/// The lines of `after` that are not lines of `before`, and those of `before` that went.
fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let lines = |text: &str| text.lines().map(str::to_string).collect::<Vec<_>>();
    let (old, new) = (lines(before), lines(after));
    let added = new.iter().filter(|l| !old.contains(l)).cloned().collect();
    let gone = old.iter().filter(|l| !new.contains(l)).cloned().collect();
    (added, gone)
}

#[test]
fn an_unchanged_sheet_is_written_back_byte_for_byte() {
    let sheet = hand_written();
    assert_eq!(over(&sheet, &standard(), HAND_WRITTEN), HAND_WRITTEN);
}

#[test]
fn a_changed_score_changes_its_value_only_and_keeps_its_comment() {
    let mut sheet = hand_written();
    sheet.set_score(id("K4"), Some(Score::One));
    let text = over(&sheet, &standard(), HAND_WRITTEN);
    assert_eq!(
        diff(HAND_WRITTEN, &text),
        (
            vec!["K4 = 1 # not sure".into()],
            vec!["K4 = 0 # not sure".into()]
        )
    );
}

#[test]
fn new_scores_go_in_the_standards_order_among_the_old_ones() {
    let mut sheet = hand_written();
    sheet.set_score(id("K3"), Some(Score::Three));
    sheet.set_score(id("B8"), Some(Score::Two));
    sheet.set_note(id("K1"), "Ran the rebalance");
    let standard = standard();
    let text = over(&sheet, &standard, HAND_WRITTEN);
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
    let scores = &text[text.find("[scores]").unwrap()..text.find("[notes]").unwrap()];
    assert_eq!(
        scores,
        "[scores]\n# Knowledge\nK4 = 0 # not sure\nk1 = 2\n\nK2 = \"N/A\"     # not my area\n\
             K3 = 3\nB8 = 2\n# Skills come later.\n\n",
        "K4 and k1 keep their order; K3 follows K2, the last KSB before it"
    );
    assert!(
        text.ends_with("[notes]\nK1 = \"Ran the rebalance\"\nK4 = \"Ask about puppet\"\n"),
        "{text}"
    );
}

#[test]
fn header_values_read_the_same_are_left_as_written_and_a_new_date_keeps_its_form() {
    let mut sheet = hand_written();
    sheet.participant.date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    sheet.participant.mentoring_type = "Peer Support".into();
    let text = over(&sheet, &standard(), HAND_WRITTEN);
    let (mut added, mut gone) = diff(HAND_WRITTEN, &text);
    added.sort();
    gone.sort();
    assert_eq!(
        added,
        vec![
            "date = \"01/12/2026\"   # the day of the call".to_string(),
            "mentoring_type = \"Peer Support\"".to_string()
        ]
    );
    assert_eq!(gone.len(), 2, "{gone:?}");
}

#[test]
fn locking_adds_one_line_after_the_version_and_unlocking_removes_it() {
    let standard = standard();
    let mut sheet = hand_written();
    sheet.locked = true;
    let locked = over(&sheet, &standard, HAND_WRITTEN);
    assert!(locked.contains("standard_version = \"1.0\"\nlocked = true\n\n[participant]"));
    assert_eq!(
        diff(HAND_WRITTEN, &locked),
        (vec!["locked = true".into()], vec![])
    );
    sheet.locked = false;
    assert_eq!(over(&sheet, &standard, &locked), HAND_WRITTEN);
}

#[test]
fn removing_the_last_note_removes_its_table_and_a_first_note_adds_one() {
    let standard = standard();
    let mut sheet = hand_written();
    sheet.set_note(id("K4"), "");
    let text = over(&sheet, &standard, HAND_WRITTEN);
    assert!(!text.contains("[notes]"), "{text}");
    sheet.set_note(id("S1"), "Wrote the runbook");
    let again = over(&sheet, &standard, &text);
    assert!(
        again.ends_with("\n\n[notes]\nS1 = \"Wrote the runbook\"\n"),
        "{again}"
    );
}

#[test]
fn inline_tables_are_edited_in_place() {
    let standard = standard();
    let original = HAND_WRITTEN.split("[scores]").next().unwrap().replace(
        "[participant]",
        "scores = { K1 = 2, S1 = 1 }\n[participant]",
    );
    let mut sheet = Sheet::from_toml(&original, &standard).unwrap();
    sheet.set_score(id("K2"), Some(Score::Zero));
    let text = over(&sheet, &standard, &original);
    assert!(
        text.contains("scores = { K1 = 2, K2 = 0, S1 = 1 }"),
        "{text}"
    );
    assert_eq!(Sheet::from_toml(&text, &standard).unwrap(), sheet);
}

#[test]
fn a_sheet_of_an_older_version_records_the_new_one_and_its_retired_entries() {
    let yaml = include_str!("../../../../tests/fixtures/standard-v1.1.yaml");
    let newer = Standard::from_yaml(yaml).unwrap();
    let original = format!("{HAND_WRITTEN}K11 = \"Reported the outage\"\n")
        .replace("[scores]\n", "[scores]\nK11 = 3 # gone in 1.1\n");
    let sheet = Sheet::from_toml(&original, &newer).unwrap();
    assert!(!sheet.retired_scores().is_empty());
    let text = over(&sheet, &newer, &original);
    assert_eq!(Sheet::from_toml(&text, &newer).unwrap(), sheet);
    assert!(text.contains("standard_version = \"1.1\"\n"), "{text}");
    assert!(text.contains(&format!("\n{RETIRED_COMMENT}[retired_scores]\nK11 = 3\n")));
    assert!(text.contains("# Knowledge\nK4 = 0 # not sure\n"), "{text}");
}

#[test]
fn text_that_cannot_be_edited_into_the_sheet_gives_ksbs_own_layout() {
    let standard = standard();
    let sheet = hand_written();
    assert_eq!(
        sheet.to_toml_over(&standard, "not [ toml"),
        sheet.to_toml(&standard)
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any change of scores, notes and the lock, applied twice in a row, is made by editing
    /// the text (never by falling back to ksb's layout) and reads back exactly.
    #[test]
    fn any_change_is_an_edit_that_reads_back(
        changes in proptest::collection::vec(
            (0..28usize, proptest::option::of(0..5i64), "[ a-z\"#\\\n]{0,12}"),
            0..24,
        ),
        locked: bool,
    ) {
        let standard = standard();
        let mut sheet = hand_written();
        let mut text = HAND_WRITTEN.to_string();
        for half in changes.chunks(12) {
            for (index, points, note) in half {
                let id = standard.ksbs[*index].id.clone();
                let score = points.map(|p| Score::from_points(p).unwrap_or(Score::NotApplicable));
                sheet.set_score(id.clone(), score);
                sheet.set_note(id, note);
            }
            sheet.locked = locked;
            text = over(&sheet, &standard, &text);
        }
    }
}
