//! Figures computed from sheets: one sheet's summary, a cohort, two sheets compared, progress
//! over several sheets, and a development plan. Figures are plain data; `render` draws them.

pub mod calibration;
pub mod cohort;
pub mod compare;
pub mod evidence;
pub mod grouping;
pub mod heatmap;
pub mod plan;
pub mod progress;
pub mod roster;
pub mod selection;
pub mod summary;
