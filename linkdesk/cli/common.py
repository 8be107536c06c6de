"""What every command shares: the store folder, passphrases, opening, and its error type."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from linkdesk.paths import resolve_data_dir
from linkdesk.store import Store, open_store

from .passphrases import PassphraseSource


class CommandError(Exception):
    """An expected failure that is not a store error (a bad date, a bad file...)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def data_dir(args) -> Path:
    return resolve_data_dir(args.data_dir)


def passphrases(args) -> PassphraseSource:
    return PassphraseSource(args.passphrase_stdin)


def open_for(args, source: PassphraseSource | None = None) -> Store:
    """Unlock the store named by --data-dir with the passphrase from its usual sources.

    Pass `source` when the command reads more from it afterwards (stdin is read only once).
    """
    folder = data_dir(args)
    return open_store(folder, (source or passphrases(args)).current(f"Passphrase for {folder}: "))


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} must be a date like 2026-11-25, not {text!r}", exit_code=2) from None


def require_display() -> None:
    """On Linux, Qt aborts without a display; say so plainly instead (Windows and macOS always have one)."""
    if not sys.platform.startswith("linux"):
        return
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return
    raise CommandError(
        "no display found: the LinkDesk window needs a desktop session. "
        "The other commands (see linkdesk --help) work without one."
    )


def refuse_existing(path: Path) -> Path:
    """Templates are filled in by hand, so saving one never replaces a file (exports and reports do)."""
    if path.exists():
        raise CommandError(f"{path} already exists; choose another file name")
    return path
