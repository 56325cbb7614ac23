//! `ksb standard import`: the standard's wiki page read into a standard YAML file through the
//! real binary. The seed page is the built-in standard unchanged; a page that drops K11 and adds
//! a KSB is version 1.1 of the fixtures, which sheets then read as the version rules say.

use std::fs;

use crate::common::{fixture, Workspace};
use ksb::{Category, Standard};

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

#[test]
fn the_seed_page_against_the_builtin_standard_is_no_change_and_the_same_28_ksbs() {
    let ws = Workspace::new();
    let out = ws.ok(&[
        "standard",
        "import",
        &path("mentoring-standard.txt"),
        "-o",
        "std.yaml",
    ]);
    assert_eq!(
        out,
        "No change: the page lists the 28 KSBs of version 1.0 of standard \
         'miraheze-tech-mentoring' as it has them\nWrote std.yaml\n"
    );
    let check = ws.ok(&["standard", "--check", "std.yaml"]);
    assert_eq!(
        check,
        "std.yaml: valid standard 'miraheze-tech-mentoring' version 1.0 with 28 KSBs (11 \
         knowledge, 9 skills, 8 behaviours)\n"
    );
    let written = Standard::from_yaml(&ws.read("std.yaml")).unwrap();
    let builtin = Standard::builtin();
    assert_eq!(written, builtin);
    let ids = |s: &Standard| -> Vec<(String, Category)> {
        s.ksbs
            .iter()
            .map(|k| (k.id.to_string(), k.category))
            .collect()
    };
    assert_eq!(ids(&written), ids(&builtin));

    // Without -o the YAML goes to stdout and the report to stderr.
    let output = ws
        .ksb(&["standard", "import", &path("mentoring-standard.txt")])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        ws.read("std.yaml")
    );
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .starts_with("No change"));
}

#[test]
fn a_ksb_removed_and_one_added_is_the_next_version_as_the_version_rules_have_it() {
    let ws = Workspace::new();
    let out = ws.ok(&[
        "standard",
        "import",
        &path("standard-page-v1.1.txt"),
        "-o",
        "v1.1.yaml",
    ]);
    assert_eq!(
        out,
        "Version 1.0 → 1.1 of standard 'miraheze-tech-mentoring': 2 changes, 28 KSBs\n  \
         K12 Observability: added (knowledge)\n  K11 Infrastructure and Suppliers: removed \
         (sheets keep its score as retired)\nWrote v1.1.yaml\n"
    );
    let written = Standard::from_yaml(&ws.read("v1.1.yaml")).unwrap();
    let fixture_v1_1 =
        Standard::from_yaml(&fs::read_to_string(fixture("standard-v1.1.yaml")).unwrap()).unwrap();
    assert_eq!(written, fixture_v1_1);
    assert!(ws.read("v1.1.yaml").contains(
        "# Removed in version 1.1, kept under [retired_scores] by sheets scored before: K11 \
         (Infrastructure and Suppliers)."
    ));

    // A sheet scored against 1.0 reads with the imported 1.1 as with the fixture's.
    ws.write(
        "x.toml",
        &fs::read_to_string(fixture("sheet-v1.0.toml")).unwrap(),
    );
    let output = ws
        .ksb(&["--standard", "v1.1.yaml", "summary", "x.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("version 1.1 no longer has K11"), "{stderr}");
    assert!(stderr.contains("added K12 since version 1.0"), "{stderr}");
}

/// The seed page with one piece of its standard table replaced.
fn seed_with(ws: &Workspace, replace: &str, with: &str) -> String {
    let seed = fs::read_to_string(fixture("mentoring-standard.txt")).unwrap();
    assert!(seed.contains(replace), "{replace}");
    ws.write("page.txt", &seed.replacen(replace, with, 1));
    "page.txt".to_string()
}

#[test]
fn changed_cells_keep_ids_and_categories_and_only_what_changed_changes() {
    let ws = Workspace::new();
    let seed = fs::read_to_string(fixture("mentoring-standard.txt")).unwrap();
    let page = seed
        .replacen(
            "| Log Interpretation | Reads and explains logs from syslog, PHP error logs, MediaWiki debug logs, and application-level logs. | Infra & MediaWiki |",
            "| log  interpretation | Reads and explains logs, from syslog to Logstash. | Infra |",
            1,
        )
        .replacen(
            "| Documentation Discipline | Keeps technical and procedural documentation up to date for transparency and resilience. | All Areas | Generalist |",
            "| Documentation Discipline | Keeps technical and procedural documentation up to date for transparency and resilience. | All Areas | MediaWiki Specialist |",
            1,
        );
    ws.write("page.txt", &page);
    let out = ws.ok(&[
        "standard",
        "import",
        "page.txt",
        "-o",
        "new.yaml",
        "--new-version",
        "2.0",
    ]);
    assert_eq!(
        out,
        "Version 1.0 → 2.0 of standard 'miraheze-tech-mentoring': 4 changes, 28 KSBs\n  \
         S6: title 'Log Interpretation' → 'log  interpretation'\n  S6 log  interpretation: \
         new description\n  S6: stack area 'Infra & MediaWiki' → 'Infra'\n  B7: role focus \
         Generalist → MediaWiki Specialist\nWrote new.yaml\n"
    );
    let new = Standard::from_yaml(&ws.read("new.yaml")).unwrap();
    let builtin = Standard::builtin();
    assert_eq!(new.version, "2.0");
    let s6 = new.ksbs.iter().find(|k| k.id.as_str() == "S6").unwrap();
    assert_eq!(s6.areas, ["Infra"]);
    assert_eq!(s6.category, Category::Skill);
    assert_eq!(s6.since, None);
    for (old, new) in builtin.ksbs.iter().zip(&new.ksbs) {
        assert_eq!(old.id, new.id);
        if !["S6", "B7"].contains(&old.id.as_str()) {
            assert_eq!(old, new);
        }
    }
}

#[test]
fn a_new_ksb_needs_a_section_row_or_category_and_gets_the_next_id() {
    let ws = Workspace::new();
    let last = "| Inclusive Mentorship | Adapts mentoring approach to suit contributors of different skill levels and backgrounds. | Community | Generalist |";
    let page = seed_with(
        &ws,
        last,
        &format!("{last} | Calm Under Pressure | Stays calm and kind in an outage. | All Areas | Generalist |"),
    );
    let err = ws.fails(1, &["standard", "import", &page]);
    assert_eq!(
        err,
        "ksb: error: importing the standard from 'page.txt': line 3, row 29 'Calm Under \
         Pressure': a new KSB, and no section row (Knowledge, Skills or Behaviours) above it \
         says which category: give --category\nksb: error: importing the standard from \
         'page.txt': 1 problem (listed above); nothing written\n"
    );
    let out = ws.ok(&[
        "standard",
        "import",
        &page,
        "--category",
        "behaviour",
        "-o",
        "b.yaml",
    ]);
    assert!(
        out.contains("B9 Calm Under Pressure: added (behaviour)"),
        "{out}"
    );
    let new = Standard::from_yaml(&ws.read("b.yaml")).unwrap();
    let b9 = new.ksbs.last().unwrap();
    assert_eq!((b9.id.as_str(), b9.since.as_deref()), ("B9", Some("1.1")));
    assert_eq!(b9.areas, ["All Areas"]);
}

#[test]
fn a_wikitable_page_with_section_rows_places_new_ksbs_in_their_category() {
    let ws = Workspace::new();
    let builtin = Standard::builtin();
    let mut page = String::from(
        "{| class=\"wikitable\"\n! Title !! Description !! Stack Area !! Role Focus\n",
    );
    for category in Category::ALL {
        page.push_str(&format!("|-\n! colspan=\"4\" | {}\n", category.heading()));
        for ksb in builtin.ksbs_in(category) {
            page.push_str(&format!(
                "|-\n| {} || {} || {} || {}\n",
                ksb.title, ksb.description, ksb.stack_area, ksb.role_focus
            ));
        }
        if category == Category::Skill {
            page.push_str("|-\n| Puppet Changes || Writes and reviews Puppet changes. || Infra || Infrastructure Specialist\n");
        }
    }
    page.push_str("|}\n");
    ws.write("page.wiki", &page);
    let out = ws.ok(&["standard", "import", "page.wiki", "-o", "s.yaml"]);
    assert!(out.contains("S10 Puppet Changes: added (skill)"), "{out}");
    let new = Standard::from_yaml(&ws.read("s.yaml")).unwrap();
    let ids: Vec<&str> = new.ksbs.iter().map(|k| k.id.as_str()).collect();
    let s10 = ids.iter().position(|id| *id == "S10").unwrap();
    assert_eq!((ids[s10 - 1], ids[s10 + 1]), ("S9", "B1"));
}

#[test]
fn each_bad_row_is_one_error_naming_it_and_nothing_is_written() {
    let log = "| Log Interpretation | Reads and explains logs from syslog, PHP error logs, MediaWiki debug logs, and application-level logs. | Infra & MediaWiki | Infrastructure Specialist |";
    let cases = [
        (
            "| Infra & MediaWiki | Infrastructure Specialist |",
            "| Infra & MediaWiki | Wizard |",
            "line 3, row 13 'Incident Response & Debugging': role focus 'Wizard' is not one of the \
             standard's: Generalist, MediaWiki Specialist, Infrastructure Specialist",
        ),
        (
            log,
            "| Log Interpretation | Reads logs. | Moon Base | Infrastructure Specialist |",
            "line 3, row 17 'Log Interpretation': stack area 'Moon Base' names none of the \
             standard's areas (Community, Infra, MediaWiki, Platform Security, All Areas): add \
             the area to the base standard first",
        ),
        (
            log,
            &format!("{log} {log}"),
            "line 3, row 18 'Log Interpretation': S6 is already on row 17",
        ),
    ];
    for (replace, with, problem) in cases {
        let ws = Workspace::new();
        let page = seed_with(&ws, replace, with);
        let err = ws.fails(1, &["standard", "import", &page, "-o", "out.yaml"]);
        assert_eq!(
            err.lines().next().unwrap(),
            format!("ksb: error: importing the standard from 'page.txt': {problem}"),
            "{with}"
        );
        assert!(!ws.file("out.yaml").exists());
    }
}

#[test]
fn the_output_is_replaced_only_with_force_and_versions_only_go_up() {
    let ws = Workspace::new();
    let seed = path("mentoring-standard.txt");
    ws.write("std.yaml", "mine\n");
    let err = ws.fails(1, &["standard", "import", &seed, "-o", "std.yaml"]);
    assert!(
        err.contains("'std.yaml' already exists: give --force"),
        "{err}"
    );
    assert_eq!(ws.read("std.yaml"), "mine\n");
    ws.ok(&["standard", "import", &seed, "-o", "std.yaml", "--force"]);
    ws.ok(&["standard", "--check", "std.yaml"]);

    let err = ws.fails(
        1,
        &[
            "standard",
            "import",
            &path("standard-page-v1.1.txt"),
            "--new-version",
            "0.9",
        ],
    );
    assert!(
        err.contains("version '0.9' is not newer than the base standard's 1.0"),
        "{err}"
    );
    // The base can be any standard: 1.1 against itself is no change.
    let out = ws.ok(&[
        "standard",
        "import",
        &path("standard-page-v1.1.txt"),
        "--base",
        &path("standard-v1.1.yaml"),
        "-o",
        "same.yaml",
    ]);
    assert!(
        out.starts_with("No change: the page lists the 28 KSBs of version 1.1"),
        "{out}"
    );
    let err = ws.fails(1, &["standard", "import", "notes.txt"]);
    assert!(
        err.contains("reading page 'notes.txt': no such file"),
        "{err}"
    );
    ws.write("notes.txt", "Nothing here | at all\n");
    let err = ws.fails(1, &["standard", "import", "notes.txt"]);
    assert!(err.contains("the page has no standard table (a table whose heading row has Title and Description columns)"), "{err}");
}
