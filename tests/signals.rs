//! Nothing left behind: SIGINT, SIGTERM or SIGHUP while `ksb` saves a sheet leave neither a
//! temporary file nor the lock file, and the sheet as it was or as it is after the save; what
//! a SIGKILL leaves is removed by the next save of the same sheet.
//!
//! Each round waits for the event itself (the lock file appearing: the save has begun), then
//! signals `ksb`; no sleep stands in for it.
#![cfg(unix)]

use std::process::{Child, Stdio};

use crate::common::sheets::load;
use crate::common::{Workspace, KSB};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// A note long enough that a save takes a moment.
fn note() -> String {
    "Ran the Swift rebalance and wrote it up. ".repeat(2000)
}

/// Starts `ksb score me.toml K1=3` with a long note, and signals it with `signal` as soon as
/// its lock file is there; returns whether it was signalled while saving.
fn save_and_signal(ws: &Workspace, signal: Signal) -> bool {
    let mut child: Child = ws
        .command(KSB)
        .args(["score", "me.toml", "K1=3", "--note"])
        .arg(format!("K1={}", note()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = ws.file(".me.toml.lock");
    let mut signalled = false;
    loop {
        if lock.exists() {
            signalled = kill(Pid::from_raw(child.id() as i32), signal).is_ok();
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::yield_now();
    }
    child.wait().unwrap();
    signalled
}

/// The files of the workspace other than the sheet and the config folder.
fn leftovers(ws: &Workspace) -> Vec<String> {
    std::fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "me.toml")
        .collect()
}

fn scored_workspace() -> Workspace {
    let ws = Workspace::new();
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
    ]);
    ws
}

#[test]
fn sigint_sigterm_and_sighup_while_saving_leave_nothing_behind() {
    for signal in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
        let mut hits = 0;
        for _ in 0..8 {
            let ws = scored_workspace();
            hits += usize::from(save_and_signal(&ws, signal));
            assert_eq!(leftovers(&ws), Vec::<String>::new(), "{signal}");
            let sheet = load(&ws, "me.toml");
            let k1 = sheet.score(&"K1".parse().unwrap()).map(|s| s.to_string());
            let noted = sheet.note(&"K1".parse().unwrap()).is_some();
            assert!(
                (k1.as_deref() == Some("2") && !noted) || (k1.as_deref() == Some("3") && noted),
                "{signal}: the sheet is neither as it was nor as saved"
            );
        }
        assert!(hits > 0, "{signal} never arrived during a save");
    }
}

#[test]
fn what_a_sigkill_leaves_goes_with_the_next_save() {
    let mut hits = 0;
    for _ in 0..8 {
        let ws = scored_workspace();
        hits += usize::from(save_and_signal(&ws, Signal::SIGKILL));
        ws.ok(&["score", "me.toml", "K2=1"]);
        assert_eq!(leftovers(&ws), Vec::<String>::new());
        assert!(ws.read("me.toml").contains("K2 = 1"));
    }
    assert!(hits > 0, "SIGKILL never arrived during a save");
}
