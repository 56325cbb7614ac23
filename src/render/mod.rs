//! Turning the core's data into text, one module per output format. Renderers return strings;
//! the binary decides where they go.

pub mod bar;
pub mod csv;
pub mod export;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod sections;
pub mod standard_yaml;
pub mod svg;
pub mod table;
pub mod wikitext;

use crate::model::sheet::Participant;

/// A sheet as a report that shows several names it: the file it was read from and its header.
#[derive(Debug, Clone, Copy)]
pub struct SheetLabel<'a> {
    /// The file name as the user gave it.
    pub file: &'a str,
    /// The sheet's participant header.
    pub participant: &'a Participant,
}

/// How terminal output may look: decided once by the binary from the terminal and NO_COLOR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Draw borders with Unicode box-drawing characters (otherwise plain ASCII).
    pub unicode: bool,
    /// Colour scores with ANSI escape codes.
    pub color: bool,
    /// Fit tables into this many columns.
    pub width: Option<u16>,
}

impl Style {
    /// Plain ASCII, no colour, no width limit: for pipes, files and tests.
    pub const PLAIN: Style = Style {
        unicode: false,
        color: false,
        width: None,
    };
}

/// A mean as tables show it: two decimals, or blank when nothing is scored.
pub fn format_mean(mean: Option<f64>) -> String {
    mean.map(|m| format!("{m:.2}")).unwrap_or_default()
}

/// A change in points with its sign: `+2`, `-1`, `0`.
pub fn format_delta(delta: i8) -> String {
    if delta > 0 {
        format!("+{delta}")
    } else {
        delta.to_string()
    }
}

/// A change of means with its sign and two decimals (`+0.50`), or blank when there is none.
pub fn format_mean_delta(delta: Option<f64>) -> String {
    delta.map(|d| format!("{d:+.2}")).unwrap_or_default()
}

/// A distance travelled as a whole percentage (`80%`), or blank when there is none.
pub fn format_share(share: Option<f64>) -> String {
    share
        .map(|s| format!("{:.0}%", s * 100.0))
        .unwrap_or_default()
}
