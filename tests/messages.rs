//! Error messages say what is wrong once and where: a dangling link is called one (not a file
//! "created by another program"), and a config error carries the line and column of the key.

use crate::common::Workspace;

#[cfg(unix)]
#[test]
fn a_sheet_behind_a_dangling_link_is_called_a_dangling_link() {
    let ws = Workspace::new();
    std::os::unix::fs::symlink("nowhere.toml", ws.file("me.toml")).unwrap();
    let err = ws.fails(
        1,
        &[
            "score",
            "me.toml",
            "--username",
            "Alice",
            "--role-focus",
            "Generalist",
            "K1=2",
        ],
    );
    assert_eq!(
        err,
        "ksb: error: saving sheet 'me.toml': it is a dangling symbolic link (to 'nowhere.toml', which does not exist)\n"
    );
    assert!(!ws.file("nowhere.toml").exists());
    let err = ws.fails(1, &["show", "me.toml"]);
    assert_eq!(
        err,
        "ksb: error: reading sheet 'me.toml': it is a dangling symbolic link (to 'nowhere.toml', which does not exist)\n"
    );
}

#[test]
fn an_unknown_key_in_the_wiki_table_is_named_at_its_own_line() {
    let ws = Workspace::new();
    ws.write(
        "config.toml",
        "username = \"Alice\"\n[wiki]\nurl = \"https://wiki.example.org/w/api.php\"\n\nuesr = \"Alice\"\n",
    );
    let err = ws
        .ksb(&["standard"])
        .env("KSB_CONFIG", "config.toml")
        .output()
        .unwrap();
    let stderr = String::from_utf8(err.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "ksb: error: reading config file 'config.toml': line 5, column 1: unknown key 'wiki.uesr'"
        ),
        "{stderr}"
    );
}
