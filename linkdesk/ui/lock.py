"""Locking: the idle timer, the clipboard guard, and what every patient-data view must do.

A view that shows patient data implements `LockAware`. On lock the main window asks
each one for a snapshot of unsaved edits (parked, encrypted, in the store), then tells
it to clear itself; after unlock it hands the snapshot back.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


@runtime_checkable
class LockAware(Protocol):
    """What a tab or editor showing patient data promises the lock."""

    lock_key: str  # names its draft in the store, e.g. "patients"

    def lock_snapshot(self) -> dict | None:
        """Unsaved edits as plain JSON-able data, or None when there are none."""

    def clear_for_lock(self) -> None:
        """Remove every trace of patient data from the widgets and models."""

    def restore_snapshot(self, snapshot: dict) -> None:
        """Put back edits parked by `lock_snapshot` after the store is unlocked again."""


class IdleWatcher(QObject):
    """Emits `idle` after `timeout_ms` with no keyboard, mouse or touch input anywhere."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        QGuiApplication.instance().installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        QGuiApplication.instance().removeEventFilter(self)
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._timer.start()
        return False


class ClipboardGuard:
    """Puts text on the clipboard and, on lock, clears it if it still holds that text."""

    def __init__(self):
        self._ours: str | None = None

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text, QClipboard.Mode.Clipboard)
        self._ours = text

    def clear_if_ours(self) -> bool:
        """Clear what LinkDesk put there, including text copied out of a field with Ctrl+C."""
        clipboard = QGuiApplication.clipboard()
        cleared = (self._ours is not None and clipboard.text(QClipboard.Mode.Clipboard) == self._ours) \
            or clipboard.ownsClipboard()
        if cleared:
            clipboard.clear(QClipboard.Mode.Clipboard)
        self._ours = None
        return cleared
