"""Simple bar charts drawn with QPainter: horizontal bars for a breakdown, columns for the caseload.

QtCharts lives in PySide6-Addons, which LinkDesk does not depend on, and these need very
little. Colours come from the palette, so a dark theme works. Each chart says its numbers
in its accessible description, and the same numbers are always in the table beside it.
As in the PDF, a suppressed count has no bar: callers pass only the counts that are shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD = 6  # pixels around the drawing and between a label and its bar


class _Chart(QWidget):
    """What both charts share: the bars (label, value), the accessible text, the palette colours and the
    painter, which subclasses draw with in _draw() (only when there are bars)."""

    kind = "Bar chart"

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self._bars: list[tuple[str, int]] = []
        self.setAccessibleName(f"Chart: {title}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self._bars = [(label, int(value)) for label, value in bars]
        numbers = "; ".join(f"{label}: {value}" for label, value in self._bars)
        self.setAccessibleDescription(f"{self.kind} of {self.title.lower()}. {numbers or 'No figures.'}")
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        """The bars drawn, top to bottom or left to right, as (label, value)."""
        return list(self._bars)

    def _most(self) -> int:
        return max((value for _, value in self._bars), default=0) or 1

    def _colours(self):
        palette = self.palette()
        return (palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.WindowText),
                palette.color(QPalette.ColorRole.Mid))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        if not self._bars:
            return
        painter = QPainter(self)
        self._draw(painter, self.fontMetrics())
        painter.end()

    def _draw(self, painter: QPainter, metrics: QFontMetrics) -> None:
        raise NotImplementedError


class BarChart(_Chart):
    """One horizontal bar per row, the first at the top (the table's order), its value at its end."""

    kind = "Horizontal bar chart"

    def _row_height(self) -> int:
        return self.fontMetrics().height() + PAD

    def sizeHint(self) -> QSize:
        return QSize(420, self._row_height() * max(1, len(self._bars)) + 2 * PAD)

    def _draw(self, painter: QPainter, metrics: QFontMetrics) -> None:
        bar_colour, text_colour, axis_colour = self._colours()
        row = self._row_height()
        width = self.width() - 2 * PAD
        label_width = min(max(metrics.horizontalAdvance(label) for label, _ in self._bars), int(width * 0.45))
        value_width = metrics.horizontalAdvance(str(self._most())) + PAD
        left = PAD + label_width + PAD
        room = max(1, width - label_width - PAD - value_width)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, (label, value) in enumerate(self._bars):
            top = PAD + index * row
            text_box = QRectF(PAD, top, label_width, row)
            painter.setPen(text_colour)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width))
            length = room * value / self._most()
            painter.fillRect(QRectF(left, top + 2, length, row - 4), bar_colour)
            painter.drawText(QRectF(left + length + PAD / 2, top, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(value))
        painter.setPen(axis_colour)
        painter.drawLine(left, PAD, left, PAD + row * len(self._bars))


class ColumnChart(_Chart):
    """Vertical columns, left to right in time, under the title; a label under each column there is room for."""

    kind = "Column chart"

    def sizeHint(self) -> QSize:
        return QSize(420, self.fontMetrics().height() * 12)

    def _draw(self, painter: QPainter, metrics: QFontMetrics) -> None:
        bar_colour, text_colour, axis_colour = self._colours()
        line = metrics.height()
        bottom = self.height() - PAD - line - PAD  # the axis; month labels below it
        top = PAD + 2 * line + PAD  # the title, then room for the value above the tallest column
        slot = (self.width() - 2 * PAD) / len(self._bars)
        widest = max(metrics.horizontalAdvance(label) for label, _ in self._bars) + PAD
        every = max(1, -(-widest // max(1, int(slot))))  # label every n-th column when they would overlap
        painter.setPen(text_colour)
        painter.drawText(QRectF(PAD, PAD, self.width() - 2 * PAD, line), Qt.AlignmentFlag.AlignLeft, self.title)
        for index, (label, value) in enumerate(self._bars):
            x = PAD + index * slot
            height = (bottom - top) * value / self._most()
            painter.fillRect(QRectF(x + slot * 0.15, bottom - height, slot * 0.7, height), bar_colour)
            painter.setPen(text_colour)
            if slot >= metrics.horizontalAdvance(str(value)):
                painter.drawText(QRectF(x, bottom - height - line, slot, line), Qt.AlignmentFlag.AlignCenter,
                                 str(value))
            if index % every == 0:
                painter.drawText(QRectF(x - slot, bottom + PAD, slot * 3, line), Qt.AlignmentFlag.AlignCenter, label)
        painter.setPen(axis_colour)
        painter.drawLine(PAD, bottom, self.width() - PAD, bottom)
