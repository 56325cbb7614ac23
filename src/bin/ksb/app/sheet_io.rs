//! Reading standards, sheets and the config file, and saving sheets, with errors that name the
//! file. A sheet or standard named `-` is read from standard input.

use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::app::settings::ConfigFile;
use anyhow::{bail, Context, Result};
use ksb::model::sheet;
use ksb::store::{self, ReadError, ReplaceError, Snapshot, MAX_FILE_BYTES};
use ksb::{Sheet, Standard};

use crate::app::output;

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

/// Writes an export or a chart to `path` (atomically, readable by its owner only), or to
/// standard output for `-`. Refuses to write over one of the sheets it was made from.
/// Returns whether a file was written.
pub fn write_output(path: &Path, bytes: &[u8], inputs: &[PathBuf], what: &str) -> Result<bool> {
    if is_stdin(path) {
        output::emit_bytes(bytes)?;
        return Ok(false);
    }
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
    store::write_private(path, bytes)
        .with_context(|| format!("writing {what} '{}'", path.display()))?;
    Ok(true)
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
    let (sheet, warnings) = Sheet::from_toml_with_warnings(text, standard).with_context(context)?;
    Ok(Loaded {
        value: sheet,
        warnings: warnings
            .iter()
            .map(|warning| format!("{}: {warning}", context()))
            .collect(),
    })
}

/// A sheet file being worked on. It remembers what the file held when `ksb` last read or wrote
/// it, so that a save never overwrites (or recreates) a file another program changed (or
/// deleted) in the meantime: that file is left exactly as it is, and the error says so.
pub struct SheetFile {
    /// Where the sheet is.
    pub path: PathBuf,
    /// What the file held when last read or written by `ksb`.
    snapshot: Snapshot,
}

impl SheetFile {
    /// Reads and checks the sheet at `path` to update it. A command that updates a sheet
    /// works on that one sheet, so its warnings are printed here, before anything else.
    pub fn open(path: &Path, standard: &Standard) -> Result<(SheetFile, Sheet)> {
        let (text, snapshot) = read_text_and_snapshot(path)
            .with_context(|| format!("reading sheet {}", name(path)))?;
        let sheet = parse_sheet(path, &text, standard)?.warn();
        let file = SheetFile {
            path: path.to_path_buf(),
            snapshot,
        };
        Ok((file, sheet))
    }

    /// A sheet file to be created: its first save refuses if another program created the file
    /// first.
    pub fn create(path: &Path) -> SheetFile {
        SheetFile {
            path: path.to_path_buf(),
            snapshot: Snapshot::Absent,
        }
    }

    /// Saves the sheet atomically, readable by its owner only, unless another program changed,
    /// deleted or created the file since `ksb` last read or wrote it.
    pub fn save(&mut self, standard: &Standard, sheet: &Sheet) -> Result<()> {
        let path = &self.path;
        if is_stdin(path) {
            bail!("a sheet read from standard input cannot be saved: name its file instead");
        }
        let context = || format!("saving sheet '{}'", path.display());
        let text = sheet_text(standard, sheet).with_context(context)?;
        let name = path.display();
        match store::replace_private(path, self.snapshot, text.as_bytes()) {
            Ok(()) => {
                self.snapshot = Snapshot::of(text.as_bytes());
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

/// The sheet as TOML, refusing a sheet too large for `ksb` to read back.
fn sheet_text(standard: &Standard, sheet: &Sheet) -> Result<String> {
    let text = sheet.to_toml(standard);
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
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
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

/// A file's device and inode, following links.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Without inodes, a file's real path stands for it (hashed).
#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::hash::{Hash, Hasher};
    let real = fs::canonicalize(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    real.hash(&mut hasher);
    Some((0, hasher.finish()))
}

/// The id of a folder's entry: its inode on the folder's device (no call), or for a link the
/// id of what it points to.
fn entry_id(entry: &fs::DirEntry, kind: fs::FileType, device: u64) -> Option<(u64, u64)> {
    #[cfg(unix)]
    if !kind.is_symlink() {
        use std::os::unix::fs::DirEntryExt;
        return Some((device, entry.ino()));
    }
    let _ = (kind, device);
    file_id(&entry.path())
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
mod tests {
    use super::*;

    const SHEET: &str = include_str!("../../../../tests/fixtures/example.toml");

    /// A sheet file opened for update, with K3 scored in memory.
    fn opened(dir: &Path) -> (SheetFile, Standard, Sheet) {
        let path = dir.join("x.toml");
        std::fs::write(&path, SHEET).unwrap();
        let standard = Standard::builtin();
        let (file, mut sheet) = SheetFile::open(&path, &standard).unwrap();
        sheet.set_score("K3".parse().unwrap(), Some(ksb::Score::Three));
        (file, standard, sheet)
    }

    #[test]
    fn saves_a_sheet_nobody_else_touched_again_and_again() {
        let dir = tempfile::tempdir().unwrap();
        let (mut file, standard, mut sheet) = opened(dir.path());
        file.save(&standard, &sheet).unwrap();
        assert!(std::fs::read_to_string(&file.path)
            .unwrap()
            .contains("K3 = 3"));
        sheet.set_score("K4".parse().unwrap(), Some(ksb::Score::One));
        file.save(&standard, &sheet).unwrap();
        assert!(std::fs::read_to_string(&file.path)
            .unwrap()
            .contains("K4 = 1"));
    }

    #[test]
    fn refuses_to_overwrite_a_sheet_changed_between_load_and_save() {
        let dir = tempfile::tempdir().unwrap();
        let (mut file, standard, sheet) = opened(dir.path());
        let theirs = SHEET.replace("K1 = 2", "K1 = 1");
        std::fs::write(&file.path, &theirs).unwrap();
        let err = file.save(&standard, &sheet).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "sheet '{}' was changed by another program since ksb read it; not overwriting it: \
                 run the command again to work on its new contents",
                file.path.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&file.path).unwrap(), theirs);
    }

    #[test]
    fn refuses_to_recreate_a_sheet_deleted_between_load_and_save() {
        let dir = tempfile::tempdir().unwrap();
        let (mut file, standard, sheet) = opened(dir.path());
        std::fs::remove_file(&file.path).unwrap();
        let err = file.save(&standard, &sheet).unwrap_err();
        assert!(
            format!("{err:#}").contains("was deleted by another program since ksb read it"),
            "{err:#}"
        );
        assert!(!file.path.exists());
    }

    #[test]
    fn refuses_to_overwrite_a_sheet_another_program_created_first() {
        let dir = tempfile::tempdir().unwrap();
        let standard = Standard::builtin();
        let sheet = Sheet::from_toml(SHEET, &standard).unwrap();
        let mut file = SheetFile::create(&dir.path().join("new.toml"));
        std::fs::write(&file.path, "theirs").unwrap();
        let err = file.save(&standard, &sheet).unwrap_err();
        assert!(
            format!("{err:#}").contains("was created by another program"),
            "{err:#}"
        );
        assert_eq!(std::fs::read_to_string(&file.path).unwrap(), "theirs");
    }

    #[test]
    fn refuses_a_sheet_too_large_to_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut file, standard, mut sheet) = opened(dir.path());
        let note = "x".repeat(MAX_FILE_BYTES as usize);
        sheet.set_note("K1".parse().unwrap(), &note);
        let err = file.save(&standard, &sheet).unwrap_err();
        assert!(
            format!("{err:#}").contains("over ksb's limit of 10 MiB for sheets"),
            "{err:#}"
        );
        assert_eq!(std::fs::read_to_string(&file.path).unwrap(), SHEET);
    }
}
