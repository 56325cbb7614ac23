//! The rows of a cohort heatmap: one per participant (their latest sheet under a
//! [`Selection`]), or one per sheet, grouped by preferred role focus.

use crate::figures::selection::{Gather, Latest, Placed, Recency, Selection};
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// One row of the heatmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    /// What the row is labelled: the username, with the assessment type and date when every
    /// sheet has its own row.
    pub label: String,
    /// The place of the row's preferred role focus in the standard's list.
    pub role_focus: usize,
    /// A score per KSB of the standard, in its order; `None` when unscored.
    pub scores: Box<[Option<Score>]>,
}

/// A group of rows with one preferred role focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatGroup {
    /// The role focus, as the standard spells it.
    pub name: String,
    /// Its rows, by username.
    pub rows: Vec<HeatRow>,
}

/// The sheets of a cohort as the heatmap gathers them.
#[derive(Debug, Clone)]
pub struct HeatmapSheets {
    selection: Selection,
    latest: Latest<HeatRow>,
    every: Vec<(String, Recency, HeatRow)>,
}

impl HeatmapSheets {
    /// Nothing read yet.
    pub fn new(selection: Selection) -> HeatmapSheets {
        HeatmapSheets {
            selection,
            latest: Latest::default(),
            every: Vec::new(),
        }
    }

    /// The groups, one per role focus of the standard in its order (empty ones left out),
    /// each with its rows by username (and date, with every sheet).
    pub fn finish(self, standard: &Standard) -> Vec<HeatGroup> {
        let mut rows: Vec<(String, Recency, HeatRow)> = if self.selection.all_sheets {
            self.every
        } else {
            self.latest.into_sorted()
        };
        rows.sort_by(|a, b| (a.2.role_focus, &a.0, a.1).cmp(&(b.2.role_focus, &b.0, b.1)));
        let mut groups: Vec<HeatGroup> = standard
            .role_focuses
            .iter()
            .map(|name| HeatGroup {
                name: name.clone(),
                rows: Vec::new(),
            })
            .collect();
        for (_, _, row) in rows {
            if let Some(group) = groups.get_mut(row.role_focus) {
                group.rows.push(row);
            }
        }
        groups.retain(|group| !group.rows.is_empty());
        groups
    }
}

impl Gather for HeatmapSheets {
    fn add(&mut self, standard: &Standard, placed: Placed, sheet: &Sheet) {
        let p = &sheet.participant;
        let all = self.selection.all_sheets;
        if !self.selection.admits(p) || (!all && !self.latest.wants(placed.key, placed.recency)) {
            return;
        }
        let label = if all {
            format!("{}, {} {}", p.username, p.assessment_type, p.date_dmy())
        } else {
            p.username.clone()
        };
        let row = HeatRow {
            label,
            role_focus: standard
                .role_focuses
                .iter()
                .position(|focus| *focus == p.role_focus)
                .unwrap_or(0),
            scores: standard
                .ksbs
                .iter()
                .map(|ksb| sheet.score(&ksb.id))
                .collect(),
        };
        if all {
            self.every
                .push((placed.key.to_string(), placed.recency, row));
        } else {
            self.latest.offer(placed.key, placed.recency, row);
        }
    }
}
