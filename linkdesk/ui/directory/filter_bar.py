"""The Directory tab's filters (category, day, time, cost, place, access, age, how) and sort order."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from linkdesk.directory.categories import ACCESS_NAMES, ATTENDING_TYPES, CATEGORIES
from linkdesk.directory.schedule import AFTERNOON, EVENING, MORNING
from linkdesk.directory.search import SORTS, SearchFilters

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _combo(accessible_name: str, any_text: str, items) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.addItem(any_text, None)
    for label, value in items:
        combo.addItem(label, value)
    return combo


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.category = _combo("Category", "Any category", [(c.label, c.code) for c in CATEGORIES])
        self.day = _combo("Day", "Any day", [(name, number) for number, name in enumerate(DAYS)])
        self.period = _combo("Time of day", "Any time",
                             [("Morning", MORNING), ("Afternoon", AFTERNOON), ("Evening", EVENING)])
        self.attending = _combo("How people take part", "In person, online or phone",
                                [(kind.capitalize(), kind) for kind in ATTENDING_TYPES])
        self.access = _combo("Accessibility", "Any access", [(name.capitalize(), name) for name in ACCESS_NAMES])
        self.place = QLineEdit()
        self.place.setPlaceholderText("Postcode area, e.g. B30")
        self.place.setAccessibleName("Postcode district or area")
        self.place.setClearButtonEnabled(True)
        self.age = QSpinBox()
        self.age.setRange(0, 120)
        self.age.setSpecialValueText("Any age")
        self.age.setAccessibleName("Age of the person")
        self.free_only = QCheckBox("&Free only")
        self.favourites_only = QCheckBox("S&hortlist only")
        self.include_archived = QCheckBox("Show a&rchived")
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort by")
        for name in SORTS:
            self.sort.addItem(name.capitalize(), name)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.category, self.day, self.period, self.attending, self.access)):
            grid.addWidget(widget, 0, column)
        grid.addWidget(self.place, 1, 0)
        grid.addWidget(self.age, 1, 1)
        grid.addWidget(self.free_only, 1, 2)
        grid.addWidget(self.favourites_only, 1, 3)
        grid.addWidget(self.include_archived, 1, 4)
        grid.addWidget(QLabel("Sort by"), 0, 5)
        grid.addWidget(self.sort, 1, 5)

        for combo in (self.category, self.day, self.period, self.attending, self.access, self.sort):
            combo.currentIndexChanged.connect(self.changed)
        for box in (self.free_only, self.favourites_only, self.include_archived):
            box.toggled.connect(self.changed)
        self.place.textChanged.connect(self.changed)
        self.age.valueChanged.connect(self.changed)

    def filters(self) -> SearchFilters:
        access = self.access.currentData()
        return SearchFilters(
            category=self.category.currentData(),
            weekday=self.day.currentData(),
            period=self.period.currentData(),
            free_only=self.free_only.isChecked(),
            place=self.place.text().strip() or None,
            access=(access,) if access else (),
            age=self.age.value() or None,
            attending=self.attending.currentData(),
            favourites_only=self.favourites_only.isChecked(),
            include_archived=self.include_archived.isChecked(),
        )

    def sort_order(self) -> str:
        return self.sort.currentData()
