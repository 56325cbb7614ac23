//! `ksb import` on hostile pages: as large as ksb reads, with 10,000 rows, tables nested deep, a
//! row of 10,000 cells, tables and templates left open. Each ends in a clear error or the
//! right sheet, never a panic or a hang (their speed is measured in bench/import.sh).

use crate::common::Workspace;

/// A workspace with `me.toml` scored and noted, and its wikitext export (without the summary)
/// in `me.wiki`; returns the export.
fn exported() -> (Workspace, String) {
    let ws = Workspace::new();
    ws.ok(&[
        "score",
        "me.toml",
        "--username",
        "Alice",
        "--role-focus",
        "Generalist",
        "--date",
        "01/12/2026",
        "K1=2",
        "K2=na",
        "B8=3",
        "--note",
        "K1=Wrote the FAQ",
    ]);
    ws.ok(&["export", "me.toml", "--notes", "-o", "me.wiki"]);
    let page = ws.read("me.wiki");
    (ws, page)
}

/// Imports `page` (strictly, or with `--lenient`) into `back.toml`; the output on success.
fn import(ws: &Workspace, page: &str, lenient: bool) -> std::process::Output {
    ws.write("page.wiki", page);
    let mut args = vec!["import", "page.wiki", "-o", "back.toml", "--force"];
    if lenient {
        args.push("--lenient");
    }
    ws.ksb(&args).output().unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The sheet table's closing `|}` as the export writes it.
const TABLE_END: &str = "|}\n";

#[test]
fn a_page_over_10_mib_is_refused_and_one_just_under_is_read() {
    let (ws, page) = exported();
    let filler = "{{small|never closed [[nor this <span <!-- x\n";
    let room = 10 * 1024 * 1024 - page.len();
    let mut big = filler.repeat(room / filler.len());
    big.push_str(&page);
    assert!(big.len() <= 10 * 1024 * 1024 && big.len() > 10 * 1024 * 1024 - filler.len());
    let output = import(&ws, &big, false);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ws.read("back.toml"), ws.read("me.toml"));

    big.push_str(&"x".repeat(filler.len()));
    let output = import(&ws, &big, false);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("over ksb's limit of 10 MiB"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ten_thousand_rows_give_one_line_per_problem_up_to_twenty() {
    let (ws, page) = exported();
    let rows = "|-\n| Open Source Ecosystem Awareness\n| x\n| y\n| 1\n|\n".repeat(10_000);
    let crowded = page.replacen(TABLE_END, &format!("{rows}{TABLE_END}"), 1);
    let output = import(&ws, &crowded, false);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 22, "{err}");
    assert!(lines[0].contains("row 29 'Open Source Ecosystem Awareness': K1 is already on row 1"));
    assert!(lines[20].ends_with("… and 9980 more"), "{}", lines[20]);
    assert!(lines[21].contains("10000 problems (listed above); nothing written"));

    let output = import(&ws, &crowded, true);
    assert!(output.status.success());
    assert_eq!(ws.read("back.toml"), ws.read("me.toml"));
}

#[test]
fn a_sheet_table_nested_50_deep_is_read_and_10_000_open_tables_are_no_sheet() {
    let (ws, page) = exported();
    let table_start = page.find("{|").unwrap();
    let (before, table) = page.split_at(table_start);
    let nested = format!(
        "{before}{}{table}{}",
        "{| class=\"layout\"\n|-\n| Column\n".repeat(50),
        "|}\n".repeat(50)
    );
    let output = import(&ws, &nested, false);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ws.read("back.toml"), ws.read("me.toml"));

    let output = import(&ws, &"{|\n|-\n| a\n".repeat(10_000), false);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the page has no sheet table"));
}

#[test]
fn a_row_of_10_000_cells_is_one_problem() {
    let (ws, page) = exported();
    let row = format!("|-\n| Web Security{}\n", " || 1".repeat(9_999));
    let wide = page.replacen(TABLE_END, &format!("{row}{TABLE_END}"), 1);
    let output = import(&ws, &wide, false);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("row 29 'Web Security': 10000 cells, but the table has 5 columns"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_table_never_closed_is_a_problem_and_read_to_the_end_with_lenient() {
    let (ws, page) = exported();
    let open = page.replacen(TABLE_END, "", 1);
    let line = open.lines().position(|l| l.starts_with("{|")).unwrap() + 1;
    let output = import(&ws, &open, false);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!(
            "line {line}: the table is never closed (no `|}}` before the end of the page)"
        )),
        "{}",
        stderr(&output)
    );
    let output = import(&ws, &open, true);
    assert!(output.status.success());
    assert_eq!(ws.read("back.toml"), ws.read("me.toml"));
}

#[test]
fn templates_left_open_are_text_and_a_score_in_one_is_no_score() {
    let (ws, page) = exported();
    let first_score = "| Generalist\n| 2\n";
    assert!(page.contains(first_score));
    // MediaWiki takes an unclosed `{{small` before a `|` as the cell's attributes and shows 2.
    let open = page.replacen(first_score, "| Generalist\n| {{small|2\n", 1);
    let output = import(&ws, &open, false);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ws.read("back.toml"), ws.read("me.toml"));
    let closed = page.replacen(first_score, "| Generalist\n| {{small|2}}\n", 1);
    let output = import(&ws, &closed, false);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "row 1 'Open Source Ecosystem Awareness': score '{{small|2}}' is not 0–3 or N/A"
        ),
        "{}",
        stderr(&output)
    );

    let flood = format!("{}{page}", "{{a|".repeat(200_000));
    let output = import(&ws, &flood, false);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(ws.read("back.toml"), ws.read("me.toml"));
}

#[test]
fn ten_mib_of_flattened_pipe_rows_is_one_clear_error() {
    let ws = Workspace::new();
    let row = "| Bogus Title | Infra | Generalist | 1 | ";
    let page = format!(
        "| Title | Stack Area | Role Focus | Score | | {}",
        row.repeat(10 * 1024 * 1024 / row.len() - 1)
    );
    let output = import(&ws, &page, false);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("row 1 'Bogus Title': not the title of any KSB"),
        "{}",
        &err[..500.min(err.len())]
    );
    assert!(err.contains("problems (listed above); nothing written"));
}
