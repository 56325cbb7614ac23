//! What the output can look like, decided once from `--color`, stdout, COLUMNS and NO_COLOR.

use std::io::{self, IsTerminal};

use ksb::render::Style;

use crate::cli::ColorChoice;

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
