//! `ksb export SHEET --format openbadge`: a locked mentor review or final check as an unsigned
//! Open Badges 3.0 credential, checked against what 1EdTech's OB 3.0 AchievementCredential
//! JSON schema (`achievementcredential.json`, the Verifiable Credentials 2.0 version with
//! `validFrom`) requires, written out as checks (the schema is not vendored: see the README);
//! and the sheets and settings it refuses.

use crate::common::Workspace;
use serde_json::Value;

/// A locked mentor review of Alice, and the config file naming the issuer.
fn review(ws: &Workspace) {
    ws.ok(&[
        "score",
        "review.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "--mentoring-type",
        "Mentee",
        "--assessment-type",
        "Mentor review",
        "--date",
        "01/12/2026",
        "K1=2",
        "K2=n/a",
        "S1=3",
    ]);
    ws.ok(&["lock", "review.toml"]);
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "[badge]\nissuer_id = \"https://meta.miraheze.org/wiki/Tech:Mentoring\"\nissuer_name = \"Miraheze Technology Mentoring Programme\"\n",
    );
}

fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

/// Every way `credential` breaks the OB 3.0 AchievementCredential schema's requirements.
fn problems(credential: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut require = |at: &str, value: &Value, keys: &[&str]| {
        for key in keys {
            if value.get(key).is_none() {
                problems.push(format!("{at} requires {key}"));
            }
        }
    };
    require(
        "AchievementCredential",
        credential,
        &[
            "@context",
            "id",
            "type",
            "credentialSubject",
            "issuer",
            "validFrom",
        ],
    );
    let subject = &credential["credentialSubject"];
    require("AchievementSubject", subject, &["type", "achievement"]);
    let achievement = &subject["achievement"];
    require(
        "Achievement",
        achievement,
        &["id", "type", "criteria", "description", "name"],
    );
    require("Profile", &credential["issuer"], &["id", "type"]);
    for identity in subject["identifier"].as_array().into_iter().flatten() {
        require(
            "IdentityObject",
            identity,
            &["type", "hashed", "identityHash", "identityType"],
        );
    }
    for description in achievement["resultDescription"]
        .as_array()
        .into_iter()
        .flatten()
    {
        require(
            "ResultDescription",
            description,
            &["id", "type", "name", "resultType"],
        );
        for level in description["rubricCriterionLevel"]
            .as_array()
            .into_iter()
            .flatten()
        {
            require("RubricCriterionLevel", level, &["id", "type", "name"]);
        }
    }
    for alignment in achievement["alignment"].as_array().into_iter().flatten() {
        require("Alignment", alignment, &["type", "targetName", "targetUrl"]);
    }
    for result in subject["result"].as_array().into_iter().flatten() {
        require("Result", result, &["type"]);
    }
    let contexts = strings(&credential["@context"]);
    if contexts.first() != Some(&"https://www.w3.org/ns/credentials/v2")
        || !contexts
            .iter()
            .any(|c| c.starts_with("https://purl.imsglobal.org/spec/ob/v3p0/context-3"))
    {
        problems.push(format!("@context: {contexts:?}"));
    }
    let types = strings(&credential["type"]);
    if !types.contains(&"VerifiableCredential") || !types.contains(&"OpenBadgeCredential") {
        problems.push(format!("type: {types:?}"));
    }
    if !strings(&subject["type"]).contains(&"AchievementSubject") {
        problems.push("AchievementSubject type".to_string());
    }
    if subject.get("id").is_none() && subject.get("identifier").is_none() {
        problems.push("AchievementSubject needs id or identifier".to_string());
    }
    // AchievementSubject has additionalProperties: false.
    for key in subject.as_object().into_iter().flat_map(|o| o.keys()) {
        let known = [
            "id",
            "type",
            "activityEndDate",
            "activityStartDate",
            "creditsEarned",
            "achievement",
            "identifier",
            "image",
            "licenseNumber",
            "narrative",
            "result",
            "role",
            "source",
            "term",
        ];
        if !known.contains(&key.as_str()) {
            problems.push(format!("AchievementSubject has no property {key}"));
        }
    }
    if chrono::DateTime::parse_from_rfc3339(credential["validFrom"].as_str().unwrap_or("")).is_err()
    {
        problems.push("validFrom is no date-time".to_string());
    }
    for description in achievement["resultDescription"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let kind = description["resultType"].as_str().unwrap_or("");
        if kind != "RubricCriterionLevel" {
            problems.push(format!("resultType {kind}"));
        }
    }
    for alignment in achievement["alignment"].as_array().into_iter().flatten() {
        let kind = alignment["targetType"].as_str().unwrap_or("");
        if ![
            "CFItem",
            "CFRubricCriterionLevel",
            "CFRubric",
            "CFRubricCriterion",
        ]
        .contains(&kind)
        {
            problems.push(format!("targetType {kind}"));
        }
    }
    if credential.get("proof").is_some() {
        problems.push("ksb signs nothing: no proof".to_string());
    }
    problems
}

#[test]
fn a_locked_mentor_review_is_an_open_badge_that_meets_the_schema() {
    let ws = Workspace::new();
    review(&ws);
    let text = ws.ok(&["export", "review.toml", "--format", "openbadge"]);
    let credential: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(problems(&credential), Vec::<String>::new());
    let mut broken = credential.clone();
    broken.as_object_mut().unwrap().remove("validFrom");
    broken["credentialSubject"]["colour"] = "red".into();
    assert_eq!(problems(&broken).len(), 3);

    assert_eq!(credential["validFrom"], "2026-12-01T00:00:00Z");
    assert_eq!(
        credential["issuer"]["id"],
        "https://meta.miraheze.org/wiki/Tech:Mentoring"
    );
    let subject = &credential["credentialSubject"];
    assert_eq!(subject["identifier"][0]["identityHash"], "Alice");
    let achievement = &subject["achievement"];
    assert_eq!(
        achievement["name"],
        "Miraheze Technology Mentoring Programme: Mentor review"
    );
    assert_eq!(achievement["alignment"].as_array().unwrap().len(), 28);

    // Each result points at a level of its KSB's rubric, and each KSB is the CASE package's
    // item with the same identifier.
    let results = subject["result"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let descriptions = achievement["resultDescription"].as_array().unwrap();
    let case: Value = serde_json::from_str(&ws.ok(&["standard", "--format", "case"])).unwrap();
    let case_levels: Vec<String> = case["CFRubrics"][0]["CFRubricCriteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["CFRubricCriterionLevels"].as_array().unwrap().clone())
        .map(|l| format!("urn:uuid:{}", l["identifier"].as_str().unwrap()))
        .collect();
    let k1 = &results[0];
    let described = descriptions
        .iter()
        .find(|d| d["id"] == k1["resultDescription"])
        .unwrap();
    assert_eq!(described["name"], "K1 Open Source Ecosystem Awareness");
    let level = described["rubricCriterionLevel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == k1["achievedLevel"])
        .unwrap();
    assert_eq!(level["level"], "2");
    assert_eq!(level["name"], "Confident performing independently");
    assert!(case_levels.contains(&k1["achievedLevel"].as_str().unwrap().to_string()));
    assert_eq!(results[1]["value"], "N/A");
    assert!(results[1].get("achievedLevel").is_none());
    let k1_item = case["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["humanCodingScheme"] == "K1")
        .unwrap();
    assert_eq!(
        achievement["alignment"][0]["targetUrl"],
        format!("urn:uuid:{}", k1_item["identifier"].as_str().unwrap())
    );

    // The same sheet gives the same credential; -o writes it atomically like every export.
    ws.ok(&[
        "export",
        "review.toml",
        "--format",
        "openbadge",
        "-o",
        "badge.json",
    ]);
    assert_eq!(ws.read("badge.json"), text);
}

#[test]
fn only_a_locked_review_with_an_issuer_becomes_a_badge() {
    let ws = Workspace::new();
    review(&ws);
    ws.ok(&["lock", "--undo", "review.toml"]);
    let err = ws.fails(1, &["export", "review.toml", "--format", "openbadge"]);
    assert_eq!(
        err,
        "ksb: error: exporting 'review.toml' as an Open Badge: the sheet is not locked: lock it first (`ksb lock SHEET`), so that what the badge says cannot change after it is issued\n"
    );
    ws.ok(&[
        "score",
        "self.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "--mentoring-type",
        "Mentee",
        "--assessment-type",
        "Self-assessment",
        "--date",
        "01/12/2026",
        "K1=2",
    ]);
    ws.ok(&["lock", "self.toml"]);
    let err = ws.fails(1, &["export", "self.toml", "--format", "openbadge"]);
    assert!(err.contains("a badge is only for a Mentor review or a Final check, and this sheet is a Self-assessment"), "{err}");

    ws.ok(&["lock", "review.toml"]);
    std::fs::remove_file(ws.file(".config/ksb/config.toml")).unwrap();
    let err = ws.fails(1, &["export", "review.toml", "--format", "openbadge"]);
    assert_eq!(
        err,
        "ksb: error: an Open Badge needs its issuer: set issuer_id under [badge] in the config file, or KSB_BADGE_ISSUER_ID\n"
    );
    let out = ws
        .ksb(&["export", "review.toml", "--format", "openbadge"])
        .env("KSB_BADGE_ISSUER_ID", "not a url")
        .env("KSB_BADGE_ISSUER_NAME", "X")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("the badge issuer's id 'not a url' is not a URL"));
    let err = ws.fails(
        1,
        &[
            "export",
            "review.toml",
            "self.toml",
            "--format",
            "openbadge",
        ],
    );
    assert!(err.contains("an Open Badge is of one sheet"), "{err}");
}

#[test]
fn ksb_config_lists_the_badge_issuer() {
    let ws = Workspace::new();
    review(&ws);
    let out = ws
        .ksb(&["config"])
        .env("KSB_BADGE_ISSUER_NAME", "From the environment")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("badge.issuer_id     https://meta.miraheze.org/wiki/Tech:Mentoring"),
        "{text}"
    );
    assert!(
        text.contains("badge.issuer_name   From the environment"),
        "{text}"
    );
    assert!(
        text.contains("(environment variable KSB_BADGE_ISSUER_NAME)"),
        "{text}"
    );
    assert!(
        text.contains("KSB_BADGE_ISSUER_ID, KSB_BADGE_ISSUER_NAME"),
        "{text}"
    );
}
