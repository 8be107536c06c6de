"""Qt models for the caseload list and the "Today" panel, over the caseload's plain rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from linkdesk.caseload.listing import CaseloadRow, TodayItem

from ..widgets.table_model import RowListModel, RowTableModel

OVERDUE_COLOUR = QColor("#b3261e")


class CaseloadTableModel(RowTableModel):
    NAME, PREFERRED, NHS, BORN, POSTCODE, PRACTICE, WORKER, STATUS, DUE = range(9)
    HEADERS = ("Name", "Preferred name", "NHS number", "Date of birth", "Postcode", "Practice", "Link worker",
               "Status", "Next contact due")
    SORT_ROLE = Qt.ItemDataRole.UserRole
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def row_data(self, row: int) -> CaseloadRow:
        return self.row_at(row)

    def row_of(self, patient_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.patient_id == patient_id:
                return number
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.BORN:
                return row.date_of_birth.strftime("%d %b %Y") if row.date_of_birth else ""
            if column == self.DUE:
                return row.next_due.strftime("%d %b %Y") if row.next_due else ""
            return (row.display_name, row.preferred_name, row.nhs_number, None, row.postcode, row.practice,
                    row.link_worker, row.status_label)[column]
        if role == self.SORT_ROLE:
            if column == self.NAME:
                return row.sort_name
            if column in (self.BORN, self.DUE):
                value = row.date_of_birth if column == self.BORN else row.next_due
                return value.isoformat() if value else "9999"
            return (self.data(index) or "").casefold()
        if role == self.ID_ROLE:
            return row.patient_id
        return None


class TodayListModel(RowListModel):
    """What needs doing today: first contacts overdue, contacts due."""

    ID_ROLE = Qt.ItemDataRole.UserRole

    def set_items(self, items: list[TodayItem]) -> None:
        self.set_rows(items)

    def item(self, row: int) -> TodayItem:
        return self.row_at(row)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.display_name}: {item.description}"
        if role == Qt.ItemDataRole.ForegroundRole and item.days_overdue > 0:
            return QBrush(OVERDUE_COLOUR)
        if role == self.ID_ROLE:
            return item.patient_id
        return None
