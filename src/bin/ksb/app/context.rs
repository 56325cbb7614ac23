//! What a command runs with: the global flags, and the [`Context`] they give once the config
//! file and the environment are read; the [`Command`] trait every command implements.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use ksb::render::Style;
use ksb::Standard;

use crate::app::settings::{self, Key, Settings, Source};
use crate::app::wiki_conn::EnvSecrets;
use crate::app::{sheet_io, standard_choice, style};
use crate::cli::ColorChoice;

/// What every command may need from the global flags, the user's defaults and the terminal.
pub struct Context {
    /// The standard file in use: `--standard`, else KSB_STANDARD, else the config file's.
    pub standard_path: Option<PathBuf>,
    /// How tables on stdout may look.
    pub style: Style,
    /// The user's defaults and where each came from.
    pub settings: Settings,
    /// The wiki password or token the environment gives, never shown.
    pub secrets: EnvSecrets,
}

impl Context {
    /// Loads the standard in use (the built-in one unless a file was named); an error in a
    /// file named by the environment or the config file says so.
    pub fn standard(&self) -> Result<Standard> {
        let loaded = sheet_io::load_standard(self.standard_path.as_deref());
        if self.standard_path.is_some() {
            standard_choice::record(match &self.settings.get(Key::Standard).source {
                Source::Env(name) => format!("unset {name}"),
                source @ Source::File(..) => format!("remove `standard` from {source}"),
                _ => "drop --standard".to_string(),
            });
        }
        match &self.settings.get(Key::Standard).source {
            source @ (Source::Env(_) | Source::File(..)) => {
                loaded.with_context(|| format!("the standard named by {source}"))
            }
            _ => loaded,
        }
    }

    /// The sheet of `username` for this assessment in the sheets folder: the file that
    /// already holds it, however MediaWiki's username rule lets the name be spelt (see
    /// [`settings::same_person_sheet_path`]), or else the default path for a new one.
    pub fn same_person_sheet_path(
        &self,
        username: &str,
        assessment_type: &str,
        date: NaiveDate,
    ) -> PathBuf {
        settings::same_person_sheet_path(&self.sheets_folder(), username, assessment_type, date)
    }

    /// Where a new sheet goes when no file is named: `<username>-<assessment type>-<date>.toml`
    /// in KSB_SHEETS_DIR, else the config file's `sheets_dir`, else the current folder.
    pub fn default_sheet_path(
        &self,
        username: &str,
        assessment_type: &str,
        date: NaiveDate,
    ) -> PathBuf {
        settings::default_sheet_path(&self.sheets_folder(), username, assessment_type, date)
    }

    /// The folder new sheets go to: KSB_SHEETS_DIR, else the config file's `sheets_dir`, else
    /// the current folder.
    pub fn sheets_folder(&self) -> PathBuf {
        self.settings
            .get(Key::SheetsDir)
            .path()
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// A command of `ksb`, run with the global flags.
pub trait Command {
    /// Does the command's work; errors carry the file and what was being done. A command that
    /// needs the user's settings asks `globals` for the [`Context`]; one that must work with a
    /// broken config file (`ksb standard --check`, `ksb config --path`, `ksb completions`) does not.
    fn run(self, globals: Globals) -> Result<()>;
}

/// The global flags as given, before the config file and the environment are read.
pub struct Globals {
    /// `--standard`.
    pub standard: Option<PathBuf>,
    /// `--color`.
    pub color: ColorChoice,
}

impl Globals {
    /// Reads the config file and the environment, and puts the global flags in front.
    pub fn context(self) -> Result<Context> {
        context(self.standard, self.color)
    }
}

/// The [`Context`] of the global flags, the config file and the environment.
fn context(standard: Option<PathBuf>, color: ColorChoice) -> Result<Context> {
    let env = |name: &str| std::env::var(name).ok();
    let config_path = settings::config_path(env);
    let named = env(settings::CONFIG_ENV).is_some_and(|v| !v.is_empty());
    let file = match &config_path {
        Some(path) => sheet_io::load_config(path, named)?,
        None => None,
    };
    let mut settings = Settings::resolve(env, config_path, file.as_ref());
    settings.with_flag(
        Key::Standard,
        "--standard",
        standard.as_ref().map(|p| p.display().to_string()),
    );
    let standard_path = standard.or_else(|| settings.get(Key::Standard).path());
    Ok(Context {
        standard_path,
        style: style::stdout_style(color),
        settings,
        secrets: EnvSecrets::read(env),
    })
}
