"""`python -m benchmarks [NAME...]`: run every benchmark script in its own process and tabulate the budgets.

Each script runs as `python -m benchmarks.NAME`, so one script's memory and imports never
colour another's figures. Their own output is shown as it comes; the table at the end
gathers every `result()` line.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import RESULT_PREFIX


def script_names() -> list[str]:
    return sorted(module.name for module in pkgutil.iter_modules([str(Path(__file__).parent)])
                  if not module.name.startswith("_"))


def run_script(name: str) -> tuple[list[list[str]], int, float]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", f"benchmarks.{name}"], stdout=subprocess.PIPE, text=True)
    rows = []
    for line in process.stdout:
        print(f"  {line}", end="", flush=True)
        if line.startswith(RESULT_PREFIX):
            rows.append([part.strip() for part in line[len(RESULT_PREFIX):].split(" | ")])
    return rows, process.wait(), time.perf_counter() - started


def print_table(rows: list[list[str]]) -> None:
    header = ["script", "what", "figure", "budget", "verdict"]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, ["-" * width for width in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def main(names: list[str]) -> int:
    unknown = set(names) - set(script_names())
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(script_names())}")
        return 2
    table, failed = [], []
    for name in names or script_names():
        print(f"== {name}", flush=True)
        rows, code, seconds = run_script(name)
        print(f"   ({seconds:.1f} s{'' if code == 0 else f', exit code {code}'})")
        if code:
            failed.append(name)
        table.extend([name, *row] for row in rows)
        if not rows:
            table.append([name, "(see its output above)", "", "", "n/a" if code == 0 else "FAILED"])
    print()
    print_table(table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
