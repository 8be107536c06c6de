"""Tools > Audit log: a read-only table of who did what, newest first, with a filter box.

The log grows by every record opened, so it is read in the background and for a chosen
period (the last 30 days at first), never all at once on the UI thread. A year can be 100,000
events: each one's searchable text is made on the worker too, and the filter matches those
strings (a few milliseconds) rather than asking the model for every cell of every row.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QModelIndex, Qt, QTimer
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


def _when(row) -> str:
    return row.at.replace(tzinfo=timezone.utc).astimezone().strftime("%d %b %Y %H:%M:%S")


def _record(row) -> str:
    return f"{row.entity} {row.entity_id or ''}".strip() if row.entity else ""


def searchable(rows) -> list[tuple[object, str]]:
    """Each row with the text the filter looks in (every column as shown, case-folded); for the worker."""
    return [(row, "\t".join((_when(row), row.actor, row.action, _record(row), row.detail)).casefold())
            for row in rows]


class AuditTableModel(RowTableModel):
    WHEN, WHO, ACTION, RECORD, DETAIL = range(5)
    HEADERS = ("When", "Who", "Action", "Record", "Detail")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == self.WHEN:
            return _when(row)
        if column == self.RECORD:
            return _record(row)
        return (None, row.actor, row.action, None, row.detail)[column]


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
        self._events: list[tuple[object, str]] = []  # the period's rows, newest first, with their search text
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
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)  # one match per pause in typing, not per key
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._filter_timer.start)
        controls = QHBoxLayout()
        label = QLabel("&Show")
        label.setBuddy(self.period)
        controls.addWidget(label)
        controls.addWidget(self.period)
        controls.addWidget(self.filter, 1)
        layout.addLayout(controls)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit log")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # widths from 200 rows, not 1,000
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
        self._runner.run(lambda task: searchable(read_events(store, since=since)),
                         lambda rows: self._loaded(asked, rows), self._failed)

    def _loaded(self, asked: int, rows) -> None:
        if self._closed:
            return  # closed (or locked) while reading: the rows are not kept
        if asked != self.period.currentIndex():
            return  # an answer for a period no longer chosen
        self._events = rows
        self.apply_filter()
        self.table.resizeColumnsToContents()

    def apply_filter(self) -> None:
        """Show the events whose text holds what is typed (any case), and say how many."""
        self._filter_timer.stop()
        needle = self.filter.text().strip().casefold()
        shown = [row for row, text in self._events if needle in text]
        self.model.set_rows(shown)
        period = self.period.currentText().lower()
        total = f"{len(self._events)} event{'' if len(self._events) == 1 else 's'} ({period})"
        self.count.setText(f"{len(shown)} of {total} match the filter." if needle else f"{total}.")

    def _failed(self, error: BaseException) -> None:
        if not self._closed:
            self.count.setText(str(error))

    def done(self, result: int) -> None:
        """Closed by the user or by the lock: forget the rows now, before the dialog is deleted."""
        self._closed = True
        self._events = []
        self.model.set_rows([])
        self.filter.clear()
        self._filter_timer.stop()  # after clear(), which started it
        self.count.clear()
        super().done(result)
