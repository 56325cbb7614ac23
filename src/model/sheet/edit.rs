//! Saving a sheet over the text it was read from: what a person wrote by hand (comments, blank
//! lines, the order of keys, quoting, a `"25/11/2026"` date) survives, and only the values that
//! changed change, so a diff of the file shows exactly what a command did.
//!
//! Every value is compared the way the loader reads it (`"N/A"` is `n/a`, `k1` is `K1`, a role
//! focus in any case is the standard's spelling), so a value that reads the same is left as
//! it is written.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::{format_dmy, parse_dmy, Sheet, RETIRED_COMMENT, SHEET_FORMAT};
use crate::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
use crate::model::id::KsbId;
use crate::model::score::Score;
use crate::model::standard::{find_ignoring_case, Standard};
use crate::model::version;

/// The keys at the top of a sheet, in the order `ksb` writes them.
const ROOT_KEYS: [&str; 5] = [
    "format",
    "standard",
    "standard_version",
    "locked",
    "reviews",
];

/// The participant's keys, in the order `ksb` writes them.
const PARTICIPANT_KEYS: [&str; 5] = [
    "username",
    "role_focus",
    "mentoring_type",
    "assessment_type",
    "date",
];

/// The tables of KSB entries, in the order `ksb` writes them.
const ID_TABLES: [&str; 4] = ["scores", "notes", "retired_scores", "retired_notes"];

impl Sheet {
    /// The sheet as TOML written over `original`, the text its file held: only the values that
    /// differ from what `original` says change, and new entries go in the standard's order
    /// among the old ones. When `original` cannot be edited into text that reads back as this
    /// sheet, the sheet is written afresh in `ksb`'s layout ([`Sheet::to_toml`]): a save never
    /// writes a sheet other than the one asked for.
    pub fn to_toml_over(&self, standard: &Standard, original: &str) -> String {
        edited(self, standard, original)
            .filter(|text| Sheet::from_toml(text, standard).ok().as_ref() == Some(self))
            .unwrap_or_else(|| self.to_toml(standard))
    }
}

fn edited(sheet: &Sheet, standard: &Standard, original: &str) -> Option<String> {
    let mut doc: DocumentMut = original.parse().ok()?;
    let root = doc.as_table_mut();
    let rank = |key: &str| ROOT_KEYS.iter().position(|k| *k == key);
    set(
        Tab::Table(root),
        "format",
        |v| v.as_integer() == Some(SHEET_FORMAT),
        SHEET_FORMAT.into(),
        rank,
    );
    set(
        Tab::Table(root),
        "standard",
        |v| v.as_str() == Some(&sheet.standard),
        sheet.standard.as_str().into(),
        rank,
    );
    set(
        Tab::Table(root),
        "standard_version",
        |v| {
            v.as_str()
                .is_some_and(|text| version::same(text, &sheet.standard_version))
        },
        sheet.standard_version.as_str().into(),
        rank,
    );
    if sheet.locked {
        let locked = |v: &Value| v.as_bool() == Some(true);
        set(Tab::Table(root), "locked", locked, true.into(), rank);
    } else if root.get("locked").and_then(Item::as_bool) == Some(true) {
        root.remove("locked");
    }
    match &sheet.reviews {
        Some(reviews) => {
            let same = |v: &Value| v.as_str() == Some(reviews);
            set(
                Tab::Table(root),
                "reviews",
                same,
                reviews.as_str().into(),
                rank,
            );
        }
        None => {
            root.remove("reviews");
        }
    }
    edit_participant(tab(root.get_mut("participant")?)?, sheet, standard)?;
    let order = |id: &KsbId| {
        standard
            .ksbs
            .iter()
            .position(|ksb| &ksb.id == id)
            .unwrap_or(usize::MAX)
    };
    let score = |score: &Score| match score.points() {
        Some(points) => Value::from(i64::from(points)),
        None => Value::from("n/a"),
    };
    let note = |note: &String| Value::from(note.as_str());
    let [scores, notes, retired_scores, retired_notes] = ID_TABLES;
    sync_ids(root, scores, &sheet.scores, read_score, score, order)?;
    sync_ids(root, notes, &sheet.notes, read_note, note, order)?;
    let retired = &sheet.retired_scores;
    sync_ids(root, retired_scores, retired, read_score, score, order)?;
    let retired = &sheet.retired_notes;
    sync_ids(root, retired_notes, retired, read_note, note, order)?;
    edit_evidence(root, sheet)?;
    edit_wiki(root, sheet)?;
    Some(doc.to_string())
}

/// The keys of an `[[evidence]]` item, in the order `ksb` writes them.
const EVIDENCE_KEYS: [&str; 7] = [
    "number", "text", "link", "ksbs", "added", "added_by", "verdict",
];

/// Makes the `[[evidence]]` tables hold the sheet's items, matched by number: an item that
/// reads the same stays as written, a changed field keeps its place and comment, items no
/// longer wanted go, new ones follow the last. Evidence written any other way (an inline
/// array) is left to the fresh layout.
fn edit_evidence(root: &mut Table, sheet: &Sheet) -> Option<()> {
    if root.get("evidence").is_none() {
        if sheet.evidence.is_empty() {
            return Some(());
        }
        // The array goes before `[wiki]`, which ksb keeps last.
        let wiki = root.remove("wiki");
        root.insert("evidence", Item::ArrayOfTables(ArrayOfTables::new()));
        if let Some(wiki) = wiki {
            root.insert("wiki", wiki);
        }
    }
    let array = root.get_mut("evidence")?.as_array_of_tables_mut()?;
    let number = |table: &Table| {
        table
            .get("number")?
            .as_integer()
            .and_then(|n| u32::try_from(n).ok())
    };
    array.retain(|table| number(table).is_some_and(|n| sheet.evidence_item(n).is_some()));
    for table in array.iter_mut() {
        let item = sheet.evidence_item(number(table)?)?;
        edit_evidence_item(table, item);
    }
    for item in &sheet.evidence {
        if !array.iter().any(|table| number(table) == Some(item.number)) {
            let mut table = Table::new();
            table.decor_mut().set_prefix("\n");
            table.insert("number", Item::Value(i64::from(item.number).into()));
            edit_evidence_item(&mut table, item);
            array.push(table);
        }
    }
    if array.is_empty() {
        root.remove("evidence");
    }
    Some(())
}

fn edit_evidence_item(table: &mut Table, item: &Evidence) {
    let rank = |key: &str| EVIDENCE_KEYS.iter().position(|k| *k == key);
    let text = |v: &Value| v.as_str().map(str::trim) == Some(item.text.as_str());
    set(
        Tab::Table(table),
        "text",
        text,
        item.text.as_str().into(),
        rank,
    );
    match &item.link {
        Some(link) => {
            let same = |v: &Value| {
                v.as_str()
                    .and_then(|t| EvidenceLink::parse(t).ok())
                    .as_ref()
                    == Some(link)
            };
            set(
                Tab::Table(table),
                "link",
                same,
                link.as_written().into(),
                rank,
            );
        }
        None => {
            table.remove("link");
        }
    }
    let ksbs = |v: &Value| {
        v.as_array().is_some_and(|list| {
            list.iter()
                .map(|id| id.as_str().and_then(|id| id.parse::<KsbId>().ok()))
                .eq(item.ksbs.iter().map(|id| Some(id.clone())))
        })
    };
    let list: Array = item.ksbs.iter().map(KsbId::as_str).collect();
    set(Tab::Table(table), "ksbs", ksbs, Value::Array(list), rank);
    let added = |v: &Value| read_date(v) == Some(item.added);
    let added_value = Value::from(toml_date(item.added));
    set(Tab::Table(table), "added", added, added_value, rank);
    let by = |v: &Value| v.as_str().map(str::trim) == Some(item.added_by.as_str());
    set(
        Tab::Table(table),
        "added_by",
        by,
        item.added_by.as_str().into(),
        rank,
    );
    match &item.verdict {
        Some(verdict) => {
            let same =
                |v: &Value| v.as_inline_table().and_then(read_verdict).as_ref() == Some(verdict);
            set(
                Tab::Table(table),
                "verdict",
                same,
                verdict_value(verdict),
                rank,
            );
        }
        None => {
            table.remove("verdict");
        }
    }
}

fn read_verdict(table: &InlineTable) -> Option<Verdict> {
    let comment = match table.get("comment") {
        Some(value) => Some(value.as_str()?.trim().to_string()).filter(|c| !c.is_empty()),
        None => None,
    };
    Some(Verdict {
        state: VerdictState::parse(table.get("state")?.as_str()?)?,
        by: table.get("by")?.as_str()?.trim().to_string(),
        date: read_date(table.get("date")?)?,
        comment,
    })
}

fn verdict_value(verdict: &Verdict) -> Value {
    let mut table = InlineTable::new();
    table.insert("state", verdict.state.as_str().into());
    table.insert("by", verdict.by.as_str().into());
    table.insert("date", toml_date(verdict.date).into());
    if let Some(comment) = &verdict.comment {
        table.insert("comment", comment.as_str().into());
    }
    Value::InlineTable(table)
}

/// The keys of `[wiki]`, in the order `ksb` writes them.
const WIKI_KEYS: [&str; 3] = ["page", "revision", "published"];

/// Makes `[wiki]` say what the sheet records of its page: added last when new, removed when
/// the sheet records none.
fn edit_wiki(root: &mut Table, sheet: &Sheet) -> Option<()> {
    let Some(wiki) = &sheet.wiki else {
        root.remove("wiki");
        return Some(());
    };
    if root.get("wiki").is_none() {
        let last = root
            .iter()
            .filter_map(|(_, item)| item.as_table()?.position())
            .max();
        let mut table = Table::new();
        table.decor_mut().set_prefix("\n");
        table.set_position(last.map(|p| p + 1));
        root.insert("wiki", Item::Table(table));
    }
    let mut table = tab(root.get_mut("wiki")?)?;
    let rank = |key: &str| WIKI_KEYS.iter().position(|k| *k == key);
    let page = |v: &Value| v.as_str() == Some(&wiki.page);
    set(
        table.reborrow(),
        "page",
        page,
        wiki.page.as_str().into(),
        rank,
    );
    let revision = i64::try_from(wiki.revision).ok()?;
    let same = |v: &Value| v.as_integer() == Some(revision);
    set(table.reborrow(), "revision", same, revision.into(), rank);
    let published = |v: &Value| v.as_str() == Some(&wiki.published);
    set(
        table,
        "published",
        published,
        wiki.published.as_str().into(),
        rank,
    );
    Some(())
}

fn edit_participant(mut table: Tab<'_>, sheet: &Sheet, standard: &Standard) -> Option<()> {
    let p = &sheet.participant;
    let rank = |key: &str| PARTICIPANT_KEYS.iter().position(|k| *k == key);
    let username = |v: &Value| v.as_str().map(str::trim) == Some(&p.username);
    set(
        table.reborrow(),
        "username",
        username,
        p.username.as_str().into(),
        rank,
    );
    for (key, list, wanted) in [
        ("role_focus", &standard.role_focuses, &p.role_focus),
        (
            "mentoring_type",
            &standard.mentoring_types,
            &p.mentoring_type,
        ),
        (
            "assessment_type",
            &standard.assessment_types,
            &p.assessment_type,
        ),
    ] {
        let same = |v: &Value| {
            v.as_str().and_then(|text| find_ignoring_case(list, text)) == Some(wanted.as_str())
        };
        set(table.reborrow(), key, same, wanted.as_str().into(), rank);
    }
    // A date written by hand as "25/11/2026" stays a string of that form when it changes.
    let date = if table.like().get("date").and_then(Item::as_str).is_some() {
        Value::from(format_dmy(p.date))
    } else {
        Value::from(toml_date(p.date))
    };
    set(table, "date", |v| read_date(v) == Some(p.date), date, rank);
    Some(())
}

/// Makes `key` of `table` hold `value` unless what it holds already `reads_as` it: a value
/// that changes keeps its place and its comment, a new key goes among the others in the order
/// `rank` gives.
fn set(
    mut table: Tab<'_>,
    key: &str,
    reads_as: impl Fn(&Value) -> bool,
    value: Value,
    rank: impl Fn(&str) -> Option<usize>,
) {
    match table.like().get_mut(key) {
        Some(Item::Value(old)) if reads_as(old) => {}
        Some(Item::Value(old)) => replace_keeping_decor(old, value),
        Some(other) => *other = Item::Value(value),
        None => {
            table.like().insert(key, Item::Value(value));
            let own = rank(key).unwrap_or(usize::MAX);
            let keys: Vec<String> = table.like().iter().map(|(k, _)| k.to_string()).collect();
            let before = |k: &str| k != key && rank(k).is_some_and(|r| r < own);
            let anchor = keys.iter().rposition(|k| before(k)).map_or(0, |i| i + 1);
            table.sort_by_key(|k| {
                let index = keys.iter().position(|other| other == k).unwrap_or(0);
                if k == key {
                    (anchor, 1)
                } else {
                    (index + 1, 0)
                }
            });
        }
    }
}

/// Makes one table of KSB entries hold `wanted`: entries that read as wanted stay as written,
/// changed ones keep their place and comment, entries no longer wanted go, new ones follow the
/// last old entry that comes before them in the standard's order (`order`). A table that this
/// empties is removed (`[scores]` excepted); one that is needed and missing is added after the
/// tables before it.
fn sync_ids<V: PartialEq>(
    root: &mut Table,
    name: &str,
    wanted: &BTreeMap<KsbId, V>,
    read: fn(&Item) -> Option<V>,
    make: impl Fn(&V) -> Value,
    order: impl Fn(&KsbId) -> usize,
) -> Option<()> {
    if root.get(name).is_none() {
        if wanted.is_empty() {
            return Some(());
        }
        add_table(root, name);
    }
    let mut table = tab(root.get_mut(name)?)?;
    let had_entries = !table.like().is_empty();
    let old: Vec<(String, KsbId)> = table
        .like()
        .iter()
        .map(|(key, _)| Some((key.to_string(), key.parse().ok()?)))
        .collect::<Option<_>>()?;
    for (key, id) in &old {
        let entry = table.like().get_mut(key)?;
        match wanted.get(id) {
            Some(value) if read(entry).as_ref() == Some(value) => {}
            Some(value) => match entry {
                Item::Value(old) => replace_keeping_decor(old, make(value)),
                other => *other = Item::Value(make(value)),
            },
            // An entry the loader skips (a blank note) reads as nothing already.
            None if read(entry).is_none() => {}
            None => {
                table.like().remove(key);
            }
        }
    }
    let kept: Vec<(String, usize)> = old
        .iter()
        .filter(|(key, _)| table.like().contains_key(key))
        .map(|(key, id)| (key.clone(), order(id)))
        .collect();
    let new: Vec<(String, usize)> = wanted
        .iter()
        .filter(|(id, _)| !old.iter().any(|(_, old_id)| old_id == *id))
        .map(|(id, value)| {
            table.like().insert(id.as_str(), Item::Value(make(value)));
            (id.as_str().to_string(), order(id))
        })
        .collect();
    if !new.is_empty() {
        table.sort_by_key(|key| {
            if let Some(index) = kept.iter().position(|(k, _)| k == key) {
                return (index + 1, 0, 0);
            }
            let rank = new
                .iter()
                .find(|(k, _)| k == key)
                .map_or(usize::MAX, |n| n.1);
            let anchor = kept
                .iter()
                .rposition(|(_, r)| *r < rank)
                .map_or(0, |i| i + 1);
            (anchor, 1, rank)
        });
    }
    if table.like().is_empty() && had_entries && name != ID_TABLES[0] {
        root.remove(name);
    }
    Some(())
}

/// Adds a missing table of KSB entries, with a blank line (and for a retired table the
/// comment `ksb` writes above it) before it, after the tables that come before it.
fn add_table(root: &mut Table, name: &str) {
    let after = ID_TABLES
        .iter()
        .take_while(|table| **table != name)
        .chain(["participant"].iter())
        .filter_map(|table| root.get(table)?.as_table()?.position())
        .max();
    let mut table = Table::new();
    let prefix = if name.starts_with("retired_") {
        format!("\n{RETIRED_COMMENT}")
    } else {
        "\n".to_string()
    };
    table.decor_mut().set_prefix(prefix);
    table.set_position(after);
    root.insert(name, Item::Table(table));
}

/// A table of the document, written as `[name]` or inline as `name = { … }`: edited alike.
enum Tab<'a> {
    Table(&'a mut Table),
    Inline(&'a mut InlineTable),
}

fn tab(item: &mut Item) -> Option<Tab<'_>> {
    match item {
        Item::Table(table) => Some(Tab::Table(table)),
        Item::Value(Value::InlineTable(table)) => Some(Tab::Inline(table)),
        _ => None,
    }
}

impl Tab<'_> {
    fn reborrow(&mut self) -> Tab<'_> {
        match self {
            Tab::Table(table) => Tab::Table(table),
            Tab::Inline(table) => Tab::Inline(table),
        }
    }

    fn like(&mut self) -> &mut dyn TableLike {
        match self {
            Tab::Table(table) => *table,
            Tab::Inline(table) => *table,
        }
    }

    /// Orders the keys by `key` (a stable sort); tables under a `[table]` keep their place,
    /// which their own position decides.
    fn sort_by_key<K: Ord>(&mut self, key: impl Fn(&str) -> K) {
        match self {
            Tab::Table(table) => table.sort_values_by(|a, _, b, _| key(a).cmp(&key(b))),
            Tab::Inline(table) => table.sort_values_by(|a, _, b, _| key(a).cmp(&key(b))),
        }
    }
}

/// Puts `new` where `old` was, with the spaces and comment around `old`.
fn replace_keeping_decor(old: &mut Value, new: Value) {
    let decor = old.decor().clone();
    *old = new;
    *old.decor_mut() = decor;
}

fn read_score(item: &Item) -> Option<Score> {
    match item.as_value()? {
        Value::Integer(points) => Score::from_points(*points.value()),
        Value::String(text) => text.value().parse().ok(),
        _ => None,
    }
}

fn read_note(item: &Item) -> Option<String> {
    item.as_str()
        .filter(|text| !text.trim().is_empty())
        .map(str::to_string)
}

fn read_date(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::Datetime(dt) => {
            let dt = dt.value();
            if dt.time.is_some() || dt.offset.is_some() {
                return None;
            }
            let d = dt.date?;
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        Value::String(text) => parse_dmy(text.value()).ok(),
        _ => None,
    }
}

fn toml_date(date: NaiveDate) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

#[cfg(test)]
mod tests;
