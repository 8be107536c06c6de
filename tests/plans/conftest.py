"""Fixtures for plan tests: invented patients with referrals over a real store and the demo directory."""

from datetime import date

import pytest

from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.referral_form import ReferralDetails
from linkdesk.caseload.referrals import add_referral
from linkdesk.directory import demo as directory_demo

WALKING_GROUP = "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d01"  # free, Tuesday mornings, B30
MENS_SHED = "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d11"  # £3, first Monday afternoons, B30


def make_patient(store, first="Maureen", last="Okafor", needs=("loneliness",), postcode="B30 2AB", **details):
    patient = create_patient(store, PatientDetails(first_name=first, last_name=last, date_of_birth=date(1951, 3, 14),
                                                   postcode=postcode, **details))
    if needs:
        add_referral(store, patient.id, ReferralDetails(received_on=date(2026, 10, 1), source="gp",
                                                        needs=frozenset(needs)))
    return patient


@pytest.fixture
def directory_store(store):
    directory_demo.add_demo_data(store)
    return store


@pytest.fixture
def patient(directory_store):
    return make_patient(directory_store)
