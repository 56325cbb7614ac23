//! `ksb export`: sheets written by `ksb score`, exported, then read back by a real parser of
//! each format: MediaWiki itself for wikitext, pulldown-cmark (GFM tables) for Markdown, the
//! csv crate for CSV and serde_json for JSON.

use crate::common::mediawiki::{mediawiki, plain_text, render, select};
use crate::common::Workspace;
use ksb::Standard;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html};
use serde_json::Value;

/// A username that is wikitext markup of every kind.
const HOSTILE_USERNAME: &str = "«a» ''x'' !! ~~ &amp; Zoë ISBN 1234567890 * = @ ? ;";

/// One note per KSB, each markup that must show as typed.
const HOSTILE_NOTES: [&str; 28] = [
    "|",
    "||",
    "!!",
    "{|",
    "|}",
    "|-",
    "{{PAGENAME}}",
    "{{!}}",
    "[[Main Page]]",
    "~~~~",
    "__NOTOC__",
    "<script>alert(1)</script>",
    "''x''",
    "* x",
    "line one\nline two\r\n|- line three",
    "&amp; &#124; &lt;",
    "Zoë 👋 مرحبا «bonjour» ? ; ! %",
    "https://example.org [https://example.org x] mailto:a@example.org",
    "style=\"color:red\" | x",
    "== Heading ==",
    "----",
    "  leading and trailing  ",
    "ISBN 1234567890 RFC 1234 PMID 1",
    "back\\slash \\| and `code` *em* _em_ ~~gone~~ $x$",
    "<nowiki>x</nowiki> <!-- c --> <br />",
    "'''bold''' # not a list ; a : b",
    "{{{1}}} -{zh}- {| class=\"wikitable\"",
    "!x! | y ||| z |",
];

/// The score typed for the KSB at `index`: each of 0–3, N/A and unscored in turn.
fn typed_score(index: usize) -> Option<&'static str> {
    ["0", "1", "2", "3", "n/a"].get(index % 6).copied()
}

/// The score as every export writes it.
fn score_text(index: usize) -> &'static str {
    ["0", "1", "2", "3", "N/A", ""][index % 6]
}

/// A note with its line breaks as one `\n` each.
fn lines(note: &str) -> String {
    note.replace("\r\n", "\n").replace('\r', "\n")
}

/// Writes `h.toml` with `ksb score`: the hostile username and a hostile note on every KSB.
fn hostile_sheet(ws: &Workspace, standard: &Standard) {
    let mut args: Vec<String> = [
        "score",
        "h.toml",
        "--username",
        HOSTILE_USERNAME,
        "--role-focus",
        "MediaWiki Specialist",
        "--date",
        "25/11/2026",
    ]
    .map(String::from)
    .to_vec();
    for (i, ksb) in standard.ksbs.iter().enumerate() {
        if let Some(score) = typed_score(i) {
            args.push(format!("{}={score}", ksb.id));
        }
        args.push("--note".into());
        args.push(format!("{}={}", ksb.id, HOSTILE_NOTES[i]));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ws.ok(&args);
}

fn standard() -> Standard {
    Standard::builtin()
}

// ---- MediaWiki -------------------------------------------------------------------------

/// One rendered table cell.
struct RenderedCell {
    /// `th` or `td`.
    tag: String,
    /// Its attributes, name and value.
    attrs: Vec<(String, String)>,
    /// Its text, `<br>` read as a line break.
    text: String,
}

/// The cells of a table row.
fn cells(row: ElementRef) -> Vec<RenderedCell> {
    row.children()
        .filter_map(ElementRef::wrap)
        .map(|cell| RenderedCell {
            tag: cell.value().name().to_string(),
            attrs: cell
                .value()
                .attrs()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            text: plain_text(cell).unwrap_or_else(|err| panic!("markup in a cell: {err}")),
        })
        .collect()
}

/// The texts of a row's cells.
fn texts(row: ElementRef) -> Vec<String> {
    cells(row).into_iter().map(|c| c.text).collect()
}

/// Checks the sheet table: header, three full-width section rows, and `expected` KSB rows.
fn check_sheet_table(table: ElementRef, standard: &Standard, expected: &[Vec<String>]) {
    let rows = select(table, "tr");
    let width = expected[0].len();
    assert_eq!(rows.len(), 1 + 3 + standard.ksbs.len(), "rows of the sheet");
    let header = texts(rows[0]);
    let mut columns = vec![
        "Title",
        "Stack Area",
        "Role Focus",
        "Score (0–3 or N/A)",
        "Notes",
    ];
    columns.truncate(width);
    assert_eq!(header, columns);
    let mut data = expected.iter();
    let mut sections = Vec::new();
    for row in &rows[1..] {
        let cells = cells(*row);
        if cells[0].tag == "th" {
            assert_eq!(cells.len(), 1, "a section row is one cell");
            assert_eq!(cells[0].attrs, [("colspan".to_string(), width.to_string())]);
            sections.push(cells[0].text.clone());
            continue;
        }
        let want = data.next().expect("no more KSBs than the standard's");
        for cell in &cells {
            assert_eq!(cell.tag, "td");
            assert!(
                cell.attrs.is_empty(),
                "a cell gained attributes: {:?}",
                cell.attrs
            );
        }
        let got: Vec<String> = cells.into_iter().map(|c| c.text).collect();
        assert_eq!(&got, want);
    }
    assert!(data.next().is_none(), "every KSB has its row");
    assert_eq!(sections, ["Knowledge", "Skills", "Behaviours"]);
}

/// The labels and values of the participant header list.
fn header_items(document: &Html) -> Vec<String> {
    select(document.root_element(), "ul > li")
        .into_iter()
        .filter(|li| li.value().attrs().next().is_none())
        .take(5)
        .map(|li| plain_text(li).unwrap_or_else(|err| panic!("markup in the header: {err}")))
        .collect()
}

#[test]
fn wikitext_renders_through_mediawiki_as_the_literal_sheet() {
    let Some(conf) = mediawiki() else { return };
    let ws = Workspace::new();
    let standard = standard();
    hostile_sheet(&ws, &standard);
    ws.ok(&["export", "h.toml", "--notes", "--summary", "-o", "h.wiki"]);
    let wikitext = ws.read("h.wiki");
    // The summary's headings give the page no table of contents: the programme's sheet has none.
    let wikitext = wikitext
        .strip_prefix("__NOTOC__\n")
        .expect("__NOTOC__ first");
    // Signatures expand only when a page is saved, so check them in the wikitext itself.
    for markup in ["~~~", "{{", "[[", "__", "<script", "''"] {
        assert!(!wikitext.contains(markup), "raw {markup:?} in the wikitext");
    }

    let document = render(conf, &ws.file("h.wiki"));
    let root = document.root_element();
    let expected: Vec<Vec<String>> = standard
        .ksbs
        .iter()
        .enumerate()
        .map(|(i, ksb)| {
            vec![
                ksb.title.clone(),
                ksb.stack_area.clone(),
                ksb.role_focus.clone(),
                score_text(i).to_string(),
                lines(HOSTILE_NOTES[i]),
            ]
        })
        .collect();
    let tables = select(root, "table.wikitable");
    assert_eq!(tables.len(), 4, "the sheet and three summary tables");
    check_sheet_table(tables[0], &standard, &expected);

    let header = header_items(&document);
    assert_eq!(header[0], format!("Username: {HOSTILE_USERNAME}"));
    assert_eq!(header[1], "Preferred Role Focus: MediaWiki Specialist");
    assert_eq!(header[4], "Date: 25/11/2026");

    for tag in ["script", "b", "i", "pre", "hr", "h4", "dl", "ol", "nowiki"] {
        assert!(select(root, tag).is_empty(), "a <{tag}> appeared");
    }
    let links: Vec<String> = select(root, "a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|href| !href.starts_with('#') && !href.contains("action=edit"))
        .collect();
    assert!(links.is_empty(), "links appeared: {links:?}");
    assert!(
        select(root, "#toc").is_empty() && select(root, ".toc").is_empty(),
        "a table of contents on the page"
    );
    let visible: String = root.text().collect();
    assert!(!visible.contains("CLIParser"), "{{{{PAGENAME}}}} expanded");

    let figures: Value = serde_json::from_str(&ws.ok(&["summary", "h.toml", "--format", "json"]))
        .expect("summary JSON");
    for (table, key) in tables[1..].iter().zip(["role_focus", "area", "category"]) {
        let rows: Vec<Vec<String>> = select(*table, "tr")
            .into_iter()
            .skip(1)
            .map(texts)
            .collect();
        let mut groups = figures["groups"][key].as_array().expect("groups").clone();
        if key == "category" {
            let mut overall = figures["overall"].clone();
            overall["name"] = "Overall".into();
            groups.push(overall);
        }
        assert_eq!(rows.len(), groups.len(), "rows of the {key} table");
        for (row, group) in rows.iter().zip(&groups) {
            let mean = group["mean"]
                .as_f64()
                .map(|m| format!("{m:.2}"))
                .unwrap_or_default();
            let mut want = vec![group["name"].as_str().unwrap().to_string()];
            for field in ["ksbs", "scored", "na", "unscored"] {
                want.push(group[field].to_string());
            }
            want.push(mean);
            for points in ["0", "1", "2", "3"] {
                want.push(group["counts"][points].to_string());
            }
            assert_eq!(row, &want, "{key} table");
        }
    }
}

#[test]
fn blank_wikitext_is_the_empty_participant_sheet() {
    let Some(conf) = mediawiki() else { return };
    let ws = Workspace::new();
    let standard = standard();
    ws.ok(&[
        "export",
        "--blank",
        "--format",
        "wikitext",
        "-o",
        "blank.wiki",
    ]);
    let document = render(conf, &ws.file("blank.wiki"));
    assert_eq!(
        header_items(&document),
        [
            "Username: (Enter your Miraheze username here)",
            "Preferred Role Focus: (e.g. Generalist, MediaWiki Specialist, Infrastructure Specialist)",
            "Mentoring Type: (e.g. Mentee, Mentor, Peer Support)",
            "Assessment Type: (e.g. Self-assessment, Mentor review, Final check)",
            "Date: (DD/MM/YYYY)",
        ]
    );
    let expected: Vec<Vec<String>> = standard
        .ksbs
        .iter()
        .map(|ksb| {
            vec![
                ksb.title.clone(),
                ksb.stack_area.clone(),
                ksb.role_focus.clone(),
                String::new(),
            ]
        })
        .collect();
    let tables = select(document.root_element(), "table.wikitable");
    assert_eq!(tables.len(), 1);
    check_sheet_table(tables[0], &standard, &expected);
}

/// Pieces of markup that random notes are made of.
const PIECES: [&str; 54] = [
    "|",
    "||",
    "!",
    "!!",
    "{",
    "}",
    "{{",
    "}}",
    "[",
    "]",
    "[[",
    "]]",
    "<",
    ">",
    "&",
    "&amp;",
    "'",
    "''",
    "~",
    "~~~",
    "_",
    "__NOTOC__",
    ":",
    ";",
    "*",
    "#",
    "=",
    "-",
    "----",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "?",
    "%",
    "«",
    "»",
    "(",
    ")",
    ".",
    ",",
    "\"",
    "/",
    "ISBN ",
    "RFC ",
    "https://",
    "a",
    "{{!}}",
    "PMID ",
    "‹",
    "›",
    "é",
    "\r",
];

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn escaped_random_markup_renders_literally_through_mediawiki() {
    use ksb::render::markup::MarkupExporter;
    use ksb::render::wikitext::{escape, Wikitext};

    let Some(conf) = mediawiki() else { return };
    let mut random = Random(0x5eed_cafe_f00d_d00d);
    let texts: Vec<String> = (0..1000)
        .map(|_| {
            let len = 1 + random.below(10);
            (0..len)
                .map(|_| PIECES[random.below(PIECES.len())])
                .collect()
        })
        .collect();
    let mut page = Wikitext.table_start(&["Text".to_string()]);
    for text in &texts {
        page.push_str(&Wikitext.row(&[escape(text)]));
    }
    page.push_str(&Wikitext.table_end());
    let items: Vec<String> = texts
        .iter()
        .map(|t| format!("Item: {}", escape(t)))
        .collect();
    page.push_str(&Wikitext.list(&items));
    let ws = Workspace::new();
    let document = render(conf, &ws.write("random.wiki", &page));
    let root = document.root_element();

    let rows = select(root, "table.wikitable tr");
    assert_eq!(rows.len(), texts.len() + 1, "one row per text");
    let items = select(root, "ul > li");
    assert_eq!(items.len(), texts.len(), "one list item per text");
    for ((text, row), item) in texts.iter().zip(&rows[1..]).zip(&items) {
        let cells = cells(*row);
        assert_eq!(cells.len(), 1, "{text:?} split its row");
        assert!(
            cells[0].attrs.is_empty(),
            "{text:?} gave its cell attributes"
        );
        assert_eq!(cells[0].text, lines(text), "{text:?} in a cell");
        let item = plain_text(*item).unwrap_or_else(|err| panic!("{text:?}: {err}"));
        assert_eq!(
            item,
            format!("Item: {}", lines(text)),
            "{text:?} in a list item"
        );
    }
}

// ---- Markdown, CSV, JSON ---------------------------------------------------------------

/// A GFM document as a reader sees it: list items, table rows of cell texts (`<br>` read as a
/// line break), and every piece of markup other than lists, tables, the section rows' bold
/// and `<br>`.
struct MarkdownRead {
    items: Vec<String>,
    rows: Vec<Vec<String>>,
    markup: Vec<String>,
}

fn read_markdown(text: &str) -> MarkdownRead {
    let mut read = MarkdownRead {
        items: Vec::new(),
        rows: Vec::new(),
        markup: Vec::new(),
    };
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Item | Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::Item) => read.items.push(cell.take().expect("item")),
            Event::End(TagEnd::TableCell) => row.push(cell.take().expect("cell")),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                read.rows.push(std::mem::take(&mut row))
            }
            Event::Text(t) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&t);
                }
            }
            Event::InlineHtml(html) if html.as_ref() == "<br>" => {
                if let Some(cell) = cell.as_mut() {
                    cell.push('\n');
                }
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {}
            Event::Start(
                Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::Heading { .. }
                | Tag::Paragraph
                | Tag::List(None),
            )
            | Event::End(_) => {}
            other => read.markup.push(format!("{other:?}")),
        }
    }
    read
}

#[test]
fn markdown_tables_align_figures_right_and_scores_centred() {
    use pulldown_cmark::Alignment;
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "K1=2",
        "S1=n/a",
        "--username",
        "Me",
        "--role-focus",
        "Generalist",
    ]);
    let tables = |text: &str| -> Vec<Vec<Alignment>> {
        Parser::new_ext(text, Options::ENABLE_TABLES)
            .filter_map(|event| match event {
                Event::Start(Tag::Table(align)) => Some(align),
                _ => None,
            })
            .collect()
    };
    let export = ws.ok(&["export", "me.toml", "--format", "markdown", "--summary"]);
    let found = tables(&export);
    assert!(found.len() > 1, "{export}");
    use Alignment::{Center, None as Left, Right};
    assert_eq!(found[0], vec![Left, Left, Left, Center], "{export}");
    for table in &found[1..] {
        assert_eq!(table[0], Left, "{export}");
        assert!(table[1..].iter().all(|a| *a == Right), "{export}");
    }
    let summary = ws.ok(&["summary", "me.toml", "--format", "markdown"]);
    let found = tables(&summary);
    assert!(!found.is_empty(), "{summary}");
    for table in &found {
        assert_eq!(table[0], Left, "{summary}");
        assert!(table[1..].iter().all(|a| *a == Right), "{summary}");
    }
}

#[test]
fn markdown_reads_back_cell_for_cell() {
    let ws = Workspace::new();
    let standard = standard();
    hostile_sheet(&ws, &standard);
    let text = ws.ok(&["export", "h.toml", "--format", "markdown", "--notes"]);
    let read = read_markdown(&text);
    assert!(
        read.markup.is_empty(),
        "markup in the Markdown: {:?}",
        read.markup
    );
    assert_eq!(read.items[0], format!("Username: {HOSTILE_USERNAME}"));
    assert_eq!(read.items[4], "Date: 25/11/2026");
    assert_eq!(read.items[9], "N/A – Not relevant to current role");
    let mut want = vec![vec![
        "Title".to_string(),
        "Stack Area".into(),
        "Role Focus".into(),
        "Score (0–3 or N/A)".into(),
        "Notes".into(),
    ]];
    for category in ksb::Category::ALL {
        let mut section = vec![category.heading().to_string()];
        section.resize(5, String::new());
        want.push(section);
        for (i, ksb) in standard.ksbs.iter().enumerate() {
            if ksb.category == category {
                want.push(vec![
                    ksb.title.clone(),
                    ksb.stack_area.clone(),
                    ksb.role_focus.clone(),
                    score_text(i).to_string(),
                    lines(HOSTILE_NOTES[i]),
                ]);
            }
        }
    }
    assert_eq!(read.rows, want);
}

#[test]
fn csv_reads_back_one_record_per_ksb() {
    let ws = Workspace::new();
    let standard = standard();
    hostile_sheet(&ws, &standard);
    let text = ws.ok(&["export", "h.toml", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().expect("header"),
        vec![
            "id",
            "category",
            "title",
            "stack_area",
            "role_focus",
            "score",
            "note"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), standard.ksbs.len());
    for (i, (record, ksb)) in records.iter().zip(&standard.ksbs).enumerate() {
        assert_eq!(
            record,
            vec![
                ksb.id.as_str(),
                ksb.category.key(),
                &ksb.title,
                &ksb.stack_area,
                &ksb.role_focus,
                score_text(i),
                // "== Heading ==" and "----" would run as formulas in a spreadsheet: they get
                // a ' in front.
                &if HOSTILE_NOTES[i].starts_with(['=', '-']) {
                    format!("'{}", HOSTILE_NOTES[i])
                } else {
                    HOSTILE_NOTES[i].to_string()
                },
            ]
        );
    }
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_neutralised_and_json_stays_exact() {
    let ws = Workspace::new();
    let notes = [
        ("K1", "=HYPERLINK(\"http://evil\",\"x\")"),
        ("K2", "@SUM(1+1)"),
        ("K3", "+1 on the rebalance"),
        ("K4", "-1 from the mentor"),
        ("K5", "\t=1+1"),
        ("K6", "\r=1+1"),
        ("K7", "Ran the =SUM() in a sheet"),
    ];
    let mut args = vec![
        "score".to_string(),
        "s.toml".into(),
        "--username".into(),
        "=cmd' -C calc'!A0".into(),
        "--role-focus".into(),
        "Generalist".into(),
    ];
    for (id, note) in notes {
        args.push("--note".into());
        args.push(format!("{id}={note}"));
    }
    ws.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let text = ws.ok(&["export", "s.toml", "--format", "csv"]);
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\n"),
        "{text}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let read: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    for (i, (id, note)) in notes.into_iter().enumerate() {
        assert_eq!(&read[i][0], id);
        let want = if i == 6 {
            note.to_string()
        } else {
            format!("'{note}")
        };
        assert_eq!(&read[i][6], want, "{id}");
    }
    // No cell of any row begins with a character that starts a formula.
    for record in &read {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&ws.ok(&["export", "s.toml", "--format", "json"])).unwrap();
    for (i, (_, note)) in notes.into_iter().enumerate() {
        assert_eq!(json["ksbs"][i]["note"], note);
    }
    assert_eq!(json["participant"]["username"], "=cmd' -C calc'!A0");
}

#[test]
fn json_carries_the_sheet_and_the_summary_figures() {
    let ws = Workspace::new();
    let standard = standard();
    hostile_sheet(&ws, &standard);
    let export: Value = serde_json::from_str(&ws.ok(&["export", "h.toml", "--format", "json"]))
        .expect("export JSON");
    let summary: Value = serde_json::from_str(&ws.ok(&["summary", "h.toml", "--format", "json"]))
        .expect("summary JSON");
    assert_eq!(export["summary"], summary);
    assert_eq!(export["participant"]["username"], HOSTILE_USERNAME);
    assert_eq!(export["standard"]["id"], "miraheze-tech-mentoring");
    assert_eq!(export["standard"]["version"], standard.version.as_str());
    let ksbs = export["ksbs"].as_array().expect("ksbs");
    assert_eq!(ksbs.len(), standard.ksbs.len());
    for (i, (got, ksb)) in ksbs.iter().zip(&standard.ksbs).enumerate() {
        assert_eq!(got["id"], ksb.id.as_str());
        assert_eq!(got["description"], ksb.description.as_str());
        assert_eq!(got["note"], HOSTILE_NOTES[i]);
        let score = match score_text(i) {
            "" => Value::Null,
            "N/A" => "N/A".into(),
            points => points.parse::<u8>().unwrap().into(),
        };
        assert_eq!(got["score"], score);
    }

    let blank: Value = serde_json::from_str(&ws.ok(&["export", "--blank", "--format", "json"]))
        .expect("blank JSON");
    assert_eq!(blank["participant"], Value::Null);
    assert!(blank["ksbs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["score"].is_null()));
}

// ---- Files and errors --------------------------------------------------------------------

#[test]
fn output_file_is_replaced_atomically_and_private() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Me",
        "--role-focus",
        "Generalist",
        "K1=2",
    ]);
    ws.write(
        "me.wiki",
        "old contents that are longer than nothing at all\n",
    );
    let printed = ws.ok(&["export", "me.toml"]);
    assert_eq!(
        ws.ok(&["export", "me.toml", "-o", "me.wiki", "--force"]),
        ""
    );
    assert_eq!(ws.read("me.wiki"), printed);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(ws.file("me.wiki"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let names: Vec<_> = std::fs::read_dir(ws.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "no temporary file left behind");
}

#[test]
fn bad_requests_fail_with_one_line_and_touch_nothing() {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Me",
        "--role-focus",
        "Generalist",
    ]);
    let err = ws.fails(1, &["export", "me.toml", "--format", "csv", "--summary"]);
    assert!(
        err.contains("--summary") && err.lines().count() == 1,
        "{err}"
    );
    let err = ws.fails(1, &["export", "missing.toml"]);
    assert!(
        err.contains("missing.toml") && err.contains("no such file"),
        "{err}"
    );
    let err = ws.fails(1, &["export", "me.toml", "-o", "no/such/folder/me.wiki"]);
    assert!(err.contains("no/such/folder/me.wiki"), "{err}");
    ws.fails(2, &["export", "me.toml", "--blank"]);
    ws.fails(2, &["export"]);
    ws.fails(2, &["export", "me.toml", "--format", "pdf"]);
    ws.write("keep.wiki", "keep");
    ws.fails(1, &["export", "missing.toml", "-o", "keep.wiki"]);
    assert_eq!(ws.read("keep.wiki"), "keep");
}

#[test]
fn an_export_or_chart_never_replaces_its_own_sheet() {
    let ws = Workspace::new();
    let standard = standard();
    hostile_sheet(&ws, &standard);
    let before = std::fs::read(ws.file("h.toml")).unwrap();
    for args in [
        &["export", "h.toml", "--format", "csv", "-o", "h.toml"][..],
        &["export", "h.toml", "-o", "./h.toml"],
        &["chart", "h.toml", "-o", "h.toml"],
    ] {
        let err = ws.fails(1, args);
        assert!(
            err.contains("over its own sheet 'h.toml': choose another -o file"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(ws.file("h.toml")).unwrap(), before);
    // `-o -` is standard output, as for `ksb chart`, not a file named '-'.
    let out = ws.ok(&["export", "h.toml", "--format", "csv", "-o", "-"]);
    assert!(out.starts_with("id,category,title,stack_area,role_focus,score,note\n"));
    assert!(!ws.file("-").exists());
}

#[test]
fn an_export_never_replaces_a_sheet_and_another_file_only_with_force() {
    let ws = Workspace::new();
    for name in ["me.toml", "other.toml"] {
        ws.ok(&[
            "score",
            name,
            "--username",
            "Me",
            "--role-focus",
            "Generalist",
            "K1=2",
        ]);
    }
    // A sheet with a typo in it is a sheet all the same.
    ws.write(
        "damaged.toml",
        &ws.read("other.toml").replace("[scores]", "[scores"),
    );
    for target in ["other.toml", "damaged.toml"] {
        let before = ws.read(target);
        for force in [false, true] {
            let mut args = vec!["export", "me.toml", "-o", target];
            if force {
                args.push("--force");
            }
            let err = ws.fails(1, &args);
            assert_eq!(
                err,
                format!("ksb: error: refusing to write the export over '{target}', which is a ksb sheet: choose another -o file\n")
            );
            assert_eq!(ws.read(target), before, "{target} untouched");
        }
    }
    let err = ws.fails(1, &["chart", "me.toml", "-o", "other.toml", "--force"]);
    assert!(
        err.contains("over 'other.toml', which is a ksb sheet"),
        "{err}"
    );

    // Any other file that is there needs --force.
    ws.write("notes.md", "my own notes\n");
    let err = ws.fails(
        1,
        &[
            "export", "me.toml", "--format", "markdown", "-o", "notes.md",
        ],
    );
    assert_eq!(
        err,
        "ksb: error: 'notes.md' is already there: add --force to replace it, or choose another -o file\n"
    );
    assert_eq!(ws.read("notes.md"), "my own notes\n");
    let markdown = ws.ok(&["export", "me.toml", "--format", "markdown"]);
    ws.ok(&[
        "export", "me.toml", "--format", "markdown", "-o", "notes.md", "--force",
    ]);
    assert_eq!(ws.read("notes.md"), markdown);
    // A new file needs nothing.
    ws.ok(&["export", "me.toml", "-o", "new.wiki"]);
    assert!(ws.read("new.wiki").starts_with("== "));
}

/// The built-in standard's YAML with its `participant_header:` block replaced by `header`.
fn standard_with_header(header: &str) -> String {
    let yaml = ksb::model::standard::BUILTIN_YAML;
    let start = yaml
        .find("participant_header:")
        .expect("the built-in header");
    let end = start
        + yaml[start..]
            .find("\nksbs:")
            .expect("ksbs after the header");
    format!("{}{header}{}", &yaml[..start], &yaml[end..])
}

#[test]
fn the_blank_sheet_and_the_header_use_the_standards_own_words() {
    let ws = Workspace::new();
    ws.write(
        "ours.yaml",
        &standard_with_header(
            "participant_header:\n  username: Handle\n  username_hint: Your forum handle",
        ),
    );
    let blank = ws.ok(&[
        "--standard",
        "ours.yaml",
        "export",
        "--blank",
        "--format",
        "markdown",
    ]);
    assert!(blank.contains("- Handle: (Your forum handle)\n"), "{blank}");
    assert!(!blank.contains("Miraheze username"), "{blank}");
    assert!(
        blank.contains("- Preferred Role Focus: (e.g. Generalist"),
        "{blank}"
    );

    ws.write("plain.yaml", &standard_with_header(""));
    let plain = ws.ok(&[
        "--standard",
        "plain.yaml",
        "export",
        "--blank",
        "--format",
        "markdown",
    ]);
    assert!(
        plain.contains("- Username: (Enter your username here)\n"),
        "{plain}"
    );

    ws.ok(&[
        "--standard",
        "ours.yaml",
        "score",
        "me.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "K1=2",
    ]);
    let summary = ws.ok(&["--standard", "ours.yaml", "summary", "me.toml"]);
    assert!(summary.starts_with("Handle: Alice\n"), "{summary}");
}

#[test]
fn a_header_wording_that_is_empty_or_unknown_is_refused_with_its_key() {
    let ws = Workspace::new();
    ws.write(
        "empty.yaml",
        &standard_with_header("participant_header:\n  date: \"  \""),
    );
    let err = ws.fails(1, &["standard", "--check", "empty.yaml"]);
    assert!(err.contains("participant_header.date is empty"), "{err}");
    ws.write(
        "unknown.yaml",
        &standard_with_header("participant_header:\n  nickname: Nick"),
    );
    let err = ws.fails(1, &["standard", "--check", "unknown.yaml"]);
    assert!(err.contains("nickname"), "{err}");
}
