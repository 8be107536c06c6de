"""Shared test helpers: file fingerprints, store contents, and running `python -m linkdesk`."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from linkdesk.store.audit import AuditEvent
from linkdesk.store.drafts import Draft
from linkdesk.store.settings import AppSetting


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (recursively) with its sha256: equal means nothing was touched or added."""
    folder = Path(folder)
    return {str(path.relative_to(folder)): sha256(path) for path in sorted(folder.rglob("*")) if path.is_file()}


def contents(store) -> dict:
    """What a user stored: settings, parked drafts and the audit log (oldest first)."""
    with store.session() as session:
        return {
            "settings": [(row.key, row.value) for row in session.scalars(select(AppSetting).order_by(AppSetting.key))],
            "drafts": [(row.key, row.payload) for row in session.scalars(select(Draft).order_by(Draft.key))],
            "audit": [
                (row.id, row.at, row.actor, row.action, row.entity, row.entity_id, row.detail)
                for row in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            ],
        }


def assert_same_contents(before: dict, after: dict) -> None:
    """Same settings and drafts; the audit log may only have grown (unlock, restore... rows)."""
    assert after["settings"] == before["settings"]
    assert after["drafts"] == before["drafts"]
    assert after["audit"][: len(before["audit"])] == before["audit"]


def run_linkdesk(*args: str, passphrase: str | None = None, stdin: str | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m linkdesk ARGS` in a real process, with no display and no inherited passphrase."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("LINKDESK_PASSPHRASE", "LINKDESK_NEW_PASSPHRASE", "DISPLAY", "WAYLAND_DISPLAY")}
    if passphrase is not None:
        env["LINKDESK_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "linkdesk", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def error_line(stderr: str) -> str:
    """The single `linkdesk: error:` line an expected failure prints; fails on anything else."""
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("linkdesk: error: "), stderr
    return lines[0]
