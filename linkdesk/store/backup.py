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
from .engine import check_database, connect_raw
from .errors import BackupError, NewerStore
from .keys import HEADER_NAME, write_header
from .store import DB_NAME, STORE_FILES, Store, open_store, read_store_header, unlock_key

AUTO_PREFIX = "linkdesk-backup-"
_AUTO_NAME = re.compile(r"^linkdesk-backup-(\d{8}-\d{6})(?:-\d+)?$")
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
        target.mkdir(parents=True, exist_ok=True)
        connection = store.raw_connection()
        try:
            connection.execute("VACUUM INTO ?", (str(partial),))
        finally:
            connection.close()
        key, header = store.backup_key()
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


def list_automatic_backups(folder: Path) -> list[BackupEntry]:
    """Automatic backups in `folder`, newest first. Other folders there are left alone."""
    entries = []
    if Path(folder).is_dir():
        for child in Path(folder).iterdir():
            match = _AUTO_NAME.match(child.name)
            if match and child.is_dir():
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


def automatic_backup_due(folder: Path, today: date | None = None) -> bool:
    today = today or date.today()
    return not any(entry.made.date() == today for entry in list_automatic_backups(folder))


def run_automatic_backup(store: Store, folder: Path, now: datetime | None = None) -> Path:
    """Write today's backup into `folder` and prune what rotation no longer keeps."""
    now = now or datetime.now()
    name = f"{AUTO_PREFIX}{now.strftime(_STAMP)}"
    target = Path(folder) / name
    suffix = 1
    while target.exists():  # two backups in one second (Back up now just after unlock)
        suffix += 1
        target = Path(folder) / f"{name}-{suffix}"
    target = backup_store(store, target)
    rotate(folder)
    return target


def backup_if_due(store: Store) -> Path | None:
    """The daily automatic backup, run after unlock: None if today's already exists."""
    folder = backup_folder_for(store)
    return run_automatic_backup(store, folder) if automatic_backup_due(folder) else None


def rotate(folder: Path) -> list[Path]:
    entries = list_automatic_backups(folder)
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

    The store being replaced (if any) is moved to a ``replaced-…`` folder beside it and
    moved back if anything fails. Returns that folder. The store must not be open.
    """
    folder, backup = Path(folder), Path(backup)
    if backup.resolve() == folder.resolve():
        raise BackupError(f"{backup} is the store itself, not a backup of it. Choose a backup folder; nothing was changed.")
    verify_backup(backup, passphrase)
    key, _, _ = unlock_key(backup, read_store_header(backup), passphrase)
    folder.mkdir(parents=True, exist_ok=True)
    existing = [name for name in STORE_FILES if (folder / name).exists()]
    aside = None
    if existing:
        aside = folder / f"replaced-{datetime.now().strftime(_STAMP)}"
        aside.mkdir()
        for name in existing:
            os.replace(folder / name, aside / name)
    try:
        partial = folder / (DB_NAME + ".partial")
        # VACUUM INTO from a read-only connection also folds in anything left in the backup's WAL.
        source = connect_raw(backup / DB_NAME, key, read_only=True)
        try:
            source.execute("VACUUM INTO ?", (str(partial),))
        finally:
            source.close()
        shutil.copy2(backup / HEADER_NAME, folder / HEADER_NAME)
        os.replace(partial, folder / DB_NAME)
        restored = open_store(folder, passphrase)  # checks again, migrates if older, audits unlock
        try:
            restored.audit("restore", detail=f"restored from {backup}" + (f"; replaced store kept in {aside.name}" if aside else ""))
        finally:
            restored.close()
    except BaseException as exc:
        for name in STORE_FILES + (DB_NAME + ".partial",):
            (folder / name).unlink(missing_ok=True)
        if aside is not None:
            for name in existing:
                os.replace(aside / name, folder / name)
            aside.rmdir()
        if isinstance(exc, OSError):
            raise BackupError(f"The backup could not be restored into {folder}: {exc.strerror or exc}. Nothing was changed.") from exc
        raise
    return aside
