//! The parts of MediaWiki's Action API answers (`format=json&formatversion=2`) that `ksb`
//! reads, as typed structs: anything else in an answer is ignored.

use serde::Deserialize;

/// An API error: MediaWiki's code and message.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiError {
    /// Such as `badtoken`, `protectedpage`, `maxlag`.
    pub code: String,
    /// The message in the wiki's language.
    #[serde(default)]
    pub info: String,
}

/// Every answer may carry an error instead of what was asked.
#[derive(Debug, Deserialize)]
pub struct Envelope {
    /// Set when the request failed.
    pub error: Option<ApiError>,
}

/// `meta=tokens`.
#[derive(Debug, Deserialize)]
pub struct TokensAnswer {
    /// The tokens asked for.
    pub query: Tokens,
}

/// The tokens of a `meta=tokens` answer.
#[derive(Debug, Deserialize)]
pub struct Tokens {
    /// Present with `type=login`.
    #[serde(default)]
    pub tokens: TokenSet,
}

/// Login and CSRF tokens.
#[derive(Debug, Default, Deserialize)]
pub struct TokenSet {
    /// For `action=login`.
    pub logintoken: Option<String>,
    /// For `action=edit`.
    pub csrftoken: Option<String>,
}

/// `action=login`.
#[derive(Debug, Deserialize)]
pub struct LoginAnswer {
    /// The outcome.
    pub login: LoginResult,
}

/// The outcome of `action=login`.
#[derive(Debug, Deserialize)]
pub struct LoginResult {
    /// `Success`, `Failed`, `Aborted`, …
    pub result: String,
    /// Why it failed.
    pub reason: Option<String>,
    /// The user logged in as.
    pub lgusername: Option<String>,
}

/// `meta=siteinfo&siprop=namespaces|namespacealiases|general`.
#[derive(Debug, Deserialize)]
pub struct SiteInfoAnswer {
    /// The site's facts.
    pub query: SiteInfo,
}

/// The namespaces of a wiki, to tell `User:` in a title prefix from a page name with a colon.
#[derive(Debug, Deserialize)]
pub struct SiteInfo {
    /// Every namespace, by id.
    pub namespaces: std::collections::BTreeMap<String, Namespace>,
    /// Other names of namespaces.
    #[serde(default)]
    pub namespacealiases: Vec<NamespaceAlias>,
}

/// One namespace.
#[derive(Debug, Deserialize)]
pub struct Namespace {
    /// Its number (0 for articles, 2 for `User:`, 14 for `Category:`).
    pub id: i64,
    /// Its local name.
    pub name: String,
    /// Its English name, valid on every wiki.
    pub canonical: Option<String>,
}

/// Another name of a namespace.
#[derive(Debug, Deserialize)]
pub struct NamespaceAlias {
    /// The namespace's number.
    pub id: i64,
    /// The other name.
    pub alias: String,
}

/// A `list=allpages` or `list=categorymembers` answer.
#[derive(Debug, Deserialize)]
pub struct ListAnswer {
    /// Where to go on from, when the list has more.
    #[serde(rename = "continue")]
    pub continue_: Option<serde_json::Map<String, serde_json::Value>>,
    /// The listed pages.
    pub query: Option<ListQuery>,
}

/// The pages of a list answer.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// `list=allpages`.
    #[serde(default)]
    pub allpages: Vec<Listed>,
    /// `list=categorymembers`.
    #[serde(default)]
    pub categorymembers: Vec<Listed>,
}

/// One listed page.
#[derive(Debug, Deserialize)]
pub struct Listed {
    /// Its full title.
    pub title: String,
}

/// A `prop=revisions` answer.
#[derive(Debug, Deserialize)]
pub struct PagesAnswer {
    /// Where to go on from, when not every page's content fitted.
    #[serde(rename = "continue")]
    pub continue_: Option<serde_json::Map<String, serde_json::Value>>,
    /// The pages; absent when no title was valid.
    pub query: Option<PagesQuery>,
    /// The server's time, for `starttimestamp`.
    pub curtimestamp: Option<String>,
}

/// The pages of a `prop=revisions` answer.
#[derive(Debug, Deserialize)]
pub struct PagesQuery {
    /// Titles the wiki normalised (`user:alice` → `User:Alice`).
    #[serde(default)]
    pub normalized: Vec<Normalized>,
    /// One entry per title.
    #[serde(default)]
    pub pages: Vec<RawPage>,
    /// Who asked (`meta=userinfo`), when asked for.
    pub userinfo: Option<UserInfo>,
}

/// A title as asked and as the wiki spells it.
#[derive(Debug, Deserialize)]
pub struct Normalized {
    /// As asked.
    pub from: String,
    /// As the wiki spells it.
    pub to: String,
}

/// One page of a `prop=revisions` answer.
#[derive(Debug, Deserialize)]
pub struct RawPage {
    /// Its title.
    pub title: String,
    /// The page does not exist.
    #[serde(default)]
    pub missing: bool,
    /// The title cannot be a page.
    #[serde(default)]
    pub invalid: bool,
    /// Why the title is invalid.
    pub invalidreason: Option<String>,
    /// The latest revision (absent until a continuation brings its content).
    #[serde(default)]
    pub revisions: Vec<RawRevision>,
    /// A file's current version (`prop=imageinfo`), when asked for.
    #[serde(default)]
    pub imageinfo: Vec<RawImageInfo>,
}

/// One version of a file, as `prop=imageinfo&iiprop=user|sha1|url` gives it.
#[derive(Debug, Deserialize)]
pub struct RawImageInfo {
    /// Who uploaded it (absent when hidden).
    pub user: Option<String>,
    /// The hex SHA-1 of its bytes.
    pub sha1: Option<String>,
    /// Where the wiki serves it.
    pub url: Option<String>,
}

/// Who the request was made as (`meta=userinfo`).
#[derive(Debug, Deserialize)]
pub struct UserInfo {
    /// The user's name (an address when not logged in).
    pub name: String,
    /// Whether the request was made without a login.
    #[serde(default)]
    pub anon: bool,
}

/// The answer to `action=upload`.
#[derive(Debug, Deserialize)]
pub struct UploadAnswer {
    /// What the upload did.
    pub upload: UploadResult,
}

/// What an upload did: `Success`, or `Warning` with the warnings that stopped it.
#[derive(Debug, Deserialize)]
pub struct UploadResult {
    /// `Success` or `Warning`.
    pub result: String,
    /// The warnings, by code.
    #[serde(default)]
    pub warnings: serde_json::Map<String, serde_json::Value>,
}

/// A revision of a page.
#[derive(Debug, Deserialize)]
pub struct RawRevision {
    /// Its id.
    pub revid: u64,
    /// Who saved it (absent when hidden).
    pub user: Option<String>,
    /// When, as ISO 8601.
    pub timestamp: String,
    /// The main slot's content.
    pub slots: Option<Slots>,
}

/// The slots of a revision.
#[derive(Debug, Deserialize)]
pub struct Slots {
    /// The main slot, the page's wikitext.
    pub main: Slot,
}

/// One slot of a revision.
#[derive(Debug, Deserialize)]
pub struct Slot {
    /// The text (absent when hidden or left for a continuation).
    pub content: Option<String>,
}

/// `action=edit`.
#[derive(Debug, Deserialize)]
pub struct EditAnswer {
    /// The outcome.
    pub edit: EditResult,
}

/// The outcome of `action=edit`.
#[derive(Debug, Deserialize)]
pub struct EditResult {
    /// `Success`, or `Failure` (a CAPTCHA, an extension refusing).
    pub result: String,
    /// The new revision; absent when the text was unchanged.
    pub newrevid: Option<u64>,
    /// When it was saved.
    pub newtimestamp: Option<String>,
    /// The page already held this text.
    #[serde(default)]
    pub nochange: bool,
    /// Anything else a `Failure` says (an abuse filter's code and message).
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}
