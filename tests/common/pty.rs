//! Running `ksb` in a real pseudo-terminal (rexpect), for the interactive commands.
//!
//! The binary runs under `sh` in a 100×40 terminal: the shell sets the window size first, and
//! after `ksb` ends prints its exit status and the terminal's settings, so a test can check both
//! the status and that no raw mode was left behind. The shell traps SIGINT so that, like an
//! interactive shell, it outlives a Ctrl-C meant for `ksb`.

use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::reader::Options;
use rexpect::session::{spawn_with_options, PtySession};

use super::Workspace;

/// How long one expected text may take to appear before the test fails.
const TIMEOUT_MS: u64 = 15_000;

/// What the shell around `ksb` does; `$0` is the binary and `$@` its arguments.
const SHELL: &str = r#"trap : INT; echo "shell pid $$"; stty rows 40 cols 100 && "$0" "$@" $KSB_REDIRECT; echo "exit status $?"; stty -a"#;

/// A running `ksb` in a pseudo-terminal.
pub struct Pty {
    session: PtySession,
    /// Everything read so far, for messages when an expectation fails.
    seen: String,
    /// The process id of the shell that runs `ksb`.
    shell: u32,
}

impl Pty {
    /// Starts `ksb ARGS...` in the workspace, without colour.
    pub fn start(ws: &Workspace, args: &[&str]) -> Pty {
        Pty::start_redirected(ws, args, "")
    }

    /// Starts `ksb ARGS... REDIRECT` (such as `< /dev/null` or `| cat`) under the shell.
    pub fn start_redirected(ws: &Workspace, args: &[&str], redirect: &str) -> Pty {
        let script = SHELL.replace("$KSB_REDIRECT", redirect);
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_ksb"))
            .args(args)
            .current_dir(ws.path())
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("HOME", ws.path())
            .env("XDG_CONFIG_HOME", ws.file(".config"))
            .env_remove("KSB_CONFIG")
            .env_remove("KSB_STANDARD")
            .env_remove("KSB_USERNAME")
            .env_remove("KSB_ROLE_FOCUS")
            .env_remove("KSB_MENTORING_TYPE")
            .env_remove("KSB_SHEETS_DIR")
            .env_remove("COLUMNS")
            .env_remove("LINES");
        let options = Options::new().timeout_ms(Some(TIMEOUT_MS));
        let session = spawn_with_options(command, options).expect("start ksb in a pty");
        let mut pty = Pty {
            session,
            seen: String::new(),
            shell: 0,
        };
        pty.expect("shell pid ");
        let line = pty.session.read_line().expect("the shell's pid");
        pty.shell = line.trim().parse().expect("a numeric pid");
        pty
    }

    /// Waits until a prompt holds the terminal in raw mode, then sends SIGINT to `ksb` from
    /// outside, as `kill -INT` would.
    pub fn interrupt_in_raw_mode(&self) {
        let pid = self.ksb_pid().to_string();
        let tty = std::fs::read_link(format!("/proc/{pid}/fd/0")).expect("ksb's terminal");
        let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
        loop {
            let output = Command::new("stty")
                .arg("-F")
                .arg(&tty)
                .arg("-a")
                .output()
                .expect("run stty");
            let settings = String::from_utf8_lossy(&output.stdout);
            if settings.split_whitespace().any(|mode| mode == "-icanon") {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the prompt never went raw: {settings}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let status = Command::new("sh")
            .args(["-c", "kill -INT \"$1\"", "sh", &pid])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -INT {pid}");
    }

    /// The process id of `ksb`: the child of the shell, found in /proc.
    fn ksb_pid(&self) -> u32 {
        for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
            let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
            let ppid = after.split_whitespace().nth(1).and_then(|p| p.parse().ok());
            if ppid == Some(self.shell) && stat.contains("(ksb)") {
                return pid;
            }
        }
        panic!("no ksb process under shell {}", self.shell)
    }

    /// Waits until `text` appears and returns what came before it.
    pub fn expect(&mut self, text: &str) -> String {
        match self.session.exp_string(&as_bytes_read(text)) {
            Ok(before) => {
                let before = utf8(&before);
                self.seen.push_str(&before);
                self.seen.push_str(text);
                before
            }
            Err(err) => panic!(
                "waiting for {text:?}: {err}\n--- the screen so far ---\n{}",
                self.seen
            ),
        }
    }

    /// Types a line and Enter.
    pub fn line(&mut self, text: &str) {
        self.session.send_line(text).expect("type a line");
    }

    /// Types keys (such as an arrow key or Ctrl-C) without Enter.
    pub fn keys(&mut self, keys: &str) {
        self.session.send(keys).expect("type keys");
        self.session.flush().expect("flush keys");
    }

    /// Waits for KSB `id` at `position` (1-based) to be asked, then answers `text`.
    pub fn answer(&mut self, id: &str, position: usize, text: &str) {
        self.expect(&format!("{id} · {position}/28 · "));
        self.expect("? for help)");
        self.line(text);
    }

    /// Waits for `ksb` to end; returns its exit status and the terminal settings after it.
    pub fn finish(mut self) -> (i32, String) {
        self.expect("exit status ");
        let status = self.session.read_line().expect("exit status line");
        let status = status.trim().parse().expect("a numeric exit status");
        let settings = self.session.exp_eof().expect("terminal settings");
        (status, utf8(&settings))
    }
}

/// rexpect reads the terminal byte by byte, each byte as one `char`: `text` as it reads it.
fn as_bytes_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Text read by rexpect (one `char` per byte) back as the UTF-8 the program wrote.
fn utf8(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
