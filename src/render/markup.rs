//! Documents in a markup language (Markdown, wikitext): one trait per language's syntax, one
//! function per document, so a new language is a few lines.

use super::sections::{self, Section};
use crate::plan::Plan;
use crate::sheet::Participant;

/// The syntax of one markup language. Every method escapes the user text it is given.
pub trait Markup {
    /// A heading; level 2 is a page section.
    fn heading(&self, level: usize, text: &str) -> String;
    /// A paragraph of text.
    fn paragraph(&self, text: &str) -> String;
    /// A table with these column headings and rows.
    fn table(&self, columns: &[&str], rows: &[Vec<String>]) -> String;
}

fn section(markup: &impl Markup, section: &Section) -> String {
    let mut out = markup.heading(3, &section.heading);
    if section.rows.is_empty() {
        out.push_str(&markup.paragraph(section.when_empty));
    } else {
        out.push_str(&markup.table(&section.columns, &section.rows));
    }
    out
}

/// A development plan: `ksb plan --format markdown|wikitext`.
pub fn plan(markup: &impl Markup, participant: &Participant, plan: &Plan) -> String {
    let mut out = markup.heading(2, &sections::plan_title(participant));
    out.push_str(&markup.paragraph(&sections::plan_intro(participant, plan)));
    for part in sections::plan(plan) {
        out.push_str(&section(markup, &part));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::Markdown;
    use crate::render::wikitext::Wikitext;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec!["K1".into(), "A | B [[link]]".into()],
            vec!["S2".into(), "two\nlines".into()],
        ]
    }

    #[test]
    fn markdown_tables_escape_cells() {
        assert_eq!(
            Markdown.table(&["Id", "Title"], &rows()),
            "| Id | Title |\n| --- | --- |\n| K1 | A \\| B \\[\\[link\\]\\] |\n| S2 | two lines |\n\n"
        );
        assert_eq!(
            Markdown.heading(3, "Not yet scored"),
            "### Not yet scored\n\n"
        );
    }

    #[test]
    fn wikitext_tables_escape_cells() {
        assert_eq!(
            Wikitext.table(&["Id", "Title"], &rows()),
            "{| class=\"wikitable\"\n! Id !! Title\n|-\n| K1 || A &#124; B &#91;&#91;link&#93;&#93;\n|-\n| S2 || two&#10;lines\n|}\n\n"
        );
        assert_eq!(
            Wikitext.heading(2, "Plan = done"),
            "== Plan &#61; done ==\n\n"
        );
    }
}
