//! Sheets and their pages: the wikitext `ksb` publishes for a sheet, the sheet a page holds,
//! and whether a sheet changed since it was last in step with its page.

use anyhow::{anyhow, bail, Context as _, Result};
use ksb::import::sheet;
use ksb::render::export::{ExportDoc, Exporter as _};
use ksb::render::wikitext::Wikitext;
use ksb::{wiki, Sheet, Standard};

use crate::app::output;

/// The sheet's wikitext as `ksb export --format wikitext --notes` writes it.
pub fn wikitext(standard: &Standard, sheet: &Sheet) -> Result<String> {
    let doc = ExportDoc {
        standard,
        sheet: Some(sheet),
        notes: true,
        summary: false,
    };
    let bytes = Wikitext
        .export(&doc)
        .context("rendering the sheet's wikitext")?;
    String::from_utf8(bytes).context("rendering the sheet's wikitext")
}

/// The sheet a page's wikitext holds, read as `ksb import` reads it (strictly: any problem
/// refuses the page, naming the first).
pub fn sheet_of_page(text: &str, standard: &Standard) -> Result<Sheet> {
    let page = sheet::read(text, standard)?;
    if let Some(first) = page.problems.first() {
        let more = match page.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more problems)", n - 1),
        };
        bail!(
            "it is not a sheet ksb can read: {}{more}",
            output::printable(&first.to_string())
        );
    }
    page.to_sheet(standard)
        .map_err(|missing| anyhow!("{missing}"))
}

/// Whether the sheet changed since it was last in step with its page: its wikitext is not
/// the one recorded. A sheet that records no page has nothing published, so it counts as
/// changed.
pub fn changed_since_published(standard: &Standard, sheet: &Sheet) -> Result<bool> {
    Ok(match &sheet.wiki {
        Some(record) => wiki::digest(&wikitext(standard, sheet)?) != record.published,
        None => true,
    })
}
