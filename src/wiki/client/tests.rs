//! Unit tests of `client`.

use super::*;

#[test]
fn only_https_or_a_local_http_url_is_taken() {
    assert!(check_url("https://meta.miraheze.org/w/api.php").is_ok());
    assert!(check_url("http://127.0.0.1:8080/api.php").is_ok());
    assert!(check_url("http://localhost/api.php").is_ok());
    assert!(check_url("http://[::1]:99/api.php").is_ok());
    for bad in [
        "http://example.org/w/api.php",
        "http://127.0.0.1.example.org/api.php",
        "ftp://example.org/api.php",
        "example.org/w/api.php",
        "https://user:pw@example.org/api.php",
        "https:///api.php",
    ] {
        assert!(check_url(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_secret_never_shows_in_debug() {
    let auth = Auth::BotPassword {
        user: "Me@ksb".into(),
        password: Secret::new("hunter2\n"),
    };
    assert!(!format!("{auth:?}").contains("hunter2"));
    assert_eq!(Secret::new("hunter2\n").expose(), "hunter2");
}
