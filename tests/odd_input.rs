//! Huge and odd input through the real binary: files over the size limit, a standard with
//! 10,000 KSBs, very long titles and notes, and right-to-left, emoji, combining and wide text.

use std::time::Duration;

use crate::common::Workspace;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A valid standard with `n` KSBs whose titles, areas and role focuses come from the arguments.
fn standard_yaml(
    n: usize,
    title: impl Fn(usize) -> String,
    areas: &[&str],
    roles: &[&str],
) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap();
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|s| quote(s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!(
        "id: odd\ntitle: \"Odd programme\"\nversion: \"1.0\"\nrole_focuses: [{}]\nareas: [{}]\n\
         scoring_key:\n  - {{score: 0, meaning: \"None\"}}\n  - {{score: 1, meaning: \"Some\"}}\n  \
         - {{score: 2, meaning: \"Good\"}}\n  - {{score: 3, meaning: \"Expert\"}}\n  \
         - {{score: n/a, meaning: \"Not relevant\"}}\nmentoring_types: [Mentee]\n\
         assessment_types: [Self-assessment]\nksbs:\n",
        list(roles),
        list(areas)
    );
    let categories = ["knowledge", "skill", "behaviour"];
    for i in 0..n {
        let area = areas[i % areas.len()];
        out.push_str(&format!(
            "  - id: {}{}\n    category: {}\n    title: {}\n    description: {}\n    stack_area: {}\n    areas: [{}]\n    role_focus: {}\n",
            ["K", "S", "B"][i % 3],
            i + 1,
            categories[i % 3],
            quote(&title(i)),
            quote(&format!("What item {i} asks.")),
            quote(area),
            quote(area),
            quote(roles[i % roles.len()])
        ));
    }
    out
}

/// Longest a command may run before it counts as hung (a debug build on a busy machine): it is
/// then killed, which fails the test. This guards against hangs; speed is measured in bench/.
const HANG: Duration = Duration::from_secs(30);

/// Runs `ksb ARGS`, killed if it hangs; asserts it succeeded and returns its stdout.
fn ok_unless_hung(ws: &Workspace, args: &[&str]) -> String {
    let output = ws.ksb(args).timeout(HANG).output().expect("run ksb");
    assert!(
        output.status.success(),
        "ksb {args:?} failed or hung (killed after {HANG:?}): {:?} {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 stdout")
}

/// Runs `ksb ARGS`, killed if it hangs; asserts it exited with `code` and returns its stderr.
fn fails_unless_hung(ws: &Workspace, code: i32, args: &[&str]) -> String {
    let output = ws.ksb(args).timeout(HANG).output().expect("run ksb");
    assert_eq!(
        output.status.code(),
        Some(code),
        "ksb {args:?} (killed if it ran over {HANG:?}): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).expect("UTF-8 stderr")
}

#[test]
fn a_50_mb_sheet_is_refused_with_the_file_and_the_limit() {
    let ws = Workspace::new();
    let note = "x".repeat(50 * 1024 * 1024);
    let sheet =
        format!("format = 1\nstandard = \"miraheze-tech-mentoring\"\n[notes]\nK1 = \"{note}\"\n");
    ws.write("big.toml", &sheet);
    let before = std::fs::metadata(ws.file("big.toml")).unwrap().len();
    let err = fails_unless_hung(&ws, 1, &["score", "big.toml", "K1=2"]);
    assert_eq!(
        err,
        format!(
            "ksb: error: reading sheet 'big.toml': it is {before} bytes, over ksb's limit of 10 MiB \
             for sheets and standards\n"
        )
    );
    assert_eq!(
        std::fs::metadata(ws.file("big.toml")).unwrap().len(),
        before
    );
}

#[test]
fn an_endless_file_is_refused_without_reading_it_all() {
    let ws = Workspace::new();
    // A device is refused for what it is, before it is opened.
    let err = fails_unless_hung(&ws, 1, &["--standard", "/dev/zero", "standard"]);
    assert_eq!(
        err,
        "ksb: error: reading standard '/dev/zero': it is a character device, not a regular file\n"
    );
}

#[test]
fn a_standard_with_10000_ksbs_works_through_check_score_summary_and_show() {
    let ws = Workspace::new();
    let yaml = standard_yaml(
        10_000,
        |i| format!("Item {i}"),
        &["Infra", "Docs"],
        &["Generalist"],
    );
    ws.write("big.yaml", &yaml);
    let out = ok_unless_hung(&ws, &["standard", "--check", "big.yaml"]);
    assert!(out.contains("with 10000 KSBs"), "{out}");
    let out = ok_unless_hung(
        &ws,
        &["--standard", "big.yaml", "standard", "--format", "json"],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 10_000);
    assert_eq!(json[9_999]["id"], "K10000");

    let scores: Vec<String> = (0..10_000)
        .step_by(7)
        .map(|i| format!("{}{}={}", ["K", "S", "B"][i % 3], i + 1, i % 4))
        .collect();
    let mut args = vec![
        "--standard",
        "big.yaml",
        "score",
        "x.toml",
        "--username",
        "U",
    ];
    args.extend(["--role-focus", "Generalist"]);
    args.extend(scores.iter().map(String::as_str));
    ok_unless_hung(&ws, &args);
    let out = ok_unless_hung(
        &ws,
        &[
            "--standard",
            "big.yaml",
            "summary",
            "x.toml",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["overall"]["ksbs"], 10_000);
    assert_eq!(json["overall"]["scored"], scores.len());
    let out = ok_unless_hung(&ws, &["--standard", "big.yaml", "show", "x.toml"]);
    assert!(out.contains("| K10000 "), "the last KSB is shown");
}

/// Every table of `out` (runs of lines drawn with `+` and `|`) has lines of one display width.
fn assert_tables_aligned(out: &str) {
    let mut table: Vec<&str> = Vec::new();
    let mut tables = 0;
    for line in out.lines().chain([""]) {
        if line.starts_with('+') || line.starts_with('|') {
            table.push(line);
            continue;
        }
        if let Some(first) = table.first() {
            tables += 1;
            let width = first.width();
            for row in &table {
                assert_eq!(
                    row.width(),
                    width,
                    "misaligned row {row:?} in\n{}",
                    table.join("\n")
                );
            }
        }
        table.clear();
    }
    assert!(tables > 0, "no table in\n{out}");
}

#[test]
fn right_to_left_emoji_combining_and_wide_text_keeps_tables_aligned() {
    let ws = Workspace::new();
    let titles = [
        "إدارة الخوادم والنسخ الاحتياطي",
        "Déploiement 🚀 avec 👩‍💻 et 🇬🇧",
        "Ze\u{301}\u{308}ro com\u{300}bining ma\u{323}rks",
        "服务器管理与监控系统",
        "Mixed עברית and English and 日本語",
    ];
    let yaml = standard_yaml(
        10,
        |i| titles[i % titles.len()].to_string(),
        &["البنية التحتية", "ドキュメント 📚"],
        &["Généraliste", "专家 🧑‍🔧"],
    );
    ws.write("odd.yaml", &yaml);
    let username = "مستخدم 🦀 名前 e\u{301}";
    let note = "K1=ملاحظة طويلة 📝 with \"quotes\", \\backslashes\\ and 中文";
    ws.ok(&[
        "--standard",
        "odd.yaml",
        "score",
        "x.toml",
        "--username",
        username,
        "--role-focus",
        "专家 🧑‍🔧",
        "K1=3",
        "S2=n/a",
        "B3=1",
        "--note",
        note,
    ]);
    for columns in ["200", "60"] {
        for args in [
            &["--standard", "odd.yaml", "show", "x.toml"][..],
            &["--standard", "odd.yaml", "summary", "x.toml"],
            &["--standard", "odd.yaml", "standard"],
        ] {
            let output = ws.ksb(args).env("COLUMNS", columns).output().unwrap();
            assert!(output.status.success(), "{output:?}");
            let out = String::from_utf8(output.stdout).unwrap();
            assert_tables_aligned(&out);
            if args[2] == "show" {
                assert!(out.contains(&format!("Username: {username}")), "{out}");
            }
        }
    }
    let sheet: toml::Table = ws.read("x.toml").parse().unwrap();
    assert_eq!(sheet["notes"]["K1"].as_str(), Some(&note[3..]));
    assert_eq!(sheet["participant"]["username"].as_str(), Some(username));
}

#[test]
fn very_long_titles_and_notes_are_wrapped_and_kept() {
    let ws = Workspace::new();
    let long_title = "Very long title ".repeat(500);
    let yaml = standard_yaml(3, |_| long_title.clone(), &["Infra"], &["Generalist"]);
    ws.write("long.yaml", &yaml);
    let note = format!("K1={}", "evidence, ".repeat(10_000));
    ws.ok(&[
        "--standard",
        "long.yaml",
        "score",
        "x.toml",
        "--username",
        "U",
        "--role-focus",
        "Generalist",
        "K1=2",
        "--note",
        &note,
    ]);
    let output = ws
        .ksb(&["--standard", "long.yaml", "show", "x.toml"])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert_tables_aligned(&out);
    assert!(out.lines().all(|line| line.width() <= 100), "{out}");
    assert!(ws.read("x.toml").contains(&note[3..]));
}
