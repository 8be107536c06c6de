"""Tools > Records due for review: closed records past the retention rule, the rule itself, and erasing one.

Nothing is removed here without the erase dialog's reason and typed confirmation.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkdesk.caseload.errors import CaseloadError
from linkdesk.caseload.retention import (
    LONGEST_YEARS,
    DueRecord,
    RetentionReview,
    due_for_review,
    retention_years,
    set_retention_years,
)

from ..tasks import TaskRunner, register_expected_error
from ..widgets import message_label
from .erase_dialog import EraseDialog
from .referral_dialogs import day_text
from ..widgets.table_model import RecordTableModel
from .tables import named_button, record_table

register_expected_error(CaseloadError)


def _years(number: int) -> str:
    return "year" if number == 1 else "years"


class DueRecordModel(RecordTableModel):
    ID, NAME, OUTCOME, CLOSED_ON = range(4)
    HEADERS = ("Id", "Name", "Outcome", "Closed on")

    def record_id(self, record: DueRecord):
        return record.patient_id

    def display(self, record: DueRecord, column: int) -> str:
        if column == self.CLOSED_ON:
            return day_text(record.closed_on)
        return (str(record.patient_id), record.name, record.outcome)[column]


class RetentionDialog(QDialog):
    erased = Signal(int, str)  # a record was erased from here: the Patients tab closes it if open
    open_requested = Signal(int)

    def __init__(self, store, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._closed = False
        self._asked = 0  # which review is the latest asked for: an earlier answer may arrive after it
        self.erase_dialog: EraseDialog | None = None
        self.setWindowTitle("Records due for review")
        self.years = QSpinBox()
        self.years.setRange(1, LONGEST_YEARS)
        self.years.setKeyboardTracking(False)  # typing "12" is one change, not 1 then 12
        self.years.setAccessibleName("Closed more than this many years ago")
        self.years.setValue(retention_years(store))
        rule = QHBoxLayout()
        explained = QLabel("A record is due for review when all the patient's referrals are closed (discharged, "
                           "declined or unable to contact) and the last one closed longer ago than your rule. "
                           "A record with no referral counts from the day it was made.")
        explained.setWordWrap(True)
        rule_label = QLabel("Due when closed more &than")
        rule_label.setBuddy(self.years)
        self.years_ago = QLabel()
        rule.addWidget(rule_label)
        rule.addWidget(self.years)
        rule.addWidget(self.years_ago)
        rule.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = DueRecordModel(self)
        self.table = record_table(self.model, "Records due for review, longest closed first", DueRecordModel.NAME)
        self.open_button = named_button("&Open record", "Open the selected record in the Patients tab")
        self.erase_button = named_button("&Erase…", "Erase the selected record for good")
        self.message = message_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.erase_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explained)
        layout.addLayout(rule)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self._show_years(self.years.value())
        self.years.valueChanged.connect(self.change_rule)
        self.open_button.clicked.connect(self.open_selected)
        self.erase_button.clicked.connect(lambda: self.erase_selected())
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.finished.connect(self._forget_rows)
        self.resize(680, 480)
        self.reload()

    def reload(self) -> None:
        """The review runs off the UI thread: it reads every patient's referrals.

        Each change of the rule starts another; only the latest one asked for is shown, as an
        earlier (slower) one may answer last, for a rule no longer chosen or before an erasure.
        """
        self.summary.setText("Looking for records due for review…")
        self._asked += 1
        store, years, asked = self._store, self.years.value(), self._asked
        self._runner.run(lambda task: due_for_review(store, years),
                         lambda review: self._loaded(asked, review), lambda error: self._failed(asked, error))

    def _loaded(self, asked: int, review: RetentionReview) -> None:
        if self._closed or asked != self._asked:  # closed (or locked) meanwhile, or a stale answer: show nothing
            return
        self.model.set_rows(review.records)
        count = len(review.records)
        if count:
            self.table.selectRow(0)
        self.summary.setText(f"{count} record{'' if count == 1 else 's'} closed before {day_text(review.cutoff)}. "
                             "Nothing is deleted unless you erase a record and confirm it.")
        self._update_buttons()

    def _failed(self, asked: int, error: BaseException) -> None:
        if not self._closed and asked == self._asked:
            self.message.show_error(str(error))

    def change_rule(self, years: int) -> None:
        try:
            set_retention_years(self._store, years)
        except CaseloadError as error:
            self.message.show_error(str(error))
            return
        self._show_years(years)
        self.message.show_info(f"The retention rule is now {years} {_years(years)}.")
        self.reload()

    def _show_years(self, years: int) -> None:
        self.years_ago.setText(f"{_years(years)} ago")

    def selected(self) -> DueRecord | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def _update_buttons(self, *_args) -> None:
        for button in (self.open_button, self.erase_button):
            button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.accept()
            self.open_requested.emit(record.patient_id)

    def erase_selected(self) -> EraseDialog | None:
        record = self.selected()
        if record is None:
            return None
        self.erase_dialog = EraseDialog(self._store, record.patient_id, record.name, self)
        self.erase_dialog.erased.connect(self._erased)
        self.erase_dialog.finished.connect(lambda _result, shown=self.erase_dialog: shown.deleteLater())
        self.erase_dialog.open()
        return self.erase_dialog

    def _erased(self, patient_id: int, removed: str) -> None:
        self.erase_dialog = None
        self.message.show_info(f"Record {patient_id} was erased for good.")
        self.erased.emit(patient_id, removed)
        self.reload()

    def _forget_rows(self, _result) -> None:
        self._closed = True
        self.model.set_rows([])
        if self.erase_dialog is not None:
            self.erase_dialog.reject()
        self.deleteLater()


def show_retention(window) -> RetentionDialog:
    """Open the review over the main window; an erasure or "Open record" reaches the Patients tab."""
    dialog = RetentionDialog(window.store, window.runner, window)
    patients = next((tab for tab in window.tabs if hasattr(tab, "patient_erased")), None)
    if patients is not None:
        dialog.erased.connect(patients.patient_erased)
        dialog.open_requested.connect(lambda patient_id: (window.tab_widget.setCurrentWidget(patients),
                                                          patients.open_patient(patient_id)))
    else:
        dialog.erased.connect(lambda _id, _removed: window.show_status("The record was erased for good."))
    dialog.open()
    return dialog
