"""Runs slow work (key derivation, backup, import...) off the UI thread; results return on it.

`TaskRunner.run(work, on_done, on_error)` calls `work(task)` on a thread pool, then
`on_done(result)` or `on_error(exception)` on the UI thread. `work` may call
`task.progress(done, total)` and check `task.cancelled`. Only expected errors (the
feature packages' own exception types) go to `on_error`; anything else is a programming
error and is re-raised on the UI thread so it is never silently swallowed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from linkdesk.store.errors import StoreError

from .ui_thread_gc import collect_on_ui_thread

# Exception types a task may raise that the UI shows as a plain message.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (StoreError,)


def register_expected_error(kind: type[BaseException]) -> None:
    """Feature UIs add their own user-facing error types (e.g. an import error)."""
    global EXPECTED_ERRORS
    if kind not in EXPECTED_ERRORS:
        EXPECTED_ERRORS = EXPECTED_ERRORS + (kind,)


class Task(QObject):
    """One piece of background work and its way back to the UI thread.

    The worker emits the private signals; they arrive at this object's slots, which run on
    the UI thread (the Task lives there), and only then are the callbacks called.
    """

    _succeeded = Signal(object)
    _failed = Signal(object)
    _crashed = Signal(object)
    _progressed = Signal(int, int)

    def __init__(self, work: Callable[["Task"], object], parent: QObject | None = None, *,
                 on_done=None, on_error=None, on_progress=None, on_finished=None):
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.done = threading.Event()
        self._on_done = [on_done] if on_done else []
        self._on_error = [on_error] if on_error else []
        self._on_progress = [on_progress] if on_progress else []
        self._on_finished = [on_finished] if on_finished else []
        self._succeeded.connect(self._deliver_result)
        self._failed.connect(self._deliver_error)
        self._crashed.connect(self._deliver_crash)
        self._progressed.connect(self._deliver_progress)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, total: int) -> None:
        """Called by the work, on its own thread."""
        self._progressed.emit(done, total)

    def execute(self) -> None:
        try:
            result = self._work(self)
        except EXPECTED_ERRORS as exc:
            self._failed.emit(exc)
        except Exception as exc:  # a bug: carried to the UI thread and raised there
            self._crashed.emit(exc)
        else:
            self._succeeded.emit(result)
        finally:
            self.done.set()

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        try:
            for callback in self._on_done:
                callback(result)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        if not self._on_error:  # nobody to tell the user: never swallow it
            self._finish()
            raise error
        try:
            for callback in self._on_error:
                callback(error)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_crash(self, error: BaseException) -> None:
        self._finish()
        raise error

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        for callback in self._on_progress:
            callback(done, total)

    def _finish(self) -> None:
        for callback in self._on_finished:
            callback()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.execute()


class TaskRunner(QObject):
    """Owns the thread pool. `synchronous=True` (tests) runs work inline, deterministically."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, synchronous: bool = False):
        super().__init__(parent)
        self.synchronous = synchronous
        if not synchronous:
            collect_on_ui_thread()  # before any worker runs: a collection there can delete a widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._running: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Callable[[Task], object],
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Task:
        """`on_finished` runs after the task however it ended, a bug included (to re-enable a busy screen)."""

        def finished() -> None:
            self._forget(task)
            if on_finished is not None:
                on_finished()

        task = Task(work, self, on_done=on_done, on_error=on_error, on_progress=on_progress, on_finished=finished)
        self._running.append(task)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self._start(task)
        return task

    def _start(self, task: Task) -> None:
        """Inline in tests (`synchronous`), else on the pool; a test runner may hold it back instead."""
        if self.synchronous:
            task.execute()
        else:
            self._pool.start(_Runnable(task))

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait_for_all(self, timeout_ms: int = 30_000) -> bool:
        """Block until every started task has finished its work (not its callbacks)."""
        return self._pool.waitForDone(timeout_ms)

    def _forget(self, task: Task) -> None:
        if task in self._running:
            self._running.remove(task)
            task.deleteLater()
            if not self._running:
                self.busy_changed.emit(False)
