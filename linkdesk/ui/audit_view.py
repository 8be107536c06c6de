"""Tools > Audit log: a read-only table of who did what, newest first, with a filter box."""

from __future__ import annotations

from datetime import timezone

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QTableView, QVBoxLayout

from linkdesk.store.audit import read_events

from .widgets.table_model import RowTableModel


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
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Audit log")
        self.resize(900, 520)
        self.model = AuditTableModel(self)
        self.model.set_rows(read_events(store))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by person, action, record or detail")
        self.filter.setAccessibleName("Filter the audit log")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        layout.addWidget(self.filter)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Audit log")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(AuditTableModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
