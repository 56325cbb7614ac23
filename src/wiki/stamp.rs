//! The digest a marker line carries of what `ksb` wrote after it (the cohort report's part,
//! a sheet's chart block), so that a part someone edited since is told apart from `ksb`'s own
//! and refused rather than overwritten. One rule for every such part: the marker line is its
//! prefix (the human text, ending in `sha256 `), the digest, and ` -->`.

/// The digest a marker line carries of `content`: enough of SHA-256 to tell an edit.
/// Trailing whitespace is not part of it.
pub fn digest(content: &str) -> String {
    super::digest(content.trim_end())[..16].to_string()
}

/// The marker line `prefix` followed by the digest of `content`, without a line break.
pub fn line(prefix: &str, content: &str) -> String {
    format!("{prefix}{} -->", digest(content))
}

/// The digest on the marker line `line` that starts with `prefix`; `None` when the line does
/// not carry one there.
pub fn read<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.trim()
        .strip_prefix(prefix.trim())
        .and_then(|rest| rest.strip_suffix("-->"))
        .map(str::trim)
        .filter(|digest| !digest.is_empty())
}

/// Whether the marker line `line` (starting with `prefix`) carries the digest of `content`.
pub fn matches(line: &str, prefix: &str, content: &str) -> bool {
    read(line, prefix) == Some(digest(content).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREFIX: &str = "<!-- ksb:thing · ksb rewrites this · sha256 ";

    #[test]
    fn a_line_carries_the_digest_of_its_content_and_is_read_back() {
        let written = line(PREFIX, "figures\n\n");
        assert!(written.starts_with(PREFIX) && written.ends_with(" -->"));
        assert_eq!(read(&written, PREFIX), Some(digest("figures").as_str()));
        assert_eq!(digest("figures").len(), 16);
        assert!(matches(&format!("  {written}  "), PREFIX, "figures"));
        assert!(!matches(&written, PREFIX, "figures, and my note"));
    }

    #[test]
    fn a_line_without_a_digest_reads_as_none() {
        assert_eq!(read("<!-- ksb:thing · ksb rewrites this -->", PREFIX), None);
        assert_eq!(read(&format!("{PREFIX} -->"), PREFIX), None);
        assert!(!matches("<!-- ksb:thing -->", PREFIX, "figures"));
    }
}
