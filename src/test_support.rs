//! Sheets for the unit tests, built the way `ksb score` builds them.

use chrono::NaiveDate;

use crate::model::score::Score;
use crate::model::sheet::{Participant, Sheet};
use crate::model::standard::Standard;

/// A sheet of `standard` for the participant "Tester" with `role_focus`, a Mentee's
/// self-assessment of 25/11/2026, with `scores` set (ids as typed, such as "K1").
pub(crate) fn sheet(standard: &Standard, role_focus: &str, scores: &[(&str, Score)]) -> Sheet {
    let participant = Participant {
        username: "Tester".into(),
        role_focus: role_focus.into(),
        mentoring_type: "Mentee".into(),
        assessment_type: "Self-assessment".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 25).expect("a real date"),
        reviewer: None,
    };
    let mut sheet = Sheet::new(standard, participant);
    for (id, score) in scores {
        sheet.set_score(id.parse().expect("a KSB id"), Some(*score));
    }
    sheet
}
