"""Shared fixtures: real SQLCipher stores in temporary folders, Qt on the offscreen platform."""

import os
import sys

# Forced, not defaulted: tests must never depend on (or pop up on) a real display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from linkdesk.store import TEST_KDF, create_store  # noqa: E402

PASSPHRASE = "test passphrase 1"


@pytest.fixture
def store_dir(tmp_path):
    return tmp_path / "store"


@pytest.fixture
def store(store_dir):
    """An unlocked, empty store using cheap Argon2 parameters (TEST_KDF)."""
    opened = create_store(store_dir, PASSPHRASE, kdf=TEST_KDF, cache_mib=8)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _no_passphrase_from_environment(monkeypatch):
    # A developer's own LINKDESK_PASSPHRASE must never leak into a test.
    monkeypatch.delenv("LINKDESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("LINKDESK_NEW_PASSPHRASE", raising=False)


def pytest_sessionfinish(session, exitstatus):
    session.config.linkdesk_exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leave with pytest's own result once it has reported everything.

    With PySide6 6.12 on CPython 3.11, after a long run of widget tests the interpreter's
    final garbage collection can abort ("bool_dealloc: ... refcount error in a C
    extension"), turning a green run into exit code 134. Every test and the summary have
    finished by now; only the interpreter's own teardown is skipped. The app itself exits
    cleanly (checked by quitting a used demo window); see docs/ARCHITECTURE.md.
    """
    status = getattr(config, "linkdesk_exit_status", None)
    if status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
