//! The application: what the binary does with the parsed command line, and everything that
//! touches the outside world (files, the terminal, the environment, the user's defaults).

pub mod cohort;
pub mod cohort_io;
pub mod commands;
pub mod context;
pub mod header_flags;
pub mod output;
pub mod output_file;
pub mod prompt;
pub mod settings;
pub mod sheet_file;
pub mod sheet_io;
pub mod shell;
pub mod signals;
pub mod standard_choice;
pub mod stderr;
pub mod style;
pub mod unfinished;
pub mod wiki_conn;
pub mod wiki_sheets;
