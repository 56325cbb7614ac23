//! Another system's rating scale mapped onto ksb's 0–3 and N/A.
//!
//! ksb keeps its own scale: every standard scores 0, 1, 2, 3 or N/A. A framework's scale is a
//! list of levels, lowest first. Levels named like "not applicable" or "N/A" become N/A; the
//! others, two to four of them, are spread over 0–3 so that the lowest is 0 and the highest 3:
//! level `i` of `n` is score `round(3·i / (n − 1))` (two levels: 0 and 3; three: 0, 2, 3; four:
//! 0–3 as they are). A scale of one level, or more than four, cannot be mapped without
//! inventing or merging levels, and is refused, naming it.

use crate::model::score::Score;
use crate::model::standard::KeyEntry;

/// A scale mapped onto 0–3: the scoring key it gives and a line saying how each level landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// Score 0, 1, 2, 3 and N/A, each with its meaning.
    pub key: Vec<KeyEntry>,
    /// `Moodle scale 'A,B' (2 levels) mapped onto 0–3: A → 0, B → 3; …`.
    pub note: String,
}

/// Whether a level's name means "not applicable".
fn is_not_applicable(level: &str) -> bool {
    let name: String = level
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    matches!(name.as_str(), "na" | "notapplicable" | "notrelevant")
}

/// Maps `levels` (lowest first) onto 0–3 and N/A; `what` names the scale in the note and the
/// error (`Moodle scale 'Not yet competent,Competent'`).
pub fn map(levels: &[String], what: &str) -> Result<Mapped, String> {
    let (not_applicable, graded): (Vec<&String>, Vec<&String>) =
        levels.iter().partition(|level| is_not_applicable(level));
    let n = graded.len();
    if !(2..=4).contains(&n) {
        return Err(format!(
            "{what} has {n} level{} besides N/A; ksb scores 0–3 and maps a scale of 2 to 4 levels: \
             shorten the scale, or write the standard's YAML by hand",
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut meanings: [Vec<&str>; 4] = Default::default();
    let mut landed = Vec::new();
    for (i, level) in graded.iter().enumerate() {
        let score = (3 * i + (n - 1) / 2) / (n - 1);
        meanings[score].push(level.trim());
        landed.push(format!("{} → {score}", level.trim()));
    }
    let mut key = Vec::new();
    for (score, words) in meanings.iter().enumerate() {
        let meaning = if words.is_empty() {
            let below = meanings[..score].iter().rev().find_map(|w| w.last());
            let above = meanings[score + 1..].iter().find_map(|w| w.first());
            format!(
                "Between '{}' and '{}' (no level of its own on the framework's scale)",
                below.unwrap_or(&""),
                above.unwrap_or(&"")
            )
        } else {
            words.join(" / ")
        };
        key.push(KeyEntry {
            score: Score::ALL[score],
            meaning,
            short: None,
        });
    }
    let na = match not_applicable.first() {
        Some(level) => {
            landed.push(format!("{} → N/A", level.trim()));
            level.trim().to_string()
        }
        None => "Not applicable".to_string(),
    };
    key.push(KeyEntry {
        score: Score::NotApplicable,
        meaning: na,
        short: None,
    });
    Ok(Mapped {
        key,
        note: format!(
            "{what} ({n} levels) mapped onto ksb's 0–3: {}",
            landed.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_levels_are_the_ends_of_the_scale() {
        let mapped = map(&levels(&["Not yet competent", "Competent"]), "scale 'x'").unwrap();
        let meanings: Vec<&str> = mapped.key.iter().map(|e| e.meaning.as_str()).collect();
        assert_eq!(meanings[0], "Not yet competent");
        assert_eq!(meanings[3], "Competent");
        assert!(meanings[1].starts_with("Between 'Not yet competent' and 'Competent'"));
        assert_eq!(meanings[4], "Not applicable");
        assert!(mapped.note.contains("Not yet competent → 0, Competent → 3"));
    }

    #[test]
    fn three_and_four_levels() {
        let three = map(&levels(&["a", "b", "c"]), "s").unwrap();
        assert_eq!(three.key[2].meaning, "b");
        let four = map(&levels(&["a", "b", "c", "N/A", "d"]), "s").unwrap();
        let meanings: Vec<&str> = four.key.iter().map(|e| e.meaning.as_str()).collect();
        assert_eq!(meanings, ["a", "b", "c", "d", "N/A"]);
    }

    #[test]
    fn scales_that_cannot_be_mapped_are_refused_by_name() {
        for names in [&["only"][..], &["1", "2", "3", "4", "5"]] {
            let err = map(&levels(names), "Moodle scale 'q'").unwrap_err();
            assert!(err.starts_with("Moodle scale 'q' has"), "{err}");
        }
    }
}
