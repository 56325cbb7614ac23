//! One module per command, each behind the small [`Command`] trait.

mod assess;
mod calibrate;
mod chart;
mod compare;
mod completions;
mod config;
mod export;
mod import;
mod lock;
mod man;
mod plan;
mod progress;
mod review;
mod roster;
mod score;
mod show;
mod standard;
mod standard_import;
mod summary;
mod wiki_publish;
mod wiki_pull;
mod wiki_status;

use std::path::PathBuf;

use crate::app::settings::{self as settings, Key, Settings, Source};
use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use ksb::render::Style;
use ksb::Standard;

use crate::app::wiki_conn::EnvSecrets;
use crate::app::{output, sheet_io, standard_choice};
use crate::cli::{self, Cli, ColorChoice, ConfigArgs, StandardAction, StandardArgs, WikiAction};

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

    /// Where a new sheet goes when no file is named: `<username>-<assessment type>-<date>.toml`
    /// in KSB_SHEETS_DIR, else the config file's `sheets_dir`, else the current folder.
    pub fn default_sheet_path(
        &self,
        username: &str,
        assessment_type: &str,
        date: NaiveDate,
    ) -> PathBuf {
        let folder = self
            .settings
            .get(Key::SheetsDir)
            .path()
            .unwrap_or_else(|| PathBuf::from("."));
        settings::default_sheet_path(&folder, username, assessment_type, date)
    }
}

/// A command of `ksb`, run with the global context.
pub trait Command {
    /// Does the command's work; errors carry the file and what was being done.
    fn run(self, ctx: &Context) -> Result<()>;
}

/// Runs the command the command line chose.
pub fn run(cli: Cli) -> Result<()> {
    let Cli {
        standard,
        color,
        command,
    } = cli;
    let ctx = move || context(standard, color);
    match command {
        // These need no user setting, so a broken config file never gets in their way.
        cli::Command::Standard(StandardArgs {
            check: Some(path), ..
        }) => standard::check(&path),
        cli::Command::Config(ConfigArgs { path: true }) => config::print_path(),
        cli::Command::Standard(StandardArgs {
            action: Some(StandardAction::Import(args)),
            ..
        }) => args.run(&ctx()?),
        cli::Command::Standard(args) => args.run(&ctx()?),
        cli::Command::Assess(args) => args.run(&ctx()?),
        cli::Command::Review(args) => args.run(&ctx()?),
        cli::Command::Score(args) => args.run(&ctx()?),
        cli::Command::Show(args) => args.run(&ctx()?),
        cli::Command::Summary(args) => args.run(&ctx()?),
        cli::Command::Roster(args) => args.run(&ctx()?),
        cli::Command::Calibrate(args) => args.run(&ctx()?),
        cli::Command::Compare(args) => args.run(&ctx()?),
        cli::Command::Progress(args) => args.run(&ctx()?),
        cli::Command::Lock(args) => args.run(&ctx()?),
        cli::Command::Plan(args) => args.run(&ctx()?),
        cli::Command::Export(args) => args.run(&ctx()?),
        cli::Command::Import(args) => args.run(&ctx()?),
        cli::Command::Wiki(args) => {
            let ctx = ctx()?;
            let url = args.wiki.as_deref();
            match args.action {
                WikiAction::Publish(action) => action.publish(&ctx, url),
                WikiAction::Pull(action) => action.pull(&ctx, url),
                WikiAction::Status(action) => action.status(&ctx, url),
            }
        }
        cli::Command::Chart(args) => args.run(&ctx()?),
        cli::Command::Config(args) => args.run(&ctx()?),
        // These print what the command line is, so no user setting may get in their way.
        cli::Command::Completions(args) => args.print(),
        cli::Command::Man(args) => args.print(),
    }
}

/// Reads the config file and the environment, and puts the global flags in front.
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
        style: output::stdout_style(color),
        settings,
        secrets: EnvSecrets::read(env),
    })
}
