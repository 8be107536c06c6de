"""What a report is for: the period (quick choices or two dates) and the practice, PCN and link worker."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from linkdesk.reports.periods import PRESETS, preset_period
from linkdesk.reports.records import ReportFilter

OWN_DATES = "Dates of your choice"


def _labelled(layout: QHBoxLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)  # Alt plus the underlined letter reaches the field
    # The underlined letter is drawn apart from the rest, unkerned: "To" needs more room than its hint.
    plain = text.replace("&", "")
    label.setMinimumWidth(sum(label.fontMetrics().horizontalAdvance(letter) for letter in plain) + 1)
    layout.addWidget(label)
    layout.addWidget(widget)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
    edit.setAccessibleName(name)
    return edit


class PeriodChoice(QWidget):
    """A quick choice fills in the dates; changing a date by hand makes it "Dates of your choice"."""

    def __init__(self, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox()
        self.preset.setAccessibleName("Period")
        self.preset.addItem(OWN_DATES, None)
        for name, label in PRESETS:
            self.preset.addItem(label, name)
        self.start = _date_edit("From")
        self.end = _date_edit("To")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        _labelled(layout, "&Period", self.preset)
        _labelled(layout, "&From", self.start)
        _labelled(layout, "&To", self.end)
        layout.addStretch(1)
        self.preset.activated.connect(lambda index: self.choose(self.preset.itemData(index)))
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)

    def today(self) -> date:
        return self._today or date.today()

    def choose(self, name: str | None) -> None:
        """Fill in the dates of a named period (see linkdesk.reports.periods)."""
        index = self.preset.findData(name)
        self.preset.setCurrentIndex(max(0, index))
        if name is None:
            return
        start, end = preset_period(name, self.today())
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def set_dates(self, start: date, end: date) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def _dates_edited(self, _date) -> None:
        self.preset.setCurrentIndex(0)

    def dates(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()


class FilterChoice(QWidget):
    """Practice (by ODS code), primary care network and link worker, each starting with "All ..."."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.practice = QComboBox()
        self.pcn = QComboBox()
        self.worker = QComboBox()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, combo, name in (("Pr&actice", self.practice, "Practice"),
                                  ("Primary care &network", self.pcn, "Primary care network"),
                                  ("&Link worker", self.worker, "Link worker")):
            combo.setAccessibleName(name)
            # Long practice names must not widen the window; the open list shows them whole.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(22)
            _labelled(layout, text, combo)
            layout.setStretchFactor(combo, 1)
        self.fill([], [])

    def fill(self, practices, workers) -> None:
        """Practices and link workers as listed by linkdesk.caseload.practices; PCNs are the practices' own."""
        pcns: dict[str, str] = {}
        for practice in practices:
            if practice.pcn.strip():
                pcns.setdefault(practice.pcn.strip().casefold(), practice.pcn.strip())
        self._refill(self.practice, "All practices",
                     [(f"{p.name} ({p.ods_code})", p.ods_code) for p in practices])
        self._refill(self.pcn, "All primary care networks", [(name, name) for name in sorted(pcns.values())])
        self._refill(self.worker, "All link workers", [(w.name, w.id) for w in workers])

    @staticmethod
    def _refill(combo: QComboBox, everyone: str, items) -> None:
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(everyone, None)
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def filters(self) -> ReportFilter:
        return ReportFilter(self.practice.currentData() or "", self.pcn.currentData() or "",
                            self.worker.currentData())

    def choose(self, practice: str | None = None, pcn: str | None = None, worker: int | None = None) -> None:
        for combo, value in ((self.practice, practice), (self.pcn, pcn), (self.worker, worker)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
