//! The Evidence table: what every export of a sheet that has evidence writes after the sheet's
//! table (wikitext, Markdown, the `--evidence` CSV), and what `ksb import` and `ksb wiki pull`
//! read back. The text of each cell is written and read here, in one place, so that what a
//! person reads on the page is exactly what comes back:
//!
//! | No. | Description | Link | KSBs | Added | Checked by |
//! |-----|-------------|------|------|-------|------------|
//! | 1 | Ran the Swift replication check | T12345 | K3, S2 | ExampleUser, 06/12/2026 | checked by Mentor A, 07/12/2026 |
//! | 2 | Wrote the runbook | \[\[Tech:Runbook]] | S4 | ExampleUser, 06/12/2026 | questioned by Mentor A, 08/12/2026: the page is empty |
//!
//! The link shows as the sheet writes it (`T12345`, `owner/repo#1`, an address, `[[Page]]`),
//! made a real link by each format. A username cannot hold a `:` (see
//! [`crate::model::username::check`]), so the first `: ` of a verdict starts its comment, and
//! the last `, ` before it the date.

use chrono::NaiveDate;

use crate::model::date::{format_dmy, parse_dmy};
use crate::model::evidence::{check_text, Verdict, VerdictState};
use crate::model::id::KsbId;
use crate::model::username;

/// The heading above the table.
pub const EVIDENCE_HEADING: &str = "Evidence";

/// The column headings of the table, in order.
pub const EVIDENCE_COLUMNS: [&str; 6] =
    ["No.", "Description", "Link", "KSBs", "Added", "Checked by"];

/// The KSBs an item supports, as the KSBs cell writes them: `K3, S2`.
pub fn ksbs_text(ids: &[KsbId]) -> String {
    let ids: Vec<&str> = ids.iter().map(KsbId::as_str).collect();
    ids.join(", ")
}

/// Who added an item and when, as the Added cell writes it: `ExampleUser, 06/12/2026`.
pub fn added_text(added_by: &str, added: NaiveDate) -> String {
    format!("{added_by}, {}", format_dmy(added))
}

/// A verdict as the Checked by cell writes it: empty when no mentor looked yet, else
/// `checked by Mentor A, 07/12/2026` or `questioned by Mentor A, 08/12/2026: the page is
/// empty`.
pub fn verdict_text(verdict: Option<&Verdict>) -> String {
    let Some(verdict) = verdict else {
        return String::new();
    };
    let mut text = format!(
        "{} by {}, {}",
        verdict.state.as_str(),
        verdict.by,
        format_dmy(verdict.date)
    );
    if let Some(comment) = &verdict.comment {
        text.push_str(": ");
        text.push_str(comment);
    }
    text
}

/// Reads a KSBs cell back: ids separated by commas (or spaces). Whether the standard has them
/// is for the caller to check.
pub fn read_ksbs(text: &str) -> Result<Vec<KsbId>, String> {
    let pieces: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|piece| !piece.is_empty())
        .collect();
    if pieces.is_empty() {
        return Err("names no KSB: evidence supports at least one".to_string());
    }
    pieces
        .into_iter()
        .map(|piece| {
            piece
                .parse::<KsbId>()
                .map_err(|_| format!("'{}' is not a KSB id", crate::import::shown(piece)))
        })
        .collect()
}

/// Reads an Added cell back: a username and a date, `ExampleUser, 06/12/2026`.
pub fn read_added(text: &str) -> Result<(String, NaiveDate), String> {
    let (name, date) = text
        .trim()
        .rsplit_once(',')
        .ok_or_else(|| "the Added cell is not 'username, DD/MM/YYYY'".to_string())?;
    let date = parse_dmy(date).map_err(|err| err.to_string())?;
    let name = username::check(name).map_err(|err| format!("added by '{name}' {err}"))?;
    Ok((name, date))
}

/// Reads a Checked by cell back (see [`verdict_text`]); empty is no verdict.
pub fn read_verdict(text: &str) -> Result<Option<Verdict>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let shape = || {
        "the Checked by cell is not 'checked by NAME, DD/MM/YYYY' or 'questioned by NAME, DD/MM/YYYY: comment'"
            .to_string()
    };
    let (head, comment) = match text.split_once(':') {
        Some((head, comment)) => (head, Some(comment)),
        None => (text, None),
    };
    let (state, rest) = head.trim().split_once(' ').ok_or_else(shape)?;
    let state = VerdictState::parse(state).ok_or_else(shape)?;
    let rest = rest.trim_start().strip_prefix("by ").ok_or_else(shape)?;
    let (by, date) = rest.rsplit_once(',').ok_or_else(shape)?;
    let date = parse_dmy(date).map_err(|err| err.to_string())?;
    let by = username::check(by).map_err(|err| format!("checked by '{by}' {err}"))?;
    let comment = match comment.map(str::trim) {
        None | Some("") => None,
        Some(comment) => Some(check_text(comment).map_err(|err| err.to_string())?),
    };
    Ok(Some(Verdict {
        state,
        by,
        date,
        comment,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn cells_read_back_as_written() {
        let ids: Vec<KsbId> = vec!["K3".parse().unwrap(), "S2".parse().unwrap()];
        assert_eq!(ksbs_text(&ids), "K3, S2");
        assert_eq!(read_ksbs("K3, S2").unwrap(), ids);
        assert_eq!(read_ksbs("K3,S2 ").unwrap(), ids);
        assert_eq!(
            added_text("Example User", day(6)),
            "Example User, 06/12/2026"
        );
        assert_eq!(
            read_added("Example User, 06/12/2026").unwrap(),
            ("Example User".to_string(), day(6))
        );
        for verdict in [
            Verdict {
                state: VerdictState::Checked,
                by: "Mentor A".into(),
                date: day(7),
                comment: None,
            },
            Verdict {
                state: VerdictState::Questioned,
                by: "Mentor, B".into(),
                date: day(8),
                comment: Some("the page is empty: see 01/02/2026, a: b".into()),
            },
        ] {
            let text = verdict_text(Some(&verdict));
            assert_eq!(read_verdict(&text).unwrap(), Some(verdict), "{text}");
        }
        assert_eq!(
            verdict_text(Some(&Verdict {
                state: VerdictState::Questioned,
                by: "Mentor A".into(),
                date: day(8),
                comment: Some("empty".into()),
            })),
            "questioned by Mentor A, 08/12/2026: empty"
        );
        assert_eq!(verdict_text(None), "");
        assert_eq!(read_verdict(" ").unwrap(), None);
    }

    #[test]
    fn cells_that_do_not_read_say_why() {
        assert!(read_ksbs("").unwrap_err().contains("names no KSB"));
        assert!(read_ksbs("K3, S2!").unwrap_err().contains("'S2!'"));
        assert!(read_added("ExampleUser").is_err());
        assert!(read_added("ExampleUser, 31/02/2026").is_err());
        assert!(read_verdict("approved by M, 07/12/2026").is_err());
        assert!(read_verdict("checked Mentor A, 07/12/2026").is_err());
        assert!(read_verdict("checked by Mentor A").is_err());
        assert!(read_verdict("checked by A[b], 07/12/2026").is_err());
    }
}
