"""Who has a store open: a shared lock while open, an exclusive one while it is replaced.

(A second lock file, linkdesk.window.lock, allows one app window per store.)

Every open `Store` holds a shared lock on ``linkdesk.lock`` in its folder, so the app, a
scheduled ``linkdesk backup`` and a command line can all use one store at once (SQLite's
own locking keeps their writes apart). Restoring a backup swaps the store's files, which
is only safe when nobody has them open, so it takes the lock exclusively and refuses if
anyone holds it. The operating system drops the lock when a process dies, so a crash
never leaves a store locked. portalocker does the locking on every platform (flock on
Linux and macOS, LockFileEx on Windows).
"""

from __future__ import annotations

from pathlib import Path

import portalocker

from .errors import AppAlreadyOpen, StoreInUse

LOCK_NAME = "linkdesk.lock"
WINDOW_LOCK_NAME = "linkdesk.window.lock"  # held by the one app window a store may have


class StoreLock:
    """A held lock on a store folder; `release()` lets it go (safe to call twice)."""

    def __init__(self, folder: Path, *, exclusive: bool, name: str = LOCK_NAME):
        self.folder = Path(folder)
        self.exclusive = exclusive
        mode = portalocker.LOCK_EX if exclusive else portalocker.LOCK_SH
        self._file = open(self.folder / name, "a+b")  # noqa: SIM115 - held until release()
        try:
            portalocker.lock(self._file, mode | portalocker.LOCK_NB)
        except portalocker.LockException:
            self._file.close()
            raise StoreInUse(self.folder, being_replaced=not exclusive) from None
        except BaseException:
            self._file.close()
            raise

    @property
    def held(self) -> bool:
        return not self._file.closed

    def release(self) -> None:
        if self._file.closed:
            return
        try:
            portalocker.unlock(self._file)
        finally:
            self._file.close()


def hold_shared(folder: Path) -> StoreLock | None:
    """The lock an open store holds. None where the folder cannot take a lock file (read-only media)."""
    try:
        return StoreLock(folder, exclusive=False)
    except OSError:
        return None


def hold_exclusive(folder: Path) -> StoreLock:
    """The lock for replacing a store's files; StoreInUse if it is open anywhere."""
    return StoreLock(folder, exclusive=True)


def hold_window(folder: Path) -> StoreLock:
    """One app window per store: two would park and take each other's unsaved edits on lock.

    Commands (a scheduled backup, a report) may still run beside the window.
    """
    Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        return StoreLock(folder, exclusive=True, name=WINDOW_LOCK_NAME)
    except StoreInUse:
        raise AppAlreadyOpen(Path(folder)) from None
