"""The results list of the Directory tab as a Qt table model over search summaries."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from linkdesk.directory.search import ServiceSummary

from ..widgets.table_model import RowTableModel

OUT_OF_DATE_COLOUR = QColor("#8a4b00")  # amber-brown: readable on light backgrounds, not alarming


class ServiceTableModel(RowTableModel):
    NAME, ORGANISATION, CATEGORIES, WHEN, COST, POSTCODE, VERIFIED = range(7)
    HEADERS = ("Name", "Organisation", "Categories", "When", "Cost", "Postcode", "Last checked")
    SORT_ROLE = Qt.ItemDataRole.UserRole
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def summary(self, row: int) -> ServiceSummary:
        return self.row_at(row)

    def row_of(self, service_id: str) -> int | None:
        for number, summary in enumerate(self._rows):
            if summary.id == service_id:
                return number
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.VERIFIED and summary.possibly_out_of_date:
            return "Possibly out of date: not checked in the last 12 months"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.VERIFIED and summary.possibly_out_of_date:
            return QBrush(OUT_OF_DATE_COLOUR)
        if role == self.SORT_ROLE:
            if column == self.VERIFIED:
                return summary.last_verified.isoformat() if summary.last_verified else ""
            return (self._display(summary, column) or "").casefold()
        if role == self.ID_ROLE:
            return summary.id
        return None

    def _display(self, summary: ServiceSummary, column: int) -> str:
        if column == self.NAME:
            star = "★ " if summary.favourite else ""
            archived = " (archived)" if summary.archived else ""
            return f"{star}{summary.name}{archived}"
        if column == self.CATEGORIES:
            return ", ".join(summary.categories)
        if column == self.VERIFIED:
            if summary.last_verified is None:
                return "Never checked"
            text = summary.last_verified.strftime("%d %b %Y")
            return f"{text} (check)" if summary.possibly_out_of_date else text
        return (None, summary.organisation, None, summary.next_session, summary.cost, summary.postcode)[column]
