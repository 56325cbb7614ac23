//! `ksb assess` driven through a real pseudo-terminal: every key a participant types, the sheet
//! on disk after it, Ctrl-C and resuming, and the refusal without a terminal.
// Pseudo-terminals (rexpect) are Unix-only.
#![cfg(unix)]

use std::time::Duration;

use crate::common::pty::Pty;
use crate::common::sheets::{assert_scores, ids, load, unscored, varied_score};
use crate::common::Workspace;
use ksb::Score;

#[test]
fn scores_all_28_with_back_skip_a_refusal_and_n_a_then_the_skipped_one() {
    let ws = Workspace::new();
    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.expect("Username:");
    pty.line("Tester");
    pty.expect("Preferred role focus");
    pty.keys("\x1b[B");
    pty.expect("> MediaWiki Specialist");
    pty.keys("\r");
    pty.expect("Mentoring type");
    pty.keys("\r");
    pty.expect("Assessment type");
    pty.keys("\r");
    pty.expect("Date (DD/MM/YYYY)");
    pty.keys(&"\x7f".repeat(10));
    pty.line("25/11/2026");
    pty.expect("Created me.toml");
    pty.expect("28 KSBs to score.");

    let ids = ids();
    let mut expected = unscored();
    pty.answer("K1", 1, "2");
    expected[0].1 = Some(Score::Two);
    pty.answer("K2", 2, "x");
    pty.expect("'x' is not an answer");
    pty.expect("? for help)");
    pty.line("3");
    expected[1].1 = Some(Score::Three);
    pty.answer("K3", 3, "1");
    pty.answer("K4", 4, "b");
    pty.expect("K3 · 3/28 · Knowledge");
    pty.expect("? for help) [1]");
    pty.line("0");
    expected[2].1 = Some(Score::Zero);
    pty.answer("K4", 4, "n/a");
    expected[3].1 = Some(Score::NotApplicable);
    pty.answer("K5", 5, "s");
    pty.answer("K6", 6, "?");
    pty.expect("Keys:");
    pty.answer("K6", 6, "N/A");
    expected[5].1 = Some(Score::NotApplicable);
    for position in 7..=28 {
        let (text, score) = varied_score(position);
        pty.answer(&ids[position - 1], position, text);
        expected[position - 1].1 = Some(score);
    }
    pty.expect("By role focus");
    pty.expect("Saved: me.toml (27 of 28 scored)");
    pty.expect("1 left unscored: `ksb assess me.toml` asks them again.");
    assert_eq!(pty.finish().0, 0);

    let sheet = load(&ws, "me.toml");
    assert_scores(&sheet, &expected);
    let p = &sheet.participant;
    assert_eq!(
        (
            p.username.as_str(),
            p.role_focus.as_str(),
            p.mentoring_type.as_str(),
            p.assessment_type.as_str(),
            p.date_dmy()
        ),
        (
            "Tester",
            "MediaWiki Specialist",
            "Mentee",
            "Self-assessment",
            "25/11/2026".to_string()
        )
    );

    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.expect("1 of 28 KSBs left to score, starting at K5.");
    pty.answer("K5", 5, "1");
    expected[4].1 = Some(Score::One);
    pty.expect("Saved: me.toml (28 of 28 scored)");
    assert_eq!(pty.finish().0, 0);
    assert_scores(&load(&ws, "me.toml"), &expected);
}

#[test]
fn ctrl_c_keeps_the_answers_restores_the_terminal_and_the_next_run_resumes() {
    let ws = Workspace::new();
    let header = [
        "--username",
        "Tester",
        "--role-focus",
        "generalist",
        "--mentoring-type",
        "peer support",
        "--assessment-type",
        "Final check",
        "--date",
        "01/12/2026",
    ];
    let mut pty = Pty::start(&ws, &[&["assess", "me.toml"][..], &header].concat());
    let ids = ids();
    let mut expected = unscored();
    for position in 1..=3 {
        let (text, score) = varied_score(position);
        pty.answer(&ids[position - 1], position, text);
        expected[position - 1].1 = Some(score);
    }
    pty.expect("K4 · 4/28 · Knowledge");
    pty.expect("? for help)");
    pty.keys("\x03");
    let before = pty.expect("Interrupted. Saved so far: me.toml (3 of 28 scored)");
    assert!(
        before.contains("\x1b[?25h"),
        "the cursor is shown again: {before:?}"
    );
    let (status, settings) = pty.finish();
    assert_eq!(status, 130);
    let modes: Vec<&str> = settings.split_whitespace().collect();
    for mode in ["icanon", "isig", "icrnl", "opost"] {
        assert!(modes.contains(&mode), "{mode} is back on: {settings}");
    }
    let sheet = load(&ws, "me.toml");
    assert_scores(&sheet, &expected);
    assert_eq!(sheet.participant.role_focus, "Generalist");
    assert_eq!(sheet.participant.mentoring_type, "Peer Support");
    assert_eq!(sheet.participant.assessment_type, "Final check");
    assert_eq!(sheet.participant.date_dmy(), "01/12/2026");

    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.expect("25 of 28 KSBs left to score, starting at K4.");
    for position in 4..=28 {
        let (text, score) = varied_score(position);
        pty.answer(&ids[position - 1], position, text);
        expected[position - 1].1 = Some(score);
    }
    pty.expect("Saved: me.toml (28 of 28 scored)");
    assert_eq!(pty.finish().0, 0);
    assert_scores(&load(&ws, "me.toml"), &expected);
}

#[test]
fn sigint_from_outside_while_a_prompt_holds_the_terminal_raw_restores_it() {
    let ws = Workspace::new();
    let mut pty = Pty::start(
        &ws,
        &[
            "assess",
            "me.toml",
            "--username",
            "Tester",
            "--role-focus",
            "Generalist",
            "--mentoring-type",
            "Mentee",
            "--assessment-type",
            "Self-assessment",
            "--date",
            "01/12/2026",
        ],
    );
    pty.answer("K1", 1, "2");
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("? for help)");
    pty.interrupt_in_raw_mode();
    pty.expect("Interrupted. Saved so far: me.toml (1 of 28 scored)");
    let (status, settings) = pty.finish();
    assert_eq!(status, 130);
    let modes: Vec<&str> = settings.split_whitespace().collect();
    for mode in ["icanon", "isig", "icrnl", "opost"] {
        assert!(modes.contains(&mode), "{mode} is back on: {settings}");
    }
    let mut expected = unscored();
    expected[0].1 = Some(Score::Two);
    assert_scores(&load(&ws, "me.toml"), &expected);
}

#[test]
fn all_offers_each_score_and_enter_keeps_it_with_notes() {
    let ws = Workspace::new();
    let ids = ids();
    let mut args: Vec<String> = [
        "score",
        "me.toml",
        "--username",
        "Tester",
        "--role-focus",
        "Generalist",
    ]
    .map(String::from)
    .to_vec();
    let mut expected = Vec::new();
    for (index, id) in ids.iter().enumerate() {
        let (text, score) = varied_score(index);
        args.push(format!("{id}={text}"));
        expected.push((id.clone(), Some(score)));
    }
    ws.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());

    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.expect("All 28 KSBs are scored; `--all` goes through them again.");
    pty.expect("Saved: me.toml (28 of 28 scored)");
    assert_eq!(pty.finish().0, 0);

    let mut pty = Pty::start(&ws, &["assess", "me.toml", "--all", "--notes"]);
    pty.expect("Going through all 28 KSBs (0 unscored)");
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("? for help) [3]");
    pty.line("");
    pty.expect("? for help) [3]: 3 – can teach (kept)\r\n");
    pty.expect("Note (Enter for none)");
    pty.line("Ran the Swift rebalance");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("? for help) [2]");
    pty.line("0");
    expected[1].1 = Some(Score::Zero);
    pty.expect("Note (Enter for none)");
    pty.line("");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K3", 3, "q");
    // --notes was given: the command to go on asks for notes again (--all is not repeated:
    // going on means the KSBs not yet gone through).
    pty.expect(
        "Saved so far: me.toml (28 of 28 scored). `ksb assess me.toml --notes` goes on from here.",
    );
    assert_eq!(pty.finish().0, 0);

    let sheet = load(&ws, "me.toml");
    assert_scores(&sheet, &expected);
    assert_eq!(
        sheet.note(&"K1".parse().unwrap()),
        Some("Ran the Swift rebalance")
    );
    assert_eq!(sheet.note(&"K2".parse().unwrap()), None);
}

#[test]
fn without_a_sheet_it_names_the_file_from_the_config_defaults() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "username = \"Zoë O'Brien\"\nrole_focus = \"Infrastructure Specialist\"\nmentoring_type = \"Peer Support\"\nsheets_dir = \"../../assessments\"\n",
    );
    let mut pty = Pty::start(&ws, &["assess", "--date", "01/12/2026"]);
    // Username, role focus and mentoring type come from the config file; the rest is asked.
    pty.expect("Assessment type");
    pty.keys("\x1b[B");
    pty.expect("> Mentor review");
    pty.line("");
    let path = "assessments/Zoë-O-Brien-Mentor-review-2026-12-01.toml";
    pty.expect("Created ");
    pty.expect(&format!("{path}\r\n"));
    pty.answer("K1", 1, "3");
    pty.answer("K2", 2, "q");
    assert_eq!(pty.finish().0, 0);

    let sheet = load(&ws, path);
    let p = &sheet.participant;
    assert_eq!(
        (
            p.username.as_str(),
            p.role_focus.as_str(),
            p.mentoring_type.as_str()
        ),
        ("Zoë O'Brien", "Infrastructure Specialist", "Peer Support")
    );
    assert_eq!(
        (p.assessment_type.as_str(), p.date_dmy()),
        ("Mentor review", "01/12/2026".to_string())
    );
    assert_eq!(sheet.score(&"K1".parse().unwrap()), Some(Score::Three));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(ws.file("assessments"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "the sheets folder is private");
    }

    // The same participant, type and date again: the same file, resumed.
    let mut pty = Pty::start(
        &ws,
        &[
            "assess",
            "--date",
            "01/12/2026",
            "--assessment-type",
            "mentor review",
        ],
    );
    pty.expect("27 of 28 KSBs left to score, starting at K2.");
    pty.answer("K2", 2, "q");
    assert_eq!(pty.finish().0, 0);
}

#[test]
fn a_locked_sheet_is_refused_and_left_as_it_was() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Tester",
        "--role-focus",
        "Generalist",
        "K1=2",
    ]);
    ws.ok(&["lock", "me.toml"]);
    let before = std::fs::read(ws.file("me.toml")).unwrap();
    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.expect("sheet 'me.toml' is locked as a finished assessment; unlock it first with `ksb lock --undo me.toml`");
    assert_eq!(pty.finish().0, 1);
    assert_eq!(std::fs::read(ws.file("me.toml")).unwrap(), before);
}

#[test]
fn a_sheet_changed_by_another_program_during_assess_is_not_overwritten() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Tester",
        "--role-focus",
        "Generalist",
    ]);
    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.answer("K1", 1, "2");
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("? for help)");
    // Another program (an editor, a second `ksb`) rewrites the sheet meanwhile.
    ws.ok(&["score", "me.toml", "B8=3"]);
    let theirs = std::fs::read(ws.file("me.toml")).unwrap();
    pty.line("1");
    pty.expect("was changed by another program since ksb read it; not overwriting it");
    assert_eq!(pty.finish().0, 1);
    assert_eq!(std::fs::read(ws.file("me.toml")).unwrap(), theirs);
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.score(&"K1".parse().unwrap()), Some(Score::Two));
    assert_eq!(sheet.score(&"B8".parse().unwrap()), Some(Score::Three));
    assert_eq!(sheet.score(&"K2".parse().unwrap()), None);
}

#[test]
fn a_sheet_in_a_missing_folder_is_refused_before_anything_is_asked() {
    let ws = Workspace::new();
    let mut pty = Pty::start(&ws, &["assess", "nowhere/me.toml"]);
    pty.expect("creating sheet 'nowhere/me.toml': folder 'nowhere' does not exist");
    assert_eq!(pty.finish().0, 1);
    assert!(!ws.file("nowhere").exists());
}

const NEEDS_A_TERMINAL: &str = "`ksb assess` needs an interactive terminal on stdin and stdout; \
                                to set scores from a script use `ksb score SHEET ID=SCORE...`";

#[test]
fn without_a_terminal_it_exits_1_and_says_how_to_script_scores() {
    let ws = Workspace::new();
    let output = ws
        .ksb(&["assess", "me.toml", "--username", "Tester"])
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run ksb");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("ksb: error: {NEEDS_A_TERMINAL}\n")
    );
    assert!(!ws.file("me.toml").exists());

    for redirect in ["< /dev/null", "> out.txt"] {
        let mut pty = Pty::start_redirected(&ws, &["assess", "me.toml"], redirect);
        pty.expect(NEEDS_A_TERMINAL);
        assert_eq!(pty.finish().0, 1, "with {redirect}");
        assert!(!ws.file("me.toml").exists());
    }
}

/// Header flags for `me.toml`, so that nothing but scores is asked.
const HEADER: [&str; 10] = [
    "--username",
    "Tester",
    "--role-focus",
    "Generalist",
    "--mentoring-type",
    "Mentee",
    "--assessment-type",
    "Self-assessment",
    "--date",
    "01/12/2026",
];

#[test]
fn q_b_and_question_mark_at_the_note_prompt_are_keys_never_notes() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml", "--notes"][..], &HEADER].concat();
    let mut pty = Pty::start(&ws, &args);
    pty.answer("K1", 1, "2");
    pty.expect("Note (Enter for none): ");
    pty.line("?");
    pty.expect("Keys at the note:");
    pty.expect("back to this KSB's score");
    pty.expect("Note (Enter for none): ");
    pty.line("b");
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("? for help) [2]");
    pty.line("3");
    pty.expect("Note (Enter for none): ");
    pty.line("q");
    pty.expect(
        "Saved so far: me.toml (1 of 28 scored). `ksb assess me.toml --notes` goes on from here.",
    );
    assert_eq!(pty.finish().0, 0);
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.score(&"K1".parse().unwrap()), Some(Score::Three));
    assert_eq!(sheet.note(&"K1".parse().unwrap()), None);
    assert!(
        !ws.read("me.toml").contains("[notes]"),
        "{}",
        ws.read("me.toml")
    );
}

#[test]
fn g_goes_straight_to_a_ksb_by_id_or_number() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml"][..], &HEADER].concat();
    let mut pty = Pty::start(&ws, &args);
    pty.answer("K1", 1, "g 5");
    pty.answer("K5", 5, "1");
    pty.answer("K6", 6, "g K99");
    pty.expect("there is no KSB 'K99'");
    pty.expect("? for help)");
    pty.line("g b8");
    pty.answer("B8", 28, "g k2");
    pty.answer("K2", 2, "2");
    pty.answer("K3", 3, "q");
    pty.expect("Saved so far: me.toml (2 of 28 scored).");
    assert_eq!(pty.finish().0, 0);
    let mut expected = unscored();
    expected[4].1 = Some(Score::One);
    expected[1].1 = Some(Score::Two);
    assert_scores(&load(&ws, "me.toml"), &expected);
}

#[test]
fn after_g_near_the_end_the_walk_goes_on_with_the_unscored_ksbs() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml"][..], &HEADER].concat();
    let mut pty = Pty::start(&ws, &args);
    pty.answer("K1", 1, "g B7");
    pty.answer("B7", 27, "2");
    pty.answer("B8", 28, "3");
    // Not the end of the walk with 26 left: round to the first unscored KSB.
    pty.answer("K1", 1, "1");
    pty.answer("K2", 2, "q");
    pty.expect("Saved so far: me.toml (3 of 28 scored).");
    assert_eq!(pty.finish().0, 0);
    let mut expected = unscored();
    expected[0].1 = Some(Score::One);
    expected[26].1 = Some(Score::Two);
    expected[27].1 = Some(Score::Three);
    assert_scores(&load(&ws, "me.toml"), &expected);
}

#[test]
fn resuming_says_what_it_opened_and_ctrl_c_says_how_to_go_on() {
    let ws = Workspace::new();
    ws.ok(&[
        &["score", "me.toml"][..],
        &HEADER,
        &["K1=2", "K2=3", "K3=n/a"],
    ]
    .concat());
    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.expect("Resuming Tester's Self-assessment of 01/12/2026 in me.toml: 3 of 28 scored\r\n");
    pty.answer("K4", 4, "1");
    pty.expect("K5 · 5/28 · Knowledge");
    pty.expect("? for help)");
    pty.keys("\x03");
    pty.expect(
        "Interrupted. Saved so far: me.toml (4 of 28 scored). `ksb assess me.toml` goes on from here.",
    );
    assert_eq!(pty.finish().0, 130);

    // With --notes, Ctrl-C's command asks for notes again.
    let mut pty = Pty::start(&ws, &["assess", "me.toml", "--notes"]);
    pty.answer("K5", 5, "1");
    pty.expect("Note (Enter for none): ");
    pty.keys("\x03");
    pty.expect(
        "Interrupted. Saved so far: me.toml (5 of 28 scored). `ksb assess me.toml --notes` goes on from here.",
    );
    assert_eq!(pty.finish().0, 130);
}

#[test]
fn without_a_sheet_the_unfinished_one_is_offered_first_and_nothing_asked_is_ignored() {
    let ws = Workspace::new();
    // Started on another day, and not finished.
    let sheet = "Tester-Self-assessment-2026-11-20.toml";
    ws.ok(&[
        "score",
        sheet,
        "--username",
        "Tester",
        "--role-focus",
        "MediaWiki Specialist",
        "--date",
        "20/11/2026",
        "K1=2",
    ]);
    let mut pty = Pty::start(&ws, &["assess"]);
    // The folder by its name, not `.`.
    let folder = std::fs::canonicalize(ws.path()).unwrap();
    pty.expect(&format!("An unfinished sheet in {}:", folder.display()));
    pty.expect("Carry on with");
    pty.expect(&format!(
        "Tester's Self-assessment of 20/11/2026, 1 of 28 scored · {sheet}"
    ));
    pty.expect("A new sheet");
    pty.keys("\r");
    // Longer than the terminal's 100 columns: broken at a space.
    pty.expect(&format!(
        "Resuming Tester's Self-assessment of 20/11/2026 in ./{sheet}: 1 of 28\r\nscored\r\n"
    ));
    pty.answer("K2", 2, "3");
    pty.answer("K3", 3, "q");
    pty.expect(&format!("`ksb assess ./{sheet}` goes on from here."));
    assert_eq!(pty.finish().0, 0);
    let resumed = load(&ws, sheet);
    assert_eq!(resumed.score(&"K2".parse().unwrap()), Some(Score::Three));
    assert_eq!(resumed.participant.role_focus, "MediaWiki Specialist");
    assert_eq!(
        std::fs::read_dir(ws.path()).unwrap().count(),
        1,
        "no new sheet"
    );

    // A new sheet for the same user, type and day is that sheet: once the answers that name
    // its file are in, it is opened, and the role focus is never asked only to be ignored.
    let mut pty = Pty::start(&ws, &["assess"]);
    pty.expect("A new sheet");
    pty.keys("\x1b[B");
    pty.expect("> A new sheet");
    pty.keys("\r");
    pty.expect("Username: ");
    pty.line("Tester");
    pty.expect("Assessment type");
    pty.keys("\r");
    pty.expect("Date (DD/MM/YYYY)");
    pty.keys("\x15");
    pty.line("20/11/2026");
    let before = pty.expect(&format!(
        "Resuming Tester's Self-assessment of 20/11/2026 in ./{sheet}: 2 of 28\r\nscored\r\n"
    ));
    assert!(!before.contains("role focus"), "{before}");
    assert!(!before.contains("Mentoring type"), "{before}");
    pty.answer("K3", 3, "q");
    assert_eq!(pty.finish().0, 0);

    // Another user's sheets are not offered when the username is known.
    let mut pty = Pty::start(&ws, &["assess", "--username", "Someone"]);
    let before = pty.expect("Assessment type");
    assert!(!before.contains("Carry on with"), "{before}");
    pty.keys("\x03");
    assert_eq!(pty.finish().0, 130);
}

#[test]
fn sigint_during_a_save_waits_for_it_and_leaves_no_temporary_file() {
    let ws = Workspace::new();
    ws.ok(&[&["score", "me.toml"][..], &HEADER].concat());
    // A sheet of about 9 MB, so that a save takes long enough to be interrupted.
    let big = format!(
        "{}\n[notes]\nB8 = \"{}\"\n",
        ws.read("me.toml"),
        "x".repeat(9 << 20)
    );
    ws.write("me.toml", &big);
    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.answer("K1", 1, "2");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let temporary = || {
        std::fs::read_dir(ws.path())
            .unwrap()
            .flatten()
            .any(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.starts_with(".me.toml.") && name.ends_with(".tmp")
            })
    };
    while !temporary() {
        assert!(std::time::Instant::now() < deadline, "the save never began");
    }
    pty.interrupt_now();
    pty.expect("Interrupted. Saved so far: me.toml (");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 130);
    let left: Vec<String> = std::fs::read_dir(ws.path())
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["me.toml"], "no temporary file beside the sheet");
    let screen = rows.join("\n");
    assert!(
        screen.contains("Interrupted. Saved so far: me.toml (1 of 28 scored)."),
        "the save finished first:\n{screen}"
    );
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.score(&"K1".parse().unwrap()), Some(Score::Two));
    assert_eq!(
        sheet.note(&"B8".parse().unwrap()).map(str::len),
        Some(9 << 20)
    );
}

#[test]
fn each_answer_is_echoed_as_what_it_meant_not_the_keys_typed() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml", "--notes"][..], &HEADER].concat();
    let mut pty = Pty::start(&ws, &args);
    pty.answer("K1", 1, "  3  ");
    pty.expect("Note (Enter for none)");
    pty.line("");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "b");
    pty.answer("K1", 1, "n");
    pty.expect("Note (Enter for none)");
    pty.line("b");
    pty.answer("K1", 1, "s");
    pty.answer("K2", 2, "g 5");
    pty.answer("K5", 5, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let answered: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.split_once("? for help)"))
        .filter_map(|(_, after)| after.split_once(": ").map(|(_, meant)| meant))
        .collect();
    assert_eq!(
        answered,
        [
            "3 – can teach",
            "back one KSB",
            "N/A – Not relevant to current role",
            "skipped (left unscored)",
            "go to K5",
            "save and quit"
        ],
        "{rows:#?}"
    );
    let notes: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.strip_prefix("Note (Enter for none): "))
        .collect();
    assert_eq!(notes, ["none", "back to this KSB's score"], "{rows:#?}");
}

#[test]
fn a_username_typed_as_mediawiki_spells_it_resumes_that_persons_sheet() {
    let ws = Workspace::new();
    let sheet = "exampleUser-Self-assessment-2026-12-01.toml";
    ws.ok(&[
        "score",
        sheet,
        "--username",
        "exampleUser",
        "--role-focus",
        "Generalist",
        "--date",
        "01/12/2026",
        "K1=2",
    ]);
    let mut pty = Pty::start(&ws, &["assess", "--date", "01/12/2026"]);
    pty.expect("A new sheet");
    pty.keys("\x1b[B");
    pty.expect("> A new sheet");
    pty.keys("\r");
    pty.expect("Username: ");
    pty.line("ExampleUser");
    pty.expect("Assessment type");
    pty.keys("\r");
    pty.expect(&format!(
        "Resuming ExampleUser's Self-assessment of 01/12/2026 in\r\n./{sheet}: 1 of 28 scored"
    ));
    pty.answer("K2", 2, "3");
    pty.answer("K3", 3, "q");
    assert_eq!(pty.finish().0, 0);
    assert_eq!(
        std::fs::read_dir(ws.path()).unwrap().count(),
        1,
        "no second sheet"
    );
    assert_eq!(
        load(&ws, sheet).score(&"K2".parse().unwrap()),
        Some(Score::Three)
    );
}

#[test]
fn the_first_screen_fits_24_rows_and_the_full_key_is_behind_the_question_mark() {
    let ws = Workspace::new();
    ws.ok(&[&["score", "me.toml"][..], &HEADER, &["K1=2", "K2=3"]].concat());
    let mut pty = Pty::start_sized(&ws, &["assess", "me.toml"], 80);
    pty.expect("Resuming Tester's");
    let first = pty.expect("? for help)");
    let rows = first.matches('\n').count() + 1;
    assert!(
        rows < 24,
        "{rows} rows from the Resuming line to the prompt:\n{first}"
    );
    assert!(first.contains("K3 · 3/28 · "), "{first}");
    assert!(
        first.contains("0 none · 1 basic · 2 independent · 3 can teach · n/a"),
        "{first}"
    );
    assert!(!first.contains("Editing:"), "{first}");
    pty.line("?");
    pty.expect("Key:");
    pty.expect("g K8, g 8");
    pty.expect("Ctrl-W");
    pty.answer("K3", 3, "q");
    assert_eq!(pty.finish().0, 0);
}

#[test]
fn on_a_dumb_terminal_the_walk_is_plain_lines_without_one_escape() {
    let ws = Workspace::new();
    let mut pty = Pty::start_dumb(&ws, &["assess", "me.toml", "--notes"]);
    pty.expect("Username: ");
    pty.line("Tester");
    pty.expect("Preferred role focus:\r\n  1. ");
    pty.expect("(1-");
    pty.line("5");
    pty.expect("'5' is not a choice");
    pty.expect("Enter for 1): ");
    pty.line("2");
    pty.expect("Mentoring type");
    pty.expect("Enter for 1): ");
    pty.line("");
    pty.expect("Assessment type");
    pty.expect("Enter for 1): ");
    pty.line("");
    pty.expect("(Enter keeps it)");
    pty.expect("Date (DD/MM/YYYY): ");
    pty.line("01/12/2026");
    pty.expect("Created me.toml");
    pty.answer("K1", 1, "2");
    pty.expect("Note (Enter for none): ");
    pty.line("Ran the rebalance");
    pty.expect("Evidence (a line, then a link if any; Enter to skip): ");
    pty.line("");
    pty.answer("K2", 2, "x");
    pty.expect("'x' is not an answer");
    pty.expect("? for help)");
    pty.line("b");
    pty.answer("K1", 1, "");
    pty.expect("Now: Ran the rebalance (Enter keeps it)");
    pty.expect("Note (Enter for none): ");
    pty.line("");
    pty.expect("Evidence (a line, then a link if any; Enter to skip): ");
    pty.line("");
    pty.answer("K2", 2, "?");
    pty.expect("Editing:");
    pty.expect("? for help)");
    pty.line("n");
    pty.expect("Note (Enter for none): ");
    pty.line("q");
    pty.expect("Saved so far: me.toml (2 of 28 scored).");
    let (status, bytes) = pty.finish_bytes();
    assert_eq!(status, 0);
    let text = String::from_utf8_lossy(&bytes);
    assert!(!bytes.contains(&0x1b), "an escape was written:\n{text:?}");
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.participant.role_focus, "MediaWiki Specialist");
    assert_eq!(sheet.score(&"K1".parse().unwrap()), Some(Score::Two));
    assert_eq!(
        sheet.note(&"K1".parse().unwrap()),
        Some("Ran the rebalance")
    );
    assert_eq!(
        sheet.score(&"K2".parse().unwrap()),
        Some(Score::NotApplicable)
    );
}
