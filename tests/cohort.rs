//! `ksb summary` over many sheets: a cohort generated here from a fixed seed, its figures
//! checked against means the test computes itself from the scores it wrote.

use std::collections::BTreeMap;

use crate::common::Workspace;
use serde_json::Value;

/// The preferred role focuses of the built-in standard, in its order.
const ROLE_FOCUSES: [&str; 3] = [
    "Generalist",
    "MediaWiki Specialist",
    "Infrastructure Specialist",
];

/// Sheets written by hand as TOML; a few more are made with `ksb score`. More than the 300 that
/// show a progress bar on a terminal, so the exact stderr checks also show no bar in a pipe.
const GENERATED_SHEETS: usize = 320;

/// Xorshift64*: a few lines, so the cohort is the same on every machine and run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// One KSB of the standard, as `ksb standard --format json` lists it.
struct Ksb {
    id: String,
    category: String,
    areas: Vec<String>,
    role_focus: String,
}

/// A score as the test wrote it: unscored, N/A or 0–3.
#[derive(Clone, Copy)]
enum Written {
    Unscored,
    NotApplicable,
    Points(u32),
}

/// Scores given to `ksb score`, such as K1=3.
type ScoresToSet = &'static [(&'static str, Written)];

/// One generated participant.
struct Participant {
    role_focus: &'static str,
    scores: Vec<Written>,
}

/// Numeric scores added up, and entries counted, as the test counts them.
#[derive(Default, Clone, Copy)]
struct Count {
    sum: u32,
    scored: usize,
    na: usize,
    unscored: usize,
}

impl Count {
    fn add(&mut self, score: Written) {
        match score {
            Written::Unscored => self.unscored += 1,
            Written::NotApplicable => self.na += 1,
            Written::Points(points) => {
                self.sum += points;
                self.scored += 1;
            }
        }
    }

    fn mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| f64::from(self.sum) / self.scored as f64)
    }
}

fn standard_ksbs(ws: &Workspace) -> Vec<Ksb> {
    let json: Value = serde_json::from_str(&ws.ok(&["standard", "--format", "json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|ksb| {
            // Summaries name categories by their sheet headings.
            let category = match ksb["category"].as_str().unwrap() {
                "knowledge" => "Knowledge",
                "skill" => "Skills",
                "behaviour" => "Behaviours",
                other => panic!("unknown category {other}"),
            };
            Ksb {
                id: ksb["id"].as_str().unwrap().to_string(),
                category: category.to_string(),
                areas: ksb["areas"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect(),
                role_focus: ksb["role_focus"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

fn sheet_toml(n: usize, participant: &Participant, ksbs: &[Ksb]) -> String {
    let mut text = format!(
        "format = 1\nstandard = \"miraheze-tech-mentoring\"\nstandard_version = \"1.0\"\n\n\
         [participant]\nusername = \"User{n}\"\nrole_focus = \"{}\"\n\
         mentoring_type = \"Mentee\"\nassessment_type = \"Self-assessment\"\ndate = 2026-11-25\n\n\
         [scores]\n",
        participant.role_focus
    );
    for (ksb, score) in ksbs.iter().zip(&participant.scores) {
        match score {
            Written::Unscored => {}
            Written::NotApplicable => text.push_str(&format!("{} = \"n/a\"\n", ksb.id)),
            Written::Points(points) => text.push_str(&format!("{} = {points}\n", ksb.id)),
        }
    }
    text
}

/// Writes the cohort under `cohort/` (in three folders, one nested), a broken sheet and a file
/// that is no sheet, and returns every participant written.
fn write_cohort(ws: &Workspace, ksbs: &[Ksb]) -> Vec<Participant> {
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    for folder in ["cohort/a/deep", "cohort/b"] {
        std::fs::create_dir_all(ws.file(folder)).unwrap();
    }
    let mut participants = Vec::new();
    for n in 0..GENERATED_SHEETS {
        let role_focus = ROLE_FOCUSES[rng.below(3) as usize];
        let scores = ksbs
            .iter()
            .map(|_| match rng.below(10) {
                0 => Written::Unscored,
                1 => Written::NotApplicable,
                _ => Written::Points(rng.below(4) as u32),
            })
            .collect();
        let participant = Participant { role_focus, scores };
        let folder = ["cohort/a", "cohort/a/deep", "cohort/b"][n % 3];
        ws.write(
            &format!("{folder}/user{n:03}.toml"),
            &sheet_toml(n, &participant, ksbs),
        );
        participants.push(participant);
    }
    // Sheets made by `ksb score` itself count like the others.
    let by_ksb_score: [(&str, &str, &str, ScoresToSet); 2] = [
        (
            "Scored",
            "Generalist",
            "cohort/b/scored-1.toml",
            &[("K1", Written::Points(3)), ("S4", Written::NotApplicable)],
        ),
        (
            "Scored again",
            "Infrastructure Specialist",
            "cohort/scored-2.toml",
            &[("K3", Written::Points(0)), ("B8", Written::Points(2))],
        ),
    ];
    for (username, role_focus, path, set) in by_ksb_score {
        let mut args = vec![
            "score".to_string(),
            path.to_string(),
            "--username".into(),
            username.into(),
            "--role-focus".into(),
            role_focus.into(),
        ];
        let mut scores = vec![Written::Unscored; ksbs.len()];
        for (id, score) in set {
            let index = ksbs.iter().position(|k| k.id == *id).unwrap();
            scores[index] = *score;
            args.push(match score {
                Written::Points(points) => format!("{id}={points}"),
                _ => format!("{id}=n/a"),
            });
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ws.ok(&args);
        participants.push(Participant {
            role_focus: ROLE_FOCUSES.iter().find(|r| **r == role_focus).unwrap(),
            scores,
        });
    }
    ws.write("cohort/b/broken.toml", "format = 1\n[participant\n");
    ws.write("cohort/a/README.txt", "Not a sheet: ignored.\n");
    participants
}

/// Group means computed here: (grouping key, group name) → count, for the given participants.
fn group_counts<'a>(
    ksbs: &[Ksb],
    participants: impl Iterator<Item = &'a Participant>,
) -> BTreeMap<(String, String), Count> {
    let mut groups: BTreeMap<(String, String), Count> = BTreeMap::new();
    for participant in participants {
        for (ksb, score) in ksbs.iter().zip(&participant.scores) {
            let mut names = vec![
                ("role_focus", ksb.role_focus.clone()),
                ("category", ksb.category.clone()),
                ("overall", String::new()),
            ];
            names.extend(ksb.areas.iter().map(|area| ("area", area.clone())));
            for (grouping, name) in names {
                groups
                    .entry((grouping.to_string(), name))
                    .or_default()
                    .add(*score);
            }
        }
    }
    groups
}

fn assert_mean(actual: &Value, expected: Option<f64>, what: &str) {
    match expected {
        None => assert!(actual.is_null(), "{what}: expected no mean, got {actual}"),
        Some(expected) => {
            let actual = actual
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: {actual}"));
            assert!(
                (actual - expected).abs() < 1e-12,
                "{what}: {actual} != {expected}"
            );
        }
    }
}

fn assert_count(figures: &Value, expected: &Count, what: &str) {
    assert_eq!(figures["scored"], expected.scored, "{what} scored");
    assert_eq!(figures["na"], expected.na, "{what} na");
    assert_eq!(figures["unscored"], expected.unscored, "{what} unscored");
    assert_mean(&figures["mean"], expected.mean(), what);
}

/// Checks `groups` and `overall` of a summary object against the test's own counts.
fn assert_groups(summary: &Value, expected: &BTreeMap<(String, String), Count>, what: &str) {
    let mut checked = 0;
    for grouping in ["role_focus", "area", "category"] {
        for group in summary["groups"][grouping].as_array().unwrap() {
            let name = group["name"].as_str().unwrap().to_string();
            let count = expected
                .get(&(grouping.to_string(), name.clone()))
                .copied()
                .unwrap_or_default();
            assert_count(group, &count, &format!("{what} {grouping} {name}"));
            checked += 1;
        }
    }
    assert_eq!(checked, 3 + 5 + 3, "{what}: every group of the standard");
    let overall = expected[&("overall".to_string(), String::new())];
    assert_count(&summary["overall"], &overall, &format!("{what} overall"));
}

fn run_json(ws: &Workspace, args: &[&str]) -> (Option<i32>, Value, String) {
    let output = ws.ksb(args).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("{err}: {stdout}"));
    (
        output.status.code(),
        json,
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn cohort_figures_match_means_computed_by_hand() {
    let ws = Workspace::new();
    let ksbs = standard_ksbs(&ws);
    let participants = write_cohort(&ws, &ksbs);
    let (code, json, stderr) = run_json(&ws, &["summary", "cohort", "--format", "json"]);

    assert_eq!(code, Some(1), "a broken sheet makes the exit code 1");
    let expected_stderr = format!(
        "ksb: error: reading sheet 'cohort/b/broken.toml': line 2, column 13: unclosed table, expected `]`\n\
         ksb: error: 1 of {} sheets could not be read; the report counts the other {}\n",
        participants.len() + 1,
        participants.len()
    );
    assert_eq!(stderr, expected_stderr);

    assert_eq!(json["participants"], participants.len());
    let all = group_counts(&ksbs, participants.iter());
    assert_groups(&json, &all, "cohort");

    let listed = json["ksbs"].as_array().unwrap();
    assert_eq!(listed.len(), ksbs.len());
    for (index, (ksb, figures)) in ksbs.iter().zip(listed).enumerate() {
        assert_eq!(figures["id"], ksb.id.as_str());
        let mut count = Count::default();
        for participant in &participants {
            count.add(participant.scores[index]);
        }
        assert_count(figures, &count, &ksb.id);
    }

    let by_focus = json["by_preferred_role_focus"].as_array().unwrap();
    assert_eq!(by_focus.len(), ROLE_FOCUSES.len());
    for (focus, figures) in ROLE_FOCUSES.iter().zip(by_focus) {
        assert_eq!(figures["name"], *focus);
        let theirs: Vec<&Participant> = participants
            .iter()
            .filter(|p| p.role_focus == *focus)
            .collect();
        assert_eq!(figures["participants"], theirs.len(), "{focus}");
        let expected = group_counts(&ksbs, theirs.into_iter());
        assert_groups(figures, &expected, focus);
    }
}

#[test]
fn cohort_json_keeps_the_one_sheet_shape_and_adds_the_cohort() {
    let ws = Workspace::new();
    let ksbs = standard_ksbs(&ws);
    write_cohort(&ws, &ksbs);
    std::fs::remove_file(ws.file("cohort/b/broken.toml")).unwrap();
    let output = ws.ok(&["summary", "cohort", "--format", "json", "--by", "area"]);
    let json: Value = serde_json::from_str(&output).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "by_preferred_role_focus",
            "counted",
            "evidence",
            "groups",
            "ksbs",
            "missing",
            "overall",
            "participants",
            "selection",
            "sheets"
        ]
    );
    let groupings: Vec<&String> = json["groups"].as_object().unwrap().keys().collect();
    assert_eq!(groupings, ["area"], "--by still picks the groupings");
    let ksb_keys: Vec<&String> = json["ksbs"][0].as_object().unwrap().keys().collect();
    assert_eq!(ksb_keys, ["id", "mean", "na", "scored", "unscored"]);
    let focus_keys: Vec<&String> = json["by_preferred_role_focus"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(focus_keys, ["groups", "name", "overall", "participants"]);
}

#[test]
fn strict_stops_at_the_first_bad_sheet_in_order() {
    let ws = Workspace::new();
    let ksbs = standard_ksbs(&ws);
    write_cohort(&ws, &ksbs);
    ws.write("cohort/a/0-first.toml", "format = 2\n");
    let output = ws
        .ksb(&["summary", "cohort", "--strict", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no report with --strict");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "ksb: error: reading sheet 'cohort/a/0-first.toml': line 1, column 10: unknown sheet format 2: this version of ksb reads format 1\n"
    );
}

#[test]
fn table_report_counts_the_cohort_and_names_each_bad_sheet() {
    let ws = Workspace::new();
    let ksbs = standard_ksbs(&ws);
    let participants = write_cohort(&ws, &ksbs);
    ws.write("cohort/a/empty.toml", "");
    let stderr = ws.fails(1, &["summary", "cohort"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with("ksb: error: reading sheet 'cohort/a/empty.toml': the file is empty")
    );
    assert!(lines[1].starts_with("ksb: error: reading sheet 'cohort/b/broken.toml': "));
    assert!(lines[2].starts_with("ksb: error: 2 of"));

    let stdout = ws.ksb(&["summary", "cohort"]).output().unwrap().stdout;
    let table = String::from_utf8(stdout).unwrap();
    let theirs = |focus: &str| {
        participants
            .iter()
            .filter(|p| p.role_focus == focus)
            .count()
    };
    assert!(table.starts_with(&format!(
        "Cohort: {} participants ({} sheets read; latest sheet of each)\nPreferred role focus: Generalist {}, MediaWiki Specialist {}, Infrastructure Specialist {}\n",
        participants.len(),
        participants.len(),
        theirs("Generalist"),
        theirs("MediaWiki Specialist"),
        theirs("Infrastructure Specialist"),
    )));
    for heading in [
        "\nBy KSB\n",
        "\nBy stack area\n",
        "\nMeans by category, per preferred role focus\n",
    ] {
        assert!(table.contains(heading), "{heading:?} in\n{table}");
    }
}

#[test]
fn files_and_folders_mix_and_every_path_counts() {
    let ws = Workspace::new();
    let ksbs = standard_ksbs(&ws);
    write_cohort(&ws, &ksbs);
    let (code, json, stderr) = run_json(
        &ws,
        &[
            "summary",
            "cohort/a/deep",
            "cohort/b/user002.toml",
            "cohort/scored-2.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    let deep = std::fs::read_dir(ws.file("cohort/a/deep")).unwrap().count();
    assert_eq!(json["participants"], deep + 2);
}

#[test]
fn one_sheet_keeps_the_one_sheet_report() {
    let ws = Workspace::new();
    let ksbs = standard_ksbs(&ws);
    write_cohort(&ws, &ksbs);
    std::fs::create_dir_all(ws.file("single/inner")).unwrap();
    std::fs::copy(
        ws.file("cohort/a/user000.toml"),
        ws.file("single/inner/one.toml"),
    )
    .unwrap();
    for format in ["table", "json"] {
        let direct = ws.ok(&["summary", "cohort/a/user000.toml", "--format", format]);
        let found = ws.ok(&["summary", "single", "--format", format]);
        assert_ne!(found, direct, "a folder holding one sheet is a cohort");
        assert!(direct.contains("User0"), "{direct}");
    }
    let stderr = ws.fails(1, &["summary", "missing.toml"]);
    assert_eq!(
        stderr,
        "ksb: error: reading sheet 'missing.toml': no such file\n"
    );
}

#[test]
fn a_folder_without_sheets_is_an_error() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file("empty/inner")).unwrap();
    ws.write("empty/inner/notes.txt", "no sheets here");
    let stderr = ws.fails(1, &["summary", "empty"]);
    assert_eq!(
        stderr,
        "ksb: error: no sheets (*.toml files) found in 'empty'\n"
    );
}
