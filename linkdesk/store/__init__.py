"""The encrypted store: SQLCipher engine, keys, migrations, audit, settings, backup.

Feature packages import what they need from here; the UI imports only errors and the
plain functions re-exported below, never SQLAlchemy.
"""

from .errors import (
    BackupError,
    DamagedStore,
    MissingKeyHeader,
    NewerStore,
    NotALinkDeskStore,
    SqlCipherMissing,
    StoreAlreadyExists,
    StoreError,
    StoreNotFound,
    UnencryptedDatabase,
    WeakPassphrase,
    WrongPassphrase,
)
from .keys import TEST_KDF, KdfParams
from .store import Store, create_store, open_store, store_exists

__all__ = [
    "BackupError",
    "DamagedStore",
    "KdfParams",
    "MissingKeyHeader",
    "NewerStore",
    "NotALinkDeskStore",
    "SqlCipherMissing",
    "Store",
    "StoreAlreadyExists",
    "StoreError",
    "StoreNotFound",
    "TEST_KDF",
    "UnencryptedDatabase",
    "WeakPassphrase",
    "WrongPassphrase",
    "create_store",
    "open_store",
    "store_exists",
]
