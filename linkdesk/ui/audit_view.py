"""Tools > Audit log: a read-only table of who did what, newest first, with a filter box.

The log grows by every record opened, so it is read in the background and for a chosen
period (the last 30 days at first), never all at once on the UI thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from linkdesk.store.audit import read_events

from .widgets.table_model import RowTableModel

PERIODS = (("The last 7 days", 7), ("The last 30 days", 30), ("The last 12 months", 365), ("Everything", None))


class AuditTableModel(RowTableModel):
    WHEN, WHO, ACTION, RECORD, DETAIL = range(5)
    HEADERS = ("When", "Who", "Action", "Record", "Detail")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return row.at.replace(tzinfo=timezone.utc).astimezone().strftime("%d %b %Y %H:%M:%S")
            if column == self.RECORD:
                return f"{row.entity} {row.entity_id or ''}".strip() if row.entity else ""
            return (None, row.actor, row.action, None, row.detail)[column]
        if role == Qt.ItemDataRole.UserRole and column == self.WHEN:
            return row.at.isoformat()  # sorts in time order, unlike the display text
        return None


class AuditLogDialog(QDialog):
    """Deleted when closed, and emptied first: no audit rows stay in memory through a lock."""

    def __init__(self, store, runner, parent=None):
        super().__init__(parent)
        self._store, self._runner = store, runner
        self._closed = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Audit log")
        self.resize(900, 520)
        self.model = AuditTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        layout = QVBoxLayout(self)
        self.period = QComboBox()
        for text, days in PERIODS:
            self.period.addItem(text, days)
        self.period.setCurrentIndex(1)
        self.period.setAccessibleName("Show events from")
        self.period.currentIndexChanged.connect(self.load)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by person, action, record or detail")
        self.filter.setAccessibleName("Filter the audit log")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        controls = QHBoxLayout()
        label = QLabel("&Show")
        label.setBuddy(self.period)
        controls.addWidget(label)
        controls.addWidget(self.period)
        controls.addWidget(self.filter, 1)
        layout.addLayout(controls)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Audit log")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(AuditTableModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.count = QLabel()
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        """Read the chosen period in the background; if the choice changes meanwhile, the newest wins."""
        days = self.period.currentData()
        since = None if days is None else datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=days)
        store, asked = self._store, self.period.currentIndex()
        self.count.setText("Reading the audit log…")
        self._runner.run(lambda task: read_events(store, since=since),
                         lambda rows: self._loaded(asked, rows), self._failed)

    def _loaded(self, asked: int, rows) -> None:
        if self._closed:
            return  # closed (or locked) while reading: the rows are not kept
        if asked != self.period.currentIndex():
            return  # an answer for a period no longer chosen
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(f"{len(rows)} event{'' if len(rows) == 1 else 's'} ({self.period.currentText().lower()}).")

    def _failed(self, error: BaseException) -> None:
        if not self._closed:
            self.count.setText(str(error))

    def done(self, result: int) -> None:
        """Closed by the user or by the lock: forget the rows now, before the dialog is deleted."""
        self._closed = True
        self.model.set_rows([])
        self.filter.clear()
        self.count.clear()
        super().done(result)
