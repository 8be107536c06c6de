"""What the record's tables share: a read-only model over records, the table view and its selection, a named button."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView

from ..widgets.table_model import RowTableModel


class RowsModel(RowTableModel):
    """A read-only table over a list of records; subclasses say how each column reads."""

    HEADERS: tuple[str, ...] = ()
    SORT_ROLE = Qt.ItemDataRole.UserRole
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def row(self, number: int):
        return self._rows[number]

    def row_of(self, record_id: int) -> int | None:
        for number, record in enumerate(self._rows):
            if self.record_id(record) == record_id:
                return number
        return None

    def record_id(self, record):
        return record.id

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, index.column())
        if role == self.SORT_ROLE:
            return self.sort_value(record, index.column())
        if role == self.ID_ROLE:
            return self.record_id(record)
        return None

    def display(self, record, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, record, column: int) -> str | None:
        return None

    def sort_value(self, record, column: int):
        return (self.display(record, column) or "").casefold()


def record_table(model: RowsModel, name: str, stretch: int) -> QTableView:
    """A read-only, row-selecting table; the `stretch` column (the free text) takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_record(table: QTableView):
    """The record on the table's current row, or None (nothing chosen, or a row no longer there)."""
    index = table.selectionModel().currentIndex()
    model = table.model()
    if not index.isValid() or index.row() >= model.rowCount():
        return None
    return model.row(index.row())


def named_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button
