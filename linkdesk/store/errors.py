"""Errors a user can meet when opening, changing or backing up a store, in plain English.

Every message names the folder involved and, where it helps, what to do next. None of
them ever contains a passphrase or a key.
"""

from __future__ import annotations

from pathlib import Path

RESTORE_HINT = "If you have a backup, use File > Restore from backup (or 'linkdesk restore')."


class StoreError(Exception):
    """Base for every expected store failure. `exit_code` follows DESIGN.md."""

    exit_code = 1


class StoreNotFound(StoreError):
    def __init__(self, folder: Path):
        super().__init__(f"There is no LinkDesk store in {folder}.")
        self.folder = folder


class StoreAlreadyExists(StoreError):
    def __init__(self, folder: Path):
        super().__init__(
            f"{folder} already holds a LinkDesk store. It has not been changed; "
            "choose an empty folder."
        )
        self.folder = folder


class WrongPassphrase(StoreError):
    exit_code = 3

    def __init__(self, folder: Path):
        super().__init__(
            f"That passphrase does not unlock the store in {folder}. Nothing was changed; "
            "check Caps Lock and the keyboard language, then try again."
        )
        self.folder = folder


class WeakPassphrase(StoreError):
    exit_code = 2


class DamagedStore(StoreError):
    """The store cannot be read: missing header, damaged or truncated database, and so on."""

    exit_code = 4

    def __init__(self, folder: Path, problem: str):
        super().__init__(f"{problem} (store folder: {folder}). It has not been changed. {RESTORE_HINT}")
        self.folder = folder
        self.problem = problem


class MissingKeyHeader(DamagedStore):
    def __init__(self, folder: Path):
        super().__init__(
            folder,
            "The key header file (linkdesk.key) is missing, so the database cannot be unlocked",
        )


class NotALinkDeskStore(DamagedStore):
    def __init__(self, folder: Path, why: str):
        super().__init__(folder, f"This is not a LinkDesk store: {why}")


class UnencryptedDatabase(DamagedStore):
    def __init__(self, folder: Path):
        super().__init__(
            folder,
            "The database file is a plain, unencrypted SQLite file, not a LinkDesk store. "
            "LinkDesk only opens encrypted stores",
        )


class NewerStore(StoreError):
    exit_code = 4

    def __init__(self, folder: Path, revision: str):
        super().__init__(
            f"The store in {folder} was written by a newer version of LinkDesk "
            f"(schema {revision}). Install the newer version to open it; nothing was changed."
        )


class SqlCipherMissing(StoreError):
    """The SQLite library in use does not encrypt: refuse rather than write plaintext."""

    def __init__(self):
        super().__init__(
            "The SQLite library in use has no encryption (SQLCipher). LinkDesk refuses to "
            "store health data unencrypted; reinstall LinkDesk."
        )


class BackupError(StoreError):
    pass


class StoreInUse(StoreError):
    """Another LinkDesk window or command has the store open, or is replacing it."""

    def __init__(self, folder: Path, *, being_replaced: bool = False, window_open: bool = False):
        if window_open:
            message = (f"LinkDesk is open on the store in {folder} in a window, perhaps locked, holding any "
                       "unsaved edits. Quit it there first, or restore from its File menu; nothing was changed.")
        elif being_replaced:
            message = (f"The store in {folder} is being restored from a backup by another LinkDesk "
                       "window or command. Wait for that to finish, then try again.")
        else:
            message = (f"The store in {folder} is open in another LinkDesk window or command. "
                       "Close it there (File > Quit, or let the command finish), then try again; "
                       "nothing was changed.")
        super().__init__(message)
        self.folder = folder


class AppAlreadyOpen(StoreError):
    def __init__(self, folder: Path):
        super().__init__(
            f"LinkDesk is already open on the store in {folder}, in another window. "
            "Switch to that window (it may be minimised or locked); one store has one window."
        )
        self.folder = folder
