//! One harness for running the real `ksb` binary in a temporary folder.
#![allow(dead_code)]

pub mod cohort;
pub mod mediawiki;
#[cfg(unix)]
pub mod pty;
pub mod raster;
pub mod sheets;
pub mod wiki_server;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};

use assert_cmd::Command;

/// A temporary folder to run `ksb` in; removed when dropped.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// A new empty folder.
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The folder itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the folder and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.file(name);
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// Reads a file of the folder.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).expect("read file")
    }

    /// `ksb ARGS...` run in the folder, through [`Workspace::command`].
    pub fn ksb(&self, args: &[&str]) -> Command {
        let mut cmd = self.command(KSB);
        cmd.args(args);
        Command::from_std(cmd)
    }

    /// `ksb ARGS...` started in the folder through [`Workspace::command`], not waited for:
    /// stdin empty, stdout and stderr piped.
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(KSB)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start ksb")
    }

    /// Runs another build of `ksb` (the static one) as [`Workspace::ok`] runs this one.
    pub fn ok_with(&self, binary: &Path, args: &[&str]) -> String {
        let output = self.command(binary).args(args).output().expect("run ksb");
        assert!(
            output.status.success(),
            "{} {args:?} failed: {}",
            binary.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 stdout")
    }

    /// The one way the tests start a program (`ksb`, or a shell or `script` that runs it): in
    /// the folder, from an empty environment (`env_clear`), then only PATH (the test run's), HOME
    /// (the folder), XDG_CONFIG_HOME (`.config` in it) and NO_COLOR. Nothing of the developer's
    /// environment (a `KSB_STANDARD`, `KSB_USERNAME`, `KSB_WIKI_*`, `COLUMNS`, `TERM`, `LANG`)
    /// reaches `ksb`; a test sets what it needs on the command returned.
    pub fn command(&self, program: impl AsRef<OsStr>) -> std::process::Command {
        let mut cmd = clean_command(program);
        cmd.current_dir(self.path())
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.file(".config"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs `ksb ARGS...`, asserts it succeeded, and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.ksb(args).output().expect("run ksb");
        assert!(
            output.status.success(),
            "ksb {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 stdout")
    }

    /// Runs `ksb ARGS...`, asserts it failed with `code`, and returns its stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let output: Output = self.ksb(args).output().expect("run ksb");
        assert_eq!(
            output.status.code(),
            Some(code),
            "ksb {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stderr).expect("UTF-8 stderr")
    }
}

/// The `ksb` binary under test.
pub const KSB: &str = env!("CARGO_BIN_EXE_ksb");

/// `program` with an empty environment but for the test run's PATH: the base of
/// [`Workspace::command`], for a program run outside a workspace.
pub fn clean_command(program: impl AsRef<OsStr>) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd
}

/// The path of a file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
