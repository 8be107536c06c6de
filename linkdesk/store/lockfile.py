"""Who has a store open: a shared lock while open, an exclusive one while it is replaced.

Every open `Store` holds a shared lock on ``linkdesk.lock`` in its folder, so the app, a
scheduled ``linkdesk backup`` and a command line can all use one store at once (SQLite's
own locking keeps their writes apart). Restoring a backup swaps the store's files, which
is only safe when nobody has them open, so it takes the lock exclusively and refuses if
anyone holds it. The operating system drops the lock when a process dies, so a crash
never leaves a store locked. portalocker does the locking on every platform (flock on
Linux and macOS, LockFileEx on Windows).

A second lock file, ``linkdesk.window.lock``, allows one app window per store; the window
holds it even while locked (its unsaved edits are parked in the store), so a restore from
the command line refuses then too.

Where the file system cannot lock at all (some network shares), LinkDesk works as it did
before locks: the lock is simply not held. Only another holder makes it refuse.
"""

from __future__ import annotations

from pathlib import Path

import portalocker

from .errors import AppAlreadyOpen, StoreInUse

LOCK_NAME = "linkdesk.lock"
WINDOW_LOCK_NAME = "linkdesk.window.lock"

_windows_here: set[Path] = set()  # store folders whose window lock this process holds


class LockUnavailable(OSError):
    """The file system could not lock the file for a reason other than another holder."""


class StoreLock:
    """A held lock on a store folder; `release()` lets it go (safe to call twice)."""

    def __init__(self, folder: Path, *, exclusive: bool, name: str = LOCK_NAME):
        self.folder = Path(folder)
        self.name = name
        mode = portalocker.LOCK_EX if exclusive else portalocker.LOCK_SH
        self._file = open(self.folder / name, "a+b")  # noqa: SIM115 - held until release()
        try:
            portalocker.lock(self._file, mode | portalocker.LOCK_NB)
        except portalocker.AlreadyLocked:
            self._file.close()
            raise StoreInUse(self.folder, being_replaced=not exclusive) from None
        except portalocker.LockException as exc:
            self._file.close()
            raise LockUnavailable(f"{self.folder / name} cannot be locked here: {exc}") from exc
        except BaseException:
            self._file.close()
            raise

    def release(self) -> None:
        if self._file.closed:
            return
        if self.name == WINDOW_LOCK_NAME:
            _windows_here.discard(self.folder.resolve())
        try:
            portalocker.unlock(self._file)
        finally:
            self._file.close()


def hold_shared(folder: Path) -> StoreLock | None:
    """The lock an open store holds; None where the folder cannot take one (read-only media, no locking)."""
    try:
        return StoreLock(folder, exclusive=False)
    except OSError:
        return None


def hold_exclusive(folder: Path) -> StoreLock | None:
    """The lock for replacing a store's files: StoreInUse if it is open anywhere, None if locking is impossible.

    Also refuses while an app window holds the store, even locked, unless that window is
    this process (File > Restore from backup): the window's parked edits would be lost.
    """
    folder = Path(folder)
    if (folder / WINDOW_LOCK_NAME).exists() and folder.resolve() not in _windows_here:
        try:
            StoreLock(folder, exclusive=True, name=WINDOW_LOCK_NAME).release()
        except StoreInUse:
            raise StoreInUse(folder, window_open=True) from None
        except OSError:
            pass
    try:
        return StoreLock(folder, exclusive=True)
    except OSError:
        return None


def hold_window(folder: Path) -> StoreLock | None:
    """One app window per store: two would park and take each other's unsaved edits on lock.

    Commands (a scheduled backup, a report) may still run beside the window. None where
    the folder cannot take a lock; OSError if the folder cannot be made.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        lock = StoreLock(folder, exclusive=True, name=WINDOW_LOCK_NAME)
    except StoreInUse:
        raise AppAlreadyOpen(folder) from None
    except LockUnavailable:
        return None
    _windows_here.add(folder.resolve())
    return lock
