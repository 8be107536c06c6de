"""The right side of the Patients tab: one patient's record in three tabs, the save row and a message.

The pane shows what the tab gives it; saving, opening and the duplicate questions stay
with the tab, which owns the caseload list they refresh. It also keeps what a story,
referral, status or contact dialog held when the lock closed it, and reopens it after.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from linkdesk.caseload.nhs_number import format_nhs_number
from linkdesk.caseload.patients import details_of

from ..dialog_drafts import not_restored
from ..widgets import heading, message_label
from ..workspace import WorkspaceContext
from .data_rights_panel import DataRightsPanel
from .patient_editor import PatientEditor
from .referrals_panel import ReferralsPanel
from .story_dialog import StoryDialog

NO_RECORD = "Choose a patient from the caseload, or add a new patient."
DIALOG_WHAT = {"referral": "referral", "referral_status": "status change", "contact": "contact", "story": "story"}


class RecordPane(QWidget):
    erased = Signal(int, str)  # a patient was erased from the "Stories and data" tab

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading("", 1.3)
        self.editor = PatientEditor()
        self.save_button = QPushButton("&Save")
        self.unsaved_label = QLabel()
        self.referrals = ReferralsPanel(context)
        self.dialog_draft: dict | None = None  # a referrals dialog the lock closed (see dialog_drafts)
        self.data_rights = DataRightsPanel(context)
        self.tabs = QTabWidget()
        details_page = QWidget()
        details_layout = QVBoxLayout(details_page)
        details_layout.addWidget(self.editor, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.unsaved_label, 1)
        save_row.addWidget(self.save_button)
        details_layout.addLayout(save_row)
        self.tabs.addTab(details_page, "&Details")
        self.tabs.addTab(self.referrals, "&Referrals and contacts")
        self.tabs.addTab(self.data_rights, "St&ories and data")
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.editor.edited.connect(self.update_save_state)
        # A saved referral or contact makes "your unsaved changes were kept" stale, unless the details still are.
        self.referrals.changed.connect(lambda: self.editor.dirty or self.message.clear())
        self.data_rights.erased.connect(self.erased)
        self.tabs.currentChanged.connect(self._tab_changed)

    def show_patient(self, store, patient, new_record: bool = False) -> None:
        """Show a patient loaded by get_patient(), or an empty form (`new_record`), or nothing."""
        if patient is None:
            self.editor.clear()
            self.title.setText("New patient" if new_record else NO_RECORD)
        else:
            self.editor.load(details_of(patient))
            nhs = f" · NHS number {format_nhs_number(patient.nhs_number)}" if patient.nhs_number else ""
            self.title.setText(f"{patient.first_name} {patient.last_name}{nhs}")
        self.referrals.set_patient(store, patient)
        self.dialog_draft = None  # closing the last record's dialog is not a lock: nothing of it is kept
        self.data_rights.set_patient(store, patient, shown=self.tabs.currentWidget() is self.data_rights)
        for page in (self.referrals, self.data_rights):
            self.tabs.setTabEnabled(self.tabs.indexOf(page), patient is not None)
        self.tabs.setEnabled(patient is not None or new_record)
        self.message.clear()
        self.update_save_state()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.data_rights:
            self.data_rights.load()

    def update_save_state(self) -> None:
        dirty = self.editor.dirty
        self.unsaved_label.setText("Unsaved changes" if dirty else "")
        self.save_button.setEnabled(dirty)

    def clear(self) -> None:
        """Nothing of any patient left in a widget, model or dialog (for the lock)."""
        self.referrals.clear()
        self.data_rights.clear()
        self.message.clear()
        self.show_patient(None, None)

    # -- dialogs being typed in when the app locked -----------------------------------------

    def keep_dialog_draft(self, snapshot: dict) -> None:
        """A referral, status, contact or story dialog was closed by something other than its user (the lock)."""
        self.dialog_draft = snapshot

    def interrupted_drafts(self) -> dict:
        """What the dialog the lock closed held, for the tab's snapshot ("dialog")."""
        return {"dialog": self.dialog_draft} if self.dialog_draft else {}

    def restore_drafts(self, snapshot: dict, patient) -> None:
        """Reopen, filled in, the dialogs parked by the lock, if the record they were for is still there."""
        if patient is None:
            if "dialog" in snapshot:
                what = DIALOG_WHAT.get(snapshot["dialog"].get("kind"), "form")
                self.message.show_error(not_restored(what, "the patient's record is no longer there."))
            return
        if "dialog" in snapshot:
            self.restore_dialog(snapshot["dialog"])

    def restore_dialog(self, draft: dict):
        """Reopen a referral, status or contact dialog from its snapshot; None (and a message) if it cannot be."""
        what = DIALOG_WHAT.get(draft.get("kind"), "form")
        if draft.get("kind") == StoryDialog.draft_kind:
            self.tabs.setCurrentWidget(self.data_rights)
            dialog = self.data_rights.stories.open_add_story()
            dialog.restore(draft)
            return dialog
        panel = self.referrals
        self.tabs.setCurrentWidget(panel)
        referral_id = draft.get("referral_id")
        if referral_id is not None:
            if panel.referral_model.row_of(referral_id) is None:
                self.message.show_error(not_restored(what, "its referral is no longer in this record."))
                return None
            panel.select_referral(referral_id)
        open_dialog = {"referral": panel.open_add_referral if referral_id is None else panel.open_edit_referral,
                       "referral_status": panel.open_change_status,
                       "contact": panel.open_record_contact}.get(draft.get("kind"))
        dialog = open_dialog() if open_dialog is not None else None
        if dialog is None:  # for example a referral closed meanwhile: its status can no longer change
            self.message.show_error(not_restored(what, "it no longer applies to this record."))
            return None
        dialog.restore(draft)
        return dialog
