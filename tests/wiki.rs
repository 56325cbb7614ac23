//! `ksb wiki` against a real MediaWiki 1.39 served on 127.0.0.1 (see tests/common/wiki_server.rs):
//! publishing, pulling, status, and that nobody's edit is ever overwritten.
// Unix: password files made private with file modes, and PHP serving MediaWiki.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt as _;

use crate::common::wiki_server::{logged_in, TestWiki, ADMIN};
use crate::common::{fixture, Workspace};
use ksb::wiki::page::{BEGIN, END};

const PAGE: &str = "User:ExampleUser/Tech Mentoring/Self-assessment 2026-11-25";

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
    let exported = ws.ok(&["export", "me.toml", "--notes"]);
    let lines = exported.trim_end().lines().count() + 2;
    assert!(
        dry.starts_with(&format!(
            "Page '{PAGE}' does not exist yet: it would be created with these {lines} lines\n+{BEGIN}\n+== "
        )),
        "{dry}"
    );
    assert!(!dry.contains("@@"), "{dry}");
    assert!(
        dry.lines().filter(|l| l.starts_with('+')).count() == lines,
        "{dry}"
    );
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
    assert_eq!(
        wiki.text(PAGE).trim_end(),
        format!("{BEGIN}\n{}\n{END}", exported.trim_end())
    );
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
fn a_comment_added_under_the_sheet_on_the_wiki_survives_a_publish() {
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
    assert!(status.contains("(last by Mentor at "), "{status}");
    assert!(status.contains("around the sheet only"), "{status}");

    ws.ok(&["score", "me.toml", "K4=1"]);
    let out = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(out.contains(": ksb: K4 –→1\n"), "{out}");
    let page = wiki.text(PAGE);
    assert!(
        page.trim_end().ends_with("A comment from the mentor."),
        "{page}"
    );
    assert!(
        page.contains("| Security & Privacy Compliance\n| Platform Security\n| Generalist\n| 1\n"),
        "{page}"
    );
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
    assert!(err.contains("the page holds no sheet"), "{err}");
    assert!(err.contains("give --force to add the sheet to it"), "{err}");
    assert_eq!(wiki.text(PAGE).trim_end(), "Someone's own notes.");
    let out = ws.ok(&["wiki", "publish", "me.toml", "--force"]);
    assert!(out.contains("Published"), "{out}");
    let page = wiki.text(PAGE);
    assert!(
        page.starts_with(&format!("Someone's own notes.\n\n{BEGIN}\n")),
        "{page}"
    );

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
    assert!(out.contains("\nPulled 1 of 1 page into pulled/"), "{out}");
    let bob = ws.read("pulled/Bob-Mentor-review-2026-12-02.toml");
    assert!(
        bob.contains("page = \"Tech:Mentoring/Assessments/Bob\""),
        "{bob}"
    );
}

#[test]
fn wrong_revoked_and_unreadable_credentials_are_refused_without_showing_them() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let wrong = ws.write("wrong-password", "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww\n");
    std::fs::set_permissions(&wrong, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = ws.ksb(&["wiki", "publish", "me.toml"]);
    let out = cmd.env("KSB_WIKI_PASSWORD_FILE", &wrong).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "logging in to the wiki as 'Admin@ksb' failed: Incorrect username or password"
        ),
        "{err}"
    );
    assert!(!err.contains("wwwwwwww"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    // The same password from the environment is never echoed either.
    let mut cmd = ws.ksb(&["config"]);
    let out = cmd
        .env("KSB_WIKI_PASSWORD", "abcdefghijklmnopqrstuvw012345678")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("wiki.password_file") && !shown.contains("abcdefghijklmnopqrstuvw012345678"),
        "{shown}"
    );

    // A password file group or others can read is refused before anything is sent.
    std::fs::set_permissions(
        ws.file("bot-password"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let err = ws.fails(1, &["wiki", "publish", "me.toml"]);
    assert!(
        err.contains("can be read by others (mode 0644): run `chmod 600"),
        "{err}"
    );
    std::fs::set_permissions(
        ws.file("bot-password"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();

    // A revoked bot password no longer logs in, and nothing is written.
    wiki.maintenance("invalidateBotPasswords.php", &["--user", ADMIN], "");
    let err = ws.fails(1, &["wiki", "publish", "me.toml"]);
    assert!(
        err.contains("logging in to the wiki as 'Admin@ksb' failed"),
        "{err}"
    );
    assert!(!ws.read("me.toml").contains("[wiki]"));
}

#[test]
fn a_protected_page_and_a_missing_page_end_in_mediawikis_own_words() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    wiki.maintenance("protect.php", &["--user", ADMIN, "Protected sheet"], "");
    let err = ws.fails(
        1,
        &["wiki", "publish", "me.toml", "--page", "Protected sheet"],
    );
    assert!(
        err.contains("publishing 'me.toml' to page 'Protected sheet'"),
        "{err}"
    );
    assert!(err.contains("the wiki refused: protectedpage:"), "{err}");
    assert!(err.contains("ask a wiki administrator"), "{err}");
    assert!(!ws.read("me.toml").contains("[wiki]"));

    // A finished (locked) assessment can be published: only [wiki] is written into it.
    std::fs::copy(fixture("example.toml"), ws.file("baseline.toml")).unwrap();
    ws.ok(&["lock", "baseline.toml"]);
    let out = ws.ok(&[
        "wiki",
        "publish",
        "baseline.toml",
        "--page",
        "Baseline",
        "--summary",
        "Baseline",
    ]);
    assert!(out.ends_with(": Baseline\n"), "{out}");
    let locked = ws.read("baseline.toml");
    assert!(
        locked.contains("locked = true") && locked.contains("page = \"Baseline\""),
        "{locked}"
    );

    let err = ws.fails(1, &["wiki", "pull", "No such page", "-o", "x.toml"]);
    assert!(
        err.contains("ksb: error: pulling page 'No such page': the page does not exist"),
        "{err}"
    );
    assert!(!ws.file("x.toml").exists());
}

/// `count` sheet pages named `Sheet NNN`, a username each, `category` on the even ones.
fn cohort_pages(ws: &Workspace, count: usize, category: &str) -> std::path::PathBuf {
    let wikitext = ws.ok(&[
        "export",
        fixture("example.toml").to_str().unwrap(),
        "--notes",
    ]);
    let folder = ws.file("pages");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..count {
        let mut page = wikitext.replace("ExampleUser", &format!("Mentee{i:03}"));
        if i % 2 == 0 {
            page.push_str(&format!("\n[[Category:{category}]]\n"));
        }
        std::fs::write(folder.join(format!("Sheet {i:03}")), page).unwrap();
    }
    folder
}

#[test]
fn a_cohort_of_120_pages_comes_in_five_requests_and_a_page_that_is_no_sheet_is_named() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = Workspace::new();
    let folder = cohort_pages(&ws, 120, "Cohort 2026");
    std::fs::write(folder.join("Notes"), "Just notes, no sheet.\n").unwrap();
    wiki.import_pages(&folder, "Tech Mentoring/Cohort 2026/");
    let before = wiki.requests().len();

    let out = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &wiki.api(),
            "pull",
            "--prefix",
            "Tech Mentoring/Cohort 2026/",
            "-o",
            "cohort/",
        ])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // One site-info request, one listing, ceil(121 / 50) = 3 content requests.
    assert_eq!(
        stdout,
        "60 of the pages have text outside their sheet (such as 'Tech Mentoring/Cohort 2026/Sheet 000'): it stays on the wiki and is not in the sheets\n\
         Pulled 120 of 121 pages into cohort/ (5 requests)\n"
    );
    let requests: Vec<String> = wiki.requests()[before..].to_vec();
    assert_eq!(requests.len(), 5, "{requests:#?}");
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.ends_with(" query revisions"))
            .count(),
        3,
        "{requests:#?}"
    );
    assert!(
        stderr.starts_with("ksb: error: pulling page 'Tech Mentoring/Cohort 2026/Notes': the page has no sheet table"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert_eq!(
        stderr.lines().last().unwrap(),
        "ksb: error: 1 of 121 pages not pulled (listed above)"
    );
    assert_eq!(std::fs::read_dir(ws.file("cohort")).unwrap().count(), 120);
    assert!(ws
        .ok(&["summary", "cohort/"])
        .starts_with("Cohort: 120 participants (120 sheets read; latest sheet of each)\n"));

    // Pulling again replaces the same sheets (no local changes), by category this time.
    let out = ws.ok(&[
        "wiki",
        "--wiki",
        &wiki.api(),
        "pull",
        "--category",
        "Cohort 2026",
        "-o",
        "cohort/",
    ]);
    assert!(
        out.ends_with("\nPulled 60 of 60 pages into cohort/ (3 requests)\n"),
        "{out}"
    );
}

#[test]
fn a_hostile_page_ends_in_a_clear_error_and_the_standard_comes_from_the_wiki() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = Workspace::new();
    // 20,000 tables nested and 1.4 MB of flattened rows: loaded without MediaWiki's parser,
    // which would take minutes over it.
    let hostile = "{|\n|\n".repeat(20_000) + &"| filler || row || of || text\n".repeat(50_000);
    wiki.import_unparsed("Hostile", &hostile);
    let err = ws.fails(
        1,
        &[
            "wiki",
            "--wiki",
            &wiki.api(),
            "pull",
            "Hostile",
            "-o",
            "h.toml",
        ],
    );
    assert!(
        err.starts_with("ksb: error: pulling page 'Hostile': "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(!ws.file("h.toml").exists());

    let standard = std::fs::read_to_string(fixture("standard-page-v1.1.txt")).unwrap();
    wiki.edit("Tech:Mentoring/Standard", ADMIN, &standard);
    let out = ws.ok(&[
        "standard",
        "import",
        "--wiki",
        "Tech:Mentoring/Standard",
        "--wiki-url",
        &wiki.api(),
        "-o",
        "std.yaml",
    ]);
    assert!(out.contains("Wrote std.yaml"), "{out}");
    assert!(ws.ok(&["standard", "--check", "std.yaml"]).contains("KSBs"));
}

/// The wiki named by host name, not by address, as people name their wikis: `ksb` resolves it
/// through the C library's resolver (glibc's NSS in the usual build, musl's own in the static
/// one that scripts/build-static makes and checks the same way).
#[test]
fn a_wiki_named_by_host_name_is_reached() {
    use std::net::ToSocketAddrs as _;
    let addresses: Vec<_> = ("localhost", 80).to_socket_addrs().unwrap().collect();
    assert!(
        addresses
            .iter()
            .all(|a| a.ip() == std::net::Ipv4Addr::LOCALHOST),
        "this test must not leave 127.0.0.1, but localhost is {addresses:?} here"
    );
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    ws.ok(&["wiki", "publish", "me.toml"]);

    let by_name = wiki.api().replace("://127.0.0.1:", "://localhost:");
    assert!(by_name.starts_with("http://localhost:"), "{by_name}");
    let reader = Workspace::new();
    let pulled = reader.ok(&["wiki", "--wiki", &by_name, "pull", PAGE, "-o", "back.toml"]);
    assert!(
        pulled.starts_with("Pulled 1 of 1 page into back.toml"),
        "{pulled}"
    );
    assert_eq!(
        reader.ok(&["summary", "back.toml"]),
        ws.ok(&["summary", "me.toml"])
    );
}
