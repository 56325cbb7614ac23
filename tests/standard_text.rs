//! A standard's own text (header labels, role focuses, areas, assessment types, titles) is
//! text in wikitext and Markdown: a custom standard, or one imported from a wiki page anyone
//! can edit, full of markup shows its characters as written through MediaWiki's own parser and
//! a GFM parser, and takes no effect (no category, template, signature, switch, comment, HTML
//! or table end).

use crate::common::mediawiki::{mediawiki, render, select};
use crate::common::Workspace;
use pulldown_cmark::{Event, Options, Parser};

/// Markup of every kind, and characters a standard writes as they are (`&`, `’`, `–`).
const HOSTILE: &str = "[[Category:Pwned]] {{SITENAME}} {{#tag:b|x}} ~~~~ __NOTOC__ <!-- x --> |} \
     <div style=position:fixed>z</div> a|b ''i'' &amp; T&S ’ –";

/// A workspace with `hostile.yaml`, the built-in standard with [`HOSTILE`] in a header label,
/// a role focus, an area, an assessment type and a title, and a sheet `cohort/me.toml` of it.
fn hostile_workspace() -> Workspace {
    let ws = Workspace::new();
    let yaml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("standards/miraheze-tech-mentoring.yaml"),
    )
    .unwrap()
    .replace("Generalist", &format!("Generalist {HOSTILE}"))
    .replace("Self-assessment", &format!("Self-assessment {HOSTILE}"))
    .replace(
        "username: Username",
        &format!("username: Username {HOSTILE}"),
    )
    .replace("[Community]", &format!("[\"Community {HOSTILE}\"]"))
    .replace(", Community]", &format!(", \"Community {HOSTILE}\"]"))
    .replace("  - Community\n", &format!("  - \"Community {HOSTILE}\"\n"))
    .replace(
        "title: \"Open Source Ecosystem Awareness\"",
        &format!("title: \"Open Source {HOSTILE}\""),
    );
    ws.write("hostile.yaml", &yaml);
    std::fs::create_dir(ws.file("cohort")).unwrap();
    ws.ok(&[
        "--standard",
        "hostile.yaml",
        "score",
        "cohort/me.toml",
        "--username",
        "Alice",
        "--role-focus",
        &format!("Generalist {HOSTILE}"),
        "--mentoring-type",
        "Mentee",
        "--assessment-type",
        &format!("Self-assessment {HOSTILE}"),
        "--date",
        "01/11/2026",
        "K1=2",
        "K2=3",
        "B1=1",
    ]);
    ws
}

/// Each command whose wikitext and Markdown carry the standard's text.
const COMMANDS: [&[&str]; 5] = [
    &["export", "cohort/me.toml", "--notes", "--summary"],
    &["export", "--blank"],
    &["summary", "cohort"],
    &["roster", "cohort"],
    &["summary", "cohort/me.toml", "--by", "area"],
];

fn output(ws: &Workspace, command: &[&str], format: &str) -> String {
    let mut args = vec!["--standard", "hostile.yaml"];
    args.extend_from_slice(command);
    args.extend_from_slice(&["--format", format]);
    ws.ok(&args)
}

/// `text` holds [`HOSTILE`] whole wherever it holds a piece of it, and at least once.
fn assert_whole(what: &str, text: &str) {
    let whole = text.matches(HOSTILE).count();
    assert!(whole > 0, "{what}: the standard's text is missing:\n{text}");
    assert_eq!(
        whole,
        text.matches("Category:Pwned").count(),
        "{what}: the standard's text was taken as markup:\n{text}"
    );
}

#[test]
fn a_hostile_standard_reads_as_written_in_gfm() {
    let ws = hostile_workspace();
    for command in COMMANDS {
        let text = output(&ws, command, "markdown");
        let mut shown = String::new();
        for event in Parser::new_ext(
            &text,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ) {
            match event {
                Event::Text(t) => shown.push_str(&t),
                Event::InlineHtml(html) | Event::Html(html) => {
                    assert_eq!(html.as_ref(), "<br>", "{command:?}: HTML passed:\n{text}")
                }
                _ => shown.push('\n'),
            }
        }
        assert_whole(&format!("{command:?} as Markdown"), &shown);
    }
}

#[test]
fn a_hostile_standard_reads_as_written_through_mediawiki() {
    let Some(conf) = mediawiki() else { return };
    let ws = hostile_workspace();
    for command in COMMANDS {
        let what = format!("{command:?} as wikitext");
        let text = output(&ws, command, "wikitext");
        let page = ws.write("page.wiki", &text);
        let html = render(conf, &page);
        let root = html.root_element();
        for markup in [
            "div[style*=fixed]",
            "b",
            "i",
            "a:not([href^=\"#\"]):not([href*=\"action=edit\"])",
        ] {
            assert!(
                select(root, markup).is_empty(),
                "{what}: <{markup}> from the standard:\n{}",
                root.html()
            );
        }
        let shown: String = root.text().collect();
        assert_whole(&what, &shown);
        let tables = text.matches("{|").count();
        assert_eq!(
            select(root, "table").len(),
            tables,
            "{what}: a table was broken"
        );
    }
}
