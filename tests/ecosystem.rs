//! `ksb` among other command-line tools: completions, man page, config file and environment,
//! colour, `-` as standard input, help and errors, and the radar chart checked by rendering it.

use std::path::Path;

use crate::common::raster::render_svg;
use crate::common::{clean_command, fixture, Workspace, KSB};

const ESC: char = '\u{1b}';
const SUBCOMMANDS: [&str; 20] = [
    "standard",
    "score",
    "show",
    "summary",
    "chart",
    "config",
    "completions",
    "man",
    "compare",
    "progress",
    "lock",
    "plan",
    "export",
    "import",
    "assess",
    "review",
    "wiki",
    "roster",
    "calibrate",
    "evidence",
];

/// Every KSB id of the built-in standard.
fn all_ids() -> Vec<String> {
    [("K", 11), ("S", 9), ("B", 8)]
        .into_iter()
        .flat_map(|(prefix, n)| (1..=n).map(move |i| format!("{prefix}{i}")))
        .collect()
}

/// Creates `name` with every KSB scored `score`.
fn sheet_scored(ws: &Workspace, name: &str, who: &str, kind: &str, score: u8) {
    let scores: Vec<String> = all_ids().iter().map(|id| format!("{id}={score}")).collect();
    let mut args = vec![
        "score",
        name,
        "--username",
        who,
        "--role-focus",
        "Generalist",
        "--assessment-type",
        kind,
        "--date",
        "25/11/2026",
    ];
    args.extend(scores.iter().map(String::as_str));
    ws.ok(&args);
}

/// The value of `key` in the [participant] table of a sheet.
fn participant_field(ws: &Workspace, sheet: &str, key: &str) -> String {
    let value: toml::Value = toml::from_str(&ws.read(sheet)).expect("sheet is TOML");
    value["participant"][key]
        .as_str()
        .expect("a string field")
        .to_string()
}

// ---------------------------------------------------------------- completions, man, help

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    let ws = Workspace::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ws.ok(&["completions", shell]);
        assert!(script.len() > 500, "{shell}: {script}");
        for name in SUBCOMMANDS {
            assert!(script.contains(name), "{shell} script lacks {name}");
        }
    }
    let err = ws.fails(2, &["completions", "tcsh"]);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn the_man_page_is_roff_and_lists_the_subcommands() {
    let ws = Workspace::new();
    let page = ws.ok(&["man"]);
    assert!(page.contains(".TH ksb 1"));
    for name in SUBCOMMANDS {
        assert!(
            page.contains(&format!("ksb\\-{name}")),
            "man page lacks {name}"
        );
    }
}

#[test]
fn man_dir_writes_a_page_per_command() {
    let ws = Workspace::new();
    std::fs::create_dir(ws.file("man1")).unwrap();
    let out = ws.ok(&["man", "--dir", "man1"]);
    // ksb.1, one page per command, ksb-standard-import.1,
    // ksb-wiki-{publish,pull,report,status}.1 and ksb-evidence-{add,list,remove,check}.1.
    let pages = SUBCOMMANDS.len() + 10;
    assert!(
        out.starts_with(&format!("Wrote {pages} manual pages")),
        "{out}"
    );
    let page = ws.read("man1/ksb.1");
    assert!(page.contains(".TH ksb 1"));
    assert!(ws
        .read("man1/ksb-standard-import.1")
        .contains(".TH ksb-standard-import 1"));
    assert!(ws
        .read("man1/ksb-wiki-publish.1")
        .contains(".TH ksb-wiki-publish 1"));
    for name in SUBCOMMANDS {
        let page = ws.read(&format!("man1/ksb-{name}.1"));
        assert!(page.contains(&format!(".TH ksb-{name} 1")), "{page}");
    }
    let err = ws.fails(1, &["man", "--dir", "nowhere"]);
    assert!(err.contains("'nowhere' is not a folder"), "{err}");
}

/// Each command's arguments are built only when needed (`defer` in cli.rs): help, the
/// completion scripts and every manual page, nested commands' included, still carry them.
#[test]
fn every_commands_own_arguments_reach_help_completions_and_man_pages() {
    let ws = Workspace::new();
    assert!(ws.ok(&["summary", "--help"]).contains("--all-sheets"));
    assert!(ws.ok(&["help", "summary"]).contains("--all-sheets"));
    assert!(ws.ok(&["wiki", "pull", "--help"]).contains("--category"));
    for shell in ["bash", "zsh", "fish"] {
        let script = ws.ok(&["completions", shell]);
        for flag in ["all-sheets", "reviewer", "category", "dry-run"] {
            assert!(script.contains(flag), "{shell} script lacks --{flag}");
        }
    }
    std::fs::create_dir(ws.file("man1")).unwrap();
    ws.ok(&["man", "--dir", "man1"]);
    assert!(ws.read("man1/ksb-summary.1").contains("all\\-sheets"));
    assert!(ws.read("man1/ksb-wiki-pull.1").contains("category"));
    assert!(ws.read("man1/ksb-standard-import.1").contains("base"));
    let err = ws.fails(2, &["summary", "--all-sheet"]);
    assert!(err.contains("--all-sheets"), "{err}");
}

#[test]
fn completions_and_man_ignore_a_broken_config() {
    let ws = Workspace::new();
    ws.write("broken.toml", "colour = 1\n");
    let broken = ws.file("broken.toml");
    let output = ws
        .ksb(&["man"])
        .env("KSB_CONFIG", &broken)
        .output()
        .unwrap();
    assert!(output.status.success());
}

#[test]
fn every_command_has_help_with_an_example_and_there_is_a_version() {
    let ws = Workspace::new();
    for name in SUBCOMMANDS {
        let help = ws.ok(&[name, "--help"]);
        assert!(help.contains("Example"), "`ksb {name} --help`: {help}");
        assert!(help.contains(&format!("ksb {name}")), "`ksb {name} --help`");
    }
    let version = ws.ok(&["--version"]);
    assert_eq!(version.trim(), format!("ksb {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn an_invalid_score_error_carries_the_file_the_line_and_the_cause() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(fixture("example.toml"))
        .unwrap()
        .replace("K2 = \"n/a\"", "K2 = 4");
    ws.write("x.toml", &text);
    let err = ws.fails(1, &["show", "x.toml"]);
    let line = text.lines().position(|l| l == "K2 = 4").unwrap() + 1;
    assert_eq!(
        err,
        format!(
            "ksb: error: reading sheet 'x.toml': line {line}, column 6: invalid score 4 for K2: expected 0–3, or \"n/a\" in quotes\n"
        )
    );
}

// ---------------------------------------------------------------- config and environment

#[test]
fn header_defaults_follow_flag_then_env_then_config_then_default() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "username = \"FromConfig\"\nrole_focus = \"MediaWiki Specialist\"\nmentoring_type = \"Mentor\"\n",
    );

    // Nothing but the defaults: username and role focus are required.
    let bare = Workspace::new();
    let err = bare.fails(1, &["score", "a.toml"]);
    assert!(err.contains("needs --username"), "{err}");
    bare.ok(&[
        "score",
        "a.toml",
        "--username",
        "U",
        "--role-focus",
        "Generalist",
    ]);
    assert_eq!(
        participant_field(&bare, "a.toml", "mentoring_type"),
        "Mentee"
    );

    // The config file fills in everything.
    ws.ok(&["score", "config.toml"]);
    for (key, value) in [
        ("username", "FromConfig"),
        ("role_focus", "MediaWiki Specialist"),
        ("mentoring_type", "Mentor"),
    ] {
        assert_eq!(participant_field(&ws, "config.toml", key), value);
    }

    // The environment beats the config file.
    let output = ws
        .ksb(&["score", "env.toml"])
        .env("KSB_USERNAME", "FromEnv")
        .env("KSB_ROLE_FOCUS", "infrastructure specialist")
        .env("KSB_MENTORING_TYPE", "Peer Support")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    for (key, value) in [
        ("username", "FromEnv"),
        ("role_focus", "Infrastructure Specialist"),
        ("mentoring_type", "Peer Support"),
    ] {
        assert_eq!(participant_field(&ws, "env.toml", key), value);
    }

    // A flag beats both.
    let output = ws
        .ksb(&[
            "score",
            "flag.toml",
            "--username",
            "FromFlag",
            "--role-focus",
            "Generalist",
            "--mentoring-type",
            "Mentee",
        ])
        .env("KSB_USERNAME", "FromEnv")
        .env("KSB_ROLE_FOCUS", "Infrastructure Specialist")
        .env("KSB_MENTORING_TYPE", "Peer Support")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    for (key, value) in [
        ("username", "FromFlag"),
        ("role_focus", "Generalist"),
        ("mentoring_type", "Mentee"),
    ] {
        assert_eq!(participant_field(&ws, "flag.toml", key), value);
    }

    // Defaults never overwrite the header of an existing sheet.
    let output = ws
        .ksb(&["score", "flag.toml", "K1=2"])
        .env("KSB_USERNAME", "FromEnv")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(participant_field(&ws, "flag.toml", "username"), "FromFlag");
}

/// A copy of the built-in standard with another title, to tell which file was loaded.
fn standard_titled(ws: &Workspace, name: &str, title: &str) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("standards/miraheze-tech-mentoring.yaml"),
    )
    .unwrap()
    .replace(
        "title: \"Miraheze Technology Mentoring Programme\"",
        &format!("title: \"{title}\""),
    );
    ws.write(name, &text).display().to_string()
}

#[test]
fn the_standard_follows_flag_then_env_then_config_then_builtin() {
    let ws = Workspace::new();
    let first_line = |out: String| out.lines().next().unwrap_or_default().to_string();
    assert!(first_line(ws.ok(&["standard"])).starts_with("Miraheze Technology"));

    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    standard_titled(&ws, ".config/ksb/mine.yaml", "From config");
    // A relative path in the config file is taken from the config file's folder.
    ws.write(".config/ksb/config.toml", "standard = \"mine.yaml\"\n");
    assert!(first_line(ws.ok(&["standard"])).starts_with("From config"));

    let env_file = standard_titled(&ws, "env.yaml", "From env");
    let run = |args: &[&str]| {
        let output = ws
            .ksb(args)
            .env("KSB_STANDARD", &env_file)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        first_line(String::from_utf8(output.stdout).unwrap())
    };
    assert!(run(&["standard"]).starts_with("From env"));
    standard_titled(&ws, "flag.yaml", "From flag");
    assert!(run(&["--standard", "flag.yaml", "standard"]).starts_with("From flag"));
}

#[test]
fn ksb_config_shows_each_value_and_its_source() {
    let ws = Workspace::new();
    let plain = ws.ok(&["config"]);
    let config_path = ws.file(".config/ksb/config.toml");
    assert!(
        plain.contains(&format!(
            "Config file: {} (not found)",
            config_path.display()
        )),
        "{plain}"
    );
    assert!(plain.contains("KSB_USERNAME"));
    assert_eq!(
        ws.ok(&["config", "--path"]).trim(),
        config_path.display().to_string()
    );

    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "username = \"Cfg\"\nrole_focus = \"Generalist\"\nsheets_dir = \"~/sheets\"\n",
    );
    standard_titled(&ws, "x.yaml", "Mine");
    let output = ws
        .ksb(&["--standard", "x.yaml", "config"])
        .env("KSB_MENTORING_TYPE", "Mentor")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let shown = String::from_utf8(output.stdout).unwrap();
    let line = |key: &str| {
        shown
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("username").contains("Cfg"), "{shown}");
    assert!(line("username").contains("(config file '"), "{shown}");
    assert!(line("mentoring_type").contains("(environment variable KSB_MENTORING_TYPE)"));
    assert!(line("standard").contains("x.yaml"));
    assert!(line("standard").contains("(flag --standard)"));
    let sheets = ws.file("sheets");
    assert!(
        line("sheets_dir").contains(&sheets.display().to_string()),
        "{shown}"
    );
    assert!(line("role_focus").contains("Generalist"));
}

#[test]
fn the_sheets_folder_follows_env_then_config_then_the_current_folder() {
    let ws = Workspace::new();
    let new_sheet = |out: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix("A new sheet today: "))
            .unwrap_or_default()
            .to_string()
    };
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d");
    let run = |envs: &[(&str, &str)]| {
        let mut cmd = ws.ksb(&["config"]);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let output = cmd.output().unwrap();
        assert!(output.status.success(), "{output:?}");
        new_sheet(&String::from_utf8(output.stdout).unwrap())
    };
    assert_eq!(
        run(&[("KSB_USERNAME", "Ann Lee")]),
        format!("./Ann-Lee-Self-assessment-{today}.toml")
    );
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(".config/ksb/config.toml", "sheets_dir = \"/srv/sheets\"\n");
    assert_eq!(
        run(&[("KSB_USERNAME", "Ann")]),
        format!("/srv/sheets/Ann-Self-assessment-{today}.toml")
    );
    assert_eq!(
        run(&[("KSB_USERNAME", "Ann"), ("KSB_SHEETS_DIR", "/env")]),
        format!("/env/Ann-Self-assessment-{today}.toml")
    );
}

#[test]
fn a_bad_config_file_is_named_with_its_line_and_key() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(
        ".config/ksb/config.toml",
        "username = \"Me\"\ncolour = \"always\"\n",
    );
    let path = ws.file(".config/ksb/config.toml");
    let err = ws.fails(1, &["summary", "x.toml"]);
    assert_eq!(
        err,
        format!(
            "ksb: error: reading config file '{}': line 2, column 1: unknown key 'colour' (known keys: username, role_focus, mentoring_type, standard, sheets_dir, wiki.url, wiki.user, wiki.password_file, wiki.token_file, wiki.page, wiki.timeout, wiki.max_pages, wiki.max_requests, wiki.chart, badge.issuer_id, badge.issuer_name)\n",
            path.display()
        )
    );

    ws.write(".config/ksb/config.toml", "role_focus = 3\n");
    let err = ws.fails(1, &["config"]);
    assert!(
        err.contains("line 1, column 14: key 'role_focus' must be a string"),
        "{err}"
    );

    ws.write(".config/ksb/config.toml", "role_focus = \"Chef\"\n");
    let err = ws.fails(1, &["score", "new.toml", "--username", "Me"]);
    assert!(err.contains("role_focus from config file"), "{err}");
    assert!(err.contains("role focus 'Chef' is not one of"), "{err}");
    assert!(!ws.file("new.toml").exists());

    let output = ws
        .ksb(&["config"])
        .env("KSB_CONFIG", ws.file("missing.toml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("missing.toml': no such file"), "{err}");
}

#[test]
fn a_broken_config_file_can_still_be_found_and_a_standard_checked() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    ws.write(".config/ksb/config.toml", "colour = \"always\"\n");
    let path = ws.file(".config/ksb/config.toml");
    assert_eq!(
        ws.ok(&["config", "--path"]),
        format!("{}\n", path.display())
    );
    let shipped = crate::common::fixture("../../standards/miraheze-tech-mentoring.yaml");
    let out = ws.ok(&["standard", "--check", shipped.to_str().unwrap()]);
    assert!(
        out.contains("valid standard 'miraheze-tech-mentoring'"),
        "{out}"
    );
    let err = ws.fails(1, &["config"]);
    assert!(err.contains("unknown key 'colour'"), "{err}");
}

// ---------------------------------------------------------------- colour

fn show_example(ws: &Workspace, args: &[&str], no_color: Option<&str>) -> String {
    let example = fixture("example.toml");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["show", example.to_str().unwrap()]);
    let mut cmd = ws.ksb(&all);
    match no_color {
        Some(value) => cmd.env("NO_COLOR", value),
        None => cmd.env_remove("NO_COLOR"),
    };
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn output_to_a_pipe_or_with_no_color_has_no_escape_codes() {
    let ws = Workspace::new();
    assert!(!show_example(&ws, &[], None).contains(ESC));
    assert!(!show_example(&ws, &[], Some("1")).contains(ESC));
    assert!(!show_example(&ws, &["--color", "never"], None).contains(ESC));
    assert!(!show_example(&ws, &["--color", "auto"], None).contains(ESC));
}

#[test]
fn color_always_colours_even_in_a_pipe() {
    let ws = Workspace::new();
    let out = show_example(&ws, &["--color", "always"], Some("1"));
    assert!(out.contains(ESC), "{out}");
    assert!(out.contains('█'), "bars drawn with blocks: {out}");
}

/// Runs `ksb show` on a pseudo-terminal with `script` (util-linux, essential on Debian).
fn show_on_a_terminal(no_color: Option<&str>) -> String {
    let example = fixture("example.toml");
    let command = format!("{} show {}", Path::new(KSB).display(), example.display());
    let mut script = clean_command("script");
    script
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .env("COLUMNS", "160")
        .env("XDG_CONFIG_HOME", "/nonexistent");
    match no_color {
        Some(value) => script.env("NO_COLOR", value),
        None => script.env_remove("NO_COLOR"),
    };
    let output = script
        .output()
        .expect("`script` (util-linux) runs ksb on a pseudo-terminal");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn on_a_terminal_colour_is_on_unless_no_color_is_set() {
    let coloured = show_on_a_terminal(None);
    assert!(coloured.contains(ESC), "a terminal gets colour: {coloured}");
    let plain = show_on_a_terminal(Some("1"));
    assert!(plain.contains("Knowledge"), "{plain}");
    assert!(!plain.contains(ESC), "NO_COLOR: {plain}");
    // An empty NO_COLOR does not count, as no-color.org says.
    assert!(show_on_a_terminal(Some("")).contains(ESC));
}

// ---------------------------------------------------------------- `-` as standard input

#[test]
fn a_sheet_named_dash_is_read_from_stdin() {
    let ws = Workspace::new();
    let text = std::fs::read_to_string(fixture("example.toml")).unwrap();
    let example = fixture("example.toml");
    for command in ["show", "summary"] {
        let from_file = ws.ok(&[command, example.to_str().unwrap()]);
        let output = ws
            .ksb(&[command, "-"])
            .write_stdin(text.as_str())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        assert_eq!(String::from_utf8(output.stdout).unwrap(), from_file);
    }
    let output = ws
        .ksb(&["summary", "-", "--format", "json"])
        .write_stdin(text.as_str())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["participant"]["username"], "ExampleUser");

    let output = ws
        .ksb(&["show", "-"])
        .write_stdin("format = 2\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.starts_with("ksb: error: reading sheet <stdin>: "),
        "{err}"
    );
}

#[test]
fn score_refuses_to_write_to_stdin() {
    let ws = Workspace::new();
    let err = ws.fails(1, &["score", "-", "K1=2"]);
    assert!(err.contains("needs a file name, not '-'"), "{err}");
}

// ---------------------------------------------------------------- the radar chart

/// A radar of the chart: its centre, outer radius, axes and each sheet's polygon vertices.
struct Radar {
    cx: f64,
    cy: f64,
    radius: f64,
    axes: usize,
    polygons: Vec<Vec<(f64, f64)>>,
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

fn radars(svg: &str) -> Vec<Radar> {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let class = |n: &roxmltree::Node, c: &str| {
        n.attribute("class")
            .is_some_and(|v| v.split_whitespace().any(|x| x == c))
    };
    root.descendants()
        .filter(|n| class(n, "radar"))
        .map(|g| {
            let rings: Vec<_> = g.descendants().filter(|n| class(n, "ring")).collect();
            let outer = rings
                .iter()
                .max_by(|a, b| number(**a, "r").total_cmp(&number(**b, "r")))
                .unwrap();
            let polygons = g
                .descendants()
                .filter(|n| class(n, "series"))
                .map(|p| {
                    p.attribute("points")
                        .unwrap()
                        .split_whitespace()
                        .map(|xy| {
                            let (x, y) = xy.split_once(',').unwrap();
                            (x.parse().unwrap(), y.parse().unwrap())
                        })
                        .collect()
                })
                .collect();
            Radar {
                cx: number(*outer, "cx"),
                cy: number(*outer, "cy"),
                radius: number(*outer, "r"),
                axes: g.descendants().filter(|n| class(n, "axis")).count(),
                polygons,
            }
        })
        .collect()
}

fn pixel(image: &(u32, u32, Vec<u8>), x: f64, y: f64) -> (i32, i32, i32) {
    let i = 3 * (y.round() as usize * image.0 as usize + x.round() as usize);
    let p = &image.2[i..i + 3];
    (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]))
}

/// A point inside polygon `poly` and off its spokes: the centroid of the triangle between the
/// centre and its first two vertices.
fn inside(radar: &Radar, poly: &[(f64, f64)]) -> (f64, f64) {
    (
        (radar.cx + poly[0].0 + poly[1].0) / 3.0,
        (radar.cy + poly[0].1 + poly[1].1) / 3.0,
    )
}

#[test]
fn one_sheet_chart_is_a_valid_svg_that_renders_its_polygons() {
    let ws = Workspace::new();
    sheet_scored(&ws, "self.toml", "Ann", "Self-assessment", 1);
    let out = ws.ok(&["chart", "self.toml", "-o", "one.svg"]);
    assert!(out.starts_with("Wrote one.svg"), "{out}");
    let svg = ws.read("one.svg");
    let radars = radars(&svg);
    assert_eq!(radars.len(), 2, "by stack area and by role focus");
    assert_eq!(radars[0].axes, 5, "five canonical stack areas");
    assert_eq!(radars[1].axes, 3, "three role focuses");
    for radar in &radars {
        assert_eq!(radar.polygons.len(), 1);
        assert_eq!(radar.polygons[0].len(), radar.axes);
        for &(x, y) in &radar.polygons[0] {
            let r = (x - radar.cx).hypot(y - radar.cy);
            assert!(
                (r - radar.radius / 3.0).abs() < 0.5,
                "mean 1 is a third out: {r}"
            );
        }
    }
    assert!(svg.contains("Ann — Self-assessment — 25/11/2026"));

    let Some(image) = render_svg(&ws.file("one.svg")) else {
        return;
    };
    assert_eq!((image.0, image.1), (1000, 640));
    assert_eq!(pixel(&image, 3.0, 3.0), (255, 255, 255), "white background");
    for radar in &radars {
        let (x, y) = inside(radar, &radar.polygons[0]);
        let (r, _, b) = pixel(&image, x, y);
        assert!(
            b > r + 20,
            "blue fill at ({x}, {y}): {:?}",
            pixel(&image, x, y)
        );
    }
}

#[test]
fn a_second_sheet_is_drawn_over_the_first_in_another_colour() {
    let ws = Workspace::new();
    sheet_scored(&ws, "self.toml", "Ann", "Self-assessment", 1);
    sheet_scored(&ws, "final.toml", "Ann", "Final check", 3);
    let text = ws.read("final.toml");
    let output = ws
        .ksb(&["chart", "self.toml", "-", "-o", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let svg = String::from_utf8(output.stdout).unwrap();
    ws.write("two.svg", &svg);
    assert!(svg.contains("Ann — Self-assessment — 25/11/2026"));
    assert!(svg.contains("Ann — Final check — 25/11/2026"));

    let radars = radars(&svg);
    let Some(image) = render_svg(&ws.file("two.svg")) else {
        return;
    };
    assert_eq!((image.0, image.1), (1000, 640));
    for radar in &radars {
        assert_eq!(radar.polygons.len(), 2);
        for &(x, y) in &radar.polygons[1] {
            let r = (x - radar.cx).hypot(y - radar.cy);
            assert!(
                (r - radar.radius).abs() < 0.5,
                "mean 3 is on the outer ring: {r}"
            );
        }
        // Inside the final check's polygon, outside the self-assessment's: orange.
        let (x, y) = inside(radar, &radar.polygons[1]);
        let (r, _, b) = pixel(&image, x, y);
        assert!(
            r > b + 30,
            "orange fill at ({x}, {y}): {:?}",
            pixel(&image, x, y)
        );
    }
}

#[test]
fn chart_errors_name_the_problem() {
    let ws = Workspace::new();
    let err = ws.fails(1, &["chart", "missing.toml", "-o", "x.svg"]);
    assert!(
        err.contains("reading sheet 'missing.toml': no such file"),
        "{err}"
    );
    assert!(!ws.file("x.svg").exists());
    let err = ws.fails(1, &["chart", "-", "-", "-o", "x.svg"]);
    assert!(err.contains("only one SHEET can be '-'"), "{err}");
    let err = ws.fails(
        1,
        &[
            "chart",
            "a.toml",
            "b.toml",
            "c.toml",
            "--heatmap",
            "-o",
            "x.svg",
        ],
    );
    assert!(
        err.ends_with("ksb: error: none of the 3 sheets could be read\n"),
        "a heatmap of nothing here: {err}"
    );
    assert!(!ws.file("x.svg").exists());
    ws.fails(2, &["chart"]);
}

#[test]
fn chart_draws_every_sheet_of_one_participant_in_date_order_into_a_file_named_after_them() {
    let ws = Workspace::new();
    let dated = |name: &str, kind: &str, score: u8, date: &str| {
        sheet_scored(&ws, name, "Ann", kind, score);
        ws.ok(&["score", name, "--date", date]);
    };
    dated("self.toml", "Self-assessment", 1, "01/11/2026");
    dated("review.toml", "Mentor review", 2, "03/11/2026");
    dated("mid.toml", "Self-assessment", 2, "01/01/2027");
    dated("final.toml", "Final check", 3, "01/02/2027");
    // Given out of date order and without -o: named after the first sheet, beside it.
    let out = ws.ok(&[
        "chart",
        "final.toml",
        "self.toml",
        "review.toml",
        "mid.toml",
    ]);
    assert_eq!(
        out,
        "Wrote final-4-sheets.svg: 4 sheets in date order by stack area and role focus\n"
    );
    let svg = ws.read("final-4-sheets.svg");
    let legend: Vec<usize> = [
        "Ann — Self-assessment — 01/11/2026",
        "Ann — Mentor review — 03/11/2026",
        "Ann — Self-assessment — 01/01/2027",
        "Ann — Final check — 01/02/2027",
    ]
    .iter()
    .map(|line| {
        svg.find(line)
            .unwrap_or_else(|| panic!("{line} in the legend"))
    })
    .collect();
    assert!(
        legend.windows(2).all(|w| w[0] < w[1]),
        "legend in date order"
    );
    for radar in radars(&svg) {
        assert_eq!(radar.polygons.len(), 4);
        // Polygon n is the nth sheet by date: means 1, 2, 2, 3.
        for (polygon, mean) in radar.polygons.iter().zip([1.0, 2.0, 2.0, 3.0]) {
            let (x, y) = polygon[0];
            let r = (x - radar.cx).hypot(y - radar.cy);
            assert!(
                (r - radar.radius * mean / 3.0).abs() < 0.5,
                "{r} for {mean}"
            );
        }
    }
    if let Some(image) = render_svg(&ws.file("final-4-sheets.svg")) {
        assert_eq!(image.1, 640 + 2 * 28, "a legend line per sheet");
        assert!(image.0 > 1000, "widened for four means a label");
    }

    // One sheet: `self.svg`. Run again, the file is there: --force replaces it.
    assert_eq!(
        ws.ok(&["chart", "self.toml"]),
        "Wrote self.svg: 1 sheet by stack area and role focus\n"
    );
    let err = ws.fails(1, &["chart", "self.toml"]);
    assert!(
        err.contains("'self.svg' is already there: add --force"),
        "{err}"
    );
    ws.ok(&["chart", "self.toml", "--force"]);
    let err = ws.fails(1, &["chart", "-"]);
    assert!(
        err.contains("give -o FILE.svg (or -o - for standard output)"),
        "{err}"
    );
}

#[test]
fn chart_of_two_participants_is_a_heatmap_and_a_png_name_is_warned_of() {
    let ws = Workspace::new();
    sheet_scored(&ws, "ann.toml", "Ann", "Self-assessment", 1);
    sheet_scored(&ws, "bob.toml", "Bob", "Self-assessment", 2);
    sheet_scored(&ws, "ann2.toml", "ann", "Final check", 2);
    let out = ws.ok(&["chart", "ann.toml", "ann2.toml", "bob.toml"]);
    assert_eq!(out, "Wrote ann-heatmap.svg: a heatmap of 2 participants\n");
    assert!(ws.read("ann-heatmap.svg").contains("KSB heatmap"));
    assert!(!ws.file("ann-3-sheets.svg").exists());

    let output = ws
        .ksb(&["chart", "ann.toml", "-o", "ann.png"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "ksb: warning: 'ann.png' will hold an SVG image, not PNG: name it .svg, or convert it (e.g. `rsvg-convert chart.svg -o chart.png`)\n"
    );
    assert!(ws.read("ann.png").starts_with("<?xml"), "SVG all the same");
}

/// Every line of every `<text>` of `svg`: (x, baseline y, font size, anchor, characters).
fn text_lines(svg: &str) -> Vec<(f64, f64, f64, String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    let size = |n: roxmltree::Node, inherited: f64| {
        n.attribute("font-size")
            .map_or(inherited, |s| s.parse().unwrap())
    };
    let mut lines = Vec::new();
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let anchor = text.attribute("text-anchor").unwrap_or("start").to_string();
        let text_size = size(text, 16.0);
        let mut y = number(text, "y");
        let line_tspans: Vec<_> = text
            .children()
            .filter(|n| n.has_tag_name("tspan") && n.attribute("x").is_some())
            .collect();
        if line_tspans.is_empty() {
            let chars: String = text
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            lines.push((number(text, "x"), y, text_size, anchor, chars));
            continue;
        }
        for tspan in line_tspans {
            y += tspan.attribute("dy").map_or(0.0, |d| d.parse().unwrap());
            let chars: String = tspan
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            lines.push((
                number(tspan, "x"),
                y,
                size(tspan, text_size),
                anchor.clone(),
                chars,
            ));
        }
    }
    lines
}

/// Checks that every text line of `svg`, at 0.6 em a character, lies inside its viewBox.
fn assert_every_text_inside(svg: &str, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let view: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    let (left, top, right, bottom) = (view[0], view[1], view[0] + view[2], view[1] + view[3]);
    for (x, y, size, anchor, chars) in text_lines(svg) {
        let width = chars.chars().count() as f64 * size * 0.6;
        let (from, to) = match anchor.as_str() {
            "end" => (x - width, x),
            "middle" => (x - width / 2.0, x + width / 2.0),
            _ => (x, x + width),
        };
        assert!(
            from >= left && to <= right && y - size * 0.8 >= top && y <= bottom,
            "{what}: {chars:?} spans x {from:.0}–{to:.0}, y {:.0}–{y:.0}, outside the viewBox {view:?}",
            y - size * 0.8
        );
    }
}

#[test]
fn a_radar_of_many_sheets_keeps_every_label_and_value_inside_the_picture() {
    let ws = Workspace::new();
    let mut names = Vec::new();
    for n in 1..=9u8 {
        let name = format!("s{n}.toml");
        let scores: Vec<String> = all_ids()
            .iter()
            .enumerate()
            .map(|(i, id)| format!("{id}={}", (i + usize::from(n)) % 4))
            .collect();
        let date = format!("{n:02}/11/2026");
        let mut args = vec![
            "score",
            &name,
            "--username",
            "Maximilian-Alexandra Featherstonehaugh",
            "--role-focus",
            "Generalist",
            "--assessment-type",
            "Self-assessment",
            "--date",
            &date,
        ];
        args.extend(scores.iter().map(String::as_str));
        ws.ok(&args);
        names.push(name);
        let mut chart = vec!["chart", "-o", "-"];
        chart.extend(names.iter().map(String::as_str));
        let svg = ws.ok(&chart);
        assert_every_text_inside(&svg, &format!("{n} sheets"));
    }

    // Another standard's long names.
    ws.write(
        "long.yaml",
        r#"id: long
title: "Long Names"
version: "0.1"
role_focuses: [Infrastructure and Operations Generalist Extraordinaire, Writer, Reviewer]
areas: [Documentation and Technical Writing Excellence, Continuous Integration Pipelines, Code]
scoring_key:
  - {score: 0, meaning: "None"}
  - {score: 1, meaning: "Some"}
  - {score: 2, meaning: "Good"}
  - {score: 3, meaning: "Expert"}
  - {score: n/a, meaning: "Not relevant"}
mentoring_types: [Mentee, Mentor]
assessment_types: [Self-assessment]
ksbs:
  - {id: K1, category: knowledge, title: "A", description: "a", stack_area: Code, areas: [Documentation and Technical Writing Excellence, Continuous Integration Pipelines, Code], role_focus: Infrastructure and Operations Generalist Extraordinaire}
  - {id: S1, category: skill, title: "B", description: "b", stack_area: Code, areas: [Code], role_focus: Writer}
  - {id: B1, category: behaviour, title: "C", description: "c", stack_area: Code, areas: [Code], role_focus: Reviewer}
"#,
    );
    let mut sheets = Vec::new();
    for n in 1..=6u8 {
        let name = format!("l{n}.toml");
        let date = format!("{n:02}/10/2026");
        ws.ok(&[
            "--standard",
            "long.yaml",
            "score",
            &name,
            "--username",
            "Ann",
            "--role-focus",
            "Writer",
            "--assessment-type",
            "Self-assessment",
            "--date",
            &date,
            "K1=2",
            "S1=3",
            "B1=1",
        ]);
        sheets.push(name);
        let mut chart = vec!["--standard", "long.yaml", "chart", "-o", "-"];
        chart.extend(sheets.iter().map(String::as_str));
        let svg = ws.ok(&chart);
        assert_every_text_inside(&svg, &format!("{n} sheets of long names"));
    }
}

/// What the bash completion of `ksb words…` offers for the last word.
fn bash_completes(ws: &Workspace, script: &str, words: &[&str]) -> Vec<String> {
    ws.write("ksb.bash", script);
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source ksb.bash; COMP_WORDS=(ksb {words}); COMP_CWORD={cword}; \
         _ksb ksb '{cur}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len(),
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &line])
        .current_dir(ws.file("."))
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_the_header_flags_with_the_standards_values() {
    let ws = Workspace::new();
    ws.write("Infra.toml", "");
    let script = ws.ok(&["completions", "bash"]);
    for command in ["score", "assess", "import"] {
        assert_eq!(
            bash_completes(&ws, &script, &[command, "x.toml", "--role-focus", "Inf"]),
            ["Infrastructure\\ Specialist"],
            "ksb {command} --role-focus"
        );
        assert_eq!(
            bash_completes(&ws, &script, &[command, "x.toml", "--mentoring-type", ""]),
            ["Mentee", "Mentor", "Peer\\ Support"]
        );
        assert_eq!(
            bash_completes(&ws, &script, &[command, "x.toml", "--assessment-type", "M"]),
            ["Mentor\\ review"]
        );
    }
}

#[test]
fn each_commands_help_and_man_page_begin_with_its_description_and_set_the_global_options_apart() {
    let ws = Workspace::new();
    let overview = ws.ok(&["--help"]);
    for name in SUBCOMMANDS {
        let help = ws.ok(&[name, "--help"]);
        let first = help.lines().next().unwrap();
        assert!(
            !first.starts_with("Arguments of"),
            "ksb {name} --help: {first}"
        );
        let listed = overview
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in ksb --help"));
        let start: String = first.chars().take(30).collect();
        assert!(
            listed.contains(&start),
            "ksb {name} --help begins with its description: {first:?} / {listed:?}"
        );
        let (own, global) = help
            .split_once("Global options:")
            .unwrap_or_else(|| panic!("ksb {name} --help has no Global options:\n{help}"));
        assert!(
            !own.contains("--standard") && !own.contains("--color"),
            "{help}"
        );
        assert!(
            global.contains("--standard") && global.contains("--color"),
            "{help}"
        );
    }
    std::fs::create_dir(ws.file("man1")).unwrap();
    ws.ok(&["man", "--dir", "man1"]);
    for entry in std::fs::read_dir(ws.file("man1")).unwrap() {
        let page = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!page.contains("Arguments of"), "{page}");
        assert!(page.contains(".SH \"GLOBAL OPTIONS\""), "{page}");
    }
    assert!(ws
        .read("man1/ksb-show.1")
        .contains("ksb\\-show \\- Show a sheet"));
}
