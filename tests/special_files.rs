//! Regular files only, and no writing through links: a sheet, a standard, the config or an
//! `-o` target that is a named pipe, a device or a socket is refused before it is opened (no
//! hang, no device replaced), in one line naming what it is; `-o` never writes through a
//! symbolic link and says where the link points; a lock file that is a link is refused.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use crate::common::Workspace;

/// Guards against a hang only: every command here ends at once when it is right.
const HANG: Duration = Duration::from_secs(30);

fn mkfifo(path: &Path) {
    assert!(std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success());
}

fn sheet(ws: &Workspace, name: &str) {
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

/// Runs `ksb ARGS` (with `env`), which must fail with one line holding `said`.
fn refused(ws: &Workspace, env: &[(&str, &str)], args: &[&str], said: &str) {
    let mut cmd = ws.ksb(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let output = cmd.timeout(HANG).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.contains(said), "{args:?}: {stderr}");
}

#[test]
fn a_named_pipe_is_refused_as_sheet_standard_config_and_output() {
    let ws = Workspace::new();
    sheet(&ws, "me.toml");
    mkfifo(&ws.file("pipe.toml"));
    let fifo = "it is a named pipe (FIFO), not a regular file";
    refused(&ws, &[], &["show", "pipe.toml"], fifo);
    refused(
        &ws,
        &[],
        &["--standard", "pipe.toml", "show", "me.toml"],
        fifo,
    );
    refused(
        &ws,
        &[("KSB_CONFIG", "pipe.toml")],
        &["show", "me.toml"],
        fifo,
    );
    refused(&ws, &[], &["score", "pipe.toml", "K1=2"], fifo);
    refused(
        &ws,
        &[],
        &["export", "me.toml", "-o", "pipe.toml", "--force"],
        fifo,
    );
    // In a folder of sheets, it is reported and the others are read.
    fs::create_dir(ws.file("cohort")).unwrap();
    fs::copy(ws.file("me.toml"), ws.file("cohort/me.toml")).unwrap();
    mkfifo(&ws.file("cohort/pipe.toml"));
    let output = ws
        .ksb(&["summary", "cohort"])
        .timeout(HANG)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(fifo), "{stderr}");
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .contains("1 sheet read"));
}

#[test]
fn a_device_is_never_replaced_and_dash_is_standard_output() {
    let ws = Workspace::new();
    sheet(&ws, "me.toml");
    refused(
        &ws,
        &[],
        &["export", "me.toml", "-o", "/dev/null", "--force"],
        "'/dev/null': it is a character device, not a regular file",
    );
    assert!(!fs::metadata("/dev/null").unwrap().is_file());
    // /dev/stdout is a link: refused (it deadlocked in a pipe), and `-o -` is the way.
    refused(
        &ws,
        &[],
        &["export", "me.toml", "-o", "/dev/stdout"],
        "it is a symbolic link to '/proc/self/fd/1'",
    );
    let to_stdout = ws.ok(&["export", "me.toml", "-o", "-"]);
    assert_eq!(to_stdout, ws.ok(&["export", "me.toml"]));
}

#[test]
fn o_never_writes_through_a_link_and_says_where_it_points() {
    let ws = Workspace::new();
    sheet(&ws, "me.toml");
    ws.write("target.txt", "mine");
    fs::set_permissions(ws.file("target.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    symlink("target.txt", ws.file("link.txt")).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", "me.toml", "-o", "link.txt"];
        if force {
            args.push("--force");
        }
        refused(
            &ws,
            &[],
            &args,
            "'link.txt': it is a symbolic link to 'target.txt', and ksb does not write through links",
        );
    }
    assert_eq!(ws.read("target.txt"), "mine");
    let mode = fs::metadata(ws.file("target.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
    symlink("nowhere.txt", ws.file("dangling.txt")).unwrap();
    refused(
        &ws,
        &[],
        &["export", "me.toml", "-o", "dangling.txt"],
        "it is a symbolic link to 'nowhere.txt' (which does not exist)",
    );
    assert!(!ws.file("nowhere.txt").exists());
}

#[test]
fn a_planted_lock_file_link_is_refused_and_not_followed() {
    let ws = Workspace::new();
    sheet(&ws, "me.toml");
    symlink("planted", ws.file(".me.toml.lock")).unwrap();
    refused(
        &ws,
        &[],
        &["score", "me.toml", "K2=3"],
        "the lock file '.me.toml.lock' is a symbolic link (to 'planted'), which ksb does not follow",
    );
    assert!(!ws.file("planted").exists());
    assert!(!ws.read("me.toml").contains("K2 = 3"));
}
