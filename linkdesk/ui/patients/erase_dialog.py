"""The deliberate erasure of a patient: what goes, a required reason, and the word "erase" typed to confirm."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from linkdesk.caseload.erasure import erase_patient, erasure_preview
from linkdesk.caseload.errors import CaseloadError

from ..widgets import heading, message_label

CONFIRM_WORD = "erase"


class EraseDialog(QDialog):
    """Erase only enables once a reason is written and "erase" is typed; the erasure cannot be undone."""

    erased = Signal(int, str)  # the patient's id, and what was removed with them

    def __init__(self, store, patient_id: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.patient_id = patient_id
        self.setWindowTitle("Erase a patient's record")
        removed, problem = None, ""
        try:
            removed = erasure_preview(store, patient_id).describe()
        except CaseloadError as error:  # erased meanwhile, for example from the retention review
            problem = str(error)
        self.what = what = QLabel(
            f"This removes {name} (LinkDesk id {patient_id}) for good, with everything held about them: their "
            f"details, stories and history of changes, and {removed}. It cannot be undone."
            if removed is not None else problem)
        what.setWordWrap(True)
        what.setAccessibleName("What will be erased")
        backups = QLabel("Backups made before now still hold the record; they age out under your backup "
                         "rotation. The audit log keeps a line saying the record was erased and why, "
                         "without the patient's details.")
        backups.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for erasing")
        self.reason.setPlaceholderText("Say why, without naming the person: the reason is kept in the audit "
                                       "log for good. For example: the patient asked, under the right to erasure")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(f"Type {CONFIRM_WORD} to confirm")
        form = QFormLayout()
        self.reason_label = reason_label = QLabel("&Reason, without the patient's name, NHS number or date of "
                                                  "birth (kept in the audit log for good)")
        reason_label.setBuddy(self.reason)
        reason_label.setWordWrap(True)
        confirm_label = QLabel(f"Type “{CONFIRM_WORD}” to &confirm")
        confirm_label.setBuddy(self.confirm)
        form.addRow(reason_label, self.reason)
        form.addRow(confirm_label, self.confirm)
        self.message = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton("&Erase for good", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setAccessibleName("Erase the record for good")
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Return in a field must never erase, nor close the dialog
        self.erase_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Erase {name}?", 1.2))
        for widget in (what, backups):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update_button)
        self.confirm.textChanged.connect(self._update_button)
        self._possible = removed is not None
        self._update_button()
        self.resize(560, 380)

    def ready(self) -> bool:
        return (self._possible and bool(self.reason.toPlainText().strip())
                and self.confirm.text().strip().casefold() == CONFIRM_WORD)

    def _update_button(self) -> None:
        self.erase_button.setEnabled(self.ready())

    def submit(self) -> bool:
        if not self.ready():
            return False
        try:
            summary = erase_patient(self._store, self.patient_id, self.reason.toPlainText())
        except CaseloadError as error:
            self.message.show_error(str(error))
            return False
        self.accept()  # closed first, so whoever hears `erased` finds no dialog left open
        self.erased.emit(self.patient_id, summary.describe())
        return True
