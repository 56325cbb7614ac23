//! A programme's cohort generated from a fixed seed for the cohort command tests: people with
//! self-assessments, mentor reviews and final checks, several reviewers (spelled several
//! ways), same-date ties, usernames typed differently on different sheets (`alice_smith` and
//! `Alice smith`), role focuses that change, unfinished and locked sheets. The model here is
//! what the tests compute their expected figures from, independently of `ksb`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Workspace;

/// The assessment types, in the programme's order.
pub const KINDS: [&str; 3] = ["Self-assessment", "Mentor review", "Final check"];

/// The role focuses of the built-in standard, in its order.
pub const ROLE_FOCUSES: [&str; 3] = [
    "Generalist",
    "MediaWiki Specialist",
    "Infrastructure Specialist",
];

/// Reviewers as sheets spell them: the first two are one account.
const REVIEWERS: [Option<&str>; 5] = [
    Some("Mentor_A"),
    Some("mentor A"),
    Some("Mentor B"),
    Some("mentor_c"),
    None,
];

/// Xorshift64*: the same cohort on every machine and run.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// A score as the test wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Unscored,
    NotApplicable,
    Points(i64),
}

impl Written {
    /// As CSV exports write it.
    pub fn text(self) -> String {
        match self {
            Written::Unscored => String::new(),
            Written::NotApplicable => "N/A".into(),
            Written::Points(p) => p.to_string(),
        }
    }
}

/// One KSB of the standard, as `ksb standard --format json` lists it.
#[derive(Debug, Clone)]
pub struct Ksb {
    pub id: String,
    pub title: String,
    pub category: String,
    pub category_key: String,
    pub stack_area: String,
    pub areas: Vec<String>,
    pub role_focus: String,
}

/// The KSBs of the built-in standard.
pub fn standard_ksbs(ws: &Workspace) -> Vec<Ksb> {
    let json: Value = serde_json::from_str(&ws.ok(&["standard", "--format", "json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|ksb| {
            let key = ksb["category"].as_str().unwrap();
            let category = match key {
                "knowledge" => "Knowledge",
                "skill" => "Skills",
                "behaviour" => "Behaviours",
                other => panic!("unknown category {other}"),
            };
            Ksb {
                id: ksb["id"].as_str().unwrap().to_string(),
                title: ksb["title"].as_str().unwrap().to_string(),
                category: category.to_string(),
                category_key: key.to_string(),
                stack_area: ksb["stack_area"].as_str().unwrap().to_string(),
                areas: ksb["areas"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect(),
                role_focus: ksb["role_focus"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

/// A username as MediaWiki compares it, written here apart from ksb: underscores are spaces,
/// runs of spaces one, no spaces around, the first letter upper case.
pub fn canonical(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One generated sheet.
#[derive(Debug, Clone)]
pub struct SheetSpec {
    /// The file name inside `cohort/`.
    pub name: String,
    /// Its place in the listing of `cohort/` (name order).
    pub index: usize,
    pub username: String,
    pub role_focus: &'static str,
    /// 0 self-assessment, 1 mentor review, 2 final check.
    pub kind: usize,
    /// Day of November 2026.
    pub day: u32,
    pub reviewer: Option<&'static str>,
    pub locked: bool,
    pub scores: Vec<Written>,
    pub notes: Vec<Option<String>>,
}

impl SheetSpec {
    /// The canonical username.
    pub fn key(&self) -> String {
        canonical(&self.username)
    }

    /// The date as ksb writes it.
    pub fn date(&self) -> String {
        format!("{:02}/11/2026", self.day)
    }

    /// How ksb orders one participant's sheets: date, then stage, then listing.
    pub fn recency(&self) -> (u32, usize, usize) {
        (self.day, self.kind, self.index)
    }

    /// KSBs scored 0–3 or N/A.
    pub fn scored(&self) -> usize {
        self.scores
            .iter()
            .filter(|s| **s != Written::Unscored)
            .count()
    }

    /// The path as ksb lists it when given `cohort`.
    pub fn path(&self) -> String {
        format!("cohort/{}", self.name)
    }

    fn toml(&self, ksbs: &[Ksb]) -> String {
        let q = |text: &str| toml::Value::String(text.to_string()).to_string();
        let mut text = format!(
            "format = 1\nstandard = \"miraheze-tech-mentoring\"\nstandard_version = \"1.0\"\n{}\n\
             [participant]\nusername = {}\nrole_focus = \"{}\"\nmentoring_type = \"Mentee\"\n\
             assessment_type = \"{}\"\ndate = 2026-11-{:02}\n",
            if self.locked { "locked = true\n" } else { "" },
            q(&self.username),
            self.role_focus,
            KINDS[self.kind],
            self.day
        );
        if let Some(reviewer) = self.reviewer {
            text.push_str(&format!("reviewer = {}\n", q(reviewer)));
        }
        text.push_str("\n[scores]\n");
        for (ksb, score) in ksbs.iter().zip(&self.scores) {
            match score {
                Written::Unscored => {}
                Written::NotApplicable => text.push_str(&format!("{} = \"n/a\"\n", ksb.id)),
                Written::Points(p) => text.push_str(&format!("{} = {p}\n", ksb.id)),
            }
        }
        text.push_str("\n[notes]\n");
        for (ksb, note) in ksbs.iter().zip(&self.notes) {
            if let Some(note) = note {
                text.push_str(&format!("{} = {}\n", ksb.id, q(note)));
            }
        }
        text
    }
}

/// The generated cohort: its sheets in listing order, and the standard's KSBs.
pub struct Cohort {
    pub ksbs: Vec<Ksb>,
    pub sheets: Vec<SheetSpec>,
}

/// How many people the cohort has.
pub const PEOPLE: usize = 60;

/// The username written on each sheet of person `p`: a few are spelled differently on
/// different sheets, one is `alice_smith` / `Alice smith`, and `hostile` (when given) is one
/// person's name.
fn spelling(p: usize, sheet: usize, hostile: Option<&str>) -> String {
    match (p, hostile) {
        (0, _) => ["alice_smith", "Alice smith", "  Alice_smith "][sheet % 3].to_string(),
        (1, Some(name)) => name.to_string(),
        _ if p.is_multiple_of(5) => {
            [format!("user_{p:02}"), format!("User {p:02}")][sheet % 2].clone()
        }
        _ => format!("User{p:02}"),
    }
}

/// Writes the cohort into `cohort/` of `ws` and returns its model.
pub fn write_cohort(ws: &Workspace, hostile: Option<&str>) -> Cohort {
    let ksbs = standard_ksbs(ws);
    let mut rng = Rng(0x00C0_FFEE_5EED_0013);
    let mut sheets: Vec<SheetSpec> = Vec::new();
    for p in 0..PEOPLE {
        let focus = ROLE_FOCUSES[rng.below(3) as usize];
        // Everyone but every eleventh person has a self-assessment; a review for most,
        // sometimes dated before the self-assessment; a final check for some, sometimes on
        // the review's day.
        let self_day = 1 + rng.below(20) as u32;
        let mut kinds: Vec<(usize, u32)> = Vec::new();
        if p % 11 != 4 {
            kinds.push((0, self_day));
        }
        if p == 2 {
            // Two self-assessments on one day: the one listed later counts.
            kinds.push((0, self_day));
        }
        if rng.below(10) < 7 || p % 11 == 4 {
            let offset = rng.below(8) as i64 - 2;
            let day = (i64::from(self_day) + offset).clamp(1, 28) as u32;
            kinds.push((1, day));
            if rng.below(10) < 4 {
                let day = (day + rng.below(3) as u32).min(28);
                kinds.push((2, day));
            }
        }
        for (n, (kind, day)) in kinds.into_iter().enumerate() {
            let role_focus = if p % 7 == 3 && kind > 0 {
                ROLE_FOCUSES[(ROLE_FOCUSES.iter().position(|f| *f == focus).unwrap() + 1) % 3]
            } else {
                focus
            };
            let unfinished = rng.below(6) == 0;
            let scores = ksbs
                .iter()
                .map(|_| {
                    if unfinished && rng.below(4) == 0 {
                        return Written::Unscored;
                    }
                    match rng.below(10) {
                        0 => Written::NotApplicable,
                        _ => Written::Points(rng.below(4) as i64),
                    }
                })
                .collect();
            let notes = ksbs
                .iter()
                .map(|_| (rng.below(9) == 0).then(|| format!("note {p}, \"quoted\"\nline two")))
                .collect();
            sheets.push(SheetSpec {
                // Later sheets are listed first, so a tie on one day is decided by the
                // assessment type, not by the listing.
                name: format!(
                    "p{p:03}-{}-{}.toml",
                    ["d", "c", "b", "a"][n],
                    ["self", "mentor", "final"][kind]
                ),
                index: 0,
                username: spelling(p, n, hostile),
                role_focus,
                kind,
                day,
                reviewer: (kind > 0)
                    .then(|| REVIEWERS[rng.below(REVIEWERS.len() as u64) as usize])
                    .flatten(),
                locked: kind == 2 && rng.below(2) == 0,
                scores,
                notes,
            });
        }
    }
    sheets.sort_by(|a, b| a.name.cmp(&b.name));
    std::fs::create_dir_all(ws.file("cohort")).unwrap();
    for (index, sheet) in sheets.iter_mut().enumerate() {
        sheet.index = index;
        ws.write(&sheet.path(), &sheet.toml(&ksbs));
    }
    Cohort { ksbs, sheets }
}

impl Cohort {
    /// Each participant's sheets, by canonical username, oldest first.
    pub fn people(&self) -> BTreeMap<String, Vec<&SheetSpec>> {
        let mut people: BTreeMap<String, Vec<&SheetSpec>> = BTreeMap::new();
        for sheet in &self.sheets {
            people.entry(sheet.key()).or_default().push(sheet);
        }
        for sheets in people.values_mut() {
            sheets.sort_by_key(|s| s.recency());
        }
        people
    }

    /// Each participant's latest sheet among those `keep` admits.
    pub fn latest(&self, keep: impl Fn(&SheetSpec) -> bool) -> BTreeMap<String, &SheetSpec> {
        let mut latest: BTreeMap<String, &SheetSpec> = BTreeMap::new();
        for sheet in self.sheets.iter().filter(|s| keep(s)) {
            let entry = latest.entry(sheet.key()).or_insert(sheet);
            if sheet.recency() > entry.recency() {
                *entry = sheet;
            }
        }
        latest
    }
}

/// Numeric scores added up, and entries counted.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Count {
    pub sum: i64,
    pub scored: usize,
    pub na: usize,
    pub unscored: usize,
}

impl Count {
    pub fn add(&mut self, score: Written) {
        match score {
            Written::Unscored => self.unscored += 1,
            Written::NotApplicable => self.na += 1,
            Written::Points(points) => {
                self.sum += points;
                self.scored += 1;
            }
        }
    }

    pub fn mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.sum as f64 / self.scored as f64)
    }
}

/// Checks a JSON mean against the test's own, to within rounding.
pub fn assert_mean(actual: &Value, expected: Option<f64>, what: &str) {
    match expected {
        None => assert!(actual.is_null(), "{what}: expected no mean, got {actual}"),
        Some(expected) => {
            let actual = actual
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: {actual}"));
            assert!(
                (actual - expected).abs() < 1e-12,
                "{what}: {actual} != {expected}"
            );
        }
    }
}

/// A mean as tables show it.
pub fn two_places(mean: Option<f64>) -> String {
    mean.map(|m| format!("{m:.2}")).unwrap_or_default()
}
