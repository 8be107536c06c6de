"""Table models for a report on screen (breakdowns, caseload, ONS4), and a table view sized to its rows.

The cells say exactly what the PDF and the CSV say, suppressed counts included ("fewer
than 5", "suppressed", "not shown"), so the three never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from linkdesk.reports.statistics import ONS4_NOTE, Breakdown
from linkdesk.reports.suppression import FEWER_THAN, NOT_SHOWN, SUPPRESSED

from ..widgets.table_model import RowTableModel

HIDDEN_TIP = "Hidden to protect privacy: counts from 1 to 4 are not shown, nor any count that would reveal one."
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def day_text(day) -> str:
    return f"{day.day} {day:%B %Y}"


class BreakdownModel(RowTableModel):
    """A breakdown's rows and its total (in bold), headed as in the PDF: the title, then "Number"."""

    LABEL, NUMBER = range(2)

    def __init__(self, breakdown: Breakdown, parent=None):
        super().__init__(parent)
        self.HEADERS = (breakdown.title, "Number")
        self._total_row = len(breakdown.rows) if breakdown.total is not None else -1
        self.set_rows(list(breakdown.rows) + ([breakdown.total] if breakdown.total is not None else []))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        count = self.row_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return count.label if index.column() == self.LABEL else count.shown
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() == self.NUMBER else _LEFT
        if role == Qt.ItemDataRole.FontRole and index.row() == self._total_row:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and count.shown in (FEWER_THAN, SUPPRESSED, NOT_SHOWN):
            return HIDDEN_TIP
        return None


class CaseloadModel(RowTableModel):
    HEADERS = ("Month end", "Open referrals")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        point = self.row_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{point.on.day} {point.on:%b %Y}" if index.column() == 0 else str(point.open_referrals)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() == 1 else _LEFT
        return None


class Ons4Model(RowTableModel):
    """One row per ONS4 item, in the report's own words: n = 0 shows nothing else, fewer than 5 "not shown"."""

    HEADERS = ("Item", "n", "Baseline mean", "Latest mean", "Change", "Improved", "No change", "Worse")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.label if item.higher_is_better else f"{item.label} (lower is better)"
            return item.shown()[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column == 0 else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and item.hidden and column > 0:
            return ONS4_NOTE
        return None


def fitted_table(model: RowTableModel, name: str) -> QTableView:
    """A read-only table as tall as its rows, so the page scrolls rather than each table."""
    table = QTableView()
    table.setModel(model)
    model.setParent(table)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(row) for row in range(model.rowCount()))
    table.setFixedHeight(header.sizeHint().height() + rows + 2 * table.frameWidth())
    return table
