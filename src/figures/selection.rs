//! Which of a participant's sheets a cohort figure counts: a cohort counts people, not files,
//! so each participant (a username, compared as MediaWiki compares them) counts once, with
//! their most recent sheet, unless asked otherwise.
//!
//! Cohort figures are gathered from many sheets, one [`Gather::add`] per sheet, so what a figure
//! keeps per sheet (or per participant) is all the memory it needs.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::assessment;
use crate::model::date::format_dmy;
use crate::model::sheet::{Participant, Sheet};
use crate::model::standard::Standard;
use crate::model::username;

/// A sheet read for a cohort: where it was listed, whose it is and when it was done.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// The participant's username in MediaWiki's form ([`username::canonical`]).
    pub key: &'a str,
    /// Where the sheet stands among the participant's sheets.
    pub recency: Recency,
}

/// Where a sheet stands among one participant's sheets: a later date comes later; on one date
/// a later stage of the programme (a final check after a mentor review after a
/// self-assessment); on a full tie, the sheet listed later (files and folders are listed in
/// name order). The latest sheet is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Recency {
    /// The sheet's date.
    pub date: NaiveDate,
    /// The assessment type's stage ([`assessment::stage`]).
    pub stage: usize,
    /// The sheet's position in the list read.
    pub index: usize,
}

impl Recency {
    /// Where the sheet of `participant` listed at `index` stands.
    pub fn of(standard: &Standard, participant: &Participant, index: usize) -> Recency {
        Recency {
            date: participant.date,
            stage: assessment::stage(standard, &participant.assessment_type),
            index,
        }
    }
}

/// Figures gathered from a cohort's sheets, one sheet at a time as the sheets are read: what
/// an implementation keeps of each sheet (or of each participant) is all the memory a cohort
/// command needs.
pub trait Gather {
    /// Counts one sheet that loaded.
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet);
}

/// Which sheets a cohort report counts: `--type`, `--as-of` and `--all-sheets`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only sheets of this assessment type (the standard's spelling); `None` for any.
    pub assessment_type: Option<String>,
    /// Only sheets dated on or before this day.
    pub as_of: Option<NaiveDate>,
    /// Every sheet that passes counts, as if each were a participant, instead of each
    /// participant's latest.
    pub all_sheets: bool,
}

impl Selection {
    /// Whether a sheet with this header may count.
    pub fn admits(&self, participant: &Participant) -> bool {
        self.as_of.is_none_or(|day| participant.date <= day)
            && self
                .assessment_type
                .as_ref()
                .is_none_or(|kind| *kind == participant.assessment_type)
    }

    /// What was counted, as a report's header says it: "latest sheet of each", "latest Mentor
    /// review of each, on or before 01/12/2026", "every sheet".
    pub fn describe(&self) -> String {
        let kind = self.assessment_type.as_deref();
        let mut text = match (self.all_sheets, kind) {
            (false, None) => "latest sheet of each".to_string(),
            (false, Some(kind)) => format!("latest {kind} of each"),
            (true, None) => "every sheet".to_string(),
            (true, Some(kind)) => format!("every {kind}"),
        };
        if let Some(day) = self.as_of {
            text.push_str(&format!(", on or before {}", format_dmy(day)));
        }
        text
    }

    /// What a participant left out lacks: "a Mentor review", "a sheet on or before
    /// 01/12/2026", "a Mentor review on or before 01/12/2026".
    pub fn lacking(&self) -> String {
        let mut text = match &self.assessment_type {
            Some(kind) => format!("a {kind}"),
            None => "a sheet".to_string(),
        };
        if let Some(day) = self.as_of {
            text.push_str(&format!(" on or before {}", format_dmy(day)));
        }
        text
    }
}

/// The latest value offered for each participant: a map from username key to the value with
/// the greatest [`Recency`].
#[derive(Debug, Clone)]
pub struct Latest<T> {
    map: HashMap<String, (Recency, T)>,
}

impl<T> Default for Latest<T> {
    fn default() -> Latest<T> {
        Latest {
            map: HashMap::new(),
        }
    }
}

impl<T> Latest<T> {
    /// Keeps `value` for `key` when it is later than the one kept so far.
    pub fn offer(&mut self, key: &str, recency: Recency, value: T) {
        match self.map.get_mut(key) {
            Some(kept) if kept.0 >= recency => {}
            Some(kept) => *kept = (recency, value),
            None => {
                self.map.insert(key.to_string(), (recency, value));
            }
        }
    }

    /// Whether a value offered for `key` at `recency` would be kept: worth building only then.
    pub fn wants(&self, key: &str, recency: Recency) -> bool {
        self.map.get(key).is_none_or(|kept| kept.0 < recency)
    }

    /// The value kept for `key`, with its recency.
    pub fn get(&self, key: &str) -> Option<&(Recency, T)> {
        self.map.get(key)
    }

    /// Whether a value is kept for `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// How many participants have a value.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no participant has a value.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The values with their keys, in key order, so figures come out the same on every run.
    pub fn into_sorted(self) -> Vec<(String, Recency, T)> {
        let mut all: Vec<(String, Recency, T)> = self
            .map
            .into_iter()
            .map(|(key, (recency, value))| (key, recency, value))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// The values with their keys in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Recency, &T)> {
        self.map
            .iter()
            .map(|(key, (recency, value))| (key.as_str(), recency, value))
    }
}

/// The participants of a cohort: each one's username as their latest sheet spells it. Every
/// reading keeps it beside its figures, to count people and to name those a selection left out.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// The latest spelling of each participant's username.
    pub names: Latest<String>,
}

impl Gather for People {
    fn add(&mut self, _standard: &Standard, placed: Placed, sheet: &Sheet) {
        self.names.offer(
            placed.key,
            placed.recency,
            sheet.participant.username.clone(),
        );
    }
}

impl People {
    /// The participants without an entry in `counted`, by username in key order.
    pub fn missing_from<T>(&self, counted: &Latest<T>) -> Vec<String> {
        let mut missing: Vec<(&str, &String)> = self
            .names
            .iter()
            .filter(|(key, _, _)| !counted.contains(key))
            .map(|(key, _, name)| (key, name))
            .collect();
        missing.sort();
        missing.into_iter().map(|(_, name)| name.clone()).collect()
    }
}

/// The key a sheet's participant is counted under.
pub fn key_of(participant: &Participant) -> String {
    username::canonical(&participant.username)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn at(date: u32, stage: usize, index: usize) -> Recency {
        Recency {
            date: day(date),
            stage,
            index,
        }
    }

    #[test]
    fn the_latest_date_wins_then_the_later_stage_then_the_later_listing() {
        assert!(at(2, 1, 0) > at(1, 3, 9));
        assert!(at(2, 3, 0) > at(2, 2, 9));
        assert!(at(2, 2, 5) > at(2, 2, 4));
        let mut latest = Latest::default();
        latest.offer("A", at(2, 1, 0), "self");
        latest.offer("A", at(1, 3, 1), "old final");
        latest.offer("A", at(2, 2, 2), "mentor");
        latest.offer("A", at(2, 1, 3), "self again");
        latest.offer("B", at(1, 1, 4), "b");
        assert!(!latest.wants("A", at(2, 1, 5)) && latest.wants("A", at(3, 1, 0)));
        let kept: Vec<(String, &str)> = latest
            .into_sorted()
            .into_iter()
            .map(|(key, _, value)| (key, value))
            .collect();
        assert_eq!(kept, [("A".into(), "mentor"), ("B".into(), "b")]);
    }

    #[test]
    fn a_selection_says_what_it_counts() {
        let mut selection = Selection::default();
        assert_eq!(selection.describe(), "latest sheet of each");
        assert_eq!(selection.lacking(), "a sheet");
        selection.assessment_type = Some("Mentor review".into());
        selection.as_of = Some(day(30));
        assert_eq!(
            selection.describe(),
            "latest Mentor review of each, on or before 30/11/2026"
        );
        assert_eq!(
            selection.lacking(),
            "a Mentor review on or before 30/11/2026"
        );
        selection.all_sheets = true;
        selection.assessment_type = None;
        assert_eq!(selection.describe(), "every sheet, on or before 30/11/2026");
    }
}
