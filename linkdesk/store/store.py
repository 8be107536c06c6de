"""A store's life: create, unlock (with migration), change passphrase, check, close.

One store is one folder holding ``linkdesk.db`` (SQLCipher) and ``linkdesk.key`` (the
plaintext key header). An open `Store` holds the derived key only in memory, for as long
as it is unlocked; `close()` disposes the engine and forgets the key.
"""

from __future__ import annotations

import contextlib
import getpass
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from . import audit, migrate
from .engine import (
    DEFAULT_CACHE_MIB,
    CheckReport,
    DatabaseError,
    check_database,
    connect_raw,
    inspect_file,
    make_engine,
    probe,
)
from .errors import (
    DamagedStore,
    MissingKeyHeader,
    NewerStore,
    NotALinkDeskStore,
    StoreAlreadyExists,
    StoreNotFound,
    WrongPassphrase,
)
from .keys import HEADER_NAME, KdfParams, KeyHeader, KeySlot, calibrate, pragma_rekey, read_header, write_header
from .lockfile import StoreLock, hold_shared
from .passphrase import validate_new_passphrase

DB_NAME = "linkdesk.db"
STORE_FILES = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", HEADER_NAME)


def current_actor() -> str:
    """Audit rows name the signed-in operating system user of this laptop."""
    try:
        return getpass.getuser()
    except Exception:  # getuser raises a bare OSError/KeyError when no name is set
        return "unknown"


def store_exists(folder: Path) -> bool:
    folder = Path(folder)
    return (folder / DB_NAME).exists() or (folder / HEADER_NAME).exists()


@dataclass(frozen=True)
class CipherInfo:
    cipher_version: str
    cipher_settings: list[str]
    kdf: KdfParams


class Store:
    """An unlocked store. Feature packages call `session()`; the UI never sees the engine."""

    def __init__(self, folder: Path, key: bytes, header: KeyHeader, *, cache_mib: int = DEFAULT_CACHE_MIB,
                 lock: StoreLock | None = None, owns_lock: bool = True):
        """Holds `lock` (else takes a shared one) while open; releases it on close if it `owns_lock`."""
        self.folder = Path(folder)
        self.actor = current_actor()
        self._key = key
        self._header = header
        self._cache_mib = cache_mib
        if lock is None:
            lock = hold_shared(self.folder)
        self._own_lock = lock if owns_lock else None
        try:
            self._engine: Engine | None = make_engine(self.db_path, key, cache_mib=cache_mib)
        except BaseException:
            self._release_lock()
            raise

    # -- layout ---------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def header_path(self) -> Path:
        return self.folder / HEADER_NAME

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        """For the store and feature packages only (never the UI)."""
        if self._engine is None:
            raise RuntimeError("the store is closed")
        return self._engine

    # -- use ------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with Session(self.engine, expire_on_commit=False, info={"actor": self.actor}) as session:
            with session.begin():
                yield session

    def audit(self, action: str, entity: str | None = None, entity_id=None, detail: str = "") -> None:
        """An audit row on its own, for events that change nothing else (unlock, backup)."""
        with self.session() as session:
            audit.record(session, action, entity, entity_id, detail)

    def raw_connection(self):
        """A keyed DB-API connection outside the pool, for VACUUM INTO and rekey."""
        return connect_raw(self.db_path, self._key)

    def backup_key(self) -> tuple[bytes, KeyHeader]:
        """The key and a header with only the current slot, for writing a backup copy."""
        return self._key, KeyHeader(self._header.current)

    def check(self) -> CheckReport:
        return check_database(self.db_path, self._key, migrate.head_revision())

    def cipher_info(self) -> CipherInfo:
        with self.engine.connect() as connection:
            version = connection.exec_driver_sql("PRAGMA cipher_version").scalar_one()
            settings = [row[0] for row in connection.exec_driver_sql("PRAGMA cipher_settings")]
        return CipherInfo(version, settings, self._header.current.params)

    def change_passphrase(self, old: str, new: str, repeated: str | None = None, params: KdfParams | None = None) -> None:
        """Re-encrypt under a key from the new passphrase (SQLCipher rekey).

        The header first records the new key as pending, so if the process dies between
        the rekey and the final header write, unlocking with either passphrase recovers.
        """
        validate_new_passphrase(new, repeated)
        if self._header.current.unlock(old) is None:
            raise WrongPassphrase(self.folder)
        new_slot, new_key = KeySlot.create(new, params or self._header.current.params)
        write_header(self.header_path, KeyHeader(self._header.current, pending=new_slot))
        self._engine.dispose()
        connection = self.raw_connection()
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute(pragma_rekey(new_key))
        finally:
            connection.close()
        self._header = KeyHeader(new_slot)
        write_header(self.header_path, self._header)
        self._key = new_key
        self._engine = make_engine(self.db_path, new_key, cache_mib=self._cache_mib)
        self.audit("change passphrase", detail="the store was re-encrypted under a new key")

    def close(self) -> None:
        """Checkpoint the WAL into the database, dispose every connection, forget the key."""
        if self._engine is None:
            self._release_lock()  # closed already, or the engine never came back (a failed rekey)
            return
        try:
            with self._engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._engine.dispose()
            self._engine = None
            self._key = b""
            self._release_lock()

    def _release_lock(self) -> None:
        if self._own_lock is not None:
            self._own_lock.release()
            self._own_lock = None


# -- opening ---------------------------------------------------------------------------


def create_store(folder: Path, passphrase: str, *, repeated: str | None = None, kdf: KdfParams | None = None,
                 cache_mib: int = DEFAULT_CACHE_MIB) -> Store:
    """Make a new store in an empty (or new) folder. Never touches an existing store."""
    folder = Path(folder)
    if store_exists(folder):
        raise StoreAlreadyExists(folder)
    validate_new_passphrase(passphrase, repeated)
    folder.mkdir(parents=True, exist_ok=True)
    slot, key = KeySlot.create(passphrase, kdf or calibrate())
    header = KeyHeader(slot)
    write_header(folder / HEADER_NAME, header)
    store = None
    try:
        store = Store(folder, key, header, cache_mib=cache_mib)
        migrate.upgrade(store.engine)
        store.audit("create store")
    except BaseException:
        if store is not None:
            with contextlib.suppress(Exception):  # the first failure is the one to report
                store.close()  # its connections and its lock, before the files go
        # A half-made store must not be mistaken for a real one next time.
        for name in STORE_FILES:
            (folder / name).unlink(missing_ok=True)
        raise
    return store


def read_store_header(folder: Path) -> KeyHeader:
    """The key header, or the specific reason the folder cannot be a usable store."""
    folder = Path(folder)
    db_path, header_path = folder / DB_NAME, folder / HEADER_NAME
    if not db_path.exists() and not header_path.exists():
        raise StoreNotFound(folder)
    if not header_path.exists():
        raise MissingKeyHeader(folder)
    if not db_path.exists():
        raise DamagedStore(folder, f"The database file {DB_NAME} is missing")
    try:
        header = read_header(header_path)
    except ValueError as exc:
        raise NotALinkDeskStore(folder, str(exc)) from exc
    except OSError as exc:
        raise DamagedStore(folder, f"The key header file cannot be read ({exc.strerror})") from exc
    inspect_file(folder, db_path)
    return header


def unlock_key(folder: Path, header: KeyHeader, passphrase: str,
               thorough: bool = True) -> tuple[bytes, KeyHeader, str | None]:
    """Derive and verify the key; return it, the header to keep, and the schema revision.

    Handles a passphrase change that was interrupted (a pending slot in the header).
    `thorough` runs the full integrity check on the file (see `probe`).
    """
    db_path = folder / DB_NAME
    key = header.current.unlock(passphrase)
    if key is not None:
        try:
            return key, KeyHeader(header.current), probe(folder, db_path, key, thorough)
        except DamagedStore:
            if header.pending is None:
                raise
            raise WrongPassphrase(folder) from None  # the rekey went through: the new one is needed
    if header.pending is not None:
        key = header.pending.unlock(passphrase)
        if key is not None:
            try:
                return key, KeyHeader(header.pending), probe(folder, db_path, key, thorough)
            except DamagedStore:
                raise WrongPassphrase(folder) from None  # the rekey never happened: the old one is needed
    raise WrongPassphrase(folder)


def check_store(folder: Path, passphrase: str) -> CheckReport:
    """`linkdesk check`: read-only, so checking never migrates, audits or writes anything."""
    folder = Path(folder)
    key, _, _ = unlock_key(folder, read_store_header(folder), passphrase)
    return check_database(folder / DB_NAME, key, migrate.head_revision())


def open_store(folder: Path, passphrase: str, *, cache_mib: int = DEFAULT_CACHE_MIB,
               backup_folder: Path | None = None, lock: StoreLock | None = None, thorough: bool = True) -> Store:
    """Unlock an existing store, migrating it (after a verified backup) if it is older.

    `lock` is for restore, which already holds the folder's lock exclusively. `thorough=False`
    skips the integrity check that reads every page: the app's unlocks after its first in a
    session, which must be quick (docs/SECURITY.md says why that is safe enough).
    """
    folder = Path(folder)
    held = lock if lock is not None else hold_shared(folder) if (folder / DB_NAME).exists() else None
    try:
        header = read_store_header(folder)
        key, settled, revision = unlock_key(folder, header, passphrase, thorough)
        if settled != header:
            write_header(folder / HEADER_NAME, settled)  # finish an interrupted passphrase change
        head = migrate.head_revision()
        if revision is not None and revision != head and not migrate.is_known_revision(revision):
            raise NewerStore(folder, revision)
        store = Store(folder, key, settled, cache_mib=cache_mib, lock=held, owns_lock=lock is None)
    except BaseException:
        if lock is None and held is not None:
            held.release()
        raise
    try:
        if revision != head:
            _migrate_with_backup(store, revision, head, backup_folder)
        store.audit("unlock")
    except BaseException as exc:
        store.close()
        if isinstance(exc, DatabaseError) or isinstance(getattr(exc, "orig", None), DatabaseError):
            # a damaged page the quick probe did not read (SQLAlchemy wraps the driver's error)
            raise DamagedStore(folder, "The database file is damaged and cannot be read") from exc
        raise
    return store


def _migrate_with_backup(store: Store, revision: str | None, head: str, backup_folder: Path | None) -> None:
    from .backup import backup_store, default_backup_folder  # backup builds on this module

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = (backup_folder or default_backup_folder(store.folder)) / f"before-upgrade-{revision}-{stamp}"
    backup_store(store, target, audit_it=False)
    migrate.upgrade(store.engine)
    store.audit("migrate", detail=f"schema {revision} to {head}; backup kept in {target.name}")


def copy_store_files(source: Path, target: Path) -> None:
    """Copy a closed store's files (used by restore); the WAL must be checkpointed first."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (DB_NAME, HEADER_NAME):
        shutil.copy2(source / name, target / name)
