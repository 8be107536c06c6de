"""Agreed activities (with status changes) and the suggestions ranked by fit, side by side."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkdesk.plans import activities
from linkdesk.plans.errors import PlanError
from linkdesk.plans.statuses import ALLOWED, ACTIVITY_STATUSES, ENDED, REFERRED, SIGNPOSTED, STOPPED, label

from ..dialog_drafts import DraftDialog, choose_data
from ..widgets import heading, message_label
from .table_models import ActivityTableModel, SuggestionTableModel

HELP = {
    SIGNPOSTED: "Signposted: the patient was given the details and will get in touch themselves.",
    REFERRED: "Referred: you contacted the provider for the patient. Give the date the referral was made.",
    STOPPED: "Stopped: say why the patient stopped going.",
}


def read_only_table(model, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class StatusDialog(DraftDialog):
    """Move one activity on: only the statuses allowed from where it is, with the date and reason each needs."""

    draft_kind = "activity_status"

    def __init__(self, store, activity, parent=None, patient_id: int | None = None):
        super().__init__(parent)
        self.store, self.activity, self.patient_id = store, activity, patient_id
        self.setWindowTitle(f"Change status: {activity.service_name}")
        self.status = QComboBox()
        self.status.setAccessibleName("New status")
        for code in ALLOWED[activity.status]:
            self.status.addItem(label(ACTIVITY_STATUSES, code), code)
        self.on = QLineEdit(date.today().strftime("%d/%m/%Y"))
        self.on.setAccessibleName("Date")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.message = message_label()
        form = QFormLayout()
        form.addRow(f"Now: {label(ACTIVITY_STATUSES, activity.status).lower()}. New &status:", self.status)
        form.addRow("&Date:", self.on)
        form.addRow("&Reason:", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.discard)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()

    def _status_changed(self, *_args) -> None:
        code = self.status.currentData()
        self.reason.setEnabled(code in ENDED)
        self.help.setText(HELP.get(code, ""))

    def snapshot(self) -> dict:
        return {"kind": self.draft_kind, "patient_id": self.patient_id, "activity_id": self.activity.id,
                "fields": {"status": self.status.currentData(), "on": self.on.text(), "reason": self.reason.text()}}

    def restore(self, snapshot: dict) -> None:
        fields = snapshot.get("fields", {})
        choose_data(self.status, fields.get("status"))
        self.on.setText(fields.get("on", ""))
        self.reason.setText(fields.get("reason", ""))

    def save(self) -> None:
        try:
            activities.change_activity_status(self.store, self.activity.id, self.status.currentData(),
                                              self.on.text(), self.reason.text())
        except PlanError as error:
            self.message.show_error(str(error))
            return
        self.accept()


class ActivitiesPanel(QWidget):
    """The plan's activities on the left, suggestions on the right. Emits `add_requested(service_id)`."""

    add_requested = Signal(str)
    changed = Signal(str)  # a message to show after a change

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.patient_id: int | None = None  # whose plan, named in a status change parked by the lock
        self.model = ActivityTableModel(self)
        self.table = read_only_table(self.model, "Agreed activities")
        self.status_button = QPushButton("Change &status…")
        self.remove_button = QPushButton("Remove suggestion")
        self.suggestion_model = SuggestionTableModel(self)
        self.suggestion_table = read_only_table(self.suggestion_model, "Suggested services, best fit first")
        # The reasons are what matters here: they get the width and wrap; when and cost are in the tooltip.
        header = self.suggestion_table.horizontalHeader()
        header.setSectionResizeMode(SuggestionTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SuggestionTableModel.WHY, QHeaderView.ResizeMode.Stretch)
        self.suggestion_table.setColumnWidth(SuggestionTableModel.NAME, self.fontMetrics().horizontalAdvance("x" * 26))
        for column in (SuggestionTableModel.WHEN, SuggestionTableModel.COST):
            self.suggestion_table.setColumnHidden(column, True)
        self.suggestion_table.setWordWrap(True)
        self.suggestion_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton("&Add to plan")
        self.add_button.setAccessibleName("Add the selected suggestion to the plan")
        self.message = message_label()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading("Agreed activities", 1.15))
        left_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.status_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(heading("Suggestions by fit", 1.15))
        explain = QLabel("Ranked by the referral's needs, language, accessibility needs, preferred days and times, "
                         "cost and distance. Add services from the Directory tab too.")
        explain.setWordWrap(True)
        right_layout.addWidget(explain)
        self.suggestion_status = QLabel()  # "Finding suggestions…" while the directory is ranked
        self.suggestion_status.setAccessibleName("Suggestions")
        right_layout.addWidget(self.suggestion_status)
        right_layout.addWidget(self.suggestion_table, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        right_layout.addLayout(add_row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.status_button.clicked.connect(self.change_status)
        self.remove_button.clicked.connect(self.remove_suggestion)
        self.add_button.clicked.connect(self.add_selected_suggestion)
        self.suggestion_table.doubleClicked.connect(self.add_selected_suggestion)
        self.table.doubleClicked.connect(self.change_status)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.suggestion_table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_plan(self, store, plan_activities, patient_id: int | None = None) -> None:
        self.store, self.patient_id = store, patient_id
        self.model.set_rows(plan_activities)
        if plan_activities:
            self.table.selectRow(0)
        self._update_buttons()

    def show_suggestions(self, fits) -> None:
        """The ranked services, or None while they are being worked out."""
        self.suggestion_model.set_rows(fits or [])
        if fits:
            self.suggestion_table.selectRow(0)
        self.suggestion_status.setText("Finding suggestions…" if fits is None
                                       else "" if fits else "No suggestions: add services from the Directory tab.")
        self.suggestion_status.setVisible(not fits)
        self._update_buttons()

    def clear(self) -> None:
        self.store = self.patient_id = None
        self.model.set_rows([])
        self.suggestion_model.set_rows([])
        self.suggestion_status.clear()
        self.message.clear()
        self._update_buttons()

    def _selected(self, table, model):
        index = table.selectionModel().currentIndex()
        return model.row(index.row()) if index.isValid() and index.row() < model.rowCount() else None

    def selected_activity(self):
        return self._selected(self.table, self.model)

    def _update_buttons(self, *_args) -> None:
        activity = self.selected_activity()
        self.status_button.setEnabled(activity is not None and bool(ALLOWED.get(activity.status)))
        self.remove_button.setEnabled(activity is not None and activity.status == "suggested")
        self.add_button.setEnabled(self._selected(self.suggestion_table, self.suggestion_model) is not None)

    def add_selected_suggestion(self, *_args) -> None:
        fit = self._selected(self.suggestion_table, self.suggestion_model)
        if fit is not None:
            self.add_requested.emit(fit.service_id)

    def change_status(self, *_args) -> StatusDialog | None:
        activity = self.selected_activity()
        if activity is None or self.store is None or not ALLOWED.get(activity.status):
            return None
        dialog = StatusDialog(self.store, activity, self, self.patient_id)
        dialog.accepted.connect(lambda: self.changed.emit(f"{activity.service_name}: status changed."))
        dialog.open()
        return dialog

    def reopen_status(self, snapshot: dict) -> StatusDialog | None:
        """Reopen a status change the lock closed, filled in; None if its activity is gone or cannot move now."""
        row = next((number for number, activity in enumerate(self.model.rows())
                    if activity.id == snapshot.get("activity_id")), None)
        if row is None:
            return None
        self.table.selectRow(row)
        dialog = self.change_status()
        if dialog is not None:
            dialog.restore(snapshot)
        return dialog

    def remove_suggestion(self) -> None:
        activity = self.selected_activity()
        if activity is None:
            return
        try:
            activities.remove_activity(self.store, activity.id)
        except PlanError as error:
            self.message.show_error(str(error))
            return
        self.changed.emit(f"{activity.service_name} removed from the plan.")
