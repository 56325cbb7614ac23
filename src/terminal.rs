//! What the output can look like: decided once from stdout and NO_COLOR.

use std::io::{self, IsTerminal, Write};

use ksb::render::Style;

/// Whether the NO_COLOR convention (no-color.org) asks for plain output.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Width of tables written to a pipe or file when `COLUMNS` does not say otherwise.
const PIPE_WIDTH: u16 = 120;

/// The table style for stdout: box drawing and colour only on a terminal without NO_COLOR,
/// and tables fitted to the terminal's width (or `COLUMNS`, or 120 columns in a pipe).
pub fn stdout_style() -> Style {
    let tty = io::stdout().is_terminal();
    let fancy = tty && !no_color();
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let terminal = tty
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| w.0);
    Style {
        unicode: fancy,
        color: fancy,
        width: Some(terminal.or(columns).unwrap_or(PIPE_WIDTH)),
    }
}

/// Writes `text` to stdout; a closed pipe (`ksb show x | head`) is not an error.
pub fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
