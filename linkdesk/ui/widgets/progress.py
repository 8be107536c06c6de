"""TaskProgress: one background task shown in a progress dialog, whose Cancel cancels the task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..tasks import Task, TaskRunner


class TaskProgress:
    """Runs work on the task runner behind a window-modal progress dialog.

    The dialog appears only if the work takes over 300 ms. The caller's `on_done` and
    `on_error` call close() to put the dialog away.
    """

    def __init__(self, parent: QWidget, window_title: str, label: str):
        self.dialog: QProgressDialog | None = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(window_title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.task: Task | None = None
        self.dialog.canceled.connect(self.cancel)  # before run: the work may finish at once

    def run(self, runner: TaskRunner, work, on_done, on_error) -> Task:
        self.task = runner.run(work, on_done, on_error, self.show_progress)
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def show_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
