"""A writer killed at random moments never loses a reported commit nor damages the store.

The moments and draft sizes come from one seed, named in every failure message; run again
with LINKDESK_CRASH_SEED=<seed> to replay the same kill times and sizes (the operating
system's scheduling still varies, so a replay is close, not exact).
"""

import os
import random
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from linkdesk.store import TEST_KDF, create_store, open_store
from linkdesk.store.audit import AuditEvent

ROUNDS = 25

# The child commits one audit row (plus a draft of random size, so transactions span
# several pages and the WAL gets checkpointed now and then) per transaction, and only
# after the commit returns does it report the row's number.
WRITER = """
import os, random, sys
from pathlib import Path
from linkdesk.store import audit, drafts, open_store

store = open_store(Path(sys.argv[1]), os.environ["CRASH_PASSPHRASE"], cache_mib=2)
first = int(sys.argv[2])
random.seed(int(sys.argv[3]))
print("ready", flush=True)
for number in range(first, first + 100_000):
    with store.session() as session:
        audit.record(session, "update", "crash-test", number, detail="committed")
        drafts.park_drafts(session, {f"draft-{number % 7}": {"text": "x" * random.randint(10, 30_000)}})
    print(number, flush=True)
"""


def _run_and_kill(folder, first: int, passphrase: str, rng: random.Random) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), str(first), str(rng.randrange(2**32))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CRASH_PASSPHRASE": passphrase},
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.4))
        child.kill()  # SIGKILL on POSIX: no clean-up code runs
    finally:
        output, errors = child.communicate(timeout=30)
    assert child.returncode != 0, errors  # it really was killed mid-loop
    # Only whole lines count: a number is reported once its newline is out.
    return [int(line) for line in output.splitlines(keepends=True) if line.endswith("\n")]


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_keeps_every_reported_commit(tmp_path):
    folder = tmp_path / "store"
    passphrase = "crash test passphrase"
    create_store(folder, passphrase, kdf=TEST_KDF, cache_mib=8).close()
    seed = int(os.environ.get("LINKDESK_CRASH_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    print(f"crash-safety seed: {seed}")
    reported: set[int] = set()
    first = 0
    for round_number in range(ROUNDS):
        done = _run_and_kill(folder, first, passphrase, rng)
        reported.update(done)
        first += 100_000

        store = open_store(folder, passphrase, cache_mib=8)
        try:
            report = store.check()
            assert report.ok, f"seed {seed}, round {round_number}: {report.problems}"
            assert report.quick_check == "ok" and report.cipher_problems == []
            with store.session() as session:
                stored = set(
                    int(value)
                    for value in session.scalars(
                        select(AuditEvent.entity_id).where(AuditEvent.entity == "crash-test")
                    )
                )
        finally:
            store.close()
        missing = reported - stored
        assert not missing, f"seed {seed}, round {round_number}: reported commits lost: {sorted(missing)[:10]}"
    assert len(reported) > ROUNDS, f"seed {seed}: {len(reported)}"  # the child did get real work done between kills
