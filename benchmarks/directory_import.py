"""ORUK JSON import of 10,000 synthetic services into a new store (budget: 20 s), and a re-import.

Run with `python -m benchmarks.directory_import [COUNT]`.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_import import import_path
from linkdesk.store import TEST_KDF, create_store


def main(count: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "services.json"
        source.write_text(json.dumps(list(synthetic_services(count))), encoding="utf-8")
        store = create_store(Path(folder) / "store", "benchmark passphrase", kdf=TEST_KDF)
        try:
            start = time.perf_counter()
            result = import_path(store, source)
            first = time.perf_counter() - start
            start = time.perf_counter()
            again = import_path(store, source)
            second = time.perf_counter() - start
        finally:
            store.close()
    print(f"directory import: {count} ORUK JSON services in {first:.1f} s ({result.summary()}); budget 20 s")
    print(f"directory re-import of the same file: {second:.1f} s ({again.summary()})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
