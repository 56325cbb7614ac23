//! Faults while saving a sheet: a read-only folder, a folder that is a file, a full disk. In
//! each case `ksb` fails with a one-line error that names the sheet, and the old file is intact.
//! (A sheet changed or deleted by another program between reading and saving is tested in
//! src/bin/ksb/app/sheet_io.rs and src/store.rs, where the change can be made at exactly that
//! moment; writers at once in tests/concurrent_writers.rs.)
// Unix: file modes, an unprivileged user (setpriv) and /dev/full.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{clean_command, fixture, Workspace, KSB};

fn running_as_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("run id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}

fn example() -> String {
    fs::read_to_string(fixture("example.toml")).unwrap()
}

fn assert_one_line_error(output: &Output, expect: &[&str]) -> String {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ksb: error: "), "{stderr}");
    for part in expect {
        assert!(stderr.contains(part), "{part:?} not in {stderr}");
    }
    stderr
}

/// A folder anybody may enter, holding a copy of `ksb` and a read-only folder `ro/` with the
/// example sheet: what an unprivileged user sees on a shared machine.
fn read_only_setup() -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let binary = dir.path().join("ksb");
    fs::copy(KSB, &binary).unwrap();
    fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let sheet = ro.join("x.toml");
    fs::write(&sheet, example()).unwrap();
    fs::set_permissions(&sheet, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    (dir, binary)
}

#[test]
fn a_sheet_in_a_read_only_folder_is_left_intact() {
    let (dir, binary) = read_only_setup();
    // Permissions do not stop root, so as root the command runs as user `nobody` (setpriv is
    // part of util-linux, which every Debian system has).
    let output = as_unprivileged(&binary)
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .args(["score", "ro/x.toml", "K3=1"])
        .output()
        .expect("run ksb (as root this needs setpriv from util-linux)");
    assert_one_line_error(
        &output,
        &["saving sheet 'ro/x.toml': cannot create a file in folder 'ro': Permission denied (os error 13)"],
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("ro/x.toml")).unwrap(),
        example()
    );
    assert_eq!(fs::read_dir(dir.path().join("ro")).unwrap().count(), 1);
}

/// `binary` run as the user it would be run as on a shared machine: as root, user `nobody`.
fn as_unprivileged(binary: &Path) -> Command {
    if running_as_root() {
        let mut command = clean_command("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(binary);
        command
    } else {
        clean_command(binary)
    }
}

#[test]
fn reading_commands_work_in_a_read_only_folder_and_take_no_lock() {
    let (dir, binary) = read_only_setup();
    for args in [
        &["show", "ro/x.toml"][..],
        &["summary", "ro/x.toml", "--format", "json"],
        &["export", "ro/x.toml", "--format", "csv"],
        &["compare", "ro/x.toml", "ro/x.toml"],
    ] {
        let output = as_unprivileged(&binary)
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .args(args)
            .output()
            .expect("run ksb");
        assert!(
            output.status.success(),
            "ksb {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // A writing command in the same folder is refused as before, and leaves nothing either.
    let output = as_unprivileged(&binary)
        .current_dir(dir.path())
        .args(["lock", "ro/x.toml"])
        .output()
        .expect("run ksb");
    assert_one_line_error(
        &output,
        &["saving sheet 'ro/x.toml': cannot create a file in folder 'ro': Permission denied"],
    );
    assert_eq!(fs::read_dir(dir.path().join("ro")).unwrap().count(), 1);
}

#[test]
fn a_sheet_under_a_file_is_refused_and_the_file_left_alone() {
    let ws = Workspace::new();
    ws.write("notes.txt", "mine");
    let output = ws
        .ksb(&[
            "score",
            "notes.txt/x.toml",
            "--username",
            "U",
            "--role-focus",
            "Generalist",
            "K1=1",
        ])
        .output()
        .unwrap();
    assert_one_line_error(
        &output,
        &["saving sheet 'notes.txt/x.toml': cannot create a file in folder 'notes.txt': Not a directory (os error 20)"],
    );
    assert_eq!(ws.read("notes.txt"), "mine");
}

/// A 64 KiB tmpfs mounted for one test and unmounted when dropped.
struct TinyDisk {
    mountpoint: tempfile::TempDir,
}

impl TinyDisk {
    fn mount() -> Option<TinyDisk> {
        let mountpoint = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(mountpoint.path())
            .status()
            .ok()?;
        status.success().then_some(TinyDisk { mountpoint })
    }

    fn path(&self) -> &Path {
        self.mountpoint.path()
    }

    /// Fills the disk until it is full.
    fn fill(&self) {
        use std::io::Write;
        let mut filler = fs::File::create(self.path().join("filler")).unwrap();
        let block = [0u8; 4096];
        while filler.write_all(&block).is_ok() {}
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

#[test]
fn a_full_disk_leaves_the_old_sheet_intact() {
    if !running_as_root() {
        // Mounting needs root; store::tests covers a full disk with a failing writer.
        eprintln!("not root: the full-disk test runs in src/store.rs only");
        return;
    }
    let Some(disk) = TinyDisk::mount() else {
        assert!(
            !in_ci(),
            "CI runs as root and must be able to mount a tmpfs"
        );
        eprintln!("mount failed: the full-disk test runs in src/store.rs only");
        return;
    };
    let sheet = disk.path().join("x.toml");
    fs::write(&sheet, example()).unwrap();
    disk.fill();
    let ws = Workspace::new();
    let note = format!("K1={}", "evidence ".repeat(2000));
    let output = ws
        .ksb(&["score", sheet.to_str().unwrap(), "K3=1", "--note", &note])
        .output()
        .unwrap();
    assert_one_line_error(&output, &["saving sheet", "No space left on device"]);
    assert_eq!(fs::read_to_string(&sheet).unwrap(), example());
    assert_eq!(
        fs::read_dir(disk.path()).unwrap().count(),
        2,
        "only the sheet and the filler: no temporary file left"
    );
}
