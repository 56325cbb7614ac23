//! Merging a sheet and its page when both changed since they were last in step.
//!
//! The base is the sheet as it was then (the revision `ksb` last published or pulled). Each
//! thing a page carries of a sheet (every header field, every KSB's score, every KSB's note,
//! each evidence item's content and its verdict) is merged on its own: what only one side
//! changed takes that side's value, what both changed the same way is kept, and what both
//! changed differently is a [`Conflict`] unless a [`Choices`] says which side wins. Evidence
//! items are matched by number: an item added on one side is kept; one removed on one side and
//! untouched on the other is removed, and changed on the other is a conflict over the whole
//! item (`E3`); two items both sides added under one number are both kept, the local one
//! renumbered after the highest ([`Merged::renumbered`]). Everything a page does not carry (retired scores and notes, `reviews`, the lock,
//! the wiki record) comes from the local sheet untouched.

use std::fmt;

use crate::model::evidence::{Evidence as EvidenceItem, EvidenceNumber};
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
    /// What an evidence item says: its description, link, KSBs, when and by whom it was added
    /// (`E3`).
    Evidence(EvidenceNumber),
    /// A mentor's verdict on an evidence item (`E3 verdict`).
    Verdict(EvidenceNumber),
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

    /// Every item of `sheets`: [`Item::all`], then the content and verdict of each evidence
    /// item any of them holds, by number.
    pub fn of(standard: &Standard, sheets: &[&Sheet]) -> Vec<Item> {
        let mut items = Item::all(standard);
        let mut numbers: Vec<EvidenceNumber> = sheets
            .iter()
            .flat_map(|sheet| sheet.evidence().iter().map(|item| item.number))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        for number in numbers {
            items.push(Item::Evidence(number));
            items.push(Item::Verdict(number));
        }
        items
    }

    /// The item's value on `sheet`, as a message shows it; `None` when unscored, without a
    /// note, without a reviewer, without that evidence item or without a verdict on it.
    pub fn value(&self, sheet: &Sheet) -> Option<String> {
        match self {
            Item::Header(field) => field.value(sheet),
            Item::Score(id) => sheet.score(id).map(|s| s.to_string()),
            Item::Note(id) => sheet.note(id).map(str::to_string),
            Item::Evidence(number) => evidence::content(sheet.evidence_item(*number)),
            Item::Verdict(number) => evidence::verdict(sheet.evidence_item(*number)),
        }
    }

    fn copy(&self, to: &mut Sheet, from: &Sheet) {
        match self {
            Item::Header(field) => field.copy(to, from),
            Item::Score(id) => to.set_score(id.clone(), from.score(id)),
            Item::Note(id) => to.set_note(id.clone(), from.note(id).unwrap_or_default()),
            Item::Evidence(number) => {
                let mut items = to.evidence().to_vec();
                let kept = items.iter().position(|item| item.number == *number);
                match (from.evidence_item(*number), kept) {
                    (Some(item), Some(at)) => {
                        let verdict = items[at].verdict.take();
                        items[at] = EvidenceItem {
                            verdict,
                            ..item.clone()
                        };
                    }
                    (Some(item), None) => items.push(EvidenceItem {
                        verdict: None,
                        ..item.clone()
                    }),
                    (None, Some(at)) => {
                        items.remove(at);
                    }
                    (None, None) => {}
                }
                // The numbers were distinct in `to` and `number` is placed once.
                let _ = to.set_evidence(items);
            }
            Item::Verdict(number) => {
                let verdict = from
                    .evidence_item(*number)
                    .and_then(|item| item.verdict.clone());
                // A verdict goes only where its item is.
                let _ = to.set_verdict(*number, verdict);
            }
        }
    }

    fn picked_by(&self, pick: &Pick) -> bool {
        match (pick, self) {
            (Pick::All, _) => true,
            (Pick::Ksb(id), Item::Score(item) | Item::Note(item)) => id == item,
            (Pick::Header(field), Item::Header(item)) => field == item,
            (Pick::Evidence(number), Item::Evidence(item) | Item::Verdict(item)) => number == item,
            _ => false,
        }
    }

    /// What `--take-wiki` or `--take-local` would name to settle a conflict over this item.
    pub fn choice_name(&self) -> String {
        match self {
            Item::Header(field) => field.name().to_string(),
            Item::Score(id) | Item::Note(id) => id.as_str().to_string(),
            Item::Evidence(number) | Item::Verdict(number) => format!("E{number}"),
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Header(field) => f.write_str(field.name()),
            Item::Score(id) => f.write_str(id.as_str()),
            Item::Note(id) => write!(f, "{} note", id.as_str()),
            Item::Evidence(number) => write!(f, "E{number}"),
            Item::Verdict(number) => write!(f, "E{number} verdict"),
        }
    }
}

/// What a choice names: a KSB (its score and its note), a header field, an evidence item (its
/// content and its verdict, or its removal), or everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A KSB's score and note.
    Ksb(KsbId),
    /// A header field.
    Header(HeaderField),
    /// An evidence item, by number (`E3`).
    Evidence(EvidenceNumber),
    /// Every item.
    All,
}

impl Pick {
    /// Reads what `--take-wiki` or `--take-local` names: a KSB id of the standard (any case),
    /// a header field (`date`, `role-focus`, …), an evidence item (`E3`) or `all`.
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
        let evidence = text
            .strip_prefix(['E', 'e'])
            .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse().ok());
        if let Some(number) = evidence {
            return Ok(Pick::Evidence(number));
        }
        let fields: Vec<&str> = HeaderField::ALL.iter().map(|f| f.name()).collect();
        Err(format!(
            "'{text}' is neither a KSB of the standard nor a header field ({}) nor an evidence item (E3) nor all",
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
            Item::Evidence(number) => match (&self.was, &self.now) {
                (None, _) => write!(f, "E{number} added"),
                (_, None) => write!(f, "E{number} removed"),
                _ => write!(f, "E{number}"),
            },
            Item::Verdict(number) => match &self.now {
                Some(verdict) => {
                    let state = verdict.split(' ').next().unwrap_or_default();
                    write!(f, "E{number} {state}")
                }
                None => write!(f, "E{number} verdict removed"),
            },
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
        (Item::Evidence(_), Some(item)) => short_quoted(evidence::description(item)),
        (Item::Evidence(_), None) => "no item".to_string(),
        (Item::Verdict(_), Some(text)) => format!("'{}'", crate::import::shown(text)),
        (Item::Note(_), Some(text)) => short_quoted(text),
        (Item::Header(_), Some(text)) => format!("'{}'", crate::import::shown(text)),
        _ => shown(value),
    }
}

/// A note or description in a message: its first 40 characters, quoted.
fn short_quoted(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("\"{}{more}\"", crate::import::shown(&short))
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
    /// Evidence items both sides added under the same number with different content: the
    /// local item's number then and now (after the highest number of either side), the
    /// wiki's item keeping the number.
    pub renumbered: Vec<(EvidenceNumber, EvidenceNumber)>,
}

impl Merged {
    /// The renumbering as a sentence, for the merge's report: `None` when nothing was.
    pub fn renumbered_line(&self) -> Option<String> {
        if self.renumbered.is_empty() {
            return None;
        }
        let moves: Vec<String> = self
            .renumbered
            .iter()
            .map(|(was, now)| format!("E{was} is now E{now}"))
            .collect();
        Some(format!(
            "The sheet and the page both added evidence under the same number: the sheet's {}",
            moves.join(", ")
        ))
    }
}

/// Every item both sides changed differently: the merge is refused and nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", list(.0))]
pub struct Conflicts(pub Vec<Conflict>);

fn list(conflicts: &[Conflict]) -> String {
    let items: Vec<String> = conflicts.iter().map(Conflict::to_string).collect();
    items.join(", ")
}

/// Which side's value an item takes, or that it is a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// Both sides hold the same value.
    Same,
    /// One side's value wins.
    Take(Side),
    /// Both changed it differently and no choice settles it.
    Conflict,
}

/// The three-way rule for one item: `was` is its value at the base (`None`: the base is not
/// known), `ours` and `theirs` the sheet file's and the page's.
fn decide(
    item: &Item,
    was: &Option<Option<String>>,
    ours: &Option<String>,
    theirs: &Option<String>,
    choices: &Choices,
) -> Decision {
    if ours == theirs {
        return Decision::Same;
    }
    match was {
        Some(was) if was == ours => Decision::Take(Side::Wiki),
        Some(was) if was == theirs => Decision::Take(Side::Local),
        _ => choices
            .side(item)
            .map_or(Decision::Conflict, Decision::Take),
    }
}

/// What the merge collects item by item.
#[derive(Debug, Default)]
struct Outcome {
    from_local: Vec<Change>,
    from_wiki: Vec<Change>,
    conflicts: Vec<Conflict>,
}

impl Outcome {
    /// Records that `item` takes `side`'s value (`ours` is the sheet file's, `theirs` the
    /// page's).
    fn took(&mut self, item: Item, side: Side, ours: Option<String>, theirs: Option<String>) {
        match side {
            Side::Local => self.from_local.push(Change {
                item,
                was: theirs,
                now: ours,
            }),
            Side::Wiki => self.from_wiki.push(Change {
                item,
                was: ours,
                now: theirs,
            }),
        }
    }
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
    let mut outcome = Outcome::default();
    for item in Item::all(standard) {
        let (ours, theirs) = (item.value(local), item.value(wiki));
        let was = base.map(|base| item.value(base));
        match decide(&item, &was, &ours, &theirs, choices) {
            Decision::Same => {}
            Decision::Conflict => outcome.conflicts.push(Conflict {
                item,
                base: was,
                local: ours,
                wiki: theirs,
            }),
            Decision::Take(side) => {
                if side == Side::Wiki {
                    item.copy(&mut sheet, wiki);
                }
                outcome.took(item, side, ours, theirs);
            }
        }
    }
    let (items, renumbered) = evidence::merge(
        base.map(Sheet::evidence),
        local.evidence(),
        wiki.evidence(),
        choices,
        &mut outcome,
    );
    if !outcome.conflicts.is_empty() {
        return Err(Conflicts(outcome.conflicts));
    }
    sheet
        .set_evidence(items)
        .expect("the evidence merge keeps one item per number");
    Ok(Merged {
        sheet,
        from_local: outcome.from_local,
        from_wiki: outcome.from_wiki,
        renumbered,
    })
}

/// What changed from `from` to `to`, item by item: what one side did since the base.
pub fn changes(standard: &Standard, from: &Sheet, to: &Sheet) -> Vec<Change> {
    Item::of(standard, &[from, to])
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

mod evidence;

#[cfg(test)]
mod tests;
