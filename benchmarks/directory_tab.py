"""Search as you type in the real Directory tab: query plus view update, 50,000 services.

Run with `python -m benchmarks.directory_tab [COUNT]`. Budget (DESIGN.md): p95 <= 15 ms for the
query plus the view update, and no more than 2x the raw FTS5 query measured in the same run.
Also reports resident memory with the tab open (budget <= 300 MB with 50k services and 10k
patients; the patients are not part of this run).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from linkdesk.directory.generator import synthetic_services  # noqa: E402
from linkdesk.directory.oruk_import import import_records  # noqa: E402
from linkdesk.directory.search import raw_fts  # noqa: E402
from linkdesk.store import TEST_KDF, create_store, open_store  # noqa: E402
from linkdesk.ui.directory.tab import DirectoryTab  # noqa: E402
from linkdesk.ui.lock import ClipboardGuard  # noqa: E402
from linkdesk.ui.tasks import TaskRunner  # noqa: E402
from linkdesk.ui.workspace import WorkspaceContext  # noqa: E402

# What a person types, keystroke by keystroke, including the broad first letters.
TYPED = ["w", "wa", "wal", "walk", "c", "co", "coo", "cook", "cookery", "b", "b3", "b30",
         "chair", "chair y", "chair yo", "k", "ki", "kings", "kings heath", "zzz"]
ROUNDS = 10
PASSPHRASE = "benchmark passphrase"
CACHE = Path(__file__).resolve().parent / "results"  # ignored by git; delete to rebuild


def _p(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def build_store(folder: Path, count: int) -> None:
    """Run in a child process, so the import's own memory does not count against the tab."""
    store = create_store(folder, PASSPHRASE, kdf=TEST_KDF)
    import_records(store, list(synthetic_services(count)), "benchmark")
    store.close()


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(count: int = 50_000) -> None:
    folder = CACHE / f"directory-{count}"
    if not (folder / "linkdesk.db").exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "benchmarks.directory_tab", "--build", str(folder), str(count)],
                       check=True)
        print(f"built a store of {count} synthetic services in {time.perf_counter() - started:.1f} s")
    app = QApplication.instance() or QApplication([])
    store = open_store(folder, PASSPHRASE)

    tab = DirectoryTab(WorkspaceContext(TaskRunner(synchronous=True), ClipboardGuard(), lambda text: None))
    tab.resize(1100, 700)
    tab.show()
    tab.store_opened(store)
    app.processEvents()

    view, raw = [], []
    for _ in range(ROUNDS):
        for text in TYPED:
            tab.search_box.blockSignals(True)  # time one search per keystroke, not the debounce timer
            tab.search_box.setText(text)
            tab.search_box.blockSignals(False)
            start = time.perf_counter()
            tab.refresh()
            app.processEvents()  # includes the table repaint and the detail pane update
            view.append((time.perf_counter() - start) * 1000)
            with store.session() as session:
                start = time.perf_counter()
                raw_fts(session, text)
                raw.append((time.perf_counter() - start) * 1000)

    rss_mb = resident_mb()
    print(f"keystrokes timed: {len(view)}")
    print(f"tab search + view update: median {statistics.median(view):.1f} ms, p95 {_p(view, 0.95):.1f} ms "
          f"(budget p95 <= 15 ms)")
    print(f"raw FTS5 query:           median {statistics.median(raw):.1f} ms, p95 {_p(raw, 0.95):.1f} ms")
    print(f"ratio of p95s: {_p(view, 0.95) / max(_p(raw, 0.95), 0.001):.2f}x (budget <= 2x)")
    print(f"resident memory with the tab open: {rss_mb:.0f} MB "
          "(budget <= 300 MB with 50k services and 10k patients)")
    tab.clear_for_lock()
    store.close()
    tab.deleteLater()  # before the interpreter shuts down, or PySide may free it twice
    app.processEvents()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_store(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
