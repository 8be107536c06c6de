"""What the whole-app scripts share: the offscreen QApplication, a real main window, waiting, memory."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def application() -> QApplication:
    return QApplication.instance() or QApplication([])


def main_window(folder, runner):
    """The app's own main window, as `linkdesk.ui.app.run_app` makes it, shown on its unlock page."""
    from linkdesk.ui.main_window import MainWindow

    window = MainWindow(folder, runner)
    window.start()
    window.show()
    application().processEvents()
    return window


def wait_until(condition: Callable[[], bool], timeout_s: float = 60.0, poll_ms: int = 2) -> float:
    """Run the event loop until `condition()` holds; return when it did (perf_counter). Raises on timeout."""
    loop = QEventLoop()
    seen: list[float] = []

    def check() -> None:
        if condition():
            seen.append(time.perf_counter())
            loop.quit()

    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    timer.start()
    deadline.start(int(timeout_s * 1000))
    check()
    if not seen:
        loop.exec()
    timer.stop()
    deadline.stop()
    if not seen:
        raise TimeoutError(f"still waiting after {timeout_s:.0f} s")
    return seen[0]


def settle(ms: int = 200) -> None:
    """Let queued events, repaints and deferred timers run for a while."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def memory_mb() -> tuple[float, float]:
    """Resident memory now and its peak so far (VmRSS, VmHWM from /proc/self/status), in MB."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                found[line.split(":")[0]] = int(line.split()[1]) / 1024
    return found["VmRSS"], found["VmHWM"]
