//! Properties of the sheet and standard models over generated data (proptest): what `ksb score`
//! writes loads back equal, summaries add up, standards written as YAML read back as written,
//! and a change of standard version never loses a score.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ksb::model::standard::KeyEntry;
use ksb::{Category, Grouping, Ksb, KsbId, Participant, Score, Sheet, Standard, Summary};
use proptest::prelude::*;

/// 128 cases keep `cargo test` fast; `PROPTEST_CASES=5000` searches longer.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(128);
    ProptestConfig {
        cases,
        // Failures found are kept as named regression tests beside the code instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Any character, with the ones that break quoting and escaping much more likely.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        1 => prop::sample::select(vec![
            '"', '\'', '\\', '\n', '\r', '\t', '\0', '\u{7f}', '\u{85}', '\u{feff}', '\u{2028}',
            '\u{202e}', '\u{301}', '#', '=', '[', ']', '{', '}', ':', '-', '&', '*', '!', '|',
            '>', '%', '@', '`', ' ',
        ]),
    ]
}

/// Any text: quotes, backslashes, newlines, control characters, and sometimes very long.
fn any_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(nasty_char(), 0..48),
        prop_oneof![7 => Just(1usize), 1 => 100usize..400],
    )
        .prop_map(|(chars, repeat)| chars.into_iter().collect::<String>().repeat(repeat))
}

/// Text on one line without control characters, non-blank, as a person types a name.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>().prop_map(|c| if c.is_control() { '?' } else { c }),
            1 => prop::sample::select(vec!['"', '\'', '\\', ' ', ':', '#', '-', '&', '*']),
        ],
        1..24,
    )
    .prop_map(|chars| {
        let name: String = chars.into_iter().collect();
        if name.trim().is_empty() {
            format!("{name}x")
        } else {
            name
        }
    })
}

/// Names distinct ignoring case and surrounding spaces, as a standard's lists must be.
/// A name MediaWiki allows as a username, in its one spelling (characters it never allows in
/// one left out of [`name`]).
fn wiki_name() -> impl Strategy<Value = String> {
    name().prop_filter_map("a name MediaWiki allows", |name| {
        let kept: String = name
            .chars()
            .filter(|&c| c == ' ' || ksb::model::username::check(&format!("a{c}")).is_ok())
            .collect();
        ksb::model::sheet::valid_username(&kept).ok()
    })
}

fn names(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(name(), range).prop_map(|names| {
        let mut seen = std::collections::HashSet::new();
        names
            .into_iter()
            .filter(|n| seen.insert(n.trim().to_lowercase()))
            .collect()
    })
}

fn version() -> impl Strategy<Value = String> {
    prop::collection::vec(0u32..20, 1..4).prop_map(|parts| {
        parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".")
    })
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn score() -> impl Strategy<Value = Option<Score>> {
    prop::option::of(prop::sample::select(Score::ALL.to_vec()))
}

/// The data of a valid standard, generated field by field: what the YAML says and, once read,
/// what the `Standard` must hold.
fn standard() -> impl Strategy<Value = Standard> {
    (
        (name(), name(), version()),
        names(1..5),
        names(1..5),
        names(1..4),
        names(1..4),
        prop::collection::vec(name(), 5),
        prop::collection::btree_set("[A-Za-z][A-Za-z0-9_.-]{0,8}", 1..24),
    )
        .prop_flat_map(
            |((id, title, version), roles, areas, mentoring, assessment, meanings, ids)| {
                let mut seen = std::collections::HashSet::new();
                let ids: Vec<KsbId> = ids
                    .iter()
                    .map(|s| s.parse::<KsbId>().unwrap())
                    .filter(|id| seen.insert(id.clone()))
                    .collect();
                let ksbs = ids
                    .into_iter()
                    .map(|id| ksb(id, roles.clone(), areas.clone(), version.clone()))
                    .collect::<Vec<_>>();
                (
                    ksbs,
                    Just((
                        id, title, version, roles, areas, mentoring, assessment, meanings,
                    )),
                )
            },
        )
        .prop_map(
            |(ksbs, (id, title, version, roles, areas, mentoring, assessment, meanings))| {
                Standard {
                    id,
                    title,
                    version,
                    role_focuses: roles,
                    areas,
                    scoring_key: Score::ALL
                        .iter()
                        .zip(meanings)
                        .map(|(score, meaning)| KeyEntry {
                            score: *score,
                            meaning,
                            short: None,
                        })
                        .collect(),
                    mentoring_types: mentoring,
                    assessment_types: assessment,
                    participant_header: Default::default(),
                    ksbs,
                }
            },
        )
}

fn ksb(
    id: KsbId,
    roles: Vec<String>,
    areas: Vec<String>,
    version: String,
) -> impl Strategy<Value = Ksb> {
    let area_count = areas.len();
    (
        prop::sample::select(Category::ALL.to_vec()),
        name(),
        any_text().prop_map(|t| {
            t.chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect::<String>()
        }),
        name(),
        prop::sample::subsequence(areas, 1..=area_count),
        prop::sample::select(roles),
        any::<bool>(),
    )
        .prop_map(
            move |(category, title, description, stack_area, areas, role_focus, since)| Ksb {
                id: id.clone(),
                category,
                title,
                description,
                stack_area,
                areas,
                role_focus,
                since: since.then(|| version.clone()),
            },
        )
}

/// `text` double-quoted for YAML: JSON's escapes, plus `\\u` escapes for the characters YAML
/// does not allow unescaped anywhere (U+FFFE, U+FFFF, C1 controls but U+0085).
fn yaml_quote(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap()
        .chars()
        .map(|c| match u32::from(c) {
            0xFFFE | 0xFFFF | 0x80..=0x84 | 0x86..=0x9F => format!("\\u{:04X}", u32::from(c)),
            _ => c.to_string(),
        })
        .collect()
}

/// A standard as a person would write it in YAML, every text double-quoted.
fn to_yaml(standard: &Standard) -> String {
    let q = yaml_quote;
    let list = |items: &[String]| items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let mut out = format!(
        "id: {}\ntitle: {}\nversion: {}\nrole_focuses: [{}]\nareas: [{}]\nmentoring_types: [{}]\nassessment_types: [{}]\nscoring_key:\n",
        q(&standard.id),
        q(&standard.title),
        q(&standard.version),
        list(&standard.role_focuses),
        list(&standard.areas),
        list(&standard.mentoring_types),
        list(&standard.assessment_types),
    );
    for entry in &standard.scoring_key {
        let score = match entry.score.points() {
            Some(points) => points.to_string(),
            None => "n/a".to_string(),
        };
        out.push_str(&format!(
            "  - score: {score}\n    meaning: {}\n",
            q(&entry.meaning)
        ));
    }
    out.push_str("ksbs:\n");
    for ksb in &standard.ksbs {
        out.push_str(&format!(
            "  - id: {}\n    category: {}\n    title: {}\n    description: {}\n    stack_area: {}\n    areas: [{}]\n    role_focus: {}\n",
            q(ksb.id.as_str()),
            ksb.category.key(),
            q(&ksb.title),
            q(&ksb.description),
            q(&ksb.stack_area),
            list(&ksb.areas),
            q(&ksb.role_focus),
        ));
        if let Some(since) = &ksb.since {
            out.push_str(&format!("    since: {}\n", q(since)));
        }
    }
    out
}

/// A sheet of `standard` as `ksb score`, `ksb review` and `ksb lock` build one: a checked header,
/// any scores, any notes, locked or not, reviewing any path or none, with any reviewer or none.
fn sheet_of(standard: &Standard) -> impl Strategy<Value = Sheet> {
    let n = standard.ksbs.len();
    let standard = standard.clone();
    (
        wiki_name(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        date(),
        prop::collection::vec(score(), n),
        prop::collection::vec(prop::option::of(any_text()), n),
        any::<bool>(),
        prop::option::of(any_text().prop_map(|t| t.replace(char::is_control, ""))),
        prop::option::of(wiki_name()),
    )
        .prop_map(
            move |(
                username,
                role,
                mentoring,
                assessment,
                date,
                scores,
                notes,
                locked,
                reviews,
                reviewer,
            )| {
                let participant = Participant {
                    username,
                    role_focus: role.get(&standard.role_focuses).clone(),
                    mentoring_type: mentoring.get(&standard.mentoring_types).clone(),
                    assessment_type: assessment.get(&standard.assessment_types).clone(),
                    date,
                    reviewer,
                };
                let mut sheet = Sheet::new(&standard, participant);
                sheet.locked = locked;
                sheet.reviews = reviews;
                for ((ksb, score), note) in standard.ksbs.iter().zip(scores).zip(notes) {
                    sheet.set_score(ksb.id.clone(), score);
                    if let Some(note) = note {
                        sheet.set_note(ksb.id.clone(), &note);
                    }
                }
                sheet
            },
        )
}

fn standard_and_sheet() -> impl Strategy<Value = (Standard, Sheet)> {
    standard().prop_flat_map(|standard| {
        let sheet = sheet_of(&standard);
        (Just(standard), sheet)
    })
}

fn builtin_and_sheet() -> impl Strategy<Value = (Standard, Sheet)> {
    let standard = Standard::builtin();
    (Just(standard.clone()), sheet_of(&standard))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn what_ksb_score_writes_loads_back_equal((standard, sheet) in builtin_and_sheet()) {
        let text = sheet.to_toml(&standard);
        let (loaded, warnings) = Sheet::from_toml_with_warnings(&text, &standard)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
        prop_assert_eq!(loaded, sheet);
        prop_assert!(warnings.is_empty());
    }

    #[test]
    fn sheets_of_any_standard_load_back_equal((standard, sheet) in standard_and_sheet()) {
        let text = sheet.to_toml(&standard);
        let loaded = Sheet::from_toml(&text, &standard)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
        prop_assert_eq!(loaded, sheet);
    }

    #[test]
    fn a_standard_goes_to_moodle_and_case_and_comes_back_the_same(standard in standard()) {
        use ksb::interop::{case, moodle, Options};
        let csv = moodle::write(&standard);
        let back = moodle::read(&csv, Options::default())
            .map_err(|err| TestCaseError::fail(format!("{err}\n{csv}")))?;
        prop_assert_eq!(&back.standard, &standard);
        prop_assert!(back.notes.is_empty(), "{:?}", back.notes);
        let json = case::write(&standard, "2026-01-02T03:04:05Z");
        let back = case::read(&json, Options::default())
            .map_err(|err| TestCaseError::fail(format!("{err}\n{json}")))?;
        prop_assert_eq!(&back.standard, &standard);
        prop_assert!(back.notes.is_empty(), "{:?}", back.notes);
    }

    #[test]
    fn a_standard_written_as_yaml_reads_back_as_written(standard in standard()) {
        let yaml = to_yaml(&standard);
        let read = Standard::from_yaml(&yaml)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{yaml}")))?;
        prop_assert_eq!(read, standard);
    }

    #[test]
    fn summaries_add_up_and_means_stay_on_the_scale((standard, sheet) in standard_and_sheet()) {
        let summary = Summary::of_sheet(&standard, &sheet);
        let n = standard.ksbs.len();
        prop_assert_eq!(summary.overall.ksbs, n);
        for grouping in [Grouping::RoleFocus, Grouping::Category] {
            let total: usize = summary.groups(grouping).iter().map(|g| g.tally.ksbs).sum();
            prop_assert_eq!(total, n, "{:?} partitions the KSBs", grouping);
        }
        for group in summary.groups(Grouping::Area) {
            let members = standard.ksbs.iter().filter(|k| k.areas.contains(&group.name)).count();
            prop_assert_eq!(group.tally.ksbs, members, "area {}", group.name);
        }
        let tallies = Grouping::ALL
            .iter()
            .flat_map(|g| summary.groups(*g).iter().map(|group| group.tally))
            .chain([summary.overall]);
        for tally in tallies {
            prop_assert_eq!(tally.ksbs, tally.scored + tally.na + tally.unscored);
            prop_assert_eq!(tally.counts.iter().sum::<usize>(), tally.scored);
            if let Some(mean) = tally.mean() {
                prop_assert!((0.0..=3.0).contains(&mean), "mean {}", mean);
            } else {
                prop_assert_eq!(tally.scored, 0);
            }
        }
        let scored = standard.ksbs.iter().filter(|k| sheet.score(&k.id).is_some()).count();
        prop_assert_eq!(summary.overall.unscored, n - scored);
    }

    #[test]
    fn a_new_standard_version_never_loses_a_score(
        (old, sheet, keep) in standard_and_sheet().prop_flat_map(|(standard, sheet)| {
            let n = standard.ksbs.len();
            (Just(standard), Just(sheet), prop::collection::vec(any::<bool>(), n))
        })
    ) {
        let mut new = old.clone();
        new.version = format!("{}.1", old.version);
        let mut kept = keep.iter();
        new.ksbs.retain(|_| *kept.next().unwrap());
        prop_assume!(!new.ksbs.is_empty());
        let scores_of = |sheet: &Sheet, standard: &Standard| -> BTreeMap<KsbId, Score> {
            let mut all: BTreeMap<KsbId, Score> = sheet.retired_scores().clone();
            all.extend(standard.ksbs.iter().filter_map(|k| Some((k.id.clone(), sheet.score(&k.id)?))));
            all
        };
        let before = scores_of(&sheet, &old);

        let (moved, warnings) = Sheet::from_toml_with_warnings(&sheet.to_toml(&old), &new).unwrap();
        prop_assert_eq!(&scores_of(&moved, &new), &before);
        let removed = old.ksbs.len() - new.ksbs.len();
        let retired_any = !moved.retired_scores().is_empty() || !moved.retired_notes().is_empty();
        prop_assert_eq!(retired_any, !warnings.is_empty() && removed > 0);

        let saved = moved.to_toml(&new);
        let again = Sheet::from_toml(&saved, &new).unwrap();
        prop_assert_eq!(&again, &moved);

        let back = Sheet::from_toml(&saved, &old).unwrap();
        prop_assert_eq!(scores_of(&back, &old), before);
        prop_assert!(back.retired_scores().is_empty());
    }
}
