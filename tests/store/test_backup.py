"""Backups count only once verified; rotation keeps 7 daily and 4 weekly; restore is all or nothing."""

import errno
import os
import shutil
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import portalocker
import pytest

from linkdesk.store import TEST_KDF, BackupError, DamagedStore, WrongPassphrase, create_store, open_store
from linkdesk.store.backup import (
    automatic_backup_due,
    backup_if_due,
    backup_store,
    backups_to_keep,
    list_automatic_backups,
    restore_store,
    run_automatic_backup,
)
from linkdesk.store.engine import PAGE_SIZE
from linkdesk.store.errors import StoreInUse
from linkdesk.store.lockfile import LOCK_NAME, hold_exclusive, hold_window
from linkdesk.store.settings import BACKUP_FOLDER, IDLE_LOCK_MINUTES, store_id, write_setting
from linkdesk.store.store import DB_NAME

from ..conftest import PASSPHRASE
from ..helpers import assert_same_contents, contents, error_line, fingerprint, run_linkdesk


def _fill(store, text="before the backup"):
    write_setting(store, IDLE_LOCK_MINUTES, "12")
    store.audit("update", "patient", 4, detail=f"fields: phone ({text})")


# -- making backups ---------------------------------------------------------------------


def test_a_backup_is_verified_and_opens_with_the_same_passphrase(store, tmp_path):
    _fill(store)
    before = contents(store)
    backup = backup_store(store, tmp_path / "backups" / "monday")
    assert sorted(path.name for path in backup.iterdir()) == [DB_NAME, "linkdesk.key"]
    assert contents(store)["audit"][-1][3:] == ("backup", None, None, f"verified backup written to {backup}")

    copy = open_store(backup, PASSPHRASE, cache_mib=8)
    try:
        assert copy.check().ok
        assert_same_contents(before, contents(copy))
    finally:
        copy.close()


def test_a_backup_into_an_existing_empty_folder_is_allowed(store, tmp_path):
    (tmp_path / "empty").mkdir()
    assert backup_store(store, tmp_path / "empty") == tmp_path / "empty"
    open_store(tmp_path / "empty", PASSPHRASE, cache_mib=8).close()


@pytest.mark.parametrize("occupied", ["a file in it", "a store in it", "a file, not a folder"])
def test_a_backup_into_an_occupied_place_is_refused_and_leaves_it_alone(store, tmp_path, occupied):
    target = tmp_path / "target"
    if occupied == "a file, not a folder":
        target.write_text("my notes")
    elif occupied == "a file in it":
        target.mkdir()
        (target / "notes.txt").write_text("my notes")
    else:
        backup_store(store, target)
    before = fingerprint(tmp_path / "target") if target.is_dir() else target.read_bytes()
    events = len(contents(store)["audit"])

    with pytest.raises(BackupError, match="not an empty folder") as raised:
        backup_store(store, target)
    assert str(target) in str(raised.value)
    assert (fingerprint(target) if target.is_dir() else target.read_bytes()) == before
    assert len(contents(store)["audit"]) == events  # a refused backup is not recorded as made


# -- rotation ---------------------------------------------------------------------------

MONDAY = datetime(2026, 11, 23, 9, 0)  # ISO week 48


def test_rotation_of_one_backup_a_day_keeps_the_last_7_days_and_4_weeks():
    made = [MONDAY - timedelta(days=days) for days in range(60)]
    keep = backups_to_keep(made)
    daily = {MONDAY - timedelta(days=days) for days in range(7)}
    # The newest backup of each of the last 4 ISO weeks: this Monday, then the Sundays before.
    weekly = {MONDAY, MONDAY - timedelta(days=1), MONDAY - timedelta(days=8), MONDAY - timedelta(days=15)}
    assert keep == daily | weekly
    assert len(keep) == 9


def test_rotation_keeps_the_newest_backup_of_each_day():
    made = [MONDAY.replace(hour=hour) - timedelta(days=days) for days in range(10) for hour in (8, 12, 17)]
    keep = backups_to_keep(made)
    assert all(moment.hour == 17 for moment in keep)
    assert {moment.date() for moment in keep} >= {(MONDAY - timedelta(days=days)).date() for days in range(7)}


def test_a_laptop_left_off_for_weeks_keeps_its_last_backups():
    """Days are days that had a backup: a month away must not empty the rotation."""
    made = [MONDAY - timedelta(days=40 + days) for days in range(10)]
    keep = backups_to_keep(made)
    # The 7 newest days; the 3 oldest share an ISO week with a newer kept one, so they go.
    assert keep == {MONDAY - timedelta(days=40 + days) for days in range(7)}


def test_weekly_rotation_uses_iso_weeks_across_the_new_year():
    made = [datetime(2026, 12, 28, 9), datetime(2027, 1, 3, 9), datetime(2027, 1, 4, 9)]  # weeks 53, 53, 1
    assert backups_to_keep(made, daily=1, weekly=2) == {datetime(2027, 1, 3, 9), datetime(2027, 1, 4, 9)}
    assert backups_to_keep([], daily=7, weekly=4) == set()


def test_automatic_backups_rotate_on_disk_and_leave_other_folders_alone(store, tmp_path):
    folder = tmp_path / "backups"
    (folder / "my own copy").mkdir(parents=True)
    (folder / "my own copy" / "readme.txt").write_text("kept by hand")
    start = datetime(2026, 11, 1, 18, 30)
    for days in range(14):
        run_automatic_backup(store, folder, now=start + timedelta(days=days))
    entries = list_automatic_backups(folder, store_id(store))
    made = {entry.made for entry in entries}
    assert made == backups_to_keep(start + timedelta(days=days) for days in range(14))
    assert {start + timedelta(days=days) for days in range(7, 14)} <= made
    assert len(made) < 14
    assert (folder / "my own copy" / "readme.txt").read_text() == "kept by hand"
    newest = open_store(entries[0].path, PASSPHRASE, cache_mib=8)
    assert newest.check().ok
    newest.close()


def test_two_backups_in_the_same_second_both_count(store, tmp_path):
    now = datetime(2026, 11, 25, 10, 0, 0)
    first = run_automatic_backup(store, tmp_path, now=now)
    second = run_automatic_backup(store, tmp_path, now=now)
    assert first != second and first.exists() and second.exists()


def test_the_daily_backup_runs_once_a_day_into_the_configured_folder(store, tmp_path):
    write_setting(store, BACKUP_FOLDER, str(tmp_path / "elsewhere"))
    assert automatic_backup_due(tmp_path / "elsewhere", store_id(store))
    made = backup_if_due(store)
    assert made is not None and made.parent == tmp_path / "elsewhere"
    assert backup_if_due(store) is None
    assert not automatic_backup_due(tmp_path / "elsewhere", store_id(store))


# -- restore ----------------------------------------------------------------------------


@pytest.fixture
def backed_up(store, tmp_path):
    """A store with a backup of it, then a change made after the backup."""
    _fill(store)
    before = contents(store)
    backup = backup_store(store, tmp_path / "backup")
    write_setting(store, BACKUP_FOLDER, "/after/the/backup")
    after = contents(store)
    store.close()
    return store.folder, backup, before, after


def test_restore_brings_back_the_backup_and_keeps_the_replaced_store_aside(backed_up):
    folder, backup, before, after = backed_up
    backup_files = fingerprint(backup)
    aside = restore_store(folder, backup, PASSPHRASE)

    restored = open_store(folder, PASSPHRASE, cache_mib=8)
    try:
        assert_same_contents(before, contents(restored))
        assert "restore" in [row[3] for row in contents(restored)["audit"]]
        assert restored.check().ok
    finally:
        restored.close()
    assert aside.parent == folder and aside.name.startswith("replaced-")
    replaced = open_store(aside, PASSPHRASE, cache_mib=8)
    try:
        assert_same_contents(after, contents(replaced))
    finally:
        replaced.close()
    assert fingerprint(backup) == backup_files  # restoring reads the backup, never writes it


def test_restore_into_an_empty_folder_replaces_nothing(backed_up, tmp_path):
    _, backup, before, _ = backed_up
    assert restore_store(tmp_path / "new place", backup, PASSPHRASE) is None
    restored = open_store(tmp_path / "new place", PASSPHRASE, cache_mib=8)
    assert_same_contents(before, contents(restored))
    restored.close()


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - PAGE_SIZE * 2])


@pytest.mark.parametrize(
    "damage, passphrase, error",
    [
        (lambda backup: _truncate(backup / DB_NAME), PASSPHRASE, DamagedStore),
        (lambda backup: (backup / DB_NAME).write_bytes(os.urandom(PAGE_SIZE * 4)), PASSPHRASE, DamagedStore),
        (lambda backup: (backup / "linkdesk.key").unlink(), PASSPHRASE, DamagedStore),
        (lambda backup: None, "not the passphrase", WrongPassphrase),
    ],
    ids=["truncated backup", "random bytes", "backup without key header", "wrong passphrase"],
)
def test_a_bad_restore_changes_nothing_in_the_store_folder(backed_up, damage, passphrase, error):
    folder, backup, _, after = backed_up
    damage(backup)
    before_store, before_backup = fingerprint(folder), fingerprint(backup)
    with pytest.raises(error) as raised:
        restore_store(folder, backup, passphrase)
    assert str(backup) in str(raised.value)
    assert fingerprint(folder) == before_store
    assert fingerprint(backup) == before_backup
    current = open_store(folder, PASSPHRASE, cache_mib=8)
    assert_same_contents(after, contents(current))
    current.close()


def test_restore_repairs_a_store_that_is_damaged(backed_up):
    """The main use: the store will not open any more, and a backup puts it right."""
    folder, backup, before, _ = backed_up
    _truncate(folder / DB_NAME)
    with pytest.raises(DamagedStore):
        open_store(folder, PASSPHRASE)
    damaged = {name: digest for name, digest in fingerprint(folder).items() if name != LOCK_NAME}  # not a store file

    aside = restore_store(folder, backup, PASSPHRASE)
    restored = open_store(folder, PASSPHRASE, cache_mib=8)
    assert_same_contents(before, contents(restored))
    restored.close()
    assert fingerprint(aside) == damaged  # the damaged files are kept, byte for byte


def test_a_backup_opens_with_the_passphrase_of_its_time(store, store_dir, tmp_path):
    _fill(store)
    backup = backup_store(store, tmp_path / "backup")
    store.change_passphrase(PASSPHRASE, "the newer passphrase")
    store.close()
    with pytest.raises(WrongPassphrase):
        restore_store(store_dir, backup, "the newer passphrase")
    restore_store(store_dir, backup, PASSPHRASE)
    # The restored store is the backup's, key and all.
    open_store(store_dir, PASSPHRASE, cache_mib=8).close()
    with pytest.raises(WrongPassphrase):
        open_store(store_dir, "the newer passphrase")


def test_restore_from_the_automatic_folder_inside_the_store(store, store_dir):
    _fill(store)
    identity = store_id(store)  # made on first use, as the first automatic backup does
    before = contents(store)
    made = backup_if_due(store)
    assert made.parent == store_dir / "backups"
    store.close()
    restore_store(store_dir, made, PASSPHRASE)
    restored = open_store(store_dir, PASSPHRASE, cache_mib=8)
    assert_same_contents(before, contents(restored))
    assert store_id(restored) == identity  # a restored store keeps naming its backups as before
    restored.close()
    assert list_automatic_backups(store_dir / "backups", identity)[0].path == made


def test_restore_is_refused_while_the_store_is_open(backed_up):
    folder, backup, _, after = backed_up
    elsewhere = open_store(folder, PASSPHRASE, cache_mib=8)  # another window, or a command still running
    try:
        before = fingerprint(folder)
        with pytest.raises(StoreInUse, match="open in another LinkDesk window"):
            restore_store(folder, backup, PASSPHRASE)
        assert fingerprint(folder) == before
        assert_same_contents(after, contents(elsewhere))
    finally:
        elsewhere.close()
    restore_store(folder, backup, PASSPHRASE)  # closed: now it may


def test_a_store_being_restored_cannot_be_opened(backed_up):
    folder, _, _, _ = backed_up
    restoring = hold_exclusive(folder)
    try:
        with pytest.raises(StoreInUse, match="being restored"):
            open_store(folder, PASSPHRASE, cache_mib=8)
    finally:
        restoring.release()
    open_store(folder, PASSPHRASE, cache_mib=8).close()


def test_a_failure_while_moving_the_store_aside_puts_every_file_back(backed_up, monkeypatch):
    """Windows can refuse to move a file another program holds open, part-way through."""
    folder, backup, _, after = backed_up
    before = fingerprint(folder)
    real_replace, calls = os.replace, []

    def refuse_the_second_move(source, target):
        calls.append(source)
        if len(calls) == 2:
            raise PermissionError(13, "The process cannot access the file", str(source))
        real_replace(source, target)

    monkeypatch.setattr("linkdesk.store.backup.os.replace", refuse_the_second_move)
    with pytest.raises(BackupError, match="Nothing was changed"):
        restore_store(folder, backup, PASSPHRASE)
    monkeypatch.undo()
    assert fingerprint(folder) == before  # the first file moved was moved back; no replaced- folder left
    current = open_store(folder, PASSPHRASE, cache_mib=8)
    assert_same_contents(after, contents(current))
    current.close()


def test_two_restores_in_one_second_keep_both_replaced_stores(backed_up):
    folder, backup, _, _ = backed_up
    first = restore_store(folder, backup, PASSPHRASE)
    second = restore_store(folder, backup, PASSPHRASE)
    assert first != second and first.is_dir() and second.is_dir()
    for aside in (first, second):
        open_store(aside, PASSPHRASE, cache_mib=8).close()


def test_stores_sharing_a_backup_folder_keep_to_their_own_backups(store, tmp_path):
    """An IT manager points several laptops' backups at one network folder."""
    folder = tmp_path / "shared"
    other = create_store(tmp_path / "other store", PASSPHRASE, kdf=TEST_KDF, cache_mib=8)
    legacy = folder / "linkdesk-backup-20261101-090000"  # named before backups carried a store id
    legacy.mkdir(parents=True)
    try:
        theirs = run_automatic_backup(other, folder, now=datetime(2026, 10, 1, 9))
        assert not automatic_backup_due(folder, store_id(other), today=date(2026, 10, 1))
        assert automatic_backup_due(folder, store_id(store), today=date(2026, 10, 1))  # theirs is not ours
        start = datetime(2026, 11, 1, 18, 30)
        for days in range(14):
            run_automatic_backup(store, folder, now=start + timedelta(days=days))
        assert len(list_automatic_backups(folder, store_id(store))) < 14  # ours were rotated...
        assert [entry.path for entry in list_automatic_backups(folder, store_id(other))] == [theirs]  # ...theirs kept
        assert theirs.is_dir() and legacy.is_dir()
    finally:
        other.close()


def test_a_copy_of_the_store_elsewhere_names_its_backups_apart(store, tmp_path):
    """Laptops set up from one template store (or from one backup) must not rotate each other's backups."""
    identity = store_id(store)
    store.close()
    shutil.copytree(store.folder, tmp_path / "second laptop")
    copy = open_store(tmp_path / "second laptop", PASSPHRASE, cache_mib=8)
    try:
        assert store_id(copy) != identity
    finally:
        copy.close()
    again = open_store(store.folder, PASSPHRASE, cache_mib=8)
    try:
        assert store_id(again) == identity  # the same store in the same place keeps its name
    finally:
        again.close()


def test_restore_from_the_command_line_is_refused_while_a_window_holds_the_store(backed_up):
    """Even a locked window: its unsaved edits are parked in the store that would be replaced."""
    folder, backup, _, _ = backed_up
    window = hold_window(folder)
    try:
        with subprocess_restore(folder, backup) as result:
            assert result.returncode == 1
            assert "open on the store" in error_line(result.stderr) and "perhaps locked" in result.stderr
        assert restore_store(folder, backup, PASSPHRASE) is not None  # the window's own File > Restore may
    finally:
        window.release()


@contextmanager
def subprocess_restore(folder, backup):
    yield run_linkdesk("restore", str(backup), "--data-dir", str(folder), passphrase=PASSPHRASE)


def test_a_file_system_that_cannot_lock_still_opens_and_restores(backed_up, monkeypatch):
    """Some network shares refuse locks altogether (ENOLCK): that is not someone else holding the store."""
    folder, backup, _, _ = backed_up

    def no_locks(handle, flags):
        raise portalocker.LockException(OSError(errno.ENOLCK, "No locks available"))

    monkeypatch.setattr(portalocker, "lock", no_locks)
    open_store(folder, PASSPHRASE, cache_mib=8).close()
    assert restore_store(folder, backup, PASSPHRASE) is not None
    assert hold_window(folder) is None
