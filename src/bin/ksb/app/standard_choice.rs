//! How the standard in use was chosen (`--standard`, KSB_STANDARD, the config file), and so
//! what a sheet of another standard should be told to do.

use std::sync::OnceLock;

use ksb::{SheetError, Standard};

/// How the user chose a standard other than the built-in one, as advice to a sheet of the
/// built-in standard ("drop --standard"); set by the command's context when it loads the
/// standard (one command runs per process, so once).
static STANDARD_CHOICE: OnceLock<String> = OnceLock::new();

/// Records how the standard in use was chosen: `undo` says how not to choose it.
pub fn record(undo: String) {
    let _ = STANDARD_CHOICE.set(undo);
}

/// A sheet error, with what to do when the sheet is of another standard than the one in use:
/// drop the choice of another standard when the sheet is of the built-in one, or choose the
/// sheet's own standard.
pub fn advised(err: SheetError) -> anyhow::Error {
    let advice = match &err.other_standard {
        Some(id) if *id == Standard::builtin().id => format!(
            "it is a sheet of the built-in standard, so {}",
            STANDARD_CHOICE
                .get()
                .map_or("read it without --standard", String::as_str)
        ),
        Some(_) => "choose its standard's file with --standard FILE".to_string(),
        None => return err.into(),
    };
    anyhow::anyhow!("{err}: {advice}")
}
