//! MediaWiki's own parser for the tests: a throw-away wiki set up once per test binary by
//! .ci/setup-mediawiki, pages rendered with maintenance/parse.php, and helpers that read the
//! HTML back as a reader sees it.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

const PARSE_PHP: &str = "/usr/share/mediawiki/maintenance/parse.php";

/// The LocalSettings.php of a throw-away wiki in target/mediawiki, set up once per test run by
/// .ci/setup-mediawiki; `None` (after a loud message) when PHP is missing outside CI.
pub fn mediawiki() -> Option<&'static Path> {
    static CONF: OnceLock<Option<PathBuf>> = OnceLock::new();
    CONF.get_or_init(|| {
        let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        let has_php = Command::new("php").arg("--version").output().is_ok();
        if !has_php && !in_ci {
            // Straight to stderr: the test harness would hide an eprintln! of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPING the MediaWiki checks: `php` is not installed. Run .ci/setup-mediawiki \
                 (Debian: mediawiki php-sqlite3 php-cli php-mbstring php-xml php-intl) to run them. ***\n"
            );
            return None;
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let output = Command::new(root.join(".ci/setup-mediawiki"))
            .arg(root.join("target/mediawiki"))
            .output()
            .expect("run .ci/setup-mediawiki");
        assert!(
            output.status.success(),
            ".ci/setup-mediawiki failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 path");
        Some(PathBuf::from(stdout.lines().last().expect("LocalSettings.php path")))
    })
    .as_deref()
}

/// Renders a wikitext file with MediaWiki's own parser, one page at a time.
pub fn render(conf: &Path, wikitext: &Path) -> Html {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let output = Command::new("php")
        .arg(PARSE_PHP)
        .arg("--quiet")
        .arg("--conf")
        .arg(conf)
        .arg(wikitext)
        .output()
        .expect("run parse.php");
    assert!(
        output.status.success(),
        "parse.php failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Html::parse_fragment(&String::from_utf8(output.stdout).expect("UTF-8 HTML"))
}

pub fn select<'a>(root: ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    root.select(&Selector::parse(selector).expect("selector"))
        .collect()
}

/// The text of a cell or list item as a reader sees it, `<br>` as a line break; any other
/// element or comment inside it is returned as an error.
pub fn plain_text(element: ElementRef) -> Result<String, String> {
    let mut text = String::new();
    for child in element.children() {
        match child.value() {
            Node::Text(t) => text.push_str(&t.replace('\n', "")),
            Node::Element(e) if e.name() == "br" => text.push('\n'),
            Node::Element(e) => return Err(format!("<{}> in {:?}", e.name(), element.html())),
            other => return Err(format!("{other:?} in {:?}", element.html())),
        }
    }
    Ok(text)
}
