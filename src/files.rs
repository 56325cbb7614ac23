//! Reading standards and sheets from files, and saving sheets, with errors that name the file.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use ksb::{store, Sheet, Standard};

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

/// Reads and checks a sheet against the standard in use.
pub fn load_sheet(path: &Path, standard: &Standard) -> Result<Sheet> {
    let context = || format!("reading sheet '{}'", path.display());
    let text = read_text(path).with_context(context)?;
    Sheet::from_toml(&text, standard).with_context(context)
}

/// Saves a sheet atomically, readable by its owner only.
pub fn save_sheet(path: &Path, standard: &Standard, sheet: &Sheet) -> Result<()> {
    store::write_private(path, sheet.to_toml(standard).as_bytes())
        .with_context(|| format!("saving sheet '{}'", path.display()))
}

/// The sheets `paths` name: files as given, folders searched recursively for `*.toml` files (in
/// name order, so reports list them in the same order every time).
pub fn find_sheets(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut sheets = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_sheets(path, &mut sheets)?;
        } else {
            sheets.push(path.clone());
        }
    }
    Ok(sheets)
}

fn collect_sheets(folder: &Path, sheets: &mut Vec<PathBuf>) -> Result<()> {
    let context = || format!("searching folder '{}' for sheets", folder.display());
    let mut entries = fs::read_dir(folder)
        .and_then(|entries| entries.collect::<std::io::Result<Vec<_>>>())
        .with_context(context)?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if entry.file_type().with_context(context)?.is_dir() {
            collect_sheets(&path, sheets)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            sheets.push(path);
        }
    }
    Ok(())
}

/// Reads a whole text file, saying plainly when it is missing or a folder.
pub fn read_text(path: &Path) -> Result<String> {
    if path.is_dir() {
        anyhow::bail!("it is a directory, not a file");
    }
    let bytes = fs::read(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => anyhow::anyhow!("no such file"),
        _ => anyhow::Error::new(err),
    })?;
    String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })
}
