"""Patient records: create and update with full validation, duplicate checks, viewing and deleting.

Every create, update, delete and view writes an audit row (entity "patient", its id, and
the names of the fields concerned, never their values) in the same transaction. An update
also keeps each changed field's old and new value in the patient's history (revisions.py).
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from linkdesk.store import audit
from linkdesk.store.base import utc_now

from .errors import DuplicatePatient, NotFound, PossibleDuplicate, ValidationError
from .models import Patient, PatientContact, Practice, Referral, join_codes, split_codes
from .nhs_number import InvalidNhsNumber, format_nhs_number, normalise
from .patient_form import FIELD_NAMES, PatientDetails, changed_fields, validate_patient
from .revisions import record_revisions

SAME_NHS_NUMBER = "same NHS number"
SAME_NAME_AND_BIRTH = "same name and date of birth"


def details_of(patient: Patient) -> PatientDetails:
    """The editable details of a stored patient, as the record editor shows them."""
    values = {name: getattr(patient, name) for name in FIELD_NAMES}
    values["nhs_number"] = patient.nhs_number or ""
    values["communication_needs"] = split_codes(patient.communication_needs)
    return PatientDetails(**values)


def _apply(patient: Patient, details: PatientDetails) -> None:
    for item in fields(PatientDetails):
        setattr(patient, item.name, getattr(details, item.name))
    patient.nhs_number = details.nhs_number or None
    patient.communication_needs = join_codes(details.communication_needs)


def name_key(text: str) -> str:
    """Names compared as people mean them: any case, accents or spacing ('Wiśniewska' = 'wisniewska')."""
    decomposed = unicodedata.normalize("NFKD", " ".join((text or "").split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def audit_patient(session: Session, action: str, patient_id: int, detail: str = "") -> None:
    audit.record(session, action, "patient", patient_id, detail)


# -- duplicates -----------------------------------------------------------------------


def _duplicates(session: Session, nhs_digits: str, first_name: str, last_name: str, born: date | None,
                exclude_id: int | None) -> list[PossibleDuplicate]:
    found: dict[int, PossibleDuplicate] = {}

    def add(patient: Patient, reason: str) -> None:
        if patient.id != exclude_id and patient.id not in found:
            found[patient.id] = PossibleDuplicate(patient.id, patient.display_name, patient.date_of_birth,
                                                  format_nhs_number(patient.nhs_number), reason)

    if nhs_digits:
        for patient in session.scalars(select(Patient).where(Patient.nhs_number == nhs_digits)):
            add(patient, SAME_NHS_NUMBER)
    if born is not None and first_name and last_name:
        wanted = (name_key(first_name), name_key(last_name))
        for patient in session.scalars(select(Patient).where(Patient.date_of_birth == born)):
            if (name_key(patient.first_name), name_key(patient.last_name)) == wanted:
                add(patient, SAME_NAME_AND_BIRTH)
    return list(found.values())


def find_duplicates(store, nhs_number: str = "", first_name: str = "", last_name: str = "",
                    date_of_birth: date | None = None, exclude_id: int | None = None) -> list[PossibleDuplicate]:
    """Existing patients with this NHS number, or this name and date of birth (for a warning as you type)."""
    try:
        digits = normalise(nhs_number) if (nhs_number or "").strip() else ""
    except InvalidNhsNumber:
        digits = ""
    with store.session() as session:
        return _duplicates(session, digits, first_name, last_name, date_of_birth, exclude_id)


def _refuse_duplicates(session: Session, details: PatientDetails, exclude_id: int | None,
                       allow_same_name_and_birth: bool) -> None:
    matches = _duplicates(session, details.nhs_number, details.first_name, details.last_name,
                          details.date_of_birth, exclude_id)
    blocking = [match for match in matches if match.reason == SAME_NHS_NUMBER]
    if blocking or (matches and not allow_same_name_and_birth):
        raise DuplicatePatient(blocking or matches)


def _check_practice(session: Session, details: PatientDetails) -> None:
    if details.practice_id is not None and session.get(Practice, details.practice_id) is None:
        raise ValidationError({"practice_id": "Choose the practice from the list."}, "patient record")


# -- use cases --------------------------------------------------------------------------


def create_patient(store, details: PatientDetails, *, allow_same_name_and_birth: bool = False,
                   today: date | None = None) -> Patient:
    """Validate and add a patient. Raises ValidationError or DuplicatePatient, having written nothing.

    A patient with the same name and date of birth may be a different person: the user can
    confirm, and the call is repeated with `allow_same_name_and_birth=True`. The same NHS
    number is always refused.
    """
    cleaned = validate_patient(details, today)
    with store.session() as session:
        _check_practice(session, cleaned)
        _refuse_duplicates(session, cleaned, None, allow_same_name_and_birth)
        return create_patient_in(session, cleaned)


def create_patient_in(session: Session, cleaned: PatientDetails) -> Patient:
    """Add validated, duplicate-checked details in the caller's transaction (the import adds many in one)."""
    patient = Patient()
    _apply(patient, cleaned)
    session.add(patient)
    session.flush()
    given = [name for name in FIELD_NAMES if getattr(cleaned, name) not in ("", None, False, frozenset())]
    audit_patient(session, "create", patient.id, "fields: " + ", ".join(given))
    return patient


def update_patient(store, patient_id: int, details: PatientDetails, *, allow_same_name_and_birth: bool = False,
                   today: date | None = None) -> Patient:
    """Replace a patient's details after the same checks as creating; unchanged details write nothing.

    Each changed field's old and new value is kept as a revision, in the same transaction.
    """
    cleaned = validate_patient(details, today)
    with store.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise NotFound("patient", patient_id)
        before = details_of(patient)
        changed = changed_fields(before, cleaned)
        if not changed:
            return patient
        _check_practice(session, cleaned)
        if {"nhs_number", "first_name", "last_name", "date_of_birth"} & set(changed):
            _refuse_duplicates(session, cleaned, patient_id, allow_same_name_and_birth)
        record_revisions(session, patient_id, before, cleaned, changed)
        _apply(patient, cleaned)
        patient.updated_at = utc_now()
        audit_patient(session, "update", patient_id, "fields: " + ", ".join(changed))
    return patient


def load_patient(session: Session, patient_id: int) -> Patient:
    """The patient with practice, referrals, their contacts, status history and link worker loaded."""
    patient = session.scalar(
        select(Patient).where(Patient.id == patient_id).options(
            selectinload(Patient.practice),
            selectinload(Patient.referrals).selectinload(Referral.contacts),
            selectinload(Patient.referrals).selectinload(Referral.status_changes),
            selectinload(Patient.referrals).selectinload(Referral.link_worker),
        )
    )
    if patient is None:
        raise NotFound("patient", patient_id)
    return patient


def get_patient(store, patient_id: int) -> Patient:
    """Open a patient's whole record (detached, everything loaded); audited as a view."""
    with store.session() as session:
        patient = load_patient(session, patient_id)
        audit_patient(session, "view", patient_id, "record opened")
    return patient


def delete_patient(store, patient_id: int) -> None:
    """Remove a patient with their referrals and contacts; the audit rows about them stay."""
    with store.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise NotFound("patient", patient_id)
        referrals = session.scalar(select(func.count()).where(Referral.patient_id == patient_id))
        contacts = session.scalar(select(func.count()).select_from(PatientContact).join(Referral)
                                  .where(Referral.patient_id == patient_id))
        session.delete(patient)
        audit_patient(session, "delete", patient_id, f"with {referrals} referrals and {contacts} contacts")
