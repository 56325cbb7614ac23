//! Reading standards, sheets and the config file, and saving sheets, with errors that name the
//! file. A sheet or standard named `-` is read from standard input.

use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use ksb::config::ConfigFile;
use ksb::{sheet, store, Sheet, Standard};

/// The file name that stands for standard input.
pub const STDIN: &str = "-";

/// Whether `path` is `-`, standard input (or output).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// How messages name a file: `'path'`, or `<stdin>` for `-`.
pub fn name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        format!("'{}'", path.display())
    }
}

/// The standard in use: the file given with `--standard` (or a default), or the built-in one.
pub fn load_standard(path: Option<&Path>) -> Result<Standard> {
    match path {
        Some(path) => {
            let text =
                read_text(path).with_context(|| format!("reading standard {}", name(path)))?;
            Standard::from_yaml(&text).with_context(|| format!("in standard {}", name(path)))
        }
        None => Standard::builtin().context("in the built-in standard"),
    }
}

/// Reads and checks a sheet against the standard in use.
pub fn load_sheet(path: &Path, standard: &Standard) -> Result<Sheet> {
    let context = || format!("reading sheet {}", name(path));
    let text = read_text(path).with_context(context)?;
    Sheet::from_toml(&text, standard).with_context(context)
}

/// Reads and checks several sheets that must share one standard. When two files name
/// different standards, the error says which file names which, before any is checked against
/// the standard in use.
pub fn load_sheets_of_one_standard(paths: &[PathBuf], standard: &Standard) -> Result<Vec<Sheet>> {
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        texts.push(read_text(path).with_context(|| format!("reading sheet '{}'", path.display()))?);
    }
    let named: Vec<Option<String>> = texts.iter().map(|t| sheet::standard_named(t)).collect();
    let mut known = paths
        .iter()
        .zip(&named)
        .filter_map(|(p, n)| Some((p, n.as_ref()?)));
    if let Some((first_path, first)) = known.next() {
        if let Some((path, other)) = known.find(|(_, n)| n != &first) {
            bail!(
                "'{}' is for standard '{first}' but '{}' is for standard '{other}': only sheets of one standard can be read together",
                first_path.display(),
                path.display()
            );
        }
    }
    paths
        .iter()
        .zip(&texts)
        .map(|(path, text)| {
            Sheet::from_toml(text, standard)
                .with_context(|| format!("reading sheet '{}'", path.display()))
        })
        .collect()
}

/// Creates the folder sheets go to when it is not there yet, readable by its owner only (sheets
/// are personal data).
pub fn create_private_folder(folder: Option<&Path>) -> Result<()> {
    let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty() && !f.exists()) else {
        return Ok(());
    };
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(folder)
        .with_context(|| format!("creating the sheets folder '{}'", folder.display()))
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

/// Reads the config file. A missing file is no config (`None`) unless `required` (the user named
/// it with KSB_CONFIG); a bad one is an error naming the file, the line and the key.
pub fn load_config(path: &Path, required: bool) -> Result<Option<ConfigFile>> {
    if !required && !path.exists() {
        return Ok(None);
    }
    let context = || format!("reading config file '{}'", path.display());
    let text = read_text(path).with_context(context)?;
    ConfigFile::from_toml(&text).with_context(context).map(Some)
}

/// Reads a whole text file (or standard input for `-`), saying plainly when it is missing or a
/// folder.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = if is_stdin(path) {
        read_stdin()?
    } else {
        if path.is_dir() {
            anyhow::bail!("it is a directory, not a file");
        }
        fs::read(path).map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => anyhow::anyhow!("no such file"),
            _ => anyhow::Error::new(err),
        })?
    };
    String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })
}

fn read_stdin() -> Result<Vec<u8>> {
    let mut stdin = io::stdin().lock();
    if stdin.is_terminal() {
        anyhow::bail!("standard input is a terminal: pipe a sheet in, e.g. `ksb show - < me.toml`");
    }
    let mut bytes = Vec::new();
    stdin.read_to_end(&mut bytes)?;
    Ok(bytes)
}
