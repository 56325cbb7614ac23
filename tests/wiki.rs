//! `ksb wiki` against a real MediaWiki 1.39 served on 127.0.0.1 (see tests/common/wiki_server.rs):
//! publishing, pulling, status, and that nobody's edit is ever overwritten.

mod common;

use std::os::unix::fs::PermissionsExt as _;

use common::wiki_server::{TestWiki, ADMIN};
use common::{fixture, Workspace};

const PAGE: &str = "User:ExampleUser/Tech Mentoring/Self-assessment 2026-11-25";

/// A workspace whose `ksb` talks to `wiki` as a bot of the wiki's administrator, with the
/// bot password in a 0600 file.
fn logged_in(wiki: &TestWiki) -> Workspace {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    let user = wiki.bot_password(ADMIN, "ksb", "abcdefghijklmnopqrstuvw012345678");
    let password = ws.write("bot-password", "abcdefghijklmnopqrstuvw012345678\n");
    std::fs::set_permissions(&password, std::fs::Permissions::from_mode(0o600)).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        &format!(
            "[wiki]\nurl = \"{}\"\nuser = \"{user}\"\npassword_file = \"{}\"\n",
            wiki.api(),
            password.display()
        ),
    );
    ws
}

#[test]
fn publish_then_pull_gives_back_the_same_sheet_and_status_follows() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .contains("was never published"));

    let dry = ws.ok(&["wiki", "publish", "me.toml", "--dry-run"]);
    assert!(dry.contains(&format!("--- {PAGE} (new page)")), "{dry}");
    assert!(
        dry.contains("+| Free text evidence") || dry.contains("Free text evidence"),
        "{dry}"
    );
    assert!(dry.contains("Dry run: nothing written"), "{dry}");
    assert!(!ws.read("me.toml").contains("[wiki]"));

    let out = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(
        out.starts_with(&format!("Published 'me.toml' to page '{PAGE}' (revision ")),
        "{out}"
    );
    let sheet = ws.read("me.toml");
    assert!(
        sheet.contains(&format!("[wiki]\npage = \"{PAGE}\"\nrevision = ")),
        "{sheet}"
    );
    let exported = ws.ok(&["export", "me.toml", "--notes"]);
    assert_eq!(wiki.text(PAGE).trim_end(), exported.trim_end());
    assert_eq!(
        std::fs::metadata(ws.file("me.toml"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .starts_with("Up to date\n"));
    assert!(ws
        .ok(&["wiki", "publish", "me.toml"])
        .contains("already holds this sheet"));

    // Anonymous: another workspace with only the URL pulls the page back.
    let reader = Workspace::new();
    let pulled = reader.ok(&[
        "wiki",
        "--wiki",
        &wiki.api(),
        "pull",
        PAGE,
        "-o",
        "back.toml",
    ]);
    assert!(
        pulled.starts_with("Pulled 1 of 1 page into back.toml"),
        "{pulled}"
    );
    let strip = |s: &str| s.split("\n[wiki]").next().unwrap().trim_end().to_string();
    assert_eq!(strip(&reader.read("back.toml")), strip(&sheet));
    assert_eq!(
        reader.ok(&["summary", "back.toml"]),
        ws.ok(&["summary", "me.toml"])
    );

    // A score changed locally: the sheet is newer than the page, and the summary says so.
    ws.ok(&["score", "me.toml", "K3=3", "--note", "K3=Ran it"]);
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .starts_with("The page is older than the sheet\n"));
    let out = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(out.contains(": ksb: K3 –→3, 1 note"), "{out}");
}

#[test]
fn an_edit_on_the_wiki_is_refused_and_survives_until_force() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    ws.ok(&["wiki", "publish", "me.toml"]);
    wiki.user("Mentor");
    let mentor_text = format!(
        "{}\nA comment from the mentor.\n",
        wiki.text(PAGE).trim_end()
    );
    wiki.edit(PAGE, "Mentor", &mentor_text);

    let status = ws.ok(&["wiki", "status", "me.toml"]);
    assert!(status.starts_with("Edited on the wiki\n"), "{status}");
    assert!(status.contains("last by Mentor at "), "{status}");

    ws.ok(&["score", "me.toml", "K4=1"]);
    let before = ws.read("me.toml");
    let err = ws.fails(1, &["wiki", "publish", "me.toml"]);
    assert!(
        err.contains("was edited on the wiki since ksb published revision"),
        "{err}"
    );
    assert!(err.contains("last by Mentor at"), "{err}");
    assert!(
        err.contains("`ksb wiki pull`") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(wiki.text(PAGE).contains("A comment from the mentor."));
    assert_eq!(ws.read("me.toml"), before);

    // A pull does not overwrite the sheet's unpublished change either.
    let err = ws.fails(1, &["wiki", "pull", PAGE, "-o", "me.toml"]);
    assert!(err.contains("has changes that were not published"), "{err}");
    assert_eq!(ws.read("me.toml"), before);

    let out = ws.ok(&["wiki", "publish", "me.toml", "--force"]);
    assert!(out.contains("K4 –→1"), "{out}");
    assert!(!wiki.text(PAGE).contains("A comment from the mentor."));
    assert!(ws
        .ok(&["wiki", "status", "me.toml"])
        .starts_with("Up to date\n"));
}

#[test]
fn a_page_not_published_by_ksb_is_not_replaced_without_force() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    wiki.edit(PAGE, ADMIN, "Someone's own notes.\n");
    let err = ws.fails(1, &["wiki", "publish", "me.toml"]);
    assert!(
        err.contains("exists and was not published from this sheet by ksb"),
        "{err}"
    );
    assert_eq!(wiki.text(PAGE).trim_end(), "Someone's own notes.");
    let out = ws.ok(&["wiki", "publish", "me.toml", "--force"]);
    assert!(out.contains("Published"), "{out}");

    // A hand-filled page pulls into a sheet that knows its page and revision.
    let hand = std::fs::read_to_string(fixture("sheet-page-wikitable.wiki")).unwrap();
    wiki.edit("Tech:Mentoring/Assessments/Bob", ADMIN, &hand);
    let out = ws.ok(&[
        "wiki",
        "pull",
        "Tech:Mentoring/Assessments/Bob",
        "-o",
        "pulled/",
    ]);
    assert!(out.starts_with("Pulled 1 of 1 page into pulled/"), "{out}");
    let bob = ws.read("pulled/Bob-Mentor-review-2026-12-02.toml");
    assert!(
        bob.contains("page = \"Tech:Mentoring/Assessments/Bob\""),
        "{bob}"
    );
}
