//! `ksb compare`, `ksb progress`, `ksb plan` and `ksb lock` on sheets written by `ksb score`,
//! checked against figures worked out by hand.

use crate::common::{fixture, Workspace};
use serde_json::{json, Value};

/// Which KSB belongs where (from the built-in standard), for the arithmetic below:
/// Generalist: K1 K4 K5 S1 S4 S7 B1–B8 · Infrastructure Specialist: K3 K6 K7 K11 S2 S6 S9 ·
/// MediaWiki Specialist: K2 K8 K9 K10 S3 S5 S8. Infra area: K3 K6 K7 K11 S2 S6 S9.
const INFRA: [&str; 2] = ["--role-focus", "Infrastructure Specialist"];

/// Alice's self-assessment (01/11/2026), her mentor's review (03/11/2026, username typed in
/// lower case, S1 left unscored) and her final check (01/02/2027).
fn alice(ws: &Workspace) {
    let base = ["--username", "Alice", INFRA[0], INFRA[1]];
    let mut args = vec!["score", "self.toml", "--date", "01/11/2026"];
    args.extend(base);
    args.extend(["K1=1", "K2=3", "K3=n/a", "K6=0", "S1=0", "B1=3"]);
    ws.ok(&args);
    let mut args = vec!["score", "review.toml", "--date", "03/11/2026"];
    args.extend(["--username", "alice", INFRA[0], INFRA[1]]);
    args.extend(["--assessment-type", "Mentor review"]);
    args.extend(["K1=3", "K2=2", "K3=2", "K6=1", "B1=2"]);
    ws.ok(&args);
    let mut args = vec!["score", "final.toml", "--date", "01/02/2027"];
    args.extend(base);
    args.extend(["--assessment-type", "Final check"]);
    args.extend(["K1=3", "K2=3", "K3=2", "K6=2", "S1=1", "B1=3"]);
    ws.ok(&args);
}

fn json_of(ws: &Workspace, args: &[&str]) -> Value {
    serde_json::from_str(&ws.ok(args)).expect("JSON on stdout")
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

fn group<'a>(report: &'a Value, grouping: &str, name: &str) -> &'a Value {
    report["groups"][grouping]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("no group {name} in {grouping}"))
}

fn ksb<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn compare_figures_by_hand() {
    let ws = Workspace::new();
    alice(&ws);
    let report = json_of(
        &ws,
        &["compare", "self.toml", "review.toml", "--format", "json"],
    );
    assert_eq!(report["a"]["username"], "Alice");
    assert_eq!(report["b"]["assessment_type"], "Mentor review");
    assert_eq!(report["ksbs"].as_array().unwrap().len(), 28);
    // K1: 3 − 1 = +2; K2: 2 − 3 = −1.
    assert_eq!(
        ksb(&report, "K1"),
        &json!({"id": "K1", "a": 1, "b": 3, "delta": 2, "mark": "disagreement",
            "evidence": {"items": 0, "checked": 0}})
    );
    assert_eq!(ksb(&report, "K2")["delta"], -1);
    // N/A on one side only, unscored on one side only, unscored on both: no change.
    assert_eq!(
        ksb(&report, "K3"),
        &json!({"id": "K3", "a": "N/A", "b": 2, "delta": null, "mark": "na_against_score",
            "evidence": {"items": 0, "checked": 0}})
    );
    assert_eq!(
        ksb(&report, "S1"),
        &json!({"id": "S1", "a": 0, "b": null, "delta": null, "mark": null,
            "evidence": {"items": 0, "checked": 0}})
    );
    assert_eq!(
        ksb(&report, "K4"),
        &json!({"id": "K4", "a": null, "b": null, "delta": null, "mark": null,
            "evidence": {"items": 0, "checked": 0}})
    );

    // Generalist: A K1 1, S1 0, B1 3 → 4/3; B K1 3, B1 2 → 5/2; change 5/2 − 4/3 = 7/6.
    let generalist = group(&report, "role_focus", "Generalist");
    assert!(close(&generalist["a_mean"], 4.0 / 3.0), "{generalist}");
    assert!(close(&generalist["b_mean"], 2.5), "{generalist}");
    assert!(close(&generalist["delta"], 7.0 / 6.0), "{generalist}");
    // Infra area: A K3 N/A (left out), K6 0 → 0; B K3 2, K6 1 → 1.5; change 1.5.
    let infra = group(&report, "area", "Infra");
    assert_eq!(
        (&infra["a_mean"], &infra["b_mean"], &infra["delta"]),
        (&json!(0.0), &json!(1.5), &json!(1.5))
    );
    // Knowledge: A K1 1, K2 3, K6 0 → 4/3; B K1 3, K2 2, K3 2, K6 1 → 2; change 2/3.
    let knowledge = group(&report, "category", "Knowledge");
    assert!(close(&knowledge["delta"], 2.0 / 3.0), "{knowledge}");
    // Skills: A S1 0 → 0; B scores no skill → no mean, no change.
    let skills = group(&report, "category", "Skills");
    assert_eq!(
        (&skills["a_mean"], &skills["b_mean"], &skills["delta"]),
        (&json!(0.0), &Value::Null, &Value::Null)
    );
    // Platform Security: nothing scored on either side.
    assert_eq!(
        group(&report, "area", "Platform Security")["delta"],
        Value::Null
    );
}

#[test]
fn compare_and_progress_name_the_reviewer_and_head_columns_by_type_and_date() {
    let ws = Workspace::new();
    alice(&ws);
    let text = ws.read("review.toml");
    ws.write(
        "review.toml",
        &text.replace(
            "date = 2026-11-03\n",
            "date = 2026-11-03\nreviewer = \"Mentor1\"\n",
        ),
    );
    let out = ws.ok(&["compare", "self.toml", "review.toml"]);
    assert!(
        out.contains(
            "B: review.toml (Alice, Infrastructure Specialist, Mentor review, 03/11/2026, by Mentor1)\n"
        ),
        "{out}"
    );
    let out = ws.ok(&["progress", "self.toml", "review.toml"]);
    assert!(
        out.contains("Mentor review, 03/11/2026, by Mentor1)\n"),
        "{out}"
    );
    assert!(
        out.contains("| self 01/11/2026 | mentor 03/11/2026 |"),
        "{out}"
    );
}

#[test]
fn compare_table_marks_disagreements_and_lists_only_differences() {
    let ws = Workspace::new();
    alice(&ws);
    let out = ws.ok(&["compare", "self.toml", "review.toml", "--only-different"]);
    assert!(out.starts_with("A: self.toml (Alice, Infrastructure Specialist, Self-assessment, 01/11/2026)\nB: review.toml (Alice,"), "{out}");
    // Usernames differ only in case: the same participant, no note.
    assert!(!out.contains("two participants"), "{out}");
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | "))
        .collect();
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|l| l.split('|').nth(1).map(str::trim))
        .filter(|id| id.len() <= 3 && id != &"Id")
        .collect();
    // K1 K2 K3 K6 S1 B1 differ; K4 and the rest are unscored on both sheets.
    assert_eq!(ids, ["K1", "K2", "K3", "K6", "S1", "B1"], "{out}");
    let k1 = rows.iter().find(|l| l.starts_with("| K1 ")).unwrap();
    assert!(k1.ends_with("+2 ! |"), "{k1}");
    let k2 = rows.iter().find(|l| l.starts_with("| K2 ")).unwrap();
    assert!(k2.ends_with(" -1 |"), "{k2}");
    assert!(
        out.contains("| Generalist                |   1.33 |   2.50 |  +1.17 |"),
        "{out}"
    );

    let json = json_of(
        &ws,
        &[
            "compare",
            "self.toml",
            "review.toml",
            "--only-different",
            "--format",
            "json",
        ],
    );
    assert_eq!(json["ksbs"].as_array().unwrap().len(), 6);
}

#[test]
fn compare_marks_n_a_against_a_score_and_says_what_the_mark_means() {
    let ws = Workspace::new();
    alice(&ws);
    // K3: N/A on the self-assessment, 2 on the review. S1: scored against unscored, no mark.
    let out = ws.ok(&["compare", "self.toml", "review.toml"]);
    let row = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("| {id} ")))
            .unwrap_or_else(|| panic!("no {id} row: {out}"))
            .to_string()
    };
    assert!(row("K3").ends_with("| N/A | 2 |      ? |"), "{}", row("K3"));
    assert!(row("S1").ends_with("|        |"), "{}", row("S1"));
    assert!(
        out.contains("? N/A on one sheet against a score on the other (one finds the KSB not relevant, the other scores it)."),
        "{out}"
    );
    // The other way round, B saying N/A against A's score, is marked too.
    ws.ok(&["score", "review.toml", "K2=n/a"]);
    let report = json_of(
        &ws,
        &["compare", "self.toml", "review.toml", "--format", "json"],
    );
    assert_eq!(ksb(&report, "K2")["mark"], "na_against_score");
    assert_eq!(ksb(&report, "K3")["mark"], "na_against_score");
    assert_eq!(ksb(&report, "K1")["mark"], "disagreement");
    assert_eq!(ksb(&report, "S1")["mark"], Value::Null);
}

#[test]
fn compare_with_a_sheet_with_nothing_scored_and_of_another_participant() {
    let ws = Workspace::new();
    alice(&ws);
    ws.ok(&[
        "score",
        "empty.toml",
        "--username",
        "Bob",
        "--role-focus",
        "Generalist",
    ]);
    let report = json_of(
        &ws,
        &["compare", "empty.toml", "self.toml", "--format", "json"],
    );
    assert!(report["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["a"].is_null() && k["delta"].is_null()));
    assert!(report["groups"]["role_focus"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["a_mean"].is_null() && g["delta"].is_null()));
    assert!(close(
        &group(&report, "role_focus", "Generalist")["b_mean"],
        4.0 / 3.0
    ));
    let out = ws.ok(&["compare", "self.toml", "empty.toml"]);
    assert!(
        out.contains("Note: these are sheets of two participants, Alice (A) and Bob (B)."),
        "{out}"
    );
    let out = ws.ok(&["compare", "empty.toml", "empty.toml", "--only-different"]);
    assert!(
        out.contains("The two sheets score every KSB the same."),
        "{out}"
    );
}

/// A sheet of the second standard, written by `ksb --standard FILE score`.
fn other_standard_sheet(ws: &Workspace) {
    let other = fixture("other-standard.yaml");
    ws.ok(&[
        "--standard",
        other.to_str().unwrap(),
        "score",
        "other.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "K1=2",
    ]);
}

#[test]
fn sheets_of_two_standards_are_refused_naming_file_and_standard() {
    let ws = Workspace::new();
    alice(&ws);
    other_standard_sheet(&ws);
    let message = "'self.toml' is for standard 'miraheze-tech-mentoring' but 'other.toml' is for standard 'other-programme'";
    let err = ws.fails(1, &["compare", "self.toml", "other.toml"]);
    assert!(err.contains(message), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let err = ws.fails(1, &["progress", "self.toml", "final.toml", "other.toml"]);
    assert!(err.contains(message), "{err}");
    // Both of the other standard, with the standard in use: the usual error, naming the file.
    let err = ws.fails(1, &["compare", "other.toml", "other.toml"]);
    assert!(
        err.contains("reading sheet 'other.toml'")
            && err.contains("choose its standard's file with --standard FILE"),
        "{err}"
    );
}

#[test]
fn progress_figures_by_hand_in_date_order() {
    let ws = Workspace::new();
    alice(&ws);
    // Given out of order: shown 01/11/2026, 03/11/2026, 01/02/2027.
    let report = json_of(
        &ws,
        &[
            "progress",
            "final.toml",
            "self.toml",
            "review.toml",
            "--format",
            "json",
        ],
    );
    let files: Vec<&str> = report["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["self.toml", "review.toml", "final.toml"]);
    // K1: 1, 3, 3; travelled (3 − 1) / (3 − 1) = 1.
    assert_eq!(
        ksb(&report, "K1"),
        &json!({"id": "K1", "scores": [1, 3, 3], "change": 2, "travelled": 1.0})
    );
    // K6: 0, 1, 2; travelled (2 − 0) / (3 − 0) = 2/3.
    assert!(close(&ksb(&report, "K6")["travelled"], 2.0 / 3.0));
    // K3 was N/A on the first sheet: left out. S1 unscored in the middle: 0 → 1 is 1/3.
    assert_eq!(ksb(&report, "K3")["scores"], json!(["N/A", 2, 2]));
    assert_eq!(ksb(&report, "K3")["travelled"], Value::Null);
    assert_eq!(ksb(&report, "S1")["scores"], json!([0, null, 1]));
    assert!(close(&ksb(&report, "S1")["travelled"], 1.0 / 3.0));
    // Overall, first → latest over K1 (1→3), K2 (3→3), K6 (0→2), S1 (0→1), B1 (3→3):
    // gained 2 + 0 + 2 + 1 + 0 = 5 of a gap 2 + 0 + 3 + 3 + 0 = 8: 0.625.
    assert_eq!(report["travelled"], json!(0.625));
    // Generalist means: 01/11 K1 1, S1 0, B1 3 → 4/3; 03/11 K1 3, B1 2 → 2.5;
    // 01/02 K1 3, S1 1, B1 3 → 7/3. Travelled: gained 2 + 1 + 0 = 3 of 2 + 3 + 0 = 5: 0.6.
    let generalist = group(&report, "role_focus", "Generalist");
    let means: Vec<f64> = generalist["means"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_f64().unwrap())
        .collect();
    assert!(
        (means[0] - 4.0 / 3.0).abs() < 1e-9
            && means[1] == 2.5
            && (means[2] - 7.0 / 3.0).abs() < 1e-9,
        "{means:?}"
    );
    assert_eq!(generalist["travelled"], json!(0.6));
    // MediaWiki Specialist: only K2, 3 → 3: no gap to close.
    assert_eq!(
        group(&report, "role_focus", "MediaWiki Specialist")["travelled"],
        Value::Null
    );
    // Platform Security: nothing scored on any sheet.
    assert_eq!(
        group(&report, "area", "Platform Security"),
        &json!({"name": "Platform Security", "means": [null, null, null], "travelled": null})
    );

    let out = ws.ok(&["progress", "final.toml", "self.toml", "review.toml"]);
    assert!(out.contains("| KSB  "), "{out}");
    assert!(
        out.contains(
            "| self 01/11/2026 | mentor 03/11/2026 | final 01/02/2027 | Change | Travelled |"
        ),
        "{out}"
    );
    assert!(
        out.contains("Distance travelled: 62% of the gap to 3 closed since 01/11/2026"),
        "{out}"
    );
    let k6 = out.lines().find(|l| l.starts_with("| K6 ")).unwrap();
    assert!(
        k6.contains(
            "|        0        |         1         |         2        |     +2 |       67% |"
        ),
        "{k6}"
    );
}

#[test]
fn progress_shows_a_fall_per_ksb_and_measures_it_against_the_points_held() {
    let ws = Workspace::new();
    let sheet = |name: &str, date: &str, scores: &[&str]| {
        let mut args = vec!["score", name, "--username", "Alice", INFRA[0], INFRA[1]];
        args.extend(["--date", date]);
        args.extend(scores);
        ws.ok(&args);
    };
    // K1 falls 3 → 1, K4 stays at 2, K5 rises 0 → 1.
    sheet("first.toml", "01/11/2026", &["K1=3", "K4=2", "K5=0"]);
    sheet("latest.toml", "01/02/2027", &["K1=1", "K4=2", "K5=1"]);
    let out = ws.ok(&["progress", "first.toml", "latest.toml"]);
    assert!(
        out.contains("| self 01/11/2026 | self 01/02/2027 | Change | Travelled |"),
        "{out}"
    );
    let row = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("| {id} ")))
            .unwrap_or_else(|| panic!("no {id} row: {out}"))
            .to_string()
    };
    // 3 → 1: no gap to close, but two of its three points lost.
    assert!(
        row("K1").ends_with("|        3        |        1        |     -2 |      -67% |"),
        "{}",
        row("K1")
    );
    assert!(
        row("K4").ends_with("|      0 |        0% |"),
        "{}",
        row("K4")
    );
    assert!(
        row("K5").ends_with("|     +1 |       33% |"),
        "{}",
        row("K5")
    );
    assert!(
        out.contains("where scores went down, the share of the first sheet's points lost"),
        "{out}"
    );
    // Generalist (K1 K4 K5): net 1 − 2 = −1 of the 5 points held: −20%, not −1 of a gap of
    // 0 + 1 + 3 = 4 (−25% "of the gap closed").
    assert!(
        out.contains(
            "| Generalist                |            1.67 |            1.33 |      -20% |"
        ),
        "{out}"
    );
    assert!(
        out.contains("Distance travelled: -20%: the scores went down since 01/11/2026, losing 20% of the points the first sheet had"),
        "{out}"
    );

    let report = json_of(
        &ws,
        &["progress", "first.toml", "latest.toml", "--format", "json"],
    );
    assert_eq!(ksb(&report, "K1")["change"], -2);
    assert!(close(&ksb(&report, "K1")["travelled"], -2.0 / 3.0));
    assert_eq!(ksb(&report, "K5")["change"], 1);
    assert_eq!(ksb(&report, "K2")["change"], Value::Null);
    assert!(close(&report["travelled"], -0.2));
    assert!(close(
        &group(&report, "role_focus", "Generalist")["travelled"],
        -0.2
    ));
}

#[test]
fn progress_refuses_another_participant_unless_asked() {
    let ws = Workspace::new();
    alice(&ws);
    ws.ok(&[
        "score",
        "bob.toml",
        "--username",
        "Bob",
        "--role-focus",
        "Generalist",
        "--date",
        "01/03/2027",
    ]);
    let err = ws.fails(1, &["progress", "self.toml", "bob.toml"]);
    assert!(
        err.contains("'bob.toml' is a sheet of 'Bob' but 'self.toml' is a sheet of 'Alice'"),
        "{err}"
    );
    assert!(err.contains("--any-participant"), "{err}");
    // Bob's sheet has nothing scored: with it as the latest, nothing is scored on both ends.
    let report = json_of(
        &ws,
        &[
            "progress",
            "self.toml",
            "bob.toml",
            "--any-participant",
            "--format",
            "json",
        ],
    );
    assert_eq!(report["sheets"][1]["username"], "Bob");
    assert_eq!(report["travelled"], Value::Null);
    let out = ws.ok(&["progress", "bob.toml", "self.toml", "--any-participant"]);
    assert!(out.contains("Distance travelled: none to measure"), "{out}");
    let out = ws.ok(&["progress", "self.toml"]);
    assert!(
        out.contains("Distance travelled: needs two sheets or more."),
        "{out}"
    );
}

#[test]
fn plan_puts_the_specialism_first_then_lowest_scores() {
    let ws = Workspace::new();
    alice(&ws);
    let out = ws.ok(&["plan", "self.toml", "--format", "markdown"]);
    let order = |ids: &[&str]| {
        let at: Vec<usize> = ids
            .iter()
            .map(|id| {
                out.find(&format!("| {id} |"))
                    .unwrap_or_else(|| panic!("{id} missing:\n{out}"))
            })
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{ids:?} out of order:\n{out}"
        );
    };
    // To develop: Infra K6 (0) first, then Generalist S1 (0), K1 (1). K2 (MediaWiki) is
    // not in focus.
    order(&["K6", "S1", "K1", "K7"]);
    // Not yet scored: Infra K7 K11 S2 S6 S9 (K3 is N/A), then Generalist K4 K5 S4 S7 B2–B8.
    order(&[
        "K7", "K11", "S2", "S6", "S9", "K4", "K5", "S4", "S7", "B2", "B8",
    ]);
    // Strengths (scored 3): K2, then B1, whatever their focus.
    let strengths = &out[out.find("### Strengths").unwrap()..];
    assert!(
        strengths.find("| K2 |").unwrap() < strengths.find("| B1 |").unwrap(),
        "{strengths}"
    );
    assert!(out.contains("| K6 | Swift Maintenance Operations | Infra (Object Storage) | 0 | Understands the basics"), "{out}");
    let develop =
        &out[out.find("### To develop").unwrap()..out.find("### Not yet scored").unwrap()];
    assert!(
        !develop.contains("| K2 |") && !develop.contains("| K3 |"),
        "{develop}"
    );

    let table = ws.ok(&["plan", "self.toml"]);
    assert!(table.starts_with("Development plan for Alice\nPreferred role focus: Infrastructure Specialist. From the Self-assessment of 01/11/2026. Covers the Infrastructure Specialist and Generalist KSBs.\n"), "{table}");
}

#[test]
fn plan_of_a_sheet_with_nothing_scored_and_wikitext_escaping() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "empty.toml",
        "--username",
        "''Evil'' !! ~~",
        "--role-focus",
        "Generalist",
    ]);
    let wiki = ws.ok(&["plan", "empty.toml", "--format", "wikitext"]);
    assert!(
        wiki.starts_with(
            "== Development plan for &#39;&#39;Evil&#39;&#39;&#32;&#33;&#33; &#126;&#126; ==\n"
        ),
        "{wiki}"
    );
    let heading = wiki.lines().next().unwrap();
    assert!(
        !heading.contains("''") && !heading.contains("!!") && !heading.contains("~~"),
        "{wiki}"
    );
    assert!(
        wiki.contains("=== To develop (scored 0 or 1) ===\n\nNothing in focus is scored 0 or 1.\n"),
        "{wiki}"
    );
    assert!(wiki.contains("No KSB is scored 3 yet."), "{wiki}");
    // A Generalist's unscored KSBs are the 14 Generalist ones, in the standard's order.
    let rows = wiki.matches("\n|-\n").count();
    assert_eq!(rows, 14, "{wiki}");
    assert!(wiki.contains("{| class=\"wikitable\"\n! Id !! Title !! Stack Area !! Description\n|-\n| K1\n| Open Source Ecosystem Awareness\n| Community & Governance\n| "), "{wiki}");
}

#[test]
fn a_locked_sheet_is_left_byte_for_byte_until_unlocked() {
    let ws = Workspace::new();
    alice(&ws);
    let out = ws.ok(&["lock", "self.toml"]);
    assert!(out.contains("Locked self.toml"), "{out}");
    let locked = std::fs::read(ws.file("self.toml")).unwrap();
    assert!(String::from_utf8_lossy(&locked).contains("\nlocked = true\n"));
    for args in [
        &["score", "self.toml", "K1=2"][..],
        &["score", "self.toml", "--date", "02/11/2026"],
        &["score", "self.toml", "--note", "K1=more"],
    ] {
        let err = ws.fails(1, args);
        assert_eq!(
            err,
            "ksb: error: sheet 'self.toml' is locked as a finished assessment; unlock it first with `ksb lock --undo self.toml`\n"
        );
        assert_eq!(std::fs::read(ws.file("self.toml")).unwrap(), locked);
    }
    // Reading a locked sheet is fine; locking again changes nothing.
    ws.ok(&["compare", "self.toml", "review.toml"]);
    assert!(ws.ok(&["lock", "self.toml"]).contains("already locked"));
    assert_eq!(std::fs::read(ws.file("self.toml")).unwrap(), locked);

    assert!(ws
        .ok(&["lock", "--undo", "self.toml"])
        .contains("Unlocked self.toml"));
    assert!(!ws.read("self.toml").contains("locked"));
    ws.ok(&["score", "self.toml", "K1=2"]);
    assert!(ws.read("self.toml").contains("\nK1 = 2\n"));
}

#[test]
fn standard_input_is_read_once_and_never_written() {
    let ws = Workspace::new();
    alice(&ws);
    for args in [
        &["compare", "-", "-"][..],
        &["progress", "-", "-"],
        &["summary", "-", "-"],
        &["chart", "-", "-", "-o", "c.svg"],
    ] {
        let err = ws.fails(1, args);
        assert_eq!(
            err, "ksb: error: only one SHEET can be '-' (standard input)\n",
            "{args:?}"
        );
    }
    let err = ws.fails(1, &["lock", "-"]);
    assert_eq!(
        err,
        "ksb: error: `ksb lock` writes the sheet, so it needs a file name, not '-' (standard input)\n"
    );
    let sheet = std::fs::read(ws.file("self.toml")).unwrap();
    let out = ws
        .ksb(&["compare", "self.toml", "-"])
        .write_stdin(sheet)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("B: stdin (Alice"));
}

#[test]
fn plan_markup_keeps_ksbs_own_text_as_written_and_reads_back_exactly() {
    use crate::common::mediawiki::{mediawiki, plain_text, render, select};
    use pulldown_cmark::{Event, Options, Parser, TagEnd};

    let ws = Workspace::new();
    // K5 and S7 (Generalist) mention T&S; B1 scored 3 makes a strength.
    ws.ok(&[
        "score",
        "g.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "--date",
        "01/11/2026",
        "K5=0",
        "S7=1",
        "B1=3",
    ]);
    let standard = ksb::Standard::builtin();
    let description = |id: &str| {
        standard
            .ksbs
            .iter()
            .find(|k| k.id.as_str() == id)
            .unwrap()
            .description
            .clone()
    };
    let line = "Preferred role focus: Generalist. From the Self-assessment of 01/11/2026. Covers the Generalist KSBs.";

    let markdown = ws.ok(&["plan", "g.toml", "--format", "markdown"]);
    assert!(markdown.contains(&format!("\n{line}\n")), "{markdown}");
    assert!(
        markdown.contains("### Strengths (scored 3): could mentor others\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("(RfCs, T&S, Steward roles)"),
        "{markdown}"
    );
    assert!(
        !markdown.contains('\\'),
        "nothing of ksb's own text needs an escape: {markdown}"
    );
    // Read back as GFM: every paragraph, heading and cell is the text ksb meant.
    let mut texts: Vec<String> = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(&markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(text) => current.push_str(&text),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                texts.push(std::mem::take(&mut current))
            }
            _ => {}
        }
    }
    assert!(texts.contains(&line.to_string()), "{texts:?}");
    assert!(texts.contains(&"Strengths (scored 3): could mentor others".to_string()));
    for id in ["K5", "S7"] {
        assert!(texts.contains(&description(id)), "{id} in {texts:?}");
    }

    let wikitext = ws.ok(&["plan", "g.toml", "--format", "wikitext"]);
    assert!(wikitext.contains(&format!("\n{line}\n")), "{wikitext}");
    assert!(
        wikitext.contains("=== Strengths (scored 3): could mentor others ==="),
        "{wikitext}"
    );
    assert!(
        wikitext.contains("(RfCs, T&S, Steward roles)"),
        "{wikitext}"
    );
    assert!(
        !wikitext.contains("&#") && !wikitext.contains("&amp;"),
        "{wikitext}"
    );
    let Some(conf) = mediawiki() else { return };
    let page = ws.write("plan.wiki", &wikitext);
    let html = render(conf, &page);
    let paragraphs: Vec<String> = select(html.root_element(), "p")
        .into_iter()
        .map(|p| plain_text(p).expect("plain text").trim().to_string())
        .collect();
    assert!(paragraphs.contains(&line.to_string()), "{paragraphs:?}");
    let cells: Vec<String> = select(html.root_element(), "td")
        .into_iter()
        .map(|td| {
            plain_text(td)
                .expect("no markup in a cell")
                .trim()
                .to_string()
        })
        .collect();
    for id in ["K5", "S7"] {
        assert!(cells.contains(&description(id)), "{id} in {cells:?}");
    }
    let headings: Vec<String> = select(html.root_element(), "h3 .mw-headline")
        .into_iter()
        .map(|h| h.text().collect::<String>())
        .collect();
    assert!(
        headings.contains(&"Strengths (scored 3): could mentor others".to_string()),
        "{headings:?}"
    );
}
