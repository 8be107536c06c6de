"""What the record's tables share: a read-only model over records, the table view and its selection, a named button."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView

from ..widgets.table_model import RecordTableModel


def record_table(model: RecordTableModel, name: str, stretch: int) -> QTableView:
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
