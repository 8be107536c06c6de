"""SQLCipher's cost: one mixed workload on a keyed database and on the same library without a key.

Run with `python -m benchmarks.sqlcipher_overhead [ROWS]`. Budget (DESIGN.md): keyed <= 1.3x
unkeyed. Both use sqlcipher3 and the store's own pragmas (WAL, synchronous=FULL,
secure_delete...), including its deliberate 128 MiB page cache; a third column shows the
keyed database with SQLite's default 2 MiB cache, which is why the cache is sized on purpose.
Each phase runs on each database in turn, three times; the figure is the median.
"""

from __future__ import annotations

import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from benchmarks import result
from linkdesk.store.engine import DEFAULT_CACHE_MIB, apply_pragmas, connect_raw

WORDS = ("walking group gardening cookery befriending volunteering money advice housing choir chair yoga "
         "art craft reading cafe men shed swimming tai chi dance carers support bereavement digital skills "
         "english conversation allotment singing knitting football bowls pilates memory").split()
PLACES = ["B13", "B14", "B29", "B30", "B31", "B38", "B17", "B15"]
ROUNDS = 3
BATCH = 100


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _schema(connection) -> None:
    connection.execute("CREATE TABLE service (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category INTEGER, "
                       "postcode TEXT, description TEXT)")
    connection.execute("CREATE INDEX ix_service_postcode ON service (postcode, category)")
    connection.execute("CREATE VIRTUAL TABLE service_fts USING fts5(name, description, content='service', "
                       "content_rowid='id')")


def _inserts(connection, rows: int) -> None:
    """Rows in transactions of BATCH, as an import would write them (each commit is fsynced)."""
    rng = random.Random(1)
    for first in range(0, rows, BATCH):
        connection.execute("BEGIN")
        for number in range(first, min(rows, first + BATCH)):
            name, description = _text(rng, 3).title(), _text(rng, 40)
            connection.execute("INSERT INTO service VALUES (?, ?, ?, ?, ?)",
                               (number + 1, name, rng.randrange(12), rng.choice(PLACES), description))
            connection.execute("INSERT INTO service_fts (rowid, name, description) VALUES (?, ?, ?)",
                               (number + 1, name, description))
        connection.execute("COMMIT")


def _lookups(connection, rows: int) -> None:
    rng = random.Random(2)
    for _ in range(20_000):
        connection.execute("SELECT name, description FROM service WHERE id = ?",
                           (rng.randrange(1, rows + 1),)).fetchone()
    for _ in range(500):
        connection.execute("SELECT id, name FROM service WHERE postcode = ? AND category = ?",
                           (rng.choice(PLACES), rng.randrange(12))).fetchall()


def _scan(connection) -> None:
    for word in ("garden", "choir", "money", "dance", "shed"):
        connection.execute("SELECT count(*), avg(length(description)) FROM service WHERE description LIKE ?",
                           (f"%{word}%",)).fetchone()


def _fts(connection) -> None:
    for query in ("walk*", "cook*", "chair yoga", "garden* allot*", "men shed", "eng* conv*", "b*", "tai chi") * 5:
        connection.execute("SELECT rowid, bm25(service_fts) FROM service_fts WHERE service_fts MATCH ? "
                           "ORDER BY bm25(service_fts) LIMIT 50", (query,)).fetchall()


def _connect(path: Path, key: bytes | None, cache_mib: int):
    if key is None:
        connection = sqlcipher.connect(str(path), check_same_thread=False)
        connection.isolation_level = None
    else:
        connection = connect_raw(path, key)
    apply_pragmas(connection, cache_mib)
    return connection


def _run_all(folder: Path, rows: int) -> dict[str, dict[str, float]]:
    key = secrets.token_bytes(32)
    variants = {"plain": (None, DEFAULT_CACHE_MIB), "keyed": (key, DEFAULT_CACHE_MIB), "keyed, 2 MiB cache": (key, 2)}
    timings: dict[str, dict[str, list[float]]] = {name: {} for name in variants}
    for round_number in range(ROUNDS):
        for name, (variant_key, cache_mib) in variants.items():
            path = folder / f"{name.replace(' ', '_').replace(',', '')}-{round_number}.db"
            connection = _connect(path, variant_key, cache_mib)
            try:
                _schema(connection)
                for phase, work in (("inserts", lambda: _inserts(connection, rows)),
                                    ("indexed lookups", lambda: _lookups(connection, rows)),
                                    ("scan", lambda: _scan(connection)), ("FTS5 queries", lambda: _fts(connection))):
                    started = time.perf_counter()
                    work()
                    timings[name].setdefault(phase, []).append(time.perf_counter() - started)
            finally:
                connection.close()
    return {name: {phase: statistics.median(samples) for phase, samples in phases.items()}
            for name, phases in timings.items()}


def main(rows: int = 20_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        medians = _run_all(Path(folder), rows)
    names = list(medians)
    print(f"{rows} rows, sqlcipher3 {sqlcipher.sqlite_version}; median of {ROUNDS} rounds, seconds")
    print(f"{'phase':<18}" + "".join(f"{name:>20}" for name in names) + f"{'keyed / plain':>16}")
    for phase in medians["plain"]:
        figures = "".join(f"{medians[name][phase]:>20.3f}" for name in names)
        print(f"{phase:<18}{figures}{medians['keyed'][phase] / medians['plain'][phase]:>15.2f}x")
    totals = {name: sum(medians[name].values()) for name in names}
    print(f"{'total':<18}" + "".join(f"{totals[name]:>20.3f}" for name in names)
          + f"{totals['keyed'] / totals['plain']:>15.2f}x")
    ratio = totals["keyed"] / totals["plain"]
    reads = ("indexed lookups", "scan", "FTS5 queries")
    read_ratio = sum(medians["keyed"][p] for p in reads) / sum(medians["plain"][p] for p in reads)
    result("SQLCipher vs same library unkeyed, mixed workload", f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
    result("  the same, reads only (lookups, scan, FTS5)", f"{read_ratio:.2f}x", "<= 1.3x", read_ratio <= 1.3)
    small = totals["keyed, 2 MiB cache"] / totals["plain"]
    result("  keyed with the default 2 MiB cache instead", f"{small:.2f}x", "(why cache_size is set)", None)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
