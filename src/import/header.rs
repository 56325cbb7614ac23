//! The participant header of a sheet page: the list of `Label: value` lines above the table.
//!
//! Each field is one [`Field`]: its label (and the other ways people write it), how its value
//! is checked, and where it goes in a [`Participant`]. A field the sheet gains is one more
//! variant here.

use chrono::NaiveDate;

use super::problem::Problem;
use super::text::{match_key, plain};
use crate::model::date::parse_dmy;
use crate::model::sheet::{valid_username, Participant, REVIEWER_LABEL};
use crate::model::standard::{find_ignoring_case, Standard};

/// One line of the participant header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `Username:`
    Username,
    /// `Preferred Role Focus:`
    RoleFocus,
    /// `Mentoring Type:`
    MentoringType,
    /// `Assessment Type:`
    AssessmentType,
    /// `Date:` (DD/MM/YYYY)
    Date,
    /// `Reviewer:`, the mentor of a review (optional)
    Reviewer,
}

impl Field {
    /// Every field, in the sheet's order.
    pub const ALL: [Field; 6] = [
        Field::Username,
        Field::RoleFocus,
        Field::MentoringType,
        Field::AssessmentType,
        Field::Date,
        Field::Reviewer,
    ];

    /// Whether a sheet needs the field (every one but the reviewer).
    pub fn required(self) -> bool {
        self != Field::Reviewer
    }

    /// The label as the programme's sheet writes it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Username => "Username",
            Field::RoleFocus => "Preferred Role Focus",
            Field::MentoringType => "Mentoring Type",
            Field::AssessmentType => "Assessment Type",
            Field::Date => "Date",
            Field::Reviewer => REVIEWER_LABEL,
        }
    }

    /// The labels read as this field (compared by [`match_key`]).
    fn labels(self) -> &'static [&'static str] {
        match self {
            Field::Username => &["username", "user name", "miraheze username", "user"],
            Field::RoleFocus => &["preferred role focus", "role focus", "preferred role"],
            Field::MentoringType => &["mentoring type", "mentoring"],
            Field::AssessmentType => &["assessment type", "assessment"],
            Field::Date => &["date", "assessment date", "date of assessment"],
            Field::Reviewer => &["reviewer", "reviewed by", "mentor"],
        }
    }

    /// The field a label names.
    pub fn of_label(label: &str) -> Option<Field> {
        let key = match_key(label);
        Field::ALL
            .into_iter()
            .find(|field| field.labels().contains(&key.as_str()))
    }
}

/// The participant header as far as it is known, each value checked and in the standard's
/// spelling: what a page fills in, completed by the caller (from flags) where it is blank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The participant's username.
    pub username: Option<String>,
    /// The preferred role focus.
    pub role_focus: Option<String>,
    /// The mentoring type.
    pub mentoring_type: Option<String>,
    /// The assessment type.
    pub assessment_type: Option<String>,
    /// The date of the assessment.
    pub date: Option<NaiveDate>,
    /// The mentor who reviewed, when the page names one.
    pub reviewer: Option<String>,
}

impl Header {
    /// Sets `field` from text, checked against the standard (lists ignoring case, dates as
    /// DD/MM/YYYY). The error says why the text is refused.
    pub fn set(&mut self, field: Field, text: &str, standard: &Standard) -> Result<(), String> {
        let pick = |list: &[String]| {
            find_ignoring_case(list, text)
                .map(str::to_string)
                .ok_or_else(|| format!("is not one of the standard's: {}", list.join(", ")))
        };
        match field {
            Field::Username => {
                let name = valid_username(text).map_err(|err| err.to_string())?;
                self.username = Some(name);
            }
            Field::Reviewer => {
                let name = valid_username(text).map_err(|err| err.to_string())?;
                self.reviewer = Some(name);
            }
            Field::RoleFocus => self.role_focus = Some(pick(&standard.role_focuses)?),
            Field::MentoringType => self.mentoring_type = Some(pick(&standard.mentoring_types)?),
            Field::AssessmentType => {
                self.assessment_type = Some(pick(&standard.assessment_types)?);
            }
            Field::Date => {
                let date = parse_dmy(text)
                    .map_err(|_| "is no date as DD/MM/YYYY, such as 25/11/2026".to_string())?;
                self.date = Some(date);
            }
        }
        Ok(())
    }

    /// Whether `field` has a value.
    pub fn has(&self, field: Field) -> bool {
        match field {
            Field::Username => self.username.is_some(),
            Field::RoleFocus => self.role_focus.is_some(),
            Field::MentoringType => self.mentoring_type.is_some(),
            Field::AssessmentType => self.assessment_type.is_some(),
            Field::Date => self.date.is_some(),
            Field::Reviewer => self.reviewer.is_some(),
        }
    }

    /// The participant, or the fields still without a value.
    pub fn participant(&self) -> Result<Participant, Vec<Field>> {
        match (
            &self.username,
            &self.role_focus,
            &self.mentoring_type,
            &self.assessment_type,
            self.date,
        ) {
            (Some(username), Some(role), Some(mentoring), Some(assessment), Some(date)) => {
                Ok(Participant {
                    username: username.clone(),
                    role_focus: role.clone(),
                    mentoring_type: mentoring.clone(),
                    assessment_type: assessment.clone(),
                    date,
                    reviewer: self.reviewer.clone(),
                })
            }
            _ => Err(Field::ALL
                .into_iter()
                .filter(|f| f.required() && !self.has(*f))
                .collect()),
        }
    }
}

/// Reads the header from the lines above the sheet table. The first line that fills in a
/// field gives its value; a later one that says otherwise, and a value the standard refuses,
/// are problems. Blank values and the blank sheet's hints ("(DD/MM/YYYY)") fill in nothing.
pub fn read<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    standard: &Standard,
) -> (Header, Vec<Problem>) {
    let mut header = Header::default();
    let mut seen: Vec<(Field, usize, String)> = Vec::new();
    let mut problems = Vec::new();
    for (number, line) in lines {
        let Some((field, value)) = header_line(line) else {
            continue;
        };
        if is_placeholder(&value) {
            continue;
        }
        if let Some((_, first, earlier)) = seen.iter().find(|(f, _, _)| *f == field) {
            if match_key(earlier) != match_key(&value) {
                problems.push(Problem::HeaderTwice {
                    line: number,
                    field: field.label(),
                    first: *first,
                });
            }
            continue;
        }
        seen.push((field, number, value.clone()));
        if let Err(reason) = header.set(field, &value, standard) {
            problems.push(Problem::BadHeader {
                line: number,
                field: field.label(),
                value,
                reason,
            });
        }
    }
    (header, problems)
}

/// Whether a line is one of the header list's (`* Username: Alice`), filled in or not.
pub(crate) fn is_header_line(line: &str) -> bool {
    header_line(line).is_some()
}

/// A line of the header list: `* Username: Alice`, `• Date: 25/11/2026`,
/// `'''Mentoring Type:''' Mentee`; the field and its value as text.
fn header_line(line: &str) -> Option<(Field, String)> {
    let item = line.trim_start_matches(|c: char| c.is_whitespace() || "*#:;•·‣◦-–".contains(c));
    let colon = item.find(':')?;
    let field = Field::of_label(&plain(&item[..colon]))?;
    let value = plain(item[colon + 1..].trim());
    Some((field, value.trim().to_string()))
}

/// Whether a value is what the blank sheet shows before it is filled in.
fn is_placeholder(value: &str) -> bool {
    let key = match_key(value);
    key.is_empty()
        || key == "(enter your miraheze username here)"
        || key == "(dd/mm/yyyy)"
        || (key.starts_with("(e.g.") && key.ends_with(')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header_list_in_the_ways_pages_write_it() {
        let standard = Standard::builtin();
        let lines = [
            "  • Username: [[User:Alice|Alice]]",
            "* '''Preferred Role Focus:''' mediawiki specialist",
            "# Mentoring Type: (e.g. Mentee, Mentor, Peer Support)",
            ": Assessment Type: Final check",
            "Date: 01/12/2026",
            "* 0 – No understanding or experience",
            "Username: Alice",
        ];
        let (header, problems) = read(lines.iter().copied().enumerate(), &standard);
        assert_eq!(problems, []);
        assert_eq!(header.username.as_deref(), Some("Alice"));
        assert_eq!(header.role_focus.as_deref(), Some("MediaWiki Specialist"));
        assert_eq!(header.mentoring_type, None);
        assert_eq!(header.assessment_type.as_deref(), Some("Final check"));
        assert_eq!(header.participant().unwrap_err(), [Field::MentoringType]);
    }

    #[test]
    fn names_the_line_of_a_value_the_standard_refuses() {
        let standard = Standard::builtin();
        let lines = [
            (7, "* Preferred Role Focus: Wizard"),
            (8, "* Date: 31/02/2026"),
            (9, "* Username: Bob"),
            (10, "* Username: Carol"),
        ];
        let (_, problems) = read(lines.into_iter(), &standard);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "line 7: Preferred Role Focus 'Wizard' is not one of the standard's: Generalist, MediaWiki Specialist, Infrastructure Specialist",
                "line 8: Date '31/02/2026' is no date as DD/MM/YYYY, such as 25/11/2026",
                "line 10: Username is given again, differently from line 9",
            ]
        );
    }
}
