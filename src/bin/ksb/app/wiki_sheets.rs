//! What the wiki commands share of the command line: the choices a person made about
//! conflicts (`--take-wiki`, `--take-local`), whose page a page is by the configured title
//! pattern, how a refused merge or upload is told (with what settles it), and what a dry run
//! shows of a page's change.

use anyhow::{anyhow, bail, Context as _, Result};
use clap::Args;
use ksb::wiki::merge::{Choices, Conflicts, Pick};
use ksb::wiki::{publish, title, Client, WikiError};
use ksb::{Sheet, Standard};
use similar::TextDiff;

use crate::app::output;
use crate::app::settings::{Key, Settings};

/// How the sheet's and the page's conflicting changes are settled: the flags `ksb wiki
/// publish` and `ksb wiki pull` share.
#[derive(Debug, Clone, Default, Args)]
pub struct TakeArgs {
    /// Where the sheet and the page both changed these differently, take the page's value: KSB ids, header fields (username, role-focus, mentoring-type, assessment-type, date, reviewer), evidence items (E3) or all; comma-separated or repeated.
    #[arg(long, value_name = "KSB", value_delimiter = ',')]
    pub take_wiki: Vec<String>,
    /// Where the sheet and the page both changed these differently, keep the sheet's value: KSB ids, header fields, evidence items (E3) or all.
    #[arg(long, value_name = "KSB", value_delimiter = ',')]
    pub take_local: Vec<String>,
}

impl TakeArgs {
    /// The choices `--take-wiki` and `--take-local` name, with `--force` as `all` on `forced`'s
    /// side.
    pub fn choices(&self, standard: &Standard, forced: Option<Choices>) -> Result<Choices> {
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
        choices.wiki.extend(read("take-wiki", &self.take_wiki)?);
        choices.local.extend(read("take-local", &self.take_local)?);
        Ok(choices)
    }
}

/// The pages under `prefix` (namespace included) or in `category`, as `wiki pull` and `wiki
/// report` list a cohort; `None` when neither is given. An empty listing is an error.
pub fn list_titles(
    client: &Client,
    prefix: Option<&str>,
    category: Option<&str>,
) -> Result<Option<Vec<String>>> {
    if let Some(prefix) = prefix {
        let site = client
            .site_info()
            .context("reading the wiki's namespaces")?;
        let (namespace, rest) = title::split_prefix(prefix, &site);
        let titles = client
            .pages_with_prefix(namespace, &rest)
            .with_context(|| format!("listing the pages under '{prefix}'"))?;
        if titles.is_empty() {
            bail!("no page on the wiki starts with '{prefix}'");
        }
        return Ok(Some(titles));
    }
    if let Some(category) = category {
        let category = title::category_title(category);
        let titles = client
            .pages_in_category(&category)
            .with_context(|| format!("listing the pages in '{category}'"))?;
        if titles.is_empty() {
            bail!("no page on the wiki is in '{category}'");
        }
        return Ok(Some(titles));
    }
    Ok(None)
}

/// Refuses a page whose title says it is someone else's: a `User:NAME/` page, or one the
/// configured title pattern names.
pub fn check_owner(settings: &Settings, title: &str, sheet: &Sheet) -> Result<()> {
    let template = settings.get(Key::WikiPage).value.clone();
    Ok(publish::check_owner(title, template.as_deref(), sheet)?)
}

/// Why a merge was refused, and the ways out: every item both sides changed, with both values.
pub fn conflict_message(conflicts: &Conflicts, sheet: &str, title: &str) -> String {
    let first = conflicts
        .0
        .first()
        .map(|c| c.item.choice_name())
        .unwrap_or_default();
    output::printable(&format!(
        "sheet '{sheet}' and page '{title}' both changed {conflicts} since they were last in step; nothing written. For each, keep the sheet's with --take-local {first} or take the page's with --take-wiki {first} (or edit the sheet and run the command again)"
    ))
}

/// An upload MediaWiki refused, with what to do about the common refusals. A login the wiki
/// does not let upload is refused as `permissiondenied`, the code of a page it may not edit.
pub fn upload_refused(err: WikiError) -> anyhow::Error {
    let hint = match err.api_code() {
        Some("permissiondenied" | "mustbeloggedin") => {
            "; the wiki does not let this login upload files: give the bot password the grant to upload (Special:BotPasswords, \"Upload new files\" and \"Upload, replace, and move files\")"
        }
        Some("uploaddisabled") => "; the wiki does not take uploads ($wgEnableUploads)",
        Some("badtoken" | "assertuserfailed" | "assertbotfailed") => {
            "; the login did not hold: run the command again"
        }
        _ => "",
    };
    anyhow!("{}{hint}", output::printable(&err.to_string()))
}

/// What a dry run shows of the change to page `title`: a unified diff from `old` (its label,
/// such as the title and revision, and its text) to `new` (labelled `new_label`); for a page
/// that does not exist yet, its whole text, each line marked as added, under a header that
/// says so (a diff from nothing would open with a puzzling `@@ -1 +1,194 @@`).
pub fn page_diff(title: &str, old: Option<(String, &str)>, new: &str, new_label: &str) -> String {
    let Some((old_label, old)) = old else {
        let lines: Vec<&str> = new.trim_end().lines().collect();
        let added: String = lines.iter().map(|line| format!("+{line}\n")).collect();
        return format!(
            "Page '{title}' does not exist yet: it would be created with these {} lines\n{added}",
            lines.len()
        );
    };
    let old = format!("{}\n", old.trim_end());
    let new = format!("{}\n", new.trim_end());
    TextDiff::from_lines(old.as_str(), new.as_str())
        .unified_diff()
        .context_radius(2)
        .header(&old_label, new_label)
        .to_string()
}
