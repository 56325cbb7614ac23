//! Unit tests of `sheet_file`: the save protocol as `ksb` words it.

use super::*;

const SHEET: &str = include_str!("../../../../../tests/fixtures/example.toml");

/// A sheet file opened for update, with K3 scored in memory.
fn opened(dir: &Path) -> (SheetFile, Standard, Sheet) {
    let path = dir.join("x.toml");
    std::fs::write(&path, SHEET).unwrap();
    let standard = Standard::builtin();
    let (file, mut sheet) = SheetFile::open(&path, &standard).unwrap();
    sheet.set_score("K3".parse().unwrap(), Some(ksb::Score::Three));
    (file, standard, sheet)
}

#[test]
fn saves_a_sheet_nobody_else_touched_again_and_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, standard, mut sheet) = opened(dir.path());
    file.save(&standard, &sheet).unwrap();
    assert!(std::fs::read_to_string(file.path())
        .unwrap()
        .contains("K3 = 3"));
    sheet.set_score("K4".parse().unwrap(), Some(ksb::Score::One));
    file.save(&standard, &sheet).unwrap();
    assert!(std::fs::read_to_string(file.path())
        .unwrap()
        .contains("K4 = 1"));
}

#[test]
fn refuses_to_overwrite_a_sheet_changed_between_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, standard, sheet) = opened(dir.path());
    let theirs = SHEET.replace("K1 = 2", "K1 = 1");
    std::fs::write(file.path(), &theirs).unwrap();
    let err = file.save(&standard, &sheet).unwrap_err();
    assert_eq!(
        format!("{err:#}"),
        format!(
            "sheet '{}' was changed by another program since ksb read it; not overwriting it: \
                 run the command again to work on its new contents",
            file.path().display()
        )
    );
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), theirs);
}

#[test]
fn refuses_to_recreate_a_sheet_deleted_between_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, standard, sheet) = opened(dir.path());
    std::fs::remove_file(file.path()).unwrap();
    let err = file.save(&standard, &sheet).unwrap_err();
    assert!(
        format!("{err:#}").contains("was deleted by another program since ksb read it"),
        "{err:#}"
    );
    assert!(!file.path().exists());
}

#[test]
fn refuses_to_overwrite_a_sheet_another_program_created_first() {
    let dir = tempfile::tempdir().unwrap();
    let standard = Standard::builtin();
    let sheet = Sheet::from_toml(SHEET, &standard).unwrap();
    let mut file = SheetFile::create(&dir.path().join("new.toml"));
    std::fs::write(file.path(), "theirs").unwrap();
    let err = file.save(&standard, &sheet).unwrap_err();
    assert!(
        format!("{err:#}").contains("was created by another program"),
        "{err:#}"
    );
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), "theirs");
}

#[test]
fn a_locked_sheet_is_refused_by_the_type_and_unlocked_only_through_set_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, standard, mut sheet) = opened(dir.path());
    let path = file.path().to_path_buf();
    assert!(SheetFile::set_locked(&path, &standard, true).unwrap());
    assert!(!SheetFile::set_locked(&path, &standard, true).unwrap());
    let locked = std::fs::read_to_string(&path).unwrap();
    let is_refusal = |err: anyhow::Error| err.downcast_ref::<SheetLocked>().is_some();
    assert!(is_refusal(SheetFile::open(&path, &standard).err().unwrap()));
    let update = SheetFile::update(&path, &standard, |_| panic!("changed a locked sheet"));
    assert!(is_refusal(update.err().unwrap()));
    // A sheet marked locked in memory is not saved by any other way either.
    sheet.locked = true;
    std::fs::write(&path, SHEET).unwrap();
    let (mut fresh, _) = SheetFile::open(&path, &standard).unwrap();
    assert!(is_refusal(fresh.save(&standard, &sheet).unwrap_err()));
    assert!(is_refusal(file.save(&standard, &sheet).unwrap_err()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHEET);
    std::fs::write(&path, &locked).unwrap();
    assert!(SheetFile::set_locked(&path, &standard, false).unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHEET);
}

#[test]
fn update_applies_the_change_to_the_sheet_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.toml");
    let standard = Standard::builtin();
    let theirs = SHEET.replace("K1 = 2", "K1 = 1");
    std::fs::write(&path, &theirs).unwrap();
    let updated = SheetFile::update(&path, &standard, |current| {
        let mut sheet = current.expect("the sheet is there");
        sheet.set_score("K3".parse().unwrap(), Some(ksb::Score::Three));
        Ok(sheet)
    })
    .unwrap();
    assert!(updated.existed);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("K1 = 1\n") && text.contains("K3 = 3\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no lock file left"
    );
}

#[test]
fn refuses_a_sheet_too_large_to_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut file, standard, mut sheet) = opened(dir.path());
    let note = "x".repeat(MAX_FILE_BYTES as usize);
    sheet.set_note("K1".parse().unwrap(), &note);
    let err = file.save(&standard, &sheet).unwrap_err();
    assert!(
        format!("{err:#}").contains("over ksb's limit of 10 MiB for sheets"),
        "{err:#}"
    );
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), SHEET);
}
