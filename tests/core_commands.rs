//! The core commands run as a person runs them: `ksb standard`, `ksb score`, `ksb show` and
//! `ksb summary` on real files.

use std::fs;

use crate::common::{fixture, Workspace};
use serde_json::Value;

/// The 28 rows of the seed page's first table: (title, description, stack area, role focus).
fn seed_rows() -> Vec<[String; 4]> {
    let page = fs::read_to_string(fixture("mentoring-standard.txt")).unwrap();
    let first_table = page.split("Participant KSB Assessment").next().unwrap();
    let cells: Vec<&str> = first_table.split('|').map(str::trim).collect();
    let mut i = cells
        .iter()
        .position(|c| *c == "Open Source Ecosystem Awareness")
        .unwrap();
    let mut rows = Vec::new();
    while i + 3 < cells.len() && !cells[i].is_empty() {
        rows.push([0, 1, 2, 3].map(|k| cells[i + k].to_string()));
        i += 5;
    }
    rows
}

#[test]
fn the_built_in_standard_matches_the_seed_page() {
    let ws = Workspace::new();
    let json: Value = serde_json::from_str(&ws.ok(&["standard", "--format", "json"])).unwrap();
    let ksbs = json.as_array().unwrap();
    let seed = seed_rows();
    assert_eq!(seed.len(), 28);
    assert_eq!(ksbs.len(), 28);
    for (n, (ksb, row)) in ksbs.iter().zip(&seed).enumerate() {
        let (id, category) = match n {
            0..=10 => (format!("K{}", n + 1), "knowledge"),
            11..=19 => (format!("S{}", n - 10), "skill"),
            _ => (format!("B{}", n - 19), "behaviour"),
        };
        assert_eq!(ksb["id"], id.as_str());
        assert_eq!(ksb["category"], category, "{id}");
        assert_eq!(ksb["title"], row[0].as_str(), "{id}");
        assert_eq!(ksb["description"], row[1].as_str(), "{id}");
        assert_eq!(ksb["stack_area"], row[2].as_str(), "{id}");
        assert_eq!(ksb["role_focus"], row[3].as_str(), "{id}");
        assert!(!ksb["areas"].as_array().unwrap().is_empty(), "{id}");
    }
    let areas_of = |id: &str| ksbs.iter().find(|k| k["id"] == id).unwrap()["areas"].clone();
    assert_eq!(areas_of("K7"), serde_json::json!(["Infra"]));
    assert_eq!(
        areas_of("K10"),
        serde_json::json!(["MediaWiki", "Platform Security"])
    );
    assert_eq!(areas_of("S1"), serde_json::json!(["Community"]));
    assert_eq!(areas_of("B2"), serde_json::json!(["All Areas"]));
}

#[test]
fn the_standard_table_lists_every_ksb() {
    let out = Workspace::new().ok(&["standard"]);
    for id in ["K1", "K11", "S9", "B8"] {
        assert!(out.contains(&format!("| {id} ")), "{id} missing:\n{out}");
    }
    assert!(out.contains("Knowledge") && out.contains("Skills") && out.contains("Behaviours"));
}

#[test]
fn check_accepts_the_shipped_standard_and_another_programmes() {
    let ws = Workspace::new();
    let shipped = fixture("../../standards/miraheze-tech-mentoring.yaml");
    let out = ws.ok(&["standard", "--check", shipped.to_str().unwrap()]);
    assert!(
        out.ends_with("with 28 KSBs (11 knowledge, 9 skills, 8 behaviours)\n"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
    let other = fixture("other-standard.yaml");
    let out = ws.ok(&["standard", "--check", other.to_str().unwrap()]);
    assert!(
        out.contains("valid standard 'other-programme' version 0.1 with 2 KSBs"),
        "{out}"
    );
}

#[test]
fn check_names_the_file_line_column_and_ksb_of_a_bad_standard() {
    let ws = Workspace::new();
    let text = fs::read_to_string(fixture("other-standard.yaml")).unwrap();
    let bad = ws.write(
        "bad.yaml",
        &text.replace("role_focus: Generalist", "role_focus: Poet"),
    );
    let line = text
        .lines()
        .position(|l| l.contains("role_focus: Generalist"))
        .unwrap()
        + 1;
    let err = ws.fails(1, &["standard", "--check", bad.to_str().unwrap()]);
    assert_eq!(
        err.trim_end(),
        format!(
            "ksb: error: in standard '{}': line {line}, column 17: S1: role focus 'Poet' is not one of role_focuses (Generalist, Writer)",
            bad.display()
        )
    );
    for (from, to, expect) in [
        ("id: S1", "id: K1", "K1: duplicate KSB id"),
        (
            "category: skill",
            "category: wisdom",
            "S1: unknown category 'wisdom'",
        ),
        ("title: \"Reviewing\"", "title: \"\"", "S1: title is empty"),
        (
            "    areas: [Docs, Code]",
            "    areas: []",
            "S1: areas must name at least one area",
        ),
        ("ksbs:", "ksbs: [", "line "),
    ] {
        let bad = ws.write("bad.yaml", &text.replace(from, to));
        let err = ws.fails(1, &["standard", "--check", bad.to_str().unwrap()]);
        assert!(err.contains(expect), "{from} -> {to}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = ws.fails(1, &["standard", "--check", "missing.yaml"]);
    assert_eq!(
        err,
        "ksb: error: reading standard 'missing.yaml': no such file\n"
    );
}

#[test]
fn another_standard_is_used_without_a_rebuild() {
    let ws = Workspace::new();
    let other = fixture("other-standard.yaml");
    let other = other.to_str().unwrap();
    ws.ok(&[
        "--standard",
        other,
        "score",
        "w.toml",
        "--username",
        "Wri",
        "--role-focus",
        "writer",
        "K1=3",
        "s1=1",
    ]);
    let sheet = ws.read("w.toml");
    assert!(sheet.contains("standard = \"other-programme\""), "{sheet}");
    let json: Value = serde_json::from_str(&ws.ok(&[
        "--standard",
        other,
        "summary",
        "w.toml",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["overall"]["mean"], 2.0);
    let code = json["groups"]["area"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Code")
        .unwrap();
    assert_eq!(code["mean"], 1.0);
    let err = ws.fails(1, &["summary", "w.toml"]);
    assert!(err.contains("the sheet is for standard 'other-programme', but the standard in use is 'miraheze-tech-mentoring'"), "{err}");
}

/// Scores chosen so that every group's figures can be worked out by hand (see the test).
const SCORES: [&str; 9] = [
    "K1=3", "k2=1", "K3=n/a", "K4=2", "S2=0", "S6=3", "S7=N/A", "B2=2", "B8=na",
];

fn scored_sheet(ws: &Workspace) {
    let mut args = vec![
        "score",
        "me.toml",
        "--username",
        "ExampleUser",
        "--role-focus",
        "Infrastructure Specialist",
        "--date",
        "25/11/2026",
    ];
    args.extend(SCORES);
    args.extend(["--note", "K1=Ran the FOSS licence workshop"]);
    let out = ws.ok(&args);
    assert_eq!(out, "Created me.toml: 9 of 28 KSBs scored, 19 left\n");
}

#[test]
fn score_writes_a_private_readable_sheet() {
    let ws = Workspace::new();
    scored_sheet(&ws);
    let text = ws.read("me.toml");
    let expected_head = "format = 1\nstandard = \"miraheze-tech-mentoring\"\nstandard_version = \"1.0\"\n\n[participant]\nusername = \"ExampleUser\"\nrole_focus = \"Infrastructure Specialist\"\nmentoring_type = \"Mentee\"\nassessment_type = \"Self-assessment\"\ndate = 2026-11-25\n\n[scores]\nK1 = 3\nK2 = 1\nK3 = \"n/a\"\nK4 = 2\nS2 = 0\nS6 = 3\nS7 = \"n/a\"\nB2 = 2\nB8 = \"n/a\"\n\n[notes]\nK1 = \"Ran the FOSS licence workshop\"\n";
    assert_eq!(text, expected_head);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(ws.file("me.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = ws.ok(&[
        "score",
        "me.toml",
        "K1=1",
        "--assessment-type",
        "final check",
        "--date",
        "01/12/2026",
    ]);
    assert_eq!(out, "Updated me.toml: 9 of 28 KSBs scored, 19 left\n");
    let text = ws.read("me.toml");
    assert!(
        text.contains("K1 = 1\n")
            && text.contains("assessment_type = \"Final check\"")
            && text.contains("date = 2026-12-01"),
        "{text}"
    );
}

#[test]
fn assessment_type_flags_take_the_short_names_summary_type_takes() {
    let ws = Workspace::new();
    scored_sheet(&ws);
    for (short, full) in [
        ("final", "Final check"),
        ("MENTOR", "Mentor review"),
        ("self", "Self-assessment"),
    ] {
        ws.ok(&["score", "me.toml", "--assessment-type", short]);
        let text = ws.read("me.toml");
        assert!(
            text.contains(&format!("assessment_type = \"{full}\"")),
            "{short}: {text}"
        );
        let out = ws.ok(&["summary", "me.toml", "--type", short]);
        assert!(!out.is_empty());
    }
    let err = ws.fails(1, &["score", "me.toml", "--assessment-type", "exam"]);
    assert!(
        err.contains(
            "assessment type 'exam' is not one of: self, mentor, final, Self-assessment, Mentor review, Final check"
        ),
        "{err}"
    );
}

#[test]
fn the_example_sheet_of_the_format_loads() {
    let ws = Workspace::new();
    let out = ws.ok(&["show", fixture("example.toml").to_str().unwrap()]);
    assert!(
        out.starts_with("Username: ExampleUser\nPreferred Role Focus: Infrastructure Specialist\n"),
        "{out}"
    );
    assert!(out.contains("Date: 25/11/2026"), "{out}");
}

#[test]
fn summary_figures_match_the_hand_worked_values() {
    let ws = Workspace::new();
    scored_sheet(&ws);
    let json: Value =
        serde_json::from_str(&ws.ok(&["summary", "me.toml", "--format", "json"])).unwrap();
    assert_eq!(json["participant"]["username"], "ExampleUser");
    assert_eq!(json["participant"]["date"], "25/11/2026");
    let group = |kind: &str, name: &str| -> Value {
        json["groups"][kind]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == name)
            .unwrap()
            .clone()
    };
    // By role focus. Generalist: K1=3, K4=2, S7=n/a, B2=2, B8=n/a → scored 3, mean 7/3.
    let generalist = group("role_focus", "Generalist");
    assert_eq!(
        (
            generalist["ksbs"].as_u64(),
            generalist["scored"].as_u64(),
            generalist["na"].as_u64()
        ),
        (Some(14), Some(3), Some(2))
    );
    assert!((generalist["mean"].as_f64().unwrap() - 7.0 / 3.0).abs() < 1e-9);
    // MediaWiki Specialist: K2=1 → mean 1.
    assert_eq!(group("role_focus", "MediaWiki Specialist")["mean"], 1.0);
    // Infrastructure Specialist: K3=n/a, S2=0, S6=3 → mean 1.5, counts 0:1 3:1.
    let infra = group("role_focus", "Infrastructure Specialist");
    assert_eq!(infra["mean"], 1.5);
    assert_eq!(
        infra["counts"],
        serde_json::json!({"0": 1, "1": 0, "2": 0, "3": 1})
    );
    assert_eq!(
        (infra["ksbs"].as_u64(), infra["unscored"].as_u64()),
        (Some(7), Some(4))
    );
    // By area. Infra: K3=n/a, S2=0, S6=3 (S2 and S6 are "Infra & MediaWiki") → 1.5.
    // MediaWiki: K2=1, S2=0, S6=3 → 4/3. Platform Security: K4=2, S7=n/a → 2. Community: K1=3 → 3.
    // All Areas: B2=2 → 2.
    assert_eq!(group("area", "Infra")["mean"], 1.5);
    assert!((group("area", "MediaWiki")["mean"].as_f64().unwrap() - 4.0 / 3.0).abs() < 1e-9);
    assert_eq!(group("area", "Platform Security")["mean"], 2.0);
    assert_eq!(group("area", "Community")["mean"], 3.0);
    assert_eq!(group("area", "All Areas")["mean"], 2.0);
    // By category. Knowledge: K1=3, K2=1, K4=2 → 2. Skills: S2=0, S6=3 → 1.5. Behaviours: B2=2 → 2.
    assert_eq!(group("category", "Knowledge")["mean"], 2.0);
    assert_eq!(group("category", "Skills")["mean"], 1.5);
    assert_eq!(group("category", "Behaviours")["mean"], 2.0);
    // Overall: 3+1+2+0+3+2 = 11 over 6 scored, 3 N/A, 19 unscored.
    let overall = &json["overall"];
    assert_eq!(
        (
            overall["scored"].as_u64(),
            overall["na"].as_u64(),
            overall["unscored"].as_u64()
        ),
        (Some(6), Some(3), Some(19))
    );
    assert!((overall["mean"].as_f64().unwrap() - 11.0 / 6.0).abs() < 1e-9);
}

#[test]
fn a_group_with_nothing_scored_has_a_null_mean_and_a_blank_cell() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "empty.toml",
        "--username",
        "Nobody",
        "--role-focus",
        "Generalist",
    ]);
    let json: Value = serde_json::from_str(&ws.ok(&[
        "summary",
        "empty.toml",
        "--format",
        "json",
        "--by",
        "category",
    ]))
    .unwrap();
    assert!(json["groups"]["role_focus"].is_null());
    assert_eq!(json["groups"]["category"][0]["mean"], Value::Null);
    assert_eq!(json["overall"]["unscored"], 28);
    let table = ws.ok(&["summary", "empty.toml", "--by", "category"]);
    assert!(
        table.contains("| Knowledge  |   11 |      0 |   0 |       11 |      |"),
        "{table}"
    );
}

#[test]
fn show_and_summary_read_back_what_score_wrote() {
    let ws = Workspace::new();
    scored_sheet(&ws);
    let out = ws.ok(&["show", "me.toml"]);
    assert!(
        out.contains("| K1  | Open Source Ecosystem Awareness "),
        "{out}"
    );
    let k3 = out.lines().find(|l| l.contains("| K3 ")).unwrap();
    assert!(
        k3.contains("| Infra ") && k3.trim_end().ends_with("|  N/A  |"),
        "{k3}"
    );
    let k5 = out.lines().find(|l| l.contains("| K5 ")).unwrap();
    assert!(
        k5.trim_end().ends_with("|       |"),
        "unscored is blank: {k5}"
    );
    assert!(
        out.contains("By role focus")
            && out.contains("By stack area")
            && out.contains("By category")
    );
    assert!(out.contains("A KSB with two stack areas counts in both."));
    let summary = ws.ok(&["summary", "me.toml", "--by", "area"]);
    assert!(
        summary.contains(
            "| Infra             |    7 |      2 |   1 |        4 | 1.50 | 1 | 0 | 0 | 1 |"
        ),
        "{summary}"
    );
    assert!(!summary.contains("By role focus"));
    for out in [&out, &summary] {
        assert!(!out.contains('\u{1b}'), "no escape codes in a pipe");
        assert!(
            out.is_ascii() || !out.contains('─'),
            "no box drawing in a pipe"
        );
    }
}

/// Runs `ksb ARGS` that must fail with a one-line error containing `expect`, and checks the
/// sheet is byte-for-byte what it was.
fn refused(ws: &Workspace, args: &[&str], expect: &str) {
    let before = fs::read(ws.file("me.toml")).unwrap();
    let err = ws.fails(1, args);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("ksb: error: "), "{err}");
    assert!(
        err.contains(expect),
        "{args:?}: expected {expect:?} in {err}"
    );
    assert_eq!(
        fs::read(ws.file("me.toml")).unwrap(),
        before,
        "{args:?} changed the sheet"
    );
}

#[test]
fn bad_command_line_input_is_refused_and_the_sheet_untouched() {
    let ws = Workspace::new();
    scored_sheet(&ws);
    refused(
        &ws,
        &["score", "me.toml", "K99=1"],
        "unknown KSB id 'K99': standard 'miraheze-tech-mentoring' has K1–K11, S1–S9, B1–B8",
    );
    refused(
        &ws,
        &["score", "me.toml", "--note", "Z1=x"],
        "unknown KSB id 'Z1'",
    );
    for bad in ["4", "-1", "2.5", "high", ""] {
        let arg = format!("K2={bad}");
        refused(
            &ws,
            &["score", "me.toml", "K1=0", &arg],
            &format!("in '{arg}': invalid score '{bad}': expected 0–3 or n/a"),
        );
    }
    refused(&ws, &["score", "me.toml", "K2"], "'K2' is not ID=SCORE");
    for date in ["31/02/2026", "2026-02-31", "12/31/2026", "yesterday"] {
        refused(&ws, &["score", "me.toml", "--date", date], &format!("updating sheet 'me.toml': invalid date '{date}': expected a real date as DD/MM/YYYY or YYYY-MM-DD"));
    }
    refused(&ws, &["score", "me.toml", "--role-focus", "Wizard"], "role focus 'Wizard' is not one of: Generalist, MediaWiki Specialist, Infrastructure Specialist");
    refused(
        &ws,
        &["score", "me.toml", "--mentoring-type", "Boss"],
        "mentoring type 'Boss' is not one of: Mentee, Mentor, Peer Support",
    );
    refused(
        &ws,
        &["score", "me.toml", "--username", " "],
        "the username must be non-empty",
    );
}

#[test]
fn a_new_sheet_needs_a_username_and_a_role_focus() {
    let ws = Workspace::new();
    let err = ws.fails(1, &["score", "new.toml", "K1=1"]);
    assert_eq!(
        err,
        "ksb: error: creating sheet 'new.toml': a new sheet needs --username (or KSB_USERNAME, or `username` in the config file)\n"
    );
    let err = ws.fails(
        1,
        &[
            "score",
            "new.toml",
            "--username",
            "X",
            "--role-focus",
            "Poet",
        ],
    );
    assert!(err.contains("role focus 'Poet' is not one of"), "{err}");
    assert!(!ws.file("new.toml").exists());
}

#[test]
fn bad_sheets_are_refused_with_file_and_line() {
    let ws = Workspace::new();
    scored_sheet(&ws);
    let good = ws.read("me.toml");
    let cases = [
        (
            "format = 1",
            "format = 7",
            "line 1, column 10: unknown sheet format 7: this version of ksb reads format 1",
        ),
        (
            "standard = \"miraheze-tech-mentoring\"",
            "standard = \"cooking\"",
            "line 2, column 12: the sheet is for standard 'cooking'",
        ),
        (
            "K4 = 2",
            "K4 = 4",
            "line 16, column 6: invalid score 4 for K4: expected 0–3, or \"n/a\" in quotes",
        ),
        ("K4 = 2", "K4 = -1", "invalid score -1 for K4"),
        ("K4 = 2", "K4 = 2.5", "invalid score 2.5 for K4"),
        ("K4 = 2", "K4 = \"high\"", "invalid score \"high\" for K4"),
        (
            "K4 = 2",
            "K4 = n/a",
            "line 16, column 6: invalid score n/a for K4: expected 0–3, or \"n/a\" in quotes",
        ),
        (
            "K4 = 2",
            "K4 = two",
            "line 16, column 6: invalid score two for K4: expected 0–3, or \"n/a\" in quotes",
        ),
        ("K4 = 2", "Q4 = 2", "line 16, column 1: unknown KSB id 'Q4'"),
        (
            "role_focus = \"Infrastructure Specialist\"",
            "role_focus = \"Wizard\"",
            "line 7, column 14: role focus 'Wizard' is not one of the standard's",
        ),
        ("date = 2026-11-25", "date = 2026-02-31", "line 10"),
        ("[scores]", "[scores", "line 12"),
    ];
    for (from, to, expect) in cases {
        let sheet = ws.write("bad.toml", &good.replace(from, to));
        let before = fs::read(&sheet).unwrap();
        for command in ["show", "summary"] {
            let err = ws.fails(1, &[command, "bad.toml"]);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(
                err.starts_with("ksb: error: reading sheet 'bad.toml': "),
                "{err}"
            );
            assert!(err.contains(expect), "{from} -> {to}: {err}");
        }
        let err = ws.fails(1, &["score", "bad.toml", "K1=1"]);
        assert!(err.contains(expect), "{err}");
        assert_eq!(fs::read(&sheet).unwrap(), before);
    }
    ws.write("binary.toml", "\u{0}\u{1}garbage = = =");
    let err = ws.fails(1, &["show", "binary.toml"]);
    assert!(
        err.starts_with("ksb: error: reading sheet 'binary.toml': line 1"),
        "{err}"
    );
}

#[test]
fn missing_files_and_directories_are_named() {
    let ws = Workspace::new();
    assert_eq!(
        ws.fails(1, &["show", "nope.toml"]),
        "ksb: error: reading sheet 'nope.toml': no such file\n"
    );
    fs::create_dir(ws.file("folder.toml")).unwrap();
    assert_eq!(
        ws.fails(1, &["show", "folder.toml"]),
        "ksb: error: reading sheet 'folder.toml': it is a directory, not a file\n"
    );
    // `ksb summary` reads folders of sheets (a cohort); an empty one is an error.
    assert_eq!(
        ws.fails(1, &["summary", "folder.toml"]),
        "ksb: error: no sheets (*.toml files) found in 'folder.toml'\n"
    );
    assert_eq!(
        ws.fails(1, &["score", "folder.toml", "K1=1"]),
        "ksb: error: reading sheet 'folder.toml': it is a directory, not a file\n"
    );
    let err = ws.fails(1, &["--standard", "nope.yaml", "standard"]);
    assert_eq!(
        err,
        "ksb: error: reading standard 'nope.yaml': no such file\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let ws = Workspace::new();
    ws.fails(2, &["frobnicate"]);
    ws.fails(2, &["summary", "me.toml", "--format", "xml"]);
    ws.fails(2, &["score"]);
    let help = ws.ok(&["--help"]);
    assert!(help.contains("Examples:"), "{help}");
}
