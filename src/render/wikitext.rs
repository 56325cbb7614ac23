//! MediaWiki wikitext, to paste into a wiki page.

use super::escape;
use super::markup::Markup;

/// Wikitext syntax: `==` headings and `{| class="wikitable"` tables.
pub struct Wikitext;

impl Markup for Wikitext {
    fn heading(&self, level: usize, text: &str) -> String {
        let marks = "=".repeat(level);
        format!("{marks} {} {marks}\n\n", escape::wikitext(text))
    }

    fn paragraph(&self, text: &str) -> String {
        format!("{}\n\n", escape::wikitext(text))
    }

    fn table(&self, columns: &[&str], rows: &[Vec<String>]) -> String {
        let cells = |cells: Vec<String>, separator: &str| cells.join(separator);
        let mut out = String::from("{| class=\"wikitable\"\n");
        out.push_str(&format!(
            "! {}\n",
            cells(
                columns.iter().map(|c| escape::wikitext(c)).collect(),
                " !! "
            )
        ));
        for row in rows {
            out.push_str(&format!(
                "|-\n| {}\n",
                cells(row.iter().map(|c| escape::wikitext(c)).collect(), " || ")
            ));
        }
        out.push_str("|}\n\n");
        out
    }
}
