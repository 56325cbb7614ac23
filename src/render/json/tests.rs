//! Snapshots of every JSON output, from hand-built sheets: the schema as scripts see it.

use super::*;
use crate::figures::calibration::CalibrationSheets;
use crate::figures::cohort::CohortSheets;
use crate::figures::compare::Comparison;
use crate::figures::progress::Progress;
use crate::figures::roster::{Roster, RosterSheets};
use crate::figures::selection::{key_of, Gather, People, Placed, Recency, Selection};
use crate::model::sheet::Sheet;
use crate::report::SheetLabel;
use crate::test_support;
use chrono::NaiveDate;

/// Three sheets: Tester's self-assessment and mentor review, and Other's self-assessment.
fn sheets(standard: &Standard) -> Vec<Sheet> {
    let own = {
        let mut sheet = test_support::sheet(
            standard,
            "Generalist",
            &[
                ("K1", Score::Two),
                ("K2", Score::NotApplicable),
                ("S1", Score::One),
            ],
        );
        sheet.set_note("K1".parse().unwrap(), "Wrote the FAQ");
        sheet
    };
    let mut review = test_support::sheet(
        standard,
        "Generalist",
        &[("K1", Score::Three), ("K2", Score::One), ("S1", Score::One)],
    );
    review.participant.assessment_type = "Mentor review".into();
    review.participant.date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    review.participant.reviewer = Some("Mentor".into());
    let mut other = test_support::sheet(
        standard,
        "Infrastructure Specialist",
        &[("B1", Score::Zero)],
    );
    other.participant.username = "Other".into();
    vec![own, review, other]
}

/// [`sheets`] with evidence on Tester's self-assessment: item 1 on K2 and S1, checked, and
/// item 2 on S1. Only the figures' snapshots take it, so each sheet export's stays its own.
fn sheets_with_evidence(standard: &Standard) -> Vec<Sheet> {
    use crate::model::evidence::{Evidence, Verdict, VerdictState};
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let item = |number, ksbs: &[&str], checked: bool| Evidence {
        number,
        text: format!("Item {number}"),
        link: None,
        ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
        added: day,
        added_by: "Tester".into(),
        verdict: checked.then(|| Verdict {
            state: VerdictState::Checked,
            by: "Mentor".into(),
            date: day,
            comment: None,
        }),
    };
    let mut sheets = sheets(standard);
    sheets[0]
        .set_evidence(vec![item(1, &["K2", "S1"], true), item(2, &["S1"], false)])
        .unwrap();
    sheets
}

/// Gathers `sheets` as a cohort command reads them.
fn gather<G: Gather>(standard: &Standard, sheets: &[Sheet], mut gathered: G) -> (G, People) {
    let mut people = People::default();
    for (index, sheet) in sheets.iter().enumerate() {
        let key = key_of(&sheet.participant);
        let placed = || Placed {
            key: &key,
            recency: Recency::of(standard, &sheet.participant, index),
        };
        gathered.add(standard, placed(), sheet);
        people.add(standard, placed(), sheet);
    }
    (gathered, people)
}

fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

#[test]
fn standard_json() {
    let standard = Standard::builtin();
    let shown = pretty(&self::standard(&standard));
    insta::assert_snapshot!(shown.lines().take(24).collect::<Vec<_>>().join("\n"));
}

#[test]
fn summary_json() {
    let standard = Standard::builtin();
    let sheet = &sheets(&standard)[0];
    let figures = Summary::of_sheet(&standard, sheet);
    insta::assert_snapshot!(pretty(&summary(
        Some(&sheet.participant),
        &figures,
        &[Grouping::Category]
    )));
}

#[test]
fn cohort_json() {
    let standard = Standard::builtin();
    let sheets = sheets_with_evidence(&standard);
    let gathering = CohortSheets::new(&standard, Selection::default());
    let (gathered, people) = gather(&standard, &sheets, gathering);
    let counted = gathered.finish(&standard, &people, sheets.len());
    insta::assert_snapshot!(pretty(&cohort(&counted, &[Grouping::Category])));
}

#[test]
fn roster_json() {
    let standard = Standard::builtin();
    let sheets = sheets_with_evidence(&standard);
    let (gathered, _) = gather(&standard, &sheets, RosterSheets::new(None));
    let roster = Roster::new(&standard, gathered);
    let file = |index: usize| format!("sheet{index}.toml");
    insta::assert_snapshot!(pretty(&self::roster(&standard, &roster, &file)));
}

#[test]
fn calibration_json() {
    let standard = Standard::builtin();
    let sheets = sheets(&standard);
    let gathering = CalibrationSheets::new("Self-assessment", "Mentor review", None);
    let (gathered, _) = gather(&standard, &sheets, gathering);
    insta::assert_snapshot!(pretty(&calibration(&gathered.finish(&standard))));
}

#[test]
fn compare_json() {
    let standard = Standard::builtin();
    let sheets = sheets_with_evidence(&standard);
    let comparison = Comparison::of(&standard, &sheets[0], &sheets[1]);
    let (a, b) = (&sheets[0].participant, &sheets[1].participant);
    insta::assert_snapshot!(pretty(&compare(a, b, &comparison, true)));
}

#[test]
fn progress_json() {
    let standard = Standard::builtin();
    let sheets = sheets(&standard)[..2].to_vec();
    let figures = Progress::of(&standard, &sheets);
    let labels = [
        SheetLabel {
            file: "own.toml",
            participant: &sheets[0].participant,
        },
        SheetLabel {
            file: "review.toml",
            participant: &sheets[1].participant,
        },
    ];
    insta::assert_snapshot!(pretty(&progress(&labels, &figures)));
}

#[test]
fn export_json() {
    let standard = Standard::builtin();
    let mut sheet = sheets(&standard)[0].clone();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    sheet
        .add_evidence(
            &standard,
            crate::model::evidence::Evidence {
                number: 0,
                text: "Ran the Swift replication check".into(),
                link: Some(crate::model::evidence::EvidenceLink::parse("T12345").unwrap()),
                ksbs: vec!["K3".parse().unwrap(), "S2".parse().unwrap()],
                added: day,
                added_by: "ExampleUser".into(),
                verdict: None,
            },
        )
        .unwrap();
    let doc = ExportDoc {
        standard: &standard,
        sheet: Some(&sheet),
        notes: true,
        summary: true,
    };
    let shown = String::from_utf8(Json.export(&doc).unwrap()).unwrap();
    insta::assert_snapshot!(shown);
}
