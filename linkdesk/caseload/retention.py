"""Retention: which closed records are due for review under the organisation's rule; it deletes nothing.

A patient is due when every referral of theirs is closed (discharged, declined or unable
to contact) and the last one closed more than N years ago, N being the store's setting
(8 by default). Someone with no referral at all is due N years after their record was made.
Removing a record is a separate, confirmed action (erasure.erase_patient).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from linkdesk.store import audit
from linkdesk.store.settings import AppSetting

from . import referral_rules
from .errors import CaseloadError
from .models import Patient

RETENTION_YEARS = "retention_years"
DEFAULT_YEARS = 8
LONGEST_YEARS = 100


class RetentionError(CaseloadError):
    """A retention setting that makes no sense; the message says what is allowed."""


@dataclass(frozen=True)
class DueRecord:
    patient_id: int
    name: str
    outcome: str  # how the last referral ended: "Discharged", "Declined"...; "No referral"
    closed_on: date


@dataclass(frozen=True)
class RetentionReview:
    years: int
    cutoff: date  # records closed before this day are due
    records: tuple[DueRecord, ...]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def check_years(years) -> int:
    try:
        number = int(str(years).strip())
    except ValueError:
        raise RetentionError(f"The retention period must be a whole number of years, not {years!r}.") from None
    if not 1 <= number <= LONGEST_YEARS:
        raise RetentionError(f"The retention period must be from 1 to {LONGEST_YEARS} years.")
    return number


def retention_years(store) -> int:
    """The store's setting; a missing or damaged value means the default."""
    with store.session() as session:
        row = session.get(AppSetting, RETENTION_YEARS)
    try:
        return check_years(row.value) if row is not None else DEFAULT_YEARS
    except RetentionError:
        return DEFAULT_YEARS


def set_retention_years(store, years) -> int:
    number = check_years(years)
    with store.session() as session:
        session.merge(AppSetting(key=RETENTION_YEARS, value=str(number)))
        audit.record(session, "update", "setting", RETENTION_YEARS, f"retention period set to {number} years")
    return number


def _closed(patient: Patient) -> tuple[str, date] | None:
    """How and when the patient's involvement ended, or None if a referral is still open."""
    if not patient.referrals:
        return "No referral", patient.created_at.date()
    if any(referral.status in referral_rules.OPEN_STATUSES for referral in patient.referrals):
        return None
    last = max(patient.referrals, key=lambda referral: (referral.status_changed_on, referral.id))
    return referral_rules.status_label(last.status), last.status_changed_on


def due_for_review(store, years: int | None = None, today: date | None = None) -> RetentionReview:
    """Closed records past the retention period, oldest first. Listing them is audited; nothing is removed."""
    years = check_years(years) if years is not None else retention_years(store)
    cutoff = years_before(today or date.today(), years)
    due = []
    with store.session() as session:
        for patient in session.scalars(select(Patient).options(selectinload(Patient.referrals))):
            closed = _closed(patient)
            if closed is not None and closed[1] < cutoff:
                due.append(DueRecord(patient.id, patient.display_name, closed[0], closed[1]))
        audit.record(session, "view", "patient", None, f"retention review: {len(due)} records over {years} years")
    return RetentionReview(years, cutoff, tuple(sorted(due, key=lambda record: (record.closed_on, record.patient_id))))
