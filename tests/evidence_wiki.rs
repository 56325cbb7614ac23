//! Evidence on the wiki and in every export of a sheet: the Evidence table rendered by
//! MediaWiki itself (text as typed, links as real links, no markup let through), Markdown read
//! by pulldown-cmark, the evidence CSV and the JSON export; read back by `ksb import` and
//! `ksb wiki pull`, and merged item by item with what a mentor did on the wiki.

use crate::common::mediawiki::{mediawiki, plain_text, render, select};
use crate::common::{fixture, Workspace};
use chrono::NaiveDate;
use ksb::model::evidence::{Evidence, EvidenceLink, Verdict, VerdictState};
use ksb::render::evidence_table::verdict_text;
use ksb::{Sheet, Standard};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::ElementRef;

const WITH_EVIDENCE: &str = "evidence/with-evidence.toml";
const HOSTILE: &str = "evidence/hostile.toml";

fn load(path: &std::path::Path) -> Sheet {
    let text = std::fs::read_to_string(path).expect("read the sheet");
    Sheet::from_toml(&text, &Standard::builtin()).expect("a sheet")
}

/// Where each item of hostile.toml links, as the rendered page's `href` says: addresses with
/// what MediaWiki would read as markup percent-encoded (the `&amp;` is the address's own
/// text), wiki pages linked (a category and a file page, not categorised or shown).
const HOSTILE_HREFS: [Option<&str>; 7] = [
    Some("https://example.org/a%5Db%5Bc%7B%7Bx%7D%7D"),
    Some("https://example.org/?q=%27%27%27x%27%27%27&amp;y=%5F%5FNOTOC%5F%5F%7E%7E%7E%7E%7Cz"),
    Some("title=Category:Evidence_pages"),
    Some("title=File:Example.png"),
    Some("https://issue-tracker.miraheze.org/T12345"),
    Some("https://github.com/miraheze/mw-config/issues/9"),
    None,
];

#[test]
fn wikitext_exports_import_back_with_their_evidence_through_the_binary() {
    let ws = Workspace::new();
    for name in [WITH_EVIDENCE, HOSTILE] {
        let sheet = load(&fixture(name));
        let path = fixture(name).display().to_string();
        ws.ok(&["export", &path, "--notes", "-o", "s.wiki", "--force"]);
        ws.ok(&["import", "s.wiki", "-o", "back.toml", "--force"]);
        assert_eq!(
            load(&ws.file("back.toml")).evidence(),
            sheet.evidence(),
            "{name}"
        );
    }
}

#[test]
fn the_evidence_table_renders_through_mediawiki_as_text_and_real_links() {
    let Some(conf) = mediawiki() else { return };
    let ws = Workspace::new();
    let sheet = load(&fixture(HOSTILE));
    let path = fixture(HOSTILE).display().to_string();
    ws.ok(&["export", &path, "-o", "h.wiki"]);
    let wikitext = ws.read("h.wiki");
    // Signatures expand only when a page is saved, so check them in the wikitext itself.
    assert!(!wikitext.contains("~~~"), "{wikitext}");

    let document = render(conf, &ws.file("h.wiki"));
    let root = document.root_element();
    // No element from the text: the description's `[[Category:X]]` and the verdict's
    // `[[Category:Y]]` show as typed (below), so the page is in no category.
    for element in [
        "script",
        "img",
        "a[href*=\"Category:X\"]",
        "a[href*=\"Category:Y\"]",
    ] {
        assert!(
            select(root, element).is_empty(),
            "{element} in {}",
            root.html()
        );
    }
    let tables = select(document.root_element(), "table.wikitable");
    assert_eq!(tables.len(), 2, "the sheet's table and the Evidence table");
    let rows = select(tables[1], "tr");
    let heading: Vec<String> = select(rows[0], "th")
        .into_iter()
        .map(|th| plain_text(th).unwrap().trim().to_string())
        .collect();
    assert_eq!(
        heading,
        ["No.", "Description", "Link", "KSBs", "Added", "Checked by"]
    );
    assert_eq!(rows.len(), 1 + sheet.evidence().len());
    assert_eq!(
        select(tables[1], "a").len(),
        6,
        "one link per item with a link"
    );
    for ((row, item), href) in rows[1..].iter().zip(sheet.evidence()).zip(HOSTILE_HREFS) {
        let cells = select(*row, "td");
        let text = |i: usize| plain_text(cells[i]).unwrap().trim_end().to_string();
        assert_eq!(text(0), item.number.to_string());
        assert_eq!(text(1), item.text);
        assert_eq!(text(3), ksb::render::evidence_table::ksbs_text(&item.ksbs));
        assert_eq!(text(4), format!("ExampleUser, 06/12/2026"));
        assert_eq!(text(5), verdict_text(item.verdict.as_ref()));
        let links = select(cells[2], "a");
        match href {
            None => assert!(links.is_empty() && text(2).is_empty()),
            Some(href) => {
                let [link] = links.as_slice() else {
                    panic!("{:?}", cells[2].html())
                };
                let shown = plain_text(*link).unwrap();
                assert_eq!(shown, item.link.as_ref().unwrap().as_written());
                let target = link.value().attr("href").unwrap();
                if href.starts_with("https://") {
                    assert_eq!(target, href);
                    assert!(link.value().classes().any(|c| c == "external"));
                } else {
                    assert!(target.contains(href), "{target}");
                }
            }
        }
    }
}

/// A cell of a Markdown table: its text, and the address of the link it holds.
type MarkdownCell = (String, Option<String>);

/// The text Chromium copies off a rendered table: each row's cells tab-separated.
fn copied_rows(table: ElementRef) -> String {
    select(table, "tr")
        .into_iter()
        .map(|row| {
            let cells: Vec<String> = select(row, "th, td")
                .into_iter()
                .map(|cell| cell.text().collect::<String>().trim().to_string())
                .collect();
            cells.join("\t") + "\n"
        })
        .collect()
}

#[test]
fn an_evidence_table_copied_off_the_rendered_page_imports_with_the_sheet() {
    let Some(conf) = mediawiki() else { return };
    let ws = Workspace::new();
    let path = fixture(WITH_EVIDENCE).display().to_string();
    ws.ok(&["export", &path, "-o", "s.wiki"]);
    let document = render(conf, &ws.file("s.wiki"));
    let root = document.root_element();
    let heading: String = select(root, "h3")[0].text().collect();
    assert_eq!(heading, "Evidence[edit]");
    let evidence = copied_rows(select(root, "table.wikitable")[1]);
    // Bob's page as Chromium copies it, its last note not empty (so the heading could pass for
    // the rest of it), with the Evidence section copied after the sheet.
    let bob = std::fs::read_to_string(fixture("sheet-page-copied.txt")).unwrap();
    let (sheet, category) = bob.rsplit_once("Category:").unwrap();
    let last = "Platform Security\tGeneralist\t2\t\n";
    assert!(sheet.ends_with(last), "{sheet:?}");
    let sheet = sheet.replace(last, "Platform Security\tGeneralist\t2\tLed the review\n");
    ws.write(
        "copied.txt",
        &format!("{sheet}{heading}\n{evidence}Category:{category}"),
    );
    ws.ok(&["import", "copied.txt", "-o", "copied.toml"]);
    let copied = load(&ws.file("copied.toml"));
    assert_eq!(copied.evidence(), load(&fixture(WITH_EVIDENCE)).evidence());
    let noted = Standard::builtin()
        .ksbs
        .iter()
        .filter(|ksb| copied.note(&ksb.id) == Some("Led the review"))
        .count();
    assert_eq!(noted, 1, "the last note is the note, without the heading");
}

/// The rows of the Markdown Evidence table, and every event that is neither text nor a link.
fn markdown_evidence(text: &str) -> (Vec<Vec<MarkdownCell>>, Vec<String>) {
    let evidence = text.find("### Evidence").expect("an Evidence heading");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell: Option<(String, Option<String>)> = None;
    let mut markup = Vec::new();
    for event in Parser::new_ext(&text[evidence..], Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some((String::new(), None)),
            Event::End(TagEnd::TableCell) => row.push(cell.take().expect("cell")),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => rows.push(std::mem::take(&mut row)),
            Event::Text(t) => {
                if let Some((text, _)) = cell.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let (_, link) = cell.as_mut().expect("a link in a cell");
                assert!(link.replace(dest_url.to_string()).is_none(), "two links");
            }
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::Heading { .. })
            | Event::End(_) => {}
            other => markup.push(format!("{other:?}")),
        }
    }
    (rows, markup)
}

#[test]
fn markdown_shows_the_evidence_as_typed_with_real_links() {
    let ws = Workspace::new();
    let sheet = load(&fixture(HOSTILE));
    let path = fixture(HOSTILE).display().to_string();
    let text = ws.ok(&["export", &path, "--format", "markdown"]);
    let (rows, markup) = markdown_evidence(&text);
    assert_eq!(markup, Vec::<String>::new(), "nothing but text and links");
    assert_eq!(rows.len(), 1 + sheet.evidence().len());
    for (row, item) in rows[1..].iter().zip(sheet.evidence()) {
        assert_eq!(row[1].0, item.text);
        assert_eq!(row[5].0, verdict_text(item.verdict.as_ref()));
        let link = item.link.as_ref();
        assert_eq!(row[2].0, link.map(|l| l.as_written()).unwrap_or_default());
        let expected = link.and_then(|l| l.url()).map(|url| {
            url.replace(']', "%5D")
                .replace('[', "%5B")
                .replace('|', "%7C")
        });
        assert_eq!(row[2].1, expected, "item {}", item.number);
    }
}

#[test]
fn the_evidence_csv_is_one_row_per_item_with_formulas_neutralised() {
    let ws = Workspace::new();
    let path = fixture(HOSTILE).display().to_string();
    let text = ws.ok(&["export", &path, "--format", "csv", "--evidence"]);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[6..],
        [
            "number",
            "text",
            "link",
            "url",
            "ksbs",
            "added",
            "added_by",
            "verdict",
            "verdict_by",
            "verdict_date",
            "verdict_comment"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 7);
    let item = |row: usize, column: usize| records[row][6 + column].to_string();
    assert_eq!(item(0, 4), "K3 S2");
    assert_eq!(item(0, 7), "questioned");
    assert_eq!(item(0, 9), "07/12/2026");
    assert_eq!(
        item(1, 1),
        "'=HYPERLINK(\"http://evil\",\"x\") || !! {| -{zh}- * # ; :"
    );
    assert_eq!(item(4, 3), "https://issue-tracker.miraheze.org/T12345");
    // The CSV of the sheet keeps its columns.
    let sheet_csv = ws.ok(&["export", &path, "--format", "csv"]);
    assert!(sheet_csv.starts_with("id,category,title,stack_area,role_focus,score,note\n"));
    assert_eq!(sheet_csv.lines().count(), 29);
}

#[test]
fn the_json_export_carries_the_evidence() {
    let ws = Workspace::new();
    let path = fixture(WITH_EVIDENCE).display().to_string();
    let json: serde_json::Value =
        serde_json::from_str(&ws.ok(&["export", &path, "--format", "json"])).unwrap();
    let items = json["evidence"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["url"], "https://issue-tracker.miraheze.org/T12345");
    assert_eq!(items[0]["verdict"]["by"], "Mentor A");
    assert_eq!(items[2]["link"], "[[Tech:Runbooks/Swift]]");
    assert_eq!(items[2]["url"], serde_json::Value::Null);
}

#[test]
fn a_hand_edited_evidence_table_with_a_bad_link_is_refused_naming_its_line() {
    let ws = Workspace::new();
    let path = fixture(WITH_EVIDENCE).display().to_string();
    let text = ws.ok(&["export", &path]);
    let written = "| [https://issue-tracker.miraheze.org/T12345 T12345]";
    let line = text.lines().position(|l| l == written).unwrap();
    let row = text.lines().take(line).filter(|l| *l == "|-").count();
    assert!(row > 0);
    let number_line = line - 1;
    ws.write("bad.wiki", &text.replace(written, "| javascript:alert(1)"));
    let err = ws.fails(1, &["import", "bad.wiki", "-o", "bad.toml"]);
    assert!(
        err.contains(&format!(
            "line {number_line}: evidence 1: the link 'javascript:alert(1)' uses the scheme 'javascript:'"
        )),
        "{err}"
    );
    assert!(!ws.file("bad.toml").exists());

    // A link written as wiki markup by hand is taken as the link it is.
    let by_hand = text
        .replace(written, "| [[Tech:Swift|the Swift page]]")
        .replace(
            "| [https://github.com/miraheze/mw-config/issues/5821 miraheze/mw-config#5821]",
            "| [https://gerrit.example.org/c/5821 the change]",
        );
    ws.write("hand.wiki", &by_hand);
    ws.ok(&["import", "hand.wiki", "-o", "hand.toml"]);
    let sheet = load(&ws.file("hand.toml"));
    assert_eq!(
        sheet.evidence()[0].link,
        Some(EvidenceLink::WikiPage("Tech:Swift".into()))
    );
    assert_eq!(
        sheet.evidence()[1].link,
        Some(EvidenceLink::Url(
            "https://gerrit.example.org/c/5821".into()
        ))
    );

    // Someone's text between the sheet's table and its Evidence table.
    let apart = text.replace("=== Evidence ===", "Mentor notes go here.");
    ws.write("apart.wiki", &apart);
    let err = ws.fails(1, &["import", "apart.wiki", "-o", "apart.toml"]);
    assert!(
        err.contains("text between the sheet's table and the Evidence table"),
        "{err}"
    );
}

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(offset.into())
}

/// One line of text of every kind of character, as a person may type a description.
fn line() -> impl Strategy<Value = String> {
    "[ -~é«»👋]{1,24}".prop_filter_map("a description", |text| {
        ksb::model::evidence::check_text(&text).ok()
    })
}

fn username() -> impl Strategy<Value = String> {
    "[A-Z][a-zA-Z0-9 ,.'-]{0,12}"
        .prop_filter_map("a username", |name| ksb::model::username::check(&name).ok())
}

fn link() -> impl Strategy<Value = Option<EvidenceLink>> {
    prop_oneof![
        Just(String::new()),
        (1u64..999_999).prop_map(|n| format!("T{n}")),
        ("[a-z][a-z0-9-]{0,8}", "[a-z][a-z0-9._-]{0,8}", 1u64..99_999)
            .prop_map(|(owner, repo, n)| format!("{owner}/{repo}#{n}")),
        "[A-Za-z][A-Za-z0-9 :/_'!&%.,()=*;-]{0,20}".prop_map(|title| format!("[[{title}]]")),
        "[!-~]{0,24}".prop_map(|path| format!("https://example.org/{path}")),
    ]
    .prop_map(|text| EvidenceLink::parse(&text).ok())
}

fn verdict() -> impl Strategy<Value = Option<Verdict>> {
    prop::option::of((
        prop::bool::ANY,
        username(),
        0u32..400,
        prop::option::of(line()),
    ))
    .prop_map(|drawn| {
        drawn.map(|(checked, by, date, comment)| Verdict {
            state: if checked {
                VerdictState::Checked
            } else {
                VerdictState::Questioned
            },
            by,
            date: day(date),
            comment,
        })
    })
}

fn items() -> impl Strategy<Value = Vec<Evidence>> {
    let ids = ["K1", "K3", "K11", "S2", "S9", "B1", "B8"];
    prop::collection::vec(
        (
            1u32..4,
            line(),
            link(),
            prop::sample::subsequence(ids.to_vec(), 1..=3),
            0u32..400,
            username(),
            verdict(),
        ),
        0..5,
    )
    .prop_map(|drawn| {
        let mut number = 0;
        drawn
            .into_iter()
            .map(|(gap, text, link, ksbs, added, added_by, verdict)| {
                number += gap;
                Evidence {
                    number,
                    text,
                    link,
                    ksbs: ksbs.iter().map(|id| id.parse().unwrap()).collect(),
                    added: day(added),
                    added_by,
                    verdict,
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// sheet → wikitext → import gives the same evidence: numbers, text, link, KSBs, added,
    /// added by and verdict.
    #[test]
    fn evidence_reads_back_from_the_wikitext_as_it_was(items in items()) {
        let standard = Standard::builtin();
        let mut sheet = load(&fixture(WITH_EVIDENCE));
        sheet.set_evidence(items).unwrap();
        let wikitext = ksb::wiki::page::wikitext(&standard, &sheet);
        let page = ksb::import::sheet::read(&wikitext, &standard).unwrap();
        prop_assert_eq!(&page.problems, &[]);
        let back = page.to_sheet(&standard).unwrap();
        prop_assert_eq!(back.evidence(), sheet.evidence(), "{}", wikitext);
    }
}

#[cfg(unix)]
mod on_the_wiki {
    use super::*;
    use crate::common::wiki_server::{logged_in, TestWiki};

    const PAGE: &str = "User:ExampleUser/Tech Mentoring/Self-assessment 2026-11-25";

    /// The sheet with evidence published to its page.
    fn published(wiki: &TestWiki) -> Workspace {
        let ws = logged_in(wiki);
        std::fs::copy(fixture(WITH_EVIDENCE), ws.file("me.toml")).unwrap();
        ws.ok(&["wiki", "publish", "me.toml"]);
        ws
    }

    #[test]
    fn evidence_is_published_and_pulled_back() {
        let Some(wiki) = TestWiki::start() else {
            return;
        };
        let ws = published(&wiki);
        let text = wiki.text(PAGE);
        assert!(text.contains("\n=== Evidence ===\n"), "{text}");
        assert!(
            text.contains("| [https://issue-tracker.miraheze.org/T12345 T12345]\n"),
            "{text}"
        );
        assert!(text.trim_end().ends_with("|}\n<!-- ksb:end -->"), "{text}");
        ws.ok(&["wiki", "pull", PAGE, "-o", "pulled.toml"]);
        assert_eq!(
            load(&ws.file("pulled.toml")).evidence(),
            load(&fixture(WITH_EVIDENCE)).evidence()
        );
        assert!(ws
            .ok(&["wiki", "status", "me.toml"])
            .starts_with("Up to date\n"));
    }

    #[test]
    fn a_sheet_with_evidence_and_its_chart_pulls_back_whole_and_publishes_nothing_again() {
        let Some(wiki) = TestWiki::start() else {
            return;
        };
        let ws = logged_in(&wiki);
        std::fs::copy(fixture(WITH_EVIDENCE), ws.file("me.toml")).unwrap();
        ws.ok(&["wiki", "publish", "me.toml", "--chart"]);
        let text = wiki.text(PAGE);
        let evidence = text
            .find("\n=== Evidence ===\n")
            .expect("the evidence table");
        let picture = text.find("<!-- ksb:picture").expect("the chart");
        let end = text.find("<!-- ksb:end -->").expect("ksb's part");
        assert!(evidence < end && picture < end, "{text}");
        ws.ok(&["wiki", "pull", PAGE, "-o", "pulled.toml"]);
        assert_eq!(
            load(&ws.file("pulled.toml")).evidence(),
            load(&fixture(WITH_EVIDENCE)).evidence()
        );
        let before = wiki.requests().len();
        let again = ws.ok(&["wiki", "publish", "me.toml", "--chart"]);
        let writes: Vec<String> = wiki.requests()[before..]
            .iter()
            .filter(|request| matches!(request.split(' ').nth(2), Some("edit" | "upload")))
            .cloned()
            .collect();
        assert!(writes.is_empty(), "{again}\n{writes:?}");
        assert_eq!(wiki.text(PAGE), text);
    }

    #[test]
    fn a_mentors_verdict_on_the_wiki_merges_with_a_new_local_item() {
        let Some(wiki) = TestWiki::start() else {
            return;
        };
        let ws = published(&wiki);
        wiki.user("Mentor");
        // The mentor checks item 4 on the wiki, by hand.
        let page = wiki.text(PAGE);
        let unchecked = "| K1\n| ExampleUser, 06/12/2026\n|\n|-\n| 5\n";
        assert!(page.contains(unchecked), "{page}");
        let checked = "| K1\n| ExampleUser, 06/12/2026\n| checked by Mentor, 09/12/2026\n|-\n| 5\n";
        wiki.edit(PAGE, "Mentor", &page.replace(unchecked, checked));
        // The mentee adds an item to the sheet file.
        let mut toml = ws.read("me.toml");
        toml.push_str(
            "\n[[evidence]]\nnumber = 7\ntext = \"Led the incident call\"\nksbs = [\"B1\"]\nadded = 2026-12-09\nadded_by = \"ExampleUser\"\n",
        );
        ws.write("me.toml", &toml);

        let out = ws.ok(&["wiki", "publish", "me.toml"]);
        assert!(
            out.contains("Merged the page's own changes into 'me.toml': E4 checked\n"),
            "{out}"
        );
        let now = wiki.text(PAGE);
        assert!(now.contains(checked), "{now}");
        assert!(now.contains("| 7\n| Led the incident call\n"), "{now}");
        let sheet = load(&ws.file("me.toml"));
        let verdict = sheet.evidence_item(4).unwrap().verdict.as_ref().unwrap();
        assert_eq!(
            (verdict.by.as_str(), verdict.date),
            ("Mentor", NaiveDate::from_ymd_opt(2026, 12, 9).unwrap())
        );
        assert_eq!(sheet.evidence().len(), 6);
        assert!(ws
            .ok(&["wiki", "status", "me.toml"])
            .starts_with("Up to date\n"));
    }

    #[test]
    fn items_both_sides_added_under_one_number_are_both_kept_the_sheets_renumbered() {
        let Some(wiki) = TestWiki::start() else {
            return;
        };
        let ws = published(&wiki);
        wiki.user("Mentor");
        // The mentor adds item 7 on the wiki, by hand, as a one-line row.
        let page = wiki.text(PAGE);
        let end = "| ExampleUser, 07/12/2026\n|\n|}\n<!-- ksb:end -->";
        assert!(page.contains(end), "{page}");
        let row = "|-\n| 7 || Reviewed the mentee's patch || T777 || S2 || Mentor, 09/12/2026 ||\n";
        let added = end.replace("|}\n", &format!("{row}|}}\n"));
        wiki.edit(PAGE, "Mentor", &page.replace(end, &added));
        // The mentee adds another item 7 to the sheet file.
        let mut toml = ws.read("me.toml");
        toml.push_str(
            "\n[[evidence]]\nnumber = 7\ntext = \"Led the incident call\"\nksbs = [\"B1\"]\nadded = 2026-12-09\nadded_by = \"ExampleUser\"\n",
        );
        ws.write("me.toml", &toml);

        let out = ws.ok(&["wiki", "publish", "me.toml"]);
        assert!(
            out.contains("The sheet and the page both added evidence under the same number: the sheet's E7 is now E8\n"),
            "{out}"
        );
        let sheet = load(&ws.file("me.toml"));
        assert_eq!(
            sheet.evidence_item(7).unwrap().text,
            "Reviewed the mentee's patch"
        );
        assert_eq!(
            sheet.evidence_item(8).unwrap().text,
            "Led the incident call"
        );
        let now = wiki.text(PAGE);
        assert!(now.contains("| 8\n| Led the incident call\n"), "{now}");
        assert!(
            now.contains("| 7\n| Reviewed the mentee's patch\n"),
            "{now}"
        );
    }
}
