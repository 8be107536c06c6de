"""Encrypted backups that count only once verified, their rotation, and restore.

A backup is itself a store folder (database plus key header), made with ``VACUUM INTO``
so it is encrypted under the same key, then reopened with that key and checked before it
is given its final name. The passphrase in force when the backup was made opens it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from . import migrate
from .engine import DatabaseError, check_database, connect_raw
from .errors import BackupError, NewerStore
from .keys import HEADER_NAME, write_header
from .lockfile import hold_exclusive
from .settings import store_id
from .store import DB_NAME, STORE_FILES, Store, open_store, read_store_header, unlock_key

AUTO_PREFIX = "linkdesk-backup-"
# linkdesk-backup-<when>[-<n>]-<store id>: the id keeps stores sharing a folder apart.
_AUTO_NAME = re.compile(r"^linkdesk-backup-(\d{8}-\d{6})(?:-\d+)?-([0-9a-f]{8})$")
_STAMP = "%Y%m%d-%H%M%S"
KEEP_DAILY = 7
KEEP_WEEKLY = 4


def default_backup_folder(store_folder: Path) -> Path:
    return Path(store_folder) / "backups"


def backup_folder_for(store: Store) -> Path:
    """Where automatic backups go: the configured folder, else `backups` inside the store folder."""
    from .settings import BACKUP_FOLDER, read_setting

    configured = read_setting(store, BACKUP_FOLDER)
    return Path(configured) if configured else default_backup_folder(store.folder)


def backup_store(store: Store, target: Path, *, audit_it: bool = True) -> Path:
    """Write a verified backup to the folder `target`, which must be new or empty."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} already exists and is not an empty folder. Choose a new folder for the backup.")
    created = not target.exists()
    partial = target / (DB_NAME + ".partial")
    try:
        key, header = store.backup_key()
        # The store itself first, page by page: VACUUM copies only what it reads, so a damaged page it
        # skips (an index of an empty table) would leave a "verified" copy and the damage unreported.
        live = check_database(store.folder / DB_NAME, key, None)
        if not live.ok:
            raise BackupError(f"The store in {store.folder} failed its checks, so no backup was made from it: "
                              f"{'; '.join(live.problems)}. Keep your earlier backups; run `linkdesk check`, "
                              "and restore from the latest good backup if it confirms the damage.")
        target.mkdir(parents=True, exist_ok=True)
        connection = store.raw_connection()
        try:
            connection.execute("VACUUM INTO ?", (str(partial),))
        finally:
            connection.close()
        # The copy must match the store it came from, which before an upgrade is not yet at head.
        report = check_database(partial, key, migrate.current_revision(store.engine))
        if not report.ok:
            raise BackupError(f"The backup in {target} failed its checks: {'; '.join(report.problems)}")
        os.replace(partial, target / DB_NAME)
        write_header(target / HEADER_NAME, header)
    except BaseException as exc:
        _remove_partial_backup(target, created)
        if isinstance(exc, OSError):
            raise BackupError(f"The backup could not be written to {target}: {exc.strerror or exc}") from exc
        if isinstance(exc, DatabaseError):
            raise BackupError(f"The store in {store.folder} could not be read in full, so no backup was made "
                              "(it may be damaged). Keep your earlier backups and run `linkdesk check`.") from exc
        raise
    if audit_it:
        store.audit("backup", detail=f"verified backup written to {target}")
    return target


def _remove_partial_backup(target: Path, created: bool) -> None:
    if created:
        shutil.rmtree(target, ignore_errors=True)
    else:
        for name in (DB_NAME + ".partial", DB_NAME, HEADER_NAME):
            (target / name).unlink(missing_ok=True)


# -- automatic backups and rotation ----------------------------------------------------


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    made: datetime


def list_automatic_backups(folder: Path, store_id: str) -> list[BackupEntry]:
    """This store's automatic backups in `folder`, newest first. Anything else there is left alone."""
    entries = []
    if Path(folder).is_dir():
        for child in Path(folder).iterdir():
            match = _AUTO_NAME.match(child.name)
            if match and match.group(2) == store_id and child.is_dir():
                entries.append(BackupEntry(child, datetime.strptime(match.group(1), _STAMP)))
    return sorted(entries, key=lambda entry: entry.made, reverse=True)


def backups_to_keep(made: Iterable[datetime], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[datetime]:
    """The newest backup of each of the last `daily` days, and of each of the last `weekly` weeks."""
    newest_per_day: dict[date, datetime] = {}
    newest_per_week: dict[tuple[int, int], datetime] = {}
    for moment in made:
        day = moment.date()
        week = tuple(day.isocalendar())[:2]
        if moment > newest_per_day.get(day, datetime.min):
            newest_per_day[day] = moment
        if moment > newest_per_week.get(week, datetime.min):
            newest_per_week[week] = moment
    keep = {newest_per_day[day] for day in sorted(newest_per_day, reverse=True)[:daily]}
    keep |= {newest_per_week[week] for week in sorted(newest_per_week, reverse=True)[:weekly]}
    return keep


def automatic_backup_due(folder: Path, store_id: str, today: date | None = None) -> bool:
    today = today or date.today()
    return not any(entry.made.date() == today for entry in list_automatic_backups(folder, store_id))


def run_automatic_backup(store: Store, folder: Path, now: datetime | None = None) -> Path:
    """Write today's backup into `folder` and prune what rotation no longer keeps of this store's."""
    now = now or datetime.now()
    identity = store_id(store)
    stamp = now.strftime(_STAMP)
    target, suffix = Path(folder) / f"{AUTO_PREFIX}{stamp}-{identity}", 1
    while target.exists():  # two backups in one second (Back up now just after unlock)
        suffix += 1
        target = Path(folder) / f"{AUTO_PREFIX}{stamp}-{suffix}-{identity}"
    target = backup_store(store, target)
    rotate(folder, identity)
    return target


def backup_if_due(store: Store) -> Path | None:
    """The daily automatic backup, run after unlock: None if today's already exists."""
    folder = backup_folder_for(store)
    return run_automatic_backup(store, folder) if automatic_backup_due(folder, store_id(store)) else None


def rotate(folder: Path, store_id: str) -> list[Path]:
    entries = list_automatic_backups(folder, store_id)
    keep = backups_to_keep(entry.made for entry in entries)
    removed = [entry.path for entry in entries if entry.made not in keep]
    for path in removed:
        shutil.rmtree(path)
    return removed


# -- restore ---------------------------------------------------------------------------


def verify_backup(backup: Path, passphrase: str) -> None:
    """Raise a StoreError unless `backup` opens with `passphrase` and passes every check."""
    backup = Path(backup)
    header = read_store_header(backup)
    key, _, revision = unlock_key(backup, header, passphrase)
    if revision is not None and not migrate.is_known_revision(revision):
        raise NewerStore(backup, revision)
    report = check_database(backup / DB_NAME, key, None)
    if not report.ok:
        raise BackupError(f"The backup in {backup} failed its checks ({'; '.join(report.problems)}). Nothing was changed.")


def restore_store(folder: Path, backup: Path, passphrase: str) -> Path | None:
    """Replace the store in `folder` with a checked copy of `backup`.

    Refused (StoreInUse) while any LinkDesk window or command has the store open. The store
    being replaced (if any) is moved to a ``replaced-…`` folder beside it and moved back if
    anything fails. Returns that folder.
    """
    folder, backup = Path(folder), Path(backup)
    if backup.resolve() == folder.resolve():
        raise BackupError(f"{backup} is the store itself, not a backup of it. Choose a backup folder; nothing was changed.")
    verify_backup(backup, passphrase)
    key, _, _ = unlock_key(backup, read_store_header(backup), passphrase)
    folder.mkdir(parents=True, exist_ok=True)
    lock = hold_exclusive(folder)
    try:
        return _replace_files(folder, backup, key, passphrase, lock)
    finally:
        if lock is not None:
            lock.release()


def _aside_folder(folder: Path) -> Path:
    name = f"replaced-{datetime.now().strftime(_STAMP)}"
    aside, suffix = folder / name, 1
    while aside.exists():  # two restores in one second
        suffix += 1
        aside = folder / f"{name}-{suffix}"
    aside.mkdir()
    return aside


def _replace_files(folder: Path, backup: Path, key: bytes, passphrase: str, lock) -> Path | None:
    existing = [name for name in STORE_FILES if (folder / name).exists()]
    aside = _aside_folder(folder) if existing else None
    moved: list[str] = []
    try:
        for name in existing:
            os.replace(folder / name, aside / name)
            moved.append(name)
        partial = folder / (DB_NAME + ".partial")
        # VACUUM INTO from a read-only connection also folds in anything left in the backup's WAL.
        source = connect_raw(backup / DB_NAME, key, read_only=True)
        try:
            source.execute("VACUUM INTO ?", (str(partial),))
        finally:
            source.close()
        shutil.copy2(backup / HEADER_NAME, folder / HEADER_NAME)
        os.replace(partial, folder / DB_NAME)
        # Checks again, migrates if older, audits the unlock; under the lock restore holds.
        restored = open_store(folder, passphrase, lock=lock)
        try:
            restored.audit("restore", detail=f"restored from {backup}" + (f"; replaced store kept in {aside.name}" if aside else ""))
        finally:
            restored.close()
    except BaseException as exc:
        for name in STORE_FILES + (DB_NAME + ".partial",):
            if name not in existing or name in moved:  # never an original that was not moved yet
                (folder / name).unlink(missing_ok=True)
        for name in moved:
            os.replace(aside / name, folder / name)
        if aside is not None:
            aside.rmdir()
        if isinstance(exc, OSError):
            raise BackupError(f"The backup could not be restored into {folder}: {exc.strerror or exc}. Nothing was changed.") from exc
        raise
    return aside
