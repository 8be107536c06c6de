"""Qt table models of the Plans tab: patients to pick from, goals, steps, activities, suggestions, measures."""

from __future__ import annotations

from datetime import date, timezone

from PySide6.QtCore import QModelIndex, Qt

from linkdesk.plans.outcomes import OCCASIONS
from linkdesk.plans.plan_form import GoalDraft, StepDraft
from linkdesk.plans.statuses import GOAL_STATUSES, label

from ..widgets.editable_table_model import EditableTableModel
from ..widgets.table_model import RecordTableModel, RowListModel

DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
ID_ROLE = RecordTableModel.ID_ROLE


def show_date(value) -> str:
    """Dates as people in the UK write them; text still being typed is shown as typed."""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value or ""


def long_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


class PatientListModel(RowListModel):
    """The caseload rows to pick a patient from: name, date of birth and NHS number on one line."""

    def row(self, number: int):
        return self.row_at(number)

    def row_of(self, patient_id: int) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.patient_id == patient_id), None)

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == DISPLAY:
            return f"{row.display_name} ({long_date(row.date_of_birth)})"
        if role == Qt.ItemDataRole.ToolTipRole:
            nhs = f", NHS number {row.nhs_number}" if row.nhs_number else ""
            return f"{row.display_name}, born {long_date(row.date_of_birth)}{nhs}, {row.postcode}"
        if role == ID_ROLE:
            return row.patient_id
        return None


class GoalTableModel(EditableTableModel):
    """The goals of the draft being edited; description and target date are edited in place."""

    DESCRIPTION, TARGET, STATUS = range(3)
    HEADERS = ("Goal", "Target date", "Status")

    @property
    def goals(self) -> list[GoalDraft]:
        return self._rows

    def set_goals(self, goals: list[GoalDraft]) -> None:
        self.set_rows(goals)

    def add_goal(self) -> int:
        return self.append_row(GoalDraft())

    def remove_goal(self, row: int) -> None:
        self.remove_row(row)

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid() or role not in (DISPLAY, EDIT):
            return None
        goal = self.goals[index.row()]
        if index.column() == self.DESCRIPTION:
            return goal.description
        if index.column() == self.TARGET:
            return show_date(goal.target_on)
        return goal.status if role == EDIT else label(GOAL_STATUSES, goal.status)

    def setData(self, index: QModelIndex, value, role=EDIT) -> bool:
        if not index.isValid() or role != EDIT:
            return False
        goal = self.goals[index.row()]
        attribute = ("description", "target_on", "status")[index.column()]
        if getattr(goal, attribute) == value or (attribute == "target_on" and show_date(goal.target_on) == value):
            return False
        setattr(goal, attribute, value)
        return self.cell_edited(index)


class StepTableModel(EditableTableModel):
    """The steps of one goal (the goal's own list): what, who, by when, done; all edited in place."""

    WHAT, WHO, BY_WHEN, DONE = range(4)
    HEADERS = ("Step: what", "Who", "By when", "Done")

    @property
    def steps(self) -> list[StepDraft]:
        return self._rows

    def set_steps(self, steps: list[StepDraft]) -> None:
        self.set_rows(steps)

    def add_step(self) -> int:
        return self.append_row(StepDraft())

    def remove_step(self, row: int) -> None:
        self.remove_row(row)

    def flags(self, index):
        flags = super().flags(index)
        if index.column() == self.DONE:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        step = self.steps[index.row()]
        if index.column() == self.DONE:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked
            return None
        if role in (DISPLAY, EDIT):
            return (step.what, step.who, show_date(step.by_when))[index.column()]
        return None

    def setData(self, index: QModelIndex, value, role=EDIT) -> bool:
        if not index.isValid():
            return False
        step = self.steps[index.row()]
        if index.column() == self.DONE and role == Qt.ItemDataRole.CheckStateRole:
            step.done = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == EDIT and index.column() != self.DONE:
            setattr(step, ("what", "who", "by_when")[index.column()], value)
        else:
            return False
        return self.cell_edited(index)


class ActivityTableModel(RecordTableModel):
    SERVICE, STATUS, SINCE, REFERRED, NOTE = range(5)
    HEADERS = ("Activity", "Status", "Since", "Referred on", "Reason or notes")

    def display(self, activity, column: int) -> str:
        if column == self.SERVICE:
            return activity.service_name
        if column == self.STATUS:
            return activity.status.capitalize()  # the short word; the status dialog explains each
        if column == self.SINCE:
            return long_date(activity.status_on)
        if column == self.REFERRED:
            return long_date(activity.referred_on)
        return activity.reason or activity.notes

    def tooltip(self, activity, column: int):
        return activity.organisation or None


class SuggestionTableModel(RecordTableModel):
    NAME, WHY, WHEN, COST = range(4)
    HEADERS = ("Service", "Why it fits", "When", "Cost")

    def display(self, fit, column: int) -> str:
        return (fit.name, fit.explanation, fit.next_session, fit.cost)[column]

    def tooltip(self, fit, column: int):
        lines = [f"{fit.name} ({fit.organisation})" if fit.organisation else fit.name, fit.next_session, fit.cost,
                 f"Fit score {fit.score}: {fit.explanation}"]
        return "\n".join(line for line in lines if line)

    def record_id(self, fit):
        return fit.service_id


class MeasureHistoryModel(RecordTableModel):
    """One row per completed measure: date, occasion, then each item's score and band."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.measure = None

    def set_history(self, measure, results) -> None:
        self.measure = measure
        self.HEADERS = ("Date", "Occasion") + tuple(item.label for item in measure.items)
        self.set_rows(results)

    def display(self, result, column: int) -> str:
        if column == 0:
            return long_date(result.recorded_on)
        if column == 1:
            return dict(OCCASIONS).get(result.occasion, result.occasion)
        item = self.measure.items[column - 2]
        score = result.scores.get(item.code)
        if score is None:
            return "Not answered"
        band = result.bands.get(item.code)
        return f"{score} ({band.lower()})" if band else str(score)


class VersionListModel(RecordTableModel):
    NUMBER, KIND, WHEN, BY = range(4)
    HEADERS = ("Version", "Kind", "When", "By")

    def display(self, version, column: int) -> str:
        if column == self.NUMBER:
            return str(version.number)
        if column == self.KIND:
            kind = version.kind.capitalize()
            return f"{kind} ({version.note})" if version.note else kind
        if column == self.WHEN:
            # Stored in UTC; shown in this laptop's local time.
            return version.at.replace(tzinfo=timezone.utc).astimezone().strftime("%d %b %Y %H:%M")
        return version.by
