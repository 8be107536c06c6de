"""SQLCipher connections: building the keyed engine, probing a file safely, integrity checks.

Every connection, pooled or raw, goes through `connect_raw`, which silences SQLCipher's
own stderr logging, applies the raw key first, refuses a SQLite build without encryption
and sets the pragmas DESIGN.md requires. Nothing here ever formats a passphrase; the raw
key only appears hex-encoded inside a PRAGMA statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from .errors import DamagedStore, NotALinkDeskStore, SqlCipherMissing, UnencryptedDatabase
from .keys import pragma_key

PAGE_SIZE = 4096
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_CACHE_MIB = 128
BUSY_TIMEOUT_SECONDS = 10.0

DatabaseError = sqlcipher.DatabaseError


def connect_raw(db_path: Path, key: bytes, *, read_only: bool = False) -> sqlcipher.Connection:
    """A keyed DB-API connection in autocommit mode, checked to be really encrypted."""
    if read_only:
        # mode=ro alone still creates -wal and -shm files beside the database. When neither
        # exists (a closed store, a backup: nobody has it open and there is no WAL to read),
        # immutable=1 opens without creating any file.
        in_use = any(db_path.with_name(db_path.name + suffix).exists() for suffix in ("-wal", "-shm"))
        options = "mode=ro" if in_use else "mode=ro&immutable=1"
        connection = sqlcipher.connect(
            f"{db_path.resolve().as_uri()}?{options}",
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
            check_same_thread=False,
        )
    else:
        connection = sqlcipher.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    try:
        # Autocommit at the driver; transactions are begun explicitly (see _begin below).
        connection.isolation_level = None
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(pragma_key(key))
        version = connection.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise SqlCipherMissing()
    except BaseException:
        connection.close()
        raise
    return connection


def sqlcipher_library_version() -> str:
    """The SQLCipher version of the library in use, without opening any store."""
    connection = sqlcipher.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
        return row[0] if row and row[0] else "none (no encryption available)"
    finally:
        connection.close()


def apply_pragmas(connection: sqlcipher.Connection, cache_mib: int = DEFAULT_CACHE_MIB) -> None:
    """Per-connection settings. The first statement to read the file also proves the key."""
    connection.execute("PRAGMA journal_mode = WAL")
    for pragma in (
        "synchronous = FULL",
        "foreign_keys = ON",
        "secure_delete = ON",
        "temp_store = MEMORY",
        f"cache_size = {-cache_mib * 1024}",
    ):
        connection.execute(f"PRAGMA {pragma}")


def make_engine(db_path: Path, key: bytes, *, cache_mib: int = DEFAULT_CACHE_MIB) -> Engine:
    """A SQLAlchemy engine whose every connection is keyed. The key lives only in a closure."""

    def create_connection() -> sqlcipher.Connection:
        connection = connect_raw(db_path, key)
        try:
            apply_pragmas(connection, cache_mib)
        except BaseException:
            connection.close()
            raise
        return connection

    # The URL names no file: the path and the key only ever reach the driver via creator.
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=create_connection,
        module=sqlcipher,
        poolclass=QueuePool,
        hide_parameters=True,  # database errors must never carry patient details into a message
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(connection):
        # Real BEGIN so that SAVEPOINTs and transactional DDL (migrations) behave.
        connection.exec_driver_sql("BEGIN")

    return engine


def inspect_file(folder: Path, db_path: Path) -> None:
    """Reject files we can tell are unusable before any key is applied."""
    size = db_path.stat().st_size
    if size == 0:
        raise DamagedStore(folder, "The database file is empty (0 bytes)")
    with open(db_path, "rb") as handle:
        start = handle.read(len(SQLITE_MAGIC))
    if start == SQLITE_MAGIC:
        raise UnencryptedDatabase(folder)
    if size % PAGE_SIZE:
        raise DamagedStore(folder, "The database file is truncated or damaged (its size is not whole pages)")


def probe(folder: Path, db_path: Path, key: bytes, thorough: bool = True) -> str | None:
    """Open read-only with a key already known to be right; return the schema revision.

    Any failure here means the file itself is bad, because the key was verified against
    the header first. Read-only mode guarantees the file's bytes are not touched.
    `thorough` adds `quick_check`, which reads every page (about 2 s for a 200 MB store);
    without it a file shorter than its header says is still refused, as SQLite checks that
    on the first read, but a damaged page in the middle is only found when it is read.
    """
    try:
        connection = connect_raw(db_path, key, read_only=True)
    except sqlcipher.OperationalError as exc:
        raise DamagedStore(folder, f"The database file cannot be opened ({exc})") from exc
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise NotALinkDeskStore(folder, "the database has no LinkDesk schema")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        quick = connection.execute("PRAGMA quick_check").fetchone() if thorough else ("ok",)
        if not quick or quick[0] != "ok":
            raise DamagedStore(folder, "The database file is damaged (integrity check failed)")
        return row[0] if row else None
    except sqlcipher.DatabaseError as exc:
        raise DamagedStore(folder, "The database file is damaged or truncated and cannot be read") from exc
    finally:
        connection.close()


@dataclass
class CheckReport:
    """Result of `linkdesk check`: empty problems means healthy."""

    quick_check: str = ""
    cipher_problems: list[str] = field(default_factory=list)
    schema_revision: str | None = None
    expected_revision: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(db_path: Path, key: bytes, expected_revision: str | None) -> CheckReport:
    """quick_check, cipher_integrity_check (page HMACs) and the schema revision."""
    report = CheckReport(expected_revision=expected_revision)
    connection = connect_raw(db_path, key, read_only=True)
    try:
        report.quick_check = "; ".join(row[0] for row in connection.execute("PRAGMA quick_check"))
        report.cipher_problems = [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        report.schema_revision = row[0] if row else None
    except sqlcipher.DatabaseError as exc:
        report.problems.append(f"The database cannot be read: {exc}")
        return report
    finally:
        connection.close()
    if report.quick_check != "ok":
        report.problems.append(f"Integrity check: {report.quick_check}")
    report.problems.extend(f"Encryption check: {problem}" for problem in report.cipher_problems)
    if expected_revision is not None and report.schema_revision != expected_revision:
        report.problems.append(
            f"Schema version is {report.schema_revision}, expected {expected_revision}"
        )
    return report
