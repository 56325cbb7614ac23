//! Writing a command's output to stdout: text, bytes, JSON or a report in the chosen format,
//! made printable on a terminal and quiet about a closed pipe.

use std::io::{self, IsTerminal, Write};

use anyhow::bail;
use ksb::render::markdown::Markdown;
use ksb::render::terminal;
use ksb::render::wikitext::Wikitext;
use ksb::render::{csv_report, markup, table, Style};
use ksb::report::Report;
use serde::Serialize;

use crate::cli::Format;

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
