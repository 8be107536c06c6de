"""TaskProgress: a task's progress dialog, with Cancel that reaches the work, on a real thread pool."""

import time

from PySide6.QtWidgets import QPushButton

from linkdesk.store.errors import StoreError
from linkdesk.ui.tasks import TaskRunner
from linkdesk.ui.widgets.progress import TaskProgress


def test_progress_shows_and_cancel_stops_the_work(qtbot, parent):
    runner = TaskRunner()  # a real thread pool
    results = []
    progress = TaskProgress(parent, "Directory", "Importing services…")
    dialog = progress.dialog
    assert dialog.windowTitle() == "Directory" and dialog.labelText() == "Importing services…"

    def work(task):
        task.progress(3, 10)
        deadline = time.monotonic() + 10
        while not task.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        return "cancelled" if task.cancelled else "ran to the end"

    def done(result):
        progress.close()
        results.append(result)

    progress.run(runner, work, done, results.append)
    qtbot.waitUntil(lambda: (dialog.maximum(), dialog.value()) == (10, 3), timeout=10000)
    dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: results == ["cancelled"], timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert progress.dialog is None  # put away, not left on screen


def test_work_that_fails_at_once_reaches_on_error_and_closing_twice_is_harmless(qtbot, parent):
    errors = []
    progress = TaskProgress(parent, "Print", "Preparing the booklet…")

    def work(task):
        raise StoreError("The store is locked.")

    def failed(error):
        progress.close()
        errors.append(str(error))

    task = progress.run(TaskRunner(synchronous=True), work, errors.append, failed)
    assert errors == ["The store is locked."] and progress.dialog is None
    progress.close()
    progress.cancel()  # a late Cancel only marks the finished task
    assert task.cancelled


def test_on_finished_runs_however_the_task_ended_a_bug_included(qtbot):
    """A busy screen re-enables itself through on_finished even when the work hit a programming error,
    which the runner re-raises on the UI thread (the app's error dialog) instead of handing to on_error."""
    runner = TaskRunner()  # a real thread pool
    ended = []
    runner.run(lambda task: 42, ended.append, on_finished=lambda: ended.append("finished"))
    qtbot.waitUntil(lambda: "finished" in ended, timeout=5000)
    assert ended == [42, "finished"]

    ended.clear()

    def bug(task):
        raise ZeroDivisionError("a bug, not a store error")

    with qtbot.capture_exceptions() as raised:
        runner.run(bug, ended.append, ended.append, on_finished=lambda: ended.append("finished"))
        qtbot.waitUntil(lambda: "finished" in ended, timeout=5000)
    assert ended == ["finished"]  # neither on_done nor on_error: the bug goes to the error dialog
    assert [type(error) for _kind, error, _trace in raised] == [ZeroDivisionError]
