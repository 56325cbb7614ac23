//! The roster report: one row per participant, where they stand in each assessment and what
//! needs doing, under a count of who needs what.

use super::cohort::plural;
use super::{Block, Cell, Column, Report, Table};
use crate::figures::roster::{Need, Roster, RosterEntry};
use crate::model::date::format_dmy;

/// The roster of `read` sheets read.
pub fn report(roster: &Roster, read: usize) -> Report {
    let mut report = Report::default();
    let as_of = roster
        .as_of
        .map(|day| format!("; sheets on or before {}", format_dmy(day)))
        .unwrap_or_default();
    report.push(Block::Line(format!(
        "Roster: {} ({} read{as_of})",
        plural(roster.participants.len(), "participant"),
        plural(read, "sheet"),
    )));
    report.push(Block::Line(needing_action(roster)));
    let evidence = roster.evidence_items > 0;
    if evidence {
        let lacking = roster
            .participants
            .iter()
            .filter(|entry| !entry.without_evidence.is_empty())
            .count();
        report.push(Block::Line(format!(
            "Scored 2 or more without evidence: {} (KSBs their latest sheet scores 2 or 3 that no evidence item on any of their sheets names)",
            plural(lacking, "participant")
        )));
    }
    let mut columns = Column::all(["Username", "Role focus"]);
    columns.extend(Column::all(roster.assessment_types.iter().cloned()));
    columns.push(Column::new("Needs"));
    if evidence {
        columns.push(Column::new(WITHOUT_EVIDENCE[0]));
        columns.push(Column::new(WITHOUT_EVIDENCE[1]).narrowing(1));
    }
    report.push(Block::Table(Table {
        heading: "Participants".to_string(),
        columns,
        rows: roster
            .participants
            .iter()
            .map(|entry| {
                let mut cells = row(roster, entry);
                if evidence {
                    let ids: Vec<&str> = entry
                        .without_evidence
                        .iter()
                        .map(|id| id.as_str())
                        .collect();
                    cells.push(Cell::number(ids.len()));
                    cells.push(Cell::text_of(ids.join(" ")));
                }
                cells
            })
            .collect(),
        when_empty: Some("No sheets on or before that day."),
    }));
    report.push(Block::Line(format!(
        "Each assessment: the latest sheet's date, KSBs scored of {}, whether locked, and its reviewer.",
        roster.ksbs
    )));
    report
}

/// The headings of the roster's evidence columns, shown when the cohort has evidence: how
/// many KSBs the latest sheet scores 2 or 3 without evidence, and which (a narrow terminal
/// keeps only the count).
pub const WITHOUT_EVIDENCE: [&str; 2] = ["Without evidence", "KSBs without evidence"];

/// `Needing action: 12 participants (2 without a self-assessment, 7 waiting for a mentor
/// review, 5 with an unfinished sheet)`.
fn needing_action(roster: &Roster) -> String {
    let count = |kind: &str| {
        roster
            .participants
            .iter()
            .filter(|entry| entry.needs.iter().any(|need| need.key() == kind))
            .count()
    };
    let anyone = roster
        .participants
        .iter()
        .filter(|entry| !entry.needs.is_empty())
        .count();
    format!(
        "Needing action: {} ({} without a self-assessment, {} waiting for a mentor review, {} with an unfinished sheet)",
        plural(anyone, "participant"),
        count("self_assessment"),
        count("mentor_review"),
        count("finish"),
    )
}

/// One participant's row.
fn row(roster: &Roster, entry: &RosterEntry) -> Vec<Cell> {
    let focus = if entry.earlier_role_focuses.is_empty() {
        entry.role_focus.clone()
    } else {
        format!(
            "{} (was {})",
            entry.role_focus,
            entry.earlier_role_focuses.join(", ")
        )
    };
    let mut cells = vec![Cell::text_of(&entry.username), Cell::text_of(focus)];
    for place in &entry.latest {
        cells.push(Cell::text_of(match place {
            Some(place) => {
                let sheet = &entry.sheets[*place];
                let mut text = format!(
                    "{}, {}/{}",
                    format_dmy(sheet.date()),
                    sheet.scored,
                    roster.ksbs
                );
                if sheet.locked {
                    text.push_str(", locked");
                }
                if let Some(reviewer) = &sheet.reviewer {
                    text.push_str(&format!(", by {reviewer}"));
                }
                text
            }
            None => String::new(),
        }));
    }
    let needs: Vec<String> = entry.needs.iter().map(Need::text).collect();
    cells.push(Cell::text_of(needs.join("; ")));
    cells
}
