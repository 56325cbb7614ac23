//! What a newcomer runs into on a first day with `ksb` (issue 12): dates as sheets store them,
//! error messages that say what a file is, reports that name standard input, advice that fits
//! how the standard was chosen, and defaults checked where they are shown.

use crate::common::{fixture, Workspace};

const GENERALIST: [&str; 4] = ["--username", "Alice", "--role-focus", "Generalist"];

fn score(ws: &Workspace, sheet: &str, more: &[&str]) {
    let mut args = vec!["score", sheet];
    args.extend(GENERALIST);
    args.extend(more);
    ws.ok(&args);
}

#[test]
fn a_date_is_taken_as_sheets_store_it_as_well_as_dd_mm_yyyy() {
    let ws = Workspace::new();
    score(&ws, "iso.toml", &["--date", "2026-12-01", "K1=2"]);
    assert!(ws.read("iso.toml").contains("\ndate = 2026-12-01\n"));
    score(&ws, "dmy.toml", &["--date", "01/12/2026"]);
    assert!(ws.read("dmy.toml").contains("\ndate = 2026-12-01\n"));
    // The date copied out of a sheet changes an existing one too.
    ws.ok(&["score", "dmy.toml", "--date", "2027-01-31"]);
    assert!(ws.read("dmy.toml").contains("\ndate = 2027-01-31\n"));
    let err = ws.fails(1, &["score", "dmy.toml", "--date", "2027-02-31"]);
    assert_eq!(
        err,
        "ksb: error: updating sheet 'dmy.toml': invalid date '2027-02-31': expected a real date as DD/MM/YYYY or YYYY-MM-DD, such as 25/11/2026\n"
    );
}

#[test]
fn an_empty_file_a_duplicate_key_and_a_cargo_toml_are_each_said_for_what_they_are() {
    let ws = Workspace::new();
    score(&ws, "me.toml", &["K4=0"]);
    ws.write("empty.toml", "");
    let err = ws.fails(1, &["show", "empty.toml"]);
    assert_eq!(
        err,
        "ksb: error: reading sheet 'empty.toml': the file is empty: a ksb sheet starts with `format = 1`\n"
    );
    let twice = ws
        .read("me.toml")
        .replace("K4 = 0\n", "K4 = 0\nK4 = 2 # changed my mind\n");
    let line = twice.lines().position(|l| l.starts_with("K4 = 2")).unwrap() + 1;
    ws.write("twice.toml", &twice);
    let err = ws.fails(1, &["show", "twice.toml"]);
    assert_eq!(
        err,
        format!("ksb: error: reading sheet 'twice.toml': line {line}, column 1: duplicate key `K4`: each key is given once\n")
    );
    std::fs::create_dir(ws.file("cohort")).unwrap();
    std::fs::copy(ws.file("me.toml"), ws.file("cohort/me.toml")).unwrap();
    ws.write(
        "cohort/Cargo.toml",
        "[package]\nname = \"tools\"\nversion = \"0.1.0\"\n\n[[bin]]\nname = \"x\"\n",
    );
    let err = ws.fails(1, &["summary", "cohort"]);
    assert!(
        err.contains("ksb: error: reading sheet 'cohort/Cargo.toml': it is not a ksb sheet (a sheet has `format = 1`, `standard` and a [participant] table)\n"),
        "{err}"
    );
    assert!(!err.contains("unknown field"), "{err}");
}

#[test]
fn a_sheet_from_standard_input_is_labelled_stdin() {
    let ws = Workspace::new();
    score(&ws, "a.toml", &["--date", "01/11/2026", "K1=1"]);
    score(&ws, "b.toml", &["--date", "01/12/2026", "K1=2"]);
    let run = |args: &[&str]| {
        let out = ws
            .ksb(args)
            .write_stdin(ws.read("b.toml"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let compared = run(&["compare", "a.toml", "-"]);
    assert!(
        compared.starts_with(
            "A: a.toml (Alice, Generalist, Self-assessment, 01/11/2026)\nB: stdin (Alice, Generalist, Self-assessment, 01/12/2026)\n"
        ),
        "{compared}"
    );
    let progress = run(&["progress", "-", "a.toml"]);
    assert!(
        progress.starts_with("1: a.toml (Alice")
            && progress.contains("\n2: stdin (Alice, Generalist, Self-assessment, 01/12/2026)\n"),
        "{progress}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["progress", "a.toml", "-", "--format", "json"])).unwrap();
    assert_eq!(json["sheets"][1]["file"], "stdin");
}

#[test]
fn a_built_in_sheet_read_with_another_standard_says_to_drop_that_choice() {
    let ws = Workspace::new();
    score(&ws, "me.toml", &["K1=2"]);
    let other = fixture("other-standard.yaml");
    let other = other.to_str().unwrap();
    let said = "ksb: error: reading sheet 'me.toml': line 2, column 12: the sheet is for standard 'miraheze-tech-mentoring', but the standard in use is 'other-programme': it is a sheet of the built-in standard, so";
    let err = ws.fails(1, &["--standard", other, "show", "me.toml"]);
    assert_eq!(err, format!("{said} drop --standard\n"));
    assert!(!err.contains("choose it with --standard"), "{err}");
    let err = ws
        .ksb(&["show", "me.toml"])
        .env("KSB_STANDARD", other)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(err.stderr).unwrap(),
        format!("{said} unset KSB_STANDARD\n")
    );
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        &format!("username = \"Alice\"\nstandard = \"{other}\"\n"),
    );
    let err = ws.fails(1, &["show", "me.toml"]);
    let config = ws.file(".config/ksb/config.toml");
    assert_eq!(
        err,
        format!(
            "{said} remove `standard` from config file '{}', line 2\n",
            config.display()
        )
    );
}

#[test]
fn ksb_config_checks_the_defaults_and_names_where_a_bad_one_came_from() {
    let ws = Workspace::new();
    let output = ws
        .ksb(&["config"])
        .env("KSB_ROLE_FOCUS", "Poet")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .any(|line| line.split_whitespace().take(2).eq(["role_focus", "Poet"])),
        "the settings are still shown: {stdout}"
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "ksb: error: role_focus from environment variable KSB_ROLE_FOCUS: role focus 'Poet' is not one of: Generalist, MediaWiki Specialist, Infrastructure Specialist\n"
    );

    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "# my defaults\nusername = \"Alice\"\n\nmentoring_type = \"Boss\"\n",
    );
    let config = ws.file(".config/ksb/config.toml").display().to_string();
    let bad = format!(
        "mentoring_type from config file '{config}', line 4: mentoring type 'Boss' is not one of: Mentee, Mentor, Peer Support"
    );
    let err = ws.fails(1, &["config"]);
    assert_eq!(err, format!("ksb: error: {bad}\n"));
    // Where the default is used, the same line names the file and the line.
    let err = ws.fails(1, &["score", "new.toml", "--role-focus", "Generalist"]);
    assert_eq!(
        err,
        format!("ksb: error: creating sheet 'new.toml': {bad}\n")
    );
    assert!(!ws.file("new.toml").exists());
    // A good config passes, and `ksb config` shows each value's line.
    ws.write(
        ".config/ksb/config.toml",
        "username = \"Alice\"\nmentoring_type = \"mentor\"\n\n[wiki]\nurl = \"https://wiki.example/w/api.php\"\n",
    );
    let out = ws.ok(&["config"]);
    assert!(
        out.contains(&format!("(config file '{config}', line 2)")),
        "{out}"
    );
    let url = out.lines().find(|l| l.starts_with("wiki.url")).unwrap();
    assert!(
        url.ends_with(&format!("(config file '{config}', line 5)")),
        "{out}"
    );
}

#[test]
fn show_lists_the_notes_wrapped_to_the_width_and_says_when_a_sheet_is_locked() {
    let ws = Workspace::new();
    let long = "Wrote the licence FAQ and presented it at the community call, with a follow-up on the mailing list the week after";
    score(
        &ws,
        "me.toml",
        &[
            "K1=2",
            "--note",
            &format!("K1={long}"),
            "--note",
            "S3=Reviewed two patches\u{1b}[41m in Gerrit",
        ],
    );
    let out = ws
        .ksb(&["show", "me.toml"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(!out.contains("Locked"), "{out}");
    let notes = &out[out.find("\nNotes\n").expect("a Notes table") + 1..];
    let notes = &notes[..notes.find("\n\n").unwrap()];
    assert!(notes.starts_with("Notes\n+----+"), "{notes}");
    assert!(notes.lines().all(|l| l.chars().count() <= 60), "{notes}");
    let cells = |id: &str| -> String {
        notes
            .lines()
            .skip_while(|l| !l.starts_with(&format!("| {id} ")))
            .take_while(|l| l.starts_with(&format!("| {id} ")) || l.starts_with("|    |"))
            .map(|l| {
                l.trim_end_matches('|')
                    .splitn(3, '|')
                    .nth(2)
                    .unwrap()
                    .trim()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        cells("K1"),
        long,
        "wrapped between words, nothing lost: {notes}"
    );
    assert!(
        notes
            .lines()
            .filter(|l| l.starts_with("| K1 ") || l.starts_with("|    |"))
            .count()
            > 1
    );
    assert_eq!(cells("S3"), "Reviewed two patches\u{fffd}[41m in Gerrit");
    assert!(
        !out.contains('\u{1b}'),
        "no escape code reaches the terminal"
    );

    ws.ok(&["lock", "me.toml"]);
    let out = ws.ok(&["show", "me.toml"]);
    assert!(
        out.contains("\nDate: ")
            && out.contains("\nLocked: a finished assessment, kept as it is (no command changes it until it is unlocked)\n"),
        "{out}"
    );
    // A sheet without notes has no Notes table.
    score(&ws, "plain.toml", &["K1=1"]);
    assert!(!ws.ok(&["show", "plain.toml"]).contains("\nNotes\n"));
}
