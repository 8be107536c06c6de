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


class RecordTableModel(RowTableModel):
    """A read-only table over a list of records; subclasses say how each column reads (display()).

    ID_ROLE gives a record's id (record_id(): its `id`, if any), SORT_ROLE what a sort proxy
    compares (the displayed text, case-folded, unless sort_value() says otherwise).
    """

    SORT_ROLE = Qt.ItemDataRole.UserRole
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def rows(self) -> list:
        return list(self._rows)

    def row(self, number: int):
        return self._rows[number]

    def row_of(self, record_id) -> int | None:
        return next((number for number, record in enumerate(self._rows) if self.record_id(record) == record_id),
                    None)

    def record_id(self, record):
        return getattr(record, "id", None)

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


class RowListModel(_Rows, QAbstractListModel):
    """A list (one column, no headers) over the rows; subclasses implement data()."""
