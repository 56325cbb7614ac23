//! What can go wrong between `ksb` and the wiki, as cases a command can tell apart.

/// What follows a 404 from a URL that is not an `api.php`: the URL a wiki's API has.
fn not_api_php_hint(url: &str, status: u16) -> &'static str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if status == 404 && !path.ends_with("api.php") {
        ": the wiki URL is the address of its api.php, such as https://example.org/w/api.php"
    } else {
        ""
    }
}

/// A failed exchange with the wiki. No variant ever holds a password or a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WikiError {
    /// The URL is not one `ksb` will send credentials or sheets to.
    #[error("wiki URL '{url}' {reason}")]
    BadUrl {
        /// The URL as given.
        url: String,
        /// Why it is refused.
        reason: String,
    },
    /// No connection could be made (refused, no such host, TLS failure).
    #[error("cannot reach the wiki at {url}: {reason}")]
    Unreachable {
        /// The API URL.
        url: String,
        /// What the network said.
        reason: String,
    },
    /// A fault that was retried and kept happening (timeouts, HTTP 5xx, 429, maxlag).
    #[error("the wiki at {url} kept failing ({attempts} tries): {last}")]
    GaveUp {
        /// The API URL.
        url: String,
        /// How many requests were sent.
        attempts: u32,
        /// The last fault.
        last: String,
    },
    /// An HTTP status that is not worth retrying (404, 403, …), or a redirect, which ksb does
    /// not follow (a login or an edit must not be sent on to another address unseen).
    #[error(
        "the wiki at {url} answered HTTP {status}{}{}",
        .location.as_ref().map_or(String::new(), |to| format!(
            ", a redirect to '{to}', which ksb does not follow: give that address as the wiki URL if it is the wiki's"
        )),
        not_api_php_hint(url, *status)
    )]
    Http {
        /// The API URL.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// Where a redirect points (its `Location`), as the wiki sent it.
        location: Option<String>,
    },
    /// MediaWiki refused the request, with its own error code and message.
    #[error("the wiki refused: {code}: {info}")]
    Api {
        /// MediaWiki's error code, such as `badtoken`, `protectedpage`, `editconflict`.
        code: String,
        /// MediaWiki's message.
        info: String,
    },
    /// Logging in was refused.
    #[error("logging in to the wiki as '{user}' failed: {reason}")]
    Login {
        /// The bot password's user name (`Name@appid`).
        user: String,
        /// What MediaWiki said.
        reason: String,
    },
    /// A value that would go into a request header is not one HTTP can carry (a line break, a
    /// control character): refused before anything is sent.
    #[error(
        "{what} cannot be sent to the wiki: it holds a line break or another control character"
    )]
    BadHeader {
        /// What the value is ("the wiki user 'x'", "the OAuth token"); never the secret itself.
        what: String,
    },
    /// A listing or a batch that does not end as a wiki's does: a continuation that repeats, or
    /// more requests or titles than the limits allow.
    #[error("{0}")]
    Runaway(String),
    /// The answer was not what the API documents (not JSON, a field missing, too large).
    #[error("the wiki's answer cannot be read: {0}")]
    Unexpected(String),
}

impl WikiError {
    /// MediaWiki's error code, when the wiki refused the request itself.
    pub fn api_code(&self) -> Option<&str> {
        match self {
            WikiError::Api { code, .. } => Some(code),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_404_from_a_url_not_ending_in_api_php_says_what_url_is_expected() {
        let http = |url: &str, status| WikiError::Http {
            url: url.to_string(),
            status,
            location: None,
        };
        assert_eq!(
            http("https://wiki.example/wiki/Main_Page", 404).to_string(),
            "the wiki at https://wiki.example/wiki/Main_Page answered HTTP 404: the wiki URL is the address of its api.php, such as https://example.org/w/api.php"
        );
        assert_eq!(
            http("https://wiki.example/w/api.php", 404).to_string(),
            "the wiki at https://wiki.example/w/api.php answered HTTP 404"
        );
        assert_eq!(
            http("https://wiki.example/", 403).to_string(),
            "the wiki at https://wiki.example/ answered HTTP 403"
        );
    }
}
