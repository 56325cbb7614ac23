//! The cohort's page (`ksb wiki report`): `ksb` owns one part of it, between a ksb:report line
//! and a ksb:report:end line, and regenerates that part whole; everything around it is kept
//! byte for byte. The ksb:report line carries a digest of what `ksb` wrote, so a part someone
//! edited since is told apart and refused rather than overwritten (unless forced).

use super::client::{Create, Revision};
use super::{page, stamp};

/// How the line before `ksb`'s part of a report page starts; the digest follows it.
pub const BEGIN: &str = "<!-- ksb:report · `ksb wiki report` rewrites what is between ksb:report and ksb:report:end and keeps everything else on the page · sha256 ";
/// The line after `ksb`'s part of a report page.
pub const END: &str = "<!-- ksb:report:end -->";

/// What publishing the report does to its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPlan {
    /// The page's new wikitext; `None` when it already holds this report.
    pub text: Option<String>,
    /// Whether the edit creates the page.
    pub create: Create,
}

/// Why a report is not published to a page: the page stays as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportRefusal {
    /// The page exists and holds no report of `ksb`'s.
    #[error("the page holds no ksb report (last edited by {user}, revision {revision})")]
    NotKsbs {
        /// Who saved the latest revision.
        user: String,
        /// Its id.
        revision: u64,
    },
    /// Someone changed `ksb`'s part since `ksb` wrote it.
    #[error("ksb's part of the page was edited since ksb wrote it (last edited by {user}, revision {revision})")]
    Edited {
        /// Who saved the latest revision.
        user: String,
        /// Its id.
        revision: u64,
    },
    /// The ksb:report lines do not pair up.
    #[error("line {line}: {problem}; on the wiki, leave one ksb:report line and one ksb:report:end line around ksb's part, or remove both")]
    Markers {
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        problem: &'static str,
    },
}

/// `content` as `ksb`'s part of a report page, marker lines and digest included.
pub fn part(content: &str) -> String {
    let content = content.trim_end();
    format!("{}\n{content}\n{END}\n", stamp::line(BEGIN, content))
}

/// What to write to the page whose latest revision is `latest` (`None`: no page yet) for the
/// report `content`. `force` adds the report to a page that holds none, and replaces a part
/// someone edited; the text around `ksb`'s part is always kept.
pub fn plan(
    latest: Option<&Revision>,
    content: &str,
    force: bool,
) -> Result<ReportPlan, ReportRefusal> {
    let new_part = part(content);
    let Some(rev) = latest else {
        return Ok(ReportPlan {
            text: Some(new_part),
            create: Create::Only,
        });
    };
    let text = &rev.text;
    let Some(found) = find(text)? else {
        if !force {
            return Err(ReportRefusal::NotKsbs {
                user: rev.user.clone(),
                revision: rev.id,
            });
        }
        return Ok(ReportPlan {
            text: Some(page::replace_part(text, None, &new_part)),
            create: Create::Never,
        });
    };
    let inner = text[found.inner.clone()].trim_end();
    let intact = found.digest.as_deref() == Some(stamp::digest(inner).as_str());
    if inner == content.trim_end() && intact {
        return Ok(ReportPlan {
            text: None,
            create: Create::Never,
        });
    }
    if !intact && !force {
        return Err(ReportRefusal::Edited {
            user: rev.user.clone(),
            revision: rev.id,
        });
    }
    let whole = page::Part {
        range: found.whole,
        marked: true,
    };
    Ok(ReportPlan {
        text: Some(page::replace_part(text, Some(&whole), &new_part)),
        create: Create::Never,
    })
}

/// Whether `text` has a ksb:report or ksb:report:end line: a cohort's page, never a sheet's.
pub fn holds_report(text: &str) -> bool {
    !matches!(find(text), Ok(None))
}

/// Where `ksb`'s part is on a page.
struct Found {
    /// The bytes of the part, marker lines included.
    whole: std::ops::Range<usize>,
    /// The bytes between the marker lines.
    inner: std::ops::Range<usize>,
    /// The digest on the ksb:report line; `None` when it carries none (then the part is
    /// taken as edited).
    digest: Option<String>,
}

/// The one ksb:report … ksb:report:end part of a page, `None` when it has neither line.
fn find(text: &str) -> Result<Option<Found>, ReportRefusal> {
    let mut begins = Vec::new();
    let mut ends = Vec::new();
    let mut start = 0;
    for (number, piece) in text.split_inclusive('\n').enumerate() {
        let line = piece.trim();
        if line.starts_with("<!-- ksb:report ·") {
            begins.push((number, start, start + piece.len(), line));
        } else if line == END {
            ends.push((number, start, start + piece.len()));
        }
        start += piece.len();
    }
    let fail = |line: usize, problem| {
        Err(ReportRefusal::Markers {
            line: line + 1,
            problem,
        })
    };
    match (begins.as_slice(), ends.as_slice()) {
        ([], []) => Ok(None),
        ([begin], [end]) if begin.0 < end.0 => Ok(Some(Found {
            whole: begin.1..end.2,
            inner: begin.2..end.1,
            digest: stamp::read(begin.3, BEGIN).map(str::to_string),
        })),
        ([begin], [_]) => fail(
            begin.0,
            "the ksb:report line comes after the ksb:report:end line",
        ),
        ([_, second, ..], _) => fail(second.0, "a second ksb:report line"),
        (_, [_, second, ..]) => fail(second.0, "a second ksb:report:end line"),
        ([begin], []) => fail(
            begin.0,
            "a ksb:report line without a ksb:report:end line after it",
        ),
        ([], [end]) => fail(
            end.0,
            "a ksb:report:end line without a ksb:report line before it",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(text: String) -> Revision {
        Revision {
            id: 9,
            user: "Lead".to_string(),
            timestamp: "2026-12-01T10:00:00Z".to_string(),
            text,
        }
    }

    #[test]
    fn a_new_page_gets_the_part_and_a_republish_rewrites_it_keeping_the_text_around_it() {
        let first = plan(None, "== Cohort ==\nfigures\n", false).unwrap();
        assert_eq!(first.create, Create::Only);
        let written = first.text.unwrap();
        assert!(written.starts_with(BEGIN) && written.ends_with(&format!("{END}\n")));
        let page = format!("Intro by the lead.\n\n{written}\n[[Category:Cohort 2026]]\n");
        let same = plan(
            Some(&revision(page.clone())),
            "== Cohort ==\nfigures",
            false,
        )
        .unwrap();
        assert_eq!(same.text, None);
        let newer = plan(
            Some(&revision(page.clone())),
            "== Cohort ==\nnew figures",
            false,
        )
        .unwrap()
        .text
        .unwrap();
        assert!(newer.starts_with("Intro by the lead.\n\n<!-- ksb:report"));
        assert!(newer.ends_with(&format!("{END}\n\n[[Category:Cohort 2026]]\n")));
        assert!(newer.contains("\nnew figures\n"));
    }

    #[test]
    fn a_part_edited_on_the_wiki_or_a_page_without_one_is_refused_unless_forced() {
        let written = part("figures");
        let edited = revision(written.replace("figures", "figures, and my note"));
        let refused = plan(Some(&edited), "figures", false).unwrap_err();
        assert!(matches!(refused, ReportRefusal::Edited { revision: 9, .. }));
        let forced = plan(Some(&edited), "figures", true).unwrap().text.unwrap();
        assert_eq!(forced, written);

        let theirs = revision("A page of the lead's.\n".to_string());
        assert!(matches!(
            plan(Some(&theirs), "figures", false),
            Err(ReportRefusal::NotKsbs { .. })
        ));
        let added = plan(Some(&theirs), "figures", true).unwrap().text.unwrap();
        assert!(added.starts_with("A page of the lead's.\n\n<!-- ksb:report"));

        assert!(holds_report(&edited.text) && !holds_report(&theirs.text));

        let doubled = revision(format!("{written}{written}"));
        assert!(matches!(
            plan(Some(&doubled), "figures", true),
            Err(ReportRefusal::Markers { line: 4, .. })
        ));
    }
}
