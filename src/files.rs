//! Reading standards and sheets from files, and saving sheets, with errors that name the file.

use std::path::Path;

use anyhow::{Context, Result};
use ksb::store::{self, ReplaceError, Snapshot, MAX_FILE_BYTES};
use ksb::{Sheet, Standard};

/// The standard in use: the file given with `--standard`, or the built-in one.
pub fn load_standard(path: Option<&Path>) -> Result<Standard> {
    match path {
        Some(path) => {
            let text = read_text(path)
                .with_context(|| format!("reading standard '{}'", path.display()))?;
            Standard::from_yaml(&text).with_context(|| format!("in standard '{}'", path.display()))
        }
        None => Standard::builtin().context("in the built-in standard"),
    }
}

/// Reads and checks a sheet against the standard in use, printing any warnings (such as KSBs
/// added or removed by a newer version of the standard) to stderr.
pub fn load_sheet(path: &Path, standard: &Standard) -> Result<Sheet> {
    load_sheet_for_update(path, standard).map(|(sheet, _)| sheet)
}

/// Like [`load_sheet`], with the snapshot of the file that [`save_sheet_unless_changed`] needs
/// to refuse overwriting a change another program made in the meantime.
pub fn load_sheet_for_update(path: &Path, standard: &Standard) -> Result<(Sheet, Snapshot)> {
    let context = || format!("reading sheet '{}'", path.display());
    let (text, snapshot) = store::read_text(path).with_context(context)?;
    let (sheet, warnings) =
        Sheet::from_toml_with_warnings(&text, standard).with_context(context)?;
    for warning in warnings {
        eprintln!("ksb: warning: {}: {warning}", context());
    }
    Ok((sheet, snapshot))
}

/// Saves a sheet atomically, readable by its owner only, but only if the file still holds what
/// `loaded` describes (or is still missing, for a new sheet): when another program changed,
/// deleted or created it since `ksb` looked, its file is left exactly as it is.
///
/// Returns the snapshot of what was saved, for the next save of the same sheet (a command that
/// saves after every answer passes each save's snapshot to the next).
pub fn save_sheet_unless_changed(
    path: &Path,
    standard: &Standard,
    sheet: &Sheet,
    loaded: Snapshot,
) -> Result<Snapshot> {
    let context = || format!("saving sheet '{}'", path.display());
    let text = sheet_text(standard, sheet).with_context(context)?;
    let name = path.display();
    match store::replace_private(path, loaded, text.as_bytes()) {
        Ok(()) => Ok(Snapshot::of(text.as_bytes())),
        Err(ReplaceError::Io(err)) => Err(anyhow::Error::new(err).context(context())),
        Err(err @ ReplaceError::Changed) => anyhow::bail!(
            "sheet '{name}' {err}; not overwriting it: run the command again to work on its new contents"
        ),
        Err(err @ ReplaceError::Deleted) => anyhow::bail!(
            "sheet '{name}' {err}; not recreating it: run the command again if it should exist"
        ),
        Err(err @ ReplaceError::Created) => anyhow::bail!(
            "sheet '{name}' {err}; not overwriting it: run the command again to update it"
        ),
    }
}

/// The sheet as TOML, refusing a sheet too large for `ksb` to read back.
fn sheet_text(standard: &Standard, sheet: &Sheet) -> Result<String> {
    let text = sheet.to_toml(standard);
    if text.len() as u64 > MAX_FILE_BYTES {
        anyhow::bail!(
            "the sheet would be {} bytes, over ksb's limit of {} MiB for sheets; shorten its notes",
            text.len(),
            MAX_FILE_BYTES >> 20
        );
    }
    Ok(text)
}

/// Reads a whole text file of at most [`MAX_FILE_BYTES`], saying plainly when it is missing,
/// a folder, too large or not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    Ok(store::read_text(path)?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = include_str!("../tests/fixtures/example.toml");

    fn loaded(dir: &Path) -> (std::path::PathBuf, Standard, Sheet, Snapshot) {
        let path = dir.join("x.toml");
        std::fs::write(&path, SHEET).unwrap();
        let standard = Standard::builtin().unwrap();
        let (mut sheet, snapshot) = load_sheet_for_update(&path, &standard).unwrap();
        sheet.set_score("K3".parse().unwrap(), Some(ksb::Score::Three));
        (path, standard, sheet, snapshot)
    }

    #[test]
    fn saves_a_sheet_nobody_else_touched_again_and_again() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, mut sheet, snapshot) = loaded(dir.path());
        let saved = save_sheet_unless_changed(&path, &standard, &sheet, snapshot).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("K3 = 3"));
        sheet.set_score("K4".parse().unwrap(), Some(ksb::Score::One));
        save_sheet_unless_changed(&path, &standard, &sheet, saved).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("K4 = 1"));
    }

    #[test]
    fn refuses_to_overwrite_a_sheet_changed_between_load_and_save() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, sheet, snapshot) = loaded(dir.path());
        let theirs = SHEET.replace("K1 = 2", "K1 = 1");
        std::fs::write(&path, &theirs).unwrap();
        let err = save_sheet_unless_changed(&path, &standard, &sheet, snapshot).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "sheet '{}' was changed by another program since ksb read it; not overwriting it: \
                 run the command again to work on its new contents",
                path.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }

    #[test]
    fn refuses_to_recreate_a_sheet_deleted_between_load_and_save() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, sheet, snapshot) = loaded(dir.path());
        std::fs::remove_file(&path).unwrap();
        let err = save_sheet_unless_changed(&path, &standard, &sheet, snapshot).unwrap_err();
        assert!(
            format!("{err:#}").contains("was deleted by another program since ksb read it"),
            "{err:#}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn refuses_a_sheet_too_large_to_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (path, standard, mut sheet, snapshot) = loaded(dir.path());
        let note = "x".repeat(MAX_FILE_BYTES as usize);
        sheet.set_note("K1".parse().unwrap(), &note);
        let err = save_sheet_unless_changed(&path, &standard, &sheet, snapshot).unwrap_err();
        assert!(
            format!("{err:#}").contains("over ksb's limit of 10 MiB for sheets"),
            "{err:#}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), SHEET);
    }
}
