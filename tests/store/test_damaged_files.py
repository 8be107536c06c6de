"""Each way a store folder can be broken gets its own plain-English error, and nothing is written."""

import json
import os
import sqlite3

import pytest

from linkdesk.store import (
    TEST_KDF,
    BackupError,
    DamagedStore,
    MissingKeyHeader,
    NotALinkDeskStore,
    StoreNotFound,
    UnencryptedDatabase,
    WrongPassphrase,
    create_store,
    open_store,
)
from linkdesk.store.backup import backup_store
from linkdesk.store.engine import PAGE_SIZE, connect_raw
from linkdesk.store.keys import HEADER_NAME
from linkdesk.store.settings import BACKUP_FOLDER, read_setting, write_setting
from linkdesk.store.store import DB_NAME, check_store

from ..conftest import PASSPHRASE
from ..helpers import fingerprint


@pytest.fixture
def closed_store(store):
    """A closed store of a few dozen pages, so there is something to cut in the middle of."""
    for number in range(300):
        store.audit("update", "patient", number, detail=f"fields: address line {number} " + "x" * 200)
    write_setting(store, BACKUP_FOLDER, "/somewhere")
    store.close()
    assert (store.folder / DB_NAME).stat().st_size >= 20 * PAGE_SIZE
    return store.folder


def _cut(size):
    def damage(folder):
        db = folder / DB_NAME
        data = db.read_bytes()
        db.write_bytes(data[: size(len(data))])

    return damage


def _overwrite_middle(folder):
    db = folder / DB_NAME
    data = bytearray(db.read_bytes())
    middle = (len(data) // PAGE_SIZE // 2) * PAGE_SIZE
    data[middle + 100 : middle + 600] = os.urandom(500)
    db.write_bytes(bytes(data))


def _plain_sqlite(folder):
    (folder / DB_NAME).unlink()
    connection = sqlite3.connect(folder / DB_NAME)
    connection.execute("CREATE TABLE patient (name TEXT)")
    connection.execute("INSERT INTO patient VALUES ('Ada Testperson')")
    connection.commit()
    connection.close()


def _database_of_another_store(folder):
    other = create_store(folder.parent / "other", "another passphrase", kdf=TEST_KDF, cache_mib=8)
    other.close()
    (folder / DB_NAME).write_bytes((folder.parent / "other" / DB_NAME).read_bytes())


def _encrypted_but_not_linkdesk(folder):
    """Our own key, a valid SQLCipher file, but none of our schema."""
    store = open_store(folder, PASSPHRASE, cache_mib=8)
    raw_key, _ = store.backup_key()
    store.close()
    (folder / DB_NAME).unlink()
    connection = connect_raw(folder / DB_NAME, raw_key)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()


def _write(name, content):
    return lambda folder: (folder / name).write_bytes(content)


DAMAGE = {
    "missing key header": (lambda folder: (folder / HEADER_NAME).unlink(), MissingKeyHeader, "key header"),
    "missing database": (lambda folder: (folder / DB_NAME).unlink(), DamagedStore, "is missing"),
    "zero-length database": (_write(DB_NAME, b""), DamagedStore, "empty"),
    "truncated mid-page": (_cut(lambda size: size - PAGE_SIZE // 2), DamagedStore, "truncated"),
    "truncated at a page boundary": (_cut(lambda size: (size // PAGE_SIZE // 2) * PAGE_SIZE), DamagedStore, "damaged"),
    "only the first page left": (_cut(lambda size: PAGE_SIZE), DamagedStore, "damaged"),
    "a page overwritten": (_overwrite_middle, DamagedStore, "damaged"),
    "random bytes": (_write(DB_NAME, os.urandom(8 * PAGE_SIZE)), DamagedStore, "damaged"),
    "plain unencrypted SQLite": (_plain_sqlite, UnencryptedDatabase, "unencrypted"),
    "database of another store": (_database_of_another_store, DamagedStore, "damaged"),
    "encrypted but no LinkDesk schema": (_encrypted_but_not_linkdesk, NotALinkDeskStore, "no LinkDesk schema"),
    "garbage header JSON": (
        _write(HEADER_NAME, b'{"format": "linkdesk-key-hea'), NotALinkDeskStore, "not a LinkDesk store"
    ),
    "header of another format": (
        _write(HEADER_NAME, json.dumps({"format": "veracrypt-volume", "version": 1}).encode()),
        NotALinkDeskStore,
        "not a LinkDesk store",
    ),
}


@pytest.mark.parametrize("opener", [open_store, check_store], ids=["unlock", "check"])
@pytest.mark.parametrize("damage, error, wording", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_store_gets_its_own_message_and_is_never_modified(closed_store, opener, damage, error, wording):
    damage(closed_store)
    before = fingerprint(closed_store.parent)

    with pytest.raises(error) as raised:
        opener(closed_store, PASSPHRASE)
    assert type(raised.value) is error
    message = str(raised.value)
    assert wording in message
    assert str(closed_store) in message
    assert "backup" in message
    assert raised.value.exit_code == 4
    assert fingerprint(closed_store.parent) == before


def test_a_wrong_passphrase_changes_nothing(closed_store):
    before = fingerprint(closed_store)
    with pytest.raises(WrongPassphrase) as raised:
        open_store(closed_store, PASSPHRASE.upper())
    assert str(closed_store) in str(raised.value)
    assert PASSPHRASE.upper() not in str(raised.value)
    assert raised.value.exit_code == 3
    assert fingerprint(closed_store) == before
    open_store(closed_store, PASSPHRASE, cache_mib=8).close()


def test_an_empty_folder_is_no_store_and_stays_empty(tmp_path):
    with pytest.raises(StoreNotFound):
        open_store(tmp_path, PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_a_store_left_with_its_wal_after_a_crash_still_opens(store, store_dir):
    """Not damage at all: the WAL of an unclean exit is part of the store."""
    write_setting(store, BACKUP_FOLDER, "kept in the WAL")
    copy = store_dir.parent / "copy"
    copy.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal", HEADER_NAME):
        (copy / name).write_bytes((store_dir / name).read_bytes())
    store.close()
    assert (copy / (DB_NAME + "-wal")).stat().st_size > 0
    reopened = open_store(copy, PASSPHRASE, cache_mib=8)
    try:
        assert reopened.check().ok
        assert read_setting(reopened, BACKUP_FOLDER) == "kept in the WAL"
    finally:
        reopened.close()


QUICK_REFUSES = {name: DAMAGE[name] for name in (
    "truncated mid-page", "truncated at a page boundary", "only the first page left", "random bytes",
    "database of another store", "encrypted but no LinkDesk schema", "plain unencrypted SQLite")}


@pytest.mark.parametrize("damage, error, wording", QUICK_REFUSES.values(), ids=QUICK_REFUSES.keys())
def test_the_quick_unlock_still_refuses_a_file_that_cannot_be_opened(closed_store, damage, error, wording):
    """The app's unlocks after its first skip the page-by-page check; what opening itself reads still counts."""
    damage(closed_store)
    before = fingerprint(closed_store.parent)
    with pytest.raises(error) as raised:
        open_store(closed_store, PASSPHRASE, thorough=False)
    assert wording in str(raised.value)
    assert fingerprint(closed_store.parent) == before


def test_only_the_thorough_unlock_reads_every_page(closed_store):
    """A damaged page in the middle is what the quick unlock leaves to the first unlock and the daily backup."""
    _overwrite_middle(closed_store)
    with pytest.raises(DamagedStore, match="damaged"):
        open_store(closed_store, PASSPHRASE, cache_mib=8)
    store = open_store(closed_store, PASSPHRASE, cache_mib=8, thorough=False)
    try:  # the daily backup checks the store itself before copying it
        with pytest.raises(BackupError, match="failed its checks, so no backup was made"):
            backup_store(store, closed_store.parent / "backup")
    finally:
        store.close()
    assert not (closed_store.parent / "backup").exists()
    with pytest.raises(DamagedStore, match="damaged"):
        check_store(closed_store, PASSPHRASE)  # `linkdesk check` still finds it
