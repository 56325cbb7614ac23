//! `ksb evidence` through the real binary on real files: adding, listing, removing and checking
//! items, their JSON, the links and values refused, locked sheets, hand edits kept; and
//! evidence asked for in `ksb assess --notes` and `ksb review` through a real pseudo-terminal.

use chrono::Local;
use serde_json::Value;

use crate::common::sheets::load;
use crate::common::Workspace;

/// A hand-written sheet of Alice, with comments, and two items dated 1 December 2026.
const SHEET: &str = r#"format = 1
standard = "miraheze-tech-mentoring"
standard_version = "1.0"

[participant]
username = "Alice"
role_focus = "Infrastructure Specialist"
mentoring_type = "Mentee"
assessment_type = "Self-assessment"
date = 2026-12-01

[scores]
K3 = 2 # not sure
S2 = 3

# What I did, for my mentor
[[evidence]]
number = 1
text = "Ran the Swift replication check" # the big one
link = "T12345"
ksbs = ["K3", "S2"]
added = 2026-12-01
added_by = "Alice"

[[evidence]]
number = 2
text = "Wrote the Swift page"
link = "[[Tech:Swift]]"
ksbs = ["B1"]
added = 2026-12-01
added_by = "Alice"
verdict = { state = "questioned", by = "Mentor A", date = 2026-12-02, comment = "Which revision?" }
"#;

fn today() -> String {
    Local::now().date_naive().format("%Y-%m-%d").to_string()
}

fn list_json(ws: &Workspace, sheet: &str) -> Value {
    serde_json::from_str(&ws.ok(&["evidence", "list", sheet, "--format", "json"])).unwrap()
}

#[test]
fn add_list_check_and_remove_on_a_real_sheet() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "K3=2",
    ]);
    let out = ws.ok(&[
        "evidence",
        "add",
        "me.toml",
        "--ksb",
        "k3,S2",
        "--link",
        "T12345",
        "Ran the Swift replication check",
    ]);
    assert_eq!(out, "1\n", "the number alone on stdout");
    let added = ws
        .ksb(&[
            "evidence",
            "add",
            "me.toml",
            "--ksb",
            "B1",
            "--link",
            "miraheze/mw-config#123",
            "--by",
            "mentor_b",
            "Merged the cache change",
        ])
        .output()
        .unwrap();
    assert!(added.status.success());
    assert_eq!(String::from_utf8_lossy(&added.stdout), "2\n");
    assert_eq!(
        String::from_utf8_lossy(&added.stderr),
        "Added evidence 2 to me.toml (B1)\n"
    );

    let items = list_json(&ws, "me.toml");
    assert_eq!(items[0]["ksbs"], serde_json::json!(["K3", "S2"]));
    assert_eq!(items[0]["added"], today());
    assert_eq!(items[0]["added_by"], "Alice", "the participant by default");
    assert_eq!(items[0]["url"], "https://issue-tracker.miraheze.org/T12345");
    assert_eq!(items[1]["added_by"], "Mentor b", "--by in its one spelling");
    assert_eq!(
        items[1]["url"],
        "https://github.com/miraheze/mw-config/issues/123"
    );
    assert!(items[0]["verdict"].is_null());

    let table = ws.ok(&["evidence", "list", "me.toml"]);
    assert!(table.contains("Ran the Swift replication"), "{table}");
    assert!(table.contains("K3, S2"), "{table}");

    let out = ws.ok(&[
        "evidence",
        "check",
        "me.toml",
        "1",
        "--reviewer",
        "Mentor A",
        "--questioned",
        "--comment",
        "Whose task is it?",
    ]);
    assert!(
        out.starts_with("Evidence 1 of me.toml: questioned by Mentor A"),
        "{out}"
    );
    let items = list_json(&ws, "me.toml");
    assert_eq!(items[0]["verdict"]["state"], "questioned");
    assert_eq!(items[0]["verdict"]["by"], "Mentor A");
    assert_eq!(items[0]["verdict"]["date"], today());
    assert_eq!(items[0]["verdict"]["comment"], "Whose task is it?");
    assert_eq!(items[0]["text"], "Ran the Swift replication check");

    // KSB_USERNAME gives the reviewer when --reviewer is not given; a new verdict replaces it.
    let checked = ws
        .ksb(&["evidence", "check", "me.toml", "1"])
        .env("KSB_USERNAME", "Mentor C")
        .output()
        .unwrap();
    assert!(checked.status.success(), "{checked:?}");
    let items = list_json(&ws, "me.toml");
    assert_eq!(items[0]["verdict"]["state"], "checked");
    assert_eq!(items[0]["verdict"]["by"], "Mentor C");
    assert!(items[0]["verdict"]["comment"].is_null());

    let out = ws.ok(&["evidence", "remove", "me.toml", "1"]);
    assert_eq!(
        out,
        "Removed evidence 1 from me.toml: Ran the Swift replication check\n"
    );
    let out = ws.ok(&[
        "evidence",
        "add",
        "me.toml",
        "--ksb",
        "K1",
        "Read the licence",
    ]);
    assert_eq!(out, "3\n", "a number is never given again");
    let numbers: Vec<u64> = list_json(&ws, "me.toml")
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 3]);
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.score(&"K3".parse().unwrap()), Some(ksb::Score::Two));
}

#[test]
fn the_json_of_a_hand_written_sheet() {
    let ws = Workspace::new();
    ws.write("me.toml", SHEET);
    let json = ws.ok(&["evidence", "list", "me.toml", "--format", "json"]);
    insta::assert_snapshot!(json);
    let empty = Workspace::new();
    empty.ok(&[
        "score",
        "me.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
    ]);
    assert_eq!(
        empty.ok(&["evidence", "list", "me.toml", "--format", "json"]),
        "[]\n"
    );
    assert!(empty
        .ok(&["evidence", "list", "me.toml"])
        .contains("No evidence yet"));
}

#[test]
fn bad_links_are_refused_in_one_line_naming_the_link() {
    let ws = Workspace::new();
    ws.write("me.toml", SHEET);
    for (link, why) in [
        ("javascript:alert(1)", "uses the scheme 'javascript:'"),
        ("example.org", "is not a link ksb knows"),
        (
            "https://example.org/\u{7}x",
            "has spaces or control characters",
        ),
        (
            "https://example.org/a b",
            "has spaces or control characters",
        ),
        ("[[a|b]]", "names a wiki page with '|'"),
    ] {
        let err = ws.fails(
            1,
            &[
                "evidence", "add", "me.toml", "--ksb", "K3", "--link", link, "x",
            ],
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        let shown = link.replace('\u{7}', "\u{fffd}");
        assert!(
            err.starts_with(&format!("ksb: error: the link '{shown}' {why}")),
            "{link:?}: {err}"
        );
        assert_eq!(ws.read("me.toml"), SHEET, "{link:?}: not changed");
    }
}

#[test]
fn unknown_ksbs_missing_numbers_and_bad_values_change_nothing() {
    let ws = Workspace::new();
    ws.write("me.toml", SHEET);
    let err = ws.fails(1, &["evidence", "add", "me.toml", "--ksb", "K3,K99", "x"]);
    assert!(err.contains("in --ksb: unknown KSB id 'K99'"), "{err}");
    let err = ws.fails(1, &["evidence", "add", "me.toml", "--ksb", "K3,k3", "x"]);
    assert!(err.contains("evidence names K3 twice"), "{err}");
    let err = ws.fails(1, &["evidence", "add", "me.toml", "--ksb", "K3", "  "]);
    assert!(err.contains("the description is empty"), "{err}");
    let err = ws.fails(
        1,
        &[
            "evidence", "add", "me.toml", "--ksb", "K3", "--by", "a|b", "x",
        ],
    );
    assert!(err.contains("in --by"), "{err}");
    let err = ws.fails(2, &["evidence", "add", "me.toml", "x"]);
    assert!(err.contains("--ksb"), "{err}");
    for args in [
        &["evidence", "remove", "me.toml", "7"][..],
        &[
            "evidence",
            "check",
            "me.toml",
            "7",
            "--reviewer",
            "Mentor A",
        ][..],
    ] {
        let err = ws.fails(1, args);
        assert!(
            err.contains("the sheet has no evidence item 7 (it has 1, 2)"),
            "{err}"
        );
    }
    let err = ws.fails(2, &["evidence", "remove", "me.toml", "two"]);
    assert!(err.contains("invalid value 'two'"), "{err}");
    let err = ws.fails(1, &["evidence", "check", "me.toml", "1"]);
    assert!(err.contains("give --reviewer NAME"), "{err}");
    let err = ws.fails(1, &["evidence", "add", "nowhere.toml", "--ksb", "K3", "x"]);
    assert!(err.contains("sheet 'nowhere.toml' does not exist"), "{err}");
    assert!(!ws.file("nowhere.toml").exists());
    let err = ws.fails(1, &["evidence", "add", "-", "--ksb", "K3", "x"]);
    assert!(err.contains("needs a file name"), "{err}");
    assert_eq!(ws.read("me.toml"), SHEET);
}

#[test]
fn nobody_checks_their_own_evidence() {
    let ws = Workspace::new();
    ws.write("me.toml", SHEET);
    for reviewer in ["Alice", "alice"] {
        let err = ws.fails(
            1,
            &["evidence", "check", "me.toml", "1", "--reviewer", reviewer],
        );
        assert!(err.contains("cannot check evidence 1"), "{err}");
        assert!(err.contains("a mentor checks it"), "{err}");
    }
    let by_env = ws
        .ksb(&["evidence", "check", "me.toml", "2"])
        .env("KSB_USERNAME", "Alice")
        .output()
        .unwrap();
    assert_eq!(by_env.status.code(), Some(1));
    ws.ok(&[
        "evidence",
        "add",
        "me.toml",
        "--ksb",
        "K1",
        "--by",
        "Mentor A",
        "Explained it",
    ]);
    let err = ws.fails(
        1,
        &[
            "evidence",
            "check",
            "me.toml",
            "3",
            "--reviewer",
            "Mentor_A",
        ],
    );
    assert!(err.contains("cannot check evidence 3"), "{err}");
    assert!(list_json(&ws, "me.toml")[2]["verdict"].is_null());
}

#[test]
fn a_locked_sheet_is_refused_and_not_changed() {
    let ws = Workspace::new();
    ws.write("me.toml", SHEET);
    ws.ok(&["lock", "me.toml"]);
    let locked = ws.read("me.toml");
    for args in [
        &["evidence", "add", "me.toml", "--ksb", "K3", "x"][..],
        &["evidence", "remove", "me.toml", "1"][..],
        &[
            "evidence",
            "check",
            "me.toml",
            "1",
            "--reviewer",
            "Mentor A",
        ][..],
    ] {
        let err = ws.fails(1, args);
        assert!(err.contains("is locked as a finished assessment"), "{err}");
        assert_eq!(ws.read("me.toml"), locked, "{args:?}");
    }
    assert_eq!(list_json(&ws, "me.toml").as_array().unwrap().len(), 2);
}

#[test]
fn a_hand_edited_sheet_keeps_its_comments_and_layout() {
    let ws = Workspace::new();
    ws.write("me.toml", SHEET);
    ws.ok(&[
        "evidence",
        "add",
        "me.toml",
        "--ksb",
        "S4",
        "--link",
        "https://example.org/x",
        "Fixed a bug",
    ]);
    let text = ws.read("me.toml");
    assert!(
        text.starts_with(SHEET.trim_end()),
        "the sheet as written, then the item:\n{text}"
    );
    assert!(text.contains("K3 = 2 # not sure"), "{text}");
    assert!(text.contains("# What I did, for my mentor"), "{text}");
    assert!(
        text.contains("text = \"Ran the Swift replication check\" # the big one"),
        "{text}"
    );
    assert!(
        text.contains("number = 3\ntext = \"Fixed a bug\"\nlink = \"https://example.org/x\"\nksbs = [\"S4\"]\n"),
        "{text}"
    );
    ws.ok(&[
        "evidence",
        "check",
        "me.toml",
        "1",
        "--reviewer",
        "Mentor A",
    ]);
    let text = ws.read("me.toml");
    assert!(
        text.contains("text = \"Ran the Swift replication check\" # the big one"),
        "{text}"
    );
    assert!(text.contains("# What I did, for my mentor"), "{text}");
    ws.ok(&["evidence", "remove", "me.toml", "3"]);
    assert!(!ws.read("me.toml").contains("Fixed a bug"));
    assert!(ws.read("me.toml").contains("K3 = 2 # not sure"));
}

#[cfg(unix)]
mod prompts {
    use super::*;
    use crate::common::pty::Pty;

    /// Alice's self-assessment `me.toml`, every KSB scored 2, with the two items of [`SHEET`].
    fn scored_self_assessment(ws: &Workspace) {
        ws.write("me.toml", SHEET);
        let ids = crate::common::sheets::ids();
        let mut args: Vec<String> = vec!["score".into(), "me.toml".into()];
        args.extend(ids.iter().map(|id| format!("{id}=2")));
        ws.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn assess_with_notes_adds_evidence_and_asks_a_bad_link_again() {
        let ws = Workspace::new();
        ws.ok(&[
            "score",
            "me.toml",
            "--username",
            "Tester",
            "--role-focus",
            "Generalist",
        ]);
        let mut pty = Pty::start(&ws, &["assess", "me.toml", "--notes"]);
        pty.answer("K1", 1, "2");
        pty.expect("Note (Enter for none)");
        pty.line("Read the licences");
        pty.expect("Evidence (a line, then a link if any; Enter to skip)");
        pty.line("Wrote the licence FAQ");
        pty.expect("Link (");
        pty.line("javascript:alert(1)");
        pty.expect("the link 'javascript:alert(1)' uses the scheme 'javascript:'");
        pty.line("example.org");
        pty.expect("is not a link ksb knows");
        pty.line("[[Licence FAQ]]");
        pty.expect("Added evidence 1 (K1).");
        pty.expect("More evidence (Enter when done)");
        pty.line("Answered a licence question");
        pty.expect("Link (");
        pty.line("");
        pty.expect("Added evidence 2 (K1).");
        pty.expect("More evidence (Enter when done)");
        pty.line("");
        pty.answer("K2", 2, "b");
        pty.expect("Evidence 1: Wrote the licence FAQ · [[Licence FAQ]] · added by Tester");
        pty.expect("? for help) [2]");
        pty.line("");
        pty.expect("Note (Enter for none)");
        pty.line("");
        pty.expect("Evidence (a line");
        pty.line("?");
        pty.expect("Keys at the evidence:");
        pty.line("q");
        pty.expect("Saved so far: me.toml (1 of 28 scored).");
        assert_eq!(pty.finish().0, 0);
        let items = list_json(&ws, "me.toml");
        assert_eq!(items.as_array().unwrap().len(), 2);
        assert_eq!(items[0]["link"], "[[Licence FAQ]]");
        assert_eq!(items[0]["ksbs"], serde_json::json!(["K1"]));
        assert_eq!(items[0]["added_by"], "Tester");
        assert!(items[1]["link"].is_null());
    }

    #[test]
    fn the_mentor_sees_the_mentees_evidence_and_gives_verdicts_saved_at_once() {
        let ws = Workspace::new();
        scored_self_assessment(&ws);
        let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Mentor B"]);
        pty.expect("your verdict on each item goes into me.toml");
        // K3: item 1 (K3, S2) is shown and asked about.
        pty.answer("K1", 1, "");
        pty.answer("K2", 2, "");
        pty.expect("K3 · 3/28");
        pty.expect("Mentee's evidence 1: Ran the Swift replication check · https://issue-tracker.miraheze.org/T12345");
        pty.expect("added by Alice · also S2");
        pty.expect("? for help) [2]");
        pty.line("3");
        pty.expect("Evidence 1: c checked, x questioned, Enter leaves it");
        pty.line("maybe");
        pty.expect("'maybe' is not an answer");
        pty.expect("Evidence 1: c checked, x questioned, Enter leaves it");
        pty.line("x");
        pty.expect("Comment (Enter for none)");
        pty.line("Whose task is it?");
        // Saved at once, before the walk goes on.
        pty.expect("K4 · 4/28");
        let items = list_json(&ws, "me.toml");
        assert_eq!(items[0]["verdict"]["state"], "questioned");
        assert_eq!(items[0]["verdict"]["by"], "Mentor B");
        assert_eq!(items[0]["verdict"]["comment"], "Whose task is it?");
        pty.expect("? for help) [2]");
        pty.line("q");
        pty.expect("Saved so far: me-review.toml (3 of 28 scored)");
        assert_eq!(pty.finish().0, 0);
        let sheet = load(&ws, "me.toml");
        assert_eq!(
            sheet.evidence()[0].text,
            "Ran the Swift replication check",
            "the item itself is never rewritten"
        );
        let review = load(&ws, "me-review.toml");
        assert!(review.evidence().is_empty());
    }

    #[test]
    fn a_plain_review_walk_with_verdicts_and_the_mentors_own_evidence() {
        let ws = Workspace::new();
        scored_self_assessment(&ws);
        let mut pty = Pty::start_dumb(
            &ws,
            &["review", "me.toml", "--reviewer", "Mentor B", "--notes"],
        );
        for (position, id) in ["K1", "K2"].iter().enumerate() {
            pty.answer(id, position + 1, "");
            pty.expect("Note (Enter for none): ");
            pty.line("");
            pty.expect("Evidence (a line, then a link if any; Enter to skip): ");
            pty.line("");
        }
        pty.expect("K3 · 3/28");
        pty.expect("Mentee's evidence 1: Ran the Swift replication check");
        pty.expect("? for help) [2]: ");
        pty.line("");
        pty.expect("Note (Enter for none): ");
        pty.line("");
        pty.expect("Evidence 1: c checked, x questioned, Enter leaves it: ");
        pty.line("c");
        pty.expect("Comment (Enter for none): ");
        pty.line("");
        pty.expect("Evidence (a line, then a link if any; Enter to skip): ");
        pty.line("Watched the check run");
        pty.expect("Link (");
        pty.line("https://exa mple.org");
        pty.expect("has spaces or control characters");
        pty.expect("Link (");
        pty.line("T999");
        pty.expect("Added evidence 1 (K3).");
        pty.expect("More evidence (Enter when done): ");
        pty.line("q");
        pty.expect("Saved so far: me-review.toml (3 of 28 scored)");
        let (status, bytes) = pty.finish_bytes();
        assert_eq!(status, 0);
        assert!(!bytes.contains(&0x1b), "an escape was written");
        let items = list_json(&ws, "me.toml");
        assert_eq!(items[0]["verdict"]["state"], "checked");
        assert_eq!(items[0]["verdict"]["by"], "Mentor B");
        assert!(items[0]["verdict"]["comment"].is_null());
        assert_eq!(items[1]["verdict"]["state"], "questioned", "left as it was");
        let review = serde_json::from_str::<Value>(&ws.ok(&[
            "evidence",
            "list",
            "me-review.toml",
            "--format",
            "json",
        ]))
        .unwrap();
        assert_eq!(review[0]["text"], "Watched the check run");
        assert_eq!(review[0]["added_by"], "Mentor B");
        assert_eq!(review[0]["link"], "T999");
    }

    #[test]
    fn a_locked_self_assessment_shows_its_evidence_but_asks_no_verdict() {
        let ws = Workspace::new();
        scored_self_assessment(&ws);
        ws.ok(&["lock", "me.toml"]);
        let locked = ws.read("me.toml");
        let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Mentor B"]);
        pty.expect("me.toml is locked: its evidence is shown, but no verdict can be recorded");
        pty.answer("K1", 1, "");
        pty.answer("K2", 2, "");
        pty.expect("Mentee's evidence 1: Ran the Swift replication check");
        pty.expect("? for help) [2]");
        pty.line("");
        pty.answer("K4", 4, "q");
        assert_eq!(pty.finish().0, 0);
        assert_eq!(ws.read("me.toml"), locked);
    }
}

/// The README's evidence example, run as written on a sheet like the one it shows: every
/// command succeeds and prints what the README says (the dates aside).
#[test]
fn the_readme_example_works_as_written() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = &readme[readme.find("\n## Evidence\n").expect("an Evidence section")..];
    let start = section.find("```console\n").unwrap() + "```console\n".len();
    let block = &section[start..start + section[start..].find("```").unwrap()];
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Infrastructure Specialist",
        "K3=2",
        "S2=3",
    ]);
    let today = Local::now().date_naive().format("%d/%m/%Y").to_string();
    for command in block.split("$ ").skip(1) {
        let (line, expected) = command.split_once('\n').unwrap();
        let bin = std::path::Path::new(crate::common::KSB).parent().unwrap();
        let output = ws
            .command("sh")
            .arg("-c")
            .arg(format!("{line} 2>&1"))
            .env(
                "PATH",
                format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
            )
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(output.status.success(), "{line}: {output:?}");
        let out = String::from_utf8(output.stdout).unwrap();
        if !line.contains(" list ") {
            assert_eq!(out, expected.replace("06/12/2026", &today), "{line}");
        } else {
            for word in ["Wrote the Swift page", "[[Tech:Swift]]", "questioned by"] {
                assert!(out.contains(word), "{line}: {out}");
            }
        }
    }
}
