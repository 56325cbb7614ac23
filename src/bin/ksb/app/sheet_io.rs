//! Reading standards, sheets and the config file, and saving sheets, with errors that name the
//! file. A sheet or standard named `-` is read from standard input.

use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::app::settings::ConfigFile;
use anyhow::{bail, Context, Result};
use ksb::model::sheet;
use ksb::platform::files::{entry_id, file_id};
use ksb::platform::permissions;
use ksb::store::{self, LockError, ReadError, ReplaceError, Snapshot, WriteLock, MAX_FILE_BYTES};
use ksb::{Sheet, Standard};

use crate::app::{output, standard_choice};

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
            output::warn(warning);
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

/// How long a save waits for another `ksb` that is saving the same sheet: a save holds the
/// sheet's lock for milliseconds, so only a stuck writer makes anybody wait this long.
pub const WRITER_PATIENCE: Duration = Duration::from_secs(10);

/// A sheet that is locked as a finished assessment: no command changes it, and only
/// [`SheetFile::set_locked`] (`ksb lock --undo`) unlocks it.
#[derive(Debug, thiserror::Error)]
#[error(
    "sheet '{}' is locked as a finished assessment; unlock it first with `ksb lock --undo {}`",
    .path.display(),
    output::shell_word(&.path.display().to_string())
)]
pub struct SheetLocked {
    /// The sheet, as the user named it.
    pub path: PathBuf,
}

/// A sheet file being worked on, and the only way `ksb` writes a sheet.
///
/// It remembers what the file held when `ksb` last read or wrote it, so that a save never
/// overwrites (or recreates) a file another program changed (or deleted) in the meantime: that
/// file is left exactly as it is, and the error says so. Every save holds the sheet's write lock
/// (see [`WriteLock`]) from that check until the new file is durably in place, so two `ksb`s
/// never both pass the check and one of them silently replace the other's answer. A locked
/// sheet is never opened for a change, and no save writes one: locking and unlocking go
/// through [`SheetFile::set_locked`] alone.
pub struct SheetFile {
    /// Where the sheet is.
    pub path: PathBuf,
    /// What the file held when last read or written by `ksb`.
    snapshot: Snapshot,
    /// The file's text when last read or written by `ksb` (none for a new sheet): a save edits
    /// it, so that comments and layout written by hand survive.
    text: Option<String>,
}

/// What [`SheetFile::update`] did.
pub struct Updated {
    /// The sheet as saved.
    pub sheet: Sheet,
    /// Whether the file was there before (`false`: it was created).
    pub existed: bool,
}

impl SheetFile {
    /// Reads and checks the sheet at `path` to change it; refuses a locked sheet
    /// ([`SheetLocked`]) before anything is asked or changed. A command that changes a sheet
    /// works on that one sheet, so its warnings are printed here, before anything else.
    pub fn open(path: &Path, standard: &Standard) -> Result<(SheetFile, Sheet)> {
        let (file, sheet) = SheetFile::open_even_locked(path, standard)?;
        if sheet.locked {
            return Err(SheetLocked {
                path: path.to_path_buf(),
            }
            .into());
        }
        Ok((file, sheet))
    }

    fn open_even_locked(path: &Path, standard: &Standard) -> Result<(SheetFile, Sheet)> {
        let (text, snapshot) = read_text_and_snapshot(path)
            .with_context(|| format!("reading sheet {}", name(path)))?;
        let sheet = parse_sheet(path, &text, standard)?.warn();
        let file = SheetFile {
            path: path.to_path_buf(),
            snapshot,
            text: Some(text),
        };
        Ok((file, sheet))
    }

    /// A sheet file to be created: its first save refuses if another program created the file
    /// first.
    pub fn create(path: &Path) -> SheetFile {
        SheetFile {
            path: path.to_path_buf(),
            snapshot: Snapshot::Absent,
            text: None,
        }
    }

    /// Whether the file is there as far as `ksb` knows: it was read, or written since
    /// [`SheetFile::create`].
    pub fn is_there(&self) -> bool {
        self.text.is_some()
    }

    /// Changes the sheet at `path` as it is now, for a command that says what to set rather
    /// than what it saw (`ksb score`): under the sheet's write lock (waiting for another writer
    /// to finish), the sheet is read (`None` when there is none yet), `change` makes the sheet
    /// to save from it, and it is saved before the lock is let go. So two such commands run at
    /// once both land, one after the other. A locked sheet is refused before `change` runs.
    pub fn update(
        path: &Path,
        standard: &Standard,
        change: impl FnOnce(Option<Sheet>) -> Result<Sheet>,
    ) -> Result<Updated> {
        let lock = lock(path)?;
        let (mut file, current) = if path.exists() {
            let (file, sheet) = SheetFile::open(path, standard)?;
            (file, Some(sheet))
        } else {
            (SheetFile::create(path), None)
        };
        let existed = current.is_some();
        let sheet = change(current)?;
        refuse_locked(&file, &sheet)?;
        file.write(standard, &sheet, &lock)?;
        Ok(Updated { sheet, existed })
    }

    /// Locks (`ksb lock`) or unlocks (`ksb lock --undo`) the sheet at `path`, under its write
    /// lock: the one way to write a locked sheet or over one. Returns whether the file changed
    /// (`false`: it was locked, or unlocked, already).
    pub fn set_locked(path: &Path, standard: &Standard, locked: bool) -> Result<bool> {
        if !path.exists() {
            // Not there (or not reachable): reading says which, before any lock file is made.
            SheetFile::open_even_locked(path, standard)?;
        }
        let lock = lock(path)?;
        let (mut file, mut sheet) = SheetFile::open_even_locked(path, standard)?;
        if sheet.locked == locked {
            return Ok(false);
        }
        sheet.locked = locked;
        file.write(standard, &sheet, &lock)?;
        Ok(true)
    }

    /// Puts the sheet at `path` in step with its page (`ksb wiki publish`): under its write
    /// lock, `updated` (the merge, with its new [`sheet::WikiRecord`]) is written, provided the
    /// file still holds `expected` (the sheet the command read), apart from its record. A locked
    /// sheet takes a new record only: publishing a finished assessment does not change it, and
    /// a merge that would is refused ([`SheetLocked`]).
    pub fn record_wiki(
        path: &Path,
        standard: &Standard,
        expected: &Sheet,
        updated: &Sheet,
    ) -> Result<()> {
        let lock = lock(path)?;
        let (mut file, sheet) = SheetFile::open_even_locked(path, standard)?;
        let bare = |s: &Sheet| {
            let mut s = s.clone();
            s.wiki = None;
            s
        };
        if bare(&sheet) != bare(expected) {
            let record = updated.wiki.as_ref();
            bail!(
                "sheet '{}' changed while it was being published: revision {} of page '{}' holds the sheet as it was; run `ksb wiki publish` again",
                path.display(),
                record.map_or(0, |r| r.revision),
                record.map_or("", |r| r.page.as_str())
            );
        }
        if sheet.locked && bare(updated) != bare(&sheet) {
            return Err(SheetLocked {
                path: path.to_path_buf(),
            }
            .into());
        }
        if &sheet == updated {
            return Ok(());
        }
        file.write(standard, updated, &lock)
    }

    /// Saves the sheet atomically, readable by its owner only, unless another program changed,
    /// deleted or created the file since `ksb` last read or wrote it. An existing file is
    /// edited in place: only the values that changed change, comments and layout stay. Waits
    /// (a bounded time) while another `ksb` is saving the same sheet, then checks.
    pub fn save(&mut self, standard: &Standard, sheet: &Sheet) -> Result<()> {
        if is_stdin(&self.path) {
            bail!("a sheet read from standard input cannot be saved: name its file instead");
        }
        refuse_locked(self, sheet)?;
        let lock = lock(&self.path)?;
        self.write(standard, sheet, &lock)
    }

    /// Writes the sheet while its write lock is held: checks that the file still holds what
    /// `ksb` last read or wrote, writes the new file beside it, flushes it, renames it into
    /// place and flushes the folder, so the save is durable when this returns.
    fn write(&mut self, standard: &Standard, sheet: &Sheet, _held: &WriteLock) -> Result<()> {
        let path = &self.path;
        let context = || format!("saving sheet '{}'", path.display());
        let text = sheet_text(standard, sheet, self.text.as_deref()).with_context(context)?;
        let name = path.display();
        match store::replace_private(path, self.snapshot, text.as_bytes()) {
            Ok(()) => {
                self.snapshot = Snapshot::of(text.as_bytes());
                self.text = Some(text);
                Ok(())
            }
            Err(ReplaceError::Io(err)) => Err(anyhow::Error::new(err).context(context())),
            Err(err @ ReplaceError::Changed) => bail!(
                "sheet '{name}' {err}; not overwriting it: run the command again to work on its new contents"
            ),
            Err(err @ ReplaceError::Deleted) => bail!(
                "sheet '{name}' {err}; not recreating it: run the command again if it should exist"
            ),
            Err(err @ ReplaceError::Created) => bail!(
                "sheet '{name}' {err}; not overwriting it: run the command again to update it"
            ),
        }
    }
}

/// Refuses to save a sheet marked locked anywhere but in [`SheetFile::set_locked`].
fn refuse_locked(file: &SheetFile, sheet: &Sheet) -> Result<()> {
    if sheet.locked {
        return Err(SheetLocked {
            path: file.path.clone(),
        }
        .into());
    }
    Ok(())
}

/// Takes the write lock of the sheet at `path`, waiting up to [`WRITER_PATIENCE`] for another
/// `ksb` to finish saving it.
fn lock(path: &Path) -> Result<WriteLock> {
    crate::app::signals::install()?;
    WriteLock::acquire(path, WRITER_PATIENCE).map_err(|err| match err {
        LockError::Busy { path: lock, waited } => anyhow::anyhow!(
            "sheet '{}' is being saved by another ksb, which has held its lock file '{}' for over {} s; \
             not changing it: run the command again when that one is done",
            path.display(),
            lock.display(),
            waited.as_secs()
        ),
        other => anyhow::Error::new(other).context(format!("saving sheet '{}'", path.display())),
    })
}

/// The sheet as TOML (written over `original`, the file's text, when there is one), refusing a
/// sheet too large for `ksb` to read back.
fn sheet_text(standard: &Standard, sheet: &Sheet, original: Option<&str>) -> Result<String> {
    let text = match original {
        Some(original) => sheet.to_toml_over(standard, original),
        None => sheet.to_toml(standard),
    };
    if text.len() as u64 > MAX_FILE_BYTES {
        bail!(
            "the sheet would be {} bytes, over ksb's limit of {} MiB for sheets; shorten its notes",
            text.len(),
            MAX_FILE_BYTES >> 20
        );
    }
    Ok(text)
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

/// The sheets `paths` name: files as given, folders searched recursively for `*.toml` files (in
/// name order, so reports list them in the same order every time). A file named twice (directly
/// and through its folder, through two paths, or a link) is listed once, where it first comes:
/// files are told apart by device and inode, which a folder's listing gives without a call per
/// file.
pub fn find_sheets(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut sheets = Sheets::default();
    for path in paths {
        if is_stdin(path) {
            sheets.list.push(path.clone());
        } else if path.is_dir() {
            let device = file_id(path).map_or(0, |(device, _)| device);
            collect_sheets(path, device, &mut sheets)?;
        } else {
            let id = file_id(path);
            sheets.push(path.clone(), id);
        }
    }
    Ok(sheets.list)
}

/// Sheets listed so far, and the device and inode of each.
#[derive(Default)]
struct Sheets {
    list: Vec<PathBuf>,
    seen: std::collections::HashSet<(u64, u64)>,
}

impl Sheets {
    /// Lists `path` unless a file with the same id is listed; a file whose id cannot be read
    /// (a missing one, whose error comes when it is read) is listed as named.
    fn push(&mut self, path: PathBuf, id: Option<(u64, u64)>) {
        if id.is_none_or(|id| self.seen.insert(id)) {
            self.list.push(path);
        }
    }
}

fn collect_sheets(folder: &Path, device: u64, sheets: &mut Sheets) -> Result<()> {
    let context = || format!("searching folder '{}' for sheets", folder.display());
    let mut entries = fs::read_dir(folder)
        .and_then(|entries| entries.collect::<std::io::Result<Vec<_>>>())
        .with_context(context)?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().with_context(context)?;
        if kind.is_dir() {
            // A folder on another device (a mount point) has its own device number.
            let inner = file_id(&path).map_or(device, |(device, _)| device);
            collect_sheets(&path, inner, sheets)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let id = entry_id(&entry, kind, device);
            sheets.push(path, id);
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

/// Reads a whole text file (or standard input for `-`) of at most [`MAX_FILE_BYTES`], saying
/// plainly when it is missing, a folder, too large or not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    Ok(read_text_and_snapshot(path)?.0)
}

/// [`read_text`], with the snapshot a later save compares against.
fn read_text_and_snapshot(path: &Path) -> Result<(String, Snapshot)> {
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

#[cfg(test)]
mod tests;
