"""Dialogs whose typed text survives a lock: telling the lock closing them from the user throwing it away.

The main window closes every open dialog before it asks the tabs for their snapshots (so
that work a closing dialog starts is finished before the store closes). A `DraftDialog`
therefore speaks up as it closes: Cancel, Escape and the window's close button discard what
was typed; any other rejection (the lock) hands `snapshot()` to the nearest widget above it
that keeps dialog drafts (a `keep_dialog_draft(snapshot)` method, usually the tab). The tab
parks it under "dialog" in its `lock_snapshot()` and, after unlocking, reopens the dialog
and calls `restore()`. A snapshot about a patient carries "patient_id", so erasing the
patient erases the parked text with them (`store.drafts.names_patient`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QWidget


class DraftDialog(QDialog):
    """A dialog with typed fields that a lock parks and an unlock brings back."""

    draft_kind = ""  # the snapshot's "kind": which dialog to reopen ("contact", "service"…)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.discarded = False
        self._as_opened: dict | None = None

    def snapshot(self) -> dict:
        """{"kind": …, what it edits (ids), "fields": what is typed}, as plain JSON-able data."""
        raise NotImplementedError

    def restore(self, snapshot: dict) -> None:
        """Fill the fields from a `snapshot()` taken before the lock."""
        raise NotImplementedError

    def typed(self) -> bool:
        """True once anything differs from what the dialog opened with (nothing to park otherwise)."""
        return self._as_opened is None or self.snapshot() != self._as_opened

    def showEvent(self, event) -> None:
        if self._as_opened is None:
            self._as_opened = self.snapshot()
            offer_lock_shortcut(self)
        super().showEvent(event)

    # -- closing -----------------------------------------------------------------------

    def discard(self) -> None:
        """Cancel: the user chose to throw away what was typed."""
        self.discarded = True
        self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.discard()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.discarded = True  # the window's close button is a Cancel too
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Rejected:
            if not self.discarded and self.typed() and (keeper := draft_keeper(self)) is not None:
                keeper.keep_dialog_draft(self.snapshot())
            self._wipe()
        self.discarded = True  # spoken for: closing again parks nothing more
        super().done(result)

    def _wipe(self) -> None:
        # Parked or thrown away: either way the closed dialog lives on until the event loop deletes it,
        # and a lock must not leave typed text in any widget meanwhile.
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.clear()


def offer_lock_shortcut(dialog: QDialog) -> None:
    """Let Ctrl+L lock from the dialog: a window-modal dialog blocks its window's own shortcuts."""
    owner = dialog.parentWidget().window() if dialog.parentWidget() is not None else None
    action = getattr(owner, "lock_action", None)  # the main window's File > Lock
    if action is not None and action not in dialog.actions():
        dialog.addAction(action)


def draft_keeper(dialog: QWidget):
    """The nearest widget above the dialog that keeps dialog drafts, or None."""
    parent = dialog.parentWidget()
    while parent is not None and not hasattr(parent, "keep_dialog_draft"):
        parent = parent.parentWidget()
    return parent


def choose_data(combo: QComboBox, value) -> None:
    """Select the item whose data is `value`; leave the choice alone when none is (it is no longer offered)."""
    # By hand, not findData: an item whose data is None ("Not assigned") must match None too.
    row = next((row for row in range(combo.count()) if combo.itemData(row) == value), None)
    if row is not None:
        combo.setCurrentIndex(row)


def not_restored(what: str, why: str) -> str:
    """The short message shown when a parked dialog cannot come back."""
    return f"The unsaved {what} could not be brought back after the lock: {why}"
