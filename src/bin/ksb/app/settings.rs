//! The user's defaults: the config file, the `KSB_*` environment variables, and which of them
//! wins. Precedence is flag > environment > config file > built-in default; this module knows
//! the last three, and commands put their flags in front.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::Spanned;

use ksb::model::position::{located, one_line, Position};

/// Environment variable naming the config file, overriding the XDG place.
pub const CONFIG_ENV: &str = "KSB_CONFIG";

/// A setting the config file and the environment can give a default for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The participant's username for new sheets.
    Username,
    /// The role focus for new sheets.
    RoleFocus,
    /// The mentoring type for new sheets.
    MentoringType,
    /// The standard file used instead of the built-in one.
    Standard,
    /// The folder new sheets go to when no file is named.
    SheetsDir,
    /// The wiki's `api.php`.
    WikiUrl,
    /// The bot password's user, `Name@appid`.
    WikiUser,
    /// A file holding the bot password (mode 0600).
    WikiPasswordFile,
    /// A file holding an OAuth 2 owner-only access token (mode 0600).
    WikiTokenFile,
    /// The template of a sheet's page title.
    WikiPage,
    /// Seconds to wait for the wiki (to connect, for an answer to start, to read it).
    WikiTimeout,
    /// The most pages one listing (`wiki pull --prefix`/`--category`) may give.
    WikiMaxPages,
    /// The most requests one listing may take.
    WikiMaxRequests,
    /// Whether `wiki publish` uploads the sheet's chart and shows it on the page.
    WikiChart,
    /// The Open Badge issuer's id: a URL that names the programme (`ksb export --format openbadge`).
    BadgeIssuerId,
    /// The Open Badge issuer's name.
    BadgeIssuerName,
}

impl Key {
    /// Every key, in the order `ksb config` lists them.
    pub const ALL: [Key; 16] = [
        Key::Username,
        Key::RoleFocus,
        Key::MentoringType,
        Key::Standard,
        Key::SheetsDir,
        Key::WikiUrl,
        Key::WikiUser,
        Key::WikiPasswordFile,
        Key::WikiTokenFile,
        Key::WikiPage,
        Key::WikiTimeout,
        Key::WikiMaxPages,
        Key::WikiMaxRequests,
        Key::WikiChart,
        Key::BadgeIssuerId,
        Key::BadgeIssuerName,
    ];

    /// The key as the config file spells it.
    pub fn name(self) -> &'static str {
        match self {
            Key::Username => "username",
            Key::RoleFocus => "role_focus",
            Key::MentoringType => "mentoring_type",
            Key::Standard => "standard",
            Key::SheetsDir => "sheets_dir",
            Key::WikiUrl => "wiki.url",
            Key::WikiUser => "wiki.user",
            Key::WikiPasswordFile => "wiki.password_file",
            Key::WikiTokenFile => "wiki.token_file",
            Key::WikiPage => "wiki.page",
            Key::WikiTimeout => "wiki.timeout",
            Key::WikiMaxPages => "wiki.max_pages",
            Key::WikiMaxRequests => "wiki.max_requests",
            Key::WikiChart => "wiki.chart",
            Key::BadgeIssuerId => "badge.issuer_id",
            Key::BadgeIssuerName => "badge.issuer_name",
        }
    }

    /// The environment variable that overrides the config file for this key.
    pub fn env(self) -> &'static str {
        match self {
            Key::Username => "KSB_USERNAME",
            Key::RoleFocus => "KSB_ROLE_FOCUS",
            Key::MentoringType => "KSB_MENTORING_TYPE",
            Key::Standard => "KSB_STANDARD",
            Key::SheetsDir => "KSB_SHEETS_DIR",
            Key::WikiUrl => "KSB_WIKI_URL",
            Key::WikiUser => "KSB_WIKI_USER",
            Key::WikiPasswordFile => "KSB_WIKI_PASSWORD_FILE",
            Key::WikiTokenFile => "KSB_WIKI_TOKEN_FILE",
            Key::WikiPage => "KSB_WIKI_PAGE",
            Key::WikiTimeout => "KSB_WIKI_TIMEOUT",
            Key::WikiMaxPages => "KSB_WIKI_MAX_PAGES",
            Key::WikiMaxRequests => "KSB_WIKI_MAX_REQUESTS",
            Key::WikiChart => "KSB_WIKI_CHART",
            Key::BadgeIssuerId => "KSB_BADGE_ISSUER_ID",
            Key::BadgeIssuerName => "KSB_BADGE_ISSUER_NAME",
        }
    }

    /// Whether the value is a path (resolved against the config file's folder when relative).
    pub fn is_path(self) -> bool {
        matches!(
            self,
            Key::Standard | Key::SheetsDir | Key::WikiPasswordFile | Key::WikiTokenFile
        )
    }

    fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.name() == name)
    }
}

/// Why a config file could not be read: TOML syntax, an unknown key, or a value of the wrong type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", located(.position, .message))]
pub struct ConfigError {
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, on one line.
    pub message: String,
}

/// The values a config file sets; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    values: BTreeMap<&'static str, String>,
    /// The line each key (top-level, or in `[wiki]` or `[badge]`) is on, so that a bad value can
    /// be traced to it.
    lines: BTreeMap<&'static str, usize>,
}

impl ConfigFile {
    /// Reads a config file's text. Unknown keys and non-string values are errors that name the
    /// key and its line, so a typo is never silently ignored.
    pub fn from_toml(text: &str) -> Result<ConfigFile, ConfigError> {
        let at = |offset: usize, message: String| ConfigError {
            position: Some(Position::at_offset(text, offset)),
            message,
        };
        let raw: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
            toml::from_str(text).map_err(|err| ConfigError {
                position: err.span().map(|span| Position::at_offset(text, span.start)),
                message: one_line(err.message()),
            })?;
        let mut lines: BTreeMap<&'static str, usize> = raw
            .keys()
            .filter_map(|name| {
                let key = Key::from_name(name.get_ref())?;
                Some((
                    key.name(),
                    Position::at_offset(text, name.span().start).line,
                ))
            })
            .collect();
        let mut values = BTreeMap::new();
        for (name, value) in raw {
            if let Some(table_name) = TABLES.iter().find(|t| *t == name.get_ref()) {
                let start = value.span().start;
                let toml::Value::Table(table) = value.into_inner() else {
                    return Err(at(
                        start,
                        format!("'{table_name}' must be a table: [{table_name}]"),
                    ));
                };
                let spans = table_spans(text, table_name);
                for (inner, value) in table {
                    let full = format!("{table_name}.{inner}");
                    // Where the key and its value are: the table's start if unknown.
                    let (key_at, value_at) = spans.get(&inner).copied().unwrap_or((start, start));
                    if let (Some(key), true) = (Key::from_name(&full), spans.contains_key(&inner)) {
                        lines.insert(key.name(), Position::at_offset(text, key_at).line);
                    }
                    take(&mut values, &full, &value, value_at, &at).map_err(|err| {
                        if err.message.starts_with("unknown key") {
                            at(key_at, err.message)
                        } else {
                            err
                        }
                    })?;
                }
                continue;
            }
            take(
                &mut values,
                name.get_ref(),
                value.get_ref(),
                value.span().start,
                &at,
            )
            .map_err(|err| {
                if err.message.starts_with("unknown key") {
                    at(name.span().start, err.message)
                } else {
                    err
                }
            })?;
        }
        Ok(ConfigFile { values, lines })
    }

    /// The value the file gives `key`, if any.
    pub fn get(&self, key: Key) -> Option<&str> {
        self.values.get(key.name()).map(String::as_str)
    }

    /// The line of the file that sets `key`, when known.
    pub fn line(&self, key: Key) -> Option<usize> {
        self.lines.get(key.name()).copied()
    }
}

/// The tables a config file may have: `[wiki]` and `[badge]`.
const TABLES: [&str; 2] = ["wiki", "badge"];

/// Where each key of the `[wiki]` or `[badge]` table and its value start in `text` (byte
/// offsets), so an error in it names its own line rather than the table's.
fn table_spans(text: &str, table: &str) -> BTreeMap<String, (usize, usize)> {
    #[derive(serde::Deserialize)]
    struct Outer {
        #[serde(default)]
        wiki: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
        #[serde(default)]
        badge: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    }
    toml::from_str::<Outer>(text)
        .map(|outer| {
            if table == "wiki" {
                outer.wiki
            } else {
                outer.badge
            }
            .into_iter()
            .map(|(key, value)| {
                let at = (key.span().start, value.span().start);
                (key.into_inner(), at)
            })
            .collect()
        })
        .unwrap_or_default()
}

/// Puts one key's value (`name` as the file spells it, `wiki.url` for `url` under `[wiki]`)
/// into `values`, refusing unknown keys and values that are not non-empty strings.
fn take(
    values: &mut BTreeMap<&'static str, String>,
    name: &str,
    value: &toml::Value,
    offset: usize,
    at: &impl Fn(usize, String) -> ConfigError,
) -> Result<(), ConfigError> {
    let Some(key) = Key::from_name(name) else {
        let known: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
        return Err(at(
            offset,
            format!("unknown key '{name}' (known keys: {})", known.join(", ")),
        ));
    };
    match value {
        toml::Value::String(text) if !text.trim().is_empty() => {
            values.insert(key.name(), text.trim().to_string());
            Ok(())
        }
        toml::Value::String(_) => Err(at(offset, format!("key '{}' is empty", key.name()))),
        // A number of seconds may be written bare.
        toml::Value::Integer(n)
            if matches!(
                key,
                Key::WikiTimeout | Key::WikiMaxPages | Key::WikiMaxRequests
            ) =>
        {
            values.insert(key.name(), n.to_string());
            Ok(())
        }
        // A switch may be written bare.
        toml::Value::Boolean(on) if key == Key::WikiChart => {
            values.insert(key.name(), on.to_string());
            Ok(())
        }
        other => Err(at(
            offset,
            format!(
                "key '{}' must be a string in quotes, not {}",
                key.name(),
                other.type_str()
            ),
        )),
    }
}

/// Where the config file is: `KSB_CONFIG`, else `$XDG_CONFIG_HOME/ksb/config.toml`, else
/// `~/.config/ksb/config.toml`. `None` when neither a config home nor a home folder is known.
pub fn config_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |name: &str| env(name).filter(|value| !value.is_empty());
    if let Some(path) = set(CONFIG_ENV) {
        return Some(PathBuf::from(path));
    }
    let config_home = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| set("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(config_home.join("ksb").join("config.toml"))
}

/// Where a setting's value came from, as `ksb config` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag, such as `--standard`.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// The config file at this path, on this line when known.
    File(PathBuf, Option<usize>),
    /// Nothing set it: the built-in default.
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(name) => write!(f, "environment variable {name}"),
            Source::File(path, None) => write!(f, "config file '{}'", path.display()),
            Source::File(path, Some(line)) => {
                write!(f, "config file '{}', line {line}", path.display())
            }
            Source::Default => write!(f, "default"),
        }
    }
}

/// One setting's effective value (none when nothing set it and it has no default) and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// Which setting this is.
    pub key: Key,
    /// The value, when something set it.
    pub value: Option<String>,
    /// Where the value came from.
    pub source: Source,
}

impl Setting {
    /// The value as a path (for `standard` and `sheets_dir`).
    pub fn path(&self) -> Option<PathBuf> {
        self.value.as_deref().map(PathBuf::from)
    }
}

/// Every setting's effective value from the environment and the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The config file consulted (it may not exist).
    pub config_path: Option<PathBuf>,
    /// One entry per [`Key`], in [`Key::ALL`] order (so a key's discriminant is its index).
    pub settings: Vec<Setting>,
}

impl Settings {
    /// Resolves every key: environment variable, else the config file, else nothing (the
    /// command then applies its own default). Relative paths in the config file are taken
    /// from the config file's folder, and `~/` means the home folder.
    pub fn resolve(
        env: impl Fn(&str) -> Option<String>,
        config_path: Option<PathBuf>,
        file: Option<&ConfigFile>,
    ) -> Settings {
        let home = env("HOME").filter(|home| !home.is_empty());
        let settings = Key::ALL
            .into_iter()
            .map(|key| {
                if let Some(value) = env(key.env()).filter(|v| !v.trim().is_empty()) {
                    return Setting {
                        key,
                        value: Some(value.trim().to_string()),
                        source: Source::Env(key.env()),
                    };
                }
                let line = file.and_then(|f| f.line(key));
                match (file.and_then(|f| f.get(key)), &config_path) {
                    (Some(value), Some(path)) => Setting {
                        key,
                        value: Some(if key.is_path() {
                            file_relative(value, path, home.as_deref())
                        } else {
                            value.to_string()
                        }),
                        source: Source::File(path.clone(), line),
                    },
                    _ => Setting {
                        key,
                        value: None,
                        source: Source::Default,
                    },
                }
            })
            .collect();
        Settings {
            config_path,
            settings,
        }
    }

    /// The setting of `key`.
    pub fn get(&self, key: Key) -> &Setting {
        &self.settings[key as usize]
    }

    /// Puts a command-line flag in front of `key`, when the flag was given.
    pub fn with_flag(&mut self, key: Key, flag: &'static str, value: Option<String>) {
        if let Some(value) = value {
            let setting = &mut self.settings[key as usize];
            setting.value = Some(value);
            setting.source = Source::Flag(flag);
        }
    }
}

/// A path written in the config file: `~/x` under the home folder, a relative one under the
/// config file's folder.
fn file_relative(value: &str, config_path: &Path, home: Option<&str>) -> String {
    let path = match (value.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => Path::new(home).join(rest),
        _ => PathBuf::from(value),
    };
    if path.is_absolute() {
        return path.display().to_string();
    }
    config_path
        .parent()
        .unwrap_or(Path::new("."))
        .join(path)
        .display()
        .to_string()
}

/// A file name a new sheet gets when none is given: `<folder>/<username>-<assessment
/// type>-<YYYY-MM-DD>.toml`, each part made safe for any file system.
pub fn default_sheet_path(
    sheets_dir: &Path,
    username: &str,
    assessment_type: &str,
    date: NaiveDate,
) -> PathBuf {
    sheets_dir.join(format!(
        "{}-{}-{}.toml",
        slug(username),
        slug(assessment_type),
        date.format("%Y-%m-%d")
    ))
}

/// The sheet at [`default_sheet_path`], or when that file does not exist, a file in the same
/// folder whose name differs from it only as one MediaWiki username differs from another
/// spelling of it (a first letter in lower case, `_` for a space): `exampleUser-…` is
/// `ExampleUser`'s sheet. The default path when there is neither.
pub fn same_person_sheet_path(
    sheets_dir: &Path,
    username: &str,
    assessment_type: &str,
    date: NaiveDate,
) -> PathBuf {
    let path = default_sheet_path(sheets_dir, username, assessment_type, date);
    if path.exists() {
        return path;
    }
    let Some(wanted) = path
        .file_name()
        .map(|name| same_person_key(&name.to_string_lossy()))
    else {
        return path;
    };
    let Ok(entries) = std::fs::read_dir(sheets_dir) else {
        return path;
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| same_person_key(&entry.file_name().to_string_lossy()) == wanted)
        .map(|entry| entry.path())
        .filter(|found| found.is_file())
        .collect();
    found.sort();
    found.into_iter().next().unwrap_or(path)
}

/// A sheet's file name as MediaWiki's username rule reads its first part: the first letter in
/// upper case, `_` the same as the `-` a space becomes.
fn same_person_key(file_name: &str) -> String {
    let name = file_name.replace('_', "-");
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `text` with every run of characters other than letters, digits, `_` and `.` turned into one
/// `-`, without leading dots or dashes: no folder separators, spaces or control characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_start_matches(['.', '-']).trim_end_matches('-');
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn reads_every_key() {
        let file = ConfigFile::from_toml(
            "username = \"Me\"\nrole_focus = \"Generalist\"\nmentoring_type = \"Mentor\"\nstandard = \"std.yaml\"\nsheets_dir = \"~/sheets\"\n",
        )
        .unwrap();
        assert_eq!(file.get(Key::Username), Some("Me"));
        assert_eq!(file.get(Key::SheetsDir), Some("~/sheets"));
        assert_eq!(file.line(Key::SheetsDir), Some(5));
        assert_eq!(ConfigFile::from_toml("").unwrap(), ConfigFile::default());
    }

    #[test]
    fn keys_of_the_wiki_and_badge_tables_have_their_lines() {
        let file = ConfigFile::from_toml(
            "username = \"Me\"\n\n[wiki]\nurl = \"https://x.example/w/api.php\"\n\nuser = \"Bot\"\n[badge]\nissuer_name = \"Programme\"\n",
        )
        .unwrap();
        assert_eq!(file.line(Key::WikiUrl), Some(4));
        assert_eq!(file.line(Key::WikiUser), Some(6));
        assert_eq!(file.line(Key::BadgeIssuerName), Some(8));
        assert_eq!(file.line(Key::WikiPage), None);
    }

    #[test]
    fn reads_the_wiki_table() {
        let file = ConfigFile::from_toml(
            "username = \"Me\"\n\n[wiki]\nurl = \"https://example.org/w/api.php\"\nuser = \"Me@ksb\"\npassword_file = \"~/.ksb-bot\"\npage = \"User:{username}/KSB\"\n",
        )
        .unwrap();
        assert_eq!(
            file.get(Key::WikiUrl),
            Some("https://example.org/w/api.php")
        );
        assert_eq!(file.get(Key::WikiUser), Some("Me@ksb"));
        assert_eq!(file.get(Key::WikiPage), Some("User:{username}/KSB"));
        let file = ConfigFile::from_toml("[wiki]\ntimeout = 5\n").unwrap();
        assert_eq!(file.get(Key::WikiTimeout), Some("5"));
        let err = ConfigFile::from_toml("[wiki]\npassword = \"x\"\n").unwrap_err();
        assert!(err.message.contains("unknown key 'wiki.password'"), "{err}");
        assert!(ConfigFile::from_toml("wiki = \"x\"\n").is_err());
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let err = ConfigFile::from_toml("username = \"Me\"\ncolour = \"always\"\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 2);
        assert!(err.message.contains("unknown key 'colour'"), "{err}");
        let err = ConfigFile::from_toml("\n\nusername = 3\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 3);
        assert!(
            err.to_string().contains("'username' must be a string"),
            "{err}"
        );
        let err = ConfigFile::from_toml("username = \n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 1);
        let wiki = "username = \"Me\"\n[wiki]\nurl = \"https://x.org\"\n\n  bogus = \"y\"\n";
        let err = ConfigFile::from_toml(wiki).unwrap_err();
        assert_eq!(
            err.to_string().split(": unknown").next(),
            Some("line 5, column 3")
        );
        let err = ConfigFile::from_toml("[wiki]\nurl = \"x\"\nuser = 3\n").unwrap_err();
        assert_eq!(err.position.unwrap().line, 3, "{err}");
    }

    #[test]
    fn the_config_path_follows_xdg_and_ksb_config() {
        let path = |pairs| config_path(env_of(pairs)).map(|p| p.display().to_string());
        assert_eq!(
            path(&[("HOME", "/home/me")]).as_deref(),
            Some("/home/me/.config/ksb/config.toml")
        );
        assert_eq!(
            path(&[("HOME", "/home/me"), ("XDG_CONFIG_HOME", "/xdg")]).as_deref(),
            Some("/xdg/ksb/config.toml")
        );
        assert_eq!(
            path(&[("XDG_CONFIG_HOME", "/xdg"), ("KSB_CONFIG", "/etc/k.toml")]).as_deref(),
            Some("/etc/k.toml")
        );
        assert_eq!(path(&[]), None);
    }

    #[test]
    fn environment_beats_the_file_and_the_file_beats_the_default() {
        let file = ConfigFile::from_toml(
            "username = \"FromFile\"\nrole_focus = \"Generalist\"\nstandard = \"my.yaml\"\nsheets_dir = \"~/s\"\n",
        )
        .unwrap();
        let config = PathBuf::from("/home/me/.config/ksb/config.toml");
        let mut settings = Settings::resolve(
            env_of(&[("KSB_USERNAME", "FromEnv"), ("HOME", "/home/me")]),
            Some(config.clone()),
            Some(&file),
        );
        let username = settings.get(Key::Username);
        assert_eq!(username.value.as_deref(), Some("FromEnv"));
        assert_eq!(username.source, Source::Env("KSB_USERNAME"));
        let role = settings.get(Key::RoleFocus);
        assert_eq!(role.value.as_deref(), Some("Generalist"));
        assert_eq!(role.source, Source::File(config, Some(2)));
        assert_eq!(
            settings.get(Key::Standard).value.as_deref(),
            Some("/home/me/.config/ksb/my.yaml")
        );
        assert_eq!(
            settings.get(Key::SheetsDir).value.as_deref(),
            Some("/home/me/s")
        );
        let kind = settings.get(Key::MentoringType);
        assert_eq!(
            (kind.value.as_deref(), &kind.source),
            (None, &Source::Default)
        );

        settings.with_flag(Key::Standard, "--standard", Some("flag.yaml".into()));
        settings.with_flag(Key::Username, "--username", None);
        assert_eq!(
            settings.get(Key::Standard).source,
            Source::Flag("--standard")
        );
        assert_eq!(
            settings.get(Key::Username).source,
            Source::Env("KSB_USERNAME")
        );
    }

    #[test]
    fn the_same_person_by_mediawikis_rule_finds_their_sheet() {
        let dir = tempfile::tempdir().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let theirs = dir
            .path()
            .join("exampleUser-Self-assessment-2026-12-01.toml");
        std::fs::write(&theirs, "").unwrap();
        let found = |name: &str| same_person_sheet_path(dir.path(), name, "Self-assessment", date);
        assert_eq!(found("ExampleUser"), theirs);
        assert_eq!(found("exampleUser"), theirs);
        let other = found("EXAMPLEUSER");
        assert_eq!(
            other,
            dir.path()
                .join("EXAMPLEUSER-Self-assessment-2026-12-01.toml"),
            "another account"
        );
        std::fs::write(
            dir.path()
                .join("alice_smith-Self-assessment-2026-12-01.toml"),
            "",
        )
        .unwrap();
        assert_eq!(
            found("Alice smith"),
            dir.path()
                .join("alice_smith-Self-assessment-2026-12-01.toml")
        );
    }

    #[test]
    fn a_default_sheet_path_is_safe_and_dated() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
        assert_eq!(
            default_sheet_path(Path::new("sheets"), "ExampleUser", "Self-assessment", date),
            Path::new("sheets/ExampleUser-Self-assessment-2026-11-05.toml")
        );
        assert_eq!(
            default_sheet_path(Path::new("/s"), "../Evil/ name", "Mentor review", date),
            Path::new("/s/Evil-name-Mentor-review-2026-11-05.toml")
        );
        assert_eq!(slug("Zoë O'Brien"), "Zoë-O-Brien");
        assert_eq!(slug("///"), "unnamed");
        assert_eq!(slug(".hidden"), "hidden");
    }
}
