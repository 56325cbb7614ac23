//! Reading standards, sheets and the config file, with errors that name the file. A sheet or
//! standard named `-` is read from standard input.

use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::app::settings::ConfigFile;
use anyhow::{bail, Context, Result};
use ksb::model::sheet;
use ksb::platform::permissions;
use ksb::store::{self, ReadError, Snapshot, MAX_FILE_BYTES};
use ksb::{Sheet, Standard};

use crate::app::standard_choice;
use crate::app::stderr;

/// The file name that stands for standard input.
pub const STDIN: &str = "-";

/// Whether `path` is `-`, standard input (or output).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Refuses more than one `-` among `paths`: standard input can be read only once.
pub fn refuse_repeated_stdin(paths: &[PathBuf]) -> Result<()> {
    if paths.iter().filter(|p| is_stdin(p)).count() > 1 {
        bail!("only one SHEET can be '-' (standard input)");
    }
    Ok(())
}

/// Refuses `-` where `command` writes the sheet: it needs a file to save to.
pub fn refuse_stdin_for_writing(path: &Path, command: &str) -> Result<()> {
    if is_stdin(path) {
        bail!(
            "`ksb {command}` writes the sheet, so it needs a file name, not '-' (standard input)"
        );
    }
    Ok(())
}

/// How a report that shows several sheets labels one: its path as given, or `stdin` for `-`.
pub fn label(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
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
        None => Ok(Standard::builtin()),
    }
}

/// What a loader read, with the warnings reading it gave (such as KSBs added or removed by a
/// newer version of the standard), each naming its file. The caller prints them when it is
/// ready (after a progress bar, in the order the files were given): the value is reached only
/// through [`Loaded::warn`] or [`Loaded::into_parts`], so no warning is dropped by accident.
#[must_use]
pub struct Loaded<T> {
    value: T,
    warnings: Vec<String>,
}

impl<T> Loaded<T> {
    /// Prints the warnings on stderr and gives the value.
    pub fn warn(self) -> T {
        for warning in &self.warnings {
            stderr::warn(warning);
        }
        self.value
    }

    /// The value and the warnings, for a caller that prints them later.
    pub fn into_parts(self) -> (T, Vec<String>) {
        (self.value, self.warnings)
    }
}

/// Reads and checks a sheet against the standard in use.
pub fn load_sheet(path: &Path, standard: &Standard) -> Result<Loaded<Sheet>> {
    let text = read_text(path).with_context(|| format!("reading sheet {}", name(path)))?;
    parse_sheet(path, &text, standard)
}

/// Checks a sheet's text against the standard in use.
pub fn parse_sheet(path: &Path, text: &str, standard: &Standard) -> Result<Loaded<Sheet>> {
    let context = || format!("reading sheet {}", name(path));
    let (sheet, warnings) = Sheet::from_toml_with_warnings(text, standard)
        .map_err(standard_choice::advised)
        .with_context(context)?;
    Ok(Loaded {
        value: sheet,
        warnings: warnings
            .iter()
            .map(|warning| format!("{}: {warning}", context()))
            .collect(),
    })
}

/// Reads and checks several sheets that must share one standard. When two files name
/// different standards, the error says which file names which, before any is checked against
/// the standard in use.
pub fn load_sheets_of_one_standard(
    paths: &[PathBuf],
    standard: &Standard,
) -> Result<Loaded<Vec<Sheet>>> {
    refuse_repeated_stdin(paths)?;
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        texts.push(read_text(path).with_context(|| format!("reading sheet {}", name(path)))?);
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
    let mut loaded = Loaded {
        value: Vec::with_capacity(paths.len()),
        warnings: Vec::new(),
    };
    for (path, text) in paths.iter().zip(&texts) {
        let (sheet, warnings) = parse_sheet(path, text, standard)?.into_parts();
        loaded.value.push(sheet);
        loaded.warnings.extend(warnings);
    }
    Ok(loaded)
}

/// Creates the folder sheets go to when it is not there yet, readable by its owner only (sheets
/// are personal data).
pub fn create_private_folder(folder: Option<&Path>) -> Result<()> {
    let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty() && !f.exists()) else {
        return Ok(());
    };
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    permissions::private_folders(&mut builder);
    builder
        .create(folder)
        .with_context(|| format!("creating the sheets folder '{}'", folder.display()))
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

/// Reads a whole text file (or standard input for `-`) of at most [`MAX_FILE_BYTES`], saying
/// plainly when it is missing, a folder, too large or not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    Ok(read_text_and_snapshot(path)?.0)
}

/// [`read_text`], with the snapshot a later save compares against.
pub fn read_text_and_snapshot(path: &Path) -> Result<(String, Snapshot)> {
    if !is_stdin(path) {
        return Ok(store::read_text(path)?);
    }
    let stdin = io::stdin().lock();
    if stdin.is_terminal() {
        bail!("standard input is a terminal: pipe a sheet in, e.g. `ksb show - < me.toml`");
    }
    let mut bytes = Vec::new();
    stdin.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(None).into());
    }
    let snapshot = Snapshot::of(&bytes);
    let text = String::from_utf8(bytes)
        .map_err(|err| ReadError::NotUtf8(err.utf8_error().valid_up_to()))?;
    Ok((text, snapshot))
}
