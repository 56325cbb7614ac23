//! `ksb config`: the user's effective defaults and where each came from.

use crate::app::settings::{self as settings, Key, Setting, Source};
use anyhow::Result;
use chrono::Local;
use ksb::render::width::columns;

use crate::app::context::{Command, Globals};
use crate::app::{header_flags, output, wiki_conn};
use clap::Args;

/// Arguments of `ksb config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print only the path of the config file.
    #[arg(long)]
    pub path: bool,
}

/// `ksb config --path`: where the config file is read from. It does not read the file, so it
/// works when the file is broken: `$EDITOR "$(ksb config --path)"` is how to mend it.
fn print_path() -> Result<()> {
    let Some(path) = settings::config_path(|name| std::env::var(name).ok()) else {
        anyhow::bail!("no config file: set KSB_CONFIG, XDG_CONFIG_HOME or HOME");
    };
    output::emit(&format!("{}\n", path.display()))
}

impl Command for ConfigArgs {
    fn run(self, globals: Globals) -> Result<()> {
        if self.path {
            return print_path();
        }
        let ctx = &globals.context()?;
        let settings = &ctx.settings;
        let config_path = settings.config_path.as_deref();
        let mut out = match config_path {
            Some(path) if path.exists() => format!("Config file: {}\n\n", path.display()),
            Some(path) => format!("Config file: {} (not found)\n\n", path.display()),
            None => "Config file: none (KSB_CONFIG, XDG_CONFIG_HOME and HOME are unset)\n\n".into(),
        };
        let rows: Vec<[String; 3]> = settings
            .settings
            .iter()
            .map(|setting| {
                [
                    setting.key.name().to_string(),
                    value(setting),
                    setting.source.to_string(),
                ]
            })
            .collect();
        let widths: Vec<usize> = (0..2)
            .map(|i| rows.iter().map(|r| columns(&r[i])).max().unwrap_or(0))
            .collect();
        let padded = |text: &str, width: usize| {
            format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))))
        };
        for [key, value, source] in &rows {
            out.push_str(&format!(
                "{}  {}  ({source})\n",
                padded(key, widths[0]),
                padded(value, widths[1])
            ));
        }
        for (set, name) in [
            (ctx.secrets.password.is_some(), wiki_conn::PASSWORD_ENV),
            (ctx.secrets.token.is_some(), wiki_conn::TOKEN_ENV),
        ] {
            if set {
                out.push_str(&format!("{name} is set (its value is never shown)\n"));
            }
        }
        let vars: Vec<&str> = Key::ALL.iter().map(|k| k.env()).collect();
        out.push_str(&format!(
            "\nPrecedence: flag > environment ({}) > config file > default.\n",
            vars.join(", ")
        ));
        output::emit(&out)?;
        // Checked last: it needs the standard, and a standard that fails to load, or a default
        // it does not have, is reported after the settings that named it.
        let standard = ctx.standard()?;
        header_flags::check_defaults(&standard, settings)?;
        if let Some(username) = &settings.get(Key::Username).value {
            let assessment_type = standard.assessment_types.first().map_or("", String::as_str);
            let path = ctx.default_sheet_path(username, assessment_type, Local::now().date_naive());
            output::emit(&format!("A new sheet today: {}\n", path.display()))?;
        }
        Ok(())
    }
}

/// The value as shown, or what applies when nothing set it.
fn value(setting: &Setting) -> String {
    match (&setting.value, &setting.source) {
        (Some(value), _) => value.clone(),
        (None, Source::Default) => match setting.key {
            Key::Username | Key::RoleFocus => "(not set)",
            Key::MentoringType => "(the standard's first)",
            Key::Standard => "(built-in)",
            Key::SheetsDir => "(current folder)",
            Key::WikiUrl | Key::WikiUser | Key::WikiPasswordFile | Key::WikiTokenFile => {
                "(not set)"
            }
            Key::WikiPage => ksb::wiki::title::DEFAULT_TEMPLATE,
            Key::WikiTimeout => "30",
            Key::WikiMaxPages => "5000",
            Key::WikiMaxRequests => "100",
            Key::WikiChart => "false",
            Key::BadgeIssuerId | Key::BadgeIssuerName => "(not set)",
        }
        .to_string(),
        (None, _) => "(not set)".to_string(),
    }
}
