//! Reading sheets back from a workspace and checking them KSB by KSB.

use ksb::{Score, Sheet, Standard};

use super::Workspace;

/// The built-in standard.
pub fn standard() -> Standard {
    Standard::builtin()
}

/// The 28 ids of the built-in standard, in order.
pub fn ids() -> Vec<String> {
    standard().ksbs.iter().map(|k| k.id.to_string()).collect()
}

/// Every id of the built-in standard with no score yet: what a test fills in as it types.
pub fn unscored() -> Vec<(String, Option<Score>)> {
    ids().into_iter().map(|id| (id, None)).collect()
}

/// Reads and checks a sheet of the workspace.
pub fn load(ws: &Workspace, name: &str) -> Sheet {
    Sheet::from_toml(&ws.read(name), &standard()).expect("a valid sheet")
}

/// Checks every KSB of the sheet against `expected` (id, score), value by value.
pub fn assert_scores(sheet: &Sheet, expected: &[(String, Option<Score>)]) {
    assert_eq!(expected.len(), 28);
    for (id, score) in expected {
        assert_eq!(sheet.score(&id.parse().unwrap()), *score, "score of {id}");
    }
}

/// A score for the KSB at `position`, varied so that every score is used, as typed at a prompt.
pub fn varied_score(position: usize) -> (&'static str, Score) {
    [
        ("3", Score::Three),
        ("2", Score::Two),
        ("1", Score::One),
        ("0", Score::Zero),
        ("na", Score::NotApplicable),
    ][position % 5]
}
