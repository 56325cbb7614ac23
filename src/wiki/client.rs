//! The blocking Action API client: one agent (and so one login session) per command, every
//! request counted, passing faults retried within a [`Retry`] policy.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::io::Read as _;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::api::{
    EditAnswer, Envelope, ListAnswer, LoginAnswer, PagesAnswer, SiteInfo, SiteInfoAnswer,
    TokensAnswer,
};
use super::error::WikiError;
use super::picture::FileVersion;
use super::retry::Retry;

mod files;
mod listing;
mod transport;

pub use files::{PageAndFiles, UploadFile};

/// Titles asked for in one `prop=revisions` request: the API's limit for users without the
/// `apihighlimits` right.
pub const TITLES_PER_REQUEST: usize = 50;

/// The largest answer read: MediaWiki caps one answer at 8 MiB (`$wgAPIMaxResultSize`) and
/// continues the rest, so a bigger one is not a wiki's.
pub const MAX_ANSWER_BYTES: u64 = 16 * 1024 * 1024;

/// How far a listing may go before `ksb` stops it: a wiki's listing ends, and a cohort has so
/// many pages; one that goes on past these is a broken or hostile wiki, or the wrong prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most titles one listing (`--prefix`, `--category`) may give.
    pub titles: usize,
    /// The most requests one listing may take.
    pub requests: usize,
}

impl Default for Limits {
    /// 5,000 titles (a hundred cohorts of fifty), in at most 100 requests (MediaWiki lists 500
    /// titles a request to a user without `apihighlimits`).
    fn default() -> Limits {
        Limits {
            titles: 5_000,
            requests: 100,
        }
    }
}

/// The longest title MediaWiki allows, in bytes: a longer one is not a wiki's.
pub const MAX_TITLE_BYTES: usize = 255;

/// A password or token: kept out of `Debug` and `Display`, so it cannot leak into a message.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret read from a file or the environment (trailing newline removed).
    pub fn new(text: &str) -> Secret {
        Secret(text.trim_end_matches(['\n', '\r']).to_string())
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// How `ksb` proves who it is to the wiki.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// Nobody: reading where the wiki allows it.
    Anonymous,
    /// A bot password (`Special:BotPasswords`): user `Name@appid`.
    BotPassword {
        /// `Name@appid`.
        user: String,
        /// The bot password.
        password: Secret,
    },
    /// An OAuth 2 owner-only access token, sent as `Authorization: Bearer`.
    Bearer(Secret),
}

/// Where the wiki is and how to talk to it.
#[derive(Debug, Clone)]
pub struct Connection {
    /// The wiki's `api.php`.
    pub url: String,
    /// Sent with every request, as Wikimedia-style wikis require.
    pub user_agent: String,
    /// Who `ksb` is.
    pub auth: Auth,
    /// How passing faults are retried.
    pub retry: Retry,
    /// How long to wait for a connection, and for each read of an answer.
    pub timeout: Duration,
    /// How far a listing may go.
    pub limits: Limits,
}

/// A page as the wiki has it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Its title as the wiki spells it.
    pub title: String,
    /// Its latest revision; `None` when the page does not exist.
    pub latest: Option<Revision>,
}

/// The latest revision of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Its id.
    pub id: u64,
    /// Who saved it (`(hidden)` when the wiki hides it).
    pub user: String,
    /// When, as ISO 8601.
    pub timestamp: String,
    /// The wikitext.
    pub text: String,
}

/// A page read with the server's time, for an edit's `starttimestamp`.
#[derive(Debug, Clone)]
pub struct PageNow {
    /// The page.
    pub page: Page,
    /// The server's time when it was read.
    pub now: String,
}

/// How an edit may treat a page that does or does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// The page must not exist yet (`createonly`): a racing creation is not overwritten.
    Only,
    /// The page must exist (`nocreate`): a deletion in between is not silently undone.
    Never,
}

/// One edit of a page.
#[derive(Debug, Clone)]
pub struct Edit<'a> {
    /// The page.
    pub title: &'a str,
    /// Its new wikitext.
    pub text: &'a str,
    /// The edit summary.
    pub summary: &'a str,
    /// The revision the edit is made on (`baserevid`) and its timestamp (`basetimestamp`):
    /// MediaWiki refuses the edit when the page has moved on since.
    pub base: Option<(u64, &'a str)>,
    /// When the page was read (`starttimestamp`).
    pub started: &'a str,
    /// Whether the page must or must not exist.
    pub create: Create,
}

/// A saved edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The page's revision now; `None` when the page already held the text (no new revision).
    pub revision: Option<u64>,
}

/// A client for one wiki; not shared between threads.
pub struct Client {
    agent: ureq::Agent,
    conn: Connection,
    requests: Cell<usize>,
    csrf: Option<String>,
}

impl Client {
    /// A client for `conn`; refuses a URL that is not `https://` (plain `http://` only for
    /// localhost and 127.0.0.1, as a test or a tunnel uses).
    pub fn new(conn: Connection) -> Result<Client, WikiError> {
        check_url(&conn.url)?;
        match &conn.auth {
            Auth::Bearer(token) => {
                check_header(&format!("Bearer {}", token.expose()), || {
                    "the OAuth token".to_string()
                })?;
            }
            Auth::BotPassword { user, .. } => {
                check_header(user, || format!("the wiki user '{}'", user.escape_debug()))?;
            }
            Auth::Anonymous => {}
        }
        check_header(&conn.user_agent, || "the User-Agent".to_string())?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .user_agent(conn.user_agent.as_str())
            .timeout_connect(Some(conn.timeout))
            .timeout_recv_response(Some(conn.timeout))
            .timeout_recv_body(Some(conn.timeout))
            .max_redirects(0)
            .build()
            .new_agent();
        Ok(Client {
            agent,
            conn,
            requests: Cell::new(0),
            csrf: None,
        })
    }

    /// How many HTTP requests this client has sent, retries included.
    pub fn requests(&self) -> usize {
        self.requests.get()
    }

    /// The API URL.
    pub fn url(&self) -> &str {
        &self.conn.url
    }

    /// Logs in with the bot password, once; a Bearer token or no credentials need no login.
    pub fn login(&mut self) -> Result<(), WikiError> {
        let Auth::BotPassword { user, password } = self.conn.auth.clone() else {
            return Ok(());
        };
        let tokens: TokensAnswer =
            self.get(&[("action", "query"), ("meta", "tokens"), ("type", "login")])?;
        let token = tokens
            .query
            .tokens
            .logintoken
            .ok_or_else(|| WikiError::Unexpected("no login token".into()))?;
        let answer: LoginAnswer = self.post(&[
            ("action", "login"),
            ("lgname", &user),
            ("lgpassword", password.expose()),
            ("lgtoken", &token),
        ])?;
        if answer.login.result == "Success" {
            return Ok(());
        }
        Err(WikiError::Login {
            user,
            reason: answer
                .login
                .reason
                .unwrap_or_else(|| answer.login.result.clone()),
        })
    }

    /// The wiki's namespaces.
    pub fn site_info(&self) -> Result<SiteInfo, WikiError> {
        let answer: SiteInfoAnswer = self.get(&[
            ("action", "query"),
            ("meta", "siteinfo"),
            ("siprop", "namespaces|namespacealiases"),
        ])?;
        Ok(answer.query)
    }

    /// The pages' latest revisions with their text, [`TITLES_PER_REQUEST`] titles a request
    /// (more only when the wiki continues an answer too large to send at once). Pages come
    /// back in the order asked, under the title asked for.
    pub fn pages(&self, titles: &[String]) -> Result<Vec<Page>, WikiError> {
        let mut pages = Vec::with_capacity(titles.len());
        for batch in titles.chunks(TITLES_PER_REQUEST) {
            pages.extend(self.batch(batch)?.0);
        }
        Ok(pages)
    }

    /// The wikitext of old revisions by id, [`TITLES_PER_REQUEST`] a request: the sheet as
    /// it was when `ksb` last published or pulled it, the base of a merge. A revision the wiki
    /// no longer shows (deleted, hidden) is left out of the answer.
    pub fn revisions(&self, ids: &[u64]) -> Result<HashMap<u64, String>, WikiError> {
        let mut texts = HashMap::new();
        for batch in ids.chunks(TITLES_PER_REQUEST) {
            let joined = batch
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("|");
            let params = [
                ("action", "query"),
                ("prop", "revisions"),
                ("rvprop", "ids|timestamp|user|content"),
                ("rvslots", "main"),
                ("revids", joined.as_str()),
            ];
            self.revisions_query(&params, batch.len(), |answer| {
                for page in answer.query.map(|q| q.pages).unwrap_or_default() {
                    for rev in page.revisions {
                        if let Some(text) = rev.slots.and_then(|s| s.main.content) {
                            if batch.contains(&rev.revid) {
                                texts.insert(rev.revid, text);
                            }
                        }
                    }
                }
                Ok(())
            })?;
        }
        Ok(texts)
    }

    /// One page and the server's time, for an edit.
    pub fn page_now(&self, title: &str) -> Result<PageNow, WikiError> {
        let (mut pages, now) = self.batch(&[title.to_string()])?;
        let page = pages
            .pop()
            .ok_or_else(|| WikiError::Unexpected(format!("no page '{title}' in the answer")))?;
        Ok(PageNow {
            page,
            now: now.unwrap_or_default(),
        })
    }

    fn batch(&self, titles: &[String]) -> Result<(Vec<Page>, Option<String>), WikiError> {
        let mut found = self.read_titles(titles, false)?;
        let pages = titles
            .iter()
            .map(|asked| {
                let (title, latest, _) = found.take(asked)?;
                Ok(Page { title, latest })
            })
            .collect::<Result<_, WikiError>>()?;
        Ok((pages, found.now))
    }

    /// Reads the latest revision of each of `titles` in one query (following its
    /// continuation), and with `files` also each title's current file version and who the
    /// client is logged in as: the one reader of pages by title, for an edit and for a picture.
    fn read_titles(&self, titles: &[String], files: bool) -> Result<Found, WikiError> {
        let joined = titles.join("|");
        let mut params = vec![
            ("action", "query"),
            (
                "prop",
                if files {
                    "revisions|imageinfo"
                } else {
                    "revisions"
                },
            ),
            ("rvprop", "ids|timestamp|user|content"),
            ("rvslots", "main"),
            ("curtimestamp", "1"),
            ("titles", joined.as_str()),
        ];
        if files {
            params.extend([("iiprop", "user|sha1|url"), ("meta", "userinfo")]);
        }
        let mut found = Found::default();
        self.revisions_query(&params, titles.len(), |answer| {
            found.now = found.now.take().or(answer.curtimestamp);
            let Some(query) = answer.query else {
                return Ok(());
            };
            found.user = found.user.take().or(query
                .userinfo
                .filter(|info| !info.anon)
                .map(|info| info.name));
            for n in query.normalized {
                found.renamed.insert(n.from, n.to);
            }
            for raw in query.pages {
                if raw.invalid {
                    return Err(WikiError::Api {
                        code: "invalidtitle".into(),
                        info: format!(
                            "'{}' cannot be a page title: {}",
                            raw.title,
                            raw.invalidreason.unwrap_or_default()
                        ),
                    });
                }
                let entry = found.titles.entry(raw.title).or_default();
                if let Some(rev) = raw.revisions.into_iter().next() {
                    if let Some(text) = rev.slots.and_then(|s| s.main.content) {
                        entry.0 = Some(Revision {
                            id: rev.revid,
                            user: rev.user.unwrap_or_else(|| "(hidden)".into()),
                            timestamp: rev.timestamp,
                            text,
                        });
                    }
                }
                // The first answer gives the file's current version; a continued one, an
                // older version, which never replaces it.
                if let (Some(info), None) = (raw.imageinfo.into_iter().next(), &entry.1) {
                    entry.1 = Some(FileVersion {
                        user: info.user.unwrap_or_else(|| "(hidden)".into()),
                        sha1: info.sha1.unwrap_or_default(),
                        url: info.url.unwrap_or_default(),
                    });
                }
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// Sends a `prop=revisions` query for `count` titles or revisions and hands each answer to
    /// `each`, following the wiki's continuation. MediaWiki continues such a query only to
    /// bring content that did not fit, at least one page an answer, so `count` items take at
    /// most `count + 1` answers; more, or a continuation that repeats, is a broken or hostile
    /// wiki and ends the query with an error.
    fn revisions_query(
        &self,
        params: &[(&str, &str)],
        count: usize,
        mut each: impl FnMut(PagesAnswer) -> Result<(), WikiError>,
    ) -> Result<(), WikiError> {
        let mut next: Vec<(String, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..=count {
            let mut all = params.to_vec();
            all.extend(next.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let answer: PagesAnswer = self.get(&all)?;
            let more = answer.continue_.clone();
            each(answer)?;
            match more {
                Some(more) => {
                    // `iistart` continues to a file's older versions, never wanted: only its
                    // current one (in the first answer) is read.
                    next = continuation(&more)
                        .into_iter()
                        .filter(|(key, _)| key != "iistart")
                        .collect();
                    if next.iter().all(|(key, _)| key == "continue") {
                        return Ok(());
                    }
                    if !seen.insert(next.clone()) {
                        return Err(WikiError::Runaway(
                            "the wiki's answer went back to where it had been (a repeated continuation); stopped".to_string(),
                        ));
                    }
                }
                None => return Ok(()),
            }
        }
        Err(WikiError::Runaway(format!(
            "the wiki kept continuing its answer for {count} pages past {} requests; stopped",
            count + 1
        )))
    }

    /// Saves an edit, fetching the CSRF token once per client; `assert=user` makes a lost
    /// login an error instead of an anonymous edit.
    pub fn edit(&mut self, edit: &Edit<'_>) -> Result<Saved, WikiError> {
        let token = self.csrf_token()?;
        let base_id = edit.base.map(|(id, _)| id.to_string());
        let mut params: Vec<(&str, &str)> = vec![
            ("action", "edit"),
            ("title", edit.title),
            ("text", edit.text),
            ("summary", edit.summary),
            ("starttimestamp", edit.started),
            ("assert", "user"),
            ("contentmodel", "wikitext"),
        ];
        if let (Some(id), Some((_, timestamp))) = (&base_id, edit.base) {
            params.push(("baserevid", id));
            params.push(("basetimestamp", timestamp));
        }
        params.push(match edit.create {
            Create::Only => ("createonly", "1"),
            Create::Never => ("nocreate", "1"),
        });
        params.push(("token", &token));
        let answer: EditAnswer = self.post(&params)?;
        let result = answer.edit;
        if result.result != "Success" {
            let detail = serde_json::Value::Object(result.rest).to_string();
            return Err(WikiError::Api {
                code: result.result.to_lowercase(),
                info: detail,
            });
        }
        Ok(Saved {
            revision: if result.nochange {
                None
            } else {
                Some(result.newrevid.ok_or_else(|| {
                    WikiError::Unexpected("an edit without a new revision id".into())
                })?)
            },
        })
    }
}

impl Client {
    /// The CSRF token of an edit or an upload, fetched once per client.
    fn csrf_token(&mut self) -> Result<String, WikiError> {
        if let Some(token) = &self.csrf {
            return Ok(token.clone());
        }
        let answer: TokensAnswer =
            self.get(&[("action", "query"), ("meta", "tokens"), ("type", "csrf")])?;
        let token = answer
            .query
            .tokens
            .csrftoken
            .ok_or_else(|| WikiError::Unexpected("no CSRF token".into()))?;
        self.csrf = Some(token.clone());
        Ok(token)
    }
}

/// The parameters a `continue` object says to send with the next request.
fn continuation(more: &serde_json::Map<String, serde_json::Value>) -> Vec<(String, String)> {
    more.iter()
        .map(|(key, value)| {
            let text = match value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            (key.clone(), text)
        })
        .collect()
}

/// Refuses a value HTTP cannot carry in a header before a request is built with it.
fn check_header(value: &str, what: impl Fn() -> String) -> Result<(), WikiError> {
    match ureq::http::HeaderValue::from_str(value) {
        Ok(_) => Ok(()),
        Err(_) => Err(WikiError::BadHeader { what: what() }),
    }
}

/// Refuses URLs `ksb` will not send a sheet or a password to.
pub fn check_url(url: &str) -> Result<(), WikiError> {
    let refuse = |reason: &str| WikiError::BadUrl {
        url: url.to_string(),
        reason: reason.to_string(),
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(|| {
        refuse("is not a URL: give the wiki's api.php, such as https://example.org/w/api.php")
    })?;
    // Parsed as ureq parses it (the `url` crate, behind its cookie jar): a URL it cannot read
    // would otherwise end in a panic inside it.
    if url.chars().any(|c| c.is_control() || c.is_whitespace())
        || ureq::http::Uri::try_from(url).is_err()
        || url::Url::parse(url).is_err()
    {
        return Err(refuse(
            "is not a URL ksb can send a request to: give the wiki's api.php, such as https://example.org/w/api.php",
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(refuse(
            "has a user name or password in it: give credentials in a file instead",
        ));
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host),
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" if !host.is_empty() => Ok(()),
        "http"
            if matches!(
                host.to_ascii_lowercase().as_str(),
                "localhost" | "127.0.0.1" | "::1"
            ) =>
        {
            Ok(())
        }
        "http" => Err(refuse(
            "is plain http://: use https:// (http:// only for localhost and 127.0.0.1)",
        )),
        _ => Err(refuse("must start with https://")),
    }
}

/// What [`Client::read_titles`] found: each title as the wiki spells it with its latest
/// revision and current file version, the wiki's renamings of the titles asked, the server's
/// time and who asked (none without a login).
#[derive(Default)]
struct Found {
    titles: HashMap<String, (Option<Revision>, Option<FileVersion>)>,
    renamed: HashMap<String, String>,
    now: Option<String>,
    user: Option<String>,
}

impl Found {
    /// The title as asked, as the wiki spells it, with what it holds; a title the answer lacks
    /// is an error.
    fn take(
        &mut self,
        asked: &str,
    ) -> Result<(String, Option<Revision>, Option<FileVersion>), WikiError> {
        let title = self
            .renamed
            .get(asked)
            .map_or(asked, String::as_str)
            .to_string();
        let (latest, file) = self
            .titles
            .remove(&title)
            .ok_or_else(|| WikiError::Unexpected(format!("no page '{asked}' in the answer")))?;
        Ok((title, latest, file))
    }
}

#[cfg(test)]
mod tests;
