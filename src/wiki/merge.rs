//! Merging a sheet and its page when both changed since they were last in step.
//!
//! The base is the sheet as it was then (the revision `ksb` last published or pulled). Each
//! thing a page carries of a sheet (every header field, every KSB's score, every KSB's note) is
//! merged on its own: what only one side changed takes that side's value, what both changed
//! the same way is kept, and what both changed differently is a [`Conflict`] unless a
//! [`Choices`] says which side wins. Everything a page does not carry (retired scores and
//! notes, `reviews`, the lock, the wiki record) comes from the local sheet untouched.

use std::fmt;

use crate::model::id::KsbId;
use crate::model::sheet::Sheet;
use crate::model::standard::Standard;

/// A header field of a sheet, as a choice names it (`--take-wiki date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HeaderField {
    /// `username`.
    Username,
    /// `role-focus`.
    RoleFocus,
    /// `mentoring-type`.
    MentoringType,
    /// `assessment-type`.
    AssessmentType,
    /// `date`.
    Date,
    /// `reviewer`.
    Reviewer,
}

impl HeaderField {
    /// Every header field, in the order of the header.
    pub const ALL: [HeaderField; 6] = [
        HeaderField::Username,
        HeaderField::RoleFocus,
        HeaderField::MentoringType,
        HeaderField::AssessmentType,
        HeaderField::Date,
        HeaderField::Reviewer,
    ];

    /// The name a choice gives it.
    pub fn name(self) -> &'static str {
        match self {
            HeaderField::Username => "username",
            HeaderField::RoleFocus => "role-focus",
            HeaderField::MentoringType => "mentoring-type",
            HeaderField::AssessmentType => "assessment-type",
            HeaderField::Date => "date",
            HeaderField::Reviewer => "reviewer",
        }
    }

    fn value(self, sheet: &Sheet) -> Option<String> {
        let p = &sheet.participant;
        match self {
            HeaderField::Username => Some(p.username.clone()),
            HeaderField::RoleFocus => Some(p.role_focus.clone()),
            HeaderField::MentoringType => Some(p.mentoring_type.clone()),
            HeaderField::AssessmentType => Some(p.assessment_type.clone()),
            HeaderField::Date => Some(p.date_dmy()),
            HeaderField::Reviewer => p.reviewer.clone(),
        }
    }

    fn copy(self, to: &mut Sheet, from: &Sheet) {
        let (to, from) = (&mut to.participant, &from.participant);
        match self {
            HeaderField::Username => to.username = from.username.clone(),
            HeaderField::RoleFocus => to.role_focus = from.role_focus.clone(),
            HeaderField::MentoringType => to.mentoring_type = from.mentoring_type.clone(),
            HeaderField::AssessmentType => to.assessment_type = from.assessment_type.clone(),
            HeaderField::Date => to.date = from.date,
            HeaderField::Reviewer => to.reviewer = from.reviewer.clone(),
        }
    }
}

/// One thing a page carries of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// A header field.
    Header(HeaderField),
    /// A KSB's score.
    Score(KsbId),
    /// A KSB's note.
    Note(KsbId),
}

impl Item {
    /// Every item of a sheet of `standard`: the header, then each KSB's score and note.
    pub fn all(standard: &Standard) -> Vec<Item> {
        let mut items: Vec<Item> = HeaderField::ALL.into_iter().map(Item::Header).collect();
        for ksb in &standard.ksbs {
            items.push(Item::Score(ksb.id.clone()));
            items.push(Item::Note(ksb.id.clone()));
        }
        items
    }

    /// The item's value on `sheet`, as a message shows it; `None` when unscored, without a
    /// note, or without a reviewer.
    pub fn value(&self, sheet: &Sheet) -> Option<String> {
        match self {
            Item::Header(field) => field.value(sheet),
            Item::Score(id) => sheet.score(id).map(|s| s.to_string()),
            Item::Note(id) => sheet.note(id).map(str::to_string),
        }
    }

    fn copy(&self, to: &mut Sheet, from: &Sheet) {
        match self {
            Item::Header(field) => field.copy(to, from),
            Item::Score(id) => to.set_score(id.clone(), from.score(id)),
            Item::Note(id) => to.set_note(id.clone(), from.note(id).unwrap_or_default()),
        }
    }

    fn picked_by(&self, pick: &Pick) -> bool {
        match (pick, self) {
            (Pick::All, _) => true,
            (Pick::Ksb(id), Item::Score(item) | Item::Note(item)) => id == item,
            (Pick::Header(field), Item::Header(item)) => field == item,
            _ => false,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Header(field) => f.write_str(field.name()),
            Item::Score(id) => f.write_str(id.as_str()),
            Item::Note(id) => write!(f, "{} note", id.as_str()),
        }
    }
}

/// What a choice names: a KSB (its score and its note), a header field, or everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A KSB's score and note.
    Ksb(KsbId),
    /// A header field.
    Header(HeaderField),
    /// Every item.
    All,
}

impl Pick {
    /// Reads what `--take-wiki` or `--take-local` names: a KSB id of the standard (any case),
    /// a header field (`date`, `role-focus`, …) or `all`.
    pub fn parse(text: &str, standard: &Standard) -> Result<Pick, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(Pick::All);
        }
        let name = text.to_ascii_lowercase().replace('_', "-");
        if let Some(field) = HeaderField::ALL.into_iter().find(|f| f.name() == name) {
            return Ok(Pick::Header(field));
        }
        if let Ok(id) = text.parse::<KsbId>() {
            if let Some(ksb) = standard.ksb(&id) {
                return Ok(Pick::Ksb(ksb.id.clone()));
            }
        }
        let fields: Vec<&str> = HeaderField::ALL.iter().map(|f| f.name()).collect();
        Err(format!(
            "'{text}' is neither a KSB of the standard nor a header field ({}) nor all",
            fields.join(", ")
        ))
    }
}

/// Which side wins where both changed: what `--take-wiki` and `--take-local` name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Items whose wiki value wins.
    pub wiki: Vec<Pick>,
    /// Items whose local value wins.
    pub local: Vec<Pick>,
}

impl Choices {
    /// Local wins everywhere (`ksb wiki publish --force`).
    pub fn local_everywhere() -> Choices {
        Choices {
            wiki: Vec::new(),
            local: vec![Pick::All],
        }
    }

    /// The wiki wins everywhere (`ksb wiki pull --force`).
    pub fn wiki_everywhere() -> Choices {
        Choices {
            wiki: vec![Pick::All],
            local: Vec::new(),
        }
    }

    fn side(&self, item: &Item) -> Option<Side> {
        // A named item beats `all`, so `--take-local all --take-wiki K2` reads as meant.
        let named = |picks: &[Pick]| picks.iter().any(|p| *p != Pick::All && item.picked_by(p));
        let all = |picks: &[Pick]| picks.contains(&Pick::All);
        match (named(&self.wiki), named(&self.local)) {
            (true, false) => return Some(Side::Wiki),
            (false, true) => return Some(Side::Local),
            _ => {}
        }
        match (all(&self.wiki), all(&self.local)) {
            (true, false) => Some(Side::Wiki),
            (false, true) => Some(Side::Local),
            _ => None,
        }
    }
}

/// One side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The sheet file.
    Local,
    /// The page.
    Wiki,
}

/// One item's value before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub item: Item,
    /// Its value before (`None`: unscored, no note).
    pub was: Option<String>,
    /// Its value after.
    pub now: Option<String>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Item::Note(_) => write!(f, "{}", self.item),
            _ => write!(f, "{} {}→{}", self.item, shown(&self.was), shown(&self.now)),
        }
    }
}

/// An item both sides changed, to different values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What both changed.
    pub item: Item,
    /// Its value when they were last in step (`None` inside: unscored; the outer `None`:
    /// that sheet is not known).
    pub base: Option<Option<String>>,
    /// Its value in the sheet file.
    pub local: Option<String>,
    /// Its value on the page.
    pub wiki: Option<String>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (sheet {}, wiki {})",
            self.item,
            quoted(&self.item, &self.local),
            quoted(&self.item, &self.wiki)
        )
    }
}

fn quoted(item: &Item, value: &Option<String>) -> String {
    match (item, value) {
        (Item::Note(_), Some(text)) => {
            let short: String = text.chars().take(40).collect();
            let more = if text.chars().count() > 40 { "…" } else { "" };
            format!("\"{}{more}\"", crate::import::shown(&short))
        }
        (Item::Header(_), Some(text)) => format!("'{}'", crate::import::shown(text)),
        _ => shown(value),
    }
}

fn shown(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "–".to_string())
}

/// What a merge gives: the sheet both sides should hold, and what came from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The local sheet with the merged values of everything a page carries.
    pub sheet: Sheet,
    /// The local changes the merge keeps (what the page does not have yet).
    pub from_local: Vec<Change>,
    /// The wiki's changes the merge takes (what the sheet file does not have yet).
    pub from_wiki: Vec<Change>,
}

/// Every item both sides changed differently: the merge is refused and nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", list(.0))]
pub struct Conflicts(pub Vec<Conflict>);

fn list(conflicts: &[Conflict]) -> String {
    let items: Vec<String> = conflicts.iter().map(Conflict::to_string).collect();
    items.join(", ")
}

/// Merges `local` and `wiki` item by item against `base`, the sheet when they were last in
/// step (`None` when it cannot be known: then every item the two sides hold differently is a
/// conflict). `choices` settle conflicts; an item they name that is no conflict is merged as
/// usual.
pub fn merge(
    standard: &Standard,
    base: Option<&Sheet>,
    local: &Sheet,
    wiki: &Sheet,
    choices: &Choices,
) -> Result<Merged, Conflicts> {
    let mut sheet = local.clone();
    let (mut from_local, mut from_wiki, mut conflicts) = (Vec::new(), Vec::new(), Vec::new());
    for item in Item::all(standard) {
        let (ours, theirs) = (item.value(local), item.value(wiki));
        if ours == theirs {
            continue;
        }
        let was = base.map(|base| item.value(base));
        let side = match &was {
            Some(was) if *was == ours => Side::Wiki,
            Some(was) if *was == theirs => Side::Local,
            _ => match choices.side(&item) {
                Some(side) => side,
                None => {
                    conflicts.push(Conflict {
                        item,
                        base: was,
                        local: ours,
                        wiki: theirs,
                    });
                    continue;
                }
            },
        };
        match side {
            Side::Local => from_local.push(Change {
                item,
                was: theirs,
                now: ours,
            }),
            Side::Wiki => {
                item.copy(&mut sheet, wiki);
                from_wiki.push(Change {
                    item,
                    was: ours,
                    now: theirs,
                });
            }
        }
    }
    if !conflicts.is_empty() {
        return Err(Conflicts(conflicts));
    }
    Ok(Merged {
        sheet,
        from_local,
        from_wiki,
    })
}

/// What changed from `from` to `to`, item by item: what one side did since the base.
pub fn changes(standard: &Standard, from: &Sheet, to: &Sheet) -> Vec<Change> {
    Item::all(standard)
        .into_iter()
        .filter_map(|item| {
            let (was, now) = (item.value(from), item.value(to));
            (was != now).then_some(Change { item, was, now })
        })
        .collect()
}

/// Changes as one line: `K3 2→3, K5 –→N/A, S1 note, date 01/12/2026→02/12/2026`.
pub fn describe(changes: &[Change]) -> String {
    let items: Vec<String> = changes.iter().map(Change::to_string).collect();
    items.join(", ")
}

#[cfg(test)]
mod tests;
