"""Erasure: a deliberate, recorded removal of everything held about one patient, for good.

The patient row goes, and with it (ON DELETE CASCADE) their referrals, status history,
contacts, plan, goals, steps, agreed activities, plan versions, measures, stories and the
history of corrections to their details; unsaved edits about them that the app parked
while locked are deleted in the same transaction. SQLCipher
runs with secure_delete, so the freed space is overwritten with zeros; a TRUNCATE
checkpoint then copies those pages into the database file and empties the write-ahead
log, which would otherwise still hold the old pages. The audit rows about the patient
stay (they name ids, fields and counts only), and one more records the erasure and why;
a reason giving the patient's name, NHS number or date of birth is refused, as it would stay too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from linkdesk.plans.models import AgreedActivity, MeasureRecord, Plan, PlanVersion
from linkdesk.store import audit
from linkdesk.store.drafts import drop_drafts_where, names_patient

from .errors import CaseloadError, NotFound
from .models import Patient, PatientContact, Referral

LONGEST_REASON = 500


class ErasureRefused(CaseloadError):
    """The erasure was not done; the message says why."""


class ReasonIdentifiesPatient(ErasureRefused):
    """The reason would keep the patient's name, NHS number or date of birth in the audit log for good."""

    def __init__(self, what: str, found: str):
        # `found` is what the user typed, shown back so a name that is also a word ("May") makes sense.
        super().__init__(f"The reason gives the patient's {what} (“{found}”). It is kept in the audit log for "
                         "good, so say why without naming the person (for example: the patient asked, under the "
                         "right to erasure). Nothing was erased.")
        self.what = what


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


# Short words that are also names ("He", "Do", "An") or name particles ("de la Cruz", "van der Berg"):
# looked for only within a whole name ("Ann He"), or "He asked" would be refused.
COMMON_WORDS = frozenset("am an as at be by do go he if in is it me my no of on or so to up us we".split())
PARTICLES = frozenset("al bin da das de del della den der di do dos du el ibn la le van von".split())
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def _plain(text: str) -> tuple[str, list[int]]:
    """The text without accents and with one apostrophe ("Zoë O’Brien" reads "Zoe O'Brien"), and for each
    character of it, where it came from in the text (to quote the user's own words back)."""
    plain, origin = [], []
    for index, character in enumerate(text.translate(_APOSTROPHES)):
        for part in unicodedata.normalize("NFKD", character):
            if not unicodedata.combining(part):
                plain.append(part)
                origin.append(index)
    return "".join(plain), origin


def _names(*names: str) -> set[str]:
    """Each name whole and, for "Ashdown-Smith", "Mary Ann" or "O'Brien", each part, without accents.

    Fewer than two letters, common short words and particles are left out (a whole name like
    "de la Cruz" or the full "Ann He" is still looked for).
    """
    found = set()
    for name in names:
        name = _plain(" ".join((name or "").split()))[0]
        whole = [name] if name.casefold() not in COMMON_WORDS else []
        parts = [part for part in re.split(r"[\s\-']+", name) if part.casefold() not in COMMON_WORDS | PARTICLES]
        for candidate in whole + parts:
            if sum(character.isalpha() for character in candidate) >= 2:
                found.add(candidate)
    return found


def _date_patterns(born: date) -> list[str]:
    day, month, year, short = rf"0?{born.day}", rf"0?{born.month}", str(born.year), str(born.year)[2:]
    spelt = [MONTHS[born.month - 1], MONTHS[born.month - 1][:3]] + (["Sept"] if born.month == 9 else [])
    named = rf"(?:{'|'.join(spelt)})\.?"
    ordinal = rf"{day}(?:st|nd|rd|th)?"
    apart = r"[\s\-/.,]*"
    return [
        rf"{year}[-/.\s]{month}[-/.\s]{day}",  # 1941-04-12
        rf"{day}[-/.\s]{month}[-/.\s](?:{year}|{short})",  # 12/04/1941, 12-4-41, 12 04 1941
        rf"{ordinal}{apart}(?:of\s+)?{named}{apart}(?:{year}|{short})",  # 12 Apr 1941, 12th of April 41, 12-Apr-1941
        rf"{named}{apart}{ordinal}{apart}(?:{year}|{short})",  # April 12, 1941
        rf"{born:%d%m}(?:{year}|{short})",  # 12041941, 120441
        rf"{year}{born:%m%d}",  # 19410412
    ]


def identifies_patient(reason: str, patient: Patient) -> tuple[str, str] | None:
    """The first of the patient's identifiers the reason gives, as ("name", "Maureen"), or None.

    The kinds are "name", "NHS number" and "date of birth"; the text is as the reason has it.
    Accents and curly apostrophes are ignored on both sides; a name counts as a whole word only
    (letters and digits around it, not underscores or punctuation, make it part of another).
    """
    letters_before, letters_after = r"(?<![^\W_])", r"(?![^\W_])"
    full_name = f"{patient.first_name or ''} {patient.last_name or ''}"
    searches = [("name", letters_before + re.escape(name) + letters_after)
                for name in _names(patient.first_name, patient.last_name, patient.preferred_name, full_name)]
    digits = re.sub(r"\D", "", patient.nhs_number or "")
    if digits:
        searches.append(("NHS number", r"(?<!\d)" + r"[\s-]*".join(digits) + r"(?!\d)"))
    if patient.date_of_birth is not None:
        searches += [("date of birth", r"(?<!\d)" + pattern + r"(?!\d)")
                     for pattern in _date_patterns(patient.date_of_birth)]
    plain, origin = _plain(reason)
    found = [(match.start(), what, reason[origin[match.start()]:origin[match.end() - 1] + 1])
             for what, pattern in searches if (match := re.search(pattern, plain, re.IGNORECASE))]
    return min(found)[1:] if found else None  # the first in the reason, as the user reads it


@dataclass(frozen=True)
class ErasureSummary:
    patient_id: int
    referrals: int
    contacts: int
    activities: int
    plan_versions: int
    measures: int
    checkpointed: bool = True  # False if another connection kept the old pages in the log for now
    drafts: int = 0  # unsaved edits about the patient, parked while the app was locked, removed too

    def describe(self) -> str:
        def count(number: int, one: str, many: str) -> str:
            return f"{number} {one if number == 1 else many}"

        return ", ".join((count(self.referrals, "referral", "referrals"), count(self.contacts, "contact", "contacts"),
                          count(self.activities, "agreed activity", "agreed activities"),
                          count(self.plan_versions, "plan version", "plan versions"),
                          count(self.measures, "measure", "measures")))


def _summary(session: Session, patient_id: int) -> ErasureSummary:
    if session.get(Patient, patient_id) is None:
        raise NotFound("patient", patient_id)

    def number(query) -> int:
        return session.scalar(query) or 0

    plan_ids = select(Plan.id).where(Plan.patient_id == patient_id)
    return ErasureSummary(
        patient_id,
        referrals=number(select(func.count()).select_from(Referral).where(Referral.patient_id == patient_id)),
        contacts=number(select(func.count()).select_from(PatientContact).join(Referral)
                        .where(Referral.patient_id == patient_id)),
        activities=number(select(func.count()).select_from(AgreedActivity).where(AgreedActivity.plan_id.in_(plan_ids))),
        plan_versions=number(select(func.count()).select_from(PlanVersion).where(PlanVersion.plan_id.in_(plan_ids))),
        measures=number(select(func.count()).select_from(MeasureRecord).where(MeasureRecord.patient_id == patient_id)),
    )


def erasure_preview(store, patient_id: int) -> ErasureSummary:
    """What erasing would remove, for the confirmation question; changes nothing."""
    with store.session() as session:
        return _summary(session, patient_id)


def erase_patient(store, patient_id: int, reason: str) -> ErasureSummary:
    """Remove the patient and everything about them; the reason is required and kept in the audit log.

    A reason giving the patient's name, NHS number or date of birth is refused before anything changes.

    Backups made earlier still hold the patient: they are encrypted copies the user manages.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise ErasureRefused("Say why the record is being erased (for example: the patient asked, "
                             "under the right to erasure). The reason is kept in the audit log.")
    if len(reason) > LONGEST_REASON:
        raise ErasureRefused(f"The reason is too long: keep it under {LONGEST_REASON} characters.")
    with store.session() as session:
        summary = _summary(session, patient_id)
        # The audit log is append-only: a reason naming the person would keep them there for good.
        identified = identifies_patient(reason, session.get(Patient, patient_id))
        if identified is not None:
            raise ReasonIdentifiesPatient(*identified)
        session.execute(delete(Patient).where(Patient.id == patient_id))
        left = session.scalar(select(func.count()).select_from(Referral).where(Referral.patient_id == patient_id))
        if left:  # foreign keys off would leave orphans holding the patient's words
            raise ErasureRefused("The erasure was stopped: related records were not removed with the patient.")
        # Erased from the command line while the app is locked, the app's parked edits may still hold them.
        dropped = drop_drafts_where(session, lambda payload: names_patient(payload, patient_id))
        for key in dropped:
            audit.record(session, "delete", "draft", key, f"unsaved edits about erased patient {patient_id}")
        audit.record(session, "delete", "patient", patient_id, f"erased for good; reason: {reason}")
    busy = _checkpoint(store)
    return ErasureSummary(**{**summary.__dict__, "checkpointed": not busy, "drafts": len(dropped)})


def _checkpoint(store) -> bool:
    """Move the zeroed pages into the database file and empty the log; True if a reader held it back."""
    connection = store.raw_connection()
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    return bool(busy)
