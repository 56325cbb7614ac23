//! A sheet's text made light to parse without changing what it says: the TOML parser keeps a
//! token for every blank line, run of spaces and comment (some fifty bytes each), so a 9 MB
//! sheet of blank lines took 450 MB to read. Each run of blank lines, spaces and comments
//! between two pieces of TOML becomes one comment of the same length, found by the TOML
//! lexer itself (streamed, so text inside a string is never touched). Every byte offset stays
//! where it was, so errors point at the same line and column of the original text.
//!
//! Reading a sheet then takes about three times the file: the file, this copy and the
//! parser's tokens of what remains (measured in bench/long-note.sh).

use std::borrow::Cow;

use toml_parser::lexer::TokenKind;
use toml_parser::Source;

/// Runs of fewer tokens than this are left as they are: they cost nothing worth saving.
const FOLD_FROM_TOKENS: usize = 8;

/// `text` with each long run of whitespace, line breaks and comments folded into one comment
/// of the same length (see the module). Text with no such run is borrowed as it is.
pub fn light(text: &str) -> Cow<'_, str> {
    let mut folds: Vec<(usize, usize)> = Vec::new();
    // The current run: where it starts, its tokens, and where its last line break ends.
    let mut run: Option<(usize, usize, Option<usize>)> = None;
    let mut close = |run: &mut Option<(usize, usize, Option<usize>)>| {
        if let Some((start, tokens, Some(end))) = run.take() {
            if tokens >= FOLD_FROM_TOKENS && end - start >= 2 {
                folds.push((start, end));
            }
        }
    };
    for token in Source::new(text).lex() {
        let span = token.span();
        let foldable = match token.kind() {
            TokenKind::Whitespace | TokenKind::Newline => true,
            TokenKind::Comment => text
                .get(span.start()..span.end())
                .is_some_and(|comment| !comment.chars().any(|c| c.is_control() && c != '\t')),
            _ => false,
        };
        if !foldable {
            close(&mut run);
            continue;
        }
        let (_, tokens, end) = run.get_or_insert((span.start(), 0, None));
        *tokens += 1;
        if token.kind() == TokenKind::Newline {
            *end = Some(span.end());
        }
    }
    close(&mut run);
    if folds.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in folds {
        out.push_str(&text[at..start]);
        // `#`, spaces, and the line break that ends the run (the same number of bytes).
        out.push('#');
        out.extend(std::iter::repeat_n(' ', end - start - 2));
        out.push('\n');
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_between_toml_fold_into_one_comment_of_the_same_length() {
        let text = format!("a = 1{}b = \"x\"\n", "\n  \n# note\n\t\n".repeat(4));
        let folded = light(&text);
        assert_eq!(folded.len(), text.len());
        assert_eq!(folded.lines().count(), 2, "{folded:?}");
        assert!(folded.starts_with("a = 1#"), "{folded:?}");
        let a: toml::Table = toml::from_str(&text).unwrap();
        let b: toml::Table = toml::from_str(&folded).unwrap();
        assert_eq!(a, b);
        // Each byte of TOML is where it was.
        assert_eq!(text.find("b = "), folded.find("b = "));
    }

    #[test]
    fn strings_keep_their_blank_lines_and_short_runs_stay() {
        let note = format!("\"\"\"{}x{}\"\"\"", "\n".repeat(20), "\n \n".repeat(20));
        let text = format!("[notes]\nK1 = {note}\nK2 = '''\n\n\n\n\n\n\n\n\n\n'''\n");
        assert_eq!(light(&text), text.as_str());
        let short = "a = 1\n\n# hi\nb = 2\n";
        assert!(matches!(light(short), Cow::Borrowed(_)));
    }

    #[test]
    fn a_comment_holding_a_control_character_is_left_for_the_parser_to_refuse() {
        let text = format!(
            "a = 1{}# bad \u{7}\n{}b = 2\n",
            "\n".repeat(10),
            "\n".repeat(10)
        );
        let folded = light(&text);
        assert!(folded.contains("# bad \u{7}"));
        assert!(toml::from_str::<toml::Table>(&folded).is_err());
    }
}
