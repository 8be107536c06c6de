"""The Plans tab: pick a patient, edit their shared plan, add activities, record wellbeing, agree versions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkdesk.plans import activities, history, plans
from linkdesk.plans.errors import PlanError, PlanNotFound
from linkdesk.plans.plan_form import draft_from_json, draft_to_json
from linkdesk.plans.suggestions import suggestions

from ..dialog_drafts import not_restored
from ..tasks import register_expected_error
from ..widgets import heading, message_label
from ..workspace import WorkspaceContext, WorkspaceTab
from .activities_panel import ActivitiesPanel
from .measures_panel import MeasuresPanel
from .patient_picker import PatientPicker
from .plan_editor import PlanEditor
from .table_models import long_date
from .versions_panel import VersionsPanel

register_expected_error(PlanError)

SUGGESTION_LIMIT = 25


class PlansTab(WorkspaceTab):
    title = "Plans"
    lock_key = "plans"

    def __init__(self, context: WorkspaceContext):
        super().__init__(context)
        self.patient_id: int | None = None
        self.patient_row = None
        self.dirty = False
        self.dialog_draft: dict | None = None  # a status change or measure the lock closed (see dialog_drafts)
        self._suggesting = 0  # which suggestions request is the latest (see _suggest)
        self._suggestion_task = None

        self.picker = PatientPicker(context.runner)
        self.search_box, self.patient_list, self.patient_model = (self.picker.search_box, self.picker.list,
                                                                  self.picker.model)

        self.patient_label = heading("Choose a patient", 1.3)
        self.unsaved_label = QLabel()
        self.unsaved_label.setAccessibleName("Unsaved changes")
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save the plan (Ctrl+S)")
        self.agree_button = QPushButton("A&gree plan")
        self.agree_button.setToolTip("Keep the plan as it is now as a read-only version the patient agreed")
        header = QHBoxLayout()
        header.addWidget(self.patient_label, 1)
        header.addWidget(self.unsaved_label)
        header.addWidget(self.save_button)
        header.addWidget(self.agree_button)
        self.print_button = QPushButton("&Print plan…")
        self.print_button.setToolTip("Preview the plan the patient takes home, then print it or save it as a PDF")
        header.addWidget(self.print_button)

        self.editor = PlanEditor()
        self.activities = ActivitiesPanel()
        self.measures = MeasuresPanel()
        self.versions = VersionsPanel()
        self.sections = QTabWidget()
        self.sections.addTab(self.editor, "&Plan")
        self.sections.addTab(self.activities, "A&ctivities")
        self.sections.addTab(self.measures, "&Wellbeing")
        self.sections.addTab(self.versions, "&Versions")
        self.message = message_label()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(header)
        right_layout.addWidget(self.sections, 1)
        right_layout.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(self.picker)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 860])
        QVBoxLayout(self).addWidget(splitter)

        self.picker.chosen.connect(self.choose_patient)
        self.picker.loaded.connect(self._patients_loaded)
        self.picker.failed.connect(self.message.show_error)
        self.editor.changed.connect(self._mark_dirty)
        self.save_button.clicked.connect(self.save)
        self.agree_button.clicked.connect(self.agree)
        self.print_button.clicked.connect(self.print_plan)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.activities.add_requested.connect(self.add_service)
        self.activities.changed.connect(self._activities_changed)
        self.measures.recorded.connect(self.message.show_info)
        self._set_enabled(False)

    # -- store life ------------------------------------------------------------------------

    def store_opened(self, store) -> None:
        super().store_opened(store)
        self.picker.open_store(store)

    def caseload_changed(self) -> None:
        """Someone was added, changed or erased in the Patients tab: the list is read again when on screen."""
        self.picker.mark_stale()

    def lock_snapshot(self) -> dict | None:
        snapshot = {}
        if self.search_box.text():
            snapshot["search"] = self.search_box.text()
        if self.patient_id is not None:
            snapshot["patient_id"] = self.patient_id
            self.editor.commit_open_edits()  # a goal or step still being typed counts as unsaved
            if self.dirty:
                snapshot["draft"] = draft_to_json(self.editor.draft())
            scores = self.measures.entered_scores()
            if any(value is not None for value in scores.values()):
                snapshot["scores"] = scores
            if self.dialog_draft:
                snapshot["dialog"] = self.dialog_draft
        return snapshot or None

    def keep_dialog_draft(self, snapshot: dict) -> None:
        """A status change or measure dialog was closed by something other than its user (the lock)."""
        self.dialog_draft = snapshot

    def clear_for_lock(self) -> None:
        self.picker.clear()
        self._forget_patient()
        super().clear_for_lock()

    def restore_snapshot(self, snapshot: dict) -> None:
        if snapshot.get("search"):
            self.search_box.setText(snapshot["search"])
            self.picker.filter()
        patient_id = snapshot.get("patient_id")
        if patient_id is None or not self._load(patient_id):
            if "dialog" in snapshot:
                self.message.show_error(not_restored("form", "the patient's plan is no longer there."))
            return
        if "draft" in snapshot:
            self.editor.set_draft(draft_from_json(snapshot["draft"]))
            self._mark_dirty()
        if "scores" in snapshot:
            self.measures.set_scores(snapshot["scores"])
        if "dialog" in snapshot:
            self._reopen_dialog(snapshot["dialog"])

    def _reopen_dialog(self, draft: dict) -> None:
        """Open again, filled in, the status change or measure being typed when the app locked."""
        if draft.get("kind") == "activity_status":
            self.sections.setCurrentWidget(self.activities)
            if self.activities.reopen_status(draft) is None:
                self.message.show_error(not_restored("status change", "the activity has left the plan or "
                                                                      "its status has moved on."))
        elif draft.get("kind") == "measure":
            self.sections.setCurrentWidget(self.measures)
            self.measures.define().restore(draft)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.save_button, self.agree_button, self.print_button, self.sections):
            widget.setEnabled(enabled)

    # -- choosing a patient ---------------------------------------------------------------------

    def _patients_loaded(self) -> None:
        if self.patient_id is not None:
            self._show_header()  # the name or date of birth may have been corrected in the Patients tab

    def choose_patient(self, patient_id: int) -> bool:
        """Open a patient's plan; unsaved edits to the current one are saved, kept or dropped as the user says."""
        if patient_id == self.patient_id:
            return True
        if self.dirty:
            answer = QMessageBox.question(
                self, "Unsaved changes", "Save the changes to this plan before opening another?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                self.picker.select(self.patient_id)
                return False
        return self._load(patient_id)

    def _load(self, patient_id: int) -> bool:
        try:
            plan = plans.open_plan(self.store, patient_id)
        except PlanNotFound as error:
            self.message.show_error(str(error))
            return False
        self.patient_id = patient_id
        self.dialog_draft = None  # parked for the plan that was open, not this one
        self._show_header()
        self.editor.set_draft(plans.draft_of(plan))
        self._set_dirty(False)
        self._set_enabled(True)
        self._refresh_activities(plan.activities)
        self.measures.show_patient(self.store, patient_id)
        self.versions.show_patient(self.store, patient_id)
        self.message.clear()
        self.picker.select(patient_id)
        return True

    def _show_header(self) -> None:
        self.patient_row = row = self.picker.row_for(self.patient_id)
        self.patient_label.setText(f"{row.display_name}, born {long_date(row.date_of_birth)}" if row
                                   else f"Patient {self.patient_id}")

    def forget_patient(self, patient_id: int) -> None:
        """Erased in the Patients tab: close their plan, unsaved edits and all, and drop them from the list."""
        if self.patient_id == patient_id:
            self._forget_patient()
        self.picker.forget(patient_id)

    def _forget_patient(self) -> None:
        self._suggesting += 1  # suggestions still being worked out are for this patient: drop them
        if self._suggestion_task is not None:
            self._suggestion_task.cancel()
            self._suggestion_task = None
        self.patient_id = self.patient_row = None
        self.dialog_draft = None
        self.patient_label.setText("Choose a patient")
        self.picker.select(None)
        self.editor.set_draft(None)
        self.activities.clear()
        self.measures.clear()
        self.versions.clear()
        self.message.clear()
        self._set_dirty(False)
        self._set_enabled(False)

    # -- saving ----------------------------------------------------------------------------

    def _mark_dirty(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.unsaved_label.setText("Unsaved changes" if dirty else "")
        self.save_button.setEnabled(dirty)

    def save(self) -> bool:
        if self.patient_id is None or self.store is None:
            return False
        self.editor.commit_open_edits()
        if not self.dirty:
            return True
        try:
            plan = plans.save_plan(self.store, self.patient_id, self.editor.draft())
        except PlanError as error:
            self.message.show_error(str(error))  # the typed text stays in the editor
            return False
        self.editor.set_draft(plans.draft_of(plan))
        self._set_dirty(False)
        self._refresh_activities(plan.activities)
        self.versions.show_patient(self.store, self.patient_id)
        self.message.show_info("Plan saved.")
        return True

    def agree(self) -> None:
        if self.patient_id is None or not self.save():
            return
        try:
            version = history.agree_plan(self.store, self.patient_id)
        except PlanError as error:
            self.message.show_error(str(error))
            return
        self.versions.show_patient(self.store, self.patient_id)
        self.message.show_info(f"Plan agreed: kept as version {version.number}.")

    def print_plan(self):
        """Save first, so what is printed is what is on the screen; printing keeps a printed version."""
        if self.patient_id is None or not self.save():
            return None
        from ..printing.actions import preview_plan  # loads pdfium only when printing

        return preview_plan(self, self.context, self.store, self.patient_id)

    # -- activities ------------------------------------------------------------------------

    def _refresh_activities(self, plan_activities=None) -> None:
        if plan_activities is None:
            plan_activities = activities.list_activities(self.store, self.patient_id)
        self.activities.show_plan(self.store, plan_activities, self.patient_id)
        self._suggest()

    def _suggest(self) -> None:
        """Rank the directory for this patient on a worker: with 50,000 services it takes up to 2 s.

        Only the latest request counts: opening another plan, or locking, meanwhile drops the answer.
        """
        self._suggesting += 1
        if self._suggestion_task is not None:
            self._suggestion_task.cancel()  # arrowing down the list: only the plan now open needs its ranking
        asked, store, patient_id = self._suggesting, self.store, self.patient_id
        self.activities.show_suggestions(None)

        def rank(task):
            if task.cancelled:  # still queued behind others when another plan was opened
                return None
            return suggestions(store, patient_id, SUGGESTION_LIMIT, cancelled=lambda: task.cancelled)

        self._suggestion_task = self.context.runner.run(
            rank, lambda fits: self._suggested(asked, fits), lambda error: self._suggestion_failed(asked, error))

    def _suggested(self, asked: int, fits) -> None:
        if asked == self._suggesting and self.patient_id is not None:
            self._suggestion_task = None
            self.activities.show_suggestions(fits)

    def _suggestion_failed(self, asked: int, error: BaseException) -> None:
        if asked == self._suggesting and self.patient_id is not None:
            self._suggestion_task = None
            self.activities.show_suggestions([])
            self.activities.suggestion_status.setText(f"No suggestions: {error}")

    def _activities_changed(self, message: str) -> None:
        self._refresh_activities()
        self.versions.show_patient(self.store, self.patient_id)
        self.message.show_info(message)

    def add_service(self, service_id: str):
        """Add a directory service to the current patient's plan as a suggestion (the Directory tab calls this)."""
        if self.store is None or self.patient_id is None:
            self.message.show_error("Choose a patient in the Plans tab first, then add the service.")
            return None
        try:
            activity = activities.add_to_plan(self.store, self.patient_id, service_id)
        except PlanError as error:
            self.message.show_error(str(error))
            return None
        self._activities_changed(f"{activity.service_name} added to the plan.")
        self.context.show_status(f"{activity.service_name} added to the plan.")
        return activity
