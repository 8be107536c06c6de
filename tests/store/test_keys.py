"""The key header: a faithful round trip, refusal of anything damaged, and production KDF parameters."""

import json

import pytest

from linkdesk.store import NotALinkDeskStore, WrongPassphrase, create_store, open_store
from linkdesk.store.keys import (
    HEADER_NAME,
    MIN_MEMORY_KIB,
    MIN_PARALLELISM,
    MIN_TIME_COST,
    TEST_KDF,
    KeyHeader,
    KeySlot,
    calibrate,
    read_header,
    write_header,
)
from linkdesk.store.store import read_store_header

from ..conftest import PASSPHRASE
from ..helpers import fingerprint


def test_a_header_with_a_pending_slot_round_trips_and_holds_no_secret(tmp_path):
    current, key = KeySlot.create("first passphrase", TEST_KDF)
    pending, new_key = KeySlot.create("second passphrase", TEST_KDF)
    path = tmp_path / HEADER_NAME
    write_header(path, KeyHeader(current, pending))

    assert read_header(path) == KeyHeader(current, pending)
    assert read_header(path).current.unlock("first passphrase") == key
    assert read_header(path).pending.unlock("second passphrase") == new_key
    assert read_header(path).current.unlock("second passphrase") is None
    text = path.read_text(encoding="utf-8")
    for secret in ("first passphrase", "second passphrase", key.hex(), new_key.hex()):
        assert secret not in text
    assert not (tmp_path / (HEADER_NAME + ".tmp")).exists()


def test_the_store_header_names_its_parameters_in_plain_json(store):
    data = json.loads(store.header_path.read_text(encoding="utf-8"))
    assert data["format"] == "linkdesk-key-header"
    assert data["current"]["kdf"] == "argon2id"
    assert data["current"]["memory_kib"] == TEST_KDF.memory_kib
    assert "pending" not in data


def _valid_header() -> dict:
    slot, _ = KeySlot.create(PASSPHRASE, TEST_KDF)
    return KeyHeader(slot).to_json()


def _with(change) -> bytes:
    data = _valid_header()
    change(data)
    return json.dumps(data).encode()


DAMAGED_HEADERS = {
    "random bytes": bytes(range(256)) * 4,
    "empty file": b"",
    "cut-off JSON": json.dumps(_valid_header()).encode()[:60],
    "a JSON list": b"[1, 2, 3]",
    "another program's JSON": b'{"name": "settings", "theme": "dark"}',
    "unknown format version": _with(lambda d: d.update(version=99)),
    "unknown key derivation": _with(lambda d: d["current"].update(kdf="pbkdf2")),
    "slot is not an object": _with(lambda d: d.update(current="nonsense")),
    "slot is null": _with(lambda d: d.update(current=None)),
    "missing salt": _with(lambda d: d["current"].pop("salt")),
    "salt is not base64": _with(lambda d: d["current"].update(salt="not base64!")),
    "memory is not a number": _with(lambda d: d["current"].update(memory_kib="lots")),
    "impossible parameters": _with(lambda d: d["current"].update(memory_kib=0, time_cost=0)),
    "salt too short": _with(lambda d: d["current"].update(salt="AAE=")),
}


@pytest.mark.parametrize("content", DAMAGED_HEADERS.values(), ids=DAMAGED_HEADERS.keys())
def test_a_damaged_header_is_not_a_linkdesk_store_and_is_left_alone(store, content):
    folder = store.folder
    store.close()
    (folder / HEADER_NAME).write_bytes(content)
    before = fingerprint(folder)

    with pytest.raises(NotALinkDeskStore) as raised:
        read_store_header(folder)
    assert str(folder) in str(raised.value)
    with pytest.raises(NotALinkDeskStore):
        open_store(folder, PASSPHRASE)
    assert fingerprint(folder) == before


@pytest.mark.slow
def test_production_parameters_meet_the_floor_and_unlock_the_store(tmp_path):
    params = calibrate()
    assert params.memory_kib >= MIN_MEMORY_KIB == 64 * 1024
    assert params.time_cost >= MIN_TIME_COST >= 3
    assert params.parallelism >= MIN_PARALLELISM >= 4

    create_store(tmp_path / "store", PASSPHRASE, kdf=params, cache_mib=8).close()
    header = read_store_header(tmp_path / "store")
    assert header.current.params == params
    # How long an unlock takes is measured by benchmarks/kdf.py, never asserted in a test.
    open_store(tmp_path / "store", PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path / "store", PASSPHRASE + "x")
