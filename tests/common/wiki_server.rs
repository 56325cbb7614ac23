//! A real MediaWiki served on 127.0.0.1 for the `ksb wiki` tests: each [`TestWiki`] is its own
//! copy of the throw-away SQLite wiki of .ci/setup-mediawiki, served by PHP's built-in server
//! on a free port and stopped when dropped, so tests do not see each other's edits and run in
//! parallel. Every request the server answers is logged, for the tests that count them.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::mediawiki::mediawiki;

const MW: &str = "/usr/share/mediawiki";

/// The wiki's administrator, created by .ci/setup-mediawiki.
pub const ADMIN: &str = "Admin";
/// The administrator's password.
pub const ADMIN_PASSWORD: &str = "KsbThrowAway-Passw0rd!";

/// Runs `api.php` and `index.php` of Debian's MediaWiki with the copy's LocalSettings.php,
/// logging each request's method and action (never a POST body: it may hold a password), and
/// serves the copy's uploads and their thumbnails (made when a page is parsed) from /images/.
const ROUTER: &str = r#"<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$action = $_GET['action'] ?? $_POST['action'] ?? '';
$what = $_GET['list'] ?? $_GET['prop'] ?? $_GET['meta'] ?? '';
file_put_contents(getenv('KSB_TEST_LOG'), $_SERVER['REQUEST_METHOD'] . " $path $action $what\n", FILE_APPEND | LOCK_EX);
define('MW_CONFIG_FILE', getenv('KSB_TEST_CONF'));
if ($path === '/api.php' || $path === '/index.php') {
    chdir('/usr/share/mediawiki');
    require '/usr/share/mediawiki' . $path;
    return true;
}
$file = dirname(getenv('KSB_TEST_CONF')) . rawurldecode($path);
if (str_starts_with($path, '/images/') && !str_contains($path, '..') && is_file($file)) {
    $types = ['png' => 'image/png', 'svg' => 'image/svg+xml'];
    header('Content-Type: ' . ($types[pathinfo($file, PATHINFO_EXTENSION)] ?? 'application/octet-stream'));
    readfile($file);
    return true;
}
http_response_code(404);
echo "not found\n";
"#;

/// A running copy of the test wiki; the server is killed and the copy removed on drop.
pub struct TestWiki {
    dir: tempfile::TempDir,
    server: Child,
    port: u16,
}

impl TestWiki {
    /// A fresh copy of the wiki, served and answering; `None` when PHP is missing outside CI
    /// (the tests then skip, loudly: see [`mediawiki`]).
    pub fn start() -> Option<TestWiki> {
        let base = mediawiki()?.parent().expect("wiki folder").to_path_buf();
        let mut dir = tempfile::tempdir().expect("temporary folder");
        for name in [
            "my_wiki.sqlite",
            "my_wiki_jobqueue.sqlite",
            "my_wiki_l10n_cache.sqlite",
            "wikicache.sqlite",
        ] {
            std::fs::copy(base.join(name), dir.path().join(name)).expect("copy the wiki");
        }
        let base_settings =
            std::fs::read_to_string(base.join("LocalSettings.php")).expect("LocalSettings.php");
        std::fs::write(dir.path().join("router.php"), ROUTER).expect("write router");
        // A free port can be taken by another test's server between finding and binding it:
        // then this server exits, or the probe lands in the other one's log, and a new port is
        // tried.
        for _ in 0..5 {
            let port = free_port();
            let settings = relocate(&base_settings, &base, dir.path(), port);
            std::fs::write(dir.path().join("LocalSettings.php"), settings).expect("write settings");
            let server = Command::new("php")
                .arg("-S")
                .arg(format!("127.0.0.1:{port}"))
                .arg("-t")
                .arg(MW)
                .arg(dir.path().join("router.php"))
                .env("KSB_TEST_CONF", dir.path().join("LocalSettings.php"))
                .env("KSB_TEST_LOG", dir.path().join("requests.log"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start php -S");
            let mut wiki = TestWiki { dir, server, port };
            if wiki.answers() {
                return Some(wiki);
            }
            let _ = wiki.server.kill();
            let _ = wiki.server.wait();
            dir = std::mem::replace(
                &mut wiki.dir,
                tempfile::tempdir().expect("temporary folder"),
            );
        }
        panic!("php -S did not start on a free port of 127.0.0.1");
    }

    /// Waits until this server (not another test's on the same port) answers a request.
    fn answers(&mut self) -> bool {
        use std::io::{Read as _, Write as _};
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if self.server.try_wait().expect("php -S status").is_some() {
                return false;
            }
            if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
                let probe = "GET /ksb-probe HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
                let mut answer = String::new();
                if stream.write_all(probe.as_bytes()).is_ok()
                    && stream.read_to_string(&mut answer).is_ok()
                {
                    return self
                        .requests()
                        .iter()
                        .any(|line| line.contains("/ksb-probe"));
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// The wiki's api.php.
    pub fn api(&self) -> String {
        format!("http://127.0.0.1:{}/api.php", self.port)
    }

    /// The copy's LocalSettings.php, for maintenance scripts.
    pub fn conf(&self) -> PathBuf {
        self.dir.path().join("LocalSettings.php")
    }

    /// Runs a maintenance script on the copy, with `stdin` as its input; returns its stdout.
    pub fn maintenance(&self, script: &str, args: &[&str], stdin: &str) -> String {
        use std::io::Write as _;
        let mut child = Command::new("php")
            .arg(Path::new(MW).join("maintenance").join(script))
            .arg("--conf")
            .arg(self.conf())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run a maintenance script");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        let output = child.wait_with_output().expect("maintenance script");
        assert!(
            output.status.success(),
            "{script} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// A bot password for `user` (grants basic, editpage, createeditmovepage, and uploadfile
    /// and uploadeditmovefile to upload files and new versions of them); returns the login
    /// name `user@appid`.
    pub fn bot_password(&self, user: &str, appid: &str, password: &str) -> String {
        self.maintenance(
            "createBotPassword.php",
            &[
                "--appid",
                appid,
                "--grants",
                "basic,editpage,createeditmovepage,uploadfile,uploadeditmovefile",
                user,
                password,
            ],
            "",
        );
        format!("{user}@{appid}")
    }

    /// A new user of the wiki.
    pub fn user(&self, name: &str) {
        self.maintenance("createAndPromote.php", &[name, "Another-Passw0rd!"], "");
    }

    /// Saves `text` to `title` as `user`.
    pub fn edit(&self, title: &str, user: &str, text: &str) {
        self.maintenance(
            "edit.php",
            &["--user", user, "--summary", "by hand", title],
            text,
        );
    }

    /// Creates many pages at once, each file of `folder` named after its page (with `prefix`
    /// in front), in one PHP run.
    pub fn import_pages(&self, folder: &Path, prefix: &str) {
        let files: Vec<String> = std::fs::read_dir(folder)
            .expect("pages folder")
            .map(|entry| entry.expect("entry").path().display().to_string())
            .collect();
        let mut args = vec!["--prefix", prefix, "--user", ADMIN];
        args.extend(files.iter().map(String::as_str));
        self.maintenance("importTextFiles.php", &args, "");
    }

    /// Saves `text` to `title` through an XML import that skips MediaWiki's parser (and so the
    /// link tables): for a page too hostile to render in a test's time.
    pub fn import_unparsed(&self, title: &str, text: &str) {
        let escape = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let xml = format!(
            "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\" xml:lang=\"en\">\n\
             <page><title>{}</title><ns>0</ns><revision><timestamp>2026-12-01T00:00:00Z</timestamp>\
             <contributor><username>{ADMIN}</username></contributor><model>wikitext</model><format>text/x-wiki</format>\
             <text xml:space=\"preserve\">{}</text></revision></page>\n</mediawiki>\n",
            escape(title),
            escape(text)
        );
        let dump = self.dir.path().join("import.xml");
        std::fs::write(&dump, xml).expect("write the dump");
        self.maintenance(
            "importDump.php",
            &["--no-updates", dump.to_str().expect("UTF-8 path")],
            "",
        );
    }

    /// Uploads `bytes` as the file `title` (`File:` included) as `user`, through
    /// importImages.php, as someone uploading by hand would.
    pub fn upload(&self, title: &str, user: &str, bytes: &[u8]) {
        let name = title.strip_prefix("File:").unwrap_or(title);
        let folder = self.dir.path().join("to-upload");
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("upload folder");
        std::fs::write(folder.join(name), bytes).expect("write the file");
        self.maintenance(
            "importImages.php",
            &[
                "--user",
                user,
                "--comment",
                "by hand",
                "--overwrite",
                folder.to_str().expect("UTF-8 path"),
            ],
            "",
        );
    }

    /// GETs `path_and_query` from the wiki's server (a path such as `/api.php?…` or an
    /// upload's `/images/…`), returning the status, the Content-Type and the body.
    pub fn get(&self, path_and_query: &str) -> (u16, String, Vec<u8>) {
        let url = if path_and_query.starts_with("http") {
            path_and_query.to_string()
        } else {
            format!("http://127.0.0.1:{}{path_and_query}", self.port)
        };
        let response = ureq::get(&url)
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .expect("GET from the wiki");
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = response
            .into_body()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .expect("read the answer");
        (status, kind, body)
    }

    /// The page's wikitext as the wiki has it.
    pub fn text(&self, title: &str) -> String {
        self.maintenance("getText.php", &[title], "")
    }

    /// The requests the server answered so far, one line each: method, path, action, what.
    pub fn requests(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("requests.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// The base wiki's LocalSettings.php for a copy in `dir` served on `port`, with rate limits off.
fn relocate(settings: &str, base: &Path, dir: &Path, port: u16) -> String {
    let settings = settings
        .replace(
            &format!("$wgSQLiteDataDir = \"{}\";", base.display()),
            &format!("$wgSQLiteDataDir = \"{}\";", dir.display()),
        )
        .replace(
            "$wgServer = \"http://localhost\";",
            &format!("$wgServer = \"http://127.0.0.1:{port}\";"),
        );
    assert!(
        settings.contains(&format!("$wgSQLiteDataDir = \"{}\";", dir.display())),
        "LocalSettings.php not relocated"
    );
    format!("{settings}\n# Added by the ksb tests\n$wgRateLimits = [];\n$wgEnableBotPasswords = true;\n")
}

impl Drop for TestWiki {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// A workspace whose `ksb` talks to `wiki` as a bot of the wiki's administrator, with the bot
/// password in a 0600 file and the wiki in its config file.
#[cfg(unix)]
pub fn logged_in(wiki: &TestWiki) -> super::Workspace {
    use std::os::unix::fs::PermissionsExt as _;
    let ws = super::Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).expect("config folder");
    let user = wiki.bot_password(ADMIN, "ksb", "abcdefghijklmnopqrstuvw012345678");
    let password = ws.write("bot-password", "abcdefghijklmnopqrstuvw012345678\n");
    std::fs::set_permissions(&password, std::fs::Permissions::from_mode(0o600))
        .expect("chmod the password file");
    ws.write(
        ".config/ksb/config.toml",
        &format!(
            "[wiki]\nurl = \"{}\"\nuser = \"{user}\"\npassword_file = \"{}\"\n",
            wiki.api(),
            password.display()
        ),
    );
    ws
}

/// A port on 127.0.0.1 that nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .expect("bind 127.0.0.1:0")
        .local_addr()
        .expect("local address")
        .port()
}
