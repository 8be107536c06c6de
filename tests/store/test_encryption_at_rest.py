"""Nothing written through the store can be read from its files without the key."""

import sqlite3

import pytest

from linkdesk.store import audit, drafts
from linkdesk.store.backup import backup_store
from linkdesk.store.settings import BACKUP_FOLDER, write_setting
from linkdesk.store.store import DB_NAME

from ..conftest import PASSPHRASE

MARKERS = ["MARKER-Wojciechowska-9990000042", "Zażółć-MARKER-gęślą", "MARKER-drafted-note-7781"]
DB_FILES = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm")


def _write_markers(store) -> None:
    with store.session() as session:
        audit.record(session, "update", "patient", 1, detail=MARKERS[0])
    write_setting(store, BACKUP_FOLDER, "/home/" + MARKERS[1])
    drafts.park(store, {"notes": {"text": MARKERS[2] + " " * 3000}})


def _leaks(folder, names=DB_FILES, secrets=()) -> list[str]:
    """Every (file, secret) pair where the secret shows in the raw bytes, in any common encoding."""
    found = []
    for name in names:
        path = folder / name
        if not path.exists():
            continue
        data = path.read_bytes()
        for secret in [*MARKERS, *secrets]:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if secret.encode(encoding) in data:
                    found.append(f"{secret} ({encoding}) in {name}")
    return found


def test_markers_never_appear_in_the_database_wal_or_shm(store, store_dir):
    _write_markers(store)
    key, _ = store.backup_key()
    secrets = (PASSPHRASE, key.hex())

    # Open, with the changes still in the WAL: the riskiest moment.
    assert (store_dir / (DB_NAME + "-wal")).stat().st_size > 0
    assert (store_dir / (DB_NAME + "-shm")).exists()
    assert _leaks(store_dir, secrets=secrets) == []

    store.close()
    assert _leaks(store_dir, names=(*DB_FILES, "linkdesk.key"), secrets=secrets) == []


def test_a_backup_does_not_reveal_the_markers_either(store, tmp_path):
    _write_markers(store)
    backup = backup_store(store, tmp_path / "backup")
    assert sorted(path.name for path in backup.iterdir()) == [DB_NAME, "linkdesk.key"]
    assert _leaks(backup, names=(DB_NAME, "linkdesk.key"), secrets=(PASSPHRASE,)) == []


def test_a_deleted_draft_leaves_nothing_readable_behind(store, store_dir):
    _write_markers(store)
    assert MARKERS[2] in drafts.take(store)["notes"]["text"]
    store.close()
    assert _leaks(store_dir) == []


@pytest.mark.parametrize("while_open", [True, False], ids=["store open", "store closed"])
def test_plain_sqlite_cannot_read_the_database(store, store_dir, while_open):
    _write_markers(store)
    if not while_open:
        store.close()
    connection = sqlite3.connect(f"{(store_dir / DB_NAME).as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            connection.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        connection.close()
    assert not (store_dir / DB_NAME).read_bytes().startswith(b"SQLite format 3")
