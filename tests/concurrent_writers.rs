//! Several writers on one sheet at once, with the real binary: every `ksb score` that says
//! `Updated` is in the file afterwards, a writer killed while it holds the sheet's lock does not
//! block the next one, and an interactive session still refuses to overwrite a change made
//! under it, now checking under the lock.
// Unix: a pseudo-terminal (rexpect) and a writer killed by a signal.
#![cfg(unix)]

use std::fs;
use std::process::{Child, Output};
use std::time::Duration;

use crate::common::pty::Pty;
use crate::common::sheets::load;
use crate::common::Workspace;
use ksb::store::WriteLock;
use ksb::{KsbId, Score};

/// `ksb ARGS...` started in the workspace (with the harness's environment), not waited for.
fn spawn(ws: &Workspace, args: &[&str]) -> Child {
    ws.spawn(args)
}

/// Waits for a `ksb` started with [`spawn`]; asserts it succeeded and returns its stdout.
fn succeeded(child: Child) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait for ksb");
    assert!(
        status.success(),
        "ksb failed: {}",
        String::from_utf8_lossy(&stderr)
    );
    String::from_utf8(stdout).expect("UTF-8 stdout")
}

fn id(text: &str) -> KsbId {
    text.parse().unwrap()
}

fn new_sheet(ws: &Workspace) {
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Tester",
        "--role-focus",
        "Generalist",
    ]);
}

/// The names in the workspace, hidden ones too, without the harness's config folder.
fn files(ws: &Workspace) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(ws.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".config")
        .collect();
    names.sort();
    names
}

#[test]
fn two_writers_for_a_hundred_rounds_lose_no_update() {
    let ws = Workspace::new();
    new_sheet(&ws);
    let mut lost = Vec::new();
    for round in 0..100 {
        let (k1, k2) = (
            format!("K1={}", round % 4),
            format!("K2={}", (round + 1) % 4),
        );
        let (n1, n2) = (format!("K1=a{round}"), format!("K2=b{round}"));
        let first = spawn(&ws, &["score", "me.toml", &k1, "--note", &n1]);
        let second = spawn(&ws, &["score", "me.toml", &k2, "--note", &n2]);
        for child in [first, second] {
            assert!(succeeded(child).starts_with("Updated me.toml: "));
        }
        let sheet = load(&ws, "me.toml");
        for (ksb, note) in [("K1", format!("a{round}")), ("K2", format!("b{round}"))] {
            if sheet.note(&id(ksb)) != Some(note.as_str()) {
                lost.push(format!("round {round}: {ksb}"));
            }
        }
    }
    assert_eq!(lost, Vec::<String>::new(), "updates said Updated and lost");
    assert_eq!(files(&ws), ["me.toml"], "no lock or temporary file left");
}

#[test]
fn twenty_eight_writers_at_once_each_land_their_ksb() {
    let ws = Workspace::new();
    let standard = ksb::Standard::builtin();
    let assignments: Vec<String> = standard
        .ksbs
        .iter()
        .enumerate()
        .map(|(i, ksb)| format!("{}={}", ksb.id, i % 4))
        .collect();
    // The sheet does not exist yet: one of them creates it, the others update it.
    let children: Vec<Child> = assignments
        .iter()
        .map(|assignment| {
            let header = ["--username", "Tester", "--role-focus", "Generalist"];
            let mut args = vec!["score", "me.toml"];
            args.extend(header);
            args.push(assignment);
            spawn(&ws, &args)
        })
        .collect();
    let said: Vec<String> = children.into_iter().map(succeeded).collect();
    let created = said.iter().filter(|s| s.starts_with("Created")).count();
    let updated = said.iter().filter(|s| s.starts_with("Updated")).count();
    assert_eq!((created, updated), (1, 27), "{said:?}");
    let sheet = load(&ws, "me.toml");
    for (i, ksb) in standard.ksbs.iter().enumerate() {
        assert_eq!(
            sheet.score(&ksb.id),
            Score::from_points(i as i64 % 4),
            "{}",
            ksb.id
        );
    }
    assert!(said
        .iter()
        .any(|s| s.contains(": 28 of 28 KSBs scored, 0 left")));
    assert_eq!(files(&ws), ["me.toml"], "no lock or temporary file left");
}

/// A `ksb score` is killed with SIGKILL (the way a crash or the OOM killer ends a process)
/// while it holds the sheet's lock, in the middle of saving a long note: the test waits for
/// its lock file to appear, then kills it. The next `ksb score` is not blocked (the kernel let
/// go of the lock), saves, and takes away the lock file and the temporary file the killed one
/// left. (A named pipe as the sheet used to hold a writer there for as long as the test liked;
/// ksb now refuses a pipe before opening it.)
#[test]
fn a_writer_killed_while_holding_the_lock_does_not_block_the_next() {
    use std::os::unix::process::ExitStatusExt;
    let ws = Workspace::new();
    new_sheet_at(&ws, "me.toml");
    let lock = ws.file(".me.toml.lock");
    let note = format!("K1={}", "a long note ".repeat(10_000));
    let mut killed_holding = 0;
    for _ in 0..10 {
        let mut holder = spawn(&ws, &["score", "me.toml", "K1=1", "--note", &note]);
        while !lock.exists() && holder.try_wait().unwrap().is_none() {
            std::thread::yield_now();
        }
        let _ = holder.kill();
        let status = holder.wait().unwrap();
        killed_holding += usize::from(status.signal() == Some(9));

        assert!(succeeded(spawn(&ws, &["score", "me.toml", "K2=2"])).starts_with("Updated me.toml"));
        assert_eq!(load(&ws, "me.toml").score(&id("K2")), Some(Score::Two));
        assert_eq!(
            files(&ws),
            ["me.toml"],
            "the lock and temporary files went with the next writer"
        );
    }
    assert!(killed_holding > 0, "no writer was killed while saving");
}

fn new_sheet_at(ws: &Workspace, name: &str) {
    ws.ok(&[
        "score",
        name,
        "--username",
        "Tester",
        "--role-focus",
        "Generalist",
    ]);
}

/// Another writer (here the test itself, through the same lock `ksb` uses) holds the sheet's
/// lock and changes the sheet while a session is asking a question. The session's save waits
/// for the lock (the test waits until it has the lock file open), then finds the change and refuses, leaving the other writer's change intact.
#[test]
fn an_assess_session_waits_for_the_lock_then_refuses_a_change_made_under_it() {
    let ws = Workspace::new();
    new_sheet(&ws);
    let mut pty = Pty::start(&ws, &["assess", "me.toml"]);
    pty.answer("K1", 1, "2");
    pty.expect("K2 · 2/28 · Knowledge");
    pty.expect("? for help)");

    let other = WriteLock::acquire(&ws.file("me.toml"), Duration::from_secs(5)).unwrap();
    let theirs = ws
        .read("me.toml")
        .replace("[scores]\n", "[scores]\nB8 = 3 # theirs\n");
    fs::write(ws.file("theirs.tmp"), &theirs).unwrap();
    fs::rename(ws.file("theirs.tmp"), ws.file("me.toml")).unwrap();
    pty.line("1");
    // The session has opened the lock file the test holds: it is waiting for the lock.
    pty.wait_until_open(other.path());
    assert_eq!(
        ws.read("me.toml"),
        theirs,
        "nothing is written while the lock is held"
    );
    drop(other);

    pty.expect("was changed by another program since ksb read it; not overwriting it");
    assert_eq!(pty.finish().0, 1);
    assert_eq!(ws.read("me.toml"), theirs);
    let sheet = load(&ws, "me.toml");
    assert_eq!(sheet.score(&id("B8")), Some(Score::Three));
    assert_eq!(sheet.score(&id("K2")), None);
}
