//! Where an answered prompt is on screen: the line editor (rustyline) leaves the prompt and the
//! text typed over as many rows as they need, and the prompt replaces them with the answer as
//! taken. This works out how many rows that is, laying text out as rustyline does.

use ksb::render::width::columns;

/// Rows from the first row of `prompt` to the row the cursor is on once the line editor has
/// taken `text` and written its newline, on a terminal `cols` wide: the rows the prompt and
/// the text took, one more when they filled their last row exactly (the editor then moves the
/// cursor on to the next row itself), and the newline's row.
pub fn rows_to_answer(prompt: &str, text: &str, cols: usize) -> usize {
    let cols = cols.max(1);
    let plain = console::strip_ansi_codes(prompt);
    let (mut row, mut col) = (0, 0);
    let mut buf = [0; 4];
    for c in plain.chars().chain(text.chars()) {
        let width = columns(c.encode_utf8(&mut buf));
        col += width;
        if col > cols {
            // A character that does not fit in what is left of the row starts the next one.
            row += 1;
            col = width;
        }
    }
    if col == cols {
        row += 1;
    }
    row + 1
}

/// The escapes that clear the row the cursor is on and the `rows` rows above it, bottom up,
/// leaving the cursor at the start of the highest. Each row is cleared on its own (`ESC [ K`),
/// never the rest of the screen (`ESC [ J`): in tmux, clearing the screen from its top-left
/// corner (a prompt on the top row) first copies the whole screen into the scrollback.
pub fn back_over(rows: usize) -> String {
    let mut out = String::from("\r\x1b[K");
    for _ in 0..rows {
        out.push_str("\x1b[A\r\x1b[K");
    }
    out
}

/// Rows a message takes when written and followed by a newline.
pub fn rows_of(text: &str, cols: usize) -> usize {
    columns(text).div_ceil(cols.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_answer_is_one_row_above_the_cursor() {
        assert_eq!(rows_to_answer("Score: ", "2", 60), 1);
        assert_eq!(rows_to_answer("Score: ", "", 60), 1);
    }

    #[test]
    fn a_long_answer_takes_the_rows_it_wraps_over() {
        // "Note (Enter for none): " is 23 columns; a 63-character note at 60 columns.
        assert_eq!(
            rows_to_answer("Note (Enter for none): ", &"x".repeat(63), 60),
            2
        );
        assert_eq!(
            rows_to_answer("Note (Enter for none): ", &"x".repeat(36), 60),
            1
        );
    }

    #[test]
    fn a_full_last_row_moves_the_cursor_on_a_row() {
        assert_eq!(
            rows_to_answer("Note (Enter for none): ", &"x".repeat(37), 60),
            2
        );
        assert_eq!(
            rows_to_answer("Note (Enter for none): ", &"x".repeat(38), 60),
            2
        );
    }

    #[test]
    fn wide_characters_take_two_columns_and_accents_none() {
        // Nine columns of prompt: a wide character does not fit in the tenth, and wraps.
        assert_eq!(rows_to_answer("123456789", "漢", 10), 2);
        assert_eq!(rows_to_answer("12345678", "漢", 10), 2);
        assert_eq!(rows_to_answer("1234567", "漢", 10), 1);
        assert_eq!(rows_to_answer("123456789", "e\u{301}", 10), 2);
        assert_eq!(rows_to_answer("12345678", "e\u{301}", 10), 1);
    }

    #[test]
    fn escape_codes_in_a_coloured_prompt_take_no_room() {
        assert_eq!(rows_to_answer("\u{1b}[1mScore\u{1b}[0m: ", "2", 9), 1);
        assert_eq!(rows_to_answer("\u{1b}[1mScore\u{1b}[0m: ", "23", 9), 2);
    }

    #[test]
    fn going_back_over_an_answer_clears_row_by_row_never_the_screen() {
        assert_eq!(back_over(0), "\r\x1b[K");
        assert_eq!(back_over(2), "\r\x1b[K\x1b[A\r\x1b[K\x1b[A\r\x1b[K");
        assert!(!back_over(3).contains("\x1b[J"));
    }

    #[test]
    fn messages_count_their_rows() {
        assert_eq!(rows_of(&"x".repeat(60), 60), 1);
        assert_eq!(rows_of(&"x".repeat(61), 60), 2);
        assert_eq!(rows_of("", 60), 1);
    }
}
