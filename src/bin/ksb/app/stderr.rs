//! What `ksb` says on stderr: warnings, the one error line, and the progress of a long read.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressStyle};

use crate::app::output::printable;

/// Prints a warning on stderr: `ksb: warning: ` and the message, made [`printable`].
pub fn warn(message: &str) {
    eprintln!("ksb: warning: {}", printable(message));
}

/// An error as `ksb` reports it on stderr: `ksb: error: ` and the whole cause chain on one line,
/// whatever a cause's message holds, made [`printable`] (a file name or a wiki's answer holding
/// an escape sequence shows it as U+FFFD).
pub fn error_line(err: &anyhow::Error) -> String {
    // The cause chain as `{:#}` joins it, less a cause its context already ends with (an
    // error whose message quotes its source): no cause is said twice.
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.ends_with(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    let message = printable(&message);
    let words: Vec<&str> = message.lines().map(str::trim).collect();
    format!("ksb: error: {}", words.join(" "))
}

/// Sheets a cohort must have before reading them shows a progress bar; fewer take a blink.
const PROGRESS_FROM_SHEETS: usize = 300;

/// A progress bar on stderr for reading `sheets` sheets, when there are many and stderr is a
/// terminal.
pub fn sheet_progress(sheets: usize) -> Option<ProgressBar> {
    if sheets <= PROGRESS_FROM_SHEETS || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(sheets as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} sheets read") {
        bar.set_style(style);
    }
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cause_is_said_twice() {
        let err = ksb::store::LockError::Create {
            folder: "ro".into(),
            source: io::Error::from_raw_os_error(30),
        };
        let err = anyhow::Error::new(err).context("saving sheet 'ro/me.toml'");
        assert_eq!(
            error_line(&err),
            "ksb: error: saving sheet 'ro/me.toml': cannot create a file in folder 'ro': Read-only file system (os error 30)"
        );
    }

    #[test]
    fn error_lines_are_one_printable_line() {
        let err = anyhow::anyhow!("no such file")
            .context("reading sheet 'a\u{1b}]0;pwned\u{7}\r\n.toml'");
        assert_eq!(
            error_line(&err),
            "ksb: error: reading sheet 'a\u{fffd}]0;pwned\u{fffd} .toml': no such file"
        );
    }
}
