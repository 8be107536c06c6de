"""The editable part of a plan: what matters, strengths, barriers, preferences, review date, goals and steps.

It edits a `PlanDraft` and says `changed` on every keystroke; the tab decides when to save.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkdesk.directory.categories import ACCESS_NAMES
from linkdesk.directory.schedule import DAY_CODES, DAY_NAMES
from linkdesk.plans.fit import ACCESS_WORDS
from linkdesk.plans.plan_form import PERIODS, PlanDraft
from linkdesk.plans.snapshots import BARRIERS
from linkdesk.plans.statuses import GOAL_STATUSES

from .table_models import GoalTableModel, StepTableModel, show_date


def text_box(accessible_name: str, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other form field
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class TrackingDelegate(QStyledItemDelegate):
    """Remembers the editor it has open, so typing not yet committed can be saved or parked on lock."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.open_editor: QWidget | None = None
        # Return, Escape or leaving the cell closes the editor through this signal.
        self.closeEditor.connect(self._closed)

    def _closed(self, editor, _hint=None) -> None:
        if editor is self.open_editor:
            self.open_editor = None

    def createEditor(self, parent, option, index):
        editor = self.make_editor(parent, option, index)
        self.open_editor = editor
        editor.destroyed.connect(lambda *_: setattr(self, "open_editor", None))
        return editor

    def make_editor(self, parent, option, index):
        return super().createEditor(parent, option, index)

    def destroyEditor(self, editor, index):
        if editor is self.open_editor:
            self.open_editor = None
        super().destroyEditor(editor, index)


class ChoiceDelegate(TrackingDelegate):
    """Edits a code column with a list of (code, label) choices."""

    def __init__(self, choices, parent=None):
        super().__init__(parent)
        self.choices = choices

    def make_editor(self, parent, option, index):
        combo = QComboBox(parent)
        for code, text in self.choices:
            combo.addItem(text, code)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _table(model, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class PlanEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self.what_matters = text_box("What matters to me", "In the patient's own words", lines=4)
        self.strengths = text_box("Strengths", "What the patient is good at, who and what helps them", lines=2)
        self.barriers = {key: QLineEdit() for key, _ in BARRIERS}
        self.review = QLineEdit()
        self.review.setPlaceholderText("day/month/year")
        self.review.setAccessibleName("Next review date")
        self.days = {code: QCheckBox(name[:3]) for code, name in zip(DAY_CODES, DAY_NAMES)}
        self.times = {period: QCheckBox(period.capitalize()) for period in PERIODS}
        self.access = {name: QCheckBox(ACCESS_WORDS[name]) for name in ACCESS_NAMES}

        about = QGroupBox("About the patient")
        form = QFormLayout(about)
        # Labels above the boxes, so the patient's words get the whole width.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("&What matters to me:", self.what_matters)
        form.addRow("&Strengths:", self.strengths)
        barriers = QGroupBox("Barriers and the support for them")
        barrier_form = QFormLayout(barriers)
        for key, name in BARRIERS:
            self.barriers[key].setAccessibleName(f"Barrier: {name}")
            self.barriers[key].setPlaceholderText("What gets in the way, and what will help")
            barrier_form.addRow(f"{name}:", self.barriers[key])
        preferences = QGroupBox("Preferences for activities (used to rank suggestions)")
        grid = QGridLayout(preferences)
        days_row, times_row = QHBoxLayout(), QHBoxLayout()
        for code, box in self.days.items():
            box.setAccessibleName(f"Prefers {DAY_NAMES[DAY_CODES.index(code)]}")
            days_row.addWidget(box)
        for box in self.times.values():
            times_row.addWidget(box)
        days_row.addStretch(1)
        times_row.addStretch(1)
        grid.addWidget(QLabel("Days:"), 0, 0)
        grid.addLayout(days_row, 0, 1, 1, 2)
        grid.addWidget(QLabel("Times:"), 1, 0)
        grid.addLayout(times_row, 1, 1, 1, 2)
        grid.addWidget(QLabel("Needs:"), 2, 0, Qt.AlignmentFlag.AlignTop)
        for number, box in enumerate(self.access.values()):
            grid.addWidget(box, 2 + number // 2, 1 + number % 2)
        grid.setColumnStretch(2, 1)
        review_row = QHBoxLayout()
        review_label = QLabel("Next &review date:")
        review_label.setBuddy(self.review)
        review_row.addWidget(review_label)
        review_row.addWidget(self.review)
        review_row.addStretch(1)

        self.goal_model = GoalTableModel(self)
        self.goal_table = _table(self.goal_model, "Goals")
        self.delegates = [TrackingDelegate(self), ChoiceDelegate(GOAL_STATUSES, self), TrackingDelegate(self)]
        self.goal_table.setItemDelegate(self.delegates[0])
        self.goal_table.setItemDelegateForColumn(GoalTableModel.STATUS, self.delegates[1])
        self.step_model = StepTableModel(self)
        self.step_table = _table(self.step_model, "Steps of the selected goal")
        self.step_table.setItemDelegate(self.delegates[2])
        self.add_goal_button = QPushButton("Add &goal")
        self.remove_goal_button = QPushButton("Remove goal")
        self.add_step_button = QPushButton("Add s&tep")
        self.remove_step_button = QPushButton("Remove step")
        goals = QGroupBox("Goals and steps (double-click or start typing to edit)")
        goal_layout = QVBoxLayout(goals)
        goal_buttons = QHBoxLayout()
        for button in (self.add_goal_button, self.remove_goal_button, self.add_step_button, self.remove_step_button):
            goal_buttons.addWidget(button)
        goal_buttons.addStretch(1)
        goal_layout.addWidget(self.goal_table, 3)
        goal_layout.addWidget(self.step_table, 2)
        goal_layout.addLayout(goal_buttons)

        left = QVBoxLayout()
        left.addWidget(about, 1)
        left.addWidget(barriers)
        left.addLayout(review_row)
        right = QVBoxLayout()
        right.addWidget(goals, 1)
        right.addWidget(preferences)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

        for box in (self.what_matters, self.strengths):
            box.textChanged.connect(self._edited)
        for field in list(self.barriers.values()) + [self.review]:
            field.textEdited.connect(self._edited)
        for box in list(self.days.values()) + list(self.times.values()) + list(self.access.values()):
            box.toggled.connect(self._edited)
        self.goal_model.edited.connect(self._edited)
        self.step_model.edited.connect(self._edited)
        self.goal_table.selectionModel().currentRowChanged.connect(self._goal_selected)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.remove_goal_button.clicked.connect(self.remove_goal)
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button.clicked.connect(self.remove_step)
        self._goal_selected()

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    # -- the draft -----------------------------------------------------------------------

    def commit_open_edits(self) -> None:
        """Put text still in a cell editor into the draft (before saving, locking or loading another)."""
        for delegate, table in zip(self.delegates, (self.goal_table, self.goal_table, self.step_table)):
            editor = delegate.open_editor
            if editor is not None:
                table.commitData(editor)
                table.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)
                delegate.open_editor = None

    def set_draft(self, draft: PlanDraft | None) -> None:
        """Show a draft (None clears every field); loading it is not an edit."""
        self.commit_open_edits()  # closes any cell editor before its model is replaced
        self._loading = True
        try:
            draft = draft or PlanDraft()
            self.what_matters.setPlainText(draft.what_matters)
            self.strengths.setPlainText(draft.strengths)
            for key, field in self.barriers.items():
                field.setText(draft.barriers.get(key, ""))
            self.review.setText(show_date(draft.next_review_on))
            for code, box in self.days.items():
                box.setChecked(code in draft.preferred_days)
            for code, box in self.times.items():
                box.setChecked(code in draft.preferred_times)
            for code, box in self.access.items():
                box.setChecked(code in draft.access_needs)
            self.goal_model.set_goals(list(draft.goals))
            self.step_model.set_steps([])
            if draft.goals:
                self._select(self.goal_table, 0)
            self._goal_selected()
        finally:
            self._loading = False

    def draft(self) -> PlanDraft:
        self.commit_open_edits()
        return PlanDraft(
            self.what_matters.toPlainText(), self.strengths.toPlainText(),
            {key: field.text() for key, field in self.barriers.items() if field.text()},
            [code for code, box in self.days.items() if box.isChecked()],
            [code for code, box in self.times.items() if box.isChecked()],
            [code for code, box in self.access.items() if box.isChecked()],
            self.review.text(), list(self.goal_model.goals))

    # -- goals and steps -----------------------------------------------------------------

    def _current_goal_row(self) -> int | None:
        index = self.goal_table.selectionModel().currentIndex()
        return index.row() if index.isValid() else None

    def _goal_selected(self, *_args) -> None:
        row = self._current_goal_row()
        self.step_model.set_steps(self.goal_model.goals[row].steps if row is not None else [])
        for button in (self.remove_goal_button, self.add_step_button):
            button.setEnabled(row is not None)
        self.remove_step_button.setEnabled(row is not None)

    def _select(self, table, row: int) -> None:
        table.selectionModel().setCurrentIndex(
            table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def add_goal(self) -> None:
        self.commit_open_edits()
        row = self.goal_model.add_goal()
        self.goal_table.setFocus()
        self._select(self.goal_table, row)
        self.goal_table.edit(self.goal_model.index(row, GoalTableModel.DESCRIPTION))

    def remove_goal(self) -> None:
        row = self._current_goal_row()
        if row is not None:
            self.goal_model.remove_goal(row)
            self._goal_selected()

    def add_step(self) -> None:
        if self._current_goal_row() is None:
            return
        self.commit_open_edits()
        row = self.step_model.add_step()
        self.step_table.setFocus()
        self._select(self.step_table, row)
        self.step_table.edit(self.step_model.index(row, StepTableModel.WHAT))

    def remove_step(self) -> None:
        index = self.step_table.selectionModel().currentIndex()
        if index.isValid():
            self.step_model.remove_step(index.row())
