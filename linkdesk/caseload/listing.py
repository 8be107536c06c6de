"""The caseload list and the "today" list: lightweight rows for the Patients tab, one query each.

The rows carry a prepared search key so the tab's proxy model can filter 100,000 of them
as you type with `matches()`, without going back to the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import String, and_, or_, select, type_coerce

from linkdesk.store import settings

from . import referral_rules
from .dates import add_working_days
from .models import LinkWorker, Patient, Practice, Referral
from .nhs_number import format_nhs_number

FIRST_CONTACT_DAYS = "caseload_first_contact_working_days"
# Registered with the store's settings, whose defaults list is the one place keys are known.
settings.DEFAULTS.setdefault(FIRST_CONTACT_DAYS, "5")


def first_contact_days(store) -> int:
    """The setting "contact new referrals within N working days" (default 5)."""
    try:
        days = int(settings.read_setting(store, FIRST_CONTACT_DAYS))
    except ValueError:
        days = 5
    return max(1, min(days, 60))


def set_first_contact_days(store, days: int) -> None:
    if not 1 <= int(days) <= 60:
        raise ValueError("the number of working days must be from 1 to 60")
    settings.write_setting(store, FIRST_CONTACT_DAYS, str(int(days)))


def fold(text: str) -> str:
    """Lower case without accents, so 'wisniewska' finds 'Wiśniewska'."""
    if text.isascii():  # most names: a hundred times faster than decomposing
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class CaseloadRow(NamedTuple):
    """One patient in the caseload list (a tuple: 100,000 of them are made in one go)."""

    patient_id: int
    display_name: str
    sort_name: str  # "last first", folded: what the name column sorts by
    preferred_name: str
    nhs_number: str  # formatted 3-3-4, or empty
    date_of_birth: date
    postcode: str
    practice_id: int | None
    practice: str
    link_worker_id: int | None
    link_worker: str
    referral_id: int | None  # the latest referral
    status: str  # its status code, or "" with no referral
    status_label: str
    next_due: date | None  # first contact due (new referrals) or next contact due (open ones)
    search_key: str


def search_tokens(text: str) -> list[str]:
    """What to look for: each word typed must appear in the name, NHS number or postcode."""
    return fold(text).split()


def matches(row: CaseloadRow, tokens: list[str]) -> bool:
    key = row.search_key
    return all(token in key for token in tokens)


class CaseloadFilter:
    """Filters one list of rows as you type, returning the indices of the rows to show.

    Each search word is one pass of plain substring tests over the remaining candidates;
    when the new text only narrows the last one (another letter typed), only the rows that
    matched last time are scanned. The Patients tab shows `[rows[i] for i in matching(...)]`.
    """

    def __init__(self, rows: list[CaseloadRow]):
        self.rows = rows
        self._keys = [row.search_key for row in rows]
        # Plain lists beside the rows: an index into a list is cheaper than a tuple attribute.
        self._statuses = [row.status for row in rows]
        self._practices = [row.practice_id for row in rows]
        self._workers = [row.link_worker_id for row in rows]
        self._last_tokens: list[str] = []
        self._last_matches: list[int] | None = None

    def forget(self) -> None:
        """Start the next search from every row (after the rows were edited in place, say)."""
        self._last_tokens, self._last_matches = [], None

    def matching(self, text: str = "", status: str | None = None, practice_id: int | None = None,
                 link_worker_id: int | None = None) -> list[int]:
        tokens = search_tokens(text)
        narrows = self._last_matches is not None and all(
            any(old in new for new in tokens) for old in self._last_tokens)
        candidates = self._last_matches if narrows else range(len(self.rows))
        keys = self._keys
        for token in tokens:
            candidates = [index for index in candidates if token in keys[index]]
        candidates = list(candidates)
        self._last_tokens, self._last_matches = tokens, candidates
        for wanted, values in ((status, self._statuses), (practice_id, self._practices),
                               (link_worker_id, self._workers)):
            if wanted is not None:
                candidates = [index for index in candidates if values[index] == wanted]
        return candidates


def filter_rows(rows: list[CaseloadRow], text: str = "", status: str | None = None, practice_id: int | None = None,
                link_worker_id: int | None = None) -> list[CaseloadRow]:
    """The rows the Patients tab would show for this search box and these filters."""
    indices = CaseloadFilter(rows).matching(text, status, practice_id, link_worker_id)
    return [rows[index] for index in indices]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _next_due(status: str | None, received_on: date | None, next_contact_due: date | None, days: int) -> date | None:
    if status == referral_rules.RECEIVED and next_contact_due is None:
        return add_working_days(received_on, days)
    if status in referral_rules.OPEN_STATUSES:
        return next_contact_due
    return None


def _latest_referral_id():
    # A correlated lookup per patient on the (patient_id, received_on) index: faster here than
    # a window function over every referral, and it stays one statement.
    return (select(Referral.id).where(Referral.patient_id == Patient.id)
            .order_by(Referral.received_on.desc(), Referral.id.desc()).limit(1)
            .correlate(Patient).scalar_subquery())


def _iso(column):
    """Dates straight from the column as ISO text: date.fromisoformat is far quicker than the generic converter."""
    return type_coerce(column, String)


def list_caseload(store, working_days: int | None = None) -> list[CaseloadRow]:
    """Every patient with their latest referral, in one query, ordered by last name.

    Not audited: the list shows who is on the caseload; opening a record is the audited view.
    """
    days = working_days or first_contact_days(store)
    query = (
        select(Patient.id, Patient.first_name, Patient.last_name, Patient.preferred_name, Patient.nhs_number,
               _iso(Patient.date_of_birth), Patient.postcode, Patient.practice_id, Practice.name,
               Referral.id, Referral.status, _iso(Referral.received_on), _iso(Referral.next_contact_due),
               Referral.link_worker_id, LinkWorker.name)
        .outerjoin(Practice, Practice.id == Patient.practice_id)
        .outerjoin(Referral, Referral.id == _latest_referral_id())
        .outerjoin(LinkWorker, LinkWorker.id == Referral.link_worker_id)
    )
    labels = dict(referral_rules.STATUSES)
    rows = []
    with store.session() as session:
        result = session.execute(query)
        for (patient_id, first, last, preferred, nhs, born, postcode, practice_id, practice, referral_id, status,
             received_on, next_contact_due, worker_id, worker) in result:
            folded_name = fold(f"{first} {last} {preferred}")
            rows.append(CaseloadRow(
                patient_id, f"{first} {last}", fold(f"{last} {first}"), preferred, format_nhs_number(nhs),
                _date(born), postcode, practice_id, practice or "", worker_id, worker or "", referral_id,
                status or "", labels.get(status, ""),
                _next_due(status, _date(received_on), _date(next_contact_due), days),
                f"{folded_name} {nhs or ''} {postcode.replace(' ', '').lower()}",
            ))
    rows.sort(key=lambda row: row.sort_name)
    return rows


# -- today --------------------------------------------------------------------------------

FIRST_CONTACT = "first contact"
FOLLOW_UP = "follow-up"


@dataclass(frozen=True, slots=True)
class TodayItem:
    kind: str  # FIRST_CONTACT (a new referral not yet contacted) or FOLLOW_UP (a contact due)
    patient_id: int
    display_name: str
    nhs_number: str
    referral_id: int
    due: date
    days_overdue: int  # calendar days; 0 means due today

    @property
    def description(self) -> str:
        if self.days_overdue == 0:
            when = "due today"
        else:
            when = f"{self.days_overdue} day{'s' if self.days_overdue != 1 else ''} overdue"
        what = "Make first contact" if self.kind == FIRST_CONTACT else "Contact due"
        return f"{what} ({when})"


def today_list(store, today: date | None = None, working_days: int | None = None) -> list[TodayItem]:
    """New referrals not contacted within N working days, and contacts due or overdue; most overdue first."""
    today = today or date.today()
    days = working_days or first_contact_days(store)
    query = (
        select(Referral.id, Referral.status, Referral.received_on, Referral.next_contact_due, Patient.id,
               Patient.first_name, Patient.last_name, Patient.nhs_number)
        .join(Patient, Patient.id == Referral.patient_id)
        .where(or_(Referral.status == referral_rules.RECEIVED,
                   and_(Referral.status.in_(referral_rules.OPEN_STATUSES), Referral.next_contact_due <= today)))
    )
    items = []
    with store.session() as session:
        for referral_id, status, received_on, next_due, patient_id, first, last, nhs in session.execute(query):
            if status == referral_rules.RECEIVED and next_due is None:
                kind, due = FIRST_CONTACT, add_working_days(received_on, days)
            else:
                kind, due = FOLLOW_UP, next_due
            if due <= today:
                items.append(TodayItem(kind, patient_id, f"{first} {last}", format_nhs_number(nhs), referral_id,
                                       due, (today - due).days))
    items.sort(key=lambda item: (item.due, item.display_name))
    return items
