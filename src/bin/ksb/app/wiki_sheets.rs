//! What the wiki commands share: the choices a person made about conflicts, the base of a
//! merge read back from the wiki, and how a refused merge is told.

use std::collections::HashMap;

use anyhow::{anyhow, Result};
use ksb::wiki::merge::{Choices, Conflicts, Pick};
use ksb::wiki::{page, Client};
use ksb::{Sheet, Standard};

use crate::app::output;

/// The choices `--take-wiki` and `--take-local` name, with `--force` as `all` on `forced`'s
/// side.
pub fn choices(
    standard: &Standard,
    take_wiki: &[String],
    take_local: &[String],
    forced: Option<Choices>,
) -> Result<Choices> {
    let read = |flag: &str, items: &[String]| -> Result<Vec<Pick>> {
        items
            .iter()
            .map(|item| {
                Pick::parse(item, standard)
                    .map_err(|err| anyhow!("in --{flag}: {}", output::printable(&err)))
            })
            .collect()
    };
    let mut choices = forced.unwrap_or_default();
    choices.wiki.extend(read("take-wiki", take_wiki)?);
    choices.local.extend(read("take-local", take_local)?);
    Ok(choices)
}

/// The sheets at the revisions `ids` (the bases of merges), read in as few requests as the
/// API allows; a revision the wiki no longer shows, or whose sheet cannot be read, is left
/// out (its merge then has no base).
pub fn bases(client: &Client, standard: &Standard, ids: &[u64]) -> Result<HashMap<u64, Sheet>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let texts = client.revisions(ids)?;
    Ok(texts
        .into_iter()
        .filter_map(|(id, text)| Some((id, page::read(&text, standard).ok()?.sheet)))
        .collect())
}

/// Why a merge was refused, and the ways out: every item both sides changed, with both values.
pub fn conflict_message(conflicts: &Conflicts, sheet: &str, title: &str) -> String {
    let first = conflicts
        .0
        .first()
        .map(|c| match &c.item {
            ksb::wiki::merge::Item::Score(id) | ksb::wiki::merge::Item::Note(id) => {
                id.as_str().to_string()
            }
            ksb::wiki::merge::Item::Header(field) => field.name().to_string(),
        })
        .unwrap_or_default();
    output::printable(&format!(
        "sheet '{sheet}' and page '{title}' both changed {conflicts} since they were last in step; nothing written. For each, keep the sheet's with --take-local {first} or take the page's with --take-wiki {first} (or edit the sheet and run the command again)"
    ))
}
