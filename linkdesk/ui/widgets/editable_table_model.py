"""An editable Qt table over a list the caller owns: rows are added, removed and edited in that list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal

from .table_model import RowTableModel


class EditableTableModel(RowTableModel):
    """Unlike a read-only table, set_rows() keeps the very list it is given, so edits reach its owner
    (a draft's goals, a goal's steps). Subclasses implement flags(), data() and setData(); every
    change emits `edited`.
    """

    edited = Signal()

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def append_row(self, row) -> int:
        """Adds `row` at the end and returns its number."""
        number = len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.append(row)
        self.endInsertRows()
        self.edited.emit()
        return number

    def remove_row(self, number: int) -> None:
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self.endRemoveRows()
        self.edited.emit()

    def cell_edited(self, index: QModelIndex) -> bool:
        """What setData() returns after changing a cell: views and the owner are told."""
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True
