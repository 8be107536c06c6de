"""The Patients tab: the caseload list and "Today" panel on the left, the patient's record on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkdesk.caseload import practices, referral_rules
from linkdesk.caseload.errors import CaseloadError, DuplicatePatient, ValidationError
from linkdesk.caseload.listing import CaseloadFilter, list_caseload, today_list
from linkdesk.caseload.patients import create_patient, get_patient, update_patient

from ..tasks import register_expected_error
from ..workspace import WorkspaceContext, WorkspaceTab
from .caseload_model import CaseloadTableModel, TodayListModel
from .patient_editor import PatientEditor
from .record_pane import RecordPane

register_expected_error(CaseloadError)


class PatientsTab(WorkspaceTab):
    title = "Patients"
    lock_key = "patients"
    patient_removed = Signal(int)  # erased for good; the main window tells the other tabs to forget them
    patients_changed = Signal()  # added, details saved or erased; the main window tells the other tabs

    def __init__(self, context: WorkspaceContext):
        super().__init__(context)
        self.patient = None  # the open record (a detached Patient), or None for a new one
        self._new_record = False  # True while a new patient is being typed in
        self._filter: CaseloadFilter | None = None

        # -- left: search, filters, today, caseload ---------------------------------------
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Find by name, preferred name, NHS number or postcode")
        self.search_box.setAccessibleName("Find a patient")
        self.search_box.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Referral status")
        self.status_filter.addItem("Any status", None)
        for code, label in referral_rules.STATUSES:
            self.status_filter.addItem(label, code)
        self.practice_filter = QComboBox()
        self.practice_filter.setAccessibleName("Practice")
        self.worker_filter = QComboBox()
        self.worker_filter.setAccessibleName("Link worker")
        self.new_button = QPushButton("&New patient")
        self.new_button.clicked.connect(self.new_patient)

        self.today_model = TodayListModel(self)
        self.today_view = QListView()
        self.today_view.setModel(self.today_model)
        self.today_view.setAccessibleName("Today: contacts due")
        self.today_view.setMaximumHeight(130)
        self.today_view.setUniformItemSizes(True)  # one line each: thousands of items are not measured one by one
        self.today_view.activated.connect(lambda index: self.open_patient(self.today_model.item(index.row()).patient_id))
        self.today_view.clicked.connect(lambda index: self.open_patient(self.today_model.item(index.row()).patient_id))
        self.today_box = QGroupBox("Today")
        QVBoxLayout(self.today_box).addWidget(self.today_view)

        self.model = CaseloadTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(CaseloadTableModel.SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Caseload")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        width = self.fontMetrics().horizontalAdvance
        for column, sample in ((CaseloadTableModel.NHS, "999 000 0000"), (CaseloadTableModel.BORN, "30 Sep 1958"),
                               (CaseloadTableModel.STATUS, "Unable to contact"), (CaseloadTableModel.DUE, "30 Sep 2026")):
            header.resizeSection(column, width(sample) + 24)
        header.setSectionResizeMode(CaseloadTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Searchable, filterable or in the Today panel; the record shows them all.
        for column in (CaseloadTableModel.PREFERRED, CaseloadTableModel.POSTCODE, CaseloadTableModel.PRACTICE,
                       CaseloadTableModel.WORKER, CaseloadTableModel.DUE):
            self.table.setColumnHidden(column, True)
        self.table.activated.connect(self._open_index)
        self.table.clicked.connect(self._open_index)
        self.count_label = QLabel()

        filters = QHBoxLayout()
        for widget in (self.status_filter, self.practice_filter, self.worker_filter):
            # Equal shares of the row, whatever the longest practice or worker name: each list opens full width.
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(8)
            filters.addWidget(widget, 1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.today_box)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        # -- right: the record (its widgets are named here too, for the code below) ------------
        self.pane = RecordPane(context)
        self.record_title, self.editor, self.record_tabs = self.pane.title, self.pane.editor, self.pane.tabs
        self.save_button, self.unsaved_label, self.message = (self.pane.save_button, self.pane.unsaved_label,
                                                              self.pane.message)
        self.referrals = self.pane.referrals
        self.save_button.clicked.connect(self.save)
        self.referrals.changed.connect(self._referrals_changed)
        self.pane.erased.connect(self.patient_erased)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pane)
        splitter.setSizes([600, 500])
        QVBoxLayout(self).addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(20)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search_box.textChanged.connect(self._filter_timer.start)
        for combo in (self.status_filter, self.practice_filter, self.worker_filter):
            combo.currentIndexChanged.connect(self._filter_timer.start)
        self._show_record(None)
        self.setEnabled(False)

    # -- store life --------------------------------------------------------------------

    def store_opened(self, store) -> None:
        super().store_opened(store)
        self.setEnabled(True)
        self._fill_choice(self.practice_filter, "Any practice",
                          [(p.id, p.name) for p in practices.list_practices(store)])
        self._fill_choice(self.worker_filter, "Any link worker",
                          [(w.id, w.name) for w in practices.list_link_workers(store)])
        self.editor.set_practices([(p.id, p.name) for p in practices.list_practices(store)])
        self.reload()

    def clear_for_lock(self) -> None:
        self._filter_timer.stop()
        self.model.set_rows([])
        self.today_model.set_items([])
        self._filter = None
        self.search_box.clear()
        self.count_label.clear()
        self.pane.clear()
        self.patient = None
        self._new_record = False
        self.setEnabled(False)
        super().clear_for_lock()

    def lock_snapshot(self) -> dict | None:
        """Unsaved details, and a story, referral or contact being typed (the lock closes their dialogs first)."""
        snapshot = {"details": self.editor.snapshot()} if self.editor.dirty else {}
        if self.patient is not None:
            snapshot.update(self.pane.interrupted_drafts())
        if snapshot:
            snapshot["patient_id"] = self.patient.id if self.patient else None
        return snapshot or None

    def restore_snapshot(self, snapshot: dict) -> None:
        if snapshot.get("patient_id"):
            self.open_patient(snapshot["patient_id"])
            if self.patient is None:  # gone meanwhile (erased from the command line): never a new record
                self.message.show_error("Unsaved changes to a record were not restored: "
                                        "the record is no longer in the store.")
                return
        else:
            self.new_patient()
        if "details" in snapshot:
            self.editor.load(PatientEditor.details_from_snapshot(snapshot["details"]), as_saved=False)
            self.pane.update_save_state()
        self.message.show_info("Your unsaved changes were kept while LinkDesk was locked. Save them when ready.")
        self.pane.restore_drafts(snapshot, self.patient)  # a dialog being typed in, filled in again

    @staticmethod
    def _fill_choice(combo: QComboBox, any_text: str, items) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, None)
        for value, label in items:
            combo.addItem(label, value)
        combo.blockSignals(False)

    # -- the caseload list -------------------------------------------------------------

    def reload(self) -> None:
        """Load the caseload and today list off the UI thread (100,000 patients take a second)."""
        store = self.store
        self.context.runner.run(lambda task: (list_caseload(store), today_list(store)), self._loaded)

    def _loaded(self, result) -> None:
        if self.store is None:  # locked while loading
            return
        rows, today = result
        self._filter = CaseloadFilter(rows)
        self.today_model.set_items(today)
        self.today_box.setTitle(f"Today ({len(today)})")
        self.apply_filter()

    def apply_filter(self) -> None:
        if self._filter is None:
            return
        indices = self._filter.matching(self.search_box.text(), self.status_filter.currentData(),
                                        self.practice_filter.currentData(), self.worker_filter.currentData())
        rows = self._filter.rows
        self.model.set_rows([rows[index] for index in indices])
        total = len(rows)
        shown = len(indices)
        self.count_label.setText(f"{shown} of {total} patients" if shown != total else f"{total} patients")
        if self.patient is not None:
            self._select(self.patient.id)

    def _select(self, patient_id: int) -> None:
        row = self.model.row_of(patient_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _open_index(self, index) -> None:
        patient_id = self.proxy.data(index, CaseloadTableModel.ID_ROLE)
        if self.patient is None or self.patient.id != patient_id:
            self.open_patient(patient_id)

    # -- the record --------------------------------------------------------------------

    def _may_leave_record(self) -> bool:
        if not self.editor.dirty:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "Save the changes to this record first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open_patient(self, patient_id: int) -> None:
        if not self._may_leave_record() or self.store is None:  # the app may have locked during the question
            return
        try:
            patient = get_patient(self.store, patient_id)  # audited as a view
        except CaseloadError as error:
            self.message.show_error(str(error))
            return
        self._show_record(patient)
        self._select(patient_id)

    def new_patient(self) -> None:
        if not self._may_leave_record():
            return
        self._new_record = True
        self._show_record(None)
        self.record_tabs.setCurrentIndex(0)
        self.editor.widgets["first_name"].setFocus()

    def _show_record(self, patient) -> None:
        self.patient = patient
        if patient is not None:
            self._new_record = False
        self.pane.show_patient(self.store, patient, self._new_record)

    def patient_erased(self, patient_id: int, removed: str) -> None:
        """After an erasure (here or in the retention review): close the record, unsaved edits and all."""
        if self.patient is not None and self.patient.id == patient_id:
            self._new_record = False
            self._show_record(None)  # the form is cleared, not parked: the person is gone
        if self.store is not None:
            self.reload()
        self.patient_removed.emit(patient_id)
        self.patients_changed.emit()
        self.context.show_status(f"The record was erased for good, with {removed}. "
                                 "Backups made before now still hold it.")

    def save(self, allow_same_name_and_birth: bool = False) -> bool:
        """Save the whole record or nothing; every problem is shown by its field."""
        if self.store is None or not self.editor.dirty:
            return True
        details = self.editor.details()
        try:
            if self.patient is None:
                saved = create_patient(self.store, details, allow_same_name_and_birth=allow_same_name_and_birth)
            else:
                saved = update_patient(self.store, self.patient.id, details,
                                       allow_same_name_and_birth=allow_same_name_and_birth)
        except ValidationError as error:
            self.editor.show_problems(dict(error.problems))
            self.message.show_error("The record was not saved: please correct the fields marked in red.")
            return False
        except DuplicatePatient as error:
            return self._handle_duplicate(error)
        except CaseloadError as error:
            self.message.show_error(str(error))
            return False
        self._show_record(get_patient(self.store, saved.id))
        self.message.show_info("Saved.")
        self.reload()
        self.patients_changed.emit()
        return True

    def ask_duplicate(self, error: DuplicatePatient) -> str:
        """'open', 'save' (a different person with the same name and birth date) or 'cancel'."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Possible duplicate", str(error), parent=self)
        open_button = box.addButton("Open the existing record", QMessageBox.ButtonRole.AcceptRole)
        save_button = None if error.blocking else box.addButton("Save as a different person",
                                                                QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is open_button:
            return "open"
        return "save" if save_button is not None and box.clickedButton() is save_button else "cancel"

    def _handle_duplicate(self, error: DuplicatePatient) -> bool:
        answer = self.ask_duplicate(error)
        if self.store is None:  # locked while the question was open: the edit is parked as a draft
            return False
        if answer == "open":
            self.editor.revert()  # the entry was a duplicate: nothing of it is kept
            self.open_patient(error.matches[0].patient_id)
            return False
        if answer == "save" and not error.blocking:
            return self.save(allow_same_name_and_birth=True)
        self.message.show_error(str(error))
        return False

    def _referrals_changed(self) -> None:
        if self.patient is not None:
            self.patient = get_patient(self.store, self.patient.id)
        self.reload()
