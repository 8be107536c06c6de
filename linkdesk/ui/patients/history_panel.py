"""Changes to this record: every correction to the patient's details, newest first, with what it was before."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from linkdesk.caseload.revisions import Revision, revision_history

from .referral_dialogs import day_text
from ..widgets.table_model import RecordTableModel
from .tables import record_table


def local_time_text(utc: datetime) -> str:
    """Stored timestamps are naive UTC; people read their own clock."""
    local = utc.replace(tzinfo=timezone.utc).astimezone()
    return f"{day_text(local.date())} {local:%H:%M}"


class RevisionTableModel(RecordTableModel):
    WHEN, FIELD, WAS, NOW, BY = range(5)
    HEADERS = ("When", "Field", "Was", "Now", "By")

    def record_id(self, revision: Revision):
        return None  # revisions are read, never chosen

    def display(self, revision: Revision, column: int) -> str:
        if column == self.WHEN:
            return local_time_text(revision.changed_at)
        value = (revision.field, revision.old, revision.new, revision.changed_by)[column - 1]
        return " ".join(value.split()) if value else ("(blank)" if column in (self.WAS, self.NOW) else "")

    def tooltip(self, revision: Revision, column: int) -> str | None:
        return (revision.old if column == self.WAS else revision.new if column == self.NOW else None) or None

    def sort_value(self, revision: Revision, column: int):
        if column == self.WHEN:
            return revision.changed_at.isoformat()
        return super().sort_value(revision, column)


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = RevisionTableModel(self)
        self.table = record_table(self.model, "Changes to this record, newest first", RevisionTableModel.NOW)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_patient(self, store, patient_id: int) -> None:
        """Raises CaseloadError (NotFound) if the patient has gone; reading the history is audited as a view."""
        revisions = revision_history(store, patient_id)
        self.model.set_rows(revisions)
        self.summary.setText("Corrections keep what the detail was before, and who changed it." if revisions else
                             "No corrections yet: the details are as first recorded.")

    def clear(self) -> None:
        self.model.set_rows([])
        self.summary.clear()
