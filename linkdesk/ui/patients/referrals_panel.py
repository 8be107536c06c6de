"""The Patients tab's referrals and contacts: one patient's referrals, the selected one's contacts, and actions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from linkdesk.caseload import clinical_record, patients, referral_rules, vocabulary
from linkdesk.caseload.errors import CaseloadError
from linkdesk.caseload.models import Patient, PatientContact, Referral

from ..widgets import button_row, heading, message_label
from ..widgets.one_dialog import OneDialog
from ..workspace import WorkspaceContext
from .referral_dialogs import CaseloadDialog, ContactDialog, ReferralDialog, StatusDialog, day_text
from ..widgets.table_model import RecordTableModel
from .tables import named_button, record_table, selected_record

COPIED = "Copied for the clinical record: paste into EMIS Web or SystmOne"


def needs_text(referral: Referral) -> str:
    needs = [vocabulary.label(vocabulary.NEEDS, code) for code, _ in vocabulary.NEEDS
             if code in referral.need_codes and code != "other"]
    if "other" in referral.need_codes:
        needs.append(referral.needs_other or "Other")
    return "; ".join(needs)


def status_text(referral: Referral) -> str:
    text = referral_rules.status_label(referral.status)
    if referral.discharge_reason:
        text += f" ({dict(referral_rules.DISCHARGE_REASONS).get(referral.discharge_reason, referral.discharge_reason)})"
    return text


class ReferralTableModel(RecordTableModel):
    RECEIVED, SOURCE, REFERRER, NEEDS, STATUS, WORKER, SNOMED = range(7)
    HEADERS = ("Received", "Where from", "Referrer", "Needs", "Status", "Link worker", "SNOMED CT code")

    def set_rows(self, rows: list[Referral]) -> None:
        super().set_rows(sorted(rows, key=lambda item: (item.received_on, item.id), reverse=True))

    def display(self, referral: Referral, column: int) -> str:
        if column == self.RECEIVED:
            return day_text(referral.received_on)
        if column == self.SOURCE:
            return vocabulary.label(vocabulary.REFERRAL_SOURCES, referral.source)
        if column == self.NEEDS:
            return needs_text(referral)
        if column == self.STATUS:
            return status_text(referral)
        if column == self.WORKER:
            return referral.link_worker.name if referral.link_worker is not None else "Not assigned"
        if column == self.SNOMED:
            return referral.snomed_code or ""
        return referral.referrer

    def tooltip(self, referral: Referral, column: int) -> str | None:
        if column == self.SNOMED and referral.snomed_code:
            return referral_rules.SNOMED_TERMS.get(referral.snomed_code)
        if column == self.STATUS:
            return f"Since {day_text(referral.status_changed_on)}"
        return None

    def sort_value(self, referral: Referral, column: int):
        if column == self.RECEIVED:
            return referral.received_on.isoformat()
        return super().sort_value(referral, column)


class ContactTableModel(RecordTableModel):
    WHEN, HOW, LENGTH, ATTENDED, NOTES, NEXT_STEP, DUE = range(7)
    HEADERS = ("When", "How", "Length", "Attended", "Notes", "Next step", "Next contact due")

    def set_rows(self, rows: list[PatientContact]) -> None:
        super().set_rows(sorted(rows, key=lambda item: (item.at, item.id), reverse=True))

    def display(self, contact: PatientContact, column: int) -> str:
        if column == self.WHEN:
            return f"{day_text(contact.at.date())} {contact.at:%H:%M}"
        if column == self.HOW:
            return vocabulary.label(vocabulary.CONTACT_KINDS, contact.kind)
        if column == self.LENGTH:
            return f"{contact.duration_minutes} minutes" if contact.duration_minutes else ""
        if column == self.ATTENDED:
            return "Did not attend" if contact.did_not_attend else "Yes"
        if column == self.NOTES:
            return " ".join(contact.notes.split())  # one line in the table; the tooltip keeps the lines
        if column == self.NEXT_STEP:
            return contact.next_step
        return day_text(contact.next_contact_due)

    def tooltip(self, contact: PatientContact, column: int) -> str | None:
        return contact.notes or None if column == self.NOTES else None

    def sort_value(self, contact: PatientContact, column: int):
        if column == self.WHEN:
            return contact.at.isoformat()
        return super().sort_value(contact, column)


class ReferralsPanel(QWidget):
    """One patient's referrals (newest first) and the selected referral's contacts, with what can be done."""

    changed = Signal()  # after any save, so the tab refreshes its caseload list and "Today"

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.store = None
        self.patient: Patient | None = None
        self._dialogs = OneDialog(before_close=lambda dialog: dialog.saved.disconnect(self._saved))

        self.referral_model = ReferralTableModel(self)
        self.referral_table = record_table(self.referral_model, "Referrals, newest first", ReferralTableModel.NEEDS)
        self.contact_model = ContactTableModel(self)
        self.contact_table = record_table(self.contact_model, "Contacts on the selected referral, newest first",
                                    ContactTableModel.NOTES)
        self.add_button = named_button("&Add referral…", "Add a referral")
        self.edit_button = named_button("&Edit referral…", "Edit the selected referral")
        self.status_button = named_button("Change &status…", "Change the selected referral's status")
        self.contact_button = named_button("Record &contact…", "Record a contact on the selected referral")
        self.copy_button = named_button("Copy for clinical &record",
                                   "Copy a summary of the selected referral for the GP record")
        self.contacts_heading = QLabel()
        self.contacts_heading.setWordWrap(True)
        self.message = message_label()

        buttons = button_row(self.add_button, self.edit_button, self.status_button, self.contact_button,
                             self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Referrals", 1.15))
        layout.addWidget(self.referral_table, 2)
        layout.addLayout(buttons)
        layout.addWidget(heading("Contacts", 1.15))
        layout.addWidget(self.contacts_heading)
        layout.addWidget(self.contact_table, 3)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.open_add_referral)
        self.edit_button.clicked.connect(self.open_edit_referral)
        self.status_button.clicked.connect(self.open_change_status)
        self.contact_button.clicked.connect(self.open_record_contact)
        self.copy_button.clicked.connect(self.copy_for_clinical_record)
        self.referral_table.doubleClicked.connect(self.open_edit_referral)
        self.referral_table.selectionModel().currentRowChanged.connect(self._referral_chosen)
        self._referral_chosen()

    @property
    def dialog(self) -> CaseloadDialog | None:
        return self._dialogs.current

    # -- what the tab calls ------------------------------------------------------------

    def set_patient(self, store, patient: Patient | None) -> None:
        """Show a patient loaded by get_patient() (referrals and contacts included), or None to clear."""
        if patient is None:
            self.clear()
            return
        self._dialogs.close()
        self.store = store
        self._show_patient(patient)

    def _show_patient(self, patient: Patient) -> None:
        self.patient = patient
        self.message.clear()
        self.referral_model.set_rows(patient.referrals)
        if self.referral_model.rowCount():
            self.referral_table.selectRow(0)
        self._referral_chosen()

    def select_referral(self, referral_id: int) -> None:
        row = self.referral_model.row_of(referral_id)
        if row is not None:
            self.referral_table.selectRow(row)
            self._referral_chosen()

    def clear(self) -> None:
        """Leave no patient data in any widget, model or open dialog (for the lock, or no patient)."""
        self._dialogs.close()
        self.store = None
        self.patient = None
        self.referral_model.set_rows([])
        self.contact_model.set_rows([])
        self.message.clear()
        self._referral_chosen()

    # -- the selection -------------------------------------------------------------------

    def selected_referral(self) -> Referral | None:
        return selected_record(self.referral_table)

    def _referral_chosen(self, *_args) -> None:
        referral = self.selected_referral()
        self.contact_model.set_rows(referral.contacts if referral is not None else [])
        if referral is None:
            self.contacts_heading.setText("Choose a referral to see its contacts." if self.patient else "")
        elif not referral.contacts:
            self.contacts_heading.setText(f"No contacts yet on the referral received {day_text(referral.received_on)}.")
        else:
            self.contacts_heading.setText(f"On the referral received {day_text(referral.received_on)}.")
        self.add_button.setEnabled(self.patient is not None)
        for button in (self.edit_button, self.contact_button, self.copy_button):
            button.setEnabled(referral is not None)
        can_move = referral is not None and bool(referral_rules.next_statuses(referral.status))
        self.status_button.setEnabled(can_move)
        self.status_button.setToolTip("" if can_move or referral is None else
                                      "This referral is closed; add a new referral to start again.")

    # -- actions -------------------------------------------------------------------------

    def _show(self, dialog: CaseloadDialog) -> CaseloadDialog:
        """Open a dialog window-modally; its `saved` refreshes the panel. Returned for tests to fill in."""
        dialog.saved.connect(self._saved)
        return self._dialogs.open(dialog)

    def open_add_referral(self, *_args) -> ReferralDialog | None:
        if self.patient is None:
            return None
        return self._show(ReferralDialog(self.store, self.patient, parent=self))

    def open_edit_referral(self, *_args) -> ReferralDialog | None:
        referral = self.selected_referral()
        if referral is None:
            return None
        return self._show(ReferralDialog(self.store, self.patient, referral, parent=self))

    def open_change_status(self, *_args) -> StatusDialog | None:
        referral = self.selected_referral()
        if referral is None or not referral_rules.next_statuses(referral.status):
            return None
        return self._show(StatusDialog(self.store, referral, parent=self))

    def open_record_contact(self, *_args) -> ContactDialog | None:
        referral = self.selected_referral()
        if referral is None:
            return None
        return self._show(ContactDialog(self.store, referral, parent=self))

    def copy_for_clinical_record(self, *_args) -> None:
        referral = self.selected_referral()
        if referral is None:
            return
        try:
            text = clinical_record.clinical_summary(self.store, referral.id)
        except CaseloadError as error:
            self.message.show_error(str(error))
            return
        self.context.clipboard.copy(text)
        self.context.show_status(COPIED)

    def _saved(self, referral_id: int) -> None:
        try:
            patient = patients.get_patient(self.store, self.patient.id)
        except CaseloadError as error:
            self.message.show_error(str(error))
            return
        self._show_patient(patient)  # the dialog that saved is closing itself
        self.select_referral(referral_id)
        self.changed.emit()
