//! Standards in other systems' formats through the real binary: `ksb standard --format
//! moodle-csv | case` and `ksb standard import` of the files those systems write, including
//! hand-written fixtures in their own shapes and hostile files, each refused on one line.

mod common;

use std::fmt::Write as _;

use common::{fixture, Workspace};
use ksb::{Category, Score, Standard};

fn path(name: &str) -> String {
    fixture(&format!("interop/{name}"))
        .to_str()
        .unwrap()
        .to_string()
}

/// The one line of a refusal, checked to be one line.
fn one_line(stderr: &str) -> &str {
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ksb: error: "), "{stderr}");
    stderr.trim_end()
}

#[test]
fn the_builtin_standard_goes_to_moodle_and_comes_back_the_same() {
    let ws = Workspace::new();
    let csv = ws.ok(&["standard", "--format", "moodle-csv"]);
    ws.write("framework.csv", &csv);
    let out = ws.ok(&["standard", "import", "framework.csv", "-o", "std.yaml"]);
    assert_eq!(
        out,
        "Standard 'miraheze-tech-mentoring' version 1.0 from Moodle framework 'framework.csv': \
         28 KSBs\nWrote std.yaml\n"
    );
    assert_eq!(
        Standard::from_yaml(&ws.read("std.yaml")).unwrap(),
        Standard::builtin()
    );
    // Exported again, it is the same file: nothing in it depends on the time or the run.
    assert_eq!(
        ws.ok(&[
            "--standard",
            "std.yaml",
            "standard",
            "--format",
            "moodle-csv"
        ]),
        csv
    );
    // Moodle's rows: the framework first, then a competency per category, then the KSBs.
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[1].starts_with(",miraheze-tech-mentoring,Miraheze Technology Mentoring Programme,")
    );
    assert_eq!(rows[2], ",category-knowledge,Knowledge,,1,,,,0,null,,,,");
    assert!(rows[5].starts_with("category-knowledge,K1,Open Source Ecosystem Awareness,\"<p>"));
}

#[test]
fn a_moodle_framework_with_a_two_level_scale_imports() {
    let ws = Workspace::new();
    let out = ws
        .ksb(&[
            "standard",
            "import",
            &path("moodle-framework.csv"),
            "-o",
            "std.yaml",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains(
        "Moodle scale 'Not yet competent,Competent' (2 levels) mapped onto ksb's 0–3: \
         Not yet competent → 0, Competent → 3"
    ));
    let yaml = ws.read("std.yaml");
    assert!(yaml.contains("# Moodle scale 'Not yet competent,Competent' (2 levels)"));
    let standard = Standard::from_yaml(&yaml).unwrap();
    assert_eq!(standard.id, "WIKI-OPS");
    assert_eq!(standard.title, "Wiki operations");
    assert_eq!(standard.meaning_of(Score::Zero), "Not yet competent");
    assert_eq!(standard.meaning_of(Score::Three), "Competent");
    let ids: Vec<&str> = standard.ksbs.iter().map(|k| k.id.as_str()).collect();
    // The leaves, in the file's order; "Odd,Id" is no ksb id, so it gets one (and a note).
    assert_eq!(ids, ["S-CA-1", "S-CA-2", "S-DB-1", "S1", "B-PE-2"]);
    assert!(yaml.contains("line 12: 'Odd,Id' is S1 here"));
    let first = &standard.ksbs[0];
    assert_eq!(first.title, "Purges a page from the cache");
    assert_eq!(
        first.description,
        "Knows when a purge is needed and runs it without help."
    );
    assert_eq!(first.stack_area, "Caching and CDN");
    assert_eq!(first.areas, ["Services"]);
    assert_eq!(first.category, Category::Skill);
    assert_eq!(
        standard.ksbs[1].description,
        "Reads the hit-rate graphs & says what they mean."
    );
    assert_eq!(standard.ksbs[4].description, "Plain text, kept as it is.");
    assert_eq!(standard.areas, ["Services", "Working with people"]);
    // The file is a standard ksb uses.
    ws.ok(&["standard", "--check", "std.yaml"]);
    // --category places the KSBs nothing else places.
    let yaml = ws.ok(&[
        "standard",
        "import",
        &path("moodle-framework.csv"),
        "--category",
        "behaviour",
    ]);
    let standard = Standard::from_yaml(&yaml).unwrap();
    assert!(standard
        .ksbs
        .iter()
        .all(|k| k.category == Category::Behaviour));
    assert_eq!(standard.ksbs[3].id.as_str(), "B1");
}

#[test]
fn formula_cells_leave_neutralised_and_come_back_as_typed() {
    let ws = Workspace::new();
    let yaml = Standard::builtin();
    let mut standard = yaml.clone();
    standard.ksbs[0].title = "=HYPERLINK(\"http://evil.example\",\"x\")".to_string();
    standard.ksbs[1].description = "@SUM(1+1)\n-2+3".to_string();
    ws.write(
        "evil.yaml",
        &ksb::render::standard_yaml::standard_yaml(&standard, &[]),
    );
    let csv = ws.ok(&[
        "--standard",
        "evil.yaml",
        "standard",
        "--format",
        "moodle-csv",
    ]);
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","));
    ws.write("evil.csv", &csv);
    let back = ws.ok(&["standard", "import", "evil.csv"]);
    assert_eq!(Standard::from_yaml(&back).unwrap(), standard);
}

#[test]
fn hostile_moodle_files_are_refused_on_one_line() {
    let ws = Workspace::new();
    let header = "Parent id number,Id number,Shortname,Description,Description format,Scale \
                  values,Scale configuration,Rule type (optional),Rule outcome (optional),Rule \
                  config (optional),Cross referenced competency id numbers,Exported id \
                  (optional),Is framework,Taxonomy\n";
    let framework = ",F,Framework,,1,\"a,b\",,,,,,,1,\n";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "duplicate.csv",
            format!("{header}{framework},K1,One,,1,,,,,,,,,\n,K1,Again,,1,,,,,,,,,\n"),
            "ksb: error: importing the standard from 'duplicate.csv': line 4, Id number: 'K1' is also the id number of line 3: id numbers are unique in a framework",
        ),
        (
            "scale.csv",
            format!("{header},F,Framework,,1,\"1,2,3,4,5\",,,,,,,1,\n,K1,One,,1,,,,,,,,,\n"),
            "ksb: error: importing the standard from 'scale.csv': line 2, Scale values: Moodle scale '1,2,3,4,5' has 5 levels besides N/A; ksb scores 0–3 and maps a scale of 2 to 4 levels: shorten the scale, or write the standard's YAML by hand",
        ),
        (
            "orphan.csv",
            format!("{header}{framework}nowhere,K1,One,,1,,,,,,,,,\n"),
            "ksb: error: importing the standard from 'orphan.csv': line 3, Parent id number: its parent 'nowhere' is not in the file",
        ),
        (
            "circle.csv",
            format!("{header}{framework}b,a,A,,1,,,,,,,,,\na,b,B,,1,,,,,,,,,\n,K1,One,,1,,,,,,,,,\n"),
            "ksb: error: importing the standard from 'circle.csv': line 3, Parent id number: its parents go round in a circle back to it",
        ),
        (
            "noframework.csv",
            format!("{header},K1,One,,1,,,,,,,,,\n"),
            "ksb: error: importing the standard from 'noframework.csv': no framework row (one with 1 under 'Is framework'): is this a Moodle competency framework?",
        ),
        (
            "header.csv",
            "Id,Name\nK1,One\n".to_string(),
            "ksb: error: importing the standard from 'header.csv': line 1: no column 'Parent id number': the first line must be Moodle's header (\"Parent id number\", \"Id number\", \"Shortname\", …)",
        ),
        (
            "control.csv",
            format!("{header}{framework},K1,\"One\u{7}bell\",,1,,,,,,,,,\n"),
            "ksb: error: importing the standard from 'control.csv': does not make a ksb standard: K1: title contains the control character U+0007; remove it and keep it on one line",
        ),
    ];
    for (name, text, expected) in cases {
        ws.write(name, &text);
        let stderr = ws.fails(1, &["standard", "import", name]);
        assert_eq!(one_line(&stderr), expected, "{name}");
    }
}

#[test]
fn a_huge_or_deep_or_broken_moodle_file_is_refused_quickly() {
    let ws = Workspace::new();
    let mut text = String::from(
        "Parent id number,Id number,Shortname,Description,Description format,Scale values,Is framework\n,F,F,,1,\"a,b\",1\n",
    );
    for i in 0..100_000 {
        writeln!(text, ",K{i},Item {i},,1,,").unwrap();
    }
    ws.write("huge.csv", &text);
    let stderr = ws.fails(1, &["standard", "import", "huge.csv"]);
    assert_eq!(
        one_line(&stderr),
        "ksb: error: importing the standard from 'huge.csv': line 5003: more than 5000 competencies: ksb reads frameworks up to 5000"
    );

    // A chain of 4,999 parents, one leaf at the bottom: read without recursion.
    let mut text = String::from(
        "Parent id number,Id number,Shortname,Description,Description format,Scale values,Is framework\n,F,F,,1,\"a,b\",1\n,c0,Top,,1,,\n",
    );
    for i in 1..4_999 {
        writeln!(text, "c{},c{i},Level {i},,1,,", i - 1).unwrap();
    }
    ws.write("deep.csv", &text);
    let yaml = ws.ok(&["standard", "import", "deep.csv"]);
    let standard = Standard::from_yaml(&yaml).unwrap();
    assert_eq!(standard.ksbs.len(), 1);
    assert_eq!(standard.ksbs[0].stack_area, "Level 4997");
    assert_eq!(standard.ksbs[0].areas, ["Top"]);

    let mut bytes = b"Parent id number,Id number\n,F\xff\n".to_vec();
    bytes.extend_from_slice(b"\n");
    std::fs::write(ws.file("broken.csv"), bytes).unwrap();
    let stderr = ws.fails(1, &["standard", "import", "broken.csv"]);
    let line = one_line(&stderr);
    assert!(
        line.contains("broken.csv") && line.contains("UTF-8"),
        "{line}"
    );
}
