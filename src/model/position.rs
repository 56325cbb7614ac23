//! Where in a file something is, for error messages a person can act on.

use std::fmt;

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The position of the byte at `offset` in `text` (clamped to the end of the text).
    pub fn at_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Folds a parser's multi-line message onto one line: errors are one line each.
pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes `message` prefixed by its position when it is known: "line 3, column 5: …".
pub fn located(position: &Option<Position>, message: &str) -> String {
    match position {
        Some(position) => format!("{position}: {message}"),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(
            Position::at_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        let offset = text.find('2').unwrap();
        assert_eq!(
            Position::at_offset(text, offset),
            Position { line: 2, column: 6 }
        );
        assert_eq!(Position::at_offset(text, 999).line, 3);
    }
}
