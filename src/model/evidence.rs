//! Evidence: what backs a score. An item is a short description, optionally a link a mentor can
//! follow, the KSBs it supports (one piece of work often shows several), when and by whom it
//! was added, and, once a mentor looked, their verdict. Items live in a sheet apart from its
//! scores and notes, so a level that is self-assessed and one that is backed by checked
//! evidence stay distinguishable.

use std::fmt;

use chrono::NaiveDate;

use crate::model::id::KsbId;

/// Where a Phorge task short form (`T12345`) points: the Miraheze programme's task tracker.
pub const PHORGE_TASK_BASE: &str = "https://issue-tracker.miraheze.org/T";

/// Where a GitHub short form (`miraheze/mw-config#123`) points; GitHub sends an issue number
/// that is a pull request on to the pull request.
pub const GITHUB_BASE: &str = "https://github.com/";

/// The number of an evidence item within its sheet: given when the item is added, one more
/// than the highest the sheet holds, and kept while the item is there (removing an item
/// renumbers none of the others), so "item 3" means the same item to the mentee who added it
/// and the mentor who checks it. A sheet keeps no record of removed items: once its highest
/// item is removed, that number goes to the next item added.
pub type EvidenceNumber = u32;

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The item's number in its sheet (see [`EvidenceNumber`]).
    pub number: EvidenceNumber,
    /// What the evidence is, in a line ("Ran the Swift replication check").
    pub text: String,
    /// Where a mentor can see it, when it can be linked.
    pub link: Option<EvidenceLink>,
    /// The KSBs it supports: at least one, each once, in the order given.
    pub ksbs: Vec<KsbId>,
    /// The day it was added.
    pub added: NaiveDate,
    /// Who added it: a username in its one spelling.
    pub added_by: String,
    /// A mentor's verdict, once one looked; the item itself is never rewritten by a review.
    pub verdict: Option<Verdict>,
}

/// A mentor's verdict on an evidence item, recorded beside the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Checked or questioned.
    pub state: VerdictState,
    /// The mentor's username, in its one spelling.
    pub by: String,
    /// The day of the verdict.
    pub date: NaiveDate,
    /// What the mentor said, if anything (why it is questioned, say).
    pub comment: Option<String>,
}

/// What a mentor made of an evidence item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VerdictState {
    /// The mentor followed it and it backs the KSBs it names.
    Checked,
    /// The mentor has doubts: it does not show what it claims, or could not be followed.
    Questioned,
}

impl VerdictState {
    /// The word a sheet, JSON and every report use.
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictState::Checked => "checked",
            VerdictState::Questioned => "questioned",
        }
    }

    /// Reads the word back ([`VerdictState::as_str`]), in any case.
    pub fn parse(text: &str) -> Option<VerdictState> {
        match text.trim().to_ascii_lowercase().as_str() {
            "checked" => Some(VerdictState::Checked),
            "questioned" => Some(VerdictState::Questioned),
            _ => None,
        }
    }
}

impl fmt::Display for VerdictState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an evidence item can be seen. A sheet keeps the link as the person wrote it (a short
/// form stays short); every output turns it into a real link with [`EvidenceLink::url`] or,
/// for a page of the wiki itself, an internal link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EvidenceLink {
    /// An `https://` or `http://` address, checked by [`url::Url`].
    Url(String),
    /// A Phorge task, written `T12345`.
    Task(u64),
    /// A GitHub issue or pull request, written `owner/repo#123`.
    GitHub {
        /// `owner/repo`.
        repo: String,
        /// The issue or pull request number.
        number: u64,
    },
    /// A page on the programme's wiki, written `[[Page title]]`.
    WikiPage(String),
}

/// Why a link was refused: said in one line after the link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Nothing was given.
    #[error("is empty")]
    Empty,
    /// Spaces or control characters inside an address or a short form.
    #[error("has spaces or control characters: a link is one address without spaces")]
    Whitespace,
    /// Not one of the forms ksb knows.
    #[error(
        "is not a link ksb knows: give an https:// address, a Phorge task such as T12345, a \
         GitHub issue such as miraheze/mw-config#123, or a wiki page as [[Page title]]"
    )]
    Unknown,
    /// A scheme other than http(s): `javascript:`, `data:`, `file:` and the like.
    #[error("uses the scheme '{0}:': only https:// and http:// addresses are links")]
    Scheme(String),
    /// An address the URL parser refuses, or one without a host.
    #[error("is not a valid address: {0}")]
    BadUrl(String),
    /// A wiki page title with a character MediaWiki titles cannot hold.
    #[error("names a wiki page with '{0}', which a page title cannot hold")]
    BadTitle(char),
}

impl EvidenceLink {
    /// Reads a link in any of its forms (see [`EvidenceLink`]); the error says what is wrong.
    pub fn parse(text: &str) -> Result<EvidenceLink, LinkError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(LinkError::Empty);
        }
        if let Some(inner) = text
            .strip_prefix("[[")
            .and_then(|rest| rest.strip_suffix("]]"))
        {
            return wiki_page(inner);
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(LinkError::Whitespace);
        }
        if let Some(number) = text
            .strip_prefix('T')
            .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        {
            return number
                .parse()
                .map(EvidenceLink::Task)
                .map_err(|_| LinkError::Unknown);
        }
        if let Some((repo, number)) = github(text) {
            return Ok(EvidenceLink::GitHub { repo, number });
        }
        let Some((scheme, _)) = text.split_once(':') else {
            return Err(LinkError::Unknown);
        };
        let is_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !is_scheme {
            return Err(LinkError::Unknown);
        }
        let lower = scheme.to_ascii_lowercase();
        if lower != "https" && lower != "http" {
            return Err(LinkError::Scheme(scheme.to_string()));
        }
        let parsed = url::Url::parse(text).map_err(|err| LinkError::BadUrl(err.to_string()))?;
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(LinkError::BadUrl("it names no host".to_string()));
        }
        Ok(EvidenceLink::Url(parsed.to_string()))
    }

    /// The link as a sheet writes it, and as [`EvidenceLink::parse`] reads it back.
    pub fn as_written(&self) -> String {
        match self {
            EvidenceLink::Url(url) => url.clone(),
            EvidenceLink::Task(number) => format!("T{number}"),
            EvidenceLink::GitHub { repo, number } => format!("{repo}#{number}"),
            EvidenceLink::WikiPage(title) => format!("[[{title}]]"),
        }
    }

    /// The address a reader follows, for outputs outside the wiki. A wiki page has none here
    /// (ksb knows no wiki's address offline): outputs on the wiki link it internally, others
    /// show its title.
    pub fn url(&self) -> Option<String> {
        match self {
            EvidenceLink::Url(url) => Some(url.clone()),
            EvidenceLink::Task(number) => Some(format!("{PHORGE_TASK_BASE}{number}")),
            EvidenceLink::GitHub { repo, number } => {
                Some(format!("{GITHUB_BASE}{repo}/issues/{number}"))
            }
            EvidenceLink::WikiPage(_) => None,
        }
    }
}

impl fmt::Display for EvidenceLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_written())
    }
}

/// `owner/repo#123`, GitHub's own short form: owner and repository of GitHub's characters.
fn github(text: &str) -> Option<(String, u64)> {
    let (repo, number) = text.split_once('#')?;
    let (owner, name) = repo.split_once('/')?;
    let part = |s: &str| {
        !s.is_empty()
            && s.len() <= 100
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && s != "."
            && s != ".."
    };
    if !part(owner) || !part(name) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((repo.to_string(), number.parse().ok()?))
}

/// A wiki page title between `[[` and `]]`: one line, none of the characters MediaWiki's
/// titles refuse, no `|` text of its own.
fn wiki_page(inner: &str) -> Result<EvidenceLink, LinkError> {
    let title = inner.trim();
    if title.is_empty() {
        return Err(LinkError::Empty);
    }
    if let Some(c) = title
        .chars()
        .find(|c| c.is_control() || "#<>[]|{}".contains(*c))
    {
        return Err(LinkError::BadTitle(c));
    }
    if title.contains("~~~") {
        return Err(LinkError::BadTitle('~'));
    }
    // MediaWiki refuses a URL escape (`%41`) and an HTML entity (`&amp;`) in a title.
    let bytes = title.as_bytes();
    for (i, byte) in bytes.iter().enumerate() {
        let rest = &bytes[i + 1..];
        let escape =
            *byte == b'%' && rest.len() >= 2 && rest[..2].iter().all(u8::is_ascii_hexdigit);
        let entity = *byte == b'&'
            && rest.iter().position(|b| *b == b';').is_some_and(|end| {
                end > 0
                    && rest[..end]
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'#' || *b >= 0x80)
            });
        if escape || entity {
            return Err(LinkError::BadTitle(char::from(*byte)));
        }
    }
    Ok(EvidenceLink::WikiPage(title.to_string()))
}

/// Why an evidence item's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Only blanks.
    #[error("the description is empty: say in a few words what the evidence is")]
    Empty,
    /// A line break or other control character: a description is one line.
    #[error("the description must be one line, without control characters")]
    Control,
}

/// An item's description as a sheet keeps it: trimmed, one line, not empty.
pub fn check_text(text: &str) -> Result<String, TextError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().any(char::is_control) {
        return Err(TextError::Control);
    }
    Ok(text.to_string())
}

/// How many items support a KSB and how many of those a mentor checked: what `compare` and
/// `plan` show beside a score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Support {
    /// Items naming the KSB.
    pub items: usize,
    /// Of those, items a mentor marked checked.
    pub checked: usize,
}

/// The support of `id` among `items`.
pub fn support(items: &[Evidence], id: &KsbId) -> Support {
    items.iter().filter(|item| item.ksbs.contains(id)).fold(
        Support::default(),
        |mut support, item| {
            support.items += 1;
            if item
                .verdict
                .as_ref()
                .is_some_and(|v| v.state == VerdictState::Checked)
            {
                support.checked += 1;
            }
            support
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_every_form_read_back_as_written() {
        for text in [
            "https://example.org/a?b=c#d",
            "T12345",
            "miraheze/mw-config#123",
            "[[User:Example/Evidence]]",
            "[[Tom & Jerry; 100% sure]]",
        ] {
            let link = EvidenceLink::parse(text).unwrap();
            assert_eq!(link.as_written(), text);
            assert_eq!(EvidenceLink::parse(&link.as_written()).unwrap(), link);
        }
        assert_eq!(
            EvidenceLink::parse("T12345").unwrap().url().as_deref(),
            Some("https://issue-tracker.miraheze.org/T12345")
        );
        assert_eq!(
            EvidenceLink::parse("miraheze/mw-config#9")
                .unwrap()
                .url()
                .as_deref(),
            Some("https://github.com/miraheze/mw-config/issues/9")
        );
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        let cases = [
            ("", LinkError::Empty),
            ("example.org/page", LinkError::Unknown),
            (
                "javascript:alert(1)",
                LinkError::Scheme("javascript".into()),
            ),
            (
                "JavaScript:alert(1)",
                LinkError::Scheme("JavaScript".into()),
            ),
            ("data:text/html,x", LinkError::Scheme("data".into())),
            ("https://exa mple.org", LinkError::Whitespace),
            ("https://example.org/\u{7}", LinkError::Whitespace),
            ("[[a|b]]", LinkError::BadTitle('|')),
            ("[[a\nb]]", LinkError::BadTitle('\n')),
            ("[[ ]]", LinkError::Empty),
            ("[[a%41b]]", LinkError::BadTitle('%')),
            ("[[Tom &amp; Jerry]]", LinkError::BadTitle('&')),
        ];
        for (text, want) in cases {
            assert_eq!(EvidenceLink::parse(text), Err(want), "{text:?}");
        }
        assert!(matches!(
            EvidenceLink::parse("https://"),
            Err(LinkError::BadUrl(_))
        ));
    }

    #[test]
    fn a_description_is_one_line() {
        assert_eq!(check_text("  Ran it  ").unwrap(), "Ran it");
        assert_eq!(check_text(" "), Err(TextError::Empty));
        assert_eq!(check_text("a\nb"), Err(TextError::Control));
    }

    #[test]
    fn support_counts_items_and_checked_ones() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let item = |number, ksbs: &[&str], state: Option<VerdictState>| Evidence {
            number,
            text: "x".into(),
            link: None,
            ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
            added: day,
            added_by: "A".into(),
            verdict: state.map(|state| Verdict {
                state,
                by: "M".into(),
                date: day,
                comment: None,
            }),
        };
        let items = [
            item(1, &["K1", "S2"], Some(VerdictState::Checked)),
            item(2, &["K1"], Some(VerdictState::Questioned)),
            item(3, &["S2"], None),
        ];
        let k1: KsbId = "K1".parse().unwrap();
        assert_eq!(
            support(&items, &k1),
            Support {
                items: 2,
                checked: 1
            }
        );
        assert_eq!(support(&items, &"B1".parse().unwrap()), Support::default());
    }
}
