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
}

/// The keys a participant can type, as the screens and the help list them.
pub const KEYS: &[(&str, &str)] = &[
    ("0 1 2 3", "score the KSB and go on"),
    ("n, na, n/a", "not relevant to your current role"),
    ("Enter", "keep the score shown in [brackets]"),
    ("b", "back one KSB"),
    ("s", "skip it for now (left unscored)"),
    ("q", "save and quit; the same command goes on from there"),
    ("?", "show the key and these keys again"),
];

/// Reads what was typed at a KSB's prompt. `offered` is the score Enter alone takes (the one
/// the sheet already has, or one suggested); without it Enter alone is refused.
/// The error is the short reason shown at the prompt before the KSB is asked again.
pub fn parse(text: &str, offered: Option<Score>) -> Result<Answer, String> {
    let typed = text.trim().to_ascii_lowercase();
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
                "'{}' is not an answer: type 0–3 or n/a, or b, s, q, ?",
                text.trim()
            )),
        },
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
}
