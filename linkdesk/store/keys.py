"""Passphrase to key: Argon2id derivation, calibration, and the plaintext key header file.

The key header (``linkdesk.key``) sits beside the database and holds no secret: the KDF
name, its parameters, the salt, and a check value (HMAC of a fixed label under the derived
key) that tells a wrong passphrase apart from a damaged database. During a passphrase
change it also holds the pending new key's parameters, so a crash between re-encrypting
the database and rewriting the header can always be recovered from.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

HEADER_NAME = "linkdesk.key"
HEADER_FORMAT = "linkdesk-key-header"
HEADER_VERSION = 1
KEY_BYTES = 32
_CHECK_LABEL = b"linkdesk passphrase check v1"

# The floor DESIGN.md sets; calibration only ever goes up from here.
MIN_MEMORY_KIB = 64 * 1024
MIN_TIME_COST = 3
MIN_PARALLELISM = 4
MAX_MEMORY_KIB = 256 * 1024
# Aim a little above the 0.3 s floor of the 0.3-1.0 s budget, so ordinary jitter stays inside it.
TARGET_SECONDS = 0.35
MAX_HEADER_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB: far above what calibration chooses


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = MIN_MEMORY_KIB
    time_cost: int = MIN_TIME_COST
    parallelism: int = MIN_PARALLELISM

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            passphrase.encode("utf-8"),
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


# Cheap parameters for test stores only; never chosen implicitly.
TEST_KDF = KdfParams(memory_kib=1024, time_cost=1, parallelism=1)


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Raise memory, then passes, from the floor until a derivation takes target_seconds."""
    params = KdfParams()
    salt = secrets.token_bytes(16)
    while True:
        # The faster of two runs: one slow run (a busy moment, fresh memory) must not stop
        # calibration early and leave every later unlock below the 0.3 s floor.
        seconds = []
        for _ in range(2):
            started = time.perf_counter()
            params.derive("calibration", salt)
            seconds.append(time.perf_counter() - started)
        if min(seconds) >= target_seconds:
            return params
        if params.memory_kib < MAX_MEMORY_KIB:
            params = KdfParams(params.memory_kib * 2, params.time_cost, params.parallelism)
        else:
            params = KdfParams(params.memory_kib, params.time_cost + 1, params.parallelism)


@dataclass(frozen=True)
class KeySlot:
    """One way to derive the database key: parameters, salt and the check value."""

    params: KdfParams
    salt: bytes
    check: bytes

    @classmethod
    def create(cls, passphrase: str, params: KdfParams) -> tuple["KeySlot", bytes]:
        salt = secrets.token_bytes(16)
        key = params.derive(passphrase, salt)
        return cls(params, salt, _check_value(key)), key

    def unlock(self, passphrase: str) -> bytes | None:
        """The raw key if the passphrase is right, else None."""
        key = self.params.derive(passphrase, self.salt)
        return key if hmac.compare_digest(_check_value(key), self.check) else None

    def to_json(self) -> dict:
        return {
            "kdf": "argon2id",
            **asdict(self.params),
            "salt": _b64(self.salt),
            "check": _b64(self.check),
        }

    @classmethod
    def from_json(cls, data: dict) -> "KeySlot":
        if not isinstance(data, dict) or data.get("kdf") != "argon2id":
            raise ValueError("the key header names an unknown key derivation")
        params = KdfParams(int(data["memory_kib"]), int(data["time_cost"]), int(data["parallelism"]))
        salt, check = base64.b64decode(data["salt"]), base64.b64decode(data["check"])
        # Argon2 would fail (or try to take all memory) on these: treat them as a damaged header.
        if not (1 <= params.parallelism and 1 <= params.time_cost
                and 8 * params.parallelism <= params.memory_kib <= MAX_HEADER_MEMORY_KIB
                and len(salt) >= 8 and len(check) == hashlib.sha256().digest_size):
            raise ValueError("the key header holds impossible key derivation parameters")
        return cls(params, salt, check)


@dataclass(frozen=True)
class KeyHeader:
    current: KeySlot
    pending: KeySlot | None = None

    def to_json(self) -> dict:
        data = {"format": HEADER_FORMAT, "version": HEADER_VERSION, "current": self.current.to_json()}
        if self.pending is not None:
            data["pending"] = self.pending.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict) -> "KeyHeader":
        if not isinstance(data, dict) or data.get("format") != HEADER_FORMAT:
            raise ValueError("the key header is not a LinkDesk key header")
        if data.get("version") != HEADER_VERSION:
            raise ValueError(f"the key header has an unknown format version {data.get('version')!r}")
        pending = data.get("pending")
        return cls(KeySlot.from_json(data["current"]), KeySlot.from_json(pending) if pending else None)


def read_header(path: Path) -> KeyHeader:
    """Parse a header file. Raises OSError or ValueError (with a reason) on a bad one."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
        return KeyHeader.from_json(data)
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError("the key header file is damaged") from exc


def write_header(path: Path, header: KeyHeader) -> None:
    """Replace the header atomically, so a crash leaves the old or the new one, never half."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(header.to_json(), handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_folder(path.parent)


def pragma_key(key: bytes) -> str:
    """The PRAGMA that applies a raw key. The key is hex, so no quoting problem can arise."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def pragma_rekey(key: bytes) -> str:
    return f"PRAGMA rekey = \"x'{key.hex()}'\""


def _check_value(key: bytes) -> bytes:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
