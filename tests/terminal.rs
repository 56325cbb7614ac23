//! Control characters from data (a sheet's note, a file name) never reach a terminal as
//! control characters: error lines and the note echoed by `ksb assess --all --notes` show
//! U+FFFD in their place, and a note taken back unchanged stays as it was stored.
// Unix: a pseudo-terminal (rexpect).
#![cfg(unix)]

use crate::common::pty::Pty;
use crate::common::sheets::load;
use crate::common::Workspace;

/// Retitles the terminal, rings its bell and clears the screen.
const ESCAPES: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

#[test]
fn an_error_line_never_prints_a_control_character() {
    let ws = Workspace::new();
    let name = format!("a{ESCAPES}.toml");
    let output = ws.ksb(&["show", &name]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains("'a\u{fffd}]0;pwned\u{fffd}\u{fffd}[2J.toml'"),
        "{stderr:?}"
    );
}

#[test]
fn a_stored_note_is_echoed_printable_and_kept_as_stored() {
    let ws = Workspace::new();
    let note = format!("x{ESCAPES}y");
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "--date",
        "01/11/2026",
        "K1=2",
        "--note",
        &format!("K1={note}"),
    ]);
    let mut pty = Pty::start(&ws, &["assess", "me.toml", "--all", "--notes"]);
    pty.expect("K1 · 1/28 · Knowledge");
    pty.expect("? for help) [2]");
    pty.line("");
    pty.expect("Note (Enter for none)");
    let before = pty.expect("]0;pwned");
    assert!(before.ends_with("x\u{fffd}"), "{before:?}");
    let after = pty.expect("y");
    assert_eq!(after, "\u{fffd}\u{fffd}[2J");
    pty.line("");
    pty.expect("Evidence (a line");
    pty.line("");
    pty.answer("K2", 2, "q");
    assert_eq!(pty.finish().0, 0);
    assert_eq!(
        load(&ws, "me.toml").note(&"K1".parse().unwrap()),
        Some(note.as_str())
    );
}
