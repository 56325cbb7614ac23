//! The wiki is shared: against a real MediaWiki on 127.0.0.1 (tests/common/wiki_server.rs),
//! ksb keeps everyone's text on a sheet's page, merges what both sides changed KSB by KSB,
//! refuses what it cannot merge with a way out, keeps what a page does not carry, and never
//! lets a page speak for someone else.
// Unix: a password file readable by its owner only (file modes), and PHP serving MediaWiki.
#![cfg(unix)]

use crate::common::wiki_server::{logged_in, TestWiki, ADMIN};
use crate::common::{fixture, Workspace};

const PAGE: &str = "User:ExampleUser/Tech Mentoring/Self-assessment 2026-11-25";

/// `text` with the score cell of the KSB titled `title` set to `score`, as a person edits the
/// table on the wiki.
fn set_score_on_page(text: &str, title: &str, score: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let row = lines
        .iter()
        .position(|line| line == &format!("| {title}"))
        .unwrap_or_else(|| panic!("no row '{title}' in {text}"));
    lines[row + 3] = if score.is_empty() {
        "|".to_string()
    } else {
        format!("| {score}")
    };
    lines.join("\n") + "\n"
}

/// The example sheet published to its page; the mentor's account made.
fn published(wiki: &TestWiki) -> Workspace {
    let ws = logged_in(wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    ws.ok(&["wiki", "publish", "me.toml"]);
    wiki.user("Mentor");
    ws
}

#[test]
fn a_mentors_introduction_section_and_category_survive_pull_score_and_publish() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = published(&wiki);
    let intro = "Welcome to the programme, ExampleUser! Your mentor is [[User:Mentor|Mentor]].\n\n";
    let after = "\n== Mentor comments ==\nA strong start on the infrastructure side.\n\n[[Category:Tech Mentoring 2026]]\n";
    let page = format!("{intro}{}{after}", wiki.text(PAGE).trim_end());
    wiki.edit(PAGE, "Mentor", &page);

    let out = ws.ok(&["wiki", "pull", PAGE, "-o", "me.toml", "--force"]);
    assert!(
        out.starts_with(&format!(
            "Page '{PAGE}' has text outside the sheet: it stays on the wiki and is not in 'me.toml'\n"
        )),
        "{out}"
    );
    assert!(!ws.read("me.toml").contains("Mentor comments"));
    ws.ok(&["score", "me.toml", "K3=3"]);
    let out = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(out.contains(": ksb: K3 –→3\n"), "{out}");

    let now = wiki.text(PAGE);
    assert!(now.starts_with(intro), "{now}");
    assert!(now.trim_end().ends_with(after.trim_end()), "{now}");
    assert!(
        now.contains(
            "| Infrastructure & Deployment Practices\n| Infra\n| Infrastructure Specialist\n| 3\n"
        ),
        "{now}"
    );
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .starts_with("Up to date\n"));
}

#[test]
fn changes_to_different_ksbs_on_both_sides_are_merged_into_both() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = published(&wiki);
    let edited = set_score_on_page(&wiki.text(PAGE), "Security & Privacy Compliance", "2");
    wiki.edit(PAGE, "Mentor", &edited);
    ws.ok(&["score", "me.toml", "K3=3"]);

    let status = ws.ok(&["wiki", "status", "me.toml"]);
    assert!(status.starts_with("Both changed\n"), "{status}");
    assert!(
        status.contains("\nChanged on the wiki: K4 –→2\n"),
        "{status}"
    );
    assert!(
        status.contains("\nChanged in 'me.toml': K3 –→3\n"),
        "{status}"
    );
    assert!(
        status.contains("`ksb wiki publish` brings both sides in step"),
        "{status}"
    );

    let before = wiki.requests().len();
    let out = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(
        out.contains(": ksb: K3 –→3 from the sheet; merged with the wiki's K4 –→2\n"),
        "{out}"
    );
    assert!(
        out.ends_with("Merged the page's own changes into 'me.toml': K4 –→2\n"),
        "{out}"
    );
    // Login (2), the page, the base revision, the CSRF token, the edit.
    let requests = &wiki.requests()[before..];
    assert_eq!(requests.len(), 6, "{requests:#?}");
    let page = wiki.text(PAGE);
    assert!(
        page.contains("| Generalist\n| 2\n|\n|-\n| Governance"),
        "{page}"
    );
    assert!(
        page.contains("| Infrastructure Specialist\n| 3\n"),
        "{page}"
    );
    let sheet = ws.read("me.toml");
    assert!(
        sheet.contains("K3 = 3") && sheet.contains("K4 = 2"),
        "{sheet}"
    );
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .starts_with("Up to date\n"));
}

#[test]
fn the_same_ksb_changed_differently_is_refused_with_both_values_and_nothing_written() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = published(&wiki);
    let edited = set_score_on_page(&wiki.text(PAGE), "Open Source Ecosystem Awareness", "3");
    let edited = set_score_on_page(&edited, "Security & Privacy Compliance", "1");
    wiki.edit(PAGE, "Mentor", &edited);
    ws.ok(&["score", "me.toml", "K1=1", "K3=2"]);
    let sheet_before = ws.read("me.toml");
    let page_before = wiki.text(PAGE);

    let status = ws.ok(&["wiki", "status", "me.toml"]);
    assert!(
        status.contains("Changed on both sides, differently: K1 (sheet 1, wiki 3);"),
        "{status}"
    );
    for command in [
        ["wiki", "publish", "me.toml", "", ""],
        ["wiki", "pull", PAGE, "-o", "me.toml"],
    ] {
        let args: Vec<&str> = command.into_iter().filter(|a| !a.is_empty()).collect();
        let err = ws.fails(1, &args);
        assert!(
            err.contains(&format!(
                "sheet 'me.toml' and page '{PAGE}' both changed K1 (sheet 1, wiki 3) since they were last in step; nothing written"
            )),
            "{err}"
        );
        assert!(
            err.contains("--take-local K1") && err.contains("--take-wiki K1"),
            "{err}"
        );
        assert!(err.lines().count() <= 2, "{err}");
        assert_eq!(ws.read("me.toml"), sheet_before);
        assert_eq!(wiki.text(PAGE), page_before);
    }

    // The way out the message names works: the page's K1, the sheet's K3, the page's K4.
    let out = ws.ok(&["wiki", "publish", "me.toml", "--take-wiki", "K1"]);
    assert!(
        out.contains("merged with the wiki's K1 1→3, K4 –→1"),
        "{out}"
    );
    let sheet = ws.read("me.toml");
    assert!(
        sheet.contains("K1 = 3") && sheet.contains("K3 = 2") && sheet.contains("K4 = 1"),
        "{sheet}"
    );
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .starts_with("Up to date\n"));
}

#[test]
fn a_page_that_claims_another_users_sheet_is_reported_and_not_written() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let sheet = ws.ok(&["export", "me.toml", "--notes"]);
    wiki.edit("User:Mallory/Tech Mentoring/Self-assessment", ADMIN, &sheet);

    let err = ws.fails(
        1,
        &[
            "wiki",
            "pull",
            "User:Mallory/Tech Mentoring/Self-assessment",
            "-o",
            "claimed.toml",
        ],
    );
    assert!(
        err.contains("page 'User:Mallory/Tech Mentoring/Self-assessment' is Mallory's, but the sheet is ExampleUser's"),
        "{err}"
    );
    assert!(!ws.file("claimed.toml").exists());

    let err = ws.fails(
        1,
        &["wiki", "publish", "me.toml", "--page", "User:Mallory/KSB"],
    );
    assert!(
        err.contains("page 'User:Mallory/KSB' is Mallory's, but the sheet is ExampleUser's"),
        "{err}"
    );
    assert!(!ws.read("me.toml").contains("[wiki]"));

    // The configured title pattern names the owner too.
    let config = ws.read(".config/ksb/config.toml");
    ws.write(
        ".config/ksb/config.toml",
        &config.replace(
            "[wiki]\n",
            "[wiki]\npage = \"Tech Mentoring/{username}/{date}\"\n",
        ),
    );
    wiki.edit("Tech Mentoring/Bob/2026-11-25", ADMIN, &sheet);
    let err = ws.fails(
        1,
        &[
            "wiki",
            "pull",
            "Tech Mentoring/Bob/2026-11-25",
            "-o",
            "bob.toml",
        ],
    );
    assert!(
        err.contains("is Bob's, but the sheet is ExampleUser's"),
        "{err}"
    );
    assert!(!ws.file("bob.toml").exists());
}

#[test]
fn two_pages_of_one_pull_for_one_file_are_both_reported_and_neither_written() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = Workspace::new();
    let sheet = ws.ok(&[
        "export",
        fixture("example.toml").to_str().unwrap(),
        "--notes",
    ]);
    let tagged = format!("{sheet}\n[[Category:Cohort X]]\n");
    wiki.edit(
        "User:ExampleUser/Tech Mentoring/Self-assessment",
        ADMIN,
        &tagged,
    );
    wiki.edit("Cohort X/Someone's copy", ADMIN, &tagged);
    wiki.edit(
        "Cohort X/Another",
        ADMIN,
        &tagged.replace("ExampleUser", "Another"),
    );

    let out = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &wiki.api(),
            "pull",
            "--category",
            "Cohort X",
            "-o",
            "cohort/",
            "--force",
        ])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let file = "cohort/ExampleUser-Self-assessment-2026-11-25.toml";
    for title in [
        "User:ExampleUser/Tech Mentoring/Self-assessment",
        "Cohort X/Someone's copy",
    ] {
        assert!(
            stderr.contains(&format!("pulling page '{title}': ")),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains(&format!(
            "would both be written to '{file}'; neither is written"
        )),
        "{stderr}"
    );
    assert!(!ws.file(file).exists());
    assert!(ws
        .file("cohort/Another-Self-assessment-2026-11-25.toml")
        .exists());
    assert!(
        stdout.ends_with("Pulled 1 of 3 pages into cohort/ (2 requests)\n"),
        "{stdout}"
    );
}

#[test]
fn a_pull_into_the_same_sheet_keeps_retired_scores_reviews_and_comments() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    let standard = fixture("standard-v1.1.yaml");
    let standard = standard.to_str().unwrap();
    std::fs::copy(fixture("sheet-v1.0.toml"), ws.file("x.toml")).unwrap();
    ws.ok(&["--standard", standard, "score", "x.toml", "K12=2"]);
    let sheet = ws.read("x.toml");
    assert!(sheet.contains("[retired_scores]\nK11 = 3\n"), "{sheet}");
    ws.write(
        "x.toml",
        &sheet.replace(
            "standard_version",
            "# Kept by hand.\nreviews = \"self.toml\"\nstandard_version",
        ),
    );
    ws.ok(&[
        "--standard",
        standard,
        "wiki",
        "publish",
        "x.toml",
        "--page",
        "Tech Mentoring/Review",
    ]);
    wiki.user("Mentor");
    let text = wiki.text("Tech Mentoring/Review");
    let edited = set_score_on_page(&text, "Technical Communication", "3");
    wiki.edit("Tech Mentoring/Review", "Mentor", &edited);

    let out = ws.ok(&[
        "--standard",
        standard,
        "wiki",
        "pull",
        "Tech Mentoring/Review",
        "-o",
        "x.toml",
    ]);
    assert!(out.contains("Pulled 1 of 1 page into x.toml"), "{out}");
    let after = ws.read("x.toml");
    for kept in [
        "# Kept by hand.\n",
        "reviews = \"self.toml\"",
        "[retired_scores]\nK11 = 3\n",
        "[retired_notes]\nK11 = \"Reported the supplier outage\"\n",
        "S1 = 3",
    ] {
        assert!(after.contains(kept), "{kept} not in {after}");
    }
}

#[test]
fn usernames_are_wiki_usernames_in_the_sheet_the_title_and_the_summary() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    for bad in ["Bad|Name", "a[b", "x{y}", "Who#1", "<b>", "Tab\tName"] {
        let err = ws.fails(
            1,
            &[
                "score",
                "bad.toml",
                "--username",
                bad,
                "--role-focus",
                "Generalist",
                "K1=1",
            ],
        );
        assert!(
            err.contains("which MediaWiki never allows in a user name"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!ws.file("bad.toml").exists());
    }
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "User:exampleUser",
        "--role-focus",
        "Generalist",
        "--date",
        "25/11/2026",
        "K1=1",
    ]);
    assert!(ws.read("me.toml").contains("username = \"ExampleUser\""));
    let out = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(
        out.contains(&format!("to page '{PAGE}' (revision "))
            && out.contains("ksb: Self-assessment of ExampleUser, 1/28 KSBs scored"),
        "{out}"
    );
}
