"""Argon2id on this machine: the calibrated parameters and the unlock time (budget 0.3-1.0 s).

Run with `python -m benchmarks.kdf`. Unlock is timed twice, each the median of 5: the key
derivation alone, and a whole `open_store` of a small store (derivation, file probe, audit row).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import result
from linkdesk.store import create_store, open_store
from linkdesk.store.keys import calibrate
from linkdesk.store.store import read_store_header

PASSPHRASE = "benchmark passphrase"
RUNS = 5


def _median_seconds(function, runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    started = time.perf_counter()
    params = calibrate()
    calibration = time.perf_counter() - started
    print(f"calibrated: memory {params.memory_kib // 1024} MiB, time cost {params.time_cost}, "
          f"parallelism {params.parallelism} (calibration took {calibration:.1f} s)")
    with tempfile.TemporaryDirectory() as folder:
        store_folder = Path(folder) / "store"
        create_store(store_folder, PASSPHRASE, kdf=params).close()
        slot = read_store_header(store_folder).current
        derive = _median_seconds(lambda: slot.unlock(PASSPHRASE))
        whole = _median_seconds(lambda: open_store(store_folder, PASSPHRASE).close())
    result("Argon2id parameters", f"{params.memory_kib // 1024} MiB, t={params.time_cost}, p={params.parallelism}",
           ">= 64 MiB, t>=3, p>=4",
           params.memory_kib >= 64 * 1024 and params.time_cost >= 3 and params.parallelism >= 4)
    result("unlock: key derivation (median of 5)", f"{derive:.3f} s", "0.3-1.0 s", 0.3 <= derive <= 1.0)
    result("unlock: whole open_store, small store (median of 5)", f"{whole:.3f} s", "0.3-1.0 s", 0.3 <= whole <= 1.0)


if __name__ == "__main__":
    main()
