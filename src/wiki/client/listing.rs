//! Listing pages: every page under a title prefix or in a category, following the wiki's
//! continuation within the client's [`Limits`], so that a wiki whose listing repeats or never
//! ends cannot hold `ksb`.

use super::*;

impl Client {
    /// Every page in namespace `namespace` whose title (without the namespace) starts with
    /// `prefix`, following continuation.
    pub fn pages_with_prefix(
        &self,
        namespace: i64,
        prefix: &str,
    ) -> Result<Vec<String>, WikiError> {
        let ns = namespace.to_string();
        self.list(
            &[
                ("list", "allpages"),
                ("apnamespace", &ns),
                ("apprefix", prefix),
                ("aplimit", "max"),
            ],
            |q| q.allpages,
        )
    }

    /// Every page in the category (`Category:` added when missing), following continuation.
    pub fn pages_in_category(&self, category: &str) -> Result<Vec<String>, WikiError> {
        self.list(
            &[
                ("list", "categorymembers"),
                ("cmtitle", category),
                ("cmtype", "page"),
                ("cmlimit", "max"),
            ],
            |q| q.categorymembers,
        )
    }

    fn list(
        &self,
        params: &[(&str, &str)],
        take: fn(crate::wiki::api::ListQuery) -> Vec<crate::wiki::api::Listed>,
    ) -> Result<Vec<String>, WikiError> {
        let limits = self.conn.limits;
        let mut titles = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut next: Vec<(String, String)> = Vec::new();
        for _ in 0..limits.requests {
            let mut all: Vec<(&str, &str)> = vec![("action", "query")];
            all.extend_from_slice(params);
            all.extend(next.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            let answer: ListAnswer = self.get(&all)?;
            if let Some(query) = answer.query {
                for listed in take(query) {
                    check_title(&listed.title)?;
                    if titles.len() == limits.titles {
                        return Err(WikiError::Runaway(format!(
                            "the wiki listed more than {} pages; stopped (raise `max_pages` under [wiki] for a larger cohort)",
                            limits.titles
                        )));
                    }
                    titles.push(listed.title);
                }
            }
            match answer.continue_ {
                Some(more) => {
                    next = continuation(&more);
                    if !seen.insert(next.clone()) {
                        return Err(WikiError::Runaway(format!(
                            "the wiki's listing went back to where it had been (a repeated continuation) after {} requests; stopped",
                            seen.len() + 1
                        )));
                    }
                }
                None => return Ok(titles),
            }
        }
        Err(WikiError::Runaway(format!(
            "the wiki's listing did not end within {} requests; stopped (raise `max_requests` under [wiki] for a larger cohort)",
            limits.requests
        )))
    }
}

/// Refuses a listed title no wiki would give (too long, or with characters no title holds).
fn check_title(title: &str) -> Result<(), WikiError> {
    if title.len() > MAX_TITLE_BYTES || title.chars().any(char::is_control) {
        return Err(WikiError::Unexpected(format!(
            "a listed title is not one a wiki can have ({} bytes{})",
            title.len(),
            if title.chars().any(char::is_control) {
                ", with control characters"
            } else {
                ""
            }
        )));
    }
    Ok(())
}
