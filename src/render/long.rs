//! The long (tidy) export of many sheets: one row per sheet and KSB of the standard, each row
//! carrying its sheet's header, for a spreadsheet or pandas. Rows are made sheet by sheet, so
//! a cohort can be exported in parallel and joined in the order its files were listed.

use serde_json::{json, Value};

use super::csv::{self, CsvCell};
use super::json;
use crate::model::score::Score;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// The columns of the long export, in order.
pub const COLUMNS: [&str; 12] = [
    "username",
    "role_focus",
    "assessment_type",
    "date",
    "reviewer",
    "file",
    "id",
    "category",
    "title",
    "stack_area",
    "score",
    "note",
];

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
        vec![
            CsvCell::Text(&p.username),
            CsvCell::Text(&p.role_focus),
            CsvCell::Text(&p.assessment_type),
            CsvCell::Text(&date),
            CsvCell::Text(&reviewer),
            CsvCell::Text(file),
            CsvCell::Text(ksb.id.as_str()),
            CsvCell::Text(ksb.category.key()),
            CsvCell::Text(&ksb.title),
            CsvCell::Text(&ksb.stack_area),
            CsvCell::Number(score),
            CsvCell::Text(sheet.note(&ksb.id).unwrap_or_default()),
        ]
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
}
