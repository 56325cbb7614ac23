//! What the output can look like (decided once from `--color`, stdout and NO_COLOR), error
//! lines and progress on stderr.

use std::io::{self, IsTerminal, Write};

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};
use ksb::render::markdown::Markdown;
use ksb::render::terminal;
use ksb::render::wikitext::Wikitext;
use ksb::render::{csv_report, markup, table, Style};
use ksb::report::Report;
use serde::Serialize;

use crate::cli::{ColorChoice, Format};

/// Whether the NO_COLOR convention (no-color.org) asks for plain output.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Width of tables written to a pipe or file when `COLUMNS` does not say otherwise.
const PIPE_WIDTH: u16 = 120;

/// The table style for stdout. With `--color auto`, box drawing and colour only on a terminal
/// without NO_COLOR; `--color always` forces both (for `less -R`), `--color never` drops the
/// colour. Tables fit the terminal's width (or `COLUMNS`, or 120 columns in a pipe).
pub fn stdout_style(choice: ColorChoice) -> Style {
    let tty = io::stdout().is_terminal();
    let fancy = tty && !no_color();
    let (unicode, color) = match choice {
        ColorChoice::Auto => (fancy, fancy),
        ColorChoice::Always => (true, true),
        ColorChoice::Never => (fancy, false),
    };
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let terminal = tty
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| w.0);
    Style {
        unicode,
        color,
        width: Some(terminal.or(columns).unwrap_or(PIPE_WIDTH)),
    }
}

/// `text` safe to print on a terminal, through the one sanitiser ([`terminal::printable`]):
/// control characters other than line breaks and tabs become U+FFFD.
pub fn printable(text: &str) -> String {
    terminal::printable(text).into_owned()
}

/// Writes `text` to stdout; a closed pipe (`ksb show x | head`) is not an error. On a
/// terminal, no control character but ksb's own colours reaches it ([`terminal`]).
pub fn emit(text: &str) -> anyhow::Result<()> {
    emit_bytes(text.as_bytes())
}

/// Prints a warning on stderr: `ksb: warning: ` and the message, made [`printable`].
pub fn warn(message: &str) {
    eprintln!("ksb: warning: {}", printable(message));
}

/// Writes JSON to stdout, pretty-printed, for scripts: serialised straight into the pipe, so a
/// large report (a roster of thousands) is never held as text as well; a closed pipe is not an
/// error.
pub fn emit_json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Writes a command's output in `format`: its report as terminal tables, Markdown, wikitext
/// or CSV, or its figures as JSON. `json` gives `None` where the command has no JSON; the
/// command line offers each command only its formats (`cli::formats`), so the refusals below
/// are for a format a command does not list.
pub fn emit_report<J: Serialize>(
    format: Format,
    style: Style,
    report: impl FnOnce() -> Report,
    json: impl FnOnce() -> Option<J>,
) -> anyhow::Result<()> {
    match format {
        Format::Table => emit(&table::report(&report(), style)),
        Format::Markdown => emit(&markup::report(&Markdown, &report())),
        Format::Wikitext => emit(&markup::report(&Wikitext, &report())),
        Format::Json => match json() {
            Some(value) => emit_json(&value),
            None => bail!("this command has no JSON output"),
        },
        Format::Csv => emit(&csv_report::report(&report())),
        Format::MoodleCsv | Format::Case | Format::Openbadge => {
            bail!("this command has no such output: `ksb standard` writes a standard for another system, `ksb export` an Open Badge")
        }
    }
}

/// Writes bytes to stdout, tolerating a closed pipe like [`emit`]; on a terminal, made
/// printable like [`emit`] (a pipe or a file gets the bytes as they are).
pub fn emit_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    let shown;
    let bytes = if out.is_terminal() {
        shown = terminal::printable_keeping_colour(&String::from_utf8_lossy(bytes)).into_owned();
        shown.as_bytes()
    } else {
        bytes
    };
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
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

/// `text` as one word a POSIX shell reads back unchanged (quoted only when it must be).
pub fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
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

    #[test]
    fn shell_words_are_quoted_only_when_they_must_be() {
        assert_eq!(shell_word("sheets/me.toml"), "sheets/me.toml");
        assert_eq!(shell_word("my sheet.toml"), "'my sheet.toml'");
        assert_eq!(shell_word("it's.toml"), r"'it'\''s.toml'");
    }
}
