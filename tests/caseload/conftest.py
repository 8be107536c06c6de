"""Caseload fixtures: a store with two practices and a link worker, and invented patients."""

from datetime import date

import pytest
from sqlalchemy import func, select

from linkdesk.caseload import practices
from linkdesk.caseload.models import Patient, PatientContact, PatientRevision, Referral, StatusChange
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.store.audit import AuditEvent

from ..conftest import PASSPHRASE as PASSPHRASE_FOR_TESTS  # noqa: F401  (the store fixture's passphrase)

TODAY = date(2026, 11, 25)


@pytest.fixture
def practice(store):
    return practices.add_practice(store, "Cotteridge Health Centre", "m89001", "Bournville and Northfield PCN")


@pytest.fixture
def other_practice(store):
    return practices.add_practice(store, "Selly Park Surgery", "M89002", "Selly Oak PCN")


@pytest.fixture
def worker(store):
    return practices.add_link_worker(store, "Sam Okafor", phone="0121 496 0999", email="sam.okafor@example.org",
                                     organisation="Bournville and Northfield PCN", own_profile=True)


def aisha(**overrides) -> PatientDetails:
    values = dict(title="Mrs", first_name="Aisha", last_name="Rahman", date_of_birth="14/03/1961",
                  nhs_number="999 100 0003", postcode="b30 2jx", mobile_phone="07700 900123",
                  preferred_contact_method="phone", main_language="Bengali", interpreter_needed=True,
                  communication_needs=frozenset({"large_print"}), consent_social_prescribing=True,
                  risk_notes="Lives alone; son visits weekly.")
    return PatientDetails(**{**values, **overrides})


def counts(store) -> dict[str, int]:
    """How many of each record the store holds (for "nothing was half-written")."""
    with store.session() as session:
        return {model.__name__: session.scalar(select(func.count()).select_from(model))
                for model in (Patient, Referral, PatientContact, StatusChange, PatientRevision, AuditEvent)}


def audit_rows(store, patient_id=None) -> list[AuditEvent]:
    with store.session() as session:
        query = select(AuditEvent).where(AuditEvent.entity == "patient").order_by(AuditEvent.id)
        if patient_id is not None:
            query = query.where(AuditEvent.entity_id == str(patient_id))
        return list(session.scalars(query))
