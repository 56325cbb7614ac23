//! The user's sheets in progress: what `ksb assess` without a SHEET offers to carry on with
//! before it asks anything about a new one.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ksb::render::width::columns;
use ksb::{store, Sheet, Standard};

/// A sheet in the sheets folder with KSBs still to score.
pub struct Unfinished {
    /// Where the sheet is.
    pub path: PathBuf,
    /// The sheet as read.
    pub sheet: Sheet,
}

/// What is known of the sheet wanted, each field only when a flag or a default gave it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wanted<'a> {
    /// The participant's username (any case).
    pub username: Option<&'a str>,
    /// The assessment type, in the standard's spelling.
    pub assessment_type: Option<&'a str>,
    /// The date of the assessment.
    pub date: Option<NaiveDate>,
}

impl Wanted<'_> {
    /// Whether `sheet` is one the user may want to carry on with: of this standard, neither
    /// locked nor a mentor review (`ksb review` goes on with those), with KSBs left to score, and
    /// matching every field that is known.
    fn accepts(&self, standard: &Standard, sheet: &Sheet) -> bool {
        let p = &sheet.participant;
        !sheet.locked
            && sheet.reviews.is_none()
            && sheet.unscored_count(standard) > 0
            && self
                .username
                .is_none_or(|name| name.to_lowercase() == p.username.to_lowercase())
            && self
                .assessment_type
                .is_none_or(|kind| kind == p.assessment_type)
            && self.date.is_none_or(|date| date == p.date)
    }
}

/// The unfinished sheets among the `*.toml` files directly in `folder`, latest date first. A
/// file that is not a readable sheet of the standard in use is passed over in silence: the
/// folder may hold other files, and only the sheet chosen is opened (with its warnings).
pub fn find(folder: &Path, standard: &Standard, wanted: Wanted) -> Vec<Unfinished> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<Unfinished> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && path.is_file())
        .filter_map(|path| {
            let (text, _) = store::read_text(&path).ok()?;
            let sheet = Sheet::from_toml(&text, standard).ok()?;
            wanted
                .accepts(standard, &sheet)
                .then_some(Unfinished { path, sheet })
        })
        .collect();
    found.sort_by(|a, b| {
        b.sheet
            .participant
            .date
            .cmp(&a.sheet.participant.date)
            .then_with(|| a.path.cmp(&b.path))
    });
    found
}

/// How an unfinished sheet is named in the list to choose from, at most `width` columns:
/// `Self-assessment of 01/12/2026, 6 of 28 scored · alice-….toml`.
pub fn label(
    standard: &Standard,
    unfinished: &Unfinished,
    with_username: bool,
    width: usize,
) -> String {
    let p = &unfinished.sheet.participant;
    let total = standard.ksbs.len();
    let who = if with_username {
        format!("{}'s ", p.username)
    } else {
        String::new()
    };
    let file = unfinished
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = format!(
        "{who}{} of {}, {} of {total} scored · {file}",
        p.assessment_type,
        p.date_dmy(),
        total - unfinished.sheet.unscored_count(standard)
    );
    shorten(&text, width)
}

/// `text` cut to `width` columns, ending in `…` when cut.
fn shorten(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = columns("…");
    for c in text.chars() {
        used += columns(c.encode_utf8(&mut [0; 4]));
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ksb::{Participant, Score};

    fn sheet(standard: &Standard, username: &str, kind: &str, day: u32) -> Sheet {
        Sheet::new(
            standard,
            Participant {
                username: username.to_string(),
                role_focus: "Generalist".to_string(),
                mentoring_type: "Mentee".to_string(),
                assessment_type: kind.to_string(),
                date: NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
                reviewer: None,
            },
        )
    }

    fn write(dir: &Path, name: &str, standard: &Standard, sheet: &Sheet) {
        fs::write(dir.join(name), sheet.to_toml(standard)).unwrap();
    }

    #[test]
    fn finds_the_users_unfinished_sheets_latest_first() {
        let standard = Standard::builtin();
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        write(
            dir,
            "a.toml",
            &standard,
            &sheet(&standard, "Alice", "Self-assessment", 1),
        );
        write(
            dir,
            "b.toml",
            &standard,
            &sheet(&standard, "alice", "Final check", 5),
        );
        write(
            dir,
            "bob.toml",
            &standard,
            &sheet(&standard, "Bob", "Self-assessment", 9),
        );
        let mut done = sheet(&standard, "Alice", "Self-assessment", 7);
        for ksb in &standard.ksbs {
            done.set_score(ksb.id.clone(), Some(Score::Two));
        }
        write(dir, "done.toml", &standard, &done);
        let mut locked = sheet(&standard, "Alice", "Self-assessment", 8);
        locked.locked = true;
        write(dir, "locked.toml", &standard, &locked);
        let mut review = sheet(&standard, "Alice", "Mentor review", 8);
        review.reviews = Some("a.toml".to_string());
        write(dir, "review.toml", &standard, &review);
        fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        fs::write(dir.join("notes.txt"), "not a sheet").unwrap();

        let names = |wanted: Wanted| -> Vec<String> {
            find(dir, &standard, wanted)
                .iter()
                .map(|u| u.path.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        let alice = Wanted {
            username: Some("ALICE"),
            ..Wanted::default()
        };
        assert_eq!(names(alice), ["b.toml", "a.toml"]);
        assert_eq!(names(Wanted::default()), ["bob.toml", "b.toml", "a.toml"]);
        let self_assessment = Wanted {
            assessment_type: Some("Self-assessment"),
            ..alice
        };
        assert_eq!(names(self_assessment), ["a.toml"]);
        let other_day = Wanted {
            date: NaiveDate::from_ymd_opt(2026, 12, 2),
            ..alice
        };
        assert!(names(other_day).is_empty());
        assert!(find(&dir.join("missing"), &standard, alice).is_empty());
    }

    #[test]
    fn a_shortened_label_fits_in_columns_not_characters() {
        assert_eq!(shorten("漢字漢字漢字", 6), "漢字…");
        assert_eq!(
            shorten("e\u{301}e\u{301}e\u{301}", 3),
            "e\u{301}e\u{301}e\u{301}"
        );
        assert_eq!(shorten("abcdef", 4), "abc…");
    }

    #[test]
    fn a_label_says_what_the_sheet_is_and_fits_the_width() {
        let standard = Standard::builtin();
        let mut sheet = sheet(&standard, "Alice", "Self-assessment", 1);
        sheet.set_score("K1".parse().unwrap(), Some(Score::One));
        let unfinished = Unfinished {
            path: PathBuf::from("s/alice.toml"),
            sheet,
        };
        assert_eq!(
            label(&standard, &unfinished, false, 100),
            "Self-assessment of 01/12/2026, 1 of 28 scored · alice.toml"
        );
        assert_eq!(
            label(&standard, &unfinished, true, 100),
            "Alice's Self-assessment of 01/12/2026, 1 of 28 scored · alice.toml"
        );
        let short = label(&standard, &unfinished, false, 30);
        assert_eq!(short.chars().count(), 30);
        assert!(short.ends_with('…'), "{short}");
    }
}
