//! `ksb wiki` when the network or the server misbehaves: a tiny scripted HTTP server on
//! 127.0.0.1 answers each request in turn (500 then 200, 429, `maxlag`, 503 for ever, a cohort
//! cut off half way), and a closed port stands for an unreachable wiki.
// Unix: password files made private with file modes.
#![cfg(unix)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::common::wiki_server::free_port;
use crate::common::{fixture, Workspace};
use serde_json::json;

/// One scripted answer: status, extra headers, body; or, when `hang`, no answer at all for
/// three seconds (then the connection is closed).
struct Reply {
    status: u16,
    headers: &'static str,
    body: String,
    hang: bool,
}

fn ok(body: serde_json::Value) -> Reply {
    Reply {
        status: 200,
        headers: "Content-Type: application/json\r\n",
        body: body.to_string(),
        hang: false,
    }
}

fn status(status: u16, headers: &'static str) -> Reply {
    Reply {
        status,
        headers,
        body: "busy".into(),
        hang: false,
    }
}

/// A server on 127.0.0.1 that answers one request per connection with the next reply, and
/// stops after the last; the request lines it saw come back from `join`.
struct Scripted {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
    thread: JoinHandle<()>,
}

impl Scripted {
    fn start(replies: Vec<Reply>) -> Scripted {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let url = format!("http://{}/api.php", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let thread = std::thread::spawn(move || {
            let mut handlers = Vec::new();
            for reply in replies {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let log = Arc::clone(&log);
                handlers.push(std::thread::spawn(move || answer(stream, &reply, &log)));
            }
            for handler in handlers {
                handler.join().unwrap();
            }
        });
        Scripted { url, seen, thread }
    }

    fn join(self) -> Vec<String> {
        self.thread.join().unwrap();
        Arc::try_unwrap(self.seen).unwrap().into_inner().unwrap()
    }
}

/// Reads one request from `stream`, logs what the tests look at, and sends `reply`.
fn answer(stream: std::net::TcpStream, reply: &Reply, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        let lower = header.to_ascii_lowercase();
        if lower.starts_with("authorization:") || lower.starts_with("user-agent:") {
            log.lock().unwrap().push(header.trim().to_string());
        }
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse().unwrap();
        }
        if header == "\r\n" || header.is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    log.lock().unwrap().push(line.trim().to_string());
    // The conflict guards of an edit, as sent (never the text or the token).
    for pair in String::from_utf8_lossy(&body).split('&') {
        let guards = [
            "baserevid=",
            "basetimestamp=",
            "starttimestamp=",
            "nocreate=",
            "createonly=",
            "assert=",
        ];
        if guards.iter().any(|g| pair.starts_with(g)) {
            log.lock().unwrap().push(pair.to_string());
        }
    }
    if reply.hang {
        std::thread::sleep(std::time::Duration::from_secs(3));
        return;
    }
    let mut stream = reader.into_inner();
    let _ = write!(
        stream,
        "HTTP/1.1 {} X\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        reply.status,
        reply.headers,
        reply.body.len(),
        reply.body
    );
}

/// The wikitext of the example sheet, as a page on the wiki holds it.
fn sheet_page(ws: &Workspace, username: &str) -> String {
    ws.ok(&[
        "export",
        fixture("example.toml").to_str().unwrap(),
        "--notes",
    ])
    .replace("ExampleUser", username)
}

fn pages(ws: &Workspace, titles: &[String]) -> serde_json::Value {
    let pages: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            json!({"title": title, "revisions": [{"revid": 100 + i, "user": "Mentor",
                "timestamp": "2026-12-01T00:00:00Z", "slots": {"main": {"content": sheet_page(ws, &format!("User{i:02}"))}}}]})
        })
        .collect();
    json!({"curtimestamp": "2026-12-01T00:00:00Z", "query": {"pages": pages}})
}

#[test]
fn a_server_that_answers_500_then_200_is_asked_again() {
    let ws = Workspace::new();
    let page = pages(&ws, &["Sheet".to_string()]);
    let server = Scripted::start(vec![status(500, ""), ok(page)]);
    let out = ws.ok(&[
        "wiki",
        "--wiki",
        &server.url,
        "pull",
        "Sheet",
        "-o",
        "s.toml",
    ]);
    assert_eq!(out, "Pulled 1 of 1 page into s.toml (2 requests)\n");
    let seen = server.join();
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert!(
        seen[0].starts_with("user-agent: ksb/") || seen[1].starts_with("user-agent: ksb/"),
        "{seen:?}"
    );
    assert!(
        seen.iter()
            .any(|l| l.starts_with("GET /api.php?action=query&prop=revisions")),
        "{seen:?}"
    );
    assert!(ws.read("s.toml").contains("username = \"User00\""));
}

#[test]
fn too_many_requests_and_maxlag_wait_as_told() {
    let ws = Workspace::new();
    let page = pages(&ws, &["Sheet".to_string()]);
    let maxlag = Reply {
        status: 200,
        headers: "Content-Type: application/json\r\nRetry-After: 0\r\n",
        body: json!({"error": {"code": "maxlag", "info": "Waiting for a database server: 6 seconds lagged."}}).to_string(),
        hang: false,
    };
    let server = Scripted::start(vec![status(429, "Retry-After: 0\r\n"), maxlag, ok(page)]);
    let out = ws.ok(&[
        "wiki",
        "--wiki",
        &server.url,
        "pull",
        "Sheet",
        "-o",
        "s.toml",
    ]);
    assert_eq!(out, "Pulled 1 of 1 page into s.toml (3 requests)\n");
    assert_eq!(server.join().len(), 6);
}

#[test]
fn a_server_that_keeps_failing_is_given_up_on_in_one_line() {
    let ws = Workspace::new();
    let busy = || status(503, "Retry-After: 0\r\n");
    let server = Scripted::start(vec![busy(), busy(), busy(), busy()]);
    let err = ws.fails(
        1,
        &[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "Sheet",
            "-o",
            "s.toml",
        ],
    );
    assert_eq!(
        err,
        format!(
            "ksb: error: the wiki at {} kept failing (4 tries): HTTP 503\n",
            server.url
        )
    );
    assert_eq!(server.join().len(), 8);
    assert!(!ws.file("s.toml").exists());
}

#[test]
fn a_cohort_pull_cut_off_half_way_writes_nothing_and_says_how_far_it_got() {
    let ws = Workspace::new();
    let titles: Vec<String> = (0..60).map(|i| format!("Cohort/Sheet {i:02}")).collect();
    let site = json!({"query": {"namespaces": {"0": {"id": 0, "name": ""}, "2": {"id": 2, "name": "User", "canonical": "User"}}}});
    let listed: Vec<_> = titles
        .iter()
        .map(|t| json!({"ns": 0, "title": t}))
        .collect();
    let busy = || status(503, "Retry-After: 0\r\n");
    let server = Scripted::start(vec![
        ok(site),
        ok(json!({"query": {"allpages": listed}})),
        ok(pages(&ws, &titles[..50])),
        busy(),
        busy(),
        busy(),
        busy(),
    ]);
    let err = ws.fails(
        1,
        &[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "--prefix",
            "Cohort/",
            "-o",
            "cohort",
        ],
    );
    assert!(
        err.starts_with(
            "ksb: error: read 50 of 60 pages before the wiki failed; no sheet written: "
        ),
        "{err}"
    );
    let seen = server.join();
    assert!(
        seen.iter()
            .any(|l| l.contains("list=allpages&apnamespace=0&apprefix=Cohort%2F")),
        "{seen:?}"
    );
    let written = std::fs::read_dir(ws.file("cohort")).unwrap().count();
    assert_eq!(written, 0);
}

#[test]
fn an_unreachable_wiki_and_a_plain_http_url_are_refused_at_once() {
    let ws = Workspace::new();
    let url = format!("http://127.0.0.1:{}/api.php", free_port());
    let err = ws.fails(1, &["wiki", "--wiki", &url, "pull", "Sheet"]);
    assert!(
        err.starts_with(&format!("ksb: error: cannot reach the wiki at {url}: ")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let err = ws.fails(
        1,
        &[
            "wiki",
            "--wiki",
            "http://wiki.example.org/w/api.php",
            "pull",
            "Sheet",
        ],
    );
    assert_eq!(err, "ksb: error: wiki URL 'http://wiki.example.org/w/api.php' is plain http://: use https:// (http:// only for localhost and 127.0.0.1)\n");
    let err = ws.fails(1, &["wiki", "pull", "Sheet"]);
    assert!(err.contains("no wiki given: pass --wiki URL"), "{err}");
}

#[test]
fn an_oauth_token_is_sent_as_a_bearer_header_from_a_private_file_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let ws = Workspace::new();
    let token = ws.write("token", "secret-oauth-token\n");
    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600)).unwrap();
    let page = pages(&ws, &["Sheet".to_string()]);
    let server = Scripted::start(vec![ok(page)]);
    let output = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "Sheet",
            "-o",
            "s.toml",
        ])
        .env("KSB_WIKI_TOKEN_FILE", &token)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("secret-oauth-token"));
    let seen = server.join();
    assert!(
        seen.contains(&"authorization: Bearer secret-oauth-token".to_string()),
        "{seen:?}"
    );
    assert!(
        seen.contains(&format!(
            "user-agent: ksb/{} (KSB skills assessment CLI)",
            env!("CARGO_PKG_VERSION")
        )),
        "{seen:?}"
    );

    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = ws
        .ksb(&["wiki", "--wiki", &server_url_unused(), "pull", "Sheet"])
        .env("KSB_WIKI_TOKEN_FILE", &token)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        err.contains("the wiki token file") && err.contains("can be read by others (mode 0640)"),
        "{err}"
    );
    assert!(!err.contains("secret-oauth-token"), "{err}");
}

/// A local URL nothing answers on: a test that must fail before any request uses it.
fn server_url_unused() -> String {
    format!("http://127.0.0.1:{}/api.php", free_port())
}

#[test]
fn mediawikis_refusals_of_an_edit_are_named_and_the_sheet_is_untouched() {
    use std::os::unix::fs::PermissionsExt as _;
    let ws = Workspace::new();
    let token = ws.write("token", "t0ken\n");
    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let exported = ws.ok(&["export", "me.toml", "--notes"]);
    let digest = {
        use sha2::Digest as _;
        use std::fmt::Write as _;
        sha2::Sha256::digest(exported.as_bytes())
            .iter()
            .fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            })
    };
    let sheet = format!(
        "{}\n[wiki]\npage = \"Sheet\"\nrevision = 5\npublished = \"{digest}\"\n",
        ws.read("me.toml")
    );
    ws.write("me.toml", &sheet);
    ws.ok(&["score", "me.toml", "K3=2"]);
    let before = ws.read("me.toml");
    let current = json!({"curtimestamp": "2026-12-01T00:00:09Z", "query": {"pages": [{"title": "Sheet",
        "revisions": [{"revid": 5, "user": "Me", "timestamp": "2026-12-01T00:00:00Z", "slots": {"main": {"content": exported}}}]}]}});
    let csrf = json!({"query": {"tokens": {"csrftoken": "abc+\\"}}});
    for (answer, expected) in [
        (
            json!({"error": {"code": "editconflict", "info": "Edit conflict."}}),
            "the wiki refused: editconflict: Edit conflict.; page 'Sheet' was edited on the wiki while publishing and is untouched",
        ),
        (
            json!({"error": {"code": "abusefilter-disallowed", "info": "This action has been automatically identified as harmful."}}),
            "the wiki refused: abusefilter-disallowed: This action has been automatically identified as harmful.",
        ),
    ] {
        let server = Scripted::start(vec![ok(current.clone()), ok(csrf.clone()), ok(answer)]);
        let output = ws
            .ksb(&["wiki", "--wiki", &server.url, "publish", "me.toml"])
            .env("KSB_WIKI_TOKEN_FILE", &token)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{err}");
        assert!(err.starts_with("ksb: error: publishing 'me.toml' to page 'Sheet': "), "{err}");
        assert!(err.contains(expected), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        let seen = server.join();
        for sent in [
            "POST /api.php HTTP/1.1",
            "baserevid=5",
            "basetimestamp=2026-12-01T00%3A00%3A00Z",
            "starttimestamp=2026-12-01T00%3A00%3A09Z",
            "nocreate=1",
            "assert=user",
        ] {
            assert!(seen.iter().any(|l| l == sent), "{sent} not in {seen:?}");
        }
        assert_eq!(ws.read("me.toml"), before);
    }
}

#[test]
fn a_wiki_that_does_not_answer_in_time_is_asked_again() {
    let ws = Workspace::new();
    let page = pages(&ws, &["Sheet".to_string()]);
    let silent = Reply {
        status: 0,
        headers: "",
        body: String::new(),
        hang: true,
    };
    let server = Scripted::start(vec![silent, ok(page)]);
    let out = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "Sheet",
            "-o",
            "s.toml",
        ])
        .env("KSB_WIKI_TIMEOUT", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Pulled 1 of 1 page into s.toml (2 requests)\n"
    );
    server.join();

    let err = ws
        .ksb(&["wiki", "--wiki", &server_url_unused(), "pull", "Sheet"])
        .env("KSB_WIKI_TIMEOUT", "0")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&err.stderr),
        "ksb: error: wiki timeout '0' from environment variable KSB_WIKI_TIMEOUT must be a whole number of seconds from 1 to 600\n"
    );
}

#[test]
fn a_page_created_by_someone_else_while_publishing_is_not_overwritten() {
    use std::os::unix::fs::PermissionsExt as _;
    let ws = Workspace::new();
    let token = ws.write("token", "t0ken\n");
    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let missing = json!({"curtimestamp": "2026-12-01T00:00:09Z", "query": {"pages": [{"title": "New page", "missing": true}]}});
    let csrf = json!({"query": {"tokens": {"csrftoken": "abc+\\"}}});
    let exists = json!({"error": {"code": "articleexists", "info": "The article you tried to create has been created already."}});
    let server = Scripted::start(vec![ok(missing), ok(csrf), ok(exists)]);
    let output = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &server.url,
            "publish",
            "me.toml",
            "--page",
            "New page",
        ])
        .env("KSB_WIKI_TOKEN_FILE", &token)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("articleexists: The article you tried to create has been created already.; page 'New page' was created by someone else while publishing and is untouched"), "{err}");
    let seen = server.join();
    assert!(seen.iter().any(|l| l == "createonly=1"), "{seen:?}");
    assert!(
        !seen.iter().any(|l| l.starts_with("baserevid=")),
        "{seen:?}"
    );
    assert!(!ws.read("me.toml").contains("[wiki]"));
}

/// How many requests a server's log holds.
fn requests(seen: Vec<String>) -> usize {
    seen.iter()
        .filter(|l| l.starts_with("GET ") || l.starts_with("POST "))
        .count()
}

/// A site-info answer with the main and User namespaces.
fn site() -> serde_json::Value {
    json!({"query": {"namespaces": {"0": {"id": 0, "name": ""}, "2": {"id": 2, "name": "User", "canonical": "User"}}}})
}

/// A listing answer of `titles`, continued with `token` when given.
fn listing(titles: &[String], token: Option<&str>) -> serde_json::Value {
    let listed: Vec<_> = titles
        .iter()
        .map(|t| json!({"ns": 0, "title": t}))
        .collect();
    match token {
        Some(token) => {
            json!({"continue": {"apcontinue": token, "continue": "-||"}, "query": {"allpages": listed}})
        }
        None => json!({"query": {"allpages": listed}}),
    }
}

#[test]
fn a_listing_whose_continuation_repeats_ends_in_one_line() {
    let ws = Workspace::new();
    let one = vec!["Cohort/A".to_string()];
    let server = Scripted::start(vec![
        ok(site()),
        ok(listing(&one, Some("B"))),
        ok(listing(&one, Some("B"))),
    ]);
    let err = ws.fails(
        1,
        &[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "--prefix",
            "Cohort/",
            "-o",
            "c",
        ],
    );
    assert_eq!(
        err,
        "ksb: error: listing the pages under 'Cohort/': the wiki's listing went back to where it had been (a repeated continuation) after 2 requests; stopped\n"
    );
    assert_eq!(requests(server.join()), 3);
    assert!(!ws.file("c").exists() || std::fs::read_dir(ws.file("c")).unwrap().count() == 0);
}

#[test]
fn an_endless_listing_stops_at_the_request_limit_and_a_huge_one_at_the_page_limit() {
    let ws = Workspace::new();
    let one = vec!["Cohort/A".to_string()];
    let mut replies = vec![ok(site())];
    replies.extend((0..5).map(|i| ok(listing(&one, Some(&format!("T{i}"))))));
    let server = Scripted::start(replies);
    let out = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "--prefix",
            "Cohort/",
            "-o",
            "c",
        ])
        .env("KSB_WIKI_MAX_REQUESTS", "5")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ksb: error: listing the pages under 'Cohort/': the wiki's listing did not end within 5 requests; stopped (raise `max_requests` under [wiki] for a larger cohort)\n"
    );
    assert_eq!(requests(server.join()), 6);

    let many: Vec<String> = (0..150).map(|i| format!("Cohort/{i}")).collect();
    let server = Scripted::start(vec![ok(site()), ok(listing(&many, None))]);
    let out = ws
        .ksb(&[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "--prefix",
            "Cohort/",
            "-o",
            "c",
        ])
        .env("KSB_WIKI_MAX_PAGES", "100")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ksb: error: listing the pages under 'Cohort/': the wiki listed more than 100 pages; stopped (raise `max_pages` under [wiki] for a larger cohort)\n"
    );
    server.join();
}

#[test]
fn a_page_answer_that_continues_in_a_circle_ends_status_in_one_line() {
    let ws = Workspace::new();
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let sheet = format!(
        "{}\n[wiki]\npage = \"Sheet\"\nrevision = 5\npublished = \"{}\"\n",
        ws.read("me.toml"),
        "0".repeat(64)
    );
    ws.write("me.toml", &sheet);
    let circle = || {
        ok(
            json!({"continue": {"rvcontinue": "5|6", "continue": "||"}, "curtimestamp": "2026-12-01T00:00:00Z",
            "query": {"pages": [{"title": "Sheet", "revisions": [{"revid": 6, "user": "X", "timestamp": "2026-12-01T00:00:00Z"}]}]}}),
        )
    };
    let server = Scripted::start(vec![circle(), circle()]);
    let err = ws.fails(1, &["wiki", "--wiki", &server.url, "status", "me.toml"]);
    assert_eq!(
        err,
        "ksb: error: reading page 'Sheet': the wiki's answer went back to where it had been (a repeated continuation); stopped\n"
    );
    server.join();
}

#[test]
fn values_that_cannot_go_into_a_request_are_refused_in_one_line_without_a_panic() {
    let ws = Workspace::new();
    let url = server_url_unused();
    let out = ws
        .ksb(&["wiki", "--wiki", &url, "pull", "Sheet"])
        .env("KSB_WIKI_USER", "Me\r\nX-Evil: 1@ksb")
        .env("KSB_WIKI_PASSWORD", "secret-password")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        "ksb: error: the wiki user 'Me\\r\\nX-Evil: 1@ksb' cannot be sent to the wiki: it holds a line break or another control character\n"
    );
    for bad in [
        "http://[::1]evil.example/api.php",
        "https://exa mple.org/api.php",
        "https://[zz]/api.php",
    ] {
        let err = ws.fails(1, &["wiki", "--wiki", bad, "pull", "Sheet"]);
        assert!(
            err.starts_with(&format!("ksb: error: wiki URL '{bad}' is not a URL")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn a_redirect_names_where_it_points() {
    let ws = Workspace::new();
    let server = Scripted::start(vec![status(
        302,
        "Location: https://wiki.example.org/w/api.php\r\n",
    )]);
    let err = ws.fails(
        1,
        &[
            "wiki",
            "--wiki",
            &server.url,
            "pull",
            "Sheet",
            "-o",
            "s.toml",
        ],
    );
    assert_eq!(
        err,
        format!(
            "ksb: error: the wiki at {} answered HTTP 302, a redirect to 'https://wiki.example.org/w/api.php', which ksb does not follow: give that address as the wiki URL if it is the wiki's\n",
            server.url
        )
    );
    server.join();
    assert!(!ws.file("s.toml").exists());
}

#[test]
fn a_404_from_an_address_that_is_not_api_php_says_what_address_is_wanted() {
    let ws = Workspace::new();
    let server = Scripted::start(vec![status(404, "")]);
    let url = server.url.replace("/api.php", "/wiki/Main_Page");
    let err = ws.fails(
        1,
        &["wiki", "--wiki", &url, "pull", "Sheet", "-o", "s.toml"],
    );
    assert_eq!(
        err,
        format!(
            "ksb: error: the wiki at {url} answered HTTP 404: the wiki URL is the address of its api.php, such as https://example.org/w/api.php\n"
        )
    );
    server.join();
}
