//! Writing an export or a chart to the file `-o` names: atomically and privately, never over a
//! ksb sheet, and over another file only when asked.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use ksb::model::sheet;
use ksb::store::{self, ReadError, ReplaceError, Snapshot};

use crate::app::output;
use crate::app::sheet_io::is_stdin;

/// Refuses an `-o` path that is a symbolic link (naming where it points: ksb never writes
/// through one, which would change the file at the other end and its mode) or something other
/// than a regular file (a named pipe, a device, a socket, a folder), whatever `--force` says.
pub fn refuse_link_or_special(path: &Path, what: &str) -> Result<()> {
    let Ok(metadata) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    if metadata.file_type().is_symlink() {
        let target = fs::read_link(path).unwrap_or_default();
        let dangling = if path.exists() {
            ""
        } else {
            " (which does not exist)"
        };
        bail!(
            "refusing to write the {what} to '{}': it is a symbolic link to '{}'{dangling}, and ksb does not write through links: give -o the file itself, or `-o -` for standard output",
            path.display(),
            target.display()
        );
    }
    if let Some(kind) = store::special_kind(&metadata) {
        bail!(
            "refusing to write the {what} to '{}': it is {kind}, not a regular file: choose another -o file, or `-o -` for standard output",
            path.display()
        );
    }
    Ok(())
}

/// Writes an export or a chart to `path` (atomically, readable by its owner only), or to
/// standard output for `-`. Never writes through a symbolic link or to anything but a regular
/// file, never over a ksb sheet (one of the sheets it was made from
/// or any other), and over another file that is already there only with `force`; a file that
/// another program creates or changes meanwhile is left as it is. Returns whether a file was
/// written.
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    inputs: &[PathBuf],
    what: &str,
    force: bool,
) -> Result<bool> {
    if is_stdin(path) {
        output::emit_bytes(bytes)?;
        return Ok(false);
    }
    refuse_link_or_special(path, what)?;
    crate::app::signals::install()?;
    let target = fs::canonicalize(path).ok();
    if let Some(input) = inputs
        .iter()
        .find(|input| target.is_some() && fs::canonicalize(input).ok() == target)
    {
        bail!(
            "refusing to write the {what} over its own sheet '{}': choose another -o file",
            input.display()
        );
    }
    let context = || format!("writing {what} '{}'", path.display());
    // What is at the path now: nothing, a file `ksb` could read (and what it held), or a file
    // that is not text or too large to be a sheet.
    let there = match store::read_text(path) {
        Ok((text, snapshot)) => {
            if sheet::looks_like_sheet(&text) {
                bail!(
                    "refusing to write the {what} over '{}', which is a ksb sheet: choose another -o file",
                    path.display()
                );
            }
            Some(Some(snapshot))
        }
        Err(ReadError::Missing) => None,
        Err(ReadError::NotUtf8(_) | ReadError::TooLarge(_)) => Some(None),
        Err(err) => return Err(anyhow::Error::new(err).context(context())),
    };
    if there.is_some() && !force {
        bail!(
            "'{}' is already there: add --force to replace it, or choose another -o file",
            path.display()
        );
    }
    let written = match there {
        None => store::replace_private(path, Snapshot::Absent, bytes),
        Some(Some(snapshot)) => store::replace_private(path, snapshot, bytes),
        Some(None) => store::write_private(path, bytes).map_err(ReplaceError::Io),
    };
    match written {
        Ok(()) => Ok(true),
        Err(ReplaceError::Io(err)) => Err(anyhow::Error::new(err).context(context())),
        Err(err) => bail!(
            "'{}' {err}; not writing the {what} over it: run the command again",
            path.display()
        ),
    }
}
