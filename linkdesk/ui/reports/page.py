"""One scrolling page of a report section: headings, sentences, and tables each with its chart beside it.

Every table and chart a page adds is recorded in the `tables` and `charts` it was given,
keyed by title, so the window (and its tests) can find the figures shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

from linkdesk.reports.statistics import Breakdown

from ..widgets import heading
from .charts import BarChart, ColumnChart
from .tables import BreakdownModel, fitted_table

NONE_IN_PERIOD = "None in this period."


def text_label(text: str, small: bool = False) -> QLabel:
    """Plain text always: names and stories come from typing and feeds, and must never be read as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if small:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
    return label


class ReportPage(QScrollArea):
    def __init__(self, title: str, tables: dict[str, QTableView], charts: dict[str, BarChart | ColumnChart]):
        super().__init__()
        self.title = title
        self.tables, self.charts = tables, charts
        self._filled = False
        self.setWidgetResizable(True)
        self.setAccessibleName(title)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.setWidget(body)
        self.add(heading(title, 1.3))

    def finish(self) -> ReportPage:
        """Keep what is shown at the top when it is shorter than the page (unless a widget fills it)."""
        if not self._filled:
            self.column.addStretch(1)
        return self

    def add(self, widget: QWidget) -> QWidget:
        self.column.addWidget(widget)
        return widget

    def fill(self, widget: QWidget) -> QWidget:
        """Add a widget that takes the rest of the page, such as a document that scrolls itself."""
        self.column.addWidget(widget, 1)
        self._filled = True
        return widget

    def sentence(self, text: str, small: bool = False) -> QLabel:
        return self.add(text_label(text, small))

    def subheading(self, text: str) -> QLabel:
        self.column.addSpacing(8)
        return self.add(heading(text, 1.1))

    def side_by_side(self, table: QTableView, chart: QWidget | None) -> None:
        row = QHBoxLayout()
        row.addWidget(table, 2, Qt.AlignmentFlag.AlignTop)
        if chart is not None:
            row.addWidget(chart, 3, Qt.AlignmentFlag.AlignTop)
        else:
            row.addStretch(3)
        self.column.addLayout(row)

    def breakdown(self, breakdown: Breakdown, chart: bool = True) -> None:
        """A breakdown as the PDF shows it: the table, its note, and a chart of the counts shown."""
        if not breakdown.rows:
            self.subheading(breakdown.title)
            self.sentence(NONE_IN_PERIOD)
            return
        self.column.addSpacing(8)
        table = fitted_table(BreakdownModel(breakdown), breakdown.title)
        self.tables[breakdown.title] = table
        # Suppressed counts have no bar, as in the PDF: the chart must not reveal what the table hides.
        bars = [(row.label, row.value) for row in breakdown.rows if row.value is not None]
        drawn = None
        if chart and any(value for _, value in bars):
            drawn = BarChart(breakdown.title)
            drawn.set_bars(bars)
            self.charts[breakdown.title] = drawn
        self.side_by_side(table, drawn)
        if breakdown.note:
            self.sentence(breakdown.note, small=True)

    def columns(self, title: str, bars: list[tuple[str, int]], table: QTableView) -> ColumnChart:
        chart = ColumnChart(title)
        chart.set_bars(bars)
        self.tables[title], self.charts[title] = table, chart
        self.side_by_side(table, chart)
        return chart
