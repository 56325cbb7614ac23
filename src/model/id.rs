//! KSB identifiers, validated once where they enter the program.

use std::fmt;
use std::str::FromStr;

/// The identifier of one KSB in a standard, such as `K1`, `S9` or `B8`.
///
/// Ids are case-insensitive on input and kept in upper case, so `k2` typed at a prompt
/// and `K2` in a standard are the same KSB.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct KsbId(String);

/// Longest id accepted; ids are short labels, not text.
const MAX_ID_LEN: usize = 32;

/// Why a piece of text is not a KSB id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid KSB id '{0}': expected letters, digits, '-', '_' or '.', such as K1")]
pub struct InvalidId(pub String);

impl KsbId {
    /// An id of the built-in standard, as build.rs wrote it (upper case): the unit test that
    /// compares the built-in standard with its parsed YAML checks every one.
    pub(crate) fn trusted(id: &str) -> KsbId {
        KsbId(id.to_string())
    }

    /// The id as text, in upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for KsbId {
    type Err = InvalidId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let valid = !trimmed.is_empty()
            && trimmed.len() <= MAX_ID_LEN
            && trimmed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if valid {
            Ok(KsbId(trimmed.to_ascii_uppercase()))
        } else {
            Err(InvalidId(text.to_string()))
        }
    }
}

impl fmt::Display for KsbId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_case_insensitive() {
        assert_eq!("k2".parse::<KsbId>().unwrap(), "K2".parse().unwrap());
        assert_eq!(" b8 ".parse::<KsbId>().unwrap().as_str(), "B8");
    }

    #[test]
    fn refuses_text_that_is_no_id() {
        for text in ["", "K 1", "K1=2", "ключ", &"K".repeat(33)] {
            assert!(text.parse::<KsbId>().is_err(), "{text:?}");
        }
    }
}
