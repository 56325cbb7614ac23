//! One harness for running the real `ksb` binary in a temporary folder.
#![allow(dead_code)]

pub mod cohort;
pub mod mediawiki;
#[cfg(unix)]
pub mod pty;
pub mod sheets;
pub mod wiki_server;

use std::path::{Path, PathBuf};
use std::process::Output;

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

    /// `ksb ARGS...` run in the folder, with no colour and a fixed environment.
    pub fn ksb(&self, args: &[&str]) -> Command {
        self.ksb_from(Command::cargo_bin("ksb").expect("ksb binary"), args)
    }

    /// Runs another build of `ksb` (the static one) as [`Workspace::ok`] runs this one.
    pub fn ok_with(&self, binary: &Path, args: &[&str]) -> String {
        let output = self
            .ksb_from(Command::new(binary), args)
            .output()
            .expect("run ksb");
        assert!(
            output.status.success(),
            "{} {args:?} failed: {}",
            binary.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 stdout")
    }

    /// `cmd` (a `ksb`) with ARGS, run in the folder with no colour and a fixed environment.
    fn ksb_from(&self, mut cmd: Command, args: &[&str]) -> Command {
        cmd.current_dir(self.path())
            .env("NO_COLOR", "1")
            .env_remove("KSB_CONFIG")
            .env("XDG_CONFIG_HOME", self.file(".config"))
            .env("HOME", self.path())
            .args(args);
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

/// The path of a file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
