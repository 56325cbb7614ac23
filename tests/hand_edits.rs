//! A sheet kept by hand: `ksb score` and `ksb lock` edit it in place, so its comments and
//! layout survive and a diff shows only the values that changed; a KSB given twice is refused.

use crate::common::{fixture, Workspace};

/// The hand-written sheet, copied into the workspace as `me.toml`.
fn hand_written(ws: &Workspace) -> String {
    let text = std::fs::read_to_string(fixture("commented.toml")).unwrap();
    ws.write("me.toml", &text);
    text
}

/// The lines of `after` not in `before`, then those of `before` not in `after`.
fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let new: Vec<&str> = after.lines().collect();
    let old: Vec<&str> = before.lines().collect();
    (
        new.iter()
            .filter(|l| !old.contains(l))
            .map(|l| l.to_string())
            .collect(),
        old.iter()
            .filter(|l| !new.contains(l))
            .map(|l| l.to_string())
            .collect(),
    )
}

#[test]
fn score_changes_only_the_values_it_sets_and_keeps_every_comment() {
    let ws = Workspace::new();
    let before = hand_written(&ws);
    ws.ok(&[
        "score",
        "me.toml",
        "K4=1",
        "K3=3",
        "--note",
        "S1=Paired on a deploy",
    ]);
    let after = ws.read("me.toml");
    assert_eq!(
        diff(&before, &after),
        (
            vec![
                "K3 = 3".to_string(),
                "K4 = 1 # not sure".to_string(),
                "S1 = \"Paired on a deploy\"".to_string()
            ],
            vec!["K4 = 0 # not sure".to_string()]
        ),
        "{after}"
    );
    assert!(
        after.contains("K2 = \"n/a\"    # not my area yet\nK3 = 3\nK4 = 1 # not sure\n"),
        "K3 goes between K2 and K4, in the standard's order: {after}"
    );
    // Setting what is already there leaves the file byte for byte as it was.
    ws.ok(&["score", "me.toml", "K4=1", "k2=N/A"]);
    assert_eq!(ws.read("me.toml"), after);
}

#[test]
fn lock_adds_one_line_and_undo_takes_exactly_that_line_away() {
    let ws = Workspace::new();
    let before = hand_written(&ws);
    ws.ok(&["lock", "me.toml"]);
    let locked = ws.read("me.toml");
    assert_eq!(
        diff(&before, &locked),
        (vec!["locked = true".into()], vec![])
    );
    assert!(locked.contains("standard_version = \"1.0\"\nlocked = true\n"));
    ws.ok(&["lock", "--undo", "me.toml"]);
    assert_eq!(ws.read("me.toml"), before);
}

#[test]
fn a_ksb_given_twice_is_refused_in_one_line_and_the_sheet_left_alone() {
    let ws = Workspace::new();
    let before = hand_written(&ws);
    let err = ws.fails(1, &["score", "me.toml", "K1=3", "k1=1"]);
    assert_eq!(
        err,
        "ksb: error: K1 is given twice ('K1=3' and 'k1=1'): give each KSB one score\n"
    );
    let err = ws.fails(
        1,
        &["score", "me.toml", "--note", "S1=one", "--note", "S1=two"],
    );
    assert_eq!(
        err,
        "ksb: error: S1 is given twice ('S1=one' and 'S1=two'): give each KSB one --note\n"
    );
    assert_eq!(ws.read("me.toml"), before);
}

#[test]
fn a_new_sheet_is_written_in_ksbs_layout() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "new.toml",
        "--username",
        "Bo",
        "--role-focus",
        "Generalist",
        "--date",
        "01/12/2026",
        "S1=2",
    ]);
    assert_eq!(
        ws.read("new.toml"),
        "format = 1\nstandard = \"miraheze-tech-mentoring\"\nstandard_version = \"1.0\"\n\n\
         [participant]\nusername = \"Bo\"\nrole_focus = \"Generalist\"\nmentoring_type = \"Mentee\"\n\
         assessment_type = \"Self-assessment\"\ndate = 2026-12-01\n\n[scores]\nS1 = 2\n"
    );
}
