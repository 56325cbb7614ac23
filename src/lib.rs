//! `ksb`: skills assessment against a KSB (Knowledge, Skills, Behaviours) standard.
//!
//! This library is the core the `ksb` binary wires up: the standard ([`Standard`]), a
//! participant's scored [`Sheet`], [`Score`]s, [`Summary`] figures, [`Cohort`] figures over
//! many sheets, and the renderers that turn them into text. It never prints and never prompts;
//! the binary does both.

#![deny(clippy::all)]

pub mod cohort;
pub mod compare;
pub mod config;
pub mod date;
pub mod id;
pub mod plan;
pub mod position;
pub mod progress;
pub mod render;
pub mod score;
pub mod sheet;
pub mod standard;
pub mod store;
pub mod summary;
#[cfg(test)]
mod test_support;
pub mod version;

pub use cohort::{Cohort, FocusGroup, KsbFigures};
pub use id::KsbId;
pub use score::Score;
pub use sheet::{LoadWarning, Participant, Sheet, SheetError};
pub use standard::{Category, Ksb, Standard, StandardError};
pub use summary::{Grouping, Summary, Tally};
