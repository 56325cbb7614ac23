//! The statically linked `ksb` that scripts/build-static makes (musl) does what the usual build
//! does: the built-in standard, a summary, and the wiki reached by the host name `localhost`,
//! which musl resolves itself (/etc/hosts) where glibc would load NSS libraries.
//!
//! The binary is named by `KSB_STATIC`; without it the test says SKIPPING (and fails under
//! `CI=true`, where .ci/run builds it first):
//! `KSB_STATIC="$(scripts/build-static)" cargo test --test static_build`.
// Unix: the wiki's password file is made private with a file mode.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::PathBuf;
use std::process::Command;

use crate::common::wiki_server::{TestWiki, ADMIN};
use crate::common::{fixture, Workspace};

/// The static binary to test, if one is named.
fn static_ksb() -> Option<PathBuf> {
    match std::env::var_os("KSB_STATIC") {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var_os("CI").is_some_and(|v| v == "true") => {
            panic!("CI=true: KSB_STATIC must name the binary scripts/build-static made")
        }
        None => {
            eprintln!("SKIPPING: KSB_STATIC is not set (KSB_STATIC=\"$(scripts/build-static)\")");
            None
        }
    }
}

#[test]
fn the_static_binary_is_static_and_does_what_the_usual_one_does() {
    let Some(ksb) = static_ksb() else {
        return;
    };
    let headers = Command::new("readelf")
        .args(["-l", "--wide"])
        .arg(&ksb)
        .output()
        .expect("run readelf");
    let headers = String::from_utf8_lossy(&headers.stdout);
    assert!(headers.contains("LOAD"), "an ELF binary: {headers}");
    assert!(
        !headers.contains("INTERP"),
        "no dynamic loader, so no C library from the system: {headers}"
    );

    let ws = Workspace::new();
    assert_eq!(ws.ok_with(&ksb, &["standard"]), ws.ok(&["standard"]));
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let summary = ws.ok_with(&ksb, &["summary", "me.toml", "--by", "all"]);
    assert!(summary.contains("Username: ExampleUser"), "{summary}");
    assert_eq!(summary, ws.ok(&["summary", "me.toml", "--by", "all"]));
}

#[test]
fn the_static_binary_reaches_the_wiki_by_host_name() {
    let Some(ksb) = static_ksb() else {
        return;
    };
    let Some(wiki) = TestWiki::start() else {
        return;
    };
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.file(".config/ksb")).unwrap();
    let secret = "abcdefghijklmnopqrstuvw012345678";
    let user = wiki.bot_password(ADMIN, "ksb", secret);
    let password = ws.write("bot-password", &format!("{secret}\n"));
    std::fs::set_permissions(&password, std::fs::Permissions::from_mode(0o600)).unwrap();
    let by_name = wiki.api().replace("://127.0.0.1:", "://localhost:");
    assert!(by_name.starts_with("http://localhost:"), "{by_name}");
    ws.write(
        ".config/ksb/config.toml",
        &format!(
            "[wiki]\nurl = \"{by_name}\"\nuser = \"{user}\"\npassword_file = \"{}\"\n",
            password.display()
        ),
    );
    std::fs::copy(fixture("example.toml"), ws.file("me.toml")).unwrap();
    let published = ws.ok_with(&ksb, &["wiki", "publish", "me.toml"]);
    assert!(published.contains("Published"), "{published}");
    let status = ws.ok_with(&ksb, &["wiki", "status", "me.toml"]);
    assert_eq!(status, ws.ok(&["wiki", "status", "me.toml"]));
    assert!(status.starts_with("Up to date\n"), "{status}");
}
