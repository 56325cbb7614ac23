//! What a line typed at a KSB's prompt means, decided apart from any terminal so it can be tested.

use ksb::Score;

/// One answer at a KSB's prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `0`–`3`, `n`, `na` or `n/a`: score the KSB and move on.
    Score(Score),
    /// Enter alone on a KSB that has a score to offer: take it and move on.
    Keep(Score),
    /// `b`: go back one KSB.
    Back,
    /// `s`: leave the KSB unscored and move on.
    Skip,
    /// `q`: stop here; every answer so far is already saved.
    Quit,
    /// `?`: show the scoring key and the keys again.
    Help,
    /// `g K8` or `g 8`: go to the KSB at this index of the standard.
    Go(usize),
}

/// One answer at the note prompt that follows a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAnswer {
    /// Anything else: the note as typed (empty for none).
    Note,
    /// `b`: back to this KSB's score.
    Back,
    /// `q`: stop here, keeping the score just given.
    Quit,
    /// `?`: show the keys of the note prompt.
    Help,
}

/// The keys a participant can type, as the screens and the help list them.
pub const KEYS: &[(&str, &str)] = &[
    ("0 1 2 3", "score the KSB and go on"),
    ("n, na, n/a", "not relevant to your current role"),
    ("Enter", "keep the score shown in [brackets]"),
    ("b", "back one KSB"),
    ("s", "skip it for now (left unscored)"),
    ("g K8, g 8", "go to a KSB by its id or its number"),
    ("q", "save and quit; the same command goes on from there"),
    ("?", "show the key and these keys again"),
];

/// The keys at the note prompt (with `--notes`), as its help lists them.
pub const NOTE_KEYS: &[(&str, &str)] = &[
    ("Enter", "keep the note as shown; an empty note is none"),
    ("b", "back to this KSB's score"),
    ("q", "save and quit, keeping the score just given"),
    ("?", "show these keys again"),
];

/// The editing keys of every text prompt.
pub const EDIT_KEYS: &[(&str, &str)] = &[
    (
        "Home, End",
        "to the start or the end of the line (also Ctrl-A, Ctrl-E)",
    ),
    ("Ctrl-U", "delete everything before the cursor"),
    ("Ctrl-W", "delete the word before the cursor"),
    ("Ctrl-K", "delete everything from the cursor on"),
];

/// Reads what was typed at a KSB's prompt. `offered` is the score Enter alone takes (the one
/// the sheet already has, or one suggested); without it Enter alone is refused. `ids` are the
/// standard's KSB ids in order, for `g`.
/// The error is the short reason shown at the prompt before the KSB is asked again.
pub fn parse(text: &str, offered: Option<Score>, ids: &[&str]) -> Result<Answer, String> {
    let typed = text.trim().to_ascii_lowercase();
    if let Some(go) = go_to(text.trim(), ids) {
        return go;
    }
    match typed.as_str() {
        "" => offered
            .map(Answer::Keep)
            .ok_or_else(|| "type a score, 0–3 or n/a (? shows the key)".to_string()),
        "n" => Ok(Answer::Score(Score::NotApplicable)),
        "b" => Ok(Answer::Back),
        "s" => Ok(Answer::Skip),
        "q" => Ok(Answer::Quit),
        "?" => Ok(Answer::Help),
        _ => match typed.parse::<Score>() {
            Ok(score) => Ok(Answer::Score(score)),
            Err(_) if looks_numeric(&typed) => Err(format!(
                "{} is not on the scale: scores are 0, 1, 2, 3 or n/a",
                text.trim()
            )),
            Err(_) => Err(format!(
                "'{}' is not an answer: type 0–3 or n/a, or b, s, g, q, ?",
                text.trim()
            )),
        },
    }
}

/// `g` and a KSB (`g K8`, `g 8`, `gk8`, any case): the KSB's index, or why there is no such
/// KSB. `None` when the text is not a `g` answer at all.
fn go_to(typed: &str, ids: &[&str]) -> Option<Result<Answer, String>> {
    let rest = typed
        .strip_prefix('g')
        .or_else(|| typed.strip_prefix('G'))?;
    let target = rest.trim();
    if target.is_empty() {
        return Some(Err(
            "g goes to a KSB: type g and its id or number, such as g K8 or g 8".to_string(),
        ));
    }
    let index = match target.parse::<usize>() {
        Ok(number) => (1..=ids.len()).contains(&number).then(|| number - 1),
        Err(_) => ids.iter().position(|id| id.eq_ignore_ascii_case(target)),
    };
    match index {
        Some(index) => Some(Ok(Answer::Go(index))),
        // "good" is not a `g` answer that names a KSB badly, just not an answer.
        None if !rest.starts_with(char::is_whitespace) && !looks_like_id(target) => None,
        None => Some(Err(format!(
            "there is no KSB '{target}': type g and an id such as {} or a number from 1 to {}",
            ids.first().copied().unwrap_or("K1"),
            ids.len()
        ))),
    }
}

/// Whether the text looks like a KSB id or a number (letters then digits, such as `k99`).
fn looks_like_id(text: &str) -> bool {
    let digits = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Reads what was typed at the note prompt: `q`, `b` and `?` alone are keys, anything else
/// is the note.
pub fn parse_note(text: &str) -> NoteAnswer {
    match text.trim().to_ascii_lowercase().as_str() {
        "q" => NoteAnswer::Quit,
        "b" => NoteAnswer::Back,
        "?" => NoteAnswer::Help,
        _ => NoteAnswer::Note,
    }
}

/// Reads a choice typed as plain lines: the number of an item from 1 to `count`, or Enter
/// alone for the first; the error is the reason said before asking again.
pub fn parse_choice(text: &str, count: usize) -> Result<usize, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    match text.parse::<usize>() {
        Ok(number) if (1..=count).contains(&number) => Ok(number - 1),
        _ => Err(format!(
            "'{text}' is not a choice: type a number from 1 to {count}"
        )),
    }
}

/// Whether the text is a number such as `4`, `-1` or `2.5`, to say why it is refused.
fn looks_numeric(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &[&str] = &["K1", "K2", "S1", "B1"];

    fn parse(text: &str, offered: Option<Score>) -> Result<Answer, String> {
        super::parse(text, offered, IDS)
    }

    #[test]
    fn scores_in_every_spelling() {
        for (text, score) in [
            ("0", Score::Zero),
            ("1", Score::One),
            (" 2 ", Score::Two),
            ("3", Score::Three),
            ("n", Score::NotApplicable),
            ("N", Score::NotApplicable),
            ("na", Score::NotApplicable),
            ("n/a", Score::NotApplicable),
            ("N/A", Score::NotApplicable),
        ] {
            assert_eq!(parse(text, None), Ok(Answer::Score(score)), "{text:?}");
        }
    }

    #[test]
    fn moves_and_help() {
        assert_eq!(parse("b", None), Ok(Answer::Back));
        assert_eq!(parse("S", None), Ok(Answer::Skip));
        assert_eq!(parse("q", Some(Score::One)), Ok(Answer::Quit));
        assert_eq!(parse("?", None), Ok(Answer::Help));
    }

    #[test]
    fn enter_alone_keeps_the_offered_score_or_is_refused() {
        assert_eq!(parse("", Some(Score::Two)), Ok(Answer::Keep(Score::Two)));
        assert_eq!(
            parse("  ", Some(Score::NotApplicable)),
            Ok(Answer::Keep(Score::NotApplicable))
        );
        let reason = parse("", None).unwrap_err();
        assert!(reason.contains("0–3 or n/a"), "{reason}");
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert_eq!(
            parse("4", None).unwrap_err(),
            "4 is not on the scale: scores are 0, 1, 2, 3 or n/a"
        );
        assert!(parse("-1", None).unwrap_err().contains("not on the scale"));
        assert!(parse("2.5", None).unwrap_err().contains("not on the scale"));
        for text in ["high", "x", "bb", "quit", "n/a/", "nan"] {
            let reason = parse(text, Some(Score::One)).unwrap_err();
            assert!(reason.contains("is not an answer"), "{text:?}: {reason}");
        }
    }

    #[test]
    fn g_goes_to_a_ksb_by_id_or_number() {
        assert_eq!(parse("g S1", None), Ok(Answer::Go(2)));
        assert_eq!(parse("G s1", None), Ok(Answer::Go(2)));
        assert_eq!(parse("gb1", None), Ok(Answer::Go(3)));
        assert_eq!(parse("g 1", Some(Score::One)), Ok(Answer::Go(0)));
        assert_eq!(parse(" g  4 ", None), Ok(Answer::Go(3)));
        let reason = parse("g", None).unwrap_err();
        assert!(reason.contains("g K8 or g 8"), "{reason}");
        for text in ["g 5", "g 0", "g K9", "gk9", "g nothing"] {
            let reason = parse(text, None).unwrap_err();
            assert!(reason.contains("there is no KSB"), "{text:?}: {reason}");
            assert!(reason.contains("from 1 to 4"), "{text:?}: {reason}");
        }
        let reason = parse("good", None).unwrap_err();
        assert!(reason.contains("'good' is not an answer"), "{reason}");
    }

    #[test]
    fn a_plain_choice_is_a_number_or_enter_for_the_first() {
        assert_eq!(parse_choice("", 3), Ok(0));
        assert_eq!(parse_choice(" 2 ", 3), Ok(1));
        assert_eq!(parse_choice("3", 3), Ok(2));
        for text in ["0", "4", "two", "-1"] {
            let reason = parse_choice(text, 3).unwrap_err();
            assert!(reason.contains("from 1 to 3"), "{text:?}: {reason}");
        }
    }

    #[test]
    fn q_b_and_question_mark_alone_are_keys_at_the_note() {
        assert_eq!(parse_note("q"), NoteAnswer::Quit);
        assert_eq!(parse_note(" Q "), NoteAnswer::Quit);
        assert_eq!(parse_note("b"), NoteAnswer::Back);
        assert_eq!(parse_note("?"), NoteAnswer::Help);
        for note in [
            "",
            "quit early",
            "b-tree index",
            "q?",
            "Ran the Swift rebalance",
        ] {
            assert_eq!(parse_note(note), NoteAnswer::Note, "{note:?}");
        }
    }
}
