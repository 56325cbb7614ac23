//! Where a sheet and its page stand since they were last in step, and the sheet both should
//! hold now: the rule `ksb wiki publish`, `pull` and `status` share.
//!
//! The sheet records the page and revision it was last in step with, and the digest of its
//! wikitext then ([`WikiRecord`]). The sheet changed since when its wikitext's digest is
//! another; the page changed since when its revision is another. When only one side changed,
//! that side's sheet is the answer. When both did, the revision recorded is read back from the
//! wiki (its history keeps it) and is the base of a [`merge`] item by item.

use super::merge::{self, Choices, Conflicts, Merged};
use super::page;
use crate::model::sheet::{Sheet, WikiRecord};
use crate::model::standard::Standard;

/// Which sides changed since the sheet and the page were last in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The sheet file changed (or never was in step with this page).
    pub local: bool,
    /// The page changed (or never was in step with this sheet).
    pub wiki: bool,
}

impl Standing {
    /// Whether a merge needs the base: both sides changed since a known revision.
    pub fn needs_base(self) -> bool {
        self.local && self.wiki
    }
}

/// The record of `sheet` for the page `title`, when it was in step with that page.
pub fn record_for<'s>(sheet: &'s Sheet, title: &str) -> Option<&'s WikiRecord> {
    sheet.wiki.as_ref().filter(|record| record.page == title)
}

/// Whether the sheet changed since it was last in step with its page: its wikitext is not the
/// one recorded. A sheet that records no page counts as changed.
pub fn local_changed(standard: &Standard, sheet: &Sheet) -> bool {
    match &sheet.wiki {
        Some(record) => super::digest(&page::wikitext(standard, sheet)) != record.published,
        None => true,
    }
}

/// Where `sheet` and the page `title`, now at `revision`, stand.
pub fn standing(standard: &Standard, sheet: &Sheet, title: &str, revision: u64) -> Standing {
    match record_for(sheet, title) {
        Some(record) => Standing {
            local: local_changed(standard, sheet),
            wiki: record.revision != revision,
        },
        None => Standing {
            local: true,
            wiki: true,
        },
    }
}

/// The sheet both sides should hold: the local sheet with what the page carries merged in.
/// `base` is the sheet at the recorded revision, needed only when both sides changed
/// ([`Standing::needs_base`]); without it every item the sides hold differently is a conflict
/// unless `choices` settle it.
pub fn reconcile(
    standard: &Standard,
    local: &Sheet,
    wiki: &Sheet,
    standing: Standing,
    base: Option<&Sheet>,
    choices: &Choices,
) -> Result<Merged, Conflicts> {
    merge::merge(
        standard,
        base_of(standing, local, wiki, base),
        local,
        wiki,
        choices,
    )
}

/// The sheet both sides were last in step with: the side that did not change, or, when both
/// did, `fetched` (the sheet at the recorded revision, `None` when it cannot be read back).
pub fn base_of<'s>(
    standing: Standing,
    local: &'s Sheet,
    wiki: &'s Sheet,
    fetched: Option<&'s Sheet>,
) -> Option<&'s Sheet> {
    match (standing.local, standing.wiki) {
        (_, false) => Some(wiki),
        (false, true) => Some(local),
        (true, true) => fetched,
    }
}

/// The record a sheet keeps once it is in step with revision `revision` of `title`, whose
/// sheet is `on_page`.
pub fn record(standard: &Standard, title: &str, revision: u64, on_page: &Sheet) -> WikiRecord {
    WikiRecord {
        page: title.to_string(),
        revision,
        published: super::digest(&page::wikitext(standard, on_page)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::score::Score;
    use crate::test_support;

    #[test]
    fn one_side_changed_takes_that_side_and_both_need_the_base() {
        let standard = Standard::builtin();
        let mut sheet = test_support::sheet(&standard, "Generalist", &[("K1", Score::Two)]);
        sheet.wiki = Some(record(&standard, "P", 7, &sheet));
        assert_eq!(
            standing(&standard, &sheet, "P", 7),
            Standing {
                local: false,
                wiki: false
            }
        );
        let mut page = sheet.clone();
        page.set_score("K2".parse().unwrap(), Some(Score::One));
        let wiki_only = standing(&standard, &sheet, "P", 8);
        assert!(wiki_only.wiki && !wiki_only.local && !wiki_only.needs_base());
        let merged = reconcile(
            &standard,
            &sheet,
            &page,
            wiki_only,
            None,
            &Choices::default(),
        )
        .unwrap();
        assert_eq!(merged.sheet.score(&"K2".parse().unwrap()), Some(Score::One));

        let mut local = sheet.clone();
        local.set_score("K3".parse().unwrap(), Some(Score::Three));
        assert!(standing(&standard, &local, "P", 8).needs_base());
        assert!(standing(&standard, &local, "Other page", 7).needs_base());
    }
}
