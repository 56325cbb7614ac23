//! What publishing a sheet does to its page, decided without a server: create the page, add
//! the sheet to a page that holds none, merge with the page's sheet, or refuse (a page deleted
//! since, a page without a sheet, an unreadable sheet, someone else's page, a conflict).

use std::collections::HashMap;

use crate::model::sheet::Sheet;
use crate::model::standard::Standard;
use crate::model::username;

use super::client::{Create, Revision};
use super::merge::{self, Choices, Conflicts, Merged};
use super::page::{self, PageSheetError};
use super::{sync, title, Client, WikiError};

/// What publishing will do to the page.
#[derive(Debug)]
pub struct Plan {
    /// The page's new wikitext; `None` when the page already holds the merged sheet.
    pub text: Option<String>,
    /// The merge of the sheet and the page.
    pub merged: Merged,
    /// The sheet the page holds now, for the edit summary.
    pub on_page: Option<Sheet>,
    /// Whether the edit creates the page.
    pub create: Create,
}

/// Why a sheet is not published to a page: the page and the sheet file stay as they are.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The page was deleted since the sheet was in step with this revision of it.
    #[error("the page was deleted on the wiki since ksb was in step with revision {0} of it")]
    Deleted(u64),
    /// The page holds no sheet; its latest revision is this.
    #[error("the page holds no sheet (last edited by {} at {}, revision {})", .0.user, .0.timestamp, .0.id)]
    NoSheet(Box<Revision>),
    /// The page's sheet cannot be read.
    #[error("revision {revision} of the page (last edited by {user}): {error}")]
    Unreadable {
        /// The revision read.
        revision: u64,
        /// Who saved it.
        user: String,
        /// What is wrong with its sheet.
        error: PageSheetError,
    },
    /// The page's title says it is someone else's.
    #[error(transparent)]
    NotOwner(#[from] NotOwner),
    /// The base of the merge could not be read from the wiki.
    #[error(transparent)]
    Wiki(#[from] WikiError),
    /// The sheet and the page both changed these items differently.
    #[error(transparent)]
    Conflicts(#[from] Conflicts),
    /// Someone edited inside the sheet's chart block since `ksb` wrote it, and publishing
    /// would rewrite or drop the block.
    #[error("someone edited inside ksb's chart lines (ksb:picture … ksb:picture:end) since ksb wrote them (last edited by {user}, revision {revision})")]
    PictureEdited {
        /// Who saved the page's latest revision.
        user: String,
        /// Its id.
        revision: u64,
    },
}

/// Refuses to rewrite or drop a chart block someone edited since `ksb` wrote it, unless
/// `force`.
fn check_picture(found: &page::PageSheet, rev: &Revision, force: bool) -> Result<(), Refusal> {
    if found.picture_edited() && !force {
        return Err(Refusal::PictureEdited {
            user: rev.user.clone(),
            revision: rev.id,
        });
    }
    Ok(())
}

/// A page whose title says it is someone else's than the sheet's participant.
#[derive(Debug, thiserror::Error)]
#[error("page '{title}' is {owner}'s, but the sheet is {name}'s: a page only ever holds its owner's sheet; nothing written")]
pub struct NotOwner {
    /// The page.
    pub title: String,
    /// Whose the title says it is.
    pub owner: String,
    /// Whose the sheet is.
    pub name: String,
}

/// Refuses a page whose title says it is someone else's: a `User:NAME/` page, or one
/// `template` (the configured title pattern) names.
pub fn check_owner(title: &str, template: Option<&str>, sheet: &Sheet) -> Result<(), NotOwner> {
    let Some(owner) = title::owner(title, template) else {
        return Ok(());
    };
    let name = username::canonical(&sheet.participant.username);
    if owner != name {
        return Err(NotOwner {
            title: title.to_string(),
            owner,
            name,
        });
    }
    Ok(())
}

/// What the wiki holds of a page and what the person allowed.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The page's title as the wiki spells it.
    pub title: &'a str,
    /// Its latest revision; `None` when the page does not exist.
    pub latest: Option<&'a Revision>,
    /// The configured title pattern, which may name the page's owner.
    pub template: Option<&'a str>,
}

/// What to write: `sheet` merged with the page's sheet, in the page's sheet part (without a
/// chart: [`with_picture`] adds it). `force` creates a page deleted since, adds the sheet to a
/// page that holds none, and drops a chart block someone edited inside; `base` reads
/// the sheet at a revision, the base of the merge, when the merge needs one.
pub fn plan(
    standard: &Standard,
    sheet: &Sheet,
    page: Page<'_>,
    force: bool,
    choices: &Choices,
    base: impl FnOnce(u64) -> Result<Option<Sheet>, WikiError>,
) -> Result<Plan, Refusal> {
    let record = sync::record_for(sheet, page.title);
    let Some(rev) = page.latest else {
        if let (Some(record), false) = (record, force) {
            return Err(Refusal::Deleted(record.revision));
        }
        return Ok(Plan {
            text: Some(page::part_text(standard, sheet)),
            merged: unmerged(sheet),
            on_page: None,
            create: Create::Only,
        });
    };
    let found = match page::read(&rev.text, standard) {
        Ok(found) => found,
        Err(PageSheetError::Page(crate::import::PageError::NoTable { .. })) => {
            if !force {
                return Err(Refusal::NoSheet(Box::new(rev.clone())));
            }
            return Ok(Plan {
                text: Some(page::replace_part(
                    &rev.text,
                    None,
                    &page::part_text(standard, sheet),
                )),
                merged: unmerged(sheet),
                on_page: None,
                create: Create::Never,
            });
        }
        Err(error) => {
            return Err(Refusal::Unreadable {
                revision: rev.id,
                user: rev.user.clone(),
                error,
            })
        }
    };
    check_owner(page.title, page.template, &found.sheet)?;
    let standing = sync::standing(standard, sheet, page.title, rev.id);
    let base = match (standing.needs_base(), record) {
        (true, Some(record)) => base(record.revision)?,
        _ => None,
    };
    let merged = sync::reconcile(
        standard,
        sheet,
        &found.sheet,
        standing,
        base.as_ref(),
        choices,
    )?;
    let same = merge::changes(standard, &found.sheet, &merged.sheet).is_empty();
    if !same {
        check_picture(&found, rev, force)?;
    }
    let text = (!same).then(|| {
        page::replace_part(
            &rev.text,
            Some(&found.part),
            &page::part_text(standard, &merged.sheet),
        )
    });
    Ok(Plan {
        text,
        merged,
        on_page: Some(found.sheet),
        create: Create::Never,
    })
}

/// `plan` with the sheet's chart and its figures (`picture`, a [`page::picture_part`]) in
/// the sheet's part: the page is edited when the sheet or the picture part changed, and left
/// alone when it already holds both. A chart block someone edited inside since `ksb` wrote it
/// is refused, unless `force`.
pub fn with_picture(
    standard: &Standard,
    mut plan: Plan,
    latest: Option<&Revision>,
    picture: &str,
    force: bool,
) -> Result<Plan, Refusal> {
    let part = page::part_with_picture(standard, &plan.merged.sheet, Some(picture));
    plan.text = match latest {
        None => Some(part),
        Some(rev) => match page::read(&rev.text, standard) {
            Ok(found) if plan.text.is_none() && found.picture.as_deref() == Some(picture) => None,
            Ok(found) => {
                check_picture(&found, rev, force)?;
                Some(page::replace_part(&rev.text, Some(&found.part), &part))
            }
            // A page that holds no sheet yet, which `plan` only lets through with `force`.
            Err(_) => Some(page::replace_part(&rev.text, None, &part)),
        },
    };
    Ok(plan)
}

/// A sheet published as it is, nothing merged.
fn unmerged(sheet: &Sheet) -> Merged {
    Merged {
        sheet: sheet.clone(),
        from_local: Vec::new(),
        from_wiki: Vec::new(),
        renumbered: Vec::new(),
    }
}

/// The sheets at the revisions `ids` (the bases of merges), read in as few requests as the
/// API allows; a revision the wiki no longer shows, or whose sheet cannot be read, is left
/// out (its merge then has no base).
pub fn bases(
    client: &Client,
    standard: &Standard,
    ids: &[u64],
) -> Result<HashMap<u64, Sheet>, WikiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let texts = client.revisions(ids)?;
    Ok(texts
        .into_iter()
        .filter_map(|(id, text)| Some((id, page::read(&text, standard).ok()?.sheet)))
        .collect())
}

#[cfg(test)]
mod tests;
