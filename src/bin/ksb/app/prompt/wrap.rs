//! Breaking text to the terminal's width between words, so that no word is split by the
//! terminal at its last column (`Syste` / `m`).

use ksb::render::width::columns;

/// Breaks text into lines of at most `width` columns at spaces, one space between words (a
/// longer word stays whole).
pub fn wrap(text: &str, width: usize) -> String {
    pack(text.split_whitespace().map(str::to_string), width)
}

/// Breaks each line of a message at spaces to fit `width`, keeping a command in backquotes
/// (`` `ksb assess me.toml` ``) whole so it can be copied; a piece longer than the width stays
/// whole.
pub fn wrap_prose(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| pack(pieces(line), width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `prefix` then `text` broken to fit `width`, the lines after the first indented to line up
/// under the text: `  q           save and quit; the same command` / `              goes on…`.
pub fn hanging(prefix: &str, text: &str, width: usize) -> String {
    let indent = " ".repeat(columns(prefix));
    let body = pack(
        text.split_whitespace().map(str::to_string),
        width.saturating_sub(indent.len()).max(1),
    );
    let mut out = String::new();
    for (index, line) in body.split('\n').enumerate() {
        out.push_str(if index == 0 { prefix } else { &indent });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The words of a line split at single spaces, a span in backquotes kept as one piece.
fn pieces(line: &str) -> impl Iterator<Item = String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                piece.push(c);
            }
            ' ' if !quoted => out.push(std::mem::take(&mut piece)),
            _ => piece.push(c),
        }
    }
    out.push(piece);
    out.into_iter()
}

/// Puts pieces on lines of at most `width` columns, one space apart.
fn pack(pieces: impl Iterator<Item = String>, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some(line) if columns(line) + 1 + columns(&piece) <= width => {
                line.push(' ');
                line.push_str(&piece);
            }
            Some(line) if line.is_empty() => line.push_str(&piece),
            _ => lines.push(piece),
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_broken_at_spaces_and_long_words_stay_whole() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("unbreakable word", 4), "unbreakable\nword");
        assert_eq!(wrap("  spaced   out ", 80), "spaced out");
        assert_eq!(wrap("", 80), "");
    }

    #[test]
    fn a_command_in_backquotes_is_never_broken() {
        let text =
            "Saved so far: me.toml (3 of 28 scored). `ksb assess me.toml` goes on from here.";
        assert_eq!(
            wrap_prose(text, 40),
            "Saved so far: me.toml (3 of 28 scored).\n`ksb assess me.toml` goes on from here."
        );
        assert_eq!(wrap_prose(text, 100), text);
        assert_eq!(wrap_prose("a\n\nb c", 1), "a\n\nb\nc");
    }

    #[test]
    fn hanging_lines_line_up_under_the_text() {
        assert_eq!(
            hanging("  q    ", "save and quit; the same command goes on", 24),
            "  q    save and quit;\n       the same command\n       goes on\n"
        );
        assert_eq!(hanging("  ? ", "help", 80), "  ? help\n");
    }
}
