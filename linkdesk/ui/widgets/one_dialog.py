"""OneDialog: the one dialog a panel has open at a time, and closing it so nothing typed in it stays behind."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog


class OneDialog:
    """Opening a dialog closes the one before; close() (another patient, the lock) rejects it and deletes it.

    `before_close(dialog)` runs first in close(), so the panel can cut the dialog loose (stop
    listening to it, mark it discarded). `on_finished(dialog)` sees every dialog as it
    finishes, however it was closed.
    """

    def __init__(self, before_close: Callable[[QDialog], None] | None = None,
                 on_finished: Callable[[QDialog], None] | None = None):
        self.current: QDialog | None = None
        self._before_close = before_close
        self._on_finished = on_finished

    def open(self, dialog: QDialog) -> QDialog:
        """Show `dialog` window-modally in place of any open one; returned for tests to fill in."""
        self.close()
        self.current = dialog
        dialog.finished.connect(lambda _result, shown=dialog: self._finished(shown))
        dialog.open()
        return dialog

    def _finished(self, dialog: QDialog) -> None:
        if self._on_finished is not None:
            self._on_finished(dialog)
        if self.current is dialog:
            self.current = None
        dialog.deleteLater()

    def close(self) -> None:
        dialog, self.current = self.current, None
        if dialog is not None:
            if self._before_close is not None:
                self._before_close(dialog)
            dialog.reject()
            # Out of the panel's children at once: deleteLater alone leaves the typed text findable until then.
            dialog.setParent(None)
            dialog.deleteLater()
