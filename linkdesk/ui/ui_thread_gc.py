"""Python's cyclic garbage collector runs on the UI thread only.

CPython starts an automatic collection on whichever thread happens to allocate past the
threshold. When that is a worker thread (a report, an import, a backup) and the garbage
holds a reference cycle with a Qt widget in it (a closed dialog and its lambdas, say),
the widget is deleted on the worker thread, which Qt does not allow: the app crashes
with a segmentation fault, now and then and far from the cause. A full collection also
holds the GIL, so one started by a worker stalls the UI thread either way.

So automatic collection is switched off and a timer on the UI thread collects instead,
generation by generation with Python's own thresholds, as the automatic collector would.
What was loaded at start is frozen (`gc.freeze`), so full collections are shorter.
Reference counting still frees everything that is not in a cycle at once, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 50  # often: between ticks a busy worker fills the young generation, and a pass walks all of it


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        # What exists now (every module, class and function loaded at start) lives as long as the app:
        # moved out of the generations, a full collection no longer walks it each time.
        gc.collect()
        gc.freeze()
        self.long_lived = 0  # objects in the oldest generation after the last full collection
        self.pending = 0  # objects moved into it by younger collections since then (an estimate, as CPython's)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        """Collect the generations past their thresholds, as the automatic collector would.

        Like CPython's own, a full collection also waits until the oldest generation has grown by
        a quarter since the last one: walking every long-lived object (a year's report, the
        directory) takes a few hundred milliseconds, so doing it at every threshold would stall.
        """
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return
        if counts[1] <= self.thresholds[1]:
            gc.collect(0)
        elif counts[2] > self.thresholds[2] and self.full_due():
            self.collect_all()
        else:
            # What survives a generation-1 collection moves to the oldest: count it on the way, as listing the
            # oldest generation itself would cost as much as a quarter of the full collection it decides on.
            young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
            self.pending += max(0, young - gc.collect(1))

    def full_due(self) -> bool:
        return self.pending > self.long_lived / 4

    def collect_all(self) -> None:
        """A full collection now (the lock calls it, so cyclic garbage about patients does not wait)."""
        gc.collect()
        self.long_lived, self.pending = len(gc.get_objects(generation=2)), 0

    def stop(self) -> None:
        """The application is quitting: automatic collection again, and this collector gone."""
        self.timer.stop()
        gc.unfreeze()
        gc.enable()
        self.setParent(None)  # so collect_on_ui_thread() would make a new one, not return this stopped one
        self.deleteLater()


def collect_on_ui_thread() -> UiThreadCollector:
    """Switch collection to the UI thread for the life of the application (once; later calls return it)."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("collect_on_ui_thread() needs the application, called on its own thread")
    collector = app.findChild(UiThreadCollector)
    if collector is None:
        collector = UiThreadCollector(app)
        app.aboutToQuit.connect(collector.stop)
    return collector


def collect_now() -> None:
    """A full collection now, on the UI thread (the lock calls this)."""
    app = QCoreApplication.instance()
    collector = app.findChild(UiThreadCollector) if app is not None else None
    if collector is not None:
        collector.collect_all()
    else:
        gc.collect()
