//! A sheet's evidence items as a table: `ksb evidence list`. Each item with its link as the
//! sheet writes it, the KSBs it supports, who added it and when, and the mentor's verdict.

use super::{Block, Cell, Column, Report, Table};
use crate::model::date::format_dmy;
use crate::model::evidence::Evidence;
use crate::model::sheet::Sheet;
use crate::render::evidence_table::{ksbs_text, verdict_text};

/// The evidence of `sheet`, under a line naming whose sheet it is.
pub fn report(sheet: &Sheet) -> Report {
    let mut report = Report::default();
    let p = &sheet.participant;
    report.push(Block::Title(format!(
        "Evidence of {} ({}, {})",
        p.username,
        p.assessment_type,
        p.date_dmy()
    )));
    report.push(Block::Table(Table {
        heading: "Evidence".to_string(),
        columns: vec![
            Column::new("No."),
            Column::new("Description"),
            Column::new("Link"),
            Column::new("KSBs"),
            Column::new("Added").narrowing(1),
            Column::new("Verdict"),
        ],
        rows: sheet.evidence().iter().map(row).collect(),
        when_empty: Some("No evidence yet: `ksb evidence add SHEET --ksb K3 \"TEXT\"` adds some."),
    }));
    report
}

fn row(item: &Evidence) -> Vec<Cell> {
    // As written: short forms keep the table narrow (the JSON and the review's screens give
    // the address).
    let link = item
        .link
        .as_ref()
        .map(|link| link.as_written())
        .unwrap_or_default();
    vec![
        Cell::Number(item.number.to_string()),
        Cell::Text(item.text.clone()),
        Cell::Text(link),
        Cell::Text(ksbs_text(&item.ksbs)),
        Cell::Text(format!("{} by {}", format_dmy(item.added), item.added_by)),
        Cell::Text(verdict_text(item.verdict.as_ref())),
    ]
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::evidence::{EvidenceLink, Verdict, VerdictState};
    use crate::model::sheet::Participant;
    use crate::model::standard::Standard;
    use crate::render::{table, Style};

    #[test]
    fn items_snapshot() {
        let standard = Standard::builtin();
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut sheet = Sheet::new(
            &standard,
            Participant {
                username: "ExampleUser".into(),
                role_focus: "Generalist".into(),
                mentoring_type: "Mentee".into(),
                assessment_type: "Self-assessment".into(),
                date: day,
                reviewer: None,
            },
        );
        let empty = table::report(&report(&sheet), Style::PLAIN);
        assert!(empty.contains("No evidence yet"), "{empty}");
        for (text, link, ksbs) in [
            ("Ran the Swift replication check", Some("T12345"), "K3,S2"),
            ("Wrote the page", Some("[[Tech:Swift]]"), "B1"),
            ("Paired on \u{1b}[2Ja fix", None, "S2"),
        ] {
            let item = Evidence {
                number: 0,
                text: text.into(),
                link: link.map(|l| EvidenceLink::parse(l).unwrap()),
                ksbs: ksbs.split(',').map(|id| id.parse().unwrap()).collect(),
                added: day,
                added_by: "ExampleUser".into(),
                verdict: None,
            };
            sheet.add_evidence(&standard, item).unwrap();
        }
        sheet
            .judge_evidence(
                1,
                Verdict {
                    state: VerdictState::Questioned,
                    by: "Mentor A".into(),
                    date: day,
                    comment: Some("The task is someone else's".into()),
                },
            )
            .unwrap();
        let drawn = table::report(&report(&sheet), Style::PLAIN);
        assert!(!drawn.contains('\u{1b}'), "made printable: {drawn}");
        insta::assert_snapshot!(drawn);
    }
}
