//! Running `ksb` in a real pseudo-terminal (rexpect), for the interactive commands.
//!
//! The binary runs under `sh` in a terminal 40 rows high and 100 columns wide (or as wide as a
//! test asks): the shell sets the window size first, and after `ksb` ends prints its exit status
//! and the terminal's settings, so a test can check both the status and that no raw mode was
//! left behind. The shell traps SIGINT so that, like an interactive shell, it outlives a Ctrl-C
//! meant for `ksb`.
//!
//! Every byte read is kept, so that a test can also see the screen as a person would at the
//! end: the bytes go through a terminal emulator (vt100) of the same size, and the rows that
//! scrolled off the top are kept as a terminal's scrollback keeps them.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::reader::Options;
use rexpect::session::{spawn_with_options, PtySession};

use super::Workspace;

/// How long one expected text may take to appear before the test fails.
const TIMEOUT_MS: u64 = 15_000;

/// What the shell around `ksb` does; `$0` is the binary and `$@` its arguments.
const SHELL: &str = r#"trap : INT; echo "shell pid $$"; stty rows 40 cols $KSB_COLS && "$0" "$@" $KSB_REDIRECT; echo "exit status $?"; stty -a"#;

/// Rows of the terminal.
const ROWS: u16 = 40;

/// Columns of the terminal unless a test asks for another width.
const COLS: u16 = 100;

/// A running `ksb` in a pseudo-terminal.
pub struct Pty {
    session: PtySession,
    /// Everything read so far, for messages when an expectation fails.
    seen: String,
    /// Every byte read so far, for the screen at the end.
    bytes: Vec<u8>,
    /// Columns of the terminal.
    cols: u16,
    /// The process id of the shell that runs `ksb`.
    shell: u32,
}

impl Pty {
    /// Starts `ksb ARGS...` in the workspace, without colour, 100 columns wide.
    pub fn start(ws: &Workspace, args: &[&str]) -> Pty {
        Pty::start_redirected(ws, args, "")
    }

    /// Starts `ksb ARGS...` in a terminal `cols` columns wide.
    pub fn start_sized(ws: &Workspace, args: &[&str], cols: u16) -> Pty {
        Pty::spawn(ws, args, "", cols)
    }

    /// Starts `ksb ARGS... REDIRECT` (such as `< /dev/null` or `| cat`) under the shell.
    pub fn start_redirected(ws: &Workspace, args: &[&str], redirect: &str) -> Pty {
        Pty::spawn(ws, args, redirect, COLS)
    }

    /// Starts `ksb ARGS...` in a terminal `cols` columns wide, in colour (no NO_COLOR).
    pub fn start_in_colour(ws: &Workspace, args: &[&str], cols: u16) -> Pty {
        Pty::spawn_with(ws, args, "", cols, false)
    }

    /// Starts `ksb ARGS...` on a terminal that says it can do nothing but text (TERM=dumb),
    /// colour not turned off (no NO_COLOR), so that any escape `ksb` writes would show.
    pub fn start_dumb(ws: &Workspace, args: &[&str]) -> Pty {
        Pty::spawn_term(ws, args, "", COLS, false, "dumb")
    }

    fn spawn(ws: &Workspace, args: &[&str], redirect: &str, cols: u16) -> Pty {
        Pty::spawn_with(ws, args, redirect, cols, true)
    }

    fn spawn_with(ws: &Workspace, args: &[&str], redirect: &str, cols: u16, plain: bool) -> Pty {
        Pty::spawn_term(ws, args, redirect, cols, plain, "xterm")
    }

    fn spawn_term(
        ws: &Workspace,
        args: &[&str],
        redirect: &str,
        cols: u16,
        plain: bool,
        term: &str,
    ) -> Pty {
        let script = SHELL
            .replace("$KSB_REDIRECT", redirect)
            .replace("$KSB_COLS", &cols.to_string());
        let mut command = ws.command("sh");
        command
            .arg("-c")
            .arg(script)
            .arg(super::KSB)
            .args(args)
            .env("TERM", term);
        if !plain {
            command.env_remove("NO_COLOR");
        }
        let options = Options::new().timeout_ms(Some(TIMEOUT_MS));
        let session = spawn_with_options(command, options).expect("start ksb in a pty");
        let mut pty = Pty {
            session,
            seen: String::new(),
            bytes: Vec::new(),
            cols,
            shell: 0,
        };
        pty.expect("shell pid ");
        let line = pty.read_line();
        pty.shell = line.trim().parse().expect("a numeric pid");
        pty
    }

    /// Reads up to the end of the line; returns the line without its end.
    fn read_line(&mut self) -> String {
        let line = self.session.read_line().expect("read a line");
        self.bytes.extend(line.chars().map(|c| c as u8));
        self.bytes.extend(b"\r\n");
        utf8(&line)
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

    /// Makes the terminal `cols` columns wide while `ksb` runs, as a person resizing the
    /// window would (the kernel sends it SIGWINCH). The screen at the end is then rebuilt at
    /// the new width.
    pub fn resize(&mut self, cols: u16) {
        let tty =
            std::fs::read_link(format!("/proc/{}/fd/0", self.ksb_pid())).expect("ksb's terminal");
        let status = Command::new("stty")
            .arg("-F")
            .arg(&tty)
            .arg("cols")
            .arg(cols.to_string())
            .status()
            .expect("run stty");
        assert!(status.success(), "stty cols {cols}");
        self.cols = cols;
    }

    /// Waits until `ksb` has the file at `path` open (its open files, read in /proc): the event
    /// that shows it has reached that file, such as a lock file it is waiting on.
    pub fn wait_until_open(&self, path: &Path) {
        let path = path.canonicalize().expect("the file exists");
        let fds = format!("/proc/{}/fd", self.ksb_pid());
        let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
        loop {
            let open = std::fs::read_dir(&fds)
                .expect("ksb's open files")
                .flatten()
                .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|to| to == path));
            if open {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "ksb never opened {}",
                path.display()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends SIGINT to `ksb` from outside at once, wherever it is.
    pub fn interrupt_now(&self) {
        let pid = nix::unistd::Pid::from_raw(self.ksb_pid() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("kill -INT ksb");
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
                self.bytes.extend(before.chars().map(|c| c as u8));
                self.bytes.extend(text.as_bytes());
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
    pub fn finish(self) -> (i32, String) {
        let (status, settings, _) = self.finish_with_screen();
        (status, settings)
    }

    /// Waits for `ksb` to end; returns its exit status and every byte the terminal received.
    pub fn finish_bytes(self) -> (i32, Vec<u8>) {
        let (status, _, bytes) = self.finish_with_bytes();
        (status, bytes)
    }

    /// Waits for `ksb` to end; returns its exit status and every row the terminal showed, top
    /// to bottom, scrollback first (each without trailing spaces), as a person would see them.
    pub fn finish_screen(self) -> (i32, Vec<String>) {
        let (status, _, rows) = self.finish_with_screen();
        (status, rows)
    }

    fn finish_with_screen(self) -> (i32, String, Vec<String>) {
        let cols = self.cols;
        let (status, settings, bytes) = self.finish_with_bytes();
        (status, settings, screen_rows(&bytes, cols))
    }

    fn finish_with_bytes(mut self) -> (i32, String, Vec<u8>) {
        self.expect("exit status ");
        let status = self.read_line();
        let status = status.trim().parse().expect("a numeric exit status");
        let settings = self.session.exp_eof().expect("terminal settings");
        self.bytes.extend(settings.chars().map(|c| c as u8));
        (status, utf8(&settings), self.bytes)
    }
}

/// The rows a terminal `cols` wide and [`ROWS`] high shows after `bytes`, with its scrollback.
fn screen_rows(bytes: &[u8], cols: u16) -> Vec<String> {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
    let mut parser = vt100::Parser::new(size(ROWS), size(cols), usize::MAX);
    parser.process(bytes);
    let screen = parser.screen_mut();
    screen.set_scrollback(usize::MAX);
    let history = screen.scrollback();
    let height = usize::from(ROWS);
    let mut rows = Vec::new();
    let mut next = 0;
    while next < history + height {
        let offset = history.saturating_sub(next);
        screen.set_scrollback(offset);
        let top = history - offset;
        for (index, row) in screen.rows(0, cols).enumerate() {
            if top + index >= next {
                rows.push(row.trim_end().to_string());
            }
        }
        next = top + height;
    }
    rows
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
