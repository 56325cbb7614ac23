//! Evidence in the reports, through the real binary on the sheets of
//! tests/fixtures/evidence/cohort (their `[[evidence]]` tables written by hand): the support columns of `compare` and `plan`,
//! who scores 2 or more without evidence on the roster, the backed share of `summary DIR`, and
//! the long export's evidence table with a hostile description neutralised.
//!
//! The fixtures: Ann's self-assessment (items 1 on K3 S2 checked, 2 on K3 questioned with a
//! `=HYPERLINK(` description, 3 on B1), her mentor review (carrying item 1, checked again, and
//! the mentor's item 4 on S2 K1), and Bob's self-assessment without evidence (K1 3, K4 2, B1 0).

use serde_json::Value;

use crate::common::{fixture, Workspace};

/// A fixture sheet's path as an argument.
fn sheet(name: &str) -> String {
    fixture(&format!("evidence/cohort/{name}"))
        .display()
        .to_string()
}

/// The folder of the fixture sheets.
fn folder() -> String {
    fixture("evidence/cohort").display().to_string()
}

/// The cells of the table row that begins with `first` (a KSB id, a name) in a terminal
/// table, or `None` when no row does.
fn row(text: &str, first: &str) -> Option<Vec<String>> {
    text.lines()
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().map(String::as_str) == Some(first))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON output")
}

#[test]
fn compare_counts_the_items_of_both_sheets_once_each() {
    let ws = Workspace::new();
    let args = [
        "compare",
        &sheet("ann-self.toml"),
        &sheet("ann-review.toml"),
    ];
    let table = ws.ok(&args);
    let header = row(&table, "Id").unwrap();
    assert_eq!(&header[5..], ["Evidence", "Checked"], "{table}");
    // K3: item 1 (on both sheets, once) and item 2 (questioned); S2: item 1 and the mentor's
    // item 4; K1: item 4; B1: item 3; K2: none, blank.
    assert_eq!(&row(&table, "K3").unwrap()[5..], ["2", "1"]);
    assert_eq!(&row(&table, "S2").unwrap()[5..], ["2", "1"]);
    assert_eq!(&row(&table, "K1").unwrap()[5..], ["1", "0"]);
    assert_eq!(&row(&table, "B1").unwrap()[5..], ["1", "0"]);
    assert_eq!(&row(&table, "K2").unwrap()[5..], ["", ""]);
    assert!(table.contains("counts once"), "{table}");

    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let shown = json(&ws.ok(&with_json));
    let ksb = |id: &str| {
        shown["ksbs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id)
            .unwrap()["evidence"]
            .clone()
    };
    assert_eq!(ksb("K3"), serde_json::json!({"checked": 1, "items": 2}));
    assert_eq!(ksb("K2"), serde_json::json!({"checked": 0, "items": 0}));
}

#[test]
fn compare_and_plan_without_evidence_have_no_evidence_columns() {
    let ws = Workspace::new();
    let bob = sheet("bob-self.toml");
    let table = ws.ok(&["compare", &bob, &bob]);
    assert!(!table.contains("Evidence"), "{table}");
    let plan = ws.ok(&["plan", &bob, "--format", "markdown"]);
    assert!(!plan.contains("Evidence"), "{plan}");
    let shown = json(&ws.ok(&["compare", &bob, &bob, "--format", "json"]));
    assert_eq!(
        shown["ksbs"][0]["evidence"]["items"], 0,
        "JSON keeps its shape"
    );
}

#[test]
fn plan_shows_support_in_the_tables_whose_ksbs_have_evidence() {
    let ws = Workspace::new();
    // The review: S2 scored 3 is a strength with items 1 (checked) and 4; nothing is scored
    // 0 or 1 in focus, and no unscored KSB has evidence.
    let plan = ws.ok(&["plan", &sheet("ann-review.toml"), "--format", "markdown"]);
    let strengths = plan
        .split("### Strengths")
        .nth(1)
        .expect("the strengths table");
    assert!(
        strengths.contains("| Id | Title | Stack Area | Role Focus | Evidence | Checked |"),
        "{plan}"
    );
    assert!(
        strengths.contains("| S2 | Incident Response & Debugging | Infra & MediaWiki | Infrastructure Specialist | 2 | 1 |"),
        "{plan}"
    );
    let unscored = plan.split("### Not yet scored").nth(1).unwrap();
    let unscored = unscored.split("###").next().unwrap();
    assert!(!unscored.contains("Evidence"), "{plan}");
    // The self-assessment: B1 scored 1 is to develop, with item 3 (not checked).
    let plan = ws.ok(&["plan", &sheet("ann-self.toml")]);
    let b1 = row(&plan, "B1").expect("B1 to develop");
    assert_eq!(b1[4..6], ["1", "0"], "{plan}");
}

#[test]
fn roster_lists_who_scores_two_or_more_without_evidence() {
    let ws = Workspace::new();
    let table = ws.ok(&["roster", &folder()]);
    assert!(
        table.contains("Scored 2 or more without evidence: 1 participant"),
        "{table}"
    );
    // Ann's review scores K1 K3 B1 2 and S2 3: each named by an item on one of her sheets.
    let ann = row(&table, "Ann").unwrap();
    assert_eq!(ann[ann.len() - 2..], ["0", ""], "{table}");
    let bob = row(&table, "Bob").unwrap();
    assert_eq!(bob[bob.len() - 2..], ["2", "K1 K4"], "{table}");

    let csv = ws.ok(&["roster", &folder(), "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .ends_with(",Needs,Without evidence,KSBs without evidence"));
    assert!(csv
        .lines()
        .any(|l| l.starts_with("Participants,Bob,") && l.ends_with(",2,K1 K4")));

    let shown = json(&ws.ok(&["roster", &folder(), "--format", "json"]));
    assert_eq!(shown["evidence_items"], 5);
    let people = shown["participants"].as_array().unwrap();
    assert_eq!(people[0]["without_evidence"], serde_json::json!([]));
    assert_eq!(
        people[1]["without_evidence"],
        serde_json::json!(["K1", "K4"])
    );

    // As of 20/11: only Ann's self-assessment is listed, with items 1 and 2 (added that day;
    // item 3 came on 21/11): its K3 3 and S2 2 are backed, its K1 2 is not.
    let earlier = ws.ok(&["roster", &folder(), "--as-of", "20/11/2026"]);
    let ann = row(&earlier, "Ann").unwrap();
    assert_eq!(ann[ann.len() - 2..], ["1", "K1"], "{earlier}");
}

#[test]
fn a_cohort_without_evidence_says_so_in_one_line_and_shows_no_roster_columns() {
    let ws = Workspace::new();
    let bob = sheet("bob-self.toml");
    let summary = ws.ok(&["summary", &bob, &bob]);
    assert!(
        summary.contains("Backed by evidence: none (no sheet read has evidence items)."),
        "{summary}"
    );
    assert!(!summary.contains("Backed by evidence, by"), "{summary}");
    let roster = ws.ok(&["roster", &bob]);
    assert!(!roster.contains("without evidence"), "{roster}");
}

#[test]
fn summary_gives_the_backed_share_per_role_focus_and_stack_area() {
    let ws = Workspace::new();
    let table = ws.ok(&["summary", &folder()]);
    // Latest sheet of each: Ann's review scores K1 2, K2 1, K3 2, S2 3, B1 2 (K2 not backed);
    // Bob scores K1, K4, B1, none backed: 4 of 8.
    assert!(
        table.contains("Backed by evidence: 4 (50%) of 8 scored KSBs (5 evidence items read)."),
        "{table}"
    );
    let by_area = table
        .split("Backed by evidence, by stack area")
        .nth(1)
        .unwrap();
    assert_eq!(row(by_area, "Infra").unwrap(), ["Infra", "2", "2", "100%"]);
    let csv = ws.ok(&["summary", &folder(), "--format", "csv"]);
    for line in [
        "\"Backed by evidence, by role focus\",Generalist,5,2,40%",
        "\"Backed by evidence, by role focus\",Infrastructure Specialist,2,2,100%",
        "\"Backed by evidence, by stack area\",MediaWiki,2,1,50%",
        "\"Backed by evidence, by stack area\",Platform Security,1,0,0%",
    ] {
        assert!(csv.lines().any(|l| l == line), "{line} in {csv}");
    }
    let shown = json(&ws.ok(&["summary", &folder(), "--format", "json"]));
    let evidence = &shown["evidence"];
    assert_eq!(evidence["items"], 5);
    assert_eq!(evidence["overall"]["scored"], 8);
    assert_eq!(evidence["overall"]["backed"], 4);
    assert_eq!(evidence["overall"]["share"], 0.5);
    assert_eq!(evidence["groups"]["area"][1]["name"], "Infra");
    assert_eq!(evidence["groups"]["area"][1]["share"], 1.0);

    // Every sheet counted: Ann's self-assessment adds K1 K3 S2 B1 (all backed by her items on
    // either sheet): 8 of 12.
    let every = json(&ws.ok(&["summary", &folder(), "--all-sheets", "--format", "json"]));
    assert_eq!(every["evidence"]["overall"]["scored"], 12);
    assert_eq!(every["evidence"]["overall"]["backed"], 8);
    // Only self-assessments: Ann's 4 scored, all backed (item 4 of her review names K1 too),
    // Bob's 3 not.
    let selves = json(&ws.ok(&["summary", &folder(), "--type", "self", "--format", "json"]));
    assert_eq!(selves["evidence"]["overall"]["backed"], 4);
    assert_eq!(selves["evidence"]["overall"]["scored"], 7);
}

#[test]
fn the_long_evidence_table_has_a_row_per_item_and_neutralises_formulas() {
    let ws = Workspace::new();
    let csv = ws.ok(&["export", &folder(), "--evidence", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "username,role_focus,assessment_type,date,reviewer,file,number,text,link,url,ksbs,added,added_by,verdict,verdict_by,verdict_date,verdict_comment"
    );
    assert_eq!(lines.len(), 1 + 5, "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let hostile = rows.iter().find(|r| &r[6] == "2").expect("Ann's item 2");
    assert_eq!(
        &hostile[7],
        "'=HYPERLINK(\"https://evil.example/steal\",\"Click me\")"
    );
    assert_eq!(&hostile[13], "questioned");
    assert_eq!(&hostile[16], "'-which change?");
    let task = rows.iter().find(|r| &r[6] == "1").unwrap();
    assert_eq!(&task[8], "T12345");
    assert_eq!(&task[9], "https://issue-tracker.miraheze.org/T12345");
    assert_eq!(&task[10], "K3 S2");
    assert_eq!(&task[11], "20/11/2026");
    let page = rows.iter().find(|r| &r[6] == "3").unwrap();
    assert_eq!((&page[8], &page[9]), ("[[Tech:Swift]]", ""));
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {csv}");
        }
    }

    let shown = json(&ws.ok(&[
        "export",
        &sheet("ann-self.toml"),
        "--evidence",
        "--format",
        "json",
    ]));
    let items = shown.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[1]["text"],
        "=HYPERLINK(\"https://evil.example/steal\",\"Click me\")"
    );
    assert_eq!(items[1]["verdict"]["state"], "questioned");
    assert_eq!(items[0]["ksbs"], serde_json::json!(["K3", "S2"]));

    let none = ws.ok(&[
        "export",
        &sheet("bob-self.toml"),
        "--evidence",
        "--format",
        "csv",
    ]);
    assert_eq!(none.lines().count(), 1, "only the header: {none}");
    let refused = ws.fails(1, &["export", &folder(), "--evidence"]);
    assert!(
        refused.contains("use --format csv or --format json"),
        "{refused}"
    );
}
