//! The text of the interactive screens, apart from the terminal so it can be tested.

use std::path::Path;

use ksb::render::{table, Style};
use ksb::report;
use ksb::{Grouping, Ksb, Score, Sheet, Standard, Summary};

use super::answer::KEYS;

/// What a KSB screen needs besides the standard: the participant's own role focus (marked on
/// screen), lines to add (such as the mentee's score in a mentor review) and the width to fit.
pub struct Frame<'a> {
    /// The participant's preferred role focus.
    pub own_role_focus: &'a str,
    /// Lines shown under the KSB's description.
    pub extra: &'a [String],
    /// Columns of the terminal.
    pub width: usize,
}

/// The screen of one KSB: where the participant is, then what the KSB asks.
pub fn ksb(standard: &Standard, index: usize, frame: &Frame) -> String {
    let ksb: &Ksb = &standard.ksbs[index];
    let own = if ksb.role_focus == frame.own_role_focus {
        "  (your role focus)"
    } else {
        ""
    };
    let mut out = format!(
        "\n{} · {}/{} · {}\n{}\n{}\nStack area: {}\nRole focus: {}{own}\n",
        ksb.id,
        index + 1,
        standard.ksbs.len(),
        ksb.category.heading(),
        ksb.title,
        wrap(&ksb.description, frame.width),
        ksb.stack_area,
        ksb.role_focus,
    );
    for line in frame.extra {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Breaks text into lines of at most `width` characters at spaces (a longer word stays whole).
pub fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// The prompt of a KSB, showing in brackets the score Enter alone takes.
pub fn score_prompt(offered: Option<Score>) -> String {
    match offered {
        Some(score) => format!("Score (0-3, n/a; ? for help) [{score}]"),
        None => "Score (0-3, n/a; ? for help)".to_string(),
    }
}

/// The scoring key and the keys: shown once at the start and again on `?`.
pub fn help(standard: &Standard) -> String {
    let mut out = format!("\n{}\nKeys:\n", table::key(standard));
    let width = KEYS.iter().map(|(keys, _)| keys.len()).max().unwrap_or(0);
    for (keys, meaning) in KEYS {
        out.push_str(&format!("  {keys:width$}  {meaning}\n"));
    }
    out
}

/// Where the sheet is and how far it got: "PATH (N of 28 scored)".
pub fn progress(path: &Path, standard: &Standard, sheet: &Sheet) -> String {
    let total = standard.ksbs.len();
    format!(
        "{} ({} of {total} scored)",
        path.display(),
        total - sheet.unscored_count(standard)
    )
}

/// What is said when the participant quits: where the sheet is, and the command (`again`) that
/// goes on from there.
pub fn quit(path: &Path, standard: &Standard, sheet: &Sheet, again: &str) -> String {
    format!(
        "Saved so far: {}. `{again}` goes on from here.\n",
        progress(path, standard, sheet)
    )
}

/// What follows the last KSB: the summary tables, where the sheet is, and how many KSBs were
/// skipped, with the command (`again`) that asks them again.
pub fn finished(
    path: &Path,
    standard: &Standard,
    sheet: &Sheet,
    style: Style,
    again: &str,
) -> String {
    let summary = Summary::of_sheet(standard, sheet);
    let mut out = String::from("\n");
    let tables = report::summary::tables(standard, &summary, &Grouping::ALL, "By");
    out.push_str(&table::report(&tables, style));
    out.push_str(&format!("\nSaved: {}\n", progress(path, standard, sheet)));
    let left = sheet.unscored_count(standard);
    if left > 0 {
        out.push_str(&format!(
            "{left} left unscored: `{again}` asks them again.\n"
        ));
    }
    out
}

/// The line that opens a walk: how much is left and where it starts.
pub fn start(standard: &Standard, sheet: &Sheet, first: Option<usize>, all: bool) -> String {
    let total = standard.ksbs.len();
    let left = sheet.unscored_count(standard);
    match first {
        None => format!("All {total} KSBs are scored; `--all` goes through them again.\n"),
        Some(_) if all => format!(
            "Going through all {total} KSBs ({left} unscored); Enter keeps a score shown in [brackets].\n"
        ),
        Some(index) if left < total => format!(
            "{left} of {total} KSBs left to score, starting at {}.\n",
            standard.ksbs[index].id
        ),
        Some(_) => format!("{total} KSBs to score.\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ksb::Participant;

    fn standard() -> Standard {
        Standard::builtin()
    }

    fn sheet(standard: &Standard) -> Sheet {
        Sheet::new(
            standard,
            Participant {
                username: "Tester".to_string(),
                role_focus: "Infrastructure Specialist".to_string(),
                mentoring_type: "Mentee".to_string(),
                assessment_type: "Self-assessment".to_string(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                reviewer: None,
            },
        )
    }

    #[test]
    fn a_ksb_screen_says_where_the_participant_is() {
        let standard = standard();
        let index = standard
            .ksbs
            .iter()
            .position(|k| k.id.as_str() == "K6")
            .unwrap();
        let ksb = &standard.ksbs[index];
        let extra = ["Mentee's score: 2".to_string()];
        let frame = Frame {
            own_role_focus: &ksb.role_focus,
            extra: &extra,
            width: 80,
        };
        let text = self::ksb(&standard, index, &frame);
        assert!(text.contains("K6 · 6/28 · Knowledge\n"), "{text}");
        assert!(text.contains(&ksb.title), "{text}");
        assert!(text.contains(&format!("Stack area: {}\n", ksb.stack_area)));
        assert!(text.contains("(your role focus)"), "{text}");
        assert!(text.ends_with("Mentee's score: 2\n"), "{text}");
        let frame = Frame {
            own_role_focus: "Nobody's",
            extra: &[],
            width: 80,
        };
        let other = self::ksb(&standard, index, &frame);
        assert!(!other.contains("your role focus"), "{other}");
    }

    #[test]
    fn descriptions_are_wrapped_at_spaces() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("unbreakable word", 4), "unbreakable\nword");
        assert_eq!(wrap("  spaced   out ", 80), "spaced out");
    }

    #[test]
    fn the_prompt_shows_what_enter_keeps() {
        assert_eq!(
            score_prompt(Some(Score::NotApplicable)),
            "Score (0-3, n/a; ? for help) [N/A]"
        );
        assert!(!score_prompt(None).contains('['));
    }

    #[test]
    fn help_lists_the_key_and_every_key() {
        let text = help(&standard());
        assert!(text.contains("3 – Can teach or lead others"), "{text}");
        for (keys, _) in KEYS {
            assert!(text.contains(keys), "{keys}");
        }
    }

    #[test]
    fn the_start_line_says_how_many_are_left() {
        let standard = standard();
        let mut sheet = sheet(&standard);
        assert_eq!(
            start(&standard, &sheet, Some(0), false),
            "28 KSBs to score.\n"
        );
        for ksb in &standard.ksbs[..3] {
            sheet.set_score(ksb.id.clone(), Some(Score::One));
        }
        assert_eq!(
            start(&standard, &sheet, Some(3), false),
            "25 of 28 KSBs left to score, starting at K4.\n"
        );
        assert_eq!(
            progress(Path::new("me.toml"), &standard, &sheet),
            "me.toml (3 of 28 scored)"
        );
    }
}
