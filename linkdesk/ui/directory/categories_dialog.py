"""Directory > Categories: how imported taxonomy terms map onto the social prescribing categories."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from linkdesk.directory.categories import CATEGORIES
from linkdesk.directory.services import TermMapping, map_term, term_mappings

from ..widgets import message_label
from ..widgets.table_model import RowTableModel

_LABELS = {category.code: category.label for category in CATEGORIES}


class TermMappingModel(RowTableModel):
    TERM, CATEGORY, HOW = range(3)
    HEADERS = ("Imported category", "Social prescribing category", "Set by")

    def mapping(self, row: int) -> TermMapping:
        return self.row_at(row)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        mapping = self._rows[index.row()]
        if index.column() == self.TERM:
            return mapping.term
        if index.column() == self.CATEGORY:
            return _LABELS.get(mapping.category, "None")
        return "You" if mapping.chosen else "A guess from its words"


class CategoriesDialog(QDialog):
    """Choose the category for each imported term; the services that use it follow at once."""

    def __init__(self, store, parent=None, on_changed=None):
        super().__init__(parent)
        self._store = store
        self._on_changed = on_changed
        self.setWindowTitle("Categories of imported services")
        self.resize(760, 520)
        intro = QLabel("Imported directories use their own category names. Each is shown with the social "
                       "prescribing category LinkDesk files it under; choose another where the guess is wrong. "
                       "The original names are kept.")
        intro.setWordWrap(True)
        self.model = TermMappingModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(TermMappingModel.TERM)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find an imported category")
        self.filter.setAccessibleName("Find an imported category")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Imported categories")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(TermMappingModel.TERM, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.category = QComboBox()
        self.category.setAccessibleName("Social prescribing category for the selected imported category")
        self.category.addItem("None of these", "")
        for category in CATEGORIES:
            self.category.addItem(category.label, category.code)
        self.apply_button = QPushButton("&Use this category")
        self.apply_button.clicked.connect(self.apply)
        self.guess_button = QPushButton("Go back to the &guess")
        self.guess_button.clicked.connect(lambda: self.apply(use_guess=True))
        choose = QHBoxLayout()
        choose.addWidget(self.category, 1)
        choose.addWidget(self.apply_button)
        choose.addWidget(self.guess_button)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.filter, self.table):
            layout.addWidget(widget)
        layout.addLayout(choose)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(term_mappings(self._store))
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.message.show_info("No imported categories yet: import a directory first.")
        self._set_enabled()

    def _selected(self) -> TermMapping | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.mapping(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def _show_current(self, *_args) -> None:
        mapping = self._selected()
        if mapping is not None:
            self.category.setCurrentIndex(max(0, self.category.findData(mapping.category)))
        self._set_enabled()

    def _set_enabled(self) -> None:
        mapping = self._selected()
        for widget in (self.category, self.apply_button):
            widget.setEnabled(mapping is not None)
        self.guess_button.setEnabled(mapping is not None and mapping.chosen)

    def apply(self, use_guess: bool = False) -> None:
        mapping = self._selected()
        if mapping is None:
            return
        changed = map_term(self._store, mapping.term, None if use_guess else self.category.currentData())
        self.reload()
        for row in range(self.model.rowCount()):
            if self.model.mapping(row).term == mapping.term:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self.message.show_info(f"“{mapping.term}” now files {changed} service{'' if changed == 1 else 's'} under "
                               f"{_LABELS.get(self._selected().category, 'no category')}.")
        if self._on_changed is not None:
            self._on_changed()
