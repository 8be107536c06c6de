"""Directory search with 50,000 synthetic services: p50/p95 of search() beside the raw FTS5 query.

Run with `python -m benchmarks.directory_search [COUNT]`. Budget (DESIGN.md): p95 <= 15 ms for
every query, including broad 1-2 letter prefixes, and within 2x of the raw FTS5 query.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_import import import_records
from linkdesk.directory.search import SearchFilters, raw_fts, search
from linkdesk.store import TEST_KDF, create_store

QUERIES = ["w", "co", "b", "walk", "cookery", "b30", "chair yo", "kings heath", "wellbeing cafe", "zzz"]
FILTERED = [("", SearchFilters(category="physical-activity")), ("w", SearchFilters(weekday=1, period=0)),
            ("co", SearchFilters(free_only=True, place="B30")), ("", SearchFilters(access=("wheelchair",)))]
ROUNDS = 40


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _time(function, rounds: int = ROUNDS) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return _percentiles(samples)


def main(count: int = 50_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = create_store(Path(folder) / "store", "benchmark passphrase", kdf=TEST_KDF)
        try:
            start = time.perf_counter()
            for first in range(0, count, 10_000):
                batch = list(synthetic_services(min(10_000, count - first), seed=first + 1))
                import_records(store, batch, "benchmark")
            print(f"directory search: {count} services loaded in {time.perf_counter() - start:.1f} s")
            print(f"{'query':<22}{'search p50':>11}{'p95':>8}{'raw FTS p50':>13}{'p95':>8}  results")
            with store.session() as session:
                for query in QUERIES:
                    results = search(session, query)
                    p50, p95 = _time(lambda: search(session, query))
                    raw50, raw95 = _time(lambda: raw_fts(session, query), rounds=10)
                    print(f"{query!r:<22}{p50:>9.1f}ms{p95:>6.1f}ms{raw50:>11.1f}ms{raw95:>6.1f}ms  {len(results)}")
                for query, filters in FILTERED:
                    label = f"{query!r}+{','.join(k for k, v in vars(filters).items() if v not in (None, False, ()))}"
                    results = search(session, query, filters)
                    p50, p95 = _time(lambda: search(session, query, filters))
                    print(f"{label:<22}{p50:>9.1f}ms{p95:>6.1f}ms{'':>13}{'':>8}  {len(results)}")
                for sort in ("name", "last verified"):
                    p50, p95 = _time(lambda: search(session, "co", sort=sort))
                    print(f"{'co sorted by ' + sort:<22}{p50:>9.1f}ms{p95:>6.1f}ms")
        finally:
            store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
