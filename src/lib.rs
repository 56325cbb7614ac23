//! `ksb`: skills assessment against a KSB (Knowledge, Skills, Behaviours) standard.
//!
//! This library is the core the `ksb` binary wires up: the standard ([`Standard`]), a
//! participant's scored [`Sheet`], [`Score`]s, [`Summary`] figures, and the renderers that turn
//! them into text. It never prints and never prompts; the binary does both.

#![deny(clippy::all)]

pub mod date;
pub mod id;
pub mod position;
pub mod render;
pub mod score;
pub mod sheet;
pub mod standard;
pub mod store;
pub mod summary;
pub mod version;

pub use id::KsbId;
pub use score::Score;
pub use sheet::{LoadWarning, Participant, Sheet, SheetError};
pub use standard::{Category, Ksb, Standard, StandardError};
pub use summary::{Grouping, Summary, Tally};
