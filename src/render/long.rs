//! The long (tidy) export of many sheets: one row per sheet and KSB of the standard, each row
//! carrying its sheet's header, for a spreadsheet or pandas; and its evidence table, one row
//! per evidence item with the same header. Rows are made sheet by sheet, so a cohort can be
//! exported in parallel and joined in the order its files were listed.

use serde::Serialize;
use serde_json::{json, Value};

use super::csv::{self, CsvCell};
use super::json;
use crate::model::date::format_dmy;
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// The columns naming the sheet a row comes from, first in the long export and in its
/// evidence table alike.
const SHEET_COLUMNS: [&str; 6] = [
    "username",
    "role_focus",
    "assessment_type",
    "date",
    "reviewer",
    "file",
];

/// The columns of the long export, in order.
pub const COLUMNS: [&str; 12] =
    after_sheet(["id", "category", "title", "stack_area", "score", "note"]);

/// [`SHEET_COLUMNS`] followed by `rest`.
const fn after_sheet<const R: usize, const N: usize>(rest: [&'static str; R]) -> [&'static str; N] {
    assert!(
        N == SHEET_COLUMNS.len() + R,
        "N is the sheet's columns and the rest"
    );
    let mut all = [""; N];
    let mut i = 0;
    while i < N {
        all[i] = if i < SHEET_COLUMNS.len() {
            SHEET_COLUMNS[i]
        } else {
            rest[i - SHEET_COLUMNS.len()]
        };
        i += 1;
    }
    all
}

/// The cells of [`SHEET_COLUMNS`] for a sheet read from `file`, its date and reviewer as the
/// row writes them.
fn sheet_cells<'a>(
    sheet: &'a Sheet,
    date: &'a str,
    reviewer: &'a str,
    file: &'a str,
) -> Vec<CsvCell<'a>> {
    let p = &sheet.participant;
    vec![
        CsvCell::Text(&p.username),
        CsvCell::Text(&p.role_focus),
        CsvCell::Text(&p.assessment_type),
        CsvCell::Text(date),
        CsvCell::Text(reviewer),
        CsvCell::Text(file),
    ]
}

/// The header line of the long CSV.
pub fn csv_header() -> String {
    csv::to_text([COLUMNS.map(CsvCell::Text).to_vec()])
}

/// One CSV record per KSB of the standard for `sheet`, read from `file`: unscored KSBs have an
/// empty score, N/A is `N/A`, categories are `knowledge`, `skill`, `behaviour`.
pub fn csv_rows(standard: &Standard, file: &str, sheet: &Sheet) -> String {
    let p = &sheet.participant;
    let date = p.date_dmy();
    let reviewer = p.reviewer.clone().unwrap_or_default();
    let rows: Vec<(&crate::model::standard::Ksb, String)> = standard
        .ksbs
        .iter()
        .map(|ksb| {
            let score = sheet.score(&ksb.id).map(|s| s.to_string());
            (ksb, score.unwrap_or_default())
        })
        .collect();
    csv::to_text(rows.iter().map(|(ksb, score)| {
        let mut cells = sheet_cells(sheet, &date, &reviewer, file);
        cells.extend([
            CsvCell::Text(ksb.id.as_str()),
            CsvCell::Text(ksb.category.key()),
            CsvCell::Text(&ksb.title),
            CsvCell::Text(&ksb.stack_area),
            CsvCell::Number(score),
            CsvCell::Text(sheet.note(&ksb.id).unwrap_or_default()),
        ]);
        cells
    }))
}

/// The same rows as JSON objects with the [`COLUMNS`] as keys, one compact object per line:
/// the score a number 0–3, `"N/A"` or null, reviewer and note null when absent.
pub fn json_rows(standard: &Standard, file: &str, sheet: &Sheet) -> Vec<String> {
    let p = &sheet.participant;
    standard
        .ksbs
        .iter()
        .map(|ksb| {
            let score: Option<Score> = sheet.score(&ksb.id);
            let row: Value = json!({
                "username": p.username,
                "role_focus": p.role_focus,
                "assessment_type": p.assessment_type,
                "date": p.date_dmy(),
                "reviewer": p.reviewer,
                "file": file,
                "id": ksb.id,
                "category": ksb.category.key(),
                "title": ksb.title,
                "stack_area": ksb.stack_area,
                "score": json::score(score),
                "note": sheet.note(&ksb.id),
            });
            row.to_string()
        })
        .collect()
}

/// The columns of the evidence table, in order: the sheet's header as in [`COLUMNS`], then the
/// item.
pub const EVIDENCE_COLUMNS: [&str; 17] = after_sheet([
    "number",
    "text",
    "link",
    "url",
    "ksbs",
    "added",
    "added_by",
    "verdict",
    "verdict_by",
    "verdict_date",
    "verdict_comment",
]);

/// The header line of the evidence table's CSV.
pub fn evidence_csv_header() -> String {
    csv::to_text([EVIDENCE_COLUMNS.map(CsvCell::Text).to_vec()])
}

/// One CSV record per evidence item of `sheet`, read from `file`, in number order: the link as
/// the sheet writes it and the address it leads to (empty for a wiki page), the KSBs it names
/// separated by spaces (`K3 S2`), dates as DD/MM/YYYY, the verdict (`checked`, `questioned`
/// or empty) with who gave it, when and their comment. Every text cell goes through the one
/// [`csv::CsvWriter`], so a description that begins `=HYPERLINK(` stays text.
pub fn evidence_csv_rows(file: &str, sheet: &Sheet) -> String {
    let p = &sheet.participant;
    let date = p.date_dmy();
    let reviewer = p.reviewer.clone().unwrap_or_default();
    let rows: Vec<[String; 11]> = sheet
        .evidence()
        .iter()
        .map(|item| {
            let verdict = item.verdict.as_ref();
            [
                item.number.to_string(),
                item.text.clone(),
                item.link
                    .as_ref()
                    .map(|l| l.as_written())
                    .unwrap_or_default(),
                item.link.as_ref().and_then(|l| l.url()).unwrap_or_default(),
                item.ksbs
                    .iter()
                    .map(|id| id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                format_dmy(item.added),
                item.added_by.clone(),
                verdict
                    .map(|v| v.state.as_str().to_string())
                    .unwrap_or_default(),
                verdict.map(|v| v.by.clone()).unwrap_or_default(),
                verdict.map(|v| format_dmy(v.date)).unwrap_or_default(),
                verdict.and_then(|v| v.comment.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    csv::to_text(rows.iter().map(|item| {
        let [number, rest @ ..] = item;
        let mut cells = sheet_cells(sheet, &date, &reviewer, file);
        cells.push(CsvCell::Number(number));
        cells.extend(rest.iter().map(|cell| CsvCell::Text(cell)));
        cells
    }))
}

/// An evidence item with its sheet's header, as the JSON of the evidence table has it.
#[derive(Serialize)]
struct EvidenceRow<'a> {
    username: &'a str,
    role_focus: &'a str,
    assessment_type: &'a str,
    date: String,
    reviewer: Option<&'a str>,
    file: &'a str,
    #[serde(flatten)]
    item: json::EvidenceJson<'a>,
}

/// The evidence table as JSON objects, one compact object per line: the sheet's header as in
/// [`json_rows`], then the item in the one JSON shape of evidence ([`json::evidence`]: `ksbs`
/// a list, `added` YYYY-MM-DD, `verdict` null or an object).
pub fn evidence_json_rows(file: &str, sheet: &Sheet) -> Vec<String> {
    let p = &sheet.participant;
    json::evidence(sheet.evidence())
        .into_iter()
        .map(|item| {
            let row = EvidenceRow {
                username: &p.username,
                role_focus: &p.role_focus,
                assessment_type: &p.assessment_type,
                date: p.date_dmy(),
                reviewer: p.reviewer.as_deref(),
                file,
                item,
            };
            // Through a value, so the keys come in alphabetical order as in every ksb JSON.
            serde_json::to_value(&row)
                .map(|value| value.to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// Rows of JSON objects as one array, an element per line.
pub fn json_array(rows: &[String]) -> String {
    if rows.is_empty() {
        return "[]\n".to_string();
    }
    format!("[\n  {}\n]\n", rows.join(",\n  "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::export::tests::example;

    #[test]
    fn a_row_per_ksb_with_the_sheets_header() {
        let (standard, mut sheet) = example();
        sheet.participant.reviewer = Some("Mentor, \"A\"".into());
        let text = format!(
            "{}{}",
            csv_header(),
            csv_rows(&standard, "a/b.toml", &sheet)
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "username,role_focus,assessment_type,date,reviewer,file,id,category,title,stack_area,score,note"
        );
        assert_eq!(
            lines[1],
            "ExampleUser,Infrastructure Specialist,Self-assessment,25/11/2026,\"Mentor, \"\"A\"\"\",a/b.toml,K1,knowledge,Open Source Ecosystem Awareness,Community & Governance,2,Wrote a licence FAQ | with links"
        );
        let rows = json_rows(&standard, "a/b.toml", &sheet);
        assert_eq!(rows.len(), 28);
        let array: Value = serde_json::from_str(&json_array(&rows)).unwrap();
        assert_eq!(array[1]["score"], "N/A");
        assert_eq!(array[2]["score"], Value::Null);
        assert_eq!(array[0]["reviewer"], "Mentor, \"A\"");
        assert_eq!(json_array(&[]), "[]\n");
    }

    #[test]
    fn a_row_per_evidence_item_with_the_sheets_header() {
        use crate::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
        use chrono::NaiveDate;
        let (_, mut sheet) = example();
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        sheet
            .set_evidence(vec![
                Evidence {
                    number: 1,
                    text: "Ran the Swift replication check".into(),
                    link: Some(EvidenceLink::parse("T12345").unwrap()),
                    ksbs: vec!["K3".parse().unwrap(), "S2".parse().unwrap()],
                    added: day,
                    added_by: "ExampleUser".into(),
                    verdict: Some(Verdict {
                        state: VerdictState::Questioned,
                        by: "Mentor A".into(),
                        date: day,
                        comment: Some("-1, which task?".into()),
                    }),
                },
                Evidence {
                    number: 4,
                    text: "=HYPERLINK(\"https://evil.example\",\"x\")".into(),
                    link: Some(EvidenceLink::parse("[[Tech:Swift]]").unwrap()),
                    ksbs: vec!["B1".parse().unwrap()],
                    added: day,
                    added_by: "ExampleUser".into(),
                    verdict: None,
                },
            ])
            .unwrap();
        let text = format!(
            "{}{}",
            evidence_csv_header(),
            evidence_csv_rows("a/b.toml", &sheet)
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], EVIDENCE_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "ExampleUser,Infrastructure Specialist,Self-assessment,25/11/2026,,a/b.toml,1,Ran the Swift replication check,T12345,https://issue-tracker.miraheze.org/T12345,K3 S2,06/12/2026,ExampleUser,questioned,Mentor A,06/12/2026,\"'-1, which task?\""
        );
        assert_eq!(
            lines[2],
            "ExampleUser,Infrastructure Specialist,Self-assessment,25/11/2026,,a/b.toml,4,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",[[Tech:Swift]],,B1,06/12/2026,ExampleUser,,,,"
        );
        let rows = evidence_json_rows("a/b.toml", &sheet);
        let array: Value = serde_json::from_str(&json_array(&rows)).unwrap();
        assert_eq!(array[0]["ksbs"], json!(["K3", "S2"]));
        assert_eq!(array[0]["verdict"]["state"], "questioned");
        assert_eq!(array[0]["file"], "a/b.toml");
        assert_eq!(array[1]["url"], Value::Null);
        assert_eq!(array[1]["verdict"], Value::Null);
        assert!(rows[0].starts_with("{\"added\":\"2026-12-06\",\"added_by\""));
        let plain = example().1;
        assert_eq!(evidence_csv_rows("x", &plain), "");
    }
}
