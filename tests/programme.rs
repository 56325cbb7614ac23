//! The programme's view of a cohort: `ksb summary` counting people (and its selections),
//! `ksb roster`, `ksb calibrate` and the long export, over a cohort generated from a fixed
//! seed (tests/common/cohort.rs), each figure checked against values this test computes from
//! the sheets it wrote.

use std::collections::BTreeMap;

use crate::common::cohort::{
    assert_mean, canonical, write_cohort, Cohort, Count, SheetSpec, Written, KINDS, PEOPLE,
    ROLE_FOCUSES,
};
use crate::common::Workspace;
use serde_json::Value;

fn json(ws: &Workspace, args: &[&str]) -> Value {
    let out = ws.ok(args);
    serde_json::from_str(&out).unwrap_or_else(|err| panic!("{err}: {out}"))
}

fn assert_count(figures: &Value, expected: &Count, what: &str) {
    assert_eq!(figures["scored"], expected.scored, "{what} scored");
    assert_eq!(figures["na"], expected.na, "{what} na");
    assert_eq!(figures["unscored"], expected.unscored, "{what} unscored");
    assert_mean(&figures["mean"], expected.mean(), what);
}

/// Checks a cohort JSON's per-KSB figures, groups, overall and split by preferred role focus
/// against the sheets that should have been counted.
fn assert_counts(cohort: &Cohort, json: &Value, counted: &[&SheetSpec], what: &str) {
    assert_eq!(json["counted"], counted.len(), "{what}: entries counted");
    for (k, (ksb, figures)) in cohort
        .ksbs
        .iter()
        .zip(json["ksbs"].as_array().unwrap())
        .enumerate()
    {
        assert_eq!(figures["id"], ksb.id.as_str());
        let mut count = Count::default();
        for sheet in counted {
            count.add(sheet.scores[k]);
        }
        assert_count(figures, &count, &format!("{what} {}", ksb.id));
    }
    assert_groups(cohort, json, counted, what);
    for (focus, figures) in ROLE_FOCUSES
        .iter()
        .zip(json["by_preferred_role_focus"].as_array().unwrap())
    {
        let theirs: Vec<&SheetSpec> = counted
            .iter()
            .copied()
            .filter(|s| s.role_focus == *focus)
            .collect();
        assert_eq!(figures["name"], *focus);
        assert_eq!(figures["participants"], theirs.len(), "{what} {focus}");
        assert_groups(cohort, figures, &theirs, &format!("{what} {focus}"));
    }
}

/// Checks `groups` and `overall` of a summary object.
fn assert_groups(cohort: &Cohort, summary: &Value, counted: &[&SheetSpec], what: &str) {
    let mut expected: BTreeMap<(&str, String), Count> = BTreeMap::new();
    for sheet in counted {
        for (ksb, score) in cohort.ksbs.iter().zip(&sheet.scores) {
            let mut names = vec![
                ("role_focus", ksb.role_focus.clone()),
                ("category", ksb.category.clone()),
            ];
            names.extend(ksb.areas.iter().map(|a| ("area", a.clone())));
            for name in names {
                expected.entry(name).or_default().add(*score);
            }
            expected
                .entry(("overall", String::new()))
                .or_default()
                .add(*score);
        }
    }
    for grouping in ["role_focus", "area", "category"] {
        for group in summary["groups"][grouping].as_array().unwrap() {
            let name = group["name"].as_str().unwrap().to_string();
            let count = expected
                .get(&(grouping, name.clone()))
                .copied()
                .unwrap_or_default();
            assert_count(group, &count, &format!("{what} {grouping} {name}"));
        }
    }
    let overall = expected
        .get(&("overall", String::new()))
        .copied()
        .unwrap_or_default();
    assert_count(&summary["overall"], &overall, &format!("{what} overall"));
}

/// The usernames of the participants without a sheet `keep` admits, as ksb lists them: in
/// canonical order, each spelled as their latest sheet spells it.
fn missing(cohort: &Cohort, keep: impl Fn(&SheetSpec) -> bool) -> Vec<String> {
    let admitted = cohort.latest(&keep);
    cohort
        .people()
        .into_iter()
        .filter(|(key, _)| !admitted.contains_key(key))
        .map(|(_, sheets)| canonical(&sheets.last().unwrap().username))
        .collect()
}

fn json_of_type(ws: &Workspace, kind: &str) -> Value {
    json(
        ws,
        &["summary", "cohort", "--type", kind, "--format", "json"],
    )
}

#[test]
fn a_cohort_counts_each_participant_once_with_their_latest_sheet() {
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, None);
    // A file named directly as well as through its folder is read once.
    let json = json(
        &ws,
        &[
            "summary",
            "cohort",
            "cohort/p000-d-self.toml",
            "--format",
            "json",
        ],
    );
    let latest = cohort.latest(|_| true);
    assert_eq!(latest.len(), PEOPLE, "alice_smith and Alice smith are one");
    assert_eq!(json["participants"], PEOPLE);
    assert_eq!(json["sheets"], cohort.sheets.len());
    assert_eq!(json["missing"], Value::Array(vec![]));
    assert_eq!(
        json["selection"],
        serde_json::json!({"all_sheets": false, "assessment_type": null, "as_of": null})
    );
    let counted: Vec<&SheetSpec> = latest.values().copied().collect();
    assert_counts(&cohort, &json, &counted, "latest");
    // Two self-assessments on one day: the one listed later counts.
    let selves = cohort.latest(|s| s.kind == 0);
    assert_eq!(selves["User02"].name, "p002-d-self.toml");
    let summary = json_of_type(&ws, "self");
    assert_eq!(summary["participants"], selves.len());
    assert_counts(
        &cohort,
        &summary,
        &selves.values().copied().collect::<Vec<_>>(),
        "self",
    );
    // A final check on its mentor review's day comes after it.
    let tied = cohort
        .people()
        .into_values()
        .filter(|sheets| {
            sheets.iter().any(|m| {
                m.kind == 1
                    && sheets
                        .iter()
                        .any(|f| f.kind == 2 && f.day == m.day && f.index < m.index)
            })
        })
        .count();
    assert!(
        tied > 0,
        "the cohort has a final check and a review on one day"
    );

    // So is one named through a link or another path to it.
    #[cfg(unix)]
    std::os::unix::fs::symlink(ws.file("cohort/p001-d-self.toml"), ws.file("link.toml")).unwrap();
    #[cfg(windows)]
    std::os::windows::fs::symlink_file(ws.file("cohort/p001-d-self.toml"), ws.file("link.toml"))
        .unwrap();
    std::fs::hard_link(ws.file("cohort/p003-d-self.toml"), ws.file("hard.toml")).unwrap();
    let again = self::json(
        &ws,
        &[
            "summary",
            "link.toml",
            "cohort",
            "./cohort/",
            "hard.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(again["sheets"], cohort.sheets.len());

    let table = ws.ok(&["summary", "cohort", "--by", "category"]);
    assert!(
        table.starts_with(&format!(
            "Cohort: {PEOPLE} participants ({} sheets read; latest sheet of each)\nPreferred role focus: ",
            cohort.sheets.len()
        )),
        "{table}"
    );
}

#[test]
fn type_as_of_and_all_sheets_choose_what_counts() {
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, None);
    let read = cohort.sheets.len();

    let mentor = json(
        &ws,
        &["summary", "cohort", "--type", "mentor", "--format", "json"],
    );
    let is_review = |s: &SheetSpec| s.kind == 1;
    let reviews = cohort.latest(is_review);
    assert_eq!(mentor["participants"], reviews.len());
    assert_eq!(mentor["sheets"], read);
    assert_eq!(mentor["selection"]["assessment_type"], "Mentor review");
    let expected_missing = missing(&cohort, is_review);
    assert!(!expected_missing.is_empty());
    assert_eq!(mentor["missing"], serde_json::json!(expected_missing));
    assert_counts(
        &cohort,
        &mentor,
        &reviews.values().copied().collect::<Vec<_>>(),
        "mentor",
    );
    let full = json(
        &ws,
        &[
            "summary",
            "cohort",
            "--type",
            "Mentor Review",
            "--format",
            "json",
        ],
    );
    assert_eq!(full, mentor, "the full name, in any case, is the same type");
    let table = ws.ok(&["summary", "cohort", "--type", "mentor"]);
    let second = table.lines().nth(1).unwrap();
    assert_eq!(
        second,
        format!(
            "Left out, without a Mentor review: {}",
            expected_missing.join(", ")
        )
    );

    let as_of = json(
        &ws,
        &[
            "summary",
            "cohort",
            "--as-of",
            "10/11/2026",
            "--format",
            "json",
        ],
    );
    let early = |s: &SheetSpec| s.day <= 10;
    let then = cohort.latest(early);
    assert_eq!(as_of["participants"], then.len());
    assert_eq!(as_of["selection"]["as_of"], "10/11/2026");
    assert_eq!(as_of["missing"], serde_json::json!(missing(&cohort, early)));
    assert_counts(
        &cohort,
        &as_of,
        &then.values().copied().collect::<Vec<_>>(),
        "as of",
    );

    let every = json(
        &ws,
        &["summary", "cohort", "--all-sheets", "--format", "json"],
    );
    assert_eq!(every["participants"], PEOPLE, "people, not sheets");
    assert_eq!(every["counted"], read);
    let all: Vec<&SheetSpec> = cohort.sheets.iter().collect();
    assert_counts(&cohort, &every, &all, "all sheets");
    let table = ws.ok(&["summary", "cohort", "--all-sheets"]);
    assert!(
        table.starts_with(&format!(
            "Cohort: {read} sheets of {PEOPLE} participants ({read} sheets read; every sheet)\n"
        )),
        "{table}"
    );

    let finals = json(
        &ws,
        &[
            "summary",
            "cohort",
            "--type",
            "final",
            "--all-sheets",
            "--as-of",
            "20/11/2026",
            "--format",
            "json",
        ],
    );
    let chosen: Vec<&SheetSpec> = cohort
        .sheets
        .iter()
        .filter(|s| s.kind == 2 && s.day <= 20)
        .collect();
    assert_counts(
        &cohort,
        &finals,
        &chosen,
        "every final check until the 20th",
    );
}

/// What the roster should say a participant needs, as ksb's JSON gives it.
fn needs(sheets: &[&SheetSpec], ksbs: usize) -> Vec<Value> {
    let latest_of = |kind: usize| sheets.iter().rev().find(|s| s.kind == kind).copied();
    let mut needs = Vec::new();
    match latest_of(0) {
        None => {
            needs.push(serde_json::json!({"need": "self_assessment", "text": "self-assessment"}))
        }
        Some(own) => {
            if !sheets
                .iter()
                .any(|s| s.kind == 1 && s.recency() > own.recency())
            {
                needs.push(serde_json::json!({
                    "need": "mentor_review",
                    "text": "mentor review",
                    "self_assessment_date": own.date(),
                }));
            }
        }
    }
    for (kind, name) in KINDS.iter().enumerate() {
        if let Some(sheet) = latest_of(kind) {
            if sheet.scored() < ksbs {
                let unscored = ksbs - sheet.scored();
                needs.push(serde_json::json!({
                    "need": "finish",
                    "text": format!("finish {name} ({unscored} unscored)"),
                    "assessment_type": name,
                    "unscored": unscored,
                    "file": sheet.path(),
                }));
            }
        }
    }
    needs
}

#[test]
fn the_roster_lists_each_participant_their_sheets_and_what_they_need() {
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, None);
    let roster = json(&ws, &["roster", "cohort", "--format", "json"]);
    let listed = roster["participants"].as_array().unwrap();
    let people = cohort.people();
    assert_eq!(listed.len(), people.len());
    let mut needing = [0usize; 4];
    for ((key, sheets), entry) in people.iter().zip(listed) {
        let newest = sheets.last().unwrap();
        assert_eq!(entry["username"], canonical(&newest.username), "{key}");
        assert_eq!(
            entry["role_focus"], newest.role_focus,
            "{key}: the latest wins"
        );
        let mut earlier: Vec<&str> = Vec::new();
        for sheet in sheets {
            if sheet.role_focus != newest.role_focus && !earlier.contains(&sheet.role_focus) {
                earlier.push(sheet.role_focus);
            }
        }
        assert_eq!(
            entry["earlier_role_focuses"],
            serde_json::json!(earlier),
            "{key}"
        );
        let expected: Vec<Value> = sheets
            .iter()
            .map(|s| {
                serde_json::json!({
                    "file": s.path(),
                    "assessment_type": KINDS[s.kind],
                    "date": s.date(),
                    "scored": s.scored(),
                    "locked": s.locked,
                    "reviewer": s.reviewer.map(canonical),
                })
            })
            .collect();
        assert_eq!(
            entry["sheets"],
            Value::Array(expected),
            "{key}: sheets in date order"
        );
        let expected = needs(sheets, cohort.ksbs.len());
        for (slot, kind) in ["self_assessment", "mentor_review", "finish"]
            .iter()
            .enumerate()
        {
            needing[slot] += usize::from(expected.iter().any(|n| n["need"] == *kind));
        }
        needing[3] += usize::from(!expected.is_empty());
        assert_eq!(entry["needs"], Value::Array(expected), "{key}: needs");
    }
    assert!(
        needing[0] > 0 && needing[1] > 0 && needing[2] > 0,
        "{needing:?}"
    );
    assert!(
        listed
            .iter()
            .any(|e| !e["earlier_role_focuses"].as_array().unwrap().is_empty()),
        "some participant changed role focus"
    );

    let table = ws.ok(&["roster", "cohort"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "Roster: {PEOPLE} participants ({} sheets read)",
            cohort.sheets.len()
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "Needing action: {} participants ({} without a self-assessment, {} waiting for a mentor review, {} with an unfinished sheet)",
            needing[3], needing[0], needing[1], needing[2]
        )
    );

    let csv_text = ws.ok(&["roster", "cohort", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "table",
            "Username",
            "Role focus",
            "Self-assessment",
            "Mentor review",
            "Final check",
            "Needs"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), PEOPLE);
    let alice = &rows[0];
    let alice_sheets = &people["Alice smith"];
    let own = alice_sheets.iter().rev().find(|s| s.kind == 0).unwrap();
    assert_eq!(alice[1], canonical(&alice_sheets.last().unwrap().username));
    assert_eq!(&alice[3], format!("{}, {}/28", own.date(), own.scored()));

    let early = json(
        &ws,
        &[
            "roster",
            "cohort",
            "--as-of",
            "05/11/2026",
            "--format",
            "json",
        ],
    );
    let sheets_then: usize = early["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sheets"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        sheets_then,
        cohort.sheets.iter().filter(|s| s.day <= 5).count()
    );
}

/// Gaps added up as the test counts them.
#[derive(Debug, Default, Clone, Copy)]
struct Gaps {
    pairs: usize,
    total: i64,
    large: usize,
    na: usize,
}

impl Gaps {
    fn add(&mut self, own: Written, mentor: Written) {
        match (own, mentor) {
            (Written::Points(a), Written::Points(b)) => {
                self.pairs += 1;
                self.total += b - a;
                self.large += usize::from((b - a).abs() >= 2);
            }
            (Written::NotApplicable, Written::Points(_))
            | (Written::Points(_), Written::NotApplicable) => self.na += 1,
            _ => {}
        }
    }

    fn check(&self, json: &Value, what: &str) {
        assert_eq!(json["pairs"], self.pairs, "{what} pairs");
        assert_eq!(json["large_gaps"], self.large, "{what} large gaps");
        assert_eq!(
            json["na_disagreements"], self.na,
            "{what} N/A disagreements"
        );
        let mean = (self.pairs > 0).then(|| self.total as f64 / self.pairs as f64);
        assert_mean(&json["mean_gap"], mean, &format!("{what} mean gap"));
        let share = (self.pairs > 0).then(|| self.large as f64 / self.pairs as f64);
        assert_mean(&json["large_gap_share"], share, &format!("{what} share"));
    }
}

#[test]
fn calibration_pairs_each_self_assessment_with_the_review_after_it() {
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, None);
    let json = json(&ws, &["calibrate", "cohort", "--format", "json"]);

    let mut pairs: Vec<(&SheetSpec, &SheetSpec)> = Vec::new();
    let (mut without_self, mut without_review) = (0, 0);
    for sheets in cohort.people().values() {
        let own = sheets.iter().rev().find(|s| s.kind == 0);
        let review = sheets.iter().rev().find(|s| s.kind == 1);
        match (own, review) {
            (None, _) => without_self += 1,
            (Some(own), Some(review)) if review.recency() > own.recency() => {
                pairs.push((own, review));
            }
            (Some(_), _) => without_review += 1,
        }
    }
    assert_eq!(json["pairs"], pairs.len());
    assert_eq!(json["participants"], PEOPLE);
    assert_eq!(json["without_self_assessment"], without_self);
    assert_eq!(json["without_review"], without_review);
    assert!(without_self > 0 && without_review > 0 && pairs.len() > 20);

    let mut overall = Gaps::default();
    for (k, (ksb, figures)) in cohort
        .ksbs
        .iter()
        .zip(json["ksbs"].as_array().unwrap())
        .enumerate()
    {
        assert_eq!(figures["id"], ksb.id.as_str());
        let mut gaps = Gaps::default();
        for (own, review) in &pairs {
            gaps.add(own.scores[k], review.scores[k]);
            overall.add(own.scores[k], review.scores[k]);
        }
        gaps.check(figures, &ksb.id);
    }
    overall.check(&json["overall"], "overall");

    let mut by_reviewer: BTreeMap<Option<String>, (usize, Gaps)> = BTreeMap::new();
    for (own, review) in &pairs {
        let entry = by_reviewer
            .entry(review.reviewer.map(canonical))
            .or_default();
        entry.0 += 1;
        for (a, b) in own.scores.iter().zip(&review.scores) {
            entry.1.add(*a, *b);
        }
    }
    let mut expected: Vec<(Option<String>, (usize, Gaps))> = by_reviewer.into_iter().collect();
    let unnamed_first = expected.first().is_some_and(|(name, _)| name.is_none());
    expected.rotate_left(usize::from(unnamed_first));
    let listed = json["reviewers"].as_array().unwrap();
    assert_eq!(listed.len(), expected.len());
    assert_eq!(
        listed[0]["reviewer"], "Mentor A",
        "Mentor_A and mentor A are one reviewer"
    );
    for ((name, (reviews, gaps)), figures) in expected.iter().zip(listed) {
        assert_eq!(figures["reviewer"], serde_json::json!(name));
        assert_eq!(figures["reviews"], *reviews, "{name:?}");
        gaps.check(figures, &format!("reviewer {name:?}"));
    }
    assert_eq!(
        listed.last().unwrap()["reviewer"],
        Value::Null,
        "unrecorded last"
    );

    for grouping in ["role_focus", "area"] {
        for group in json["groups"][grouping].as_array().unwrap() {
            let name = group["name"].as_str().unwrap();
            let mut gaps = Gaps::default();
            for (k, ksb) in cohort.ksbs.iter().enumerate() {
                let inside = match grouping {
                    "role_focus" => ksb.role_focus == name,
                    _ => ksb.areas.iter().any(|a| a == name),
                };
                if inside {
                    for (own, review) in &pairs {
                        gaps.add(own.scores[k], review.scores[k]);
                    }
                }
            }
            gaps.check(group, &format!("{grouping} {name}"));
        }
    }
    let keys: Vec<&String> = json["groups"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["area", "role_focus"]);

    let table = ws.ok(&["calibrate", "cohort"]);
    assert!(table.starts_with(&format!(
        "Calibration: {} pairs of a self-assessment and the latest mentor review on or after it ({PEOPLE} participants; {without_self} without a self-assessment, {without_review} without a mentor review after it)\n",
        pairs.len()
    )), "{table}");
    let k1 = &json["ksbs"][0];
    let mean = k1["mean_gap"].as_f64().unwrap();
    let row = table.lines().find(|l| l.starts_with("| K1 ")).unwrap();
    assert!(
        row.contains(&format!(" {mean:+.2} ")),
        "two places in the table: {row}"
    );
}

#[test]
fn the_long_export_has_a_row_per_sheet_and_ksb() {
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, None);
    ws.ok(&["export", "cohort", "--format", "csv", "-o", "long.csv"]);
    let mut reader = csv::Reader::from_path(ws.file("long.csv")).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "username",
            "role_focus",
            "assessment_type",
            "date",
            "reviewer",
            "file",
            "id",
            "category",
            "title",
            "stack_area",
            "score",
            "note"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), cohort.sheets.len() * cohort.ksbs.len());
    let expected = cohort.sheets.iter().flat_map(|sheet| {
        cohort.ksbs.iter().enumerate().map(move |(k, ksb)| {
            vec![
                canonical(&sheet.username),
                sheet.role_focus.to_string(),
                KINDS[sheet.kind].to_string(),
                sheet.date(),
                sheet.reviewer.map(canonical).unwrap_or_default(),
                sheet.path(),
                ksb.id.clone(),
                ksb.category_key.clone(),
                ksb.title.clone(),
                ksb.stack_area.clone(),
                sheet.scores[k].text(),
                sheet.notes[k].clone().unwrap_or_default(),
            ]
        })
    });
    for (row, want) in rows.iter().zip(expected) {
        let got: Vec<&str> = row.iter().collect();
        assert_eq!(got, want);
    }

    let json = json(&ws, &["export", "cohort", "--format", "json"]);
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), cohort.sheets.len() * cohort.ksbs.len());
    let first = &cohort.sheets[0];
    assert_eq!(rows[0]["username"], canonical(&first.username));
    assert_eq!(rows[0]["file"], first.path());
    let score = match first.scores[0] {
        Written::Points(p) => serde_json::json!(p),
        Written::NotApplicable => serde_json::json!("N/A"),
        Written::Unscored => Value::Null,
    };
    assert_eq!(rows[0]["score"], score);
}

#[test]
fn bad_sheets_are_reported_and_the_rest_counted() {
    let ws = Workspace::new();
    let cohort = write_cohort(&ws, None);
    let stranger =
        "format = 1\nstandard = \"other-programme\"\n[participant]\nusername = \"Stranger\"\n";
    ws.write("cohort/zz-stranger.toml", stranger);
    ws.write("cohort/zz-broken.toml", "format = 1\n[participant\n");
    let output = ws
        .ksb(&["roster", "cohort", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let listed = cohort.sheets.len() + 2;
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "ksb: error: reading sheet 'cohort/zz-broken.toml': line 2, column 13: unclosed table, expected `]`\n\
             ksb: error: reading sheet 'cohort/zz-stranger.toml': line 2, column 12: the sheet is for standard 'other-programme', but the standard in use is 'miraheze-tech-mentoring': choose its standard's file with --standard FILE\n\
             ksb: error: 2 of {listed} sheets could not be read; the report counts the other {}\n",
            cohort.sheets.len()
        )
    );
    let roster: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(roster["participants"].as_array().unwrap().len(), PEOPLE);
    let stderr = ws.fails(1, &["calibrate", "cohort", "--strict"]);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("'cohort/zz-broken.toml'"), "{stderr}");

    // One participant's sheets of two standards cannot be put in one order.
    let theirs =
        "format = 1\nstandard = \"other-programme\"\n[participant]\nusername = \"user03\"\n";
    ws.write("cohort/zz-user03.toml", theirs);
    let newest = cohort.people()["User03"].last().unwrap().path();
    for command in ["summary", "roster", "calibrate"] {
        let stderr = ws.fails(1, &[command, "cohort"]);
        assert_eq!(
            stderr,
            format!(
                "ksb: error: participant 'user03' has sheets of two standards: '{newest}' is for standard 'miraheze-tech-mentoring' and 'cohort/zz-user03.toml' for standard 'other-programme'; a participant's sheets must all be of one standard\n"
            ),
            "{command}"
        );
    }

    let stderr = ws.fails(1, &["summary", "cohort", "--type", "peer"]);
    assert_eq!(
        stderr,
        "ksb: error: --type 'peer' is not an assessment type: one of self, mentor, final, Self-assessment, Mentor review, Final check\n"
    );
    ws.fails(2, &["roster", "cohort", "--as-of", "2026-13-45"]);
    let stderr = ws.fails(1, &["export", "cohort"]);
    assert!(
        stderr.contains("use --format csv or --format json"),
        "{stderr}"
    );
    let stderr = ws.fails(
        1,
        &[
            "chart",
            "cohort/p000-d-self.toml",
            "--type",
            "self",
            "-o",
            "x.svg",
        ],
    );
    assert!(
        stderr.contains("give a folder, sheets of several participants or --heatmap"),
        "{stderr}"
    );
}

#[test]
fn the_reviewer_is_set_by_ksb_score_and_shown_by_every_export() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "r.toml",
        "--username",
        "Mentee",
        "--role-focus",
        "Generalist",
        "--assessment-type",
        "Mentor review",
        "--reviewer",
        "  Mentor_A ",
        "K1=2",
    ]);
    assert!(ws.read("r.toml").contains("reviewer = \"Mentor A\"\n"));
    let export: Value =
        serde_json::from_str(&ws.ok(&["export", "r.toml", "--format", "json"])).unwrap();
    assert_eq!(export["participant"]["reviewer"], "Mentor A");
    let markdown = ws.ok(&["export", "r.toml", "--format", "markdown"]);
    assert!(markdown.contains("- Reviewer: Mentor A\n"), "{markdown}");
    let shown = ws.ok(&["show", "r.toml"]);
    assert!(shown.contains("\nReviewer: Mentor A\n"), "{shown}");
    let long = ws.ok(&["export", "r.toml", "r.toml", "--format", "csv"]);
    assert_eq!(
        long.lines().count(),
        1 + 28,
        "one sheet named twice is exported once"
    );
    assert!(
        long.lines()
            .nth(1)
            .unwrap()
            .contains(",Mentor A,r.toml,K1,"),
        "{long}"
    );

    ws.ok(&["score", "r.toml", "--reviewer", ""]);
    assert!(!ws.read("r.toml").contains("reviewer"));
    let err = ws.fails(1, &["score", "r.toml", "--reviewer", "a\nb"]);
    assert!(err.contains("in --reviewer"), "{err}");
    let blank = ws.ok(&["export", "--blank", "--format", "markdown"]);
    assert!(
        !blank.contains("Reviewer"),
        "the blank sheet does not ask for it"
    );
}
