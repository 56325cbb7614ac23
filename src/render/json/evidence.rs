//! Evidence items as JSON: `ksb evidence list --format json`, and the `evidence` of an exported
//! sheet, share this one shape.

use serde::Serialize;

use crate::model::evidence::{Evidence, EvidenceNumber, Verdict};
use crate::model::id::KsbId;

/// One evidence item.
#[derive(Debug, Serialize)]
pub struct EvidenceJson<'a> {
    /// The day it was added, YYYY-MM-DD.
    pub added: String,
    /// Who added it.
    pub added_by: &'a str,
    /// The KSBs it supports, in the order given.
    pub ksbs: &'a [KsbId],
    /// The link as the sheet writes it (`T12345`, `owner/repo#1`, `[[Page]]`, an address), or
    /// null.
    pub link: Option<String>,
    /// Its number in the sheet.
    pub number: EvidenceNumber,
    /// The description.
    pub text: &'a str,
    /// The address the link leads to, or null (no link, or a page of the wiki).
    pub url: Option<String>,
    /// A mentor's verdict, or null.
    pub verdict: Option<VerdictJson<'a>>,
}

/// A mentor's verdict on an item.
#[derive(Debug, Serialize)]
pub struct VerdictJson<'a> {
    /// The mentor's username.
    pub by: &'a str,
    /// What the mentor said, or null.
    pub comment: Option<&'a str>,
    /// The day, YYYY-MM-DD.
    pub date: String,
    /// `checked` or `questioned`.
    pub state: &'static str,
}

/// The JSON shape of `items`.
pub fn evidence(items: &[Evidence]) -> Vec<EvidenceJson<'_>> {
    items.iter().map(item).collect()
}

fn item(item: &Evidence) -> EvidenceJson<'_> {
    EvidenceJson {
        added: item.added.format("%Y-%m-%d").to_string(),
        added_by: &item.added_by,
        ksbs: &item.ksbs,
        link: item.link.as_ref().map(|link| link.as_written()),
        number: item.number,
        text: &item.text,
        url: item.link.as_ref().and_then(|link| link.url()),
        verdict: item.verdict.as_ref().map(verdict),
    }
}

fn verdict(verdict: &Verdict) -> VerdictJson<'_> {
    VerdictJson {
        by: &verdict.by,
        comment: verdict.comment.as_deref(),
        date: verdict.date.format("%Y-%m-%d").to_string(),
        state: verdict.state.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::{EvidenceLink, VerdictState};
    use chrono::NaiveDate;

    #[test]
    fn items_snapshot() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let items = [
            Evidence {
                number: 1,
                text: "Ran the Swift replication check".into(),
                link: Some(EvidenceLink::parse("T12345").unwrap()),
                ksbs: vec!["K3".parse().unwrap(), "S2".parse().unwrap()],
                added: day,
                added_by: "ExampleUser".into(),
                verdict: Some(Verdict {
                    state: VerdictState::Checked,
                    by: "Mentor A".into(),
                    date: day,
                    comment: None,
                }),
            },
            Evidence {
                number: 3,
                text: "Wrote the page".into(),
                link: Some(EvidenceLink::parse("[[Tech:Swift]]").unwrap()),
                ksbs: vec!["B1".parse().unwrap()],
                added: day,
                added_by: "ExampleUser".into(),
                verdict: None,
            },
        ];
        insta::assert_snapshot!(serde_json::to_string_pretty(&evidence(&items)).unwrap());
    }
}
