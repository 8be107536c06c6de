"""Starting the app: QApplication, the main window, and the handler for unexpected errors."""

from __future__ import annotations

import os
import sys
import time
import traceback
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from linkdesk import __version__
from linkdesk.demo import DEMO_PASSPHRASE
from linkdesk.files import reason
from linkdesk.store import Store
from linkdesk.store.errors import AppAlreadyOpen
from linkdesk.store.lockfile import hold_window

from .main_window import MainWindow
from .tasks import TaskRunner

_STARTED = time.perf_counter()


def _show_unexpected_error(kind, error, trace) -> None:
    """A bug must be seen, not hidden: show it, and keep the details for a bug report."""
    details = "".join(traceback.format_exception(kind, error, trace))
    if sys.stderr is not None:  # a windowed Windows build has no console at all
        sys.stderr.write(details)
    box = QMessageBox(QMessageBox.Icon.Critical, "LinkDesk",
                      "Something went wrong inside LinkDesk. Your saved work is safe in the store.\n\n"
                      "Please send the details below to your IT team.")
    box.setDetailedText(details)
    box.exec()


def run_app(folder: Path, store: Store | None = None, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LinkDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("LinkDesk")
    app.setDesktopFileName("org.linkdesk.LinkDesk")  # matches packaging/linux, so Wayland finds the icon
    icon = resources.files("linkdesk").joinpath("resources", "icons", "linkdesk-256.png")
    app.setWindowIcon(QIcon(str(icon)))
    sys.excepthook = _show_unexpected_error
    try:
        window_lock = hold_window(Path(folder))  # held until the process ends
    except AppAlreadyOpen as error:
        QMessageBox.information(None, "LinkDesk", str(error))
        return 1
    except OSError as error:
        QMessageBox.warning(None, "LinkDesk", f"The store folder {folder} cannot be used: {reason(error)}.")
        return 1
    runner = TaskRunner(app)
    hint = f'Demo store with fictional data: the passphrase is "{DEMO_PASSPHRASE}".' if demo else ""
    window = MainWindow(Path(folder), runner, demo_hint=hint)
    window.start(store)
    window.show()
    if os.environ.get("LINKDESK_BENCH_EXIT_ON_SHOW") == "1":
        # For benchmarks/startup.py: report when the first window is up, then quit.
        def report() -> None:
            print(f"shown {time.perf_counter() - _STARTED:.3f}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report)
    try:
        return app.exec()
    finally:
        if window_lock is not None:
            window_lock.release()
