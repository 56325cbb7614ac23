//! The text of the interactive screens, apart from the terminal so it can be tested.

use std::path::Path;

use ksb::render::width::columns;
use ksb::render::{table, Style};
use ksb::report;
use ksb::{Grouping, Ksb, Score, Sheet, Standard, Summary};

use super::answer::{parse_note, Answer, NoteAnswer, EDIT_KEYS, KEYS, NOTE_KEYS};
use super::wrap::{hanging, wrap, wrap_prose};

/// What a KSB screen needs besides the standard: the participant's role focus (marked on
/// screen), lines to add (such as the mentee's score in a mentor review) and the width to fit.
pub struct Frame<'a> {
    /// The participant's preferred role focus.
    pub own_role_focus: &'a str,
    /// How a KSB of that role focus is marked: `your role focus`, `the mentee's role focus`.
    pub focus_mark: &'a str,
    /// Lines shown under the KSB's description.
    pub extra: &'a [String],
    /// Columns of the terminal.
    pub width: usize,
}

/// The screen of one KSB: where the participant is, what the KSB asks, and the scoring key on
/// one line; every line wrapped at spaces to the terminal's width.
pub fn ksb(standard: &Standard, index: usize, frame: &Frame) -> String {
    let ksb: &Ksb = &standard.ksbs[index];
    let own = if ksb.role_focus == frame.own_role_focus {
        format!(" ({})", frame.focus_mark)
    } else {
        String::new()
    };
    let mut lines = vec![
        format!(
            "{} · {}/{} · {}",
            ksb.id,
            index + 1,
            standard.ksbs.len(),
            ksb.category.heading()
        ),
        ksb.title.clone(),
        ksb.description.clone(),
        format!("Stack area: {}", ksb.stack_area),
        format!("Role focus: {}{own}", ksb.role_focus),
    ];
    lines.extend(frame.extra.iter().cloned());
    let mut out = String::from("\n");
    for line in lines {
        out.push_str(&wrap(&line, frame.width));
        out.push('\n');
    }
    out.push_str(&key_line(standard, frame.width));
    out
}

/// The scoring key in brief, on one line when it fits (`0 none · 1 basic · … · n/a`), else
/// broken between entries: each score with its short meaning, or its whole meaning when the
/// standard gives no short ones.
pub fn key_line(standard: &Standard, width: usize) -> String {
    let any_short = standard.scoring_key.iter().any(|e| e.short.is_some());
    let entries: Vec<String> = Score::ALL
        .iter()
        .filter_map(|&score| standard.scoring_key.iter().find(|e| e.score == score))
        .map(|entry| {
            let score = match entry.score {
                Score::NotApplicable => "n/a".to_string(),
                score => score.to_string(),
            };
            match (&entry.short, any_short) {
                (Some(short), _) => format!("{score} {short}"),
                (None, true) => score,
                (None, false) => format!("{score} {}", entry.meaning),
            }
        })
        .collect();
    let mut out = String::new();
    let mut line = String::new();
    for entry in entries {
        let joined = columns(&line) + columns(" · ") + columns(&entry);
        if line.is_empty() {
            line = entry;
        } else if joined <= width {
            line.push_str(" · ");
            line.push_str(&entry);
        } else {
            out.push_str(&wrap(&line, width));
            out.push('\n');
            line = entry;
        }
    }
    out.push_str(&wrap(&line, width));
    out.push('\n');
    out
}

/// The prompt of a KSB, showing in brackets the score Enter alone takes.
pub fn score_prompt(offered: Option<Score>) -> String {
    match offered {
        Some(score) => format!("Score (0-3, n/a; ? for help) [{score}]"),
        None => "Score (0-3, n/a; ? for help)".to_string(),
    }
}

/// What an answer at a KSB's prompt meant, as the answered line shows it in place of the keys
/// typed: `2 – independent`, `N/A – Not relevant to current role`, `skipped (left unscored)`.
pub fn meant(standard: &Standard, answer: Answer) -> String {
    let score = |score: Score| {
        let entry = standard.scoring_key.iter().find(|e| e.score == score);
        match entry.map(|e| e.short.as_deref().unwrap_or(&e.meaning)) {
            Some(meaning) if !meaning.is_empty() => format!("{score} – {meaning}"),
            _ => score.to_string(),
        }
    };
    match answer {
        Answer::Score(s) => score(s),
        Answer::Keep(s) => format!("{} (kept)", score(s)),
        Answer::Back => "back one KSB".to_string(),
        Answer::Skip => "skipped (left unscored)".to_string(),
        Answer::Quit => "save and quit".to_string(),
        Answer::Help => "the key and the keys".to_string(),
        Answer::Go(index) => match standard.ksbs.get(index) {
            Some(ksb) => format!("go to {}", ksb.id),
            None => "go to another KSB".to_string(),
        },
    }
}

/// What an answer at the note prompt meant: the note itself (trimmed), `none`, or the key's
/// meaning.
pub fn note_meant(typed: &str) -> String {
    match parse_note(typed) {
        NoteAnswer::Note if typed.trim().is_empty() => "none".to_string(),
        NoteAnswer::Note => typed.to_string(),
        NoteAnswer::Back => "back to this KSB's score".to_string(),
        NoteAnswer::Quit => "save and quit".to_string(),
        NoteAnswer::Help => "the keys".to_string(),
    }
}

/// The scoring key and the keys: shown once at the start and again on `?`, fitted to `width`.
pub fn help(standard: &Standard, width: usize) -> String {
    let mut out = String::from("\nKey:\n");
    for score in Score::ALL {
        if let Some(entry) = standard.scoring_key.iter().find(|e| e.score == score) {
            out.push_str(&hanging(
                &format!("  {} – ", entry.score),
                &entry.meaning,
                width,
            ));
        }
    }
    out.push_str(&format!(
        "\nKeys:\n{}Editing:\n{}",
        key_list(KEYS, width),
        key_list(EDIT_KEYS, width)
    ));
    out
}

/// The keys of the note prompt: shown on `?` there, fitted to `width`.
pub fn note_help(width: usize) -> String {
    format!(
        "Keys at the note:\n{}Editing:\n{}",
        key_list(NOTE_KEYS, width),
        key_list(EDIT_KEYS, width)
    )
}

/// Keys and what they do, one per line, the meanings lined up (and wrapped under themselves).
pub fn key_list(keys: &[(&str, &str)], width: usize) -> String {
    let keys_width = keys.iter().map(|(keys, _)| keys.len()).max().unwrap_or(0);
    keys.iter()
        .map(|(keys, meaning)| hanging(&format!("  {keys:keys_width$}  "), meaning, width))
        .collect()
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

/// What is said when an existing sheet is opened to go on with it: whose sheet, what it is,
/// where, and how far it got.
pub fn resuming(path: &Path, standard: &Standard, sheet: &Sheet) -> String {
    let p = &sheet.participant;
    let total = standard.ksbs.len();
    format!(
        "Resuming {}'s {} of {} in {}: {} of {total} scored\n",
        p.username,
        p.assessment_type,
        p.date_dmy(),
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

/// What is said after Ctrl-C: the same as after `q` (without `again`, where the sheet is),
/// fitted to `width`.
pub fn interrupted(
    path: &Path,
    standard: &Standard,
    sheet: &Sheet,
    again: Option<&str>,
    width: usize,
) -> String {
    let saved = match again {
        Some(again) => quit(path, standard, sheet, again),
        None => format!("Saved so far: {}\n", progress(path, standard, sheet)),
    };
    wrap_prose(&format!("Interrupted. {saved}"), width)
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
    let width = style.width.map_or(usize::MAX, usize::from);
    let mut out = String::from("\n");
    for line in table::report(
        &report::summary::tables(standard, &summary, &Grouping::ALL, "By"),
        style,
    )
    .lines()
    {
        // Tables fit the width already; a note under one is wrapped like any other text.
        if is_table_row(line) {
            out.push_str(line);
        } else {
            out.push_str(&wrap(line, width));
        }
        out.push('\n');
    }
    let mut tail = format!("\nSaved: {}\n", progress(path, standard, sheet));
    let left = sheet.unscored_count(standard);
    if left > 0 {
        tail.push_str(&format!(
            "{left} left unscored: `{again}` asks them again.\n"
        ));
    }
    out.push_str(&wrap_prose(&tail, width));
    out
}

/// Whether a line is a row or a rule of a table (ASCII or box-drawing borders).
fn is_table_row(line: &str) -> bool {
    line.starts_with(['+', '|']) || line.starts_with(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// Said once under the line that opens a walk, in place of the key in full.
pub const KEY_HINT: &str = "? at the prompt shows the scoring key in full and every key.\n";

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
            focus_mark: "your role focus",
            extra: &extra,
            width: 80,
        };
        let text = self::ksb(&standard, index, &frame);
        assert!(text.contains("K6 · 6/28 · Knowledge\n"), "{text}");
        assert!(text.contains(&ksb.title), "{text}");
        assert!(text.contains(&format!("Stack area: {}\n", ksb.stack_area)));
        assert!(text.contains("(your role focus)"), "{text}");
        assert!(
            text.ends_with(
                "Mentee's score: 2\n0 none · 1 basic · 2 independent · 3 can teach · n/a\n"
            ),
            "{text}"
        );
        let frame = Frame {
            own_role_focus: "Nobody's",
            focus_mark: "your role focus",
            extra: &[],
            width: 80,
        };
        let other = self::ksb(&standard, index, &frame);
        assert!(!other.contains("role focus)"), "{other}");
        let frame = Frame {
            own_role_focus: &ksb.role_focus,
            focus_mark: "the mentee's role focus",
            extra: &[],
            width: 80,
        };
        let review = self::ksb(&standard, index, &frame);
        assert!(
            review.contains("Specialist (the mentee's role focus)\n"),
            "{review}"
        );
        assert!(!review.contains("your"), "{review}");
    }

    #[test]
    fn every_line_of_a_ksb_screen_fits_a_narrow_terminal_without_breaking_words() {
        let standard = standard();
        let index = standard
            .ksbs
            .iter()
            .position(|k| k.title == "MediaWiki Architecture & Extension System")
            .unwrap();
        let extra = ["Mentee's note: ".to_string() + &"evidence ".repeat(10)];
        let frame = Frame {
            own_role_focus: "MediaWiki Specialist",
            focus_mark: "the mentee's role focus",
            extra: &extra,
            width: 40,
        };
        let text = self::ksb(&standard, index, &frame);
        assert!(
            text.contains("\nMediaWiki Architecture & Extension\nSystem\n"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
        assert!(
            text.ends_with("0 none · 1 basic · 2 independent\n3 can teach · n/a\n"),
            "{text}"
        );
    }

    #[test]
    fn the_key_line_uses_the_short_meanings_or_else_the_whole_ones() {
        let mut standard = standard();
        assert_eq!(
            key_line(&standard, 100),
            "0 none · 1 basic · 2 independent · 3 can teach · n/a\n"
        );
        assert_eq!(
            key_line(&standard, 20),
            "0 none · 1 basic\n2 independent\n3 can teach · n/a\n"
        );
        for entry in &mut standard.scoring_key {
            entry.short = None;
        }
        let whole = key_line(&standard, 200);
        assert!(
            whole.starts_with("0 No understanding or experience · 1 Basic familiarity"),
            "{whole}"
        );
        assert!(
            whole.ends_with(" · n/a Not relevant to current role\n"),
            "{whole}"
        );
    }

    #[test]
    fn resuming_says_whose_sheet_what_and_how_far() {
        let standard = standard();
        let mut sheet = sheet(&standard);
        for ksb in &standard.ksbs[..6] {
            sheet.set_score(ksb.id.clone(), Some(Score::Two));
        }
        assert_eq!(
            resuming(Path::new("me.toml"), &standard, &sheet),
            "Resuming Tester's Self-assessment of 25/11/2026 in me.toml: 6 of 28 scored\n"
        );
    }

    #[test]
    fn help_lists_the_note_keys_and_the_editing_keys() {
        let text = note_help(80);
        for (keys, _) in NOTE_KEYS.iter().chain(EDIT_KEYS) {
            assert!(text.contains(keys), "{keys}: {text}");
        }
        assert!(help(&standard(), 80).contains("Ctrl-W"));
        let narrow = help(&standard(), 40);
        assert!(narrow.lines().all(|l| l.chars().count() <= 40), "{narrow}");
        assert!(
            narrow.contains("  1 – Basic familiarity or supervised\n      participation\n"),
            "{narrow}"
        );
    }

    #[test]
    fn ctrl_c_says_what_q_says_fitted_to_the_width() {
        let standard = standard();
        let sheet = sheet(&standard);
        let path = Path::new("me.toml");
        assert_eq!(
            interrupted(path, &standard, &sheet, Some("ksb assess me.toml"), 100),
            "Interrupted. Saved so far: me.toml (0 of 28 scored). `ksb assess me.toml` goes on from here.\n"
        );
        assert_eq!(
            interrupted(path, &standard, &sheet, Some("ksb assess me.toml"), 40),
            "Interrupted. Saved so far: me.toml (0 of\n28 scored). `ksb assess me.toml` goes on\nfrom here.\n"
        );
        assert_eq!(
            interrupted(path, &standard, &sheet, None, 100),
            "Interrupted. Saved so far: me.toml (0 of 28 scored)\n"
        );
    }

    #[test]
    fn an_answer_is_echoed_as_what_it_meant_never_as_the_keys() {
        let standard = standard();
        assert_eq!(
            meant(&standard, Answer::Score(Score::Two)),
            "2 – independent"
        );
        assert_eq!(
            meant(&standard, Answer::Keep(Score::Three)),
            "3 – can teach (kept)"
        );
        assert_eq!(
            meant(&standard, Answer::Score(Score::NotApplicable)),
            "N/A – Not relevant to current role"
        );
        assert_eq!(meant(&standard, Answer::Back), "back one KSB");
        assert_eq!(meant(&standard, Answer::Skip), "skipped (left unscored)");
        assert_eq!(meant(&standard, Answer::Quit), "save and quit");
        assert_eq!(meant(&standard, Answer::Go(27)), "go to B8");
        assert_eq!(note_meant(" q "), "save and quit");
        assert_eq!(note_meant("b"), "back to this KSB's score");
        assert_eq!(note_meant(""), "none");
        assert_eq!(note_meant("Ran the rebalance"), "Ran the rebalance");
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
        let text = help(&standard(), 80);
        assert!(text.contains("3 – Can teach or lead others"), "{text}");
        for (keys, _) in KEYS {
            assert!(text.contains(keys), "{keys}");
        }
        assert!(text.contains("g K8, g 8"), "{text}");
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
