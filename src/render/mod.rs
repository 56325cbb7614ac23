//! Turning the core's data into text, one module per output format: reports
//! ([`crate::report`]) through the terminal table and each markup format, the exported sheet
//! through [`export::Exporter`], figures as JSON, charts as SVG. Renderers return strings;
//! the binary decides where they go.

pub mod bar;
pub mod csv;
pub mod csv_report;
pub mod evidence_table;
pub mod export;
pub mod heatmap;
pub mod json;
pub mod long;
pub mod markdown;
pub mod markup;
pub mod narrow;
pub mod standard_yaml;
pub mod svg;
pub mod table;
pub mod terminal;
pub mod width;
pub mod wikitext;
pub mod xml;

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
