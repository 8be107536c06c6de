"""Awkward passphrases round-trip everywhere; changing one is all or nothing, even after a crash."""

import pytest

from linkdesk.store import TEST_KDF, WeakPassphrase, WrongPassphrase, create_store, open_store
from linkdesk.store.backup import backup_store
from linkdesk.store.engine import connect_raw
from linkdesk.store.keys import KeyHeader, KeySlot, pragma_rekey, read_header, write_header
from linkdesk.store.settings import BACKUP_FOLDER, write_setting

from ..conftest import PASSPHRASE
from ..helpers import assert_same_contents, contents, fingerprint

AWKWARD = [
    "it's a \"quoted\" 100% pass",
    "user@host:/path\\to;thing with spaces",
    "x'00'; PRAGMA key = 'y'; --",
    "Zażółć gęślą jaźń",
    "نہیں، بالکل نہیں",
    "%s %d %% {0} \\n \\x00 tab\there",
]


def _fill(store) -> None:
    write_setting(store, BACKUP_FOLDER, "D:\\Backups\\Surgery ü")
    store.audit("update", "patient", 1, detail="fields: preferred name")


@pytest.mark.parametrize("passphrase", AWKWARD)
def test_an_awkward_passphrase_round_trips_through_create_unlock_rekey_and_backup(tmp_path, passphrase):
    folder = tmp_path / "store"
    other = AWKWARD[(AWKWARD.index(passphrase) + 1) % len(AWKWARD)]
    store = create_store(folder, passphrase, repeated=passphrase, kdf=TEST_KDF, cache_mib=8)
    _fill(store)
    before = contents(store)
    store.close()

    store = open_store(folder, passphrase, cache_mib=8)
    assert_same_contents(before, contents(store))
    store.change_passphrase(passphrase, other, other)
    store.close()

    with pytest.raises(WrongPassphrase):
        open_store(folder, passphrase)
    store = open_store(folder, other, cache_mib=8)
    assert_same_contents(before, contents(store))
    backup = backup_store(store, tmp_path / "backup")
    store.close()

    copy = open_store(backup, other, cache_mib=8)
    assert_same_contents(before, contents(copy))
    copy.close()
    with pytest.raises(WrongPassphrase):
        open_store(backup, passphrase)


def test_after_a_rekey_the_old_passphrase_is_refused_and_the_content_is_identical(store, store_dir):
    _fill(store)
    before = contents(store)
    store.change_passphrase(PASSPHRASE, "a brand new passphrase")
    assert_same_contents(before, contents(store))
    assert contents(store)["audit"][-1][3] == "change passphrase"
    store.close()

    snapshot = fingerprint(store_dir)
    with pytest.raises(WrongPassphrase) as raised:
        open_store(store_dir, PASSPHRASE)
    assert str(store_dir) in str(raised.value)
    assert fingerprint(store_dir) == snapshot
    reopened = open_store(store_dir, "a brand new passphrase", cache_mib=8)
    assert_same_contents(before, contents(reopened))
    assert reopened.check().ok
    reopened.close()


def test_a_rekey_with_the_wrong_old_passphrase_or_a_weak_new_one_changes_nothing(store, store_dir):
    _fill(store)
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("not the passphrase", "a brand new passphrase")
    with pytest.raises(WeakPassphrase, match="at least 10 characters"):
        store.change_passphrase(PASSPHRASE, "short")
    with pytest.raises(WeakPassphrase, match="not the same"):
        store.change_passphrase(PASSPHRASE, "a brand new passphrase", "a brand new passphrase!")
    assert read_header(store.header_path).pending is None
    store.close()
    open_store(store_dir, PASSPHRASE, cache_mib=8).close()


def _interrupted_change(store, new: str, *, rekeyed: bool) -> None:
    """Do what Store.change_passphrase does, but 'crash' before the final header write.

    `rekeyed=False` crashes just after the header gained its pending slot, before the rekey.
    """
    key, _ = store.backup_key()
    current = read_header(store.header_path).current
    pending, new_key = KeySlot.create(new, TEST_KDF)
    write_header(store.header_path, KeyHeader(current, pending=pending))
    store.close()
    if rekeyed:
        connection = connect_raw(store.db_path, key)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute(pragma_rekey(new_key))
        finally:
            connection.close()


@pytest.mark.parametrize(
    "rekeyed, works, refused",
    [(True, "the new passphrase", PASSPHRASE), (False, PASSPHRASE, "the new passphrase")],
    ids=["crash after the rekey", "crash before the rekey"],
)
def test_an_interrupted_passphrase_change_is_recovered_on_unlock(store, store_dir, rekeyed, works, refused):
    _fill(store)
    before = contents(store)
    _interrupted_change(store, "the new passphrase", rekeyed=rekeyed)

    snapshot = fingerprint(store_dir)
    with pytest.raises(WrongPassphrase) as raised:
        open_store(store_dir, refused)
    message = str(raised.value)
    assert str(store_dir) in message and "does not unlock" in message and "damaged" not in message
    assert fingerprint(store_dir) == snapshot

    recovered = open_store(store_dir, works, cache_mib=8)
    assert_same_contents(before, contents(recovered))
    assert recovered.check().ok
    recovered.close()
    assert read_header(store_dir / "linkdesk.key").pending is None  # settled for good
    with pytest.raises(WrongPassphrase):
        open_store(store_dir, refused)
    open_store(store_dir, works, cache_mib=8).close()
