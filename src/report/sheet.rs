//! A standard's KSBs, or a scored sheet, laid out as the programme's page does: one table per
//! category (Knowledge, Skills, Behaviours), each under its heading.

use super::{Block, Cell, Column, Report, Table};
use crate::model::sheet::{Participant, Sheet, REVIEWER_LABEL};
use crate::model::standard::{Category, Ksb, Standard};

/// Every KSB of the standard with its description: `ksb standard`.
pub fn standard(standard: &Standard) -> Report {
    let mut report = Report::default();
    report.push(Block::Line(format!(
        "{} (standard {}, version {}): {} KSBs",
        standard.title,
        standard.id,
        standard.version,
        standard.ksbs.len()
    )));
    report.extend(by_category(
        standard,
        &["Id", "Title", "Description", "Stack Area", "Role Focus"],
        |ksb| {
            vec![
                Cell::text_of(ksb.id.as_str()),
                Cell::text_of(&ksb.title),
                Cell::text_of(&ksb.description),
                Cell::text_of(&ksb.stack_area),
                Cell::text_of(&ksb.role_focus),
            ]
        },
    ));
    report
}

/// The scored sheet under its participant header, saying when it is locked, then its notes
/// (a table of their own, so that a long note wraps in the width of the terminal rather than
/// squeezing the score tables): `ksb show`.
pub fn sheet(standard: &Standard, sheet: &Sheet) -> Report {
    let mut report = participant(standard, &sheet.participant);
    if let Some(reviews) = &sheet.reviews {
        report.push(Block::Line(format!("Reviews: {reviews}")));
    }
    if sheet.locked {
        report.push(Block::Line(
            "Locked: a finished assessment, kept as it is (no command changes it until it is unlocked)"
                .to_string(),
        ));
    }
    report.extend(by_category(
        standard,
        &["Id", "Title", "Stack Area", "Role Focus", "Score"],
        |ksb| {
            vec![
                Cell::text_of(ksb.id.as_str()),
                Cell::text_of(&ksb.title),
                Cell::text_of(&ksb.stack_area),
                Cell::text_of(&ksb.role_focus),
                Cell::Score(sheet.score(&ksb.id)),
            ]
        },
    ));
    let notes: Vec<Vec<Cell>> = standard
        .ksbs
        .iter()
        .filter_map(|ksb| {
            let note = sheet.note(&ksb.id)?;
            Some(vec![Cell::text_of(ksb.id.as_str()), Cell::text_of(note)])
        })
        .collect();
    if !notes.is_empty() {
        report.push(Block::Table(Table {
            heading: "Notes".to_string(),
            columns: Column::all(["Id", "Note"]),
            rows: notes,
            when_empty: None,
        }));
    }
    report
}

/// The participant header as the programme's sheet lists it (in the standard's words), a
/// line per field.
pub fn participant(standard: &Standard, participant: &Participant) -> Report {
    let values = [
        participant.username.clone(),
        participant.role_focus.clone(),
        participant.mentoring_type.clone(),
        participant.assessment_type.clone(),
        participant.date_dmy(),
    ];
    let labels = standard.participant_header.labels();
    let mut report = Report {
        blocks: labels
            .into_iter()
            .zip(values)
            .map(|(label, value)| Block::Line(format!("{label}: {value}")))
            .collect(),
    };
    if let Some(reviewer) = &participant.reviewer {
        report.push(Block::Line(format!("{REVIEWER_LABEL}: {reviewer}")));
    }
    report
}

/// One table per category with a row per KSB; a category without KSBs is left out.
fn by_category(standard: &Standard, columns: &[&str], row: impl Fn(&Ksb) -> Vec<Cell>) -> Report {
    let mut report = Report::default();
    for category in Category::ALL {
        let rows: Vec<Vec<Cell>> = standard.ksbs_in(category).map(&row).collect();
        if !rows.is_empty() {
            report.push(Block::Table(Table {
                heading: category.heading().to_string(),
                columns: Column::all(columns.iter().copied()),
                rows,
                when_empty: None,
            }));
        }
    }
    report
}
