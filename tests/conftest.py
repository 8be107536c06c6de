"""Shared fixtures: real SQLCipher stores in temporary folders, Qt on the offscreen platform."""

import os

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
