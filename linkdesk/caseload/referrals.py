"""Referrals and contacts: add and edit a referral, move it through its statuses, record contacts.

Each change is audited against the patient (entity "patient") naming the referral or contact
and the fields changed. Accepting and declining record their SNOMED CT codes in the status
history, which the clinical record summary reads back.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from sqlalchemy.orm import Session

from linkdesk.store.base import utc_now

from . import referral_rules
from .errors import NotFound, StatusChangeRefused, ValidationError
from .models import LinkWorker, Patient, PatientContact, Referral, StatusChange, join_codes, split_codes
from .patients import audit_patient
from .referral_form import ContactDetails, ReferralDetails, validate_contact, validate_referral


def details_of_referral(referral: Referral) -> ReferralDetails:
    return ReferralDetails(received_on=referral.received_on, source=referral.source, referrer=referral.referrer,
                           needs=split_codes(referral.needs), needs_other=referral.needs_other,
                           reason=referral.reason, link_worker_id=referral.link_worker_id)


def _apply(referral: Referral, details: ReferralDetails) -> None:
    for item in fields(ReferralDetails):
        setattr(referral, item.name, getattr(details, item.name))
    referral.needs = join_codes(details.needs)


def _check_link_worker(session: Session, details: ReferralDetails) -> None:
    if details.link_worker_id is not None and session.get(LinkWorker, details.link_worker_id) is None:
        raise ValidationError({"link_worker_id": "Choose the link worker from the list."}, "referral")


def _referral(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound("referral", referral_id)
    return referral


def add_referral_in(session: Session, patient: Patient, details: ReferralDetails,
                    today: date | None = None) -> Referral:
    """Add a referral inside the caller's transaction (the CSV import adds many in one)."""
    cleaned = validate_referral(details, today, patient.date_of_birth)
    _check_link_worker(session, cleaned)
    referral = Referral(patient_id=patient.id, status=referral_rules.RECEIVED, status_changed_on=cleaned.received_on)
    _apply(referral, cleaned)
    session.add(referral)
    session.flush()
    session.add(StatusChange(referral_id=referral.id, changed_on=cleaned.received_on, from_status=None,
                             to_status=referral_rules.RECEIVED))
    audit_patient(session, "create", patient.id, f"referral {referral.id}")
    return referral


def add_referral(store, patient_id: int, details: ReferralDetails, today: date | None = None) -> Referral:
    with store.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise NotFound("patient", patient_id)
        return add_referral_in(session, patient, details, today)


def update_referral(store, referral_id: int, details: ReferralDetails, today: date | None = None) -> Referral:
    """Correct a referral's details or assign its link worker; its status changes through change_status()."""
    with store.session() as session:
        referral = _referral(session, referral_id)
        patient = session.get(Patient, referral.patient_id)
        cleaned = validate_referral(details, today, patient.date_of_birth)
        _check_link_worker(session, cleaned)
        before = details_of_referral(referral)
        changed = [item.name for item in fields(ReferralDetails)
                   if getattr(before, item.name) != getattr(cleaned, item.name)]
        if changed:
            _apply(referral, cleaned)
            referral.updated_at = utc_now()
            audit_patient(session, "update", referral.patient_id,
                          f"referral {referral_id} fields: {', '.join(changed)}")
    return referral


def _move(session: Session, referral: Referral, new_status: str, on: date, discharge_reason: str | None = None,
          note: str = "") -> None:
    try:
        concept = referral_rules.check_transition(referral.status, new_status, discharge_reason)
    except referral_rules.TransitionNotAllowed as error:
        raise StatusChangeRefused(str(error)) from None
    session.add(StatusChange(referral_id=referral.id, changed_on=on, from_status=referral.status,
                             to_status=new_status, snomed_code=concept.code if concept else None,
                             discharge_reason=discharge_reason, note=note))
    referral.status = new_status
    referral.status_changed_on = on
    referral.discharge_reason = discharge_reason
    if concept is not None:
        referral.snomed_code = concept.code
    if new_status not in referral_rules.OPEN_STATUSES:
        referral.next_contact_due = None
    referral.updated_at = utc_now()
    coded = " (SNOMED CT code recorded)" if concept else ""
    audit_patient(session, "update", referral.patient_id, f"referral {referral.id} fields: status{coded}")


def change_status(store, referral_id: int, new_status: str, on: date | None = None,
                  discharge_reason: str | None = None, note: str = "", today: date | None = None) -> Referral:
    """Move a referral on (accept, decline, discharge...); raises StatusChangeRefused if that makes no sense."""
    today = today or date.today()
    on = on or today
    with store.session() as session:
        referral = _referral(session, referral_id)
        if on > today:
            raise StatusChangeRefused("A status change cannot be dated in the future.")
        if on < referral.status_changed_on:
            raise StatusChangeRefused(
                "The change cannot be dated before the referral's last change "
                f"({referral.status_changed_on:%d %b %Y}).")
        _move(session, referral, new_status, on, discharge_reason, (note or "").strip())
    return referral


def record_contact(store, referral_id: int, details: ContactDetails, now: datetime | None = None) -> PatientContact:
    """Record a contact; the first one attended moves a new referral to "contacted".

    The referral's next contact date follows its latest contact, so the caseload and the
    "today" list see follow-ups without reading every contact.
    """
    with store.session() as session:
        referral = _referral(session, referral_id)
        cleaned = validate_contact(details, referral.received_on, now)
        contact = PatientContact()
        for item in fields(ContactDetails):
            setattr(contact, item.name, getattr(cleaned, item.name))
        referral.contacts.append(contact)
        session.flush()
        audit_patient(session, "create", referral.patient_id, f"contact {contact.id} on referral {referral_id}")
        reached = not cleaned.did_not_attend
        if reached and referral.status in (referral_rules.RECEIVED, referral_rules.UNABLE_TO_CONTACT):
            _move(session, referral, referral_rules.CONTACTED, max(cleaned.at.date(), referral.status_changed_on),
                  note="contact recorded")
        latest = max(referral.contacts, key=lambda item: (item.at, item.id))
        if referral.status in referral_rules.OPEN_STATUSES:
            referral.next_contact_due = latest.next_contact_due
    return contact
