//! The one sanitiser for text bound for a terminal: control characters from data (a sheet, a
//! standard, a wiki page or answer, a file name) never reach the terminal as control
//! characters, so a note cannot retitle the window, clear the screen or move the cursor.
//! Every writer to a terminal (error lines, warnings, tables, prompts and their echoes,
//! progress lines) goes through [`printable`], or [`printable_keeping_colour`] for text ksb
//! has coloured itself.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal: every control character (C0, DELETE, C1) but a line
/// break and a tab, and the invisible format characters that reorder or hide text
/// (bidirectional overrides and isolates).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` safe to print on a terminal: `\r\n` and `\r` become `\n`, and every other control
/// character but a tab (escape sequences that would recolour the screen or move the cursor,
/// a bell, a backspace) and every bidirectional override becomes U+FFFD. Text with none is
/// borrowed as it is.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("\r\n", "\n")
            .chars()
            .map(|c| match c {
                '\r' => '\n',
                c if is_unsafe(c) => char::REPLACEMENT_CHARACTER,
                c => c,
            })
            .collect(),
    )
}

/// `text` on one line for a message quoting data (a cell of a page, a title): every control
/// character, line breaks and tabs too, and every bidirectional override becomes U+FFFD.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || is_unsafe(c) {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// Like [`printable`] for text ksb has drawn itself with colour: its SGR sequences
/// (`ESC [ digits and ; m`, colour and bold) stay, and every other control character goes.
pub fn printable_keeping_colour(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| is_unsafe(c)) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let sgr = tail.strip_prefix("\u{1b}[").and_then(|params| {
            let len = params
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b';')
                .count();
            (params.as_bytes().get(len) == Some(&b'm')).then_some(2 + len + 1)
        });
        match sgr {
            Some(len) => {
                out.push_str(&tail[..len]);
                rest = &tail[len..];
            }
            None => {
                let c = tail.chars().next().unwrap_or_default();
                if c == '\r' {
                    out.push('\n');
                    let skip = if tail.starts_with("\r\n") { 2 } else { 1 };
                    rest = &tail[skip..];
                } else {
                    out.push(char::REPLACEMENT_CHARACTER);
                    rest = &tail[c.len_utf8()..];
                }
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        assert_eq!(
            printable("a\u{1b}]0;pwned\u{7}\u{1b}[2Jb\nc\td\u{9b}e\r\nf\rg"),
            "a\u{fffd}]0;pwned\u{fffd}\u{fffd}[2Jb\nc\td\u{fffd}e\nf\ng"
        );
        assert_eq!(printable("a\u{202e}b"), "a\u{fffd}b");
        assert!(matches!(printable("plain – text ’"), Cow::Borrowed(_)));
    }

    #[test]
    fn ksbs_own_colours_stay_and_nothing_else_does() {
        assert_eq!(
            printable_keeping_colour("\u{1b}[1;31m2\u{1b}[0m \u{1b}]0;x\u{7} \u{1b}[2J a\r\nb"),
            "\u{1b}[1;31m2\u{1b}[0m \u{fffd}]0;x\u{fffd} \u{fffd}[2J a\nb"
        );
    }
}
