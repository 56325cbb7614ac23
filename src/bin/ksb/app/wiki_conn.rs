//! The connection to the wiki from the user's settings: its URL, the credentials (a bot
//! password or an OAuth 2 token, read from files only their owner can read, or from the
//! environment) and the User-Agent. Secrets are read here and handed to the client; they are
//! never printed.

use std::fs;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context as _, Result};
use ksb::platform::permissions;
use ksb::wiki::client::Limits;
use ksb::wiki::{Auth, Client, Connection, Retry, Secret};

use super::settings::{Key, Settings};

/// The environment variable holding a bot password (instead of a password file).
pub const PASSWORD_ENV: &str = "KSB_WIKI_PASSWORD";
/// The environment variable holding an OAuth 2 access token (instead of a token file).
pub const TOKEN_ENV: &str = "KSB_WIKI_TOKEN";

/// How long to wait for the wiki to connect, for an answer to start, and to read it, unless
/// `timeout` under [wiki] (`KSB_WIKI_TIMEOUT`) says otherwise.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The secrets the environment gives, read once by the binary and never shown.
#[derive(Debug, Default, Clone)]
pub struct EnvSecrets {
    /// `KSB_WIKI_PASSWORD`.
    pub password: Option<Secret>,
    /// `KSB_WIKI_TOKEN`.
    pub token: Option<Secret>,
}

impl EnvSecrets {
    /// Reads `KSB_WIKI_PASSWORD` and `KSB_WIKI_TOKEN` through `env`.
    pub fn read(env: impl Fn(&str) -> Option<String>) -> EnvSecrets {
        let secret = |name| {
            env(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| Secret::new(&v))
        };
        EnvSecrets {
            password: secret(PASSWORD_ENV),
            token: secret(TOKEN_ENV),
        }
    }
}

/// Whether a command must log in (publishing) or may read anonymously when no credentials
/// are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Reading: credentials are used when set.
    Read,
    /// Editing: credentials are required.
    Edit,
}

/// A logged-in (or anonymous) client for the wiki `flag` (`--wiki URL`) or the settings name.
pub fn connect(
    settings: &Settings,
    secrets: &EnvSecrets,
    flag: Option<&str>,
    need: Need,
) -> Result<Client> {
    let url = match flag {
        Some(url) => url.to_string(),
        None => settings.get(Key::WikiUrl).value.clone().ok_or_else(|| {
            anyhow::anyhow!(
                "no wiki given: pass --wiki URL (the wiki's api.php), set KSB_WIKI_URL, or `url` under [wiki] in the config file"
            )
        })?,
    };
    let auth = auth(settings, secrets)?;
    if need == Need::Edit && auth == Auth::Anonymous {
        bail!(
            "publishing needs a login: set KSB_WIKI_USER (Name@appid from Special:BotPasswords) and KSB_WIKI_PASSWORD_FILE, or an OAuth 2 token in KSB_WIKI_TOKEN_FILE (see `ksb config`)"
        );
    }
    let user_agent = match &auth {
        Auth::BotPassword { user, .. } => format!(
            "ksb/{} (KSB skills assessment CLI; wiki user {})",
            env!("CARGO_PKG_VERSION"),
            user.split('@').next().unwrap_or(user)
        ),
        _ => format!(
            "ksb/{} (KSB skills assessment CLI)",
            env!("CARGO_PKG_VERSION")
        ),
    };
    let mut client = Client::new(Connection {
        url: url.clone(),
        user_agent,
        auth,
        retry: Retry::default(),
        timeout: timeout(settings)?,
        limits: limits(settings)?,
    })?;
    client.login()?;
    Ok(client)
}

/// How far a listing may go: `max_pages` and `max_requests` under [wiki], else
/// [`Limits::default`].
fn limits(settings: &Settings) -> Result<Limits> {
    let default = Limits::default();
    let read = |key: Key, default: usize| -> Result<usize> {
        let setting = settings.get(key);
        let Some(text) = &setting.value else {
            return Ok(default);
        };
        match text.trim().parse::<usize>() {
            Ok(n @ 1..=1_000_000) => Ok(n),
            _ => bail!(
                "{} '{text}' from {} must be a whole number from 1 to 1000000",
                key.name(),
                setting.source
            ),
        }
    };
    Ok(Limits {
        titles: read(Key::WikiMaxPages, default.titles)?,
        requests: read(Key::WikiMaxRequests, default.requests)?,
    })
}

/// Whether `wiki publish` shows the sheet's chart on its page: `--chart`, else `chart` under
/// [wiki] (`KSB_WIKI_CHART`), `true` or `false`, else no.
pub fn chart(settings: &Settings, flag: bool) -> Result<bool> {
    let setting = settings.get(Key::WikiChart);
    match (flag, setting.value.as_deref().map(str::trim)) {
        (true, _) => Ok(true),
        (false, None) => Ok(false),
        (false, Some(text)) if text.eq_ignore_ascii_case("true") => Ok(true),
        (false, Some(text)) if text.eq_ignore_ascii_case("false") => Ok(false),
        (false, Some(text)) => bail!(
            "wiki.chart '{text}' from {} must be true or false",
            setting.source
        ),
    }
}

/// The timeout the settings give: whole seconds, 1 to 600.
fn timeout(settings: &Settings) -> Result<Duration> {
    let setting = settings.get(Key::WikiTimeout);
    let Some(text) = &setting.value else {
        return Ok(TIMEOUT);
    };
    match text.trim().parse::<u64>() {
        Ok(seconds @ 1..=600) => Ok(Duration::from_secs(seconds)),
        _ => bail!(
            "wiki timeout '{text}' from {} must be a whole number of seconds from 1 to 600",
            setting.source
        ),
    }
}

/// The credentials the settings give: a token (environment, then file) wins over a bot
/// password; a user without a password, or a password without a user, is an error.
fn auth(settings: &Settings, secrets: &EnvSecrets) -> Result<Auth> {
    let token = match (&secrets.token, settings.get(Key::WikiTokenFile).path()) {
        (Some(token), _) => Some(token.clone()),
        (None, Some(path)) => Some(read_secret(&path, "token")?),
        (None, None) => None,
    };
    if let Some(token) = token {
        return Ok(Auth::Bearer(token));
    }
    let password = match (
        &secrets.password,
        settings.get(Key::WikiPasswordFile).path(),
    ) {
        (Some(password), _) => Some(password.clone()),
        (None, Some(path)) => Some(read_secret(&path, "password")?),
        (None, None) => None,
    };
    match (settings.get(Key::WikiUser).value.clone(), password) {
        (Some(user), Some(password)) => Ok(Auth::BotPassword { user, password }),
        (Some(user), None) => bail!(
            "wiki user '{user}' has no password: set KSB_WIKI_PASSWORD_FILE (or `password_file` under [wiki]) to a file holding the bot password"
        ),
        (None, Some(_)) => bail!(
            "a wiki password is set but no user: set KSB_WIKI_USER (or `user` under [wiki]) to Name@appid from Special:BotPasswords"
        ),
        (None, None) => Ok(Auth::Anonymous),
    }
}

/// Reads a password or token file, refusing one that group or others may read (as ssh
/// refuses a private key).
fn read_secret(path: &Path, what: &str) -> Result<Secret> {
    let meta = fs::metadata(path)
        .with_context(|| format!("reading the wiki {what} file '{}'", path.display()))?;
    if let Some(mode) = permissions::open_to_others(&meta) {
        bail!(
            "the wiki {what} file '{}' can be read by others (mode {mode:04o}): run `chmod 600 {}`",
            path.display(),
            path.display()
        );
    }
    if !meta.is_file() || meta.len() > 4096 {
        bail!(
            "the wiki {what} file '{}' is not a small file holding the {what}",
            path.display()
        );
    }
    let text = fs::read_to_string(path)
        .with_context(|| format!("reading the wiki {what} file '{}'", path.display()))?;
    if text.trim().is_empty() {
        bail!("the wiki {what} file '{}' is empty", path.display());
    }
    Ok(Secret::new(text.trim()))
}
