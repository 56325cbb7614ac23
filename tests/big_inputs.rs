//! Big inputs: reading a sheet takes memory in proportion to the file (a sheet of 9 MB of
//! blank lines took 450 MB), and a note without spaces is drawn whole. Their speed is measured
//! in bench/long-note.sh (time against `wc` at 100 KB, 1 MB and 10 MB).
#![cfg(target_os = "linux")]

use crate::common::Workspace;

/// The peak resident memory of the largest child this test process has waited for, in bytes.
fn children_peak_bytes() -> u64 {
    use nix::libc;
    // SAFETY: getrusage fills the zeroed struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(status, 0, "getrusage");
    // Linux reports kilobytes.
    usage.ru_maxrss as u64 * 1024
}

fn scored(ws: &Workspace, name: &str) {
    ws.ok(&[
        "score",
        name,
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "--date",
        "01/11/2026",
        "K1=2",
    ]);
}

#[test]
fn reading_sheets_of_blank_lines_takes_a_small_multiple_of_the_files() {
    let ws = Workspace::new();
    scored(&ws, "me.toml");
    let text = ws.read("me.toml");
    let at = text.find("[scores]").unwrap();
    let big = format!("{}{}{}", &text[..at], "\n".repeat(9 << 20), &text[at..]);
    ws.write("me.toml", &big);
    let shown = ws.ok(&["show", "me.toml"]);
    assert!(shown.contains("Open Source Ecosystem Awareness"));
    // A cohort of four: each reader thread holds one sheet at a time.
    std::fs::create_dir(ws.file("cohort")).unwrap();
    for i in 1..=4 {
        let copy = big.replace("username = \"Alice\"", &format!("username = \"Alice{i}\""));
        ws.write(&format!("cohort/{i}.toml"), &copy);
    }
    let summary = ws.ok(&["summary", "cohort"]);
    assert!(summary.contains("4 participants"), "{summary}");
    let peak = children_peak_bytes();
    let file = big.len() as u64;
    // The bound: per sheet read at once, the file and a folded copy of it (and the parser's
    // tokens of what is left), and the program itself (about 16 MB); before, one sheet took
    // 50 times the file.
    assert!(
        peak <= 3 * file * 4 + (32 << 20),
        "peak {} MB for a file of {} MB",
        peak >> 20,
        file >> 20
    );
}

#[test]
fn a_long_note_without_spaces_is_shown_whole() {
    let ws = Workspace::new();
    scored(&ws, "me.toml");
    let note = "~".repeat(300_000);
    let text = ws.read("me.toml");
    ws.write("me.toml", &format!("{text}\n[notes]\nK1 = \"{note}\"\n"));
    let shown = ws.ok(&["show", "me.toml"]);
    let xs: usize = shown.chars().filter(|&c| c == '~').count();
    assert_eq!(xs, note.len());
}
