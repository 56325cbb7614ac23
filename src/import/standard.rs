//! The standard read from its wiki page (Title, Description, Stack Area, Role Focus), as a
//! change to a base standard: KSBs matched by title keep their ids and categories, new ones get
//! the next id of their category, KSBs the page no longer lists are removed, and the version
//! goes up when anything changed (new KSBs recording it as their `since`).
//!
//! A removed KSB is retired as any newer version of a standard retires it: sheets scored
//! against the old version keep its score under `[retired_scores]`. Its id is never given to a
//! new KSB here, since new ids come after the highest of the base.

use std::collections::HashMap;
use std::fmt;

use super::columns::Column;
use super::problem::{shown, PageError, Problem, RowRef};
use super::sheet::Keys;
use super::table::{Page, RowKind, Table};
use super::text::match_key;
use crate::model::id::KsbId;
use crate::model::standard::{find_ignoring_case, Category, Ksb, Standard, StandardError};
use crate::model::version;
use crate::render::standard_yaml::standard_yaml;

/// What the caller decides where the page is silent.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The category of new KSBs that no section row places.
    pub category: Option<Category>,
    /// The version to give the standard when it changed, instead of the next one.
    pub version: Option<String>,
}

/// The standard the page describes and how it differs from the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The new standard (the base itself when nothing changed).
    pub standard: Standard,
    /// Every change, in the new standard's order, removals last.
    pub changes: Vec<Change>,
}

/// One difference between the page and the base standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The page spells a KSB's title differently (case, quotes, spacing).
    Title {
        /// The KSB.
        id: KsbId,
        /// The base's title.
        from: String,
        /// The page's.
        to: String,
    },
    /// A KSB's description changed.
    Description {
        /// The KSB.
        id: KsbId,
        /// Its title.
        title: String,
    },
    /// A KSB's stack-area label changed.
    StackArea {
        /// The KSB.
        id: KsbId,
        /// The base's label.
        from: String,
        /// The page's.
        to: String,
    },
    /// A KSB's role focus changed.
    RoleFocus {
        /// The KSB.
        id: KsbId,
        /// The base's role focus.
        from: String,
        /// The page's.
        to: String,
    },
    /// A KSB the base does not have.
    Added {
        /// Its new id.
        id: KsbId,
        /// Its category.
        category: Category,
        /// Its title.
        title: String,
    },
    /// A KSB of the base the page no longer lists.
    Removed {
        /// Its id.
        id: KsbId,
        /// Its title.
        title: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Title { id, from, to } => {
                write!(f, "{id}: title '{}' → '{}'", shown(from), shown(to))
            }
            Change::Description { id, title } => {
                write!(f, "{id} {}: new description", shown(title))
            }
            Change::StackArea { id, from, to } => {
                write!(f, "{id}: stack area '{}' → '{}'", shown(from), shown(to))
            }
            Change::RoleFocus { id, from, to } => {
                write!(f, "{id}: role focus {from} → {to}")
            }
            Change::Added {
                id,
                category,
                title,
            } => write!(f, "{id} {}: added ({})", shown(title), category.key()),
            Change::Removed { id, title } => write!(
                f,
                "{id} {}: removed (sheets keep its score as retired)",
                shown(title)
            ),
        }
    }
}

/// Why the page cannot become a standard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The page as a whole.
    #[error(transparent)]
    Page(#[from] PageError),
    /// Rows that cannot be taken, each naming its line and row.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Rows(Vec<Problem>),
    /// The version asked for, or the base's, cannot be the new version.
    #[error("{0}")]
    Version(String),
    /// The page's text makes a standard that `ksb` would refuse to load (a control character
    /// in a title, say).
    #[error("the page's table does not make a valid standard: {0}")]
    Invalid(String),
}

/// One KSB row of the page, read.
struct PageKsb {
    at: RowRef,
    title: String,
    description: String,
    stack_area: String,
    role_focus: String,
    /// The base KSB it is, or the category a new one goes in.
    place: Place,
}

enum Place {
    Base(usize),
    New(Category),
}

/// Reads the standard's page against `base`.
pub fn read(text: &str, base: &Standard, options: &Options) -> Result<Imported, ImportError> {
    super::check_size(text)?;
    let keys = Keys::new(base);
    let page = Page::read(text, &|cell| keys.is_key(cell));
    let table = standard_table(&page.tables)?;
    let rows = read_rows(table, base, &keys, options)?;
    let imported = build(base, rows, options)?;
    // What is written must load again, exactly: checked here once for every caller.
    let again = Standard::from_yaml(&standard_yaml(&imported.standard, &[]))
        .map_err(|err: StandardError| ImportError::Invalid(err.to_string()))?;
    if again != imported.standard {
        return Err(ImportError::Invalid(
            "its YAML would not read back as the same standard".to_string(),
        ));
    }
    Ok(imported)
}

/// The one table with Title and Description columns, with the columns the import needs.
fn standard_table(tables: &[Table]) -> Result<&Table, PageError> {
    let candidates: Vec<&Table> = tables
        .iter()
        .filter(|t| t.column(Column::Title).is_some() && t.column(Column::Description).is_some())
        .collect();
    let table = match candidates.as_slice() {
        [] => {
            return Err(PageError::NoTable {
                what: "standard",
                columns: "Title and Description",
            })
        }
        [table] => *table,
        several => {
            return Err(PageError::SeveralTables {
                what: "standard",
                lines: several.iter().map(|t| t.first_line).collect(),
            })
        }
    };
    for (column, name) in [
        (Column::StackArea, "Stack Area"),
        (Column::RoleFocus, "Role Focus"),
    ] {
        if table.column(column).is_none() {
            return Err(PageError::MissingColumn {
                line: table.first_line,
                what: "standard",
                column: name,
            });
        }
    }
    Ok(table)
}

/// Every KSB row of the table, matched to the base or placed in a category; any row that
/// cannot be is a problem, and any problem refuses the page.
fn read_rows(
    table: &Table,
    base: &Standard,
    keys: &Keys,
    options: &Options,
) -> Result<Vec<PageKsb>, ImportError> {
    let cell = |cells: &[String], column| {
        table
            .column(column)
            .and_then(|i| cells.get(i))
            .map_or(String::new(), |c| c.trim().to_string())
    };
    let index: HashMap<&KsbId, usize> = base
        .ksbs
        .iter()
        .enumerate()
        .map(|(i, k)| (&k.id, i))
        .collect();
    let mut problems = Vec::new();
    let mut rows: Vec<PageKsb> = Vec::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    // The category of the last section row, while the KSBs under it agree with it.
    let mut section: Option<Category> = None;
    let mut number = 0;
    for row in &table.rows {
        if let RowKind::Section(category) = row.kind {
            section = Some(category);
            continue;
        }
        number += 1;
        let title = cell(&row.cells, Column::Title);
        let at = RowRef {
            line: row.line,
            row: number,
            title: title.clone(),
        };
        if row.cells.len() > table.columns.len() {
            problems.push(Problem::TooManyCells {
                at,
                cells: row.cells.len(),
                columns: table.columns.len(),
            });
            continue;
        }
        let matched = keys
            .by_id(&cell(&row.cells, Column::Id))
            .or_else(|| keys.by_title(&title));
        let key = matched.map_or_else(|| match_key(&title), |id| id.to_string());
        if let Some(&first) = first_row.get(&key) {
            problems.push(match matched {
                Some(id) => Problem::Duplicate {
                    at,
                    id: id.clone(),
                    first,
                },
                None => Problem::DuplicateTitle { at, first },
            });
            continue;
        }
        first_row.insert(key, number);
        let mut missing = None;
        for (column, name) in [
            (Column::Title, "title"),
            (Column::Description, "description"),
            (Column::StackArea, "stack area"),
            (Column::RoleFocus, "role focus"),
        ] {
            if missing.is_none() && cell(&row.cells, column).is_empty() {
                missing = Some(name);
            }
        }
        if let Some(column) = missing {
            problems.push(Problem::MissingCell { at, column });
            continue;
        }
        let role = cell(&row.cells, Column::RoleFocus);
        let Some(role_focus) = find_ignoring_case(&base.role_focuses, &role) else {
            problems.push(Problem::UnknownRoleFocus {
                at,
                value: role,
                allowed: base.role_focuses.join(", "),
            });
            continue;
        };
        let place = match matched {
            Some(id) => {
                let i = index[id];
                if section.is_some_and(|c| c != base.ksbs[i].category) {
                    section = None;
                }
                Place::Base(i)
            }
            None => match section.or(options.category) {
                Some(category) => Place::New(category),
                None => {
                    problems.push(Problem::NoCategory { at });
                    continue;
                }
            },
        };
        rows.push(PageKsb {
            at,
            title,
            description: cell(&row.cells, Column::Description),
            stack_area: cell(&row.cells, Column::StackArea),
            role_focus: role_focus.to_string(),
            place,
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Rows(problems))
    }
}

/// The new standard: the base's KSBs as the page now writes them, new ones after the last of
/// their category, and the version bumped when anything changed.
fn build(base: &Standard, rows: Vec<PageKsb>, options: &Options) -> Result<Imported, ImportError> {
    let mut ksbs: Vec<Option<Ksb>> = vec![None; base.ksbs.len()];
    let mut changes: Vec<(usize, Change)> = Vec::new();
    let mut added: Vec<(PageKsb, Category)> = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        let i = match row.place {
            Place::Base(i) => i,
            Place::New(category) => {
                added.push((row, category));
                continue;
            }
        };
        let old = &base.ksbs[i];
        let mut ksb = old.clone();
        let id = old.id.clone();
        if row.title != old.title {
            changes.push((
                i,
                Change::Title {
                    id: id.clone(),
                    from: old.title.clone(),
                    to: row.title.clone(),
                },
            ));
            ksb.title = row.title;
        }
        if row.description != old.description {
            changes.push((
                i,
                Change::Description {
                    id: id.clone(),
                    title: ksb.title.clone(),
                },
            ));
            ksb.description = row.description;
        }
        if row.stack_area != old.stack_area {
            match areas_of(&row.stack_area, &base.areas) {
                areas if areas.is_empty() => {
                    problems.push(Problem::NoArea {
                        at: row.at,
                        label: row.stack_area,
                        allowed: base.areas.join(", "),
                    });
                    continue;
                }
                areas => ksb.areas = areas,
            }
            changes.push((
                i,
                Change::StackArea {
                    id: id.clone(),
                    from: old.stack_area.clone(),
                    to: row.stack_area.clone(),
                },
            ));
            ksb.stack_area = row.stack_area;
        }
        if row.role_focus != old.role_focus {
            changes.push((
                i,
                Change::RoleFocus {
                    id,
                    from: old.role_focus.clone(),
                    to: row.role_focus.clone(),
                },
            ));
            ksb.role_focus = row.role_focus;
        }
        ksbs[i] = Some(ksb);
    }
    let removed: Vec<Change> = base
        .ksbs
        .iter()
        .zip(&ksbs)
        .filter(|(_, kept)| kept.is_none())
        .map(|(ksb, _)| Change::Removed {
            id: ksb.id.clone(),
            title: ksb.title.clone(),
        })
        .collect();
    let changed = !changes.is_empty() || !added.is_empty() || !removed.is_empty();
    let new_version = if changed {
        next_version(&base.version, options.version.as_deref())?
    } else {
        base.version.clone()
    };
    let mut ksbs: Vec<Ksb> = ksbs.into_iter().flatten().collect();
    let mut numbers = IdNumbers::of(base);
    let mut added_changes = Vec::new();
    for (row, category) in added {
        let areas = areas_of(&row.stack_area, &base.areas);
        if areas.is_empty() {
            problems.push(Problem::NoArea {
                at: row.at,
                label: row.stack_area,
                allowed: base.areas.join(", "),
            });
            continue;
        }
        let id = numbers.next(category);
        added_changes.push(Change::Added {
            id: id.clone(),
            category,
            title: row.title.clone(),
        });
        let at = insertion_point(&ksbs, category);
        ksbs.insert(
            at,
            Ksb {
                id,
                category,
                title: row.title,
                description: row.description,
                stack_area: row.stack_area,
                areas,
                role_focus: row.role_focus,
                since: Some(new_version.clone()),
            },
        );
    }
    if !problems.is_empty() {
        return Err(ImportError::Rows(problems));
    }
    changes.sort_by_key(|(i, _)| *i);
    let mut changes: Vec<Change> = changes.into_iter().map(|(_, c)| c).collect();
    changes.extend(added_changes);
    changes.extend(removed);
    Ok(Imported {
        standard: Standard {
            version: new_version,
            ksbs,
            ..base.clone()
        },
        changes,
    })
}

/// Where a new KSB of `category` goes: after the last of its category, else after the last of
/// the categories before it.
fn insertion_point(ksbs: &[Ksb], category: Category) -> usize {
    ksbs.iter()
        .rposition(|k| k.category == category)
        .or_else(|| ksbs.iter().rposition(|k| k.category < category))
        .map_or(0, |i| i + 1)
}

/// The next free id of each category: the category's letter (as the base writes it) and one
/// more than the highest number the base gives that letter.
struct IdNumbers {
    next: HashMap<String, u64>,
    prefixes: HashMap<Category, String>,
}

impl IdNumbers {
    fn of(base: &Standard) -> IdNumbers {
        let mut next: HashMap<String, u64> = HashMap::new();
        let mut prefixes = HashMap::new();
        for ksb in &base.ksbs {
            let (prefix, number) = split_id(ksb.id.as_str());
            prefixes
                .entry(ksb.category)
                .or_insert_with(|| prefix.to_string());
            let entry = next.entry(prefix.to_string()).or_insert(1);
            *entry = (*entry).max(number.map_or(1, |n| n.saturating_add(1)));
        }
        IdNumbers { next, prefixes }
    }

    fn next(&mut self, category: Category) -> KsbId {
        let prefix = self.prefixes.get(&category).cloned().unwrap_or_else(|| {
            match category {
                Category::Knowledge => "K",
                Category::Skill => "S",
                Category::Behaviour => "B",
            }
            .to_string()
        });
        let number = self.next.entry(prefix.clone()).or_insert(1);
        let id = format!("{prefix}{number}");
        *number += 1;
        id.parse().expect("a letter prefix and a number make an id")
    }
}

/// An id's letters and its trailing number (`K11` → `K`, 11).
fn split_id(id: &str) -> (&str, Option<u64>) {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = id.split_at(id.len() - digits);
    (prefix, number.parse().ok())
}

/// The version after `base`: `wanted` when given (it must be newer), else `base` with its last
/// number one higher (1.0 → 1.1, 1.9 → 1.10).
fn next_version(base: &str, wanted: Option<&str>) -> Result<String, ImportError> {
    if let Some(wanted) = wanted {
        let wanted = wanted.trim();
        if wanted.is_empty() || version::compare(wanted, base).is_le() {
            return Err(ImportError::Version(format!(
                "version '{wanted}' is not newer than the base standard's {base}"
            )));
        }
        return Ok(wanted.to_string());
    }
    let base = base.trim();
    let (head, last) = base.rsplit_once('.').map_or(("", base), |(h, l)| (h, l));
    let number: u64 = last.parse().map_err(|_| {
        ImportError::Version(format!(
            "the base standard's version '{base}' does not end in a number: give the new version"
        ))
    })?;
    let next = number.saturating_add(1);
    Ok(if head.is_empty() {
        next.to_string()
    } else {
        format!("{head}.{next}")
    })
}

/// The canonical areas a stack-area label names: each part of the label (split at `&`, `/`,
/// `,`, `(`, `)`, `+` and " and ") that is an area or starts with one and a space, so that
/// "Infra (Caching/CDN)" is Infra and "MediaWiki & Platform Security" is both.
pub fn areas_of(label: &str, areas: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let spaced = label.replace(" and ", "&");
    for part in spaced.split(['&', '/', ',', '(', ')', '+', ';']) {
        let part = match_key(part);
        let area = areas.iter().find(|area| {
            let area = match_key(area);
            !area.is_empty() && (part == area || part.starts_with(&format!("{area} ")))
        });
        if let Some(area) = area.filter(|a| !found.contains(a)) {
            found.push(area.clone());
        }
    }
    found
}

#[cfg(test)]
mod tests;
