"""What a report is computed from: plain records read from the store, the period and the filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import BadPeriod


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise BadPeriod(self.start, self.end)

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class ReportFilter:
    """Empty means everyone; practice by ODS code, PCN by name (any case), link worker by id."""

    practice: str = ""
    pcn: str = ""
    link_worker_id: int | None = None
    link_worker_name: str = ""  # filled in by make_report, so a report names the worker, not an id

    def matches(self, referral: ReferralRecord) -> bool:
        if self.practice and referral.ods_code.upper() != self.practice.strip().upper():
            return False
        if self.pcn and referral.pcn.casefold() != " ".join(self.pcn.split()).casefold():
            return False
        return self.link_worker_id is None or referral.link_worker_id == self.link_worker_id

    def describe(self) -> str:
        parts = []
        if self.practice:
            parts.append(f"practice {self.practice.upper()}")
        if self.pcn:
            parts.append(f"PCN {self.pcn}")
        if self.link_worker_id is not None:
            parts.append(f"link worker {self.link_worker_name or self.link_worker_id}")
        return ", ".join(parts) or "all practices and link workers"


@dataclass(frozen=True)
class ReferralRecord:
    id: int
    patient_id: int
    received_on: date
    source: str
    needs: frozenset[str] = frozenset()
    practice: str = ""  # the practice's name; empty when the patient has none
    ods_code: str = ""
    pcn: str = ""
    link_worker_id: int | None = None
    status: str = "received"
    # (date, new status) in the order they happened, starting with "received".
    changes: tuple[tuple[date, str], ...] = ()
    # The days the patient was actually reached (contacts they did not attend are left out).
    contact_days: tuple[date, ...] = ()


@dataclass(frozen=True)
class PatientRecord:
    id: int
    date_of_birth: date
    ethnic_category: str = ""
    sex: str = ""
    gender_identity: str = ""


@dataclass(frozen=True)
class ActivityRecord:
    patient_id: int
    service_id: str
    service_name: str
    categories: tuple[str, ...] = ()  # the directory's category labels; empty if not in the directory
    signposted_on: date | None = None
    referred_on: date | None = None
    attending_from: date | None = None

    @property
    def agreed_on(self) -> date | None:
        """The first day it was more than a suggestion: signposted, referred or attending."""
        days = [day for day in (self.signposted_on, self.referred_on, self.attending_from) if day is not None]
        return min(days) if days else None


@dataclass(frozen=True)
class MeasureRow:
    patient_id: int
    occasion: str  # baseline, review, discharge
    recorded_on: date
    scores: dict = field(default_factory=dict)  # ONS4 item code -> score or None
