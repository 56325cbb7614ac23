//! Pictures on the wiki against a real MediaWiki 1.39 with SVG uploads drawn by rsvg (see
//! .ci/setup-mediawiki and tests/common/wiki_server.rs): a sheet's chart uploaded byte for byte
//! and shown as a PNG thumbnail the wiki serves, uploaded again only when it changed, never
//! over someone else's file; and the cohort's page, which names nobody unless asked.
// Unix: password files made private with file modes, and PHP serving MediaWiki.
#![cfg(unix)]

use crate::common::fixture;
use crate::common::wiki_server::{logged_in, TestWiki};

const PAGE: &str = "User:ExampleUser/Tech Mentoring/Self-assessment 2026-11-25";
const FILE: &str = "File:KSB radar – ExampleUser – Tech Mentoring – Self-assessment 2026-11-25.svg";
const SECOND: &str = "User:ExampleUser/Tech Mentoring/Second";
const SECOND_FILE: &str = "File:KSB radar – ExampleUser – Tech Mentoring – Second.svg";

/// An API query's answer, `query` already URL-encoded.
fn api(wiki: &TestWiki, query: &str) -> serde_json::Value {
    let (status, _, body) = wiki.get(&format!("/api.php?format=json&formatversion=2&{query}"));
    assert_eq!(status, 200);
    serde_json::from_slice(&body).expect("JSON from the API")
}

fn encoded(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The file's current version: who uploaded it and where it is served.
fn file_info(wiki: &TestWiki, title: &str) -> Option<(String, String)> {
    let answer = api(
        wiki,
        &format!(
            "action=query&prop=imageinfo&iiprop=user|url&titles={}",
            encoded(title)
        ),
    );
    let info = answer["query"]["pages"][0]["imageinfo"].get(0)?.clone();
    Some((
        info["user"].as_str()?.to_string(),
        info["url"].as_str()?.to_string(),
    ))
}

/// The requests the wiki answered after the first `before`, as ksb's own (not the probe).
fn since(wiki: &TestWiki, before: usize) -> Vec<String> {
    wiki.requests()[before..].to_vec()
}

#[test]
fn a_sheets_chart_is_uploaded_byte_for_byte_shown_as_a_png_and_not_uploaded_again() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    std::fs::copy(fixture("example.toml"), ws.file("second.toml")).unwrap();

    // The same sheet to two new pages, without and with its chart.
    let before = wiki.requests().len();
    ws.ok(&["wiki", "publish", "me.toml"]);
    let without = since(&wiki, before);
    let dry = ws.ok(&[
        "wiki",
        "publish",
        "second.toml",
        "--page",
        SECOND,
        "--chart",
        "--dry-run",
    ]);
    assert!(
        dry.contains(&format!(
            "Would upload the chart as the new file '{SECOND_FILE}' ("
        )),
        "{dry}"
    );
    assert!(dry.contains(&format!("+[[{SECOND_FILE}|thumb|")), "{dry}");
    assert!(file_info(&wiki, SECOND_FILE).is_none());
    let before = wiki.requests().len();
    let out = ws.ok(&[
        "wiki",
        "publish",
        "second.toml",
        "--page",
        SECOND,
        "--chart",
    ]);
    let with = since(&wiki, before);
    assert!(
        out.starts_with(&format!("Uploaded the chart as '{SECOND_FILE}' (")),
        "{out}"
    );
    assert!(
        with.len() <= without.len() + 3,
        "{} requests with the chart, {} without: {with:#?} {without:#?}",
        with.len(),
        without.len()
    );
    assert_eq!(
        with.iter().filter(|r| r.contains(" upload")).count(),
        1,
        "{with:#?}"
    );

    // The file is ksb's SVG byte for byte, uploaded by ksb's login.
    let svg = ws.ok(&["chart", "second.toml", "-o", "-"]);
    let (user, url) = file_info(&wiki, SECOND_FILE).expect("the file was uploaded");
    assert_eq!(user, "Admin");
    let (status, _, bytes) = wiki.get(&url);
    assert_eq!(status, 200);
    assert_eq!(bytes, svg.as_bytes());

    // The page shows it as a PNG thumbnail, with alt text and a caption, inside ksb's part.
    let text = wiki.text(SECOND);
    let picture = text.find(&format!("[[{SECOND_FILE}|")).expect("embedded");
    assert!(text.find(ksb::wiki::page::BEGIN).unwrap() < picture);
    assert!(picture < text.find(ksb::wiki::page::END).unwrap());
    assert!(
        text.contains("=== Radar figures by stack area ==="),
        "{text}"
    );
    let parsed = api(
        &wiki,
        &format!("action=parse&prop=text&page={}", encoded(SECOND)),
    );
    let html = scraper::Html::parse_fragment(parsed["parse"]["text"].as_str().unwrap());
    let img = html
        .select(&scraper::Selector::parse("img").unwrap())
        .find(|img| {
            img.value()
                .attr("alt")
                .is_some_and(|alt| alt.starts_with("Two radar charts of ExampleUser"))
        })
        .expect("an <img> with the alt text");
    let src = img.value().attr("src").unwrap();
    assert!(src.contains("/thumb/") && src.ends_with(".png"), "{src}");
    let (status, kind, png) = wiki.get(src);
    assert_eq!(status, 200, "{src}");
    assert_eq!(kind, "image/png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG: {src}");
    let caption = html
        .select(&scraper::Selector::parse(".thumbcaption").unwrap())
        .map(|c| c.text().collect::<String>())
        .collect::<String>();
    assert!(caption.contains("KSB radar of ExampleUser"), "{caption}");

    // The same chart again: nothing uploaded, nothing edited.
    let before = wiki.requests().len();
    let again = ws.ok(&["wiki", "publish", "second.toml", "--chart"]);
    assert!(
        again.starts_with(&format!(
            "File '{SECOND_FILE}' already holds this chart; nothing to upload\nPage '{SECOND}' already holds this sheet"
        )),
        "{again}"
    );
    let again = since(&wiki, before);
    assert!(
        !again
            .iter()
            .any(|r| r.contains(" upload") || r.contains(" edit")),
        "{again:#?}"
    );

    // A changed sheet: a new version of ksb's own file, and the page's figures follow.
    ws.ok(&["score", "second.toml", "K1=3"]);
    let out = ws.ok(&["wiki", "publish", "second.toml", "--chart"]);
    assert!(
        out.starts_with(&format!(
            "Uploaded a new version of the chart '{SECOND_FILE}'"
        )),
        "{out}"
    );
    let (_, url) = file_info(&wiki, SECOND_FILE).unwrap();
    let svg = ws.ok(&["chart", "second.toml", "-o", "-"]);
    assert_eq!(wiki.get(&url).2, svg.as_bytes());

    // Pulled back, the page gives the sheet alone: the chart is ksb's, not the sheet's.
    let pulled = ws.ok(&["wiki", "pull", SECOND, "-o", "pulled.toml"]);
    assert!(pulled.contains("Pulled 1 of 1 page"), "{pulled}");

    // Without a login a dry run cannot tell whose the file is, and says so rather than
    // naming the reader's address as the one refused.
    let anonymous = crate::common::Workspace::new();
    std::fs::copy(ws.file("second.toml"), anonymous.file("second.toml")).unwrap();
    anonymous.ok(&["score", "second.toml", "K2=3"]);
    let err = anonymous.fails(
        1,
        &[
            "wiki",
            "--wiki",
            &wiki.api(),
            "publish",
            "second.toml",
            "--chart",
            "--dry-run",
        ],
    );
    assert!(
        err.contains("uploaded by Admin, and without a login ksb cannot tell whether that is you"),
        "{err}"
    );
}

#[test]
fn a_file_someone_else_uploaded_under_ksbs_title_is_refused_and_nothing_is_written() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    wiki.user("Other");
    let theirs = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";
    wiki.upload(FILE, "Other", theirs);
    let before = wiki.requests().len();
    let err = ws.fails(1, &["wiki", "publish", "me.toml", "--chart"]);
    assert!(
        err.contains(&format!(
            "file '{FILE}' was uploaded by Other, not by Admin: ksb never replaces someone else's file; nothing uploaded"
        )),
        "{err}"
    );
    assert!(
        !since(&wiki, before)
            .iter()
            .any(|r| r.contains(" upload") || r.contains(" edit")),
        "{:#?}",
        since(&wiki, before)
    );
    let (user, url) = file_info(&wiki, FILE).unwrap();
    assert_eq!(user, "Other");
    assert_eq!(wiki.get(&url).2, theirs);
    assert!(!ws.read("me.toml").contains("[wiki]"));
    let page = api(&wiki, &format!("action=query&titles={}", encoded(PAGE)));
    assert_eq!(page["query"]["pages"][0]["missing"], true, "{page}");
    // Without the chart, the sheet still goes to its page.
    ws.ok(&["wiki", "publish", "me.toml"]);
}

const COHORT: &str = "Tech Mentoring/Cohort 2026";

/// The rendered HTML of a page.
fn rendered(wiki: &TestWiki, title: &str) -> String {
    let parsed = api(
        wiki,
        &format!("action=parse&prop=text&page={}", encoded(title)),
    );
    parsed["parse"]["text"].as_str().unwrap().to_string()
}

/// A logged-in workspace and `count` participants' sheets (`Mentee000`, …) on the wiki as
/// pages `{prefix}Sheet 000`, …
fn cohort_on_the_wiki(wiki: &TestWiki, count: usize, prefix: &str) -> crate::common::Workspace {
    let ws = logged_in(wiki);
    let wikitext = ws.ok(&[
        "export",
        fixture("example.toml").to_str().unwrap(),
        "--notes",
    ]);
    let folder = ws.file("pages");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..count {
        let page = wikitext.replace("ExampleUser", &format!("Mentee{i:03}"));
        std::fs::write(folder.join(format!("Sheet {i:03}")), page).unwrap();
    }
    wiki.import_pages(&folder, prefix);
    ws
}

#[test]
fn a_cohort_page_names_nobody_by_default_and_keeps_what_others_wrote_around_it() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = cohort_on_the_wiki(&wiki, 12, "Tech Mentoring/Cohort 2026/");
    let report = [
        "wiki",
        "report",
        "--prefix",
        "Tech Mentoring/Cohort 2026/",
        "--page",
        COHORT,
    ];

    let out = ws.ok(&report);
    assert!(
        out.starts_with(&format!(
            "Published the cohort report to page '{COHORT}' (revision "
        )),
        "{out}"
    );
    assert!(out.contains("The page names nobody"), "{out}");
    let text = wiki.text(COHORT);
    assert!(text.starts_with(ksb::wiki::report_page::BEGIN), "{text}");
    assert!(text.contains("Cohort: 12 participants"), "{text}");
    assert!(text.contains("=== By stack area ==="), "{text}");
    assert!(!text.contains("Mentee"), "{text}");
    assert!(!rendered(&wiki, COHORT).contains("Mentee"));
    assert!(!text.contains("[[File:"), "{text}");

    // Text the lead adds around ksb's part stays; the same report again writes nothing.
    let around = format!(
        "Welcome to the cohort.\n\n{}\n[[Category:Programme]]\n",
        text.trim_end()
    );
    wiki.edit(COHORT, "Admin", &around);
    assert!(ws
        .ok(&report)
        .contains(&format!("Page '{COHORT}' already holds this report")));

    // An edit inside ksb's part is refused, and --force rewrites the part alone.
    wiki.user("Lead");
    let inside = around.replace(
        "=== By stack area ===",
        "A note of the lead's.\n\n=== By stack area ===",
    );
    wiki.edit(COHORT, "Lead", &inside);
    let err = ws.fails(1, &report);
    assert!(
        err.contains("ksb's part of the page was edited since ksb wrote it (last edited by Lead"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(wiki.text(COHORT).trim_end(), inside.trim_end());
    let mut forced = report.to_vec();
    forced.push("--force");
    ws.ok(&forced);
    assert_eq!(wiki.text(COHORT).trim_end(), around.trim_end());

    // Asked for, the sections that name people: the heatmap a picture with its figures.
    let mut named = report.to_vec();
    named.extend([
        "--page",
        "Tech Mentoring/Cohort 2026 (mentors)",
        "--with",
        "heatmap,roster",
    ]);
    let named = [&named[..4], &named[6..]].concat();
    let out = ws.ok(&named);
    let heatmap = "File:KSB heatmap – Tech Mentoring – Cohort 2026 (mentors).svg";
    assert!(out.starts_with(&format!("Uploaded '{heatmap}' (")), "{out}");
    let text = wiki.text("Tech Mentoring/Cohort 2026 (mentors)");
    assert!(text.contains(&format!("[[{heatmap}|thumb|")), "{text}");
    assert!(
        text.contains("=== Heatmap figures: each participant's score per KSB ==="),
        "{text}"
    );
    assert!(text.contains("| Mentee011"), "{text}");
    let html = rendered(&wiki, "Tech Mentoring/Cohort 2026 (mentors)");
    let doc = scraper::Html::parse_fragment(&html);
    let img = doc
        .select(&scraper::Selector::parse("img").unwrap())
        .find(|img| {
            img.value()
                .attr("alt")
                .is_some_and(|alt| alt.starts_with("A heatmap of 12 rows"))
        })
        .expect("the heatmap's <img> with its alt text");
    let (status, kind, png) = wiki.get(img.value().attr("src").unwrap());
    assert_eq!((status, kind.as_str()), (200, "image/png"));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(ws.ok(&named).contains("already holds this picture"));

    // Calibration by reviewer, shown in a dry run: nothing is written.
    let before = wiki.requests().len();
    let dry = ws.ok(&[
        "wiki",
        "report",
        "--prefix",
        "Tech Mentoring/Cohort 2026/",
        "--page",
        "Tech Mentoring/Cohort 2026 (calibration)",
        "--with",
        "calibration",
        "--dry-run",
    ]);
    assert!(dry.contains("+== Calibration =="), "{dry}");
    assert!(dry.contains("+Calibration: 0 pairs"), "{dry}");
    assert!(
        dry.ends_with("Dry run: nothing written to the wiki\n"),
        "{dry}"
    );
    assert!(!since(&wiki, before).iter().any(|r| r.contains(" edit")));
}

#[test]
fn the_file_is_named_after_the_page_as_the_wiki_spells_it() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    // "Project:" is the wiki's alias of its own namespace, "KsbTest:".
    let out = ws.ok(&[
        "wiki",
        "publish",
        "me.toml",
        "--page",
        "Project:Charts/mine",
        "--chart",
    ]);
    let file = "File:KSB radar – KsbTest-Charts – mine.svg";
    assert!(
        out.starts_with(&format!("Uploaded the chart as '{file}' (")),
        "{out}"
    );
    assert!(wiki
        .text("KsbTest:Charts/mine")
        .contains(&format!("[[{file}|")));
    // `chart = true` under [wiki] is --chart.
    let config = ws.read(".config/ksb/config.toml");
    ws.write(
        ".config/ksb/config.toml",
        &format!("{config}chart = true\n"),
    );
    let again = ws.ok(&["wiki", "publish", "me.toml"]);
    assert!(
        again.starts_with(&format!("File '{file}' already holds this chart")),
        "{again}"
    );
}

/// MediaWiki refuses the upload of a login without the grants as `permissiondenied`, the
/// code of a page it may not edit: the hint is the upload's.
#[test]
fn a_login_without_the_upload_grants_is_told_which_to_give() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    // A bot password that may edit pages but not upload files.
    wiki.maintenance(
        "createBotPassword.php",
        &[
            "--appid",
            "pages",
            "--grants",
            "basic,editpage,createeditmovepage",
            "Admin",
            "abcdefghijklmnopqrstuvw012345678",
        ],
        "",
    );
    let config = ws.read(".config/ksb/config.toml");
    ws.write(
        ".config/ksb/config.toml",
        &config.replace("Admin@ksb", "Admin@pages"),
    );
    let hint =
        "the wiki does not let this login upload files: give the bot password the grant to upload";
    let err = ws.fails(1, &["wiki", "publish", "me.toml", "--chart"]);
    assert!(err.contains(hint), "{err}");
    assert!(!err.contains("edit rights on the page"), "{err}");
    let err = ws.fails(
        1,
        &[
            "wiki", "report", "me.toml", "--page", COHORT, "--with", "heatmap",
        ],
    );
    assert!(err.contains(hint), "{err}");
}

#[test]
fn a_cohort_page_under_its_own_prefix_is_not_read_as_a_sheet() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = cohort_on_the_wiki(&wiki, 3, "Cohort 2027/");
    // The prefix takes in the report's own page too, once it is written.
    let report = [
        "wiki",
        "report",
        "--prefix",
        "Cohort 2027",
        "--page",
        "Cohort 2027",
    ];
    let out = ws.ok(&report);
    assert!(out.contains("Published the cohort report"), "{out}");
    let again = ws.ok(&report);
    assert!(
        again.contains("Page 'Cohort 2027' already holds this report"),
        "{again}"
    );
    assert!(wiki.text("Cohort 2027").contains("Cohort: 3 participants"));
    // A pull of the same prefix leaves the cohort's page out too, and says so.
    let pulled = ws.ok(&["wiki", "pull", "--prefix", "Cohort 2027", "-o", "pulled/"]);
    assert!(
        pulled.contains("Left out 'Cohort 2027': a cohort's page (ksb wiki report)"),
        "{pulled}"
    );
    assert!(pulled.contains("Pulled 3 of 3 pages"), "{pulled}");
    // Named on its own, it is what was asked for, and it holds no sheet.
    ws.fails(1, &["wiki", "pull", "Cohort 2027", "-o", "report.toml"]);
}

#[test]
fn text_someone_wrote_inside_ksbs_chart_lines_is_refused_until_forced_and_the_rest_is_kept() {
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = logged_in(&wiki);
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    ws.ok(&["wiki", "publish", "me.toml", "--chart"]);

    // A mentor writes around ksb's part, and a note inside its chart lines.
    wiki.user("Mentor");
    let published = wiki.text(PAGE);
    let embed = published.find(&format!("[[{FILE}|")).expect("embedded");
    let line_end = embed + published[embed..].find('\n').unwrap() + 1;
    let inside = format!(
        "Intro by the mentor.\n\n{}The mentor's note on the chart.\n{}\n== Mentor comments ==\nKeep going.\n",
        &published[..line_end],
        &published[line_end..]
    );
    wiki.edit(PAGE, "Mentor", &inside);
    let edited = wiki.text(PAGE);
    assert!(
        edited.contains("The mentor's note on the chart."),
        "{edited}"
    );

    // The sheet changes: with the chart or without it, the block would be rewritten or
    // dropped, so nothing is written, and the page is as the mentor left it.
    ws.ok(&["score", "me.toml", "K1=3"]);
    for args in [
        &["wiki", "publish", "me.toml", "--chart"][..],
        &["wiki", "publish", "me.toml"][..],
    ] {
        let before = wiki.requests().len();
        let err = ws.fails(1, args);
        assert!(
            err.contains(&format!("to page '{PAGE}'"))
                && err.contains("someone edited inside ksb's chart lines")
                && err.contains("last edited by Mentor")
                && err.contains("--force"),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            !since(&wiki, before)
                .iter()
                .any(|r| r.contains(" upload") || r.contains(" edit")),
            "{:#?}",
            since(&wiki, before)
        );
        assert_eq!(wiki.text(PAGE), edited);
    }

    // --force rewrites ksb's part; the mentor's text around it is kept byte for byte.
    ws.ok(&["wiki", "publish", "me.toml", "--chart", "--force"]);
    let forced = wiki.text(PAGE);
    assert!(!forced.contains("The mentor's note"), "{forced}");
    assert!(forced.contains(&format!("[[{FILE}|")), "{forced}");
    let begin = |text: &str| text.find(ksb::wiki::page::BEGIN).unwrap();
    let after_end =
        |text: &str| text.find(ksb::wiki::page::END).unwrap() + ksb::wiki::page::END.len();
    assert_eq!(forced[..begin(&forced)], edited[..begin(&edited)]);
    assert_eq!(forced[after_end(&forced)..], edited[after_end(&edited)..]);
    assert!(forced.starts_with("Intro by the mentor.\n\n"), "{forced}");
    assert!(
        forced.ends_with("== Mentor comments ==\nKeep going."),
        "{forced:?}"
    );

    // ksb's own block again: the same chart writes nothing (the file has two versions now,
    // and only the current one is read: the wiki's answer continues to the older one).
    let before = wiki.requests().len();
    let again = ws.ok(&["wiki", "publish", "me.toml", "--chart"]);
    assert!(again.contains("already holds this sheet"), "{again}");
    assert!(
        !since(&wiki, before)
            .iter()
            .any(|r| r.contains(" upload") || r.contains(" edit")),
        "{:#?}",
        since(&wiki, before)
    );
}
