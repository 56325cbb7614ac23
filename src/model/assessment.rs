//! The programme's three kinds of assessment, as a standard names them, and the short names a
//! person types for them on the command line.

use crate::model::standard::Standard;

/// The assessment type of a participant's own scoring.
pub const SELF_ASSESSMENT: &str = "Self-assessment";
/// The assessment type of a mentor's scoring of a self-assessment.
pub const MENTOR_REVIEW: &str = "Mentor review";
/// The assessment type of the closing assessment.
pub const FINAL_CHECK: &str = "Final check";

/// The short names `--type` takes, each with the assessment type it stands for.
pub const SHORT_NAMES: [(&str, &str); 3] = [
    ("self", SELF_ASSESSMENT),
    ("mentor", MENTOR_REVIEW),
    ("final", FINAL_CHECK),
];

/// The assessment type `text` names, in the standard's spelling: one of the standard's types
/// in any case, or a short name (`self`, `mentor`, `final`) of one it has.
pub fn named<'a>(standard: &'a Standard, text: &str) -> Option<&'a str> {
    let text = text.trim();
    standard.assessment_type(text).or_else(|| {
        SHORT_NAMES
            .iter()
            .find(|(short, _)| short.eq_ignore_ascii_case(text))
            .and_then(|(_, full)| standard.assessment_type(full))
    })
}

/// Every name [`named`] takes for `standard`, as an error lists them: the short names of the
/// types it has, then its types as it spells them.
pub fn names(standard: &Standard) -> Vec<&str> {
    SHORT_NAMES
        .iter()
        .filter(|(_, full)| standard.assessment_type(full).is_some())
        .map(|(short, _)| *short)
        .chain(standard.assessment_types.iter().map(String::as_str))
        .collect()
}

/// The short name of `assessment_type` (`self` for Self-assessment), or the type itself when
/// it has none: what a narrow column heading calls it.
pub fn short_name(assessment_type: &str) -> &str {
    SHORT_NAMES
        .iter()
        .find(|(_, full)| full.eq_ignore_ascii_case(assessment_type))
        .map_or(assessment_type, |(short, _)| short)
}

/// Where an assessment type comes in the programme: its place in the standard's list, so that
/// of two sheets of one day a final check comes after a mentor review, which comes after a
/// self-assessment. A type the standard does not list comes first.
pub fn stage(standard: &Standard, assessment_type: &str) -> usize {
    standard
        .assessment_types
        .iter()
        .position(|kind| kind == assessment_type)
        .map_or(0, |position| position + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_full_names_in_any_case() {
        let standard = Standard::builtin();
        assert_eq!(named(&standard, "self"), Some(SELF_ASSESSMENT));
        assert_eq!(named(&standard, " MENTOR "), Some(MENTOR_REVIEW));
        assert_eq!(named(&standard, "final check"), Some(FINAL_CHECK));
        assert_eq!(named(&standard, "Self-Assessment"), Some(SELF_ASSESSMENT));
        assert_eq!(named(&standard, "peer"), None);
    }

    #[test]
    fn later_types_come_later_in_the_programme() {
        let standard = Standard::builtin();
        let stages: Vec<usize> = [SELF_ASSESSMENT, MENTOR_REVIEW, FINAL_CHECK]
            .iter()
            .map(|kind| stage(&standard, kind))
            .collect();
        assert!(stages[0] < stages[1] && stages[1] < stages[2], "{stages:?}");
        assert_eq!(stage(&standard, "Something else"), 0);
    }
}
