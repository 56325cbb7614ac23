//! Standards in other systems' formats through the real binary: `ksb standard --format
//! moodle-csv | case` and `ksb standard import` of the files those systems write, including
//! hand-written fixtures in their own shapes and hostile files, each refused on one line.

use std::fmt::Write as _;

use crate::common::{fixture, Workspace};
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

/// The checks the CASE CFPackage JSON schema (1EdTech, `case_v1p1_cfpackage-jsonschema1.json`,
/// whose CFPckg classes CASE 1.0 packages also satisfy) makes of what ksb writes: each
/// class's required properties, no property the class does not define
/// (`additionalProperties: false`), identifiers in the UUID form, `lastChangeDateTime` an ISO
/// 8601 date-time, `associationType` from its vocabulary. The schema itself is not vendored
/// (see the README), so these are its checks written out.
mod case_schema {
    use serde_json::Value;

    struct Class {
        name: &'static str,
        required: &'static [&'static str],
        allowed: &'static [&'static str],
    }

    const DOCUMENT: Class = Class {
        name: "CFPckgDocument",
        required: &[
            "identifier",
            "uri",
            "creator",
            "title",
            "lastChangeDateTime",
        ],
        allowed: &[
            "identifier",
            "uri",
            "frameworkType",
            "caseVersion",
            "creator",
            "title",
            "lastChangeDateTime",
            "officialSourceURL",
            "publisher",
            "description",
            "subject",
            "subjectURI",
            "language",
            "version",
            "adoptionStatus",
            "statusStartDate",
            "statusEndDate",
            "licenseURI",
            "notes",
            "extensions",
        ],
    };
    const ITEM: Class = Class {
        name: "CFPckgItem",
        required: &["identifier", "fullStatement", "uri", "lastChangeDateTime"],
        allowed: &[
            "identifier",
            "fullStatement",
            "alternativeLabel",
            "CFItemType",
            "uri",
            "humanCodingScheme",
            "listEnumeration",
            "abbreviatedStatement",
            "conceptKeywords",
            "conceptKeywordsURI",
            "notes",
            "subject",
            "subjectURI",
            "language",
            "educationLevel",
            "CFItemTypeURI",
            "licenseURI",
            "statusStartDate",
            "statusEndDate",
            "lastChangeDateTime",
            "extensions",
        ],
    };
    const ASSOCIATION: Class = Class {
        name: "CFPckgAssociation",
        required: &[
            "identifier",
            "associationType",
            "uri",
            "originNodeURI",
            "destinationNodeURI",
            "lastChangeDateTime",
        ],
        allowed: &[
            "identifier",
            "associationType",
            "sequenceNumber",
            "uri",
            "originNodeURI",
            "destinationNodeURI",
            "CFAssociationGroupingURI",
            "lastChangeDateTime",
            "notes",
            "extensions",
        ],
    };
    const LINK: Class = Class {
        name: "LinkGenURI",
        required: &["title", "identifier", "uri"],
        allowed: &["title", "identifier", "uri", "targetType"],
    };
    const RUBRIC: Class = Class {
        name: "CFRubric",
        required: &["identifier", "uri", "lastChangeDateTime"],
        allowed: &[
            "identifier",
            "uri",
            "title",
            "description",
            "lastChangeDateTime",
            "CFRubricCriteria",
            "extensions",
        ],
    };
    const CRITERION: Class = Class {
        name: "CFRubricCriterion",
        required: &["identifier", "uri", "lastChangeDateTime"],
        allowed: &[
            "identifier",
            "uri",
            "category",
            "description",
            "CFItemURI",
            "weight",
            "position",
            "rubricId",
            "lastChangeDateTime",
            "CFRubricCriterionLevels",
            "extensions",
        ],
    };
    const LEVEL: Class = Class {
        name: "CFRubricCriterionLevel",
        required: &["identifier", "uri", "lastChangeDateTime"],
        allowed: &[
            "identifier",
            "uri",
            "description",
            "quality",
            "score",
            "feedback",
            "position",
            "rubricCriterionId",
            "lastChangeDateTime",
            "extensions",
        ],
    };
    const ASSOCIATION_TYPES: [&str; 10] = [
        "isChildOf",
        "isPeerOf",
        "isPartOf",
        "exactMatchOf",
        "precedes",
        "isRelatedTo",
        "replacedBy",
        "exemplar",
        "hasSkillLevel",
        "isTranslationOf",
    ];

    fn is_uuid(text: &str) -> bool {
        let parts: Vec<&str> = text.split('-').collect();
        parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && parts.iter().all(|p| {
                p.chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
            })
    }

    fn is_date_time(text: &str) -> bool {
        chrono::DateTime::parse_from_rfc3339(text).is_ok()
    }

    fn check(value: &Value, class: &Class, at: &str, problems: &mut Vec<String>) {
        let Some(object) = value.as_object() else {
            problems.push(format!("{at}: a {} is an object", class.name));
            return;
        };
        for key in class.required {
            if !object.contains_key(*key) {
                problems.push(format!("{at}: {} requires {key}", class.name));
            }
        }
        for (key, value) in object {
            if !class.allowed.contains(&key.as_str()) {
                problems.push(format!("{at}: {} has no property {key}", class.name));
            }
            let text = value.as_str();
            match key.as_str() {
                "identifier" | "rubricId" | "rubricCriterionId" if !text.is_some_and(is_uuid) => {
                    problems.push(format!("{at}.{key}: not a UUID: {value}"))
                }
                "lastChangeDateTime" if !text.is_some_and(is_date_time) => {
                    problems.push(format!("{at}.{key}: not a date-time: {value}"))
                }
                "associationType" if !text.is_some_and(|t| ASSOCIATION_TYPES.contains(&t)) => {
                    problems.push(format!("{at}.{key}: not in the vocabulary: {value}"))
                }
                "sequenceNumber" | "position" if !value.is_i64() => {
                    problems.push(format!("{at}.{key}: not an integer"))
                }
                "score" | "weight" if !value.is_number() => {
                    problems.push(format!("{at}.{key}: not a number"))
                }
                "extensions" if !value.is_object() => {
                    problems.push(format!("{at}.{key}: not an object"))
                }
                "originNodeURI" | "destinationNodeURI" | "CFItemURI" => {
                    check(value, &LINK, &format!("{at}.{key}"), problems)
                }
                "CFRubricCriteria" | "CFRubricCriterionLevels" => {
                    let class = if key == "CFRubricCriteria" {
                        &CRITERION
                    } else {
                        &LEVEL
                    };
                    for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                        check(v, class, &format!("{at}.{key}[{i}]"), problems);
                    }
                }
                _ if class.name != "LinkGenURI"
                    && !["extensions", "subject", "conceptKeywords", "educationLevel"]
                        .contains(&key.as_str())
                    && !value.is_string()
                    && !value.is_number() =>
                {
                    problems.push(format!("{at}.{key}: not a string"))
                }
                _ => {}
            }
        }
    }

    /// Every way `package` breaks the schema, one line each.
    pub fn problems(package: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(object) = package.as_object() else {
            return vec!["the package is an object".to_string()];
        };
        for key in object.keys() {
            if ![
                "CFDocument",
                "CFItems",
                "CFAssociations",
                "CFDefinitions",
                "CFRubrics",
                "extensions",
            ]
            .contains(&key.as_str())
            {
                problems.push(format!("CFPackage has no property {key}"));
            }
        }
        match object.get("CFDocument") {
            Some(doc) => check(doc, &DOCUMENT, "CFDocument", &mut problems),
            None => problems.push("CFPackage requires CFDocument".to_string()),
        }
        for (key, class) in [
            ("CFItems", &ITEM),
            ("CFAssociations", &ASSOCIATION),
            ("CFRubrics", &RUBRIC),
        ] {
            for (i, v) in object
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                check(v, class, &format!("{key}[{i}]"), &mut problems);
            }
        }
        problems
    }
}

#[test]
fn the_case_package_meets_the_cfpackage_schema_and_comes_back_the_same() {
    let ws = Workspace::new();
    let json = ws.ok(&["standard", "--format", "case"]);
    let package: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(case_schema::problems(&package), Vec::<String>::new());
    // The checks do catch what breaks the schema.
    let mut broken = package.clone();
    broken["CFItems"][0]["identifier"] = "K1".into();
    broken["CFItems"][1]["colour"] = "red".into();
    broken["CFAssociations"][0]["associationType"] = "isParentOf".into();
    assert_eq!(case_schema::problems(&broken).len(), 3);

    let items = package["CFItems"].as_array().unwrap();
    assert_eq!(items.len(), 3 + 28);
    let k1 = items
        .iter()
        .find(|i| i["humanCodingScheme"] == "K1")
        .unwrap();
    assert_eq!(k1["CFItemType"], "Knowledge");
    assert_eq!(
        k1["abbreviatedStatement"],
        "Open Source Ecosystem Awareness"
    );
    let criteria = package["CFRubrics"][0]["CFRubricCriteria"]
        .as_array()
        .unwrap();
    assert_eq!(criteria.len(), 28);
    let levels: Vec<(&str, f64)> = criteria[0]["CFRubricCriterionLevels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["description"].as_str().unwrap(),
                l["score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("No understanding or experience", 0.0),
            ("Basic familiarity or supervised participation", 1.0),
            ("Confident performing independently", 2.0),
            ("Can teach or lead others in this area", 3.0)
        ]
    );

    ws.write("framework.json", &json);
    ws.ok(&["standard", "import", "framework.json", "-o", "std.yaml"]);
    assert_eq!(
        Standard::from_yaml(&ws.read("std.yaml")).unwrap(),
        Standard::builtin()
    );
    // A re-export has the same identifiers (only lastChangeDateTime may differ).
    let again = ws.ok(&["--standard", "std.yaml", "standard", "--format", "case"]);
    let ids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("\"identifier\""))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(ids(&again), ids(&json));
}

#[test]
fn a_case_package_from_elsewhere_imports() {
    let ws = Workspace::new();
    let yaml = ws.ok(&["standard", "import", &path("case-package.json")]);
    assert!(yaml.contains(
        "# CASE rubric 'Grading' (Fail, Pass, Distinction) (3 levels) mapped onto ksb's 0–3: \
         Fail → 0, Pass → 2, Distinction → 3"
    ));
    assert!(yaml.contains("# CFItems[3]: 'ST0119 K2' is K2 here"));
    let standard = Standard::from_yaml(&yaml).unwrap();
    assert_eq!(standard.title, "Digital Support Technician");
    assert_eq!(standard.version, "2.1");
    let ksbs: Vec<(&str, Category, &str, &str)> = standard
        .ksbs
        .iter()
        .map(|k| {
            (
                k.id.as_str(),
                k.category,
                k.title.as_str(),
                k.stack_area.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ksbs,
        [
            ("K1", Category::Knowledge, "Addressing and DNS", "Networks"),
            (
                "K2",
                Category::Knowledge,
                "The principles of cloud services.",
                "Networks"
            ),
            (
                "B1",
                Category::Behaviour,
                "Works securely",
                "Digital Support Technician"
            ),
        ]
    );
    assert_eq!(
        standard.ksbs[0].description,
        "How IP addressing and DNS work,\nand how to check them."
    );
    assert_eq!(standard.meaning_of(Score::Two), "Pass");
}

#[test]
fn hostile_case_packages_are_refused_on_one_line_in_bounded_time() {
    let ws = Workspace::new();
    let item = |id: &str, code: &str| {
        format!(
            "{{\"identifier\":\"{id}\",\"uri\":\"u\",\"fullStatement\":\"x\",\"humanCodingScheme\":\"{code}\",\"lastChangeDateTime\":\"2024-01-01T00:00:00Z\"}}"
        )
    };
    let doc = "\"CFDocument\":{\"identifier\":\"d\",\"uri\":\"u\",\"creator\":\"c\",\"title\":\"T\",\"lastChangeDateTime\":\"2024-01-01T00:00:00Z\"}";
    let mut huge = format!("{{{doc},\"CFItems\":[");
    for i in 0..100_000 {
        if i > 0 {
            huge.push(',');
        }
        write!(huge, "{{\"identifier\":\"i{i}\",\"fullStatement\":\"x\"}}").unwrap();
    }
    huge.push_str("]}");
    let deep = format!(
        "{{\"CFDocument\":{{\"identifier\":\"d\",\"title\":\"T\",\"extensions\":{{\"other\":{}{}}}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let levels = (0..6)
        .map(|i| format!("{{\"identifier\":\"l{i}\",\"uri\":\"u\",\"quality\":\"L{i}\",\"position\":{i},\"lastChangeDateTime\":\"x\"}}"))
        .collect::<Vec<_>>()
        .join(",");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "duplicate.json",
            format!("{{{doc},\"CFItems\":[{},{}]}}", item("a", "K1"), item("a", "K2")),
            "ksb: error: importing the standard from 'duplicate.json': CFItems[1].identifier: 'a' is also the identifier of CFItems[0]: identifiers are unique",
        ),
        (
            "huge.json",
            huge,
            "ksb: error: importing the standard from 'huge.json': CFItems: 100000 items: ksb reads packages of up to 5000",
        ),
        (
            "deep.json",
            deep,
            // Nesting in an extension is skipped over without recursion (and the package is
            // then refused for what it lacks); nesting where a value is read is refused.
            "ksb: error: importing the standard from 'deep.json': holds no competency to make a KSB of",
        ),
        (
            "deeper.json",
            format!("{{{doc},\"CFItems\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000)),
            "ksb: error: importing the standard from 'deeper.json': line 1, column 125: invalid type: sequence, expected a string",
        ),
        (
            "scale.json",
            format!("{{{doc},\"CFItems\":[{}],\"CFRubrics\":[{{\"identifier\":\"r\",\"uri\":\"u\",\"title\":\"Six\",\"lastChangeDateTime\":\"x\",\"CFRubricCriteria\":[{{\"identifier\":\"c\",\"uri\":\"u\",\"lastChangeDateTime\":\"x\",\"CFRubricCriterionLevels\":[{levels}]}}]}}]}}", item("a", "K1")),
            "ksb: error: importing the standard from 'scale.json': CFRubrics[0]: CASE rubric 'Six' (L0, L1, L2, L3, L4, L5) has 6 levels besides N/A; ksb scores 0–3 and maps a scale of 2 to 4 levels: shorten the scale, or write the standard's YAML by hand",
        ),
        (
            "nodoc.json",
            "{\"CFItems\":[]}".to_string(),
            "ksb: error: importing the standard from 'nodoc.json': line 1, column 14: missing field `CFDocument`",
        ),
        (
            "empty.json",
            format!("{{{doc}}}"),
            "ksb: error: importing the standard from 'empty.json': holds no competency to make a KSB of",
        ),
    ];
    for (name, text, expected) in cases {
        ws.write(name, &text);
        let stderr = ws.fails(1, &["standard", "import", name]);
        assert_eq!(one_line(&stderr), expected, "{name}");
    }
    std::fs::write(ws.file("broken.json"), b"{\"CFDocument\":\"\xff\"}").unwrap();
    let stderr = ws.fails(1, &["standard", "import", "broken.json"]);
    let line = one_line(&stderr);
    assert!(
        line.contains("broken.json") && line.contains("UTF-8"),
        "{line}"
    );
}

#[test]
fn a_framework_import_writes_its_file_as_safely_as_a_page_import() {
    let ws = Workspace::new();
    let csv = ws.ok(&["standard", "--format", "moodle-csv"]);
    ws.write("framework.csv", &csv);
    ws.write("std.yaml", "mine\n");
    let err = ws.fails(
        1,
        &["standard", "import", "framework.csv", "-o", "std.yaml"],
    );
    assert_eq!(
        one_line(&err),
        "ksb: error: 'std.yaml' already exists: give --force to replace it, or -o another file"
    );
    assert_eq!(ws.read("std.yaml"), "mine\n");
    ws.ok(&[
        "standard",
        "import",
        "framework.csv",
        "-o",
        "std.yaml",
        "--force",
    ]);
    assert_eq!(
        Standard::from_yaml(&ws.read("std.yaml")).unwrap(),
        Standard::builtin()
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(ws.file("elsewhere.yaml"), ws.file("link.yaml")).unwrap();
        let err = ws.fails(
            1,
            &[
                "standard",
                "import",
                "framework.csv",
                "-o",
                "link.yaml",
                "--force",
            ],
        );
        assert!(one_line(&err).contains("link.yaml"), "{err}");
        assert!(!ws.file("elsewhere.yaml").exists());
    }
    // --base is for a wiki page; a framework is read as it is.
    let err = ws.fails(
        1,
        &["standard", "import", "framework.csv", "--base", "std.yaml"],
    );
    assert_eq!(
        one_line(&err),
        "ksb: error: --base is for a wiki page: a Moodle framework is read as it is"
    );
    // A framework from standard input is told by its first line.
    let out = ws
        .ksb(&["standard", "import", "-"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        Standard::from_yaml(&String::from_utf8(out.stdout).unwrap()).unwrap(),
        Standard::builtin()
    );
}
