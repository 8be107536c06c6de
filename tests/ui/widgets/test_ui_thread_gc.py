"""Reference cycles are collected on the UI thread, never on a worker: Qt objects must die on their own thread."""

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from linkdesk.ui.tasks import TaskRunner
from linkdesk.ui.ui_thread_gc import UiThreadCollector, collect_on_ui_thread


class Cyclic:
    """A cycle that only the cyclic collector can free, noting which thread freed it."""

    freed_on: list[str] = []

    def __init__(self):
        self.me = self
        self.qt_object = QObject()  # as a closed dialog's lambdas would hold their dialog

    def __del__(self):
        Cyclic.freed_on.append(threading.current_thread().name)


def test_a_background_runner_moves_collection_to_the_ui_thread(qtbot, qapp):
    TaskRunner()  # a real thread pool
    collector = collect_on_ui_thread()
    assert isinstance(collector, UiThreadCollector) and collect_on_ui_thread() is collector
    assert not gc.isenabled()
    assert collector.timer.isActive()


def test_garbage_made_while_a_worker_allocates_is_freed_on_the_ui_thread(qtbot, qapp):
    runner = TaskRunner()  # a real thread pool: it moves collection to the UI thread
    Cyclic.freed_on.clear()
    gc.collect()
    garbage = Cyclic()
    watch = weakref.ref(garbage)
    del garbage  # unreachable now, but only a cyclic collection frees it
    done = []

    def allocate(task):
        # Far past the young generation's threshold: the automatic collector would run here, on this thread.
        kept = []
        for index in range(200_000):
            kept.append([index])
            kept[-1].append(kept[-1])  # cycles, so the collector has work
        return len(kept)

    runner.run(allocate, done.append)
    qtbot.waitUntil(lambda: bool(done) and watch() is None, timeout=20000)
    assert done == [200_000]
    assert Cyclic.freed_on == [threading.main_thread().name]


def test_a_full_collection_waits_until_the_oldest_generation_has_grown_by_a_quarter(qapp):
    TaskRunner()
    collector = collect_on_ui_thread()
    collector.collect_all()
    assert collector.pending == 0 and collector.long_lived == len(gc.get_objects(generation=2))
    assert not collector.full_due()  # nothing new: walking every old object would find little
    kept = [[index] for index in range(collector.long_lived // 4 + 1000)]
    while len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1)) < len(kept):
        kept.append([len(kept)])
    thresholds = collector.thresholds
    collector.thresholds = (-1, -1, 1_000_000)  # the next pass is a generation-1 one, never a full one
    try:
        collector.collect()
    finally:
        collector.thresholds = thresholds
    assert collector.full_due()  # the survivors it moved into the oldest generation were counted
    collector.collect_all()
    assert not collector.full_due()
    del kept
