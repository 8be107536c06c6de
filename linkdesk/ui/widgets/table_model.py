"""Read-only Qt models over a list of plain rows: the part every LinkDesk table and list shares."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt


class _Rows:
    """The rows a model shows, replaced whole with set_rows(); mixed in before a Qt model class."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)


class RowTableModel(_Rows, QAbstractTableModel):
    """Subclasses set HEADERS and implement data()."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class RowListModel(_Rows, QAbstractListModel):
    """A list (one column, no headers) over the rows; subclasses implement data()."""
