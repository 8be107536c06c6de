"""The Plans tab's patient list: the caseload read off the UI thread, found as you type, reread when it changed.

The list is read when it is first shown after a store opens (at unlock the Patients tab is busy
reading the same caseload). After that it is read again only when `mark_stale()` says
the caseload changed (the Patients tab added, renamed or erased someone): at once if the list is
on screen, otherwise when it is next shown. Showing the tab with nothing changed reads nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from linkdesk.caseload.listing import filter_rows, list_caseload

from ..tasks import TaskRunner
from .table_models import ID_ROLE, PatientListModel


class PatientPicker(QWidget):
    chosen = Signal(int)  # picked in the list; the tab may still refuse (unsaved edits) and select() back
    loaded = Signal()  # a freshly read caseload is in the list
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.store = None
        self.rows: list = []  # the whole caseload; the model holds the rows matching the search
        self.selected_id: int | None = None
        self.stale = False
        self._generation = 0  # only the latest read counts: an earlier one may finish after it

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Find a patient: name, NHS number, postcode")
        self.search_box.setAccessibleName("Find a patient")
        self.search_box.setClearButtonEnabled(True)
        self.model = PatientListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Patients")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)  # fast with a large caseload
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long names elide
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(30)
        self.search_timer.timeout.connect(self.filter)
        self.search_box.textChanged.connect(self.search_timer.start)
        self.list.selectionModel().currentRowChanged.connect(self._clicked)

    # -- the caseload ------------------------------------------------------------------------

    def open_store(self, store) -> None:
        """Read the caseload when the list is first shown, not at unlock, where the Patients tab reads it too."""
        self.store = store
        self.search_box.setEnabled(True)
        self.list.setEnabled(True)
        self.stale = True
        if self.isVisible():
            self.reload()

    def clear(self) -> None:
        """Locking: forget every row and the search, and ignore a read still running."""
        self.search_box.clear()
        self.search_timer.stop()
        self.store, self.rows, self.selected_id, self.stale = None, [], None, False
        self._generation += 1
        self.model.set_rows([])
        self.search_box.setEnabled(False)
        self.list.setEnabled(False)

    def mark_stale(self) -> None:
        """The caseload changed elsewhere in the app: read it again now if on screen, else when next shown."""
        if self.store is None:
            return
        self.stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:
        if self.stale and self.store is not None:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the caseload off the UI thread: with a large caseload the query can take a while."""
        store = self.store
        self.stale = False
        self._generation += 1
        generation = self._generation
        self.runner.run(lambda task: list_caseload(store), lambda rows: self._loaded(generation, rows),
                        lambda error: self._failed(generation, error))

    def _loaded(self, generation: int, rows) -> None:
        if generation != self._generation:  # locked meanwhile, or a later read is on its way
            return
        self.rows = rows
        self.filter()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.stale = True  # try again the next time the list is shown
            self.failed.emit(str(error))

    def row_for(self, patient_id: int | None):
        return next((row for row in self.rows if row.patient_id == patient_id), None)

    def forget(self, patient_id: int) -> None:
        """Erased: out of the list at once, without waiting for the caseload to be read again."""
        if self.selected_id == patient_id:
            self.selected_id = None
        self.rows = [row for row in self.rows if row.patient_id != patient_id]
        self.filter()

    # -- finding and picking -----------------------------------------------------------------

    def filter(self) -> None:
        self.search_timer.stop()
        self.model.set_rows(filter_rows(self.rows, self.search_box.text()))
        self.select(self.selected_id)

    def select(self, patient_id: int | None) -> None:
        """Show this patient as the one chosen (or none), without announcing it as a new choice."""
        self.selected_id = patient_id
        row = self.model.row_of(patient_id) if patient_id is not None else None
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        if row is None:
            selection.clearCurrentIndex()
            selection.clearSelection()
        else:
            selection.setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        selection.blockSignals(False)

    def _clicked(self, current, _previous) -> None:
        if current.isValid():
            self.chosen.emit(current.data(ID_ROLE))
