//! What `ksb export` puts on the page, whatever the format: the participant sheet of the
//! programme (a heading, the participant header, the key, every KSB with its score) and,
//! when asked for, notes and summary figures. Each format renders it through [`Exporter`].

use std::io;

use crate::figures::summary::Summary;
use crate::model::evidence::Evidence;
use crate::model::score::Score;
use crate::model::sheet::{Sheet, REVIEWER_LABEL};
use crate::model::standard::{Category, Ksb, Standard};

/// Turns an export document into the bytes of one format: one implementation per format.
pub trait Exporter {
    /// Renders the whole document.
    fn export(&self, doc: &ExportDoc) -> io::Result<Vec<u8>>;
}

/// The participant sheet to export: a scored sheet, or the blank one the programme hands out.
#[derive(Debug, Clone, Copy)]
pub struct ExportDoc<'a> {
    /// The standard the sheet follows.
    pub standard: &'a Standard,
    /// The scored sheet, or `None` for the blank participant sheet.
    pub sheet: Option<&'a Sheet>,
    /// Whether to add a Notes column (formats that always carry notes ignore it).
    pub notes: bool,
    /// Whether to add the summary tables (formats that always carry figures ignore it).
    pub summary: bool,
}

/// The column headings of the sheet table, without and with notes.
pub const SHEET_COLUMNS: [&str; 5] = [
    "Title",
    "Stack Area",
    "Role Focus",
    "Score (0–3 or N/A)",
    "Notes",
];

/// The words the programme's sheet puts before the scoring key.
pub const KEY_LABEL: &str = "Key:";

/// One line of the participant header: a label and either the sheet's value or, on the
/// blank sheet, the programme's hint of what to write there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue<'a> {
    /// The value from the sheet (user input: every format escapes it).
    Filled(String),
    /// What the blank sheet asks for, such as "Enter your Miraheze username here" (the
    /// standard's wording).
    Hint(Hint<'a>),
}

/// What the blank sheet asks for on one line of the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint<'a> {
    /// A sentence, shown in parentheses.
    Sentence(&'a str),
    /// Examples of valid values (from the standard), shown as "(e.g. A, B, C)".
    Examples(Vec<String>),
}

/// One KSB on the sheet with what the participant scored and noted.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The KSB as the standard defines it.
    pub ksb: &'a Ksb,
    /// Its score, `None` when unscored (always on the blank sheet).
    pub score: Option<Score>,
    /// Its note, if any.
    pub note: Option<&'a str>,
}

impl Row<'_> {
    /// The score as the sheet writes it: `0`–`3`, `N/A`, or empty when unscored.
    pub fn score_text(&self) -> String {
        self.score.map(|s| s.to_string()).unwrap_or_default()
    }
}

/// The KSBs of one category, in the standard's order.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    /// Knowledge, Skills or Behaviours.
    pub category: Category,
    /// Its KSBs.
    pub rows: Vec<Row<'a>>,
}

impl<'a> ExportDoc<'a> {
    /// The page heading: "`<standard title>` – Participant KSB Assessment".
    pub fn title(&self) -> String {
        format!("{} – Participant KSB Assessment", self.standard.title)
    }

    /// The participant header, label by label, with the reviewer's line when the sheet names
    /// one (the blank sheet does not ask for it).
    pub fn header(&self) -> Vec<(&'a str, HeaderValue<'a>)> {
        let values = match self.sheet {
            Some(sheet) => {
                let p = &sheet.participant;
                [
                    p.username.clone(),
                    p.role_focus.clone(),
                    p.mentoring_type.clone(),
                    p.assessment_type.clone(),
                    p.date_dmy(),
                ]
                .map(HeaderValue::Filled)
            }
            None => [
                Hint::Sentence(&self.standard.participant_header.username_hint),
                Hint::Examples(self.standard.role_focuses.clone()),
                Hint::Examples(self.standard.mentoring_types.clone()),
                Hint::Examples(self.standard.assessment_types.clone()),
                Hint::Sentence("DD/MM/YYYY"),
            ]
            .map(HeaderValue::Hint),
        };
        let labels = self.standard.participant_header.labels();
        let mut header: Vec<_> = labels.into_iter().zip(values).collect();
        let reviewer = self
            .sheet
            .and_then(|sheet| sheet.participant.reviewer.as_ref());
        if let Some(reviewer) = reviewer {
            header.push((REVIEWER_LABEL, HeaderValue::Filled(reviewer.clone())));
        }
        header
    }

    /// The scoring key: each score as the sheet writes it, and its meaning.
    pub fn key(&self) -> Vec<(String, &'a str)> {
        self.standard
            .scoring_key
            .iter()
            .map(|entry| (entry.score.to_string(), entry.meaning.as_str()))
            .collect()
    }

    /// The column headings of the sheet table (with Notes when asked for).
    pub fn columns(&self) -> &'static [&'static str] {
        if self.notes {
            &SHEET_COLUMNS
        } else {
            &SHEET_COLUMNS[..4]
        }
    }

    /// Every KSB with its score and note, in the standard's order.
    pub fn rows(&self) -> Vec<Row<'a>> {
        self.standard
            .ksbs
            .iter()
            .map(|ksb| Row {
                ksb,
                score: self.sheet.and_then(|s| s.score(&ksb.id)),
                note: self.sheet.and_then(|s| s.note(&ksb.id)),
            })
            .collect()
    }

    /// The rows grouped into Knowledge, Skills and Behaviours, leaving out empty categories.
    pub fn sections(&self) -> Vec<Section<'a>> {
        let rows = self.rows();
        Category::ALL
            .into_iter()
            .map(|category| Section {
                category,
                rows: rows
                    .iter()
                    .filter(|row| row.ksb.category == category)
                    .copied()
                    .collect(),
            })
            .filter(|section| !section.rows.is_empty())
            .collect()
    }

    /// The sheet's evidence items in number order: none on the blank sheet. Wikitext and
    /// Markdown write them after the sheet's table (see [`super::evidence_table`]), JSON under
    /// `evidence`; the sheet's CSV has no room for them (`ksb export --evidence` is their CSV).
    pub fn evidence(&self) -> &'a [Evidence] {
        self.sheet.map_or(&[], |sheet| sheet.evidence())
    }

    /// The summary figures of the sheet (all unscored for the blank sheet).
    pub fn figures(&self) -> Summary {
        match self.sheet {
            Some(sheet) => Summary::of_sheet(self.standard, sheet),
            None => Summary::empty(self.standard),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support;

    /// The built-in standard and a small sheet with a score of each kind and two notes.
    pub(crate) fn example() -> (Standard, Sheet) {
        let standard = Standard::builtin();
        let mut sheet = test_support::sheet(&standard, "Infrastructure Specialist", &[]);
        sheet.participant.username = "ExampleUser".into();
        for (id, score) in [
            ("K1", Score::Two),
            ("K2", Score::NotApplicable),
            ("S2", Score::Three),
            ("B8", Score::Zero),
        ] {
            sheet.set_score(id.parse().unwrap(), Some(score));
        }
        sheet.set_note("K1".parse().unwrap(), "Wrote a licence FAQ | with links");
        sheet.set_note(
            "S2".parse().unwrap(),
            "Led the outage call\nand the write-up",
        );
        (standard, sheet)
    }

    #[test]
    fn sections_hold_every_ksb_in_order() {
        let (standard, sheet) = example();
        let doc = ExportDoc {
            standard: &standard,
            sheet: Some(&sheet),
            notes: false,
            summary: false,
        };
        let sections = doc.sections();
        let sizes: Vec<usize> = sections.iter().map(|s| s.rows.len()).collect();
        assert_eq!(sizes, [11, 9, 8]);
        let ids: Vec<&str> = sections
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.ksb.id.as_str()))
            .collect();
        let expected: Vec<&str> = standard.ksbs.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(sections[0].rows[1].score_text(), "N/A");
        assert_eq!(sections[0].rows[2].score_text(), "");
        assert_eq!(doc.columns().len(), 4);
    }

    #[test]
    fn the_blank_sheet_asks_for_each_header_field() {
        let standard = Standard::builtin();
        let doc = ExportDoc {
            standard: &standard,
            sheet: None,
            notes: true,
            summary: false,
        };
        let header = doc.header();
        assert_eq!(
            header[0],
            (
                "Username",
                HeaderValue::Hint(Hint::Sentence("Enter your Miraheze username here"))
            )
        );
        assert_eq!(
            header[2].1,
            HeaderValue::Hint(Hint::Examples(vec![
                "Mentee".into(),
                "Mentor".into(),
                "Peer Support".into()
            ]))
        );
        assert!(doc.rows().iter().all(|r| r.score.is_none()));
        assert_eq!(doc.columns().last(), Some(&"Notes"));
    }
}
