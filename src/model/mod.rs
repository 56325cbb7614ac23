//! The data `ksb` is about: the standard, a participant's sheet, scores, ids, dates and
//! versions, each validated once where it enters the program.

pub mod assessment;
pub mod date;
pub mod evidence;
pub mod id;
pub mod position;
pub mod score;
pub mod sheet;
pub mod standard;
pub mod username;
pub mod version;
