"""What the main window hands each tab, and the base every tab builds on.

Tabs never reach back into the window (as in Vorta): they get a `WorkspaceContext`
with what they may use, are told when a store opens, and obey the lock (`LockAware`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from linkdesk.store import Store

from .lock import ClipboardGuard
from .tasks import TaskRunner


@dataclass
class WorkspaceContext:
    runner: TaskRunner
    clipboard: ClipboardGuard
    show_status: Callable[[str], None]


class WorkspaceTab(QWidget):
    """A main-window tab. Subclasses showing patient data override the lock hooks."""

    title = ""
    lock_key = ""

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.store: Store | None = None

    def store_opened(self, store: Store) -> None:
        """Called after every unlock; load what the tab shows."""
        self.store = store

    def lock_snapshot(self) -> dict | None:
        return None

    def clear_for_lock(self) -> None:
        self.store = None

    def restore_snapshot(self, snapshot: dict) -> None:
        pass

    def forget_patient(self, patient_id: int) -> None:
        """The patient was erased for good: drop anything shown or typed about them (not parked)."""

    def caseload_changed(self) -> None:
        """A patient was added, or their name, NHS number or date of birth changed, or one was erased.

        Tabs that list the caseload refresh (or mark it to refresh when next shown); the Patients
        tab sends this through the main window. Changes made outside the app (a command line import
        while it is open) are not announced: they appear after the next unlock.
        """


TabFactory = Callable[[WorkspaceContext], WorkspaceTab]
