//! A sheet scored against version 1.0 of the standard, read with version 1.1 (K11 removed, K12
//! added): summaries leave K11 out, a warning names both, and saving never drops K11's score.

use std::fs;

use crate::common::{fixture, Workspace};
use serde_json::Value;

fn setup() -> (Workspace, String) {
    let ws = Workspace::new();
    ws.write(
        "x.toml",
        &fs::read_to_string(fixture("sheet-v1.0.toml")).unwrap(),
    );
    let standard = fixture("standard-v1.1.yaml");
    (ws, standard.to_str().unwrap().to_string())
}

const WARNINGS: [&str; 2] = [
    "ksb: warning: reading sheet 'x.toml': it was scored against version 1.0 of standard \
     'miraheze-tech-mentoring', and version 1.1 no longer has K11: their scores and notes are kept \
     in the file but left out of summaries",
    "ksb: warning: reading sheet 'x.toml': version 1.1 of standard 'miraheze-tech-mentoring' added \
     K12 since version 1.0 the sheet was scored against: unscored so far",
];

fn stderr_lines(output: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn summary_leaves_the_removed_ksb_out_and_warns_about_both_changes() {
    let (ws, standard) = setup();
    let output = ws
        .ksb(&[
            "--standard",
            &standard,
            "summary",
            "x.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(stderr_lines(&output), WARNINGS);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    // K1 = 2 and S2 = 1 count; K11 = 3 is kept in the file but not counted.
    assert_eq!(json["overall"]["ksbs"], 28);
    assert_eq!(json["overall"]["scored"], 2);
    assert_eq!(json["overall"]["mean"], 1.5);
    assert_eq!(json["overall"]["counts"]["3"], 0);
    // The sheet is only read: the file is as it was.
    assert_eq!(
        ws.read("x.toml"),
        fs::read_to_string(fixture("sheet-v1.0.toml")).unwrap()
    );
}

#[test]
fn score_keeps_the_removed_ksbs_score_and_note_and_records_the_new_version() {
    let (ws, standard) = setup();
    let output = ws
        .ksb(&["--standard", &standard, "score", "x.toml", "K12=2"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stderr_lines(&output), WARNINGS);
    let saved = ws.read("x.toml");
    assert!(saved.contains("standard_version = \"1.1\""), "{saved}");
    assert!(saved.contains("[retired_scores]\nK11 = 3\n"), "{saved}");
    assert!(
        saved.contains("[retired_notes]\nK11 = \"Reported the supplier outage\"\n"),
        "{saved}"
    );
    assert!(saved.contains("K12 = 2"), "{saved}");

    // Read again with 1.1: nothing to warn about, K11 still left out.
    let output = ws
        .ksb(&[
            "--standard",
            &standard,
            "summary",
            "x.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "{output:?}"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["overall"]["scored"], 3);

    // Read with the built-in 1.0 again: K11's kept score counts once more.
    let output = ws
        .ksb(&["summary", "x.toml", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("has K11 again"));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["overall"]["counts"]["3"], 1);
}

#[test]
fn an_unknown_id_with_the_same_version_is_still_a_typo() {
    let ws = Workspace::new();
    let text = fs::read_to_string(fixture("sheet-v1.0.toml"))
        .unwrap()
        .replace("K11 = 3", "K111 = 3");
    ws.write("x.toml", &text);
    let err = ws.fails(1, &["summary", "x.toml"]);
    assert!(
        err.contains("unknown KSB id 'K111' in standard 'miraheze-tech-mentoring'"),
        "{err}"
    );
}

#[test]
fn a_cohort_prints_every_sheets_warnings_in_the_order_the_sheets_were_read() {
    let (ws, standard) = setup();
    let old = fs::read_to_string(fixture("sheet-v1.0.toml")).unwrap();
    let names: Vec<String> = (0..40).map(|n| format!("cohort/s{n:02}.toml")).collect();
    fs::create_dir(ws.file("cohort")).unwrap();
    for name in &names {
        ws.write(name, &old);
    }
    let output = ws
        .ksb(&[
            "--standard",
            &standard,
            "summary",
            "cohort",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let lines = stderr_lines(&output);
    let expected: Vec<String> = names
        .iter()
        .flat_map(|name| WARNINGS.map(|w| w.replace("'x.toml'", &format!("'{name}'"))))
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn a_heatmap_of_two_participants_says_each_sheets_warnings_once() {
    let (ws, standard) = setup();
    let other = ws
        .read("x.toml")
        .replacen("username = ", "username = \"Other\"\n#", 1);
    ws.write("y.toml", &other);
    let output = ws
        .ksb(&[
            "--standard",
            &standard,
            "chart",
            "x.toml",
            "y.toml",
            "-o",
            "h.svg",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let lines = stderr_lines(&output);
    let expected: Vec<String> = ["x.toml", "y.toml"]
        .iter()
        .flat_map(|name| WARNINGS.map(|w| w.replace("'x.toml'", &format!("'{name}'"))))
        .collect();
    assert_eq!(lines, expected);
}
