//! Markdown (CommonMark with GitHub tables).

use super::escape;
use super::markup::Markup;

/// Markdown syntax.
pub struct Markdown;

impl Markup for Markdown {
    fn heading(&self, level: usize, text: &str) -> String {
        format!("{} {}\n\n", "#".repeat(level), escape::markdown(text))
    }

    fn paragraph(&self, text: &str) -> String {
        format!("{}\n\n", escape::markdown(text))
    }

    fn table(&self, columns: &[&str], rows: &[Vec<String>]) -> String {
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        let mut out = line(columns.iter().map(|c| escape::markdown(c)).collect());
        out.push_str(&line(columns.iter().map(|_| "---".to_string()).collect()));
        for row in rows {
            out.push_str(&line(row.iter().map(|c| escape::markdown(c)).collect()));
        }
        out.push('\n');
        out
    }
}
