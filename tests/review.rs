//! `ksb review` driven through a real pseudo-terminal: the mentee's answers on each screen,
//! Enter agreeing with them, the review sheet on disk, resuming, and the refusals.
// Pseudo-terminals (rexpect) are Unix-only.
#![cfg(unix)]

use std::time::Duration;

use crate::common::pty::Pty;
use crate::common::sheets::{assert_scores, ids, load, unscored, varied_score};
use crate::common::Workspace;
use ksb::Score;

/// Writes a fully scored self-assessment `me.toml` with a note on K1; returns its scores.
fn self_assessment(ws: &Workspace) -> Vec<(String, Option<Score>)> {
    let mut args: Vec<String> = [
        "score",
        "me.toml",
        "--username",
        "Mentee",
        "--role-focus",
        "Infrastructure Specialist",
        "--date",
        "25/11/2026",
        "--note",
        "K1=Wrote the licence FAQ",
    ]
    .map(String::from)
    .to_vec();
    let mut scores = unscored();
    for (index, (id, score)) in scores.iter_mut().enumerate() {
        let (text, value) = varied_score(index);
        args.push(format!("{id}={text}"));
        *score = Some(value);
    }
    ws.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    scores
}

#[test]
fn the_command_to_go_on_with_a_review_keeps_notes() {
    let ws = Workspace::new();
    self_assessment(&ws);
    let mut pty = Pty::start(
        &ws,
        &["review", "me.toml", "--reviewer", "Mentor", "--notes"],
    );
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("? for help) [3]");
    pty.line("q");
    pty.expect("no review sheet was written: `ksb review me.toml --notes` starts it.");
    assert_eq!(pty.finish().0, 0);
}

#[test]
fn the_mentor_sees_the_mentees_answers_agrees_with_enter_and_can_resume() {
    let ws = Workspace::new();
    let mentee = self_assessment(&ws);
    let self_before = ws.read("me.toml");
    let ids = ids();

    let mut pty = Pty::start(&ws, &["review", "me.toml"]);
    pty.expect("Reviewer (your username)");
    pty.line("   ");
    pty.expect("the username must be non-empty");
    pty.line("Mentor Ann");
    pty.expect(
        "Mentor review of Mentee's self-assessment me.toml (25/11/2026), into me-review.toml",
    );
    pty.expect("28 KSBs to score.");
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("Mentee's score: 3\r\nMentee's note: Wrote the licence FAQ\r\n");
    pty.expect("? for help) [3]");
    pty.line("");
    let mut expected = unscored();
    expected[0].1 = mentee[0].1;
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("Mentee's score: 2\r\n");
    pty.expect("? for help) [2]");
    pty.line("1");
    expected[1].1 = Some(Score::One);
    pty.answer("K3", 3, "x");
    pty.expect("'x' is not an answer");
    pty.expect("? for help) [1]");
    pty.line("q");
    pty.expect(
        "Saved so far: me-review.toml (2 of 28 scored). `ksb review me.toml` goes on from here.",
    );
    assert_eq!(pty.finish().0, 0);

    let review = load(&ws, "me-review.toml");
    assert_scores(&review, &expected);
    assert_eq!(review.reviews.as_deref(), Some("me.toml"));
    let p = &review.participant;
    assert_eq!(
        (
            p.username.as_str(),
            p.role_focus.as_str(),
            p.assessment_type.as_str()
        ),
        ("Mentee", "Infrastructure Specialist", "Mentor review")
    );
    assert_eq!(p.reviewer.as_deref(), Some("Mentor Ann"), "asked once");
    assert_eq!(
        ws.read("me.toml"),
        self_before,
        "the self sheet is never changed"
    );

    let mut pty = Pty::start(&ws, &["review", "me.toml"]);
    pty.expect("26 of 28 KSBs left to score, starting at K3.");
    for position in 3..=28 {
        pty.answer(&ids[position - 1], position, "");
        expected[position - 1].1 = mentee[position - 1].1;
    }
    pty.expect("Saved: me-review.toml (28 of 28 scored)");
    assert_eq!(pty.finish().0, 0);
    assert_scores(&load(&ws, "me-review.toml"), &expected);
    assert_eq!(
        load(&ws, "me-review.toml").participant.reviewer.as_deref(),
        Some("Mentor Ann"),
        "resuming keeps the reviewer and does not ask again"
    );
    assert_eq!(ws.read("me.toml"), self_before);
}

#[test]
fn output_elsewhere_with_notes_resumed_and_interrupted_and_refusals() {
    let ws = Workspace::new();
    self_assessment(&ws);
    std::fs::create_dir(ws.file("reviews")).unwrap();

    let mut pty = Pty::start(
        &ws,
        &[
            "review",
            "me.toml",
            "-o",
            "reviews/mine.toml",
            "--notes",
            "--reviewer",
            "MentorB",
        ],
    );
    pty.answer("K1", 1, "2");
    pty.expect("Note (Enter for none)");
    pty.line("Saw the FAQ in review");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "q");
    // Longer than the terminal's 100 columns: broken at a space, the command kept whole.
    pty.expect(
        "Saved so far: reviews/mine.toml (1 of 28 scored). `ksb review me.toml -o reviews/mine.toml --notes`\r\ngoes on from here.",
    );
    assert_eq!(pty.finish().0, 0);
    let review = load(&ws, "reviews/mine.toml");
    assert_eq!(review.score(&"K1".parse().unwrap()), Some(Score::Two));
    assert_eq!(
        review.note(&"K1".parse().unwrap()),
        Some("Saw the FAQ in review")
    );
    let reviews = std::fs::canonicalize(review.reviews.expect("a reviews field")).unwrap();
    assert_eq!(reviews, std::fs::canonicalize(ws.file("me.toml")).unwrap());

    // Resumed with -o; Ctrl-C at the note keeps the score just given.
    let mut pty = Pty::start(
        &ws,
        &["review", "me.toml", "-o", "reviews/mine.toml", "--notes"],
    );
    pty.expect("27 of 28 KSBs left to score, starting at K2.");
    pty.answer("K2", 2, "3");
    pty.expect("Note (Enter for none)");
    pty.keys("\x03");
    pty.expect("Interrupted. Saved so far: reviews/mine.toml (2 of 28 scored)");
    pty.expect("`ksb review me.toml -o reviews/mine.toml --notes`");
    assert_eq!(pty.finish().0, 130);
    let review = load(&ws, "reviews/mine.toml");
    assert_eq!(review.score(&"K2".parse().unwrap()), Some(Score::Three));
    assert_eq!(review.participant.reviewer.as_deref(), Some("MentorB"));
    assert_eq!(
        review.note(&"K1".parse().unwrap()),
        Some("Saw the FAQ in review")
    );

    // A sheet that is not a review of me.toml is not resumed as one.
    ws.ok(&[
        "score",
        "other.toml",
        "--username",
        "X",
        "--role-focus",
        "Generalist",
    ]);
    let other_before = ws.read("other.toml");
    let mut pty = Pty::start(&ws, &["review", "me.toml", "-o", "other.toml"]);
    pty.expect("'other.toml' exists and is not a mentor review");
    assert_eq!(pty.finish().0, 1);
    assert_eq!(ws.read("other.toml"), other_before);
    let mut pty = Pty::start(&ws, &["review", "me.toml", "-o", "me.toml"]);
    pty.expect("would overwrite the self-assessment");
    assert_eq!(pty.finish().0, 1);
}

#[test]
fn the_reviewer_defaults_to_the_configured_username_and_is_added_to_an_old_review() {
    let ws = Workspace::new();
    self_assessment(&ws);
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "username = \"ConfiguredMentor\"\n",
    );
    let mut pty = Pty::start(&ws, &["review", "me.toml"]);
    pty.answer("K1", 1, "2");
    pty.answer("K2", 2, "q");
    assert_eq!(pty.finish().0, 0);
    let review = load(&ws, "me-review.toml");
    assert_eq!(
        review.participant.reviewer.as_deref(),
        Some("ConfiguredMentor")
    );

    // A review written before reviewers were recorded gets one when it is resumed.
    let old = ws
        .read("me-review.toml")
        .replace("reviewer = \"ConfiguredMentor\"\n", "");
    ws.write("me-review.toml", &old);
    assert_eq!(load(&ws, "me-review.toml").participant.reviewer, None);
    let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Flagged"]);
    pty.answer("K2", 2, "q");
    assert_eq!(pty.finish().0, 0);
    let review = load(&ws, "me-review.toml");
    assert_eq!(review.participant.reviewer.as_deref(), Some("Flagged"));
}

#[test]
fn without_a_terminal_it_exits_1() {
    let ws = Workspace::new();
    self_assessment(&ws);
    let output = ws
        .ksb(&["review", "me.toml"])
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run ksb");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "ksb: error: `ksb review` needs an interactive terminal on stdin and stdout; \
         to set scores from a script use `ksb score SHEET ID=SCORE...`\n"
    );
    assert!(!ws.file("me-review.toml").exists());
}

#[test]
fn the_review_marks_the_mentees_role_focus_resumes_by_name_and_goes_to_a_ksb() {
    let ws = Workspace::new();
    self_assessment(&ws);
    let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Mentor"]);
    pty.answer("K1", 1, "g K3");
    pty.expect("K3 · 3/28 · Knowledge");
    pty.expect("Role focus: Infrastructure Specialist (the mentee's role focus)\r\n");
    pty.expect("Mentee's score: 1\r\n");
    pty.expect("? for help) [1]");
    pty.line("2");
    pty.answer("K4", 4, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let screen = rows.join("\n");
    assert!(!screen.contains("your role focus"), "{screen}");

    let review = load(&ws, "me-review.toml");
    assert_eq!(review.score(&"K3".parse().unwrap()), Some(Score::Two));
    let date = review.participant.date_dmy();
    let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Mentor"]);
    pty.expect(&format!(
        "Resuming Mentee's Mentor review of {date} in me-review.toml: 1 of 28 scored\r\n"
    ));
    pty.answer("K1", 1, "");
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("? for help)");
    pty.keys("\x03");
    pty.expect(
        "Interrupted. Saved so far: me-review.toml (2 of 28 scored). `ksb review me.toml` goes on from here.",
    );
    assert_eq!(pty.finish().0, 130);
}

#[test]
fn quitting_before_the_first_answer_leaves_no_review_sheet_behind() {
    let ws = Workspace::new();
    self_assessment(&ws);
    let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Mentor"]);
    pty.answer("K1", 1, "q");
    pty.expect("Nothing answered, so no review sheet was written: `ksb review me.toml` starts it.");
    assert_eq!(pty.finish().0, 0);
    assert!(!ws.file("me-review.toml").exists());
    let mut pty = Pty::start(
        &ws,
        &[
            "review",
            "me.toml",
            "-o",
            "mine.toml",
            "--reviewer",
            "Mentor",
        ],
    );
    pty.expect("? for help) [3]");
    pty.keys("\x03");
    pty.expect("Interrupted. Nothing was saved.");
    assert_eq!(pty.finish().0, 130);
    assert!(!ws.file("mine.toml").exists());
    let names: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| !name.starts_with('.'))
        .collect();
    assert_eq!(names, ["me.toml"], "nothing but the self-assessment");
}

#[test]
fn only_a_self_assessment_is_reviewed_and_the_refusal_says_what_the_sheet_is() {
    let ws = Workspace::new();
    self_assessment(&ws);
    let mut pty = Pty::start(&ws, &["review", "me.toml", "--reviewer", "Mentor"]);
    pty.answer("K1", 1, "2");
    pty.answer("K2", 2, "q");
    assert_eq!(pty.finish().0, 0);
    let review_before = ws.read("me-review.toml");

    let mut pty = Pty::start(&ws, &["review", "me-review.toml", "--reviewer", "Mentor"]);
    pty.expect(
        "ksb: error: 'me-review.toml' is a Mentor review of 'me.toml', not a self-assessment: `ksb review` reviews a mentee's self-assessment",
    );
    assert_eq!(pty.finish().0, 1);
    assert!(!ws.file("me-review-review.toml").exists());
    assert_eq!(ws.read("me-review.toml"), review_before);

    ws.ok(&[
        "score",
        "final.toml",
        "--username",
        "Mentee",
        "--role-focus",
        "Generalist",
        "--assessment-type",
        "final check",
        "K1=3",
    ]);
    let mut pty = Pty::start(&ws, &["review", "final.toml", "--reviewer", "Mentor"]);
    pty.expect(
        "ksb: error: 'final.toml' is a Final check, not a self-assessment: `ksb review` reviews a mentee's self-assessment",
    );
    assert_eq!(pty.finish().0, 1);
    assert!(!ws.file("final-review.toml").exists());
}

#[test]
fn review_plain_asks_as_plain_lines_in_colour_capable_xterm_too() {
    let ws = Workspace::new();
    let mentee = self_assessment(&ws);
    let mut pty = Pty::start_in_colour(
        &ws,
        &["review", "me.toml", "--reviewer", "Mentor", "--plain"],
        100,
    );
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("? for help) [3]: ");
    pty.line("");
    pty.answer("K2", 2, "1");
    pty.answer("K3", 3, "q");
    pty.expect("Saved so far: me-review.toml (2 of 28 scored).");
    let (status, bytes) = pty.finish_bytes();
    assert_eq!(status, 0);
    assert!(
        !bytes.contains(&0x1b),
        "an escape was written:\n{:?}",
        String::from_utf8_lossy(&bytes)
    );
    let review = load(&ws, "me-review.toml");
    assert_eq!(review.score(&"K1".parse().unwrap()), mentee[0].1);
    assert_eq!(review.score(&"K2".parse().unwrap()), Some(Score::One));
}
