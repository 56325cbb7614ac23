//! A Moodle competency framework as the CSV of Moodle's `tool_lpimportcsv` (Site administration
//! › Competencies › Import competency framework), written and read.
//!
//! Written ([`write()`]): Moodle's header, then the framework row (the standard's id and title,
//! the 0–3 scale with 2 and 3 proficient, taxonomies `domain,competency`), a competency per
//! category present (`category-knowledge`, …) and a competency per KSB under its category, its
//! id as the id number. Descriptions are HTML (format 1); what Moodle has no column for (stack
//! area, areas, role focus, the scoring key's words, …) is the description's last paragraph,
//! `<p class="ksb">Key: value<br>…</p>`, which a person reads in Moodle and [`read`] reads
//! back. Every cell goes through [`CsvWriter`], so a cell that begins with `= + - @`, a tab or
//! a carriage return gets a `'` first.
//!
//! Read ([`read`]): by Moodle's own rules (`framework_importer.php`): the header names the
//! columns, `Is framework` marks the framework row, `Parent id number` builds the tree,
//! cross-references (`,`-separated, `%2C` for a comma inside one) are not kept, HTML
//! descriptions (formats 0 and 1) are turned into their text. The tree is flattened by
//! [`super::tree`], the scale mapped by [`super::scale`].

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{html, scale, tree, Draft, DraftStandard, Imported, InteropError, Options, MAX_ITEMS};
use crate::model::score::Score;
use crate::model::standard::{Category, HeaderText, KeyEntry, Standard};
use crate::render::csv::{CsvWriter, FORMULA_STARTS};

/// Moodle's header row, in its order (`framework_importer::list_required_headers`).
pub const HEADER: [&str; 14] = [
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
];

/// Moodle's `FORMAT_HTML`.
const FORMAT_HTML: &str = "1";

/// The scores that count as proficient in Moodle: 2 (confident performing independently) and
/// 3, the level at which a person needs no one's help.
pub const PROFICIENT: [Score; 2] = [Score::Two, Score::Three];

/// One entry of Moodle's scale configuration: the scale, then each item's flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum ScaleConfig {
    Scale {
        scaleid: String,
    },
    Item {
        id: u32,
        scaledefault: u8,
        proficient: u8,
    },
}

/// The id number of a category's competency: lower case with a `-`, never a KSB id (those are
/// upper case).
pub fn category_id(category: Category) -> String {
    format!("category-{}", category.key())
}

/// The standard as a Moodle framework CSV.
pub fn write(standard: &Standard) -> String {
    let mut writer = CsvWriter::new(Vec::new());
    let _ = writer.texts(HEADER);
    let levels: Vec<String> = Score::ALL[..4]
        .iter()
        .map(|score| {
            format!("{score} {}", standard.meaning_of(*score))
                .replace(',', ";")
                .trim()
                .to_string()
        })
        .collect();
    let mut config = vec![ScaleConfig::Scale {
        scaleid: "0".to_string(),
    }];
    for (i, score) in Score::ALL[..4].iter().enumerate() {
        config.push(ScaleConfig::Item {
            id: i as u32 + 1,
            scaledefault: u8::from(i == 0),
            proficient: u8::from(PROFICIENT.contains(score)),
        });
    }
    let config = serde_json::to_string(&config).unwrap_or_default();
    let description = format!(
        "<p>{}</p>{}",
        html::to_html("Scored with ksb: 0–3 per KSB, or N/A where it does not apply."),
        trailer(&framework_meta(standard))
    );
    let _ = writer.texts([
        "",
        &protect(&standard.id),
        &protect(&standard.title),
        &description,
        FORMAT_HTML,
        &levels.join(","),
        &config,
        "",
        "",
        "",
        "",
        "",
        "1",
        "domain,competency",
    ]);
    for category in Category::ALL {
        if standard.ksbs_in(category).next().is_some() {
            let _ = writer.texts(competency_row(
                "",
                &category_id(category),
                category.heading(),
                "",
            ));
        }
    }
    for ksb in &standard.ksbs {
        let mut meta = vec![("Stack area", ksb.stack_area.clone())];
        meta.extend(ksb.areas.iter().map(|a| ("Area", a.clone())));
        meta.push(("Role focus", ksb.role_focus.clone()));
        if let Some(since) = &ksb.since {
            meta.push(("Since", since.clone()));
        }
        let description = format!(
            "<p>{}</p>{}",
            html::to_html(&ksb.description),
            trailer(&meta)
        );
        let parent = category_id(ksb.category);
        let _ = writer.texts(competency_row(
            &parent,
            &protect(ksb.id.as_str()),
            &protect(&ksb.title),
            &description,
        ));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn competency_row<'a>(
    parent: &'a str,
    id: &'a str,
    name: &'a str,
    description: &'a str,
) -> [&'a str; 14] {
    [
        parent,
        id,
        name,
        description,
        FORMAT_HTML,
        "",
        "",
        "",
        "0",
        "null",
        "",
        "",
        "",
        "",
    ]
}

/// The standard's own fields, as the framework's description carries them.
fn framework_meta(standard: &Standard) -> Vec<(&'static str, String)> {
    let mut meta = vec![("Version", standard.version.clone())];
    meta.extend(
        standard
            .role_focuses
            .iter()
            .map(|r| ("Role focus", r.clone())),
    );
    meta.extend(standard.areas.iter().map(|a| ("Area", a.clone())));
    for entry in &standard.scoring_key {
        meta.push((score_key(entry.score), entry.meaning.clone()));
        if let Some(short) = &entry.short {
            meta.push((short_key(entry.score), short.clone()));
        }
    }
    meta.extend(
        standard
            .mentoring_types
            .iter()
            .map(|t| ("Mentoring type", t.clone())),
    );
    meta.extend(
        standard
            .assessment_types
            .iter()
            .map(|t| ("Assessment type", t.clone())),
    );
    let header = &standard.participant_header;
    for (key, text) in HEADER_KEYS.iter().zip(header_fields(header)) {
        meta.push((key, text.clone()));
    }
    meta
}

const HEADER_KEYS: [&str; 6] = [
    "Header username",
    "Header role focus",
    "Header mentoring type",
    "Header assessment type",
    "Header date",
    "Header username hint",
];

fn header_fields(header: &HeaderText) -> [&String; 6] {
    [
        &header.username,
        &header.role_focus,
        &header.mentoring_type,
        &header.assessment_type,
        &header.date,
        &header.username_hint,
    ]
}

fn score_key(score: Score) -> &'static str {
    match score {
        Score::Zero => "Score 0",
        Score::One => "Score 1",
        Score::Two => "Score 2",
        Score::Three => "Score 3",
        Score::NotApplicable => "Score N/A",
    }
}

fn short_key(score: Score) -> &'static str {
    match score {
        Score::Zero => "Short 0",
        Score::One => "Short 1",
        Score::Two => "Short 2",
        Score::Three => "Short 3",
        Score::NotApplicable => "Short N/A",
    }
}

/// The paragraph ksb reads back: `Key: value` lines.
fn trailer(meta: &[(&str, String)]) -> String {
    let lines: Vec<String> = meta
        .iter()
        .map(|(key, value)| format!("{key}: {}", html::to_html(value)))
        .collect();
    format!("<p class=\"ksb\">{}</p>", lines.join("<br>"))
}

const TRAILER_START: &str = "<p class=\"ksb\">";

/// A description split into its text and the `Key: value` lines of ksb's paragraph.
fn split_description(text: &str, format: &str) -> (String, Meta) {
    let is_html = matches!(format.trim(), "" | "0" | "1");
    if !is_html {
        return (text.replace("\r\n", "\n"), Meta::default());
    }
    let Some(at) = text.rfind(TRAILER_START) else {
        return (html::to_text(text), Meta::default());
    };
    let body = html::to_text(&text[..at]);
    let inner = text[at + TRAILER_START.len()..].trim_end();
    let inner = inner.strip_suffix("</p>").unwrap_or(inner);
    let mut meta = Meta::default();
    for line in inner.split("<br>") {
        let line = html::to_text(line);
        if let Some((key, value)) = line.split_once(": ") {
            meta.0
                .entry(key.to_string())
                .or_default()
                .push(value.to_string());
        } else if let Some(key) = line.strip_suffix(':') {
            meta.0
                .entry(key.to_string())
                .or_default()
                .push(String::new());
        }
    }
    (body, meta)
}

/// ksb's `Key: value` lines, each key with its values in order.
#[derive(Debug, Clone, Default)]
struct Meta(HashMap<String, Vec<String>>);

impl Meta {
    fn one(&self, key: &str) -> Option<String> {
        self.0.get(key).and_then(|v| v.first().cloned())
    }
    fn all(&self, key: &str) -> Option<Vec<String>> {
        self.0.get(key).cloned()
    }
}

/// Whether `text` is `'`s and then a formula character: what [`CsvWriter`] makes of a cell
/// that begins with one.
fn quoted_formula(text: &str) -> bool {
    text.starts_with('\'') && text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell as [`write()`] hands it to [`CsvWriter`]: one that already begins with `'`s and a
/// formula character gets one more `'`, so that [`cell`] can take exactly one off every cell
/// that has them.
fn protect(text: &str) -> Cow<'_, str> {
    if quoted_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as Moodle's file means it: the `'` that ksb's CSV writer put before a formula
/// character (or [`protect`] before `'`s and one) taken off again.
fn cell(text: &str) -> &str {
    if quoted_formula(text) {
        &text[1..]
    } else {
        text
    }
}

/// A competency row as read.
struct Row {
    line: u64,
    parent: String,
    id: String,
    name: String,
    description: String,
    meta: Meta,
    scale: String,
}

/// Reads a Moodle framework CSV.
pub fn read(text: &str, options: Options) -> Result<Imported, InteropError> {
    crate::import::check_size(text).map_err(|err| InteropError::new("", err.to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|err| InteropError::new("line 1", csv_message(&err)))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| cell(h).trim().eq_ignore_ascii_case(name))
    };
    let mut columns = [0usize; 14];
    for (i, name) in HEADER.iter().enumerate() {
        let optional = name.ends_with("(optional)") || i == 10 || i == 13 || i == 6;
        columns[i] = match column(name) {
            Some(c) => c,
            None if optional => usize::MAX,
            None => {
                return Err(InteropError::new(
                    "line 1",
                    format!(
                        "no column '{name}': the first line must be Moodle's header (\"{}\", …)",
                        HEADER[..3].join("\", \"")
                    ),
                ))
            }
        };
    }
    let mut framework: Option<(u64, String, String, Meta, String)> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(line, |p| p.line());
                return Err(InteropError::new(format!("line {line}"), csv_message(&err)));
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let get = |i: usize| {
            let at = columns[i];
            cell(record.get(at).unwrap_or("")).to_string()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ITEMS {
            return Err(InteropError::new(
                format!("line {line}"),
                format!(
                    "more than {MAX_ITEMS} competencies: ksb reads frameworks up to {MAX_ITEMS}"
                ),
            ));
        }
        let flag = get(12);
        let is_framework = !flag.trim().is_empty() && flag.trim() != "0";
        let (description, meta) = split_description(&get(3), &get(4));
        if is_framework {
            if let Some((first, ..)) = &framework {
                return Err(InteropError::new(
                    format!("line {line}, Is framework"),
                    format!("a second framework row (the first is line {first}): a file holds one framework"),
                ));
            }
            let (id, name) = (get(1), get(2));
            let id = if id.trim().is_empty() {
                name.clone()
            } else {
                id
            };
            framework = Some((line, id, name, meta, get(5)));
            continue;
        }
        let id = get(1).trim().to_string();
        if id.is_empty() {
            return Err(InteropError::new(
                format!("line {line}, Id number"),
                "the competency has no id number (Moodle would skip it and everything under it)",
            ));
        }
        if let Some(first) = ids.insert(id.clone(), line) {
            return Err(InteropError::new(
                format!("line {line}, Id number"),
                format!(
                    "'{}' is also the id number of line {first}: id numbers are unique in a framework",
                    crate::import::shown(&id)
                ),
            ));
        }
        rows.push(Row {
            line,
            parent: get(0).trim().to_string(),
            id,
            name: get(2),
            description,
            meta,
            scale: get(5),
        });
    }
    let Some((framework_line, framework_id, framework_name, framework_meta, scale_values)) =
        framework
    else {
        return Err(InteropError::new(
            "",
            "no framework row (one with 1 under 'Is framework'): is this a Moodle competency framework?",
        ));
    };
    let scale_name = format!("Moodle scale '{}'", crate::import::shown(&scale_values));
    let mut notes = Vec::new();
    for row in &rows {
        if !row.scale.trim().is_empty() && row.scale.trim() != scale_values.trim() {
            return Err(InteropError::new(
                format!("line {}, Scale values", row.line),
                format!(
                    "competency '{}' has its own scale '{}': ksb scores every KSB on the framework's one",
                    crate::import::shown(&row.id),
                    crate::import::shown(&row.scale)
                ),
            ));
        }
    }
    let scoring_key = match key_from_meta(&framework_meta) {
        Some(key) => key,
        None => {
            let levels: Vec<String> = scale_values
                .split(',')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            let mapped = scale::map(&levels, &scale_name).map_err(|message| {
                InteropError::new(format!("line {framework_line}, Scale values"), message)
            })?;
            notes.push(mapped.note);
            mapped.key
        }
    };
    let nodes: Vec<tree::Node> = rows
        .iter()
        .map(|row| tree::Node {
            key: row.id.clone(),
            parent: (!row.parent.is_empty()).then(|| row.parent.clone()),
            name: row.name.clone(),
            place: format!("line {}, Parent id number", row.line),
        })
        .collect();
    let placed = tree::flatten(&nodes, &framework_name)?;
    let mut drafts = Vec::with_capacity(placed.len());
    for leaf in placed {
        let row = &rows[leaf.index];
        drafts.push(Draft {
            place: format!("line {}", row.line),
            id: row.id.clone(),
            title: row.name.clone(),
            description: row.description.clone(),
            category: leaf.category,
            stack_area: row.meta.one("Stack area").unwrap_or(leaf.stack_area),
            areas: row.meta.all("Area").unwrap_or_else(|| vec![leaf.area]),
            role_focus: row.meta.one("Role focus"),
            since: row.meta.one("Since"),
        });
    }
    let header = HEADER_KEYS
        .iter()
        .map(|key| framework_meta.one(key))
        .collect::<Option<Vec<String>>>()
        .map(|f| HeaderText {
            username: f[0].clone(),
            role_focus: f[1].clone(),
            mentoring_type: f[2].clone(),
            assessment_type: f[3].clone(),
            date: f[4].clone(),
            username_hint: f[5].clone(),
        });
    let doc = DraftStandard {
        id: framework_id,
        title: framework_name,
        version: framework_meta.one("Version"),
        role_focuses: framework_meta.all("Role focus"),
        areas: framework_meta.all("Area"),
        scoring_key,
        mentoring_types: framework_meta.all("Mentoring type"),
        assessment_types: framework_meta.all("Assessment type"),
        participant_header: header,
    };
    let standard = super::assemble(doc, drafts, options, &mut notes)?;
    Ok(Imported { standard, notes })
}

/// The scoring key ksb wrote into the framework's description, when all five scores are there.
fn key_from_meta(meta: &Meta) -> Option<Vec<KeyEntry>> {
    Score::ALL
        .iter()
        .map(|&score| {
            Some(KeyEntry {
                score,
                meaning: meta.one(score_key(score))?,
                short: meta.one(short_key(score)),
            })
        })
        .collect()
}

/// A CSV error on one line, without the csv crate's own position (the place says it).
fn csv_message(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_string(),
        _ => {
            let text = err.to_string();
            let text = text.split(": ").last().unwrap_or(&text).to_string();
            crate::model::position::one_line(&text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_standard_comes_back_the_same() {
        let standard = Standard::builtin();
        let csv = write(&standard);
        assert!(csv.starts_with(
            "Parent id number,Id number,Shortname,Description,Description format,Scale values,\
             Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional),\
             Cross referenced competency id numbers,Exported id (optional),Is framework,Taxonomy\n"
        ));
        let back = read(&csv, Options::default()).unwrap();
        assert_eq!(back.standard, standard);
        assert!(back.notes.is_empty(), "{:?}", back.notes);
    }

    #[test]
    fn the_framework_row_carries_the_scale() {
        let csv = write(&Standard::builtin());
        let second = csv.lines().nth(1).unwrap();
        assert!(second.contains(",1,\"0 No understanding or experience,1 Basic familiarity or supervised participation,2 Confident performing independently,3 Can teach or lead others in this area\","), "{second}");
        assert!(second.contains("\"[{\"\"scaleid\"\":\"\"0\"\"},{\"\"id\"\":1,\"\"scaledefault\"\":1,\"\"proficient\"\":0},{\"\"id\"\":2,\"\"scaledefault\"\":0,\"\"proficient\"\":0},{\"\"id\"\":3,\"\"scaledefault\"\":0,\"\"proficient\"\":1},{\"\"id\"\":4,\"\"scaledefault\"\":0,\"\"proficient\"\":1}]\""), "{second}");
        assert!(second.ends_with(",,,,,1,\"domain,competency\""), "{second}");
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        let mut standard = Standard::builtin();
        standard.ksbs[0].title = "=HYPERLINK(\"http://evil\")".to_string();
        let csv = write(&standard);
        assert!(
            csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","),
            "{csv}"
        );
        assert_eq!(read(&csv, Options::default()).unwrap().standard, standard);
    }

    #[test]
    fn cells_that_already_begin_with_a_quote_come_back_as_typed() {
        let mut standard = Standard::builtin();
        for (i, title) in ["'=x", "''-y", "'plain", "=z", " =w"]
            .into_iter()
            .enumerate()
        {
            standard.ksbs[i].title = title.to_string();
        }
        let csv = write(&standard);
        assert!(csv.contains(",''=x,") && csv.contains(",'''-y,") && csv.contains(",'plain,"));
        assert_eq!(read(&csv, Options::default()).unwrap().standard, standard);
    }
}
