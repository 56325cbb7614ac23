//! The README's examples work as written, copied into a shell in a fresh home folder: the
//! first example, the config file, the completion and man page lines, the install line, and
//! what it says about output in a pipe.

use std::path::Path;

use crate::common::{Workspace, KSB};

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The body of the first fenced block of `language` after the text `after`.
fn block(readme: &str, after: &str, language: &str) -> String {
    let from = readme
        .find(after)
        .unwrap_or_else(|| panic!("{after:?} in README"));
    let fence = format!("```{language}\n");
    let start = from + readme[from..].find(&fence).expect("a fenced block") + fence.len();
    let end = start + readme[start..].find("```").expect("the end of the block");
    readme[start..end].to_string()
}

/// Runs one shell line in `ws` as a new user would: a fresh HOME, no config, and `ksb` on
/// the PATH.
fn shell(ws: &Workspace, line: &str) -> std::process::Output {
    let bin = Path::new(KSB).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    ws.command("sh")
        .arg("-c")
        .arg(line)
        .env("PATH", path)
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("run sh")
}

fn ok(ws: &Workspace, line: &str) -> String {
    let output = shell(ws, line);
    assert!(
        output.status.success(),
        "`{line}` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The cells of a table row, whichever border it is drawn with.
fn cells(row: &str) -> Vec<String> {
    row.split(['│', '┆', '|'])
        .map(|cell| cell.trim().to_string())
        .filter(|cell| !cell.is_empty())
        .collect()
}

#[test]
fn the_first_example_runs_as_written_and_prints_the_figures_shown() {
    let readme = readme();
    let example = block(&readme, "A sheet is a small TOML file", "console");
    // The commands, `\` continuations joined, and what the README says the last one prints.
    let mut commands: Vec<String> = Vec::new();
    let mut shown = Vec::new();
    let mut continued = false;
    for line in example.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            commands.push(command.to_string());
            shown.clear();
        } else if continued {
            let command = commands.last_mut().unwrap();
            command.push('\n');
            command.push_str(line);
        } else {
            shown.push(line.to_string());
        }
        continued = line.ends_with('\\');
    }
    assert_eq!(
        commands.len(),
        2,
        "the sheet is made before it is summarised: {example}"
    );
    let ws = Workspace::new();
    for command in &commands[..commands.len() - 1] {
        ok(&ws, command);
    }
    let out = ok(&ws, commands.last().unwrap());
    let rows = |lines: &mut dyn Iterator<Item = &str>| -> Vec<Vec<String>> {
        lines
            .filter(|l| l.starts_with(['│', '|']))
            .map(|l| {
                let mut row = cells(l);
                row.pop(); // the bar, drawn with other characters in a pipe
                row
            })
            .collect()
    };
    let want = rows(&mut shown.iter().map(String::as_str));
    assert_eq!(want.len(), 6, "a heading row and five areas: {shown:?}");
    assert_eq!(rows(&mut out.lines()), want, "{out}");
    for line in shown
        .iter()
        .filter(|l| !l.starts_with(['│', '┌', '╞', '└']))
    {
        assert!(out.contains(line.as_str()), "{line:?} in {out}");
    }
}

#[test]
fn the_config_example_works_as_written() {
    let readme = readme();
    let config = block(
        &readme,
        "## Your defaults: config file and environment",
        "toml",
    );
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(".config/ksb/config.toml", &config);
    let out = ok(&ws, "ksb config");
    let shows = |key: &str, value: &str| {
        out.lines().any(|line| {
            line.split_whitespace()
                .take(1 + value.split_whitespace().count())
                .eq(std::iter::once(key).chain(value.split_whitespace()))
        })
    };
    assert!(shows("username", "ExampleUser"), "{out}");
    assert!(shows("standard", "(built-in)"), "{out}");
    // Every command that uses a default works with it.
    ok(&ws, "ksb score me.toml K1=2");
    let out = ok(&ws, "ksb show me.toml");
    assert!(out.contains("Username: ExampleUser"), "{out}");
}

#[test]
fn the_completion_and_man_page_lines_work_in_a_fresh_home() {
    let readme = readme();
    let lines = block(&readme, "ksb config` shows the effective values", "sh");
    let ws = Workspace::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        ok(&ws, line);
    }
    for file in [
        ".local/share/bash-completion/completions/ksb",
        ".zfunc/_ksb",
        ".config/fish/completions/ksb.fish",
        ".local/share/man/man1/ksb.1",
    ] {
        let text = ws.read(file);
        assert!(text.contains("ksb"), "{file}");
    }
}

#[test]
fn the_install_line_uses_the_lock_file_and_the_pipe_output_is_as_described() {
    let readme = readme();
    assert!(
        readme.contains("`cargo install --locked --path .`"),
        "the install line builds what the tests ran"
    );
    assert!(
        !readme.to_lowercase().contains("plain ascii"),
        "no promise the tables break"
    );
    let described = "same tables are drawn with ASCII borders (`+`, `-`, `=`, `|`) and `#` bars and carry no escape\ncodes.";
    assert!(readme.contains(described));
    let ws = Workspace::new();
    ok(
        &ws,
        "ksb score me.toml --username Me --role-focus Generalist K1=2 K2=3",
    );
    let out = ok(&ws, "ksb summary me.toml");
    assert!(!out.contains('\u{1b}'), "{out}");
    for line in out.lines().filter(|l| l.starts_with(['+', '|'])) {
        let borders: String = line
            .chars()
            .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
            .filter(|c| !".–/&()".contains(*c))
            .collect();
        assert!(
            borders.chars().all(|c| "+-=|#".contains(c)),
            "{line}: {borders}"
        );
    }
}

#[test]
fn the_test_prerequisites_come_before_cargo_test_in_the_order_they_are_run() {
    let readme = readme();
    let section = block(&readme, "## Run it and test it", "sh");
    let at = |what: &str| {
        section
            .find(what)
            .unwrap_or_else(|| panic!("{what} in the block: {section}"))
    };
    assert!(at(".ci/setup-mediawiki") < at("cargo test"), "{section}");
    assert!(at(".ci/install-ecosystem") < at("cargo test"), "{section}");
}
