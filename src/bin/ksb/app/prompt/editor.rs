//! Reading one line at a prompt, drawn so that text longer than the terminal is wide wraps and
//! redraws cleanly: the editor knows on which row of the prompt the cursor is, so every redraw
//! (and the final clear) starts from the prompt's first row, never leaving a stale half line.
//!
//! dialoguer's `Input` counts a prompt as one row however long the typed text is, so a note or
//! a username longer than the terminal left its first rows on screen twice; it also has no
//! Ctrl-U, Ctrl-W or Home. Where each cell goes ([`place`]) and what each key does
//! ([`super::line`]) are plain functions; this module only talks to the terminal.

use std::io;

use console::{Key, Term};

use super::interrupt;
use super::line::{self, Action, Line};

/// Where text lands on a terminal `cols` wide, starting at the first column of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Row and column where each character of the line starts (rows counted from the prompt's).
    pub starts: Vec<(usize, usize)>,
    /// Row and column of the cursor after the last character.
    pub end: (usize, usize),
    /// Whether the last row is exactly full: terminals then hold the cursor on that row until
    /// the next character, so the editor moves it to the next row itself.
    pub full_last_row: bool,
}

impl Placement {
    /// Where the cursor goes when it stands before character `index` (the end for `len`).
    pub fn cursor(&self, index: usize) -> (usize, usize) {
        self.starts.get(index).copied().unwrap_or(self.end)
    }
}

/// Places a prompt `prompt_width` columns wide and then characters of the given widths on a
/// terminal `cols` wide, wrapping as terminals do: a character that does not fit in what is
/// left of a row (a wide one at the last column) starts the next row.
pub fn place(prompt_width: usize, widths: &[usize], cols: usize) -> Placement {
    let cols = cols.max(2);
    let (mut row, mut col) = (prompt_width / cols, prompt_width % cols);
    if prompt_width > 0 && col == 0 {
        // The prompt filled its last row exactly: the cursor waits at that row's end.
        row -= 1;
        col = cols;
    }
    let mut starts = Vec::with_capacity(widths.len());
    for &width in widths {
        if col + width > cols || (width == 0 && col == cols) {
            row += 1;
            col = 0;
        }
        starts.push((row, col));
        col += width;
    }
    let full_last_row = col == cols;
    let end = if full_last_row {
        (row + 1, 0)
    } else {
        (row, col)
    };
    Placement {
        starts,
        end,
        full_last_row,
    }
}

/// Columns a piece of text takes on screen, escape codes left out.
fn width_of(text: &str) -> usize {
    console::measure_text_width(text)
}

/// Columns each character takes on screen.
fn widths(chars: &[char]) -> Vec<usize> {
    let mut buf = [0; 4];
    chars
        .iter()
        .map(|c| width_of(c.encode_utf8(&mut buf)))
        .collect()
}

/// Rows a line of output takes when written and followed by a newline.
pub fn rows_of(text: &str, cols: usize) -> usize {
    width_of(text).div_ceil(cols.max(1)).max(1)
}

/// The terminal in raw mode (no echo, keys one at a time) while a line is read, so a key typed
/// between two reads is never echoed over the prompt; put back as it was when dropped.
struct RawMode {
    #[cfg(unix)]
    saved: Option<nix::sys::termios::Termios>,
}

impl RawMode {
    fn enter() -> RawMode {
        #[cfg(unix)]
        {
            use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg};
            let stdin = io::stdin();
            let saved = tcgetattr(&stdin).ok();
            if let Some(saved) = &saved {
                let mut raw = saved.clone();
                cfmakeraw(&mut raw);
                // Output stays as it was, so a newline still returns to the first column.
                raw.output_flags = saved.output_flags;
                interrupt::changing_terminal_mode(|| {
                    let _ = tcsetattr(&stdin, SetArg::TCSADRAIN, &raw);
                });
            }
            RawMode { saved }
        }
        #[cfg(not(unix))]
        RawMode {}
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            interrupt::changing_terminal_mode(|| {
                let _ = nix::sys::termios::tcsetattr(
                    io::stdin(),
                    nix::sys::termios::SetArg::TCSADRAIN,
                    saved,
                );
            });
        }
    }
}

/// A prompt being edited on the terminal: what is shown and on which of its rows the cursor is.
struct Drawn<'a> {
    term: &'a Term,
    prompt: &'a str,
    cursor_row: usize,
}

impl Drawn<'_> {
    /// Goes back to the prompt's first row and clears from there to the end of the screen.
    fn clear(&mut self, out: &mut String) {
        if self.cursor_row > 0 {
            out.push_str(&format!("\x1b[{}A", self.cursor_row));
        }
        out.push_str("\r\x1b[J");
        self.cursor_row = 0;
    }

    /// Draws the prompt and the line afresh and puts the cursor where the line's cursor is.
    fn draw(&mut self, line: &Line) -> io::Result<()> {
        let cols = usize::from(self.term.size().1);
        let mut out = String::new();
        self.clear(&mut out);
        out.push_str(self.prompt);
        out.extend(line.chars());
        let placement = place(width_of(self.prompt), &widths(line.chars()), cols);
        if placement.full_last_row {
            out.push_str("\r\n");
        }
        let (end_row, _) = placement.end;
        let (row, col) = placement.cursor(line.cursor());
        if end_row > row {
            out.push_str(&format!("\x1b[{}A", end_row - row));
        }
        out.push('\r');
        if col > 0 {
            out.push_str(&format!("\x1b[{col}C"));
        }
        self.cursor_row = row;
        self.term.write_str(&out)?;
        self.term.flush()
    }

    /// Removes the prompt and the line from the screen, leaving the cursor where it started.
    fn erase(&mut self) -> io::Result<()> {
        let mut out = String::new();
        self.clear(&mut out);
        self.term.write_str(&out)?;
        self.term.flush()
    }
}

/// Shows `prompt` (already styled) and reads a line, `initial` ready to edit, until Enter.
/// The prompt and the line are then erased, the cursor left where the prompt began, so the
/// caller writes what was taken in their place. Ctrl-C is an `Interrupted` error.
pub fn read_line(term: &Term, prompt: &str, initial: &str) -> io::Result<String> {
    let _raw = RawMode::enter();
    let mut line = Line::new(initial);
    let mut drawn = Drawn {
        term,
        prompt,
        cursor_row: 0,
    };
    drawn.draw(&line)?;
    loop {
        let key = term.read_key()?;
        let action = if line::starts_modified_key(&key) {
            let _modifier = term.read_key()?;
            match term.read_key()? {
                Key::Char(c) => line::modified_action(c),
                _ => None,
            }
        } else {
            line::action(&key)
        };
        match action {
            Some(Action::Enter) => break,
            Some(Action::Edit(edit)) => {
                line.apply(edit);
                drawn.draw(&line)?;
            }
            None => {}
        }
    }
    drawn.erase()?;
    Ok(line.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_stays_on_the_prompt_row() {
        let placed = place(6, &[1, 1, 1], 60);
        assert_eq!(placed.starts, vec![(0, 6), (0, 7), (0, 8)]);
        assert_eq!(placed.end, (0, 9));
        assert!(!placed.full_last_row);
        assert_eq!(placed.cursor(1), (0, 7));
    }

    #[test]
    fn text_wraps_onto_the_next_rows() {
        // "Note (Enter for none): " is 23 columns; a 63-character note at 60 columns.
        let placed = place(23, &[1; 63], 60);
        assert_eq!(placed.starts[36], (0, 59));
        assert_eq!(placed.starts[37], (1, 0));
        assert_eq!(placed.end, (1, 26));
        assert_eq!(placed.cursor(0), (0, 23));
    }

    #[test]
    fn a_full_last_row_puts_the_cursor_on_the_next_row() {
        let placed = place(10, &[1; 50], 60);
        assert!(placed.full_last_row);
        assert_eq!(placed.end, (1, 0));
        assert_eq!(placed.starts[49], (0, 59));
        let prompt_only = place(60, &[], 60);
        assert!(prompt_only.full_last_row);
        assert_eq!(prompt_only.end, (1, 0));
        let one_more = place(60, &[1], 60);
        assert_eq!(one_more.starts, vec![(1, 0)]);
        assert_eq!(one_more.end, (1, 1));
    }

    #[test]
    fn a_wide_character_that_does_not_fit_starts_the_next_row() {
        let placed = place(9, &[2, 1], 10);
        assert_eq!(placed.starts, vec![(1, 0), (1, 2)]);
        assert_eq!(placed.end, (1, 3));
        let placed = place(0, &[1, 0, 1], 10);
        assert_eq!(placed.starts, vec![(0, 0), (0, 1), (0, 1)]);
    }

    #[test]
    fn widths_count_columns_not_bytes() {
        assert_eq!(widths(&['a', 'ë', '界']), vec![1, 1, 2]);
        assert_eq!(rows_of("x".repeat(60).as_str(), 60), 1);
        assert_eq!(rows_of("x".repeat(61).as_str(), 60), 2);
        assert_eq!(rows_of("", 60), 1);
    }
}
