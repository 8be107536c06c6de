"""The plan's version history: each agreed or printed version, read-only, with what changed since the one before."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from linkdesk.plans import history

from .activities_panel import read_only_table
from .table_models import VersionListModel


class VersionsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        self.pending.setAccessibleName("Changes not yet agreed")
        self.model = VersionListModel(self)
        self.table = read_only_table(self.model, "Plan versions")
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName("What changed in this version")
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.changes)
        splitter.setSizes([450, 550])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pending)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)

    def show_patient(self, store, patient_id: int) -> None:
        versions = history.version_history(store, patient_id)
        self.model.set_rows(versions)
        if versions:
            pending = history.changes_since_last_version(store, patient_id)
            waiting = [line for line in pending if not line.startswith("No changes")]
            self.pending.setText("Changes since the last version, not yet agreed: " + "; ".join(waiting)
                                 if waiting else "The plan is as it was in the last version.")
            self.table.selectRow(0)
        else:
            self.pending.setText("No version yet: use Agree plan when the patient has agreed it.")
        self._show_selected()

    def clear(self) -> None:
        self.model.set_rows([])
        self.changes.clear()
        self.pending.clear()

    def _show_selected(self, *_args) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            self.changes.clear()
            return
        version = self.model.row(index.row())
        title = f"Version {version.number}: {version.kind}"
        self.changes.setPlainText(title + "\n\nWhat changed since the version before:\n"
                                  + "\n".join(f"• {line}" for line in version.changes))
