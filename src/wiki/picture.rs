//! Pictures on the wiki: the title of the file `ksb` uploads a chart as, and whether an
//! upload is due. The same rules as pages: a file someone else uploaded is never replaced,
//! and `ksb`'s own file gets a new version only when the picture changed (MediaWiki gives
//! each file's SHA-1, so nothing is downloaded to tell).

/// The longest file name MediaWiki takes, in bytes (without `File:`).
pub const MAX_NAME_BYTES: usize = 240;

/// The file a chart is uploaded as, as the wiki has it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNow {
    /// Its title, `File:` included, as the wiki spells it.
    pub title: String,
    /// Its current version; `None` when there is no such file.
    pub latest: Option<FileVersion>,
}

/// The current version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileVersion {
    /// Who uploaded it.
    pub user: String,
    /// The lowercase hex SHA-1 of its bytes.
    pub sha1: String,
    /// Where the wiki serves it.
    pub url: String,
}

/// What uploading a picture takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upload {
    /// There is no file yet: upload it.
    New,
    /// The file is `ksb`'s own and the picture changed: upload a new version.
    NewVersion,
    /// The file already holds this picture: nothing to upload.
    Unchanged,
}

/// A file under `ksb`'s title that someone else uploaded: it is theirs, and stays. Without a
/// login (a dry run may read anonymously) `ksb` cannot tell whose the file is, and says so.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct NotOurFile {
    /// The file.
    pub title: String,
    /// Who uploaded its current version.
    pub user: String,
    /// Who `ksb` is logged in as; `None` when it is not.
    pub me: Option<String>,
}

impl NotOurFile {
    fn message(&self) -> String {
        let NotOurFile { title, user, me } = self;
        match me {
            Some(me) => format!(
                "file '{title}' was uploaded by {user}, not by {me}: ksb never replaces someone \
                 else's file; nothing uploaded"
            ),
            None => format!(
                "file '{title}' holds another picture, uploaded by {user}, and without a login \
                 ksb cannot tell whether that is you: log in to see what a publish would do"
            ),
        }
    }
}

/// A file title that cannot be made from a page's title.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no file can be named after page '{page}': {problem}")]
pub struct BadFileName {
    /// The page.
    pub page: String,
    /// What is wrong.
    pub problem: String,
}

/// Whether `bytes` need uploading over `now`, as `me` (the wiki user `ksb` is logged in as,
/// `None` when it is not): the same bytes need nothing whoever uploaded them; other bytes over
/// a file whose current version someone else (or, without a login, anyone) uploaded are
/// refused.
pub fn decide(now: &FileNow, bytes: &[u8], me: Option<&str>) -> Result<Upload, NotOurFile> {
    let Some(latest) = &now.latest else {
        return Ok(Upload::New);
    };
    if latest.sha1.eq_ignore_ascii_case(&sha1_hex(bytes)) {
        return Ok(Upload::Unchanged);
    }
    let canonical = crate::model::username::canonical;
    if me.is_none_or(|me| canonical(&latest.user) != canonical(me)) {
        return Err(NotOurFile {
            title: now.title.clone(),
            user: latest.user.clone(),
            me: me.map(str::to_string),
        });
    }
    Ok(Upload::NewVersion)
}

/// The lowercase hex SHA-1 of `bytes`, as MediaWiki's `imageinfo` gives a file's.
pub fn sha1_hex(bytes: &[u8]) -> String {
    sha1_smol::Sha1::from(bytes).digest().to_string()
}

/// The file a picture of the page `page` is uploaded as: `File:KSB radar – ExampleUser –
/// Tech Mentoring – Self-assessment 2026-12-06.svg` for `kind` "radar" and the page
/// `User:ExampleUser/Tech Mentoring/Self-assessment 2026-12-06`. A `User:` namespace is
/// dropped (another is kept, its colon a dash) and subpages are joined with dashes, so each
/// page has a file of its own; give the title as the wiki spells it. A page
/// title holding what a file name cannot (`# < > [ ] | { }`, `%` and two hex digits, a
/// control character) or too long a name is refused, never guessed at.
pub fn file_title(kind: &str, page: &str) -> Result<String, BadFileName> {
    let fail = |problem: String| BadFileName {
        page: page.to_string(),
        problem,
    };
    let page = page.trim();
    let rest = match page.split_once(':') {
        Some((namespace, rest))
            if crate::model::username::canonical(namespace) == "User"
                && !rest.trim().is_empty() =>
        {
            rest
        }
        _ => page,
    };
    let joined = rest
        .split('/')
        .map(|piece| piece.replace('_', " "))
        .map(|piece| piece.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" – ");
    if joined.is_empty() {
        return Err(fail("the title is empty".to_string()));
    }
    if let Some(c) = joined
        .chars()
        .find(|&c| matches!(c, '#' | '<' | '>' | '[' | ']' | '|' | '{' | '}') || c.is_control())
    {
        return Err(fail(format!(
            "a file name cannot hold '{}'",
            c.escape_default()
        )));
    }
    let bytes = joined.as_bytes();
    if bytes
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
    {
        return Err(fail(
            "a file name cannot hold '%' followed by two hex digits".to_string(),
        ));
    }
    // MediaWiki turns these into dashes in an uploaded file's name, and capitalises a
    // title's first letter (as it does the user's name of a `User:` page).
    let joined = joined.replace([':', '\\'], "-");
    let mut chars = joined.chars();
    let joined: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let name = format!("KSB {kind} – {joined}.svg");
    if name.len() > MAX_NAME_BYTES {
        return Err(fail(format!(
            "the file name would be {} bytes, over MediaWiki's {MAX_NAME_BYTES}",
            name.len()
        )));
    }
    Ok(format!("File:{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_after_its_page_without_the_namespace() {
        assert_eq!(
            file_title(
                "radar",
                "User:ExampleUser/Tech Mentoring/Self-assessment 2026-12-06"
            )
            .unwrap(),
            "File:KSB radar – ExampleUser – Tech Mentoring – Self-assessment 2026-12-06.svg"
        );
        assert_eq!(
            file_title("heatmap", "Tech_Mentoring/Cohort  2026").unwrap(),
            "File:KSB heatmap – Tech Mentoring – Cohort 2026.svg"
        );
        assert_eq!(
            file_title("heatmap", "Project:A: b\\c").unwrap(),
            "File:KSB heatmap – Project-A- b-c.svg"
        );
        assert_eq!(
            file_title("radar", "user:alice_smith/Self").unwrap(),
            "File:KSB radar – Alice smith – Self.svg"
        );
    }

    #[test]
    fn a_page_whose_title_no_file_name_can_hold_is_refused() {
        for page in ["User:A/B|C", "x{y", "a%41b", "", " / ", "a\u{7}b"] {
            assert!(file_title("radar", page).is_err(), "{page:?}");
        }
        assert!(file_title("radar", &"x".repeat(250)).is_err());
    }

    fn file(user: &str, bytes: &[u8]) -> FileNow {
        FileNow {
            title: "File:X.svg".to_string(),
            latest: Some(FileVersion {
                user: user.to_string(),
                sha1: sha1_hex(bytes),
                url: "http://127.0.0.1/images/X.svg".to_string(),
            }),
        }
    }

    #[test]
    fn only_a_changed_picture_of_ksbs_own_file_is_uploaded_again() {
        let missing = FileNow {
            title: "File:X.svg".to_string(),
            latest: None,
        };
        assert_eq!(decide(&missing, b"<svg/>", Some("Bot")), Ok(Upload::New));
        assert_eq!(
            decide(&file("Bot", b"<svg/>"), b"<svg/>", Some("Bot")),
            Ok(Upload::Unchanged)
        );
        assert_eq!(
            decide(&file("Bot", b"<svg/>"), b"<svg></svg>", Some("Bot")),
            Ok(Upload::NewVersion)
        );
        assert_eq!(
            decide(&file("Someone_else", b"<svg/>"), b"<svg/>", Some("Bot")),
            Ok(Upload::Unchanged)
        );
        let refused = decide(&file("Someone", b"<svg/>"), b"<svg></svg>", Some("Bot")).unwrap_err();
        assert_eq!(refused.user, "Someone");
        assert!(refused.to_string().contains("never replaces"));
        // Without a login: the same picture needs nothing, another cannot be told apart.
        assert_eq!(
            decide(&file("Bot", b"<svg/>"), b"<svg/>", None),
            Ok(Upload::Unchanged)
        );
        let unsure = decide(&file("Bot", b"<svg/>"), b"<svg></svg>", None).unwrap_err();
        assert!(
            unsure
                .to_string()
                .contains("without a login ksb cannot tell"),
            "{unsure}"
        );
        assert_eq!(
            decide(&file("Bot", b"<svg/>"), b"x", None).unwrap_err().me,
            None
        );
    }

    #[test]
    fn the_sha1_is_mediawikis() {
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }
}
