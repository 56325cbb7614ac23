//! A score on one KSB: the programme's 0–3 scale or "not applicable".

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The top of the programme's scale: means, bars and charts run from 0 to this.
pub const MAX_POINTS: u8 = 3;

/// How well a participant does on one KSB, on the programme's scale.
///
/// An unscored KSB is not a `Score`: it is the absence of one (`Option<Score>`), so a
/// sheet can tell "not asked yet" from "not relevant to my role".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Score {
    /// 0: no understanding or experience.
    Zero,
    /// 1: basic familiarity or supervised participation.
    One,
    /// 2: confident performing independently.
    Two,
    /// 3: can teach or lead others in this area.
    Three,
    /// N/A: not relevant to the participant's current role; left out of every mean.
    NotApplicable,
}

impl Score {
    /// Every score, in the order the scoring key lists them.
    pub const ALL: [Score; 5] = [
        Score::Zero,
        Score::One,
        Score::Two,
        Score::Three,
        Score::NotApplicable,
    ];

    /// The numeric value that means are made of, or `None` for N/A.
    pub fn points(self) -> Option<u8> {
        match self {
            Score::Zero => Some(0),
            Score::One => Some(1),
            Score::Two => Some(2),
            Score::Three => Some(3),
            Score::NotApplicable => None,
        }
    }

    /// The score worth `points`, if it is on the 0–3 scale.
    pub fn from_points(points: i64) -> Option<Score> {
        match points {
            0 => Some(Score::Zero),
            1 => Some(Score::One),
            2 => Some(Score::Two),
            3 => Some(Score::Three),
            _ => None,
        }
    }
}

/// Why a piece of text is not a score.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid score '{0}': expected 0–3 or n/a")]
pub struct InvalidScore(pub String);

impl FromStr for Score {
    type Err = InvalidScore;

    /// Accepts what a person types anywhere a score is asked for: `0`–`3`, `na`, `n/a`
    /// or `N/A`, with surrounding spaces and in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "0" => Ok(Score::Zero),
            "1" => Ok(Score::One),
            "2" => Ok(Score::Two),
            "3" => Ok(Score::Three),
            "na" | "n/a" => Ok(Score::NotApplicable),
            _ => Err(InvalidScore(text.to_string())),
        }
    }
}

impl fmt::Display for Score {
    /// The score as the programme's sheet writes it: `0`–`3` or `N/A`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.points() {
            Some(points) => write!(f, "{points}"),
            None => f.write_str("N/A"),
        }
    }
}

impl Serialize for Score {
    /// An integer 0–3, or the string `"n/a"`, as a sheet stores it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.points() {
            Some(points) => serializer.serialize_u8(points),
            None => serializer.serialize_str("n/a"),
        }
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScoreVisitor)
    }
}

struct ScoreVisitor;

impl Visitor<'_> for ScoreVisitor {
    type Value = Score;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a score: 0–3 or n/a")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Score, E> {
        Score::from_points(value).ok_or_else(|| E::custom(InvalidScore(value.to_string())))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Score, E> {
        i64::try_from(value)
            .ok()
            .and_then(Score::from_points)
            .ok_or_else(|| E::custom(InvalidScore(value.to_string())))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Score, E> {
        Err(E::custom(InvalidScore(value.to_string())))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Score, E> {
        value.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling_a_person_types() {
        for (text, score) in [
            ("0", Score::Zero),
            ("1", Score::One),
            (" 2 ", Score::Two),
            ("3", Score::Three),
            ("na", Score::NotApplicable),
            ("n/a", Score::NotApplicable),
            ("N/A", Score::NotApplicable),
            ("NA", Score::NotApplicable),
        ] {
            assert_eq!(text.parse::<Score>(), Ok(score), "{text:?}");
        }
    }

    #[test]
    fn refuses_what_is_off_the_scale() {
        for text in ["4", "-1", "2.5", "high", "", "n", "03 3"] {
            let err = text.parse::<Score>().unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("invalid score '{text}': expected 0–3 or n/a")
            );
        }
    }

    #[test]
    fn displays_as_the_programme_writes_it() {
        let shown: Vec<String> = Score::ALL.iter().map(Score::to_string).collect();
        assert_eq!(shown, ["0", "1", "2", "3", "N/A"]);
    }

    #[test]
    fn only_numeric_scores_have_points() {
        assert_eq!(Score::Three.points(), Some(3));
        assert_eq!(Score::NotApplicable.points(), None);
        assert_eq!(Score::from_points(4), None);
        assert_eq!(Score::from_points(-1), None);
    }

    #[test]
    fn round_trips_through_json() {
        for score in Score::ALL {
            let text = serde_json::to_string(&score).unwrap();
            assert_eq!(serde_json::from_str::<Score>(&text).unwrap(), score);
        }
        assert_eq!(
            serde_json::to_string(&Score::NotApplicable).unwrap(),
            "\"n/a\""
        );
        assert!(serde_json::from_str::<Score>("4").is_err());
        assert!(serde_json::from_str::<Score>("2.5").is_err());
    }
}
