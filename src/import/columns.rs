//! What the cells of a wiki table mean: column headings and the rows that are no KSB (section
//! headings, Markdown separator rows), recognised the way people write them.

use super::text::match_key;
use crate::model::standard::Category;

/// A column of a sheet or standard table, told by its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The KSB's id (`K1`), when a page has an id column.
    Id,
    /// The KSB's title: the column rows are matched by.
    Title,
    /// What the KSB asks of a participant (the standard's page).
    Description,
    /// The stack-area label.
    StackArea,
    /// The role focus.
    RoleFocus,
    /// The participant's score ("Score (0–3 or N/A)").
    Score,
    /// Notes or evidence.
    Notes,
    /// A column `ksb` does not read.
    Other,
}

impl Column {
    /// The column a heading names.
    pub fn of_heading(heading: &str) -> Column {
        let key = match_key(heading.trim_end_matches(':'));
        match key.as_str() {
            "id" | "ksb" | "ksb id" | "code" => Column::Id,
            "title" | "ksb title" | "name" => Column::Title,
            "description" => Column::Description,
            "stack area" | "area" | "stack" => Column::StackArea,
            "role focus" | "role" | "focus" => Column::RoleFocus,
            _ if key.starts_with("score") => Column::Score,
            _ if ["note", "evidence", "comment"]
                .iter()
                .any(|word| key.contains(word)) =>
            {
                Column::Notes
            }
            _ => Column::Other,
        }
    }
}

/// The category a section row names: "Knowledge", "Skills", "Behaviours" (singular, or the
/// American spelling, in any case).
pub fn section_of(cell: &str) -> Option<Category> {
    match match_key(cell).as_str() {
        "knowledge" => Some(Category::Knowledge),
        "skill" | "skills" => Some(Category::Skill),
        "behaviour" | "behaviours" | "behavior" | "behaviors" => Some(Category::Behaviour),
        _ => None,
    }
}

/// Whether a cell is part of a Markdown separator row: dashes (`---`, `—`), colons and spaces.
pub fn is_separator(cell: &str) -> bool {
    let mut dashes = false;
    for c in cell.chars() {
        match c {
            '-' | '—' | '–' | '‒' | '―' => dashes = true,
            ':' | ' ' | '\t' => {}
            _ => return false,
        }
    }
    dashes
}

/// Whether a cell holds only HTML attributes, as `colspan="4"` (with straight or typographic
/// quotes) does when a table row is pasted as flat text.
pub fn is_attributes(cell: &str) -> bool {
    const NAMES: [&str; 10] = [
        "colspan", "rowspan", "style", "class", "align", "valign", "scope", "width", "bgcolor",
        "id",
    ];
    let cell = cell.trim_start().as_bytes();
    NAMES.iter().any(|name| {
        cell.len() > name.len()
            && cell[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && cell[name.len()..].trim_ascii_start().starts_with(b"=")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_people_write() {
        assert_eq!(Column::of_heading("Title"), Column::Title);
        assert_eq!(Column::of_heading(" stack  AREA "), Column::StackArea);
        assert_eq!(Column::of_heading("Score (0–3 or N/A)"), Column::Score);
        assert_eq!(Column::of_heading("Notes / Evidence"), Column::Notes);
        assert_eq!(Column::of_heading("Evidence"), Column::Notes);
        assert_eq!(Column::of_heading("ID"), Column::Id);
        assert_eq!(Column::of_heading("Mentor says"), Column::Other);
    }

    #[test]
    fn rows_that_are_no_ksb() {
        assert_eq!(section_of(" Skills "), Some(Category::Skill));
        assert_eq!(section_of("BEHAVIORS"), Some(Category::Behaviour));
        assert_eq!(section_of("Knowledge base"), None);
        assert!(
            is_separator("—") && is_separator(":---:") && !is_separator("") && !is_separator("-x")
        );
        assert!(is_attributes("colspan=“4”") && is_attributes("colspan = \"5\""));
        assert!(!is_attributes("Colspan of a table"));
    }
}
