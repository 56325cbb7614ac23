//! Turning the core's data into text, one module per output format. Renderers return strings;
//! the binary decides where they go.

pub mod csv;
pub mod export;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod table;
pub mod wikitext;

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
