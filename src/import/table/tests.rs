//! Unit tests of `table`.

use super::*;

fn titles(cell: &str) -> bool {
    ["alpha", "beta", "gamma"].contains(&cell.to_lowercase().as_str())
}

fn data(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|r| match r.kind {
            RowKind::Data => r.cells.iter().map(String::as_str).collect(),
            RowKind::Section(c) => vec!["§", c.key()],
        })
        .collect()
}

#[test]
fn reads_a_wikitable_in_every_cell_style() {
    let page = Page::read(
            "intro\n{| class=\"wikitable\"\n|+ caption\n! Title !! Score\n|-\n! colspan=\"2\" | Skills\n|-\n| Alpha || style=\"x\" | '''2'''\n|-\n| Beta\n| 3\nstill the score cell\n|-\n| [[Gamma|gam|ma]] || {{tpl|a|b}}\n|}\nafter",
            &titles,
        );
    let [table] = page.tables.as_slice() else {
        panic!("{:?}", page.tables)
    };
    assert_eq!(table.columns, [Column::Title, Column::Score]);
    assert!(table.closed);
    assert_eq!(
        data(table),
        [
            vec!["§", "skill"],
            vec!["Alpha", "2"],
            vec!["Beta", "3\nstill the score cell"],
            vec!["gam|ma", "{{tpl|a|b}}"],
        ]
    );
    let text: Vec<_> = page.text_lines_before(100).collect();
    assert_eq!(text, [(1, "intro"), (16, "after")]);
}

#[test]
fn reads_pipe_rows_per_line_and_flattened() {
    let page = Page::read(
            "| Title | Score | Notes |\n| --- | --- | --- |\n| Alpha | 1 | |\n| Beta | | n |\n\nProse | Title | Score | Notes | colspan=“3” | Knowledge | | — | — | — | | Alpha | 2 | | Beta | | Gamma | | x | | Delta | 1 | | Omega | 3 |",
            &titles,
        );
    let [lines, flat] = page.tables.as_slice() else {
        panic!("{:?}", page.tables)
    };
    assert_eq!(lines.layout, Layout::PipeRows);
    assert_eq!(data(lines), [vec!["Alpha", "1", ""], vec!["Beta", "", "n"]]);
    assert_eq!(flat.columns, [Column::Title, Column::Score, Column::Notes]);
    assert_eq!(
        data(flat),
        [
            vec!["§", "knowledge"],
            vec!["Alpha", "2"],
            vec!["Beta"],
            vec!["Gamma", "", "x"],
            vec!["Delta", "1"],
            vec!["Omega", "3"],
        ]
    );
}

#[test]
fn nested_and_unclosed_tables_are_tables_of_their_own() {
    let mut text = String::new();
    for _ in 0..50 {
        text.push_str("{|\n|-\n| outer\n");
    }
    text.push_str("{|\n! Title\n|-\n| Alpha\n|}\n");
    let page = Page::read(&text, &titles);
    assert_eq!(page.tables.len(), 51);
    let inner: Vec<_> = page
        .tables
        .iter()
        .filter(|t| !t.columns.is_empty())
        .collect();
    assert_eq!(data(inner[0]), [vec!["Alpha"]]);
    assert!(inner[0].closed);
    assert_eq!(page.tables.iter().filter(|t| !t.closed).count(), 50);
}

#[test]
fn pipes_split_outside_templates_and_links_that_close() {
    assert_eq!(split_outside("a|{{b|c}}|d", &["|"]), ["a", "{{b|c}}", "d"]);
    assert_eq!(split_outside("a|{{b|c", &["|"]), ["a", "{{b", "c"]);
    assert_eq!(
        split_outside("[[x|y]]||{{z}}", &["||"]),
        ["[[x|y]]", "{{z}}"]
    );
    assert_eq!(first_outside("{{a|b}} | c", b'|'), Some(8));
}
