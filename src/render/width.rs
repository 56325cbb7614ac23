//! How many columns text takes on a terminal: the one measure every table, wrap and prompt
//! uses, so that a wide character (`漢`, two columns) or a combining accent (`e\u{301}`, one)
//! is counted the same everywhere.

use unicode_width::UnicodeWidthStr as _;

/// The display width of `text` in terminal columns (unicode-width), escape codes taking none.
pub fn columns(text: &str) -> usize {
    if text.contains('\u{1b}') {
        console::strip_ansi_codes(text).width()
    } else {
        text.width()
    }
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn wide_characters_take_two_columns_and_accents_none() {
        assert_eq!(columns("Generalist"), 10);
        assert_eq!(columns("漢字"), 4);
        assert_eq!(columns("e\u{301}"), 1);
        assert_eq!(columns("Mean 0–3"), 8);
    }

    #[test]
    fn escape_codes_take_no_room() {
        assert_eq!(columns("\u{1b}[38;5;9m2\u{1b}[39m"), 1);
        assert_eq!(columns("\u{1b}[1mMean\u{1b}[0m"), 4);
    }
}
