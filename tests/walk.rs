//! What a person sees during `ksb assess` at a real terminal of 60, 40 or 120 columns: the
//! screen is rebuilt from every byte `ksb` wrote (a vt100 emulator, with scrollback), so a
//! stale half line, a word broken by the terminal or a table cell split mid-word shows up as it
//! would on screen.
// Pseudo-terminals (rexpect) are Unix-only.
#![cfg(unix)]

use crate::common::pty::Pty;
use crate::common::sheets::{ids, load, standard, varied_score};
use crate::common::Workspace;
use ksb::Score;

/// Header flags for a new sheet, all but the username.
const HEADER: [&str; 8] = [
    "--role-focus",
    "Generalist",
    "--mentoring-type",
    "Mentee",
    "--assessment-type",
    "Self-assessment",
    "--date",
    "01/12/2026",
];

/// Rows of the final screen that start with `prefix`.
fn rows_starting<'a>(rows: &'a [String], prefix: &str) -> Vec<(usize, &'a String)> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| row.starts_with(prefix))
        .collect()
}

/// The text of a line the terminal wrapped over rows `at..at + count`, each row `cols` wide.
fn unwrapped(rows: &[String], at: usize, count: usize, cols: usize) -> String {
    let mut text: String = rows[at..at + count]
        .iter()
        .map(|row| format!("{row:<cols$}"))
        .collect();
    text.truncate(text.trim_end().len());
    text
}

/// Writes `me.toml` with every KSB scored except those in `left`.
fn scored_but(ws: &Workspace, left: &[&str]) {
    let mut args: Vec<String> = ["score", "me.toml", "--username", "Tester"]
        .into_iter()
        .chain(HEADER)
        .map(String::from)
        .collect();
    for (index, id) in ids().iter().enumerate() {
        if !left.contains(&id.as_str()) {
            args.push(format!("{id}={}", varied_score(index).0));
        }
    }
    ws.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn a_long_username_and_note_wrap_and_are_shown_once_at_60_columns() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml", "--notes"][..], &HEADER].concat();
    let mut pty = Pty::start_sized(&ws, &args, 60);
    let username = "Alexandra Kowalczyk-Brightwater of the Northern Wiki Farm";
    pty.expect("Username: ");
    pty.line(username);
    pty.expect("Created me.toml");
    let long_note = "Rebalanced the Swift rings with my mentor and wrote the runbook";
    assert_eq!(long_note.len(), 63);
    pty.answer("K1", 1, "2");
    pty.expect("Note (Enter for none): ");
    pty.line(long_note);
    pty.expect("Evidence (a line");
    pty.line("");
    // Exactly one row full: the cursor goes on to the next row before the next key.
    let full_row = "x".repeat(60 - 23);
    pty.answer("K2", 2, "3");
    pty.expect("Note (Enter for none): ");
    pty.line(&full_row);
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K3", 3, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.participant.username, username);
    assert_eq!(sheet.note(&"K1".parse().unwrap()), Some(long_note));
    assert_eq!(sheet.note(&"K2".parse().unwrap()), Some(full_row.as_str()));

    // Each answered prompt is on screen once, whole, over as many rows as it needs.
    let screen = rows.join("\n");
    let named = rows_starting(&rows, "Username:");
    assert_eq!(named.len(), 1, "one username line:\n{screen}");
    assert_eq!(
        unwrapped(&rows, named[0].0, 2, 60),
        format!("Username: {username}"),
        "{screen}"
    );
    let notes = rows_starting(&rows, "Note (Enter for none):");
    assert_eq!(notes.len(), 2, "one line per note:\n{screen}");
    for ((at, _), (text, count)) in notes.iter().zip([(long_note, 2), (full_row.as_str(), 1)]) {
        assert_eq!(
            unwrapped(&rows, *at, count, 60),
            format!("Note (Enter for none): {text}"),
            "{screen}"
        );
        assert!(
            rows[at + count].starts_with("Evidence ("),
            "the evidence prompt right under the note: {:?}\n{screen}",
            rows[at + count]
        );
    }
    assert!(rows.iter().all(|row| row.chars().count() <= 60), "{screen}");
}

#[test]
fn ctrl_u_ctrl_w_home_and_end_edit_the_text_prompts() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml", "--notes"][..], &HEADER].concat();
    let mut pty = Pty::start_sized(&ws, &args, 60);
    pty.expect("Username: ");
    // Ctrl-W takes back the last word.
    pty.keys("Alexandra Wrongname");
    pty.keys("\x17");
    pty.line("Kowalczyk");
    pty.expect("Created me.toml");
    // Home and End on a line that wraps: a word in front, a word at the end.
    pty.answer("K1", 1, "3");
    pty.expect("Note (Enter for none): ");
    pty.keys("the second note for the mentor, long enough to wrap at sixty");
    pty.keys("\x1b[H");
    pty.keys("My ");
    pty.keys("\x1b[F");
    pty.line(" columns");
    pty.expect("Evidence (a line");
    pty.line("");
    // Ctrl-U clears what was typed; Ctrl-A and Ctrl-E are Home and End.
    pty.answer("K2", 2, "1");
    pty.expect("Note (Enter for none): ");
    pty.keys("to be thrown away");
    pty.keys("\x15");
    pty.keys("fresh");
    pty.keys("\x01");
    pty.keys("A ");
    pty.keys("\x05");
    pty.line(" note");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K3", 3, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);

    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.participant.username, "Alexandra Kowalczyk");
    let first = "My the second note for the mentor, long enough to wrap at sixty columns";
    let note = |id: &str| sheet.note(&id.parse().unwrap()).map(str::to_string);
    assert_eq!(note("K1").as_deref(), Some(first));
    assert_eq!(note("K2").as_deref(), Some("A fresh note"));
    let screen = rows.join("\n");
    for stale in ["Wrongname", "to be thrown away"] {
        assert!(!screen.contains(stale), "{stale} is gone:\n{screen}");
    }
    assert_eq!(
        rows_starting(&rows, "Note (Enter for none):").len(),
        2,
        "{screen}"
    );

    // A note already on the sheet is shown ready to edit, and Ctrl-U clears it at once.
    let mut pty = Pty::start_sized(&ws, &["assess", "me.toml", "--all", "--notes"], 60);
    pty.answer("K1", 1, "");
    pty.expect("Note (Enter for none): ");
    pty.expect("sixty columns");
    pty.keys("\x15");
    pty.line("Short");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    assert_eq!(
        load(&ws, "me.toml").note(&"K1".parse().unwrap()),
        Some("Short")
    );
    let notes = rows_starting(&rows, "Note (Enter for none):");
    assert_eq!(notes.len(), 1, "{}", rows.join("\n"));
    assert_eq!(notes[0].1, "Note (Enter for none): Short");
}

#[test]
fn a_376_character_note_at_120_columns_is_shown_once() {
    let ws = Workspace::new();
    let args = [
        &["assess", "me.toml", "--notes", "--username", "Tester"][..],
        &HEADER,
    ]
    .concat();
    let mut pty = Pty::start_sized(&ws, &args, 120);
    let note =
        "Set up a test wiki, ran update.php, read the hook docs and wrote a small extension. "
            .repeat(5);
    let note = note[..376].trim_end().to_string() + "x";
    pty.answer("K1", 1, "3");
    pty.expect("Note (Enter for none): ");
    pty.line(&note);
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    assert_eq!(
        load(&ws, "me.toml").note(&"K1".parse().unwrap()),
        Some(note.as_str())
    );
    let notes = rows_starting(&rows, "Note (Enter for none):");
    assert_eq!(notes.len(), 1, "{}", rows.join("\n"));
    let count = (23 + note.len()).div_ceil(120);
    assert_eq!(
        unwrapped(&rows, notes[0].0, count, 120),
        format!("Note (Enter for none): {note}")
    );
    assert!(
        rows[notes[0].0 + count].starts_with("Evidence ("),
        "the evidence prompt right under the note:\n{}",
        rows.join("\n")
    );
}

#[test]
fn every_ksb_screen_shows_the_key_in_brief_fitting_the_width() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml", "--username", "Tester"][..], &HEADER].concat();
    let mut pty = Pty::start(&ws, &args);
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("0 none · 1 basic · 2 independent · 3 can teach · n/a\r\n");
    pty.expect("Score (0-3, n/a; ? for help)");
    pty.line("2");
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("0 none · 1 basic · 2 independent · 3 can teach · n/a\r\n");
    pty.expect("Score (0-3, n/a; ? for help)");
    pty.line("q");
    assert_eq!(pty.finish().0, 0);

    let mut pty = Pty::start_sized(&ws, &["assess", "me.toml"], 40);
    pty.answer("K2", 2, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let at = rows
        .iter()
        .position(|row| row == "0 none · 1 basic · 2 independent")
        .unwrap_or_else(|| panic!("the key on two rows:\n{}", rows.join("\n")));
    assert_eq!(rows[at + 1], "3 can teach · n/a");
    assert!(rows[at + 2].starts_with("Score (0-3, n/a; ? for help)"));
}

/// Every word a summary table may hold: its headings and group names.
fn table_words() -> Vec<String> {
    let standard = standard();
    let mut words: Vec<String> = [
        "Role focus",
        "Stack area",
        "Category",
        "KSBs",
        "Scored",
        "N/A",
        "Unscored",
        "Mean",
        "Knowledge",
        "Skills",
        "Behaviours",
        "Overall",
    ]
    .iter()
    .map(|w| w.to_string())
    .chain(standard.role_focuses.iter().cloned())
    .chain(standard.areas.iter().cloned())
    .collect();
    words = words
        .iter()
        .flat_map(|w| w.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    words
}

/// Checks every table row on screen: within `cols`, and each cell made of whole words and numbers.
fn assert_tables_keep_words_whole(rows: &[String], cols: usize) {
    let words = table_words();
    let screen = rows.join("\n");
    let table_rows: Vec<&String> = rows.iter().filter(|row| row.starts_with('|')).collect();
    assert!(table_rows.len() > 10, "the summary tables:\n{screen}");
    for row in table_rows {
        assert!(
            row.chars().count() <= cols,
            "{row:?} fits {cols}:\n{screen}"
        );
        for cell in row.split('|') {
            for token in cell.split_whitespace() {
                assert!(
                    words.iter().any(|w| w == token) || token.parse::<f64>().is_ok(),
                    "{token:?} in {row:?} is a whole word at {cols} columns:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn the_closing_summary_keeps_words_whole_at_60_and_40_columns() {
    for cols in [60, 40] {
        let ws = Workspace::new();
        scored_but(&ws, &["B8"]);
        let mut pty = Pty::start_sized(&ws, &["assess", "me.toml"], cols);
        pty.answer("B8", 28, "2");
        pty.expect("Saved: ");
        let (status, rows) = pty.finish_screen();
        assert_eq!(status, 0);
        assert_tables_keep_words_whole(&rows, usize::from(cols));
        let screen = rows.join("\n");
        assert!(
            screen.contains("Saved: me.toml (28 of 28 scored)"),
            "{screen}"
        );
        assert!(
            rows.iter()
                .any(|row| row == "A KSB with two stack areas counts in")
                || rows
                    .iter()
                    .any(|row| row == "A KSB with two stack areas counts in both."),
            "the note under the table is wrapped at a space:\n{screen}"
        );
    }
}

#[test]
fn a_ksb_screen_at_40_columns_breaks_lines_between_words() {
    let ws = Workspace::new();
    scored_but(&ws, &["K2"]);
    let mut pty = Pty::start_sized(&ws, &["assess", "me.toml"], 40);
    pty.answer("K2", 2, "?");
    pty.expect("Ctrl-K");
    pty.expect("? for help)");
    pty.line("1");
    pty.expect("Saved: ");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let screen = rows.join("\n");
    let ksb = standard()
        .ksbs
        .into_iter()
        .find(|k| k.id.as_str() == "K2")
        .unwrap();
    let top = rows
        .iter()
        .position(|row| row == "K2 · 2/28 · Knowledge")
        .unwrap_or_else(|| panic!("K2's screen:\n{screen}"));
    let stack = top
        + rows[top..]
            .iter()
            .position(|row| row.starts_with("Stack area:"))
            .unwrap();
    assert_eq!(
        rows[top + 1..stack].join(" "),
        format!("{} {}", ksb.title, ksb.description),
        "the title and the description, broken only at spaces:\n{screen}"
    );
    assert_eq!(rows[top + 1], "MediaWiki Architecture & Extension");
    assert_eq!(rows[top + 2], "System");
    // The key and the keys behind `?` are broken between words too, under their meanings.
    let at = rows
        .iter()
        .position(|row| row == "  1 – Basic familiarity or supervised")
        .unwrap_or_else(|| panic!("the key at 40 columns:\n{screen}"));
    assert_eq!(rows[at + 1], "      participation");
    let at = rows
        .iter()
        .position(|row| row.starts_with("  q           save and quit;"))
        .unwrap_or_else(|| panic!("the keys at 40 columns:\n{screen}"));
    assert_eq!(
        format!("{} {}", rows[at], rows[at + 1].trim_start()),
        "  q           save and quit; the same command goes on from there"
    );
    assert_tables_keep_words_whole(&rows, 40);
    assert_eq!(
        load(&ws, "me.toml").score(&"K2".parse().unwrap()),
        Some(Score::One)
    );
}

#[test]
fn in_colour_a_long_username_and_a_refused_score_leave_one_line_each() {
    let ws = Workspace::new();
    let args = [&["assess", "me.toml"][..], &HEADER].concat();
    let mut pty = Pty::start_in_colour(&ws, &args, 60);
    let username = "Alexandra Kowalczyk-Brightwater of the Northern Wiki Farm";
    pty.expect("Username");
    pty.line(username);
    pty.expect("Created me.toml");
    pty.expect("K1 · 1/28");
    pty.expect("for help)");
    pty.line("seven");
    pty.expect("is not an answer");
    pty.expect("for help)");
    pty.line("2");
    pty.expect("K2 · 2/28");
    pty.expect("for help)");
    pty.line("q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let screen = rows.join("\n");
    let named: Vec<&String> = rows.iter().filter(|r| r.contains("Username")).collect();
    assert_eq!(named.len(), 1, "{screen}");
    assert!(
        !screen.contains("seven"),
        "the refused answer is gone:\n{screen}"
    );
    assert!(
        !screen.contains("is not an answer"),
        "and its reason:\n{screen}"
    );
    let scored: Vec<&String> = rows.iter().filter(|r| r.contains("Score (0-3")).collect();
    assert_eq!(scored.len(), 2, "one line per answered score:\n{screen}");
    assert_eq!(load(&ws, "me.toml").participant.username, username);
}

/// The rows `at..at + count` of the screen as one line (each row trimmed: a wide character
/// that does not fit in a row's last column leaves it blank).
fn joined(rows: &[String], at: usize, count: usize) -> String {
    rows[at..at + count].concat()
}

#[test]
fn a_combining_accent_is_one_character_to_the_editing_keys() {
    let ws = Workspace::new();
    let args = [
        &["assess", "me.toml", "--notes", "--username", "Tester"][..],
        &HEADER,
    ]
    .concat();
    let mut pty = Pty::start_sized(&ws, &args, 60);
    // `é` typed as `e` and a combining acute accent (U+0301): Backspace takes both.
    pty.answer("K1", 1, "2");
    pty.expect("Note (Enter for none): ");
    pty.keys("Cafe\u{301}");
    pty.keys("\x7f");
    pty.line("e\u{301}s");
    pty.expect("Evidence (a line");
    pty.line("");
    // Left steps over both, so `x` goes in before the `e`, not between it and its accent.
    pty.answer("K2", 2, "3");
    pty.expect("Note (Enter for none): ");
    pty.keys("Cafe\u{301}");
    pty.keys("\x1b[D");
    pty.line("x");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K3", 3, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    let sheet = load(&ws, "me.toml");
    let note = |id: &str| sheet.note(&id.parse().unwrap()).map(str::to_string);
    assert_eq!(note("K1").as_deref(), Some("Cafe\u{301}s"));
    assert_eq!(note("K2").as_deref(), Some("Cafxe\u{301}"));
    let screen = rows.join("\n");
    let notes = rows_starting(&rows, "Note (Enter for none):");
    assert_eq!(notes.len(), 2, "one line per note:\n{screen}");
    assert_eq!(
        notes[0].1, "Note (Enter for none): Cafe\u{301}s",
        "{screen}"
    );
    assert_eq!(
        notes[1].1, "Note (Enter for none): Cafxe\u{301}",
        "{screen}"
    );
}

#[test]
fn a_note_of_wide_characters_wraps_and_edits_by_character_and_is_shown_once() {
    let ws = Workspace::new();
    let args = [
        &["assess", "me.toml", "--notes", "--username", "Tester"][..],
        &HEADER,
    ]
    .concat();
    let mut pty = Pty::start_sized(&ws, &args, 60);
    // 20 characters two columns wide after the 23 of the prompt: 18 fill the first row to
    // column 59, and the 19th, too wide for the one column left, starts the second row.
    let note = "漢字".repeat(10);
    pty.answer("K1", 1, "2");
    pty.expect("Note (Enter for none): ");
    pty.keys(&format!("{note}字"));
    pty.keys("\x7f");
    pty.keys("\x01\x1b[C");
    pty.keys("\x7f");
    pty.line("漢");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "q");
    let (status, rows) = pty.finish_screen();
    assert_eq!(status, 0);
    assert_eq!(
        load(&ws, "me.toml").note(&"K1".parse().unwrap()),
        Some(note.as_str())
    );
    let screen = rows.join("\n");
    let notes = rows_starting(&rows, "Note (Enter for none):");
    assert_eq!(notes.len(), 1, "one line for the note:\n{screen}");
    let at = notes[0].0;
    assert_eq!(
        joined(&rows, at, 2),
        format!("Note (Enter for none): {note}"),
        "{screen}"
    );
    assert!(
        rows[at + 2].starts_with("Evidence ("),
        "the evidence prompt right under the note:\n{screen}"
    );
    assert_eq!(screen.matches('字').count(), 10, "the note once:\n{screen}");
}

#[test]
fn the_closing_summary_fits_the_width_the_terminal_has_at_the_end() {
    let ws = Workspace::new();
    scored_but(&ws, &["B8"]);
    let mut pty = Pty::start_sized(&ws, &["assess", "me.toml"], 120);
    pty.expect("B8 · 28/28 · ");
    pty.expect("? for help)");
    pty.resize(50);
    pty.line("2");
    let summary = pty.expect("Saved: ");
    assert_eq!(pty.finish_screen().0, 0);
    let summary = console::strip_ansi_codes(&summary).into_owned();
    let widest = summary
        .lines()
        .map(|line| ksb::render::width::columns(line.trim_end_matches('\r')))
        .max()
        .unwrap_or(0);
    assert!(
        widest <= 50,
        "drawn {widest} wide after a resize to 50:\n{summary}"
    );
    assert!(summary.contains("By "), "{summary}");
}

#[test]
fn with_the_prompt_on_the_top_row_no_answer_clears_the_screen_into_the_scrollback() {
    let ws = Workspace::new();
    scored_but(&ws, &["K1", "K2", "K3"]);
    let mut pty = Pty::start(&ws, &["assess", "me.toml", "--notes"]);
    pty.expect("K1 · 1/28 · ");
    pty.expect("? for help)");
    // Clear the screen: the prompt is redrawn on the top row, as in a fresh tmux pane.
    pty.keys("\x0c");
    pty.line("x");
    pty.expect("'x' is not an answer");
    pty.expect("? for help)");
    pty.keys("\x04");
    pty.expect("? for help)");
    pty.line("2");
    pty.expect("Note (Enter for none)");
    pty.line("A note");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "q");
    let (status, bytes) = pty.finish_bytes();
    assert_eq!(status, 0);
    // tmux (scroll-on-clear) copies the screen into the scrollback when it is erased from the
    // top-left corner: no erase of the screen, only of rows, but for the one Ctrl-L asked for.
    let count = |erase: &[u8]| bytes.windows(erase.len()).filter(|w| *w == erase).count();
    assert_eq!(count(b"\x1b[H\x1b[J"), 1, "Ctrl-L clears the screen");
    assert_eq!(count(b"\x1b[J"), 1, "the screen is erased only by Ctrl-L");
    assert_eq!(count(b"\x1b[0J") + count(b"\x1b[2J"), 0);
    assert_eq!(
        load(&ws, "me.toml").note(&"K1".parse().unwrap()),
        Some("A note")
    );
}
