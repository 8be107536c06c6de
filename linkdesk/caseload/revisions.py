"""Rectification keeps history: each correction to a patient's details, field by field, and reading it back.

`update_patient` writes one row per changed field in its own transaction, holding the old
and new values as a person reads them (codes in words, dates as ISO text), so the history
still reads right if a practice is later renamed or removed. The rows go with the patient
on erasure (ON DELETE CASCADE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkdesk.store import audit
from linkdesk.store.base import utc_now

from . import vocabulary
from .errors import NotFound
from .models import Patient, PatientRevision, Practice
from .nhs_number import format_nhs_number
from .patient_form import LABELS, PatientDetails

@dataclass(frozen=True)
class Revision:
    changed_at: datetime  # UTC, naive, as every stored timestamp
    field: str  # the label people know the field by: "Address line 1", "Preferred name"
    old: str  # "" when it was blank
    new: str
    changed_by: str


def display_text(session: Session, field: str, value) -> str:
    """A patient detail as people read it: words for codes, Yes/No, ISO dates, NHS number 3-3-4."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    if field == "communication_needs":
        return ", ".join(vocabulary.label(vocabulary.AIS_NEEDS, code) for code in sorted(value))
    if field == "nhs_number":
        return format_nhs_number(value)
    if field == "practice_id":
        practice = session.get(Practice, value)
        return f"practice {value}" if practice is None else f"{practice.name} ({practice.ods_code})"
    if field in vocabulary.CODED_PATIENT_FIELDS:
        return vocabulary.label(vocabulary.CODED_PATIENT_FIELDS[field], value)
    return str(value)


def record_revisions(session: Session, patient_id: int, before: PatientDetails, after: PatientDetails,
                     changed: list[str]) -> None:
    """Add one revision per changed field to the caller's transaction (the update that made the change)."""
    now, actor = utc_now(), session.info.get("actor", "unknown")
    for field in changed:
        session.add(PatientRevision(patient_id=patient_id, changed_at=now, field=field, changed_by=actor,
                                    old_value=display_text(session, field, getattr(before, field)),
                                    new_value=display_text(session, field, getattr(after, field))))


def history_in(session: Session, patient_id: int, newest_first: bool = True) -> list[Revision]:
    """The revisions in the caller's session (the subject access export reads them with the rest).

    The fields of one save share its moment and keep the form's order either way.
    """
    moment = PatientRevision.changed_at.desc() if newest_first else PatientRevision.changed_at
    query = (select(PatientRevision).where(PatientRevision.patient_id == patient_id)
             .order_by(moment, PatientRevision.id))
    return [Revision(row.changed_at, LABELS.get(row.field, row.field), row.old_value, row.new_value, row.changed_by)
            for row in session.scalars(query)]


def revision_history(store, patient_id: int) -> list[Revision]:
    """Every correction to the patient's details, newest first; audited as a view. NotFound if no such patient."""
    with store.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound("patient", patient_id)
        history = history_in(session, patient_id)
        count = f"{len(history)} change{'' if len(history) == 1 else 's'}"
        audit.record(session, "view", "patient", patient_id, f"history of changes ({count})")
    return history
