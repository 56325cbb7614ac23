//! `ksb`: skills assessment against a KSB (Knowledge, Skills, Behaviours) standard.
//!
//! This library is the core the `ksb` binary wires up, in layers:
//! - [`model`]: the standard ([`Standard`]), a participant's scored [`Sheet`], [`Score`]s, ids;
//! - [`figures`]: [`Summary`] figures of a sheet, [`Cohort`] figures over many, comparisons,
//!   progress and plans;
//! - [`render`]: the renderers that turn them into text, one module per format;
//! - [`store`]: reading and writing files so that nothing is ever half written;
//! - [`import`]: sheets and the standard read back from wiki pages;
//! - [`interop`]: standards in the formats of other systems (Moodle CSV, CASE).
//!
//! It never prints, never prompts and never reads the environment; the binary does all three.

#![deny(clippy::all)]

pub mod figures;
pub mod import;
pub mod interop;
pub mod model;
pub mod platform;
pub mod render;
pub mod report;
pub mod store;
#[cfg(test)]
mod test_support;
pub mod wiki;

pub use figures::cohort::{Cohort, FocusGroup, KsbFigures};
pub use figures::grouping::{Grouped, Grouping};
pub use figures::summary::{Summary, Tally};
pub use model::id::KsbId;
pub use model::score::Score;
pub use model::sheet::{LoadWarning, Participant, Sheet, SheetError, WikiRecord};
pub use model::standard::{Category, Ksb, Standard, StandardError};
