//! A standard as a 1EdTech CASE 1.0 CFPackage (JSON), written and read.
//!
//! Written ([`write()`]): the `CFDocument` (the standard), a `CFItem` per category present
//! (`CFItemType` `Category`) and one per KSB (`humanCodingScheme` the KSB's id, `CFItemType`
//! `Knowledge`, `Skill` or `Behaviour`, `abbreviatedStatement` its title, `fullStatement` its
//! description), `isChildOf` `CFAssociations` from each KSB to its category and from each
//! category to the document, and a `CFRubric` with a criterion per KSB whose levels are 0–3 with
//! the scoring key's meanings (N/A is no level: it is "not assessed", said in the rubric's
//! description). Every identifier is a version 5 UUID of the standard's id and the part's
//! ([`super::stable_uuid`]), so a re-export has the same ones; every `uri` is its `urn:uuid:`.
//! What CASE has no field for (stack area, areas, role focus, the standard's lists) is under
//! `extensions.ksb`, which CASE leaves to the publisher.
//!
//! Read ([`read`]): the items become KSBs, the `isChildOf` tree flattened by
//! [`super::tree`]; `humanCodingScheme` is the id where it fits ksb's rules, else one is
//! generated (the original kept in a note); the first rubric's levels are the scale, mapped by
//! [`super::scale`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    scale, stable_uuid, tree, Draft, DraftStandard, Imported, InteropError, Options, MAX_ITEMS,
};
use crate::model::score::Score;
use crate::model::standard::{Category, HeaderText, KeyEntry, Standard};

/// A CFPackage: the document and all of its items, associations and rubrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CfPackage {
    /// The framework itself.
    #[serde(rename = "CFDocument")]
    pub document: CfDocument,
    /// Its competencies and groups.
    #[serde(rename = "CFItems", default)]
    pub items: Vec<CfItem>,
    /// How the items relate (`isChildOf` builds the tree).
    #[serde(rename = "CFAssociations", default)]
    pub associations: Vec<CfAssociation>,
    /// Rubrics: ksb writes one, its criteria's levels the 0–3 scale.
    #[serde(rename = "CFRubrics", default, skip_serializing_if = "Vec::is_empty")]
    pub rubrics: Vec<CfRubric>,
}

/// The `CFDocument` of a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CfDocument {
    /// A UUID.
    pub identifier: String,
    /// Where it can be found: ksb writes `urn:uuid:` and the identifier.
    #[serde(default)]
    pub uri: String,
    /// Who promulgates the framework.
    #[serde(default)]
    pub creator: String,
    /// Its title.
    pub title: String,
    /// When it last changed (ISO 8601).
    #[serde(default)]
    pub last_change_date_time: String,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The language of its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The publisher's own fields: ksb's under `ksb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions<StandardExtension>>,
}

/// A `CFItem`: a competency, or a group of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CfItem {
    /// A UUID.
    pub identifier: String,
    /// Its `urn:uuid:`.
    #[serde(default)]
    pub uri: String,
    /// The statement: a KSB's description, a group's name.
    pub full_statement: String,
    /// A short form: a KSB's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviated_statement: Option<String>,
    /// The code a person uses: a KSB's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_coding_scheme: Option<String>,
    /// Its kind: `Knowledge`, `Skill`, `Behaviour` or `Category`.
    #[serde(
        rename = "CFItemType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub item_type: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub last_change_date_time: String,
    /// The publisher's own fields: ksb's under `ksb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions<KsbExtension>>,
}

/// A `CFAssociation` between two nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CfAssociation {
    /// A UUID.
    pub identifier: String,
    /// `isChildOf`, `isPeerOf`, ….
    pub association_type: String,
    /// Its `urn:uuid:`.
    #[serde(default)]
    pub uri: String,
    /// The child, for `isChildOf`.
    #[serde(rename = "originNodeURI")]
    pub origin: Link,
    /// The parent, for `isChildOf`.
    #[serde(rename = "destinationNodeURI")]
    pub destination: Link,
    /// The child's place among its siblings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence_number: Option<i64>,
    /// When it last changed.
    #[serde(default)]
    pub last_change_date_time: String,
}

/// A link to another node: CASE's `LinkGenURI` and `LinkURI`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The node's title.
    #[serde(default)]
    pub title: String,
    /// The node's identifier.
    pub identifier: String,
    /// The node's URI.
    #[serde(default)]
    pub uri: String,
}

/// A `CFRubric`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CfRubric {
    /// A UUID.
    pub identifier: String,
    /// Its `urn:uuid:`.
    #[serde(default)]
    pub uri: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub last_change_date_time: String,
    /// Its criteria: ksb writes one per KSB.
    #[serde(rename = "CFRubricCriteria", default)]
    pub criteria: Vec<CfCriterion>,
}

/// A `CFRubricCriterion`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CfCriterion {
    /// A UUID.
    pub identifier: String,
    /// Its `urn:uuid:`.
    #[serde(default)]
    pub uri: String,
    /// What it assesses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The item it assesses.
    #[serde(rename = "CFItemURI", default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Link>,
    /// Its place in the rubric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The rubric's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub last_change_date_time: String,
    /// Its levels, lowest first.
    #[serde(rename = "CFRubricCriterionLevels", default)]
    pub levels: Vec<CfLevel>,
}

/// A `CFRubricCriterionLevel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CfLevel {
    /// A UUID.
    pub identifier: String,
    /// Its `urn:uuid:`.
    #[serde(default)]
    pub uri: String,
    /// What the level means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its name, as a column heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    /// Its points: ksb's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Its place among the levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The criterion's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_criterion_id: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub last_change_date_time: String,
}

/// CASE's `extensions`: ksb's fields under `ksb`, anything else left alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Extensions<T> {
    /// ksb's own fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ksb: Option<T>,
}

/// The standard's fields CASE has no place for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StandardExtension {
    /// The standard's id (`miraheze-tech-mentoring`).
    pub id: String,
    /// Its role focuses.
    pub role_focuses: Vec<String>,
    /// Its canonical areas.
    pub areas: Vec<String>,
    /// The scoring key, N/A included.
    pub scoring_key: Vec<KeyJson>,
    /// Its mentoring types.
    pub mentoring_types: Vec<String>,
    /// Its assessment types.
    pub assessment_types: Vec<String>,
    /// The sheet header's wording, in [`HeaderText::labels`] order and then the hint.
    pub participant_header: Vec<String>,
}

/// One line of the scoring key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyJson {
    /// `0`–`3` or `N/A`.
    pub score: String,
    /// What it means.
    pub meaning: String,
    /// Its word or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

/// A KSB's fields CASE has no place for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KsbExtension {
    /// Its stack-area label.
    pub stack_area: String,
    /// Its canonical areas.
    pub areas: Vec<String>,
    /// Its role focus.
    pub role_focus: String,
    /// The version that added it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// A stable identifier and its URI.
fn ids(parts: &[&str]) -> (String, String) {
    let id = stable_uuid(parts).to_string();
    let uri = format!("urn:uuid:{id}");
    (id, uri)
}

/// The CASE item type of a KSB's category.
pub fn item_type(category: Category) -> &'static str {
    match category {
        Category::Knowledge => "Knowledge",
        Category::Skill => "Skill",
        Category::Behaviour => "Behaviour",
    }
}

/// The identifier of a KSB's item, as [`write()`] makes it: an Open Badge aligns to the same.
pub fn ksb_item_id(standard: &Standard, ksb: &str) -> String {
    stable_uuid(&[&standard.id, "ksb", ksb]).to_string()
}

/// The identifier of the level of `score` (0–3) in a KSB's rubric criterion.
pub fn level_id(standard: &Standard, ksb: &str, score: Score) -> String {
    stable_uuid(&[&standard.id, "level", ksb, &score.to_string()]).to_string()
}

/// The standard as a CFPackage; `changed` is every record's `lastChangeDateTime`.
pub fn package(standard: &Standard, changed: &str) -> CfPackage {
    let sid = standard.id.as_str();
    let at = changed.to_string();
    let (doc_id, doc_uri) = ids(&[sid]);
    let doc_link = Link {
        title: standard.title.clone(),
        identifier: doc_id.clone(),
        uri: doc_uri.clone(),
    };
    let mut items = Vec::new();
    let mut associations = Vec::new();
    let mut category_links = HashMap::new();
    for (position, category) in Category::ALL.into_iter().enumerate() {
        if standard.ksbs_in(category).next().is_none() {
            continue;
        }
        let (id, uri) = ids(&[sid, "category", category.key()]);
        let link = Link {
            title: category.heading().to_string(),
            identifier: id.clone(),
            uri: uri.clone(),
        };
        let (assoc_id, assoc_uri) = ids(&[sid, "isChildOf", "category", category.key()]);
        associations.push(CfAssociation {
            identifier: assoc_id,
            association_type: "isChildOf".to_string(),
            uri: assoc_uri,
            origin: link.clone(),
            destination: doc_link.clone(),
            sequence_number: Some(position as i64 + 1),
            last_change_date_time: at.clone(),
        });
        category_links.insert(category, link);
        items.push(CfItem {
            identifier: id,
            uri,
            full_statement: category.heading().to_string(),
            abbreviated_statement: None,
            human_coding_scheme: None,
            item_type: Some("Category".to_string()),
            last_change_date_time: at.clone(),
            extensions: None,
        });
    }
    let (rubric_id, rubric_uri) = ids(&[sid, "rubric"]);
    let mut criteria = Vec::new();
    for (position, ksb) in standard.ksbs.iter().enumerate() {
        let kid = ksb.id.as_str();
        let (id, uri) = ids(&[sid, "ksb", kid]);
        let link = Link {
            title: ksb.title.clone(),
            identifier: id.clone(),
            uri: uri.clone(),
        };
        items.push(CfItem {
            identifier: id,
            uri,
            full_statement: ksb.description.clone(),
            abbreviated_statement: Some(ksb.title.clone()),
            human_coding_scheme: Some(kid.to_string()),
            item_type: Some(item_type(ksb.category).to_string()),
            last_change_date_time: at.clone(),
            extensions: Some(Extensions {
                ksb: Some(KsbExtension {
                    stack_area: ksb.stack_area.clone(),
                    areas: ksb.areas.clone(),
                    role_focus: ksb.role_focus.clone(),
                    since: ksb.since.clone(),
                }),
            }),
        });
        let (assoc_id, assoc_uri) = ids(&[sid, "isChildOf", kid]);
        associations.push(CfAssociation {
            identifier: assoc_id,
            association_type: "isChildOf".to_string(),
            uri: assoc_uri,
            origin: link.clone(),
            destination: category_links[&ksb.category].clone(),
            sequence_number: Some(position as i64 + 1),
            last_change_date_time: at.clone(),
        });
        let (criterion_id, criterion_uri) = ids(&[sid, "criterion", kid]);
        let levels = Score::ALL[..4]
            .iter()
            .zip(0..)
            .map(|(&score, points)| {
                let (id, uri) = ids(&[sid, "level", kid, &score.to_string()]);
                CfLevel {
                    identifier: id,
                    uri,
                    description: Some(standard.meaning_of(score).to_string()),
                    quality: Some(score.to_string()),
                    score: Some(f64::from(points)),
                    position: Some(i64::from(points)),
                    rubric_criterion_id: Some(criterion_id.clone()),
                    last_change_date_time: at.clone(),
                }
            })
            .collect();
        criteria.push(CfCriterion {
            identifier: criterion_id,
            uri: criterion_uri,
            description: Some(format!("{kid} {}", ksb.title)),
            item: Some(link),
            position: Some(position as i64 + 1),
            rubric_id: Some(rubric_id.clone()),
            last_change_date_time: at.clone(),
            levels,
        });
    }
    let rubric = CfRubric {
        identifier: rubric_id,
        uri: rubric_uri,
        title: Some(format!("{}: scoring key", standard.title)),
        description: Some(format!(
            "Each KSB is scored 0–3, or N/A ({}): N/A is not assessed and has no level.",
            standard.meaning_of(Score::NotApplicable)
        )),
        last_change_date_time: at.clone(),
        criteria,
    };
    let header = &standard.participant_header;
    let document = CfDocument {
        identifier: doc_id,
        uri: doc_uri,
        creator: standard.title.clone(),
        title: standard.title.clone(),
        last_change_date_time: at,
        version: Some(standard.version.clone()),
        description: Some(format!(
            "{}, version {}: {} KSBs scored 0–3 or N/A.",
            standard.title,
            standard.version,
            standard.ksbs.len()
        )),
        language: Some("en".to_string()),
        extensions: Some(Extensions {
            ksb: Some(StandardExtension {
                id: standard.id.clone(),
                role_focuses: standard.role_focuses.clone(),
                areas: standard.areas.clone(),
                scoring_key: standard
                    .scoring_key
                    .iter()
                    .map(|entry| KeyJson {
                        score: entry.score.to_string(),
                        meaning: entry.meaning.clone(),
                        short: entry.short.clone(),
                    })
                    .collect(),
                mentoring_types: standard.mentoring_types.clone(),
                assessment_types: standard.assessment_types.clone(),
                participant_header: header
                    .labels()
                    .iter()
                    .map(|s| s.to_string())
                    .chain([header.username_hint.clone()])
                    .collect(),
            }),
        }),
    };
    CfPackage {
        document,
        items,
        associations,
        rubrics: vec![rubric],
    }
}

/// The standard as a CFPackage's JSON (pretty, with a final newline).
pub fn write(standard: &Standard, changed: &str) -> String {
    let mut text = serde_json::to_string_pretty(&package(standard, changed)).unwrap_or_default();
    text.push('\n');
    text
}

/// A JSON error on one line, its position first.
fn json_error(err: &serde_json::Error) -> InteropError {
    let text = err.to_string();
    let message = match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => text,
    };
    InteropError::new(
        format!("line {}, column {}", err.line(), err.column()),
        message,
    )
}

/// Reads a CFPackage.
pub fn read(text: &str, options: Options) -> Result<Imported, InteropError> {
    crate::import::check_size(text).map_err(|err| InteropError::new("", err.to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let package: CfPackage = serde_json::from_str(text).map_err(|err| json_error(&err))?;
    if package.items.len() > MAX_ITEMS {
        return Err(InteropError::new(
            "CFItems",
            format!(
                "{} items: ksb reads packages of up to {MAX_ITEMS}",
                package.items.len()
            ),
        ));
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, item) in package.items.iter().enumerate() {
        if let Some(first) = index.insert(item.identifier.as_str(), i) {
            return Err(InteropError::new(
                format!("CFItems[{i}].identifier"),
                format!(
                    "'{}' is also the identifier of CFItems[{first}]: identifiers are unique",
                    crate::import::shown(&item.identifier)
                ),
            ));
        }
    }
    let mut parents: HashMap<&str, &str> = HashMap::new();
    for association in &package.associations {
        if association.association_type == "isChildOf"
            && index.contains_key(association.origin.identifier.as_str())
            && index.contains_key(association.destination.identifier.as_str())
        {
            parents
                .entry(association.origin.identifier.as_str())
                .or_insert(association.destination.identifier.as_str());
        }
    }
    let name = |item: &CfItem| -> String {
        item.abbreviated_statement
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| {
                item.full_statement
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
    };
    let nodes: Vec<tree::Node> = package
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| tree::Node {
            key: item.identifier.clone(),
            parent: parents.get(item.identifier.as_str()).map(|p| p.to_string()),
            name: name(item),
            place: format!("CFItems[{i}]"),
        })
        .collect();
    let document = &package.document;
    let placed = tree::flatten(&nodes, &document.title)?;
    let own = document.extensions.as_ref().and_then(|e| e.ksb.as_ref());
    let mut notes = Vec::new();
    let scoring_key = match own {
        Some(own) => own_key(own)?,
        None => rubric_key(&package, &mut notes)?,
    };
    let mut drafts = Vec::with_capacity(placed.len());
    for leaf in placed {
        let item = &package.items[leaf.index];
        let ext = item.extensions.as_ref().and_then(|e| e.ksb.clone());
        let category = item
            .item_type
            .as_deref()
            .and_then(super::category_named)
            .or(leaf.category);
        let description = item.full_statement.clone();
        drafts.push(Draft {
            place: format!("CFItems[{}]", leaf.index),
            id: item.human_coding_scheme.clone().unwrap_or_default(),
            title: name(item),
            description,
            category,
            stack_area: ext
                .as_ref()
                .map_or(leaf.stack_area, |e| e.stack_area.clone()),
            areas: ext.as_ref().map_or(vec![leaf.area], |e| e.areas.clone()),
            role_focus: ext.as_ref().map(|e| e.role_focus.clone()),
            since: ext.and_then(|e| e.since),
        });
    }
    let header = own.and_then(|own| {
        let h = &own.participant_header;
        (h.len() == 6).then(|| HeaderText {
            username: h[0].clone(),
            role_focus: h[1].clone(),
            mentoring_type: h[2].clone(),
            assessment_type: h[3].clone(),
            date: h[4].clone(),
            username_hint: h[5].clone(),
        })
    });
    let doc = DraftStandard {
        id: own.map_or(document.identifier.clone(), |own| own.id.clone()),
        title: document.title.clone(),
        version: document.version.clone(),
        role_focuses: own.map(|own| own.role_focuses.clone()),
        areas: own.map(|own| own.areas.clone()),
        scoring_key,
        mentoring_types: own.map(|own| own.mentoring_types.clone()),
        assessment_types: own.map(|own| own.assessment_types.clone()),
        participant_header: header,
    };
    let standard = super::assemble(doc, drafts, options, &mut notes)?;
    Ok(Imported { standard, notes })
}

/// The scoring key ksb wrote under the document's `extensions.ksb`.
fn own_key(own: &StandardExtension) -> Result<Vec<KeyEntry>, InteropError> {
    own.scoring_key
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let score = entry.score.parse::<Score>().map_err(|err| {
                InteropError::new(
                    format!("CFDocument.extensions.ksb.scoringKey[{i}].score"),
                    err.to_string(),
                )
            })?;
            Ok(KeyEntry {
                score,
                meaning: entry.meaning.clone(),
                short: entry.short.clone(),
            })
        })
        .collect()
}

/// The scale of the package's first rubric (its first criterion's levels, by position or
/// score), mapped onto 0–3; ksb's own key when the package has no rubric.
fn rubric_key(package: &CfPackage, notes: &mut Vec<String>) -> Result<Vec<KeyEntry>, InteropError> {
    let rubric = package.rubrics.first();
    let criterion = rubric.and_then(|r| r.criteria.first());
    let Some(criterion) = criterion.filter(|c| !c.levels.is_empty()) else {
        notes.push(
            "The package has no rubric levels: the scoring key is ksb's own 0–3.".to_string(),
        );
        return Ok(Standard::builtin().scoring_key);
    };
    let mut levels: Vec<&CfLevel> = criterion.levels.iter().collect();
    levels.sort_by(|a, b| {
        let key = |l: &CfLevel| (l.position, l.score.map(|s| (s * 1000.0) as i64));
        key(a).cmp(&key(b))
    });
    let names: Vec<String> = levels
        .iter()
        .map(|l| {
            l.quality
                .clone()
                .filter(|q| !q.trim().is_empty())
                .or_else(|| l.description.clone())
                .unwrap_or_default()
        })
        .collect();
    let title = rubric.and_then(|r| r.title.clone()).unwrap_or_default();
    let what = format!(
        "CASE rubric '{}' ({})",
        crate::import::shown(&title),
        crate::import::shown(&names.join(", "))
    );
    let mapped =
        scale::map(&names, &what).map_err(|message| InteropError::new("CFRubrics[0]", message))?;
    notes.push(mapped.note);
    Ok(mapped.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-01-02T03:04:05Z";

    #[test]
    fn the_builtin_standard_comes_back_the_same() {
        let standard = Standard::builtin();
        let text = write(&standard, AT);
        let back = read(&text, Options::default()).unwrap();
        assert_eq!(back.standard, standard);
        assert!(back.notes.is_empty(), "{:?}", back.notes);
    }

    #[test]
    fn identifiers_are_stable_and_name_the_ksb() {
        let standard = Standard::builtin();
        let a = package(&standard, AT);
        let b = package(&standard, "2030-01-01T00:00:00Z");
        let ids = |p: &CfPackage| -> Vec<String> {
            p.items.iter().map(|i| i.identifier.clone()).collect()
        };
        assert_eq!(ids(&a), ids(&b));
        let k1 = a
            .items
            .iter()
            .find(|i| i.human_coding_scheme.as_deref() == Some("K1"))
            .unwrap();
        assert_eq!(k1.identifier, ksb_item_id(&standard, "K1"));
        assert_eq!(k1.item_type.as_deref(), Some("Knowledge"));
        assert_eq!(k1.uri, format!("urn:uuid:{}", k1.identifier));
        let level = &a.rubrics[0].criteria[0].levels[2];
        assert_eq!(level.identifier, level_id(&standard, "K1", Score::Two));
        assert_eq!(
            level.description.as_deref(),
            Some("Confident performing independently")
        );
    }
}
