"""A small invented caseload in a real store, built through the caseload and plans use cases."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from linkdesk.caseload import practices
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.referral_form import ContactDetails as Contact, ReferralDetails
from linkdesk.caseload.referrals import add_referral, change_status, record_contact
from linkdesk.directory import demo as directory_demo
from linkdesk.plans.activities import add_to_plan
from linkdesk.plans.measures import record_measure
from linkdesk.reports.stories import add_story

WALKING_GROUP = "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d01"
MENS_SHED = "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d11"
TODAY = date(2026, 11, 25)
MARKER = "Zebedee"  # an invented first name no other fixture uses


@dataclass
class Caseload:
    store: object
    cotteridge: object
    selly: object
    worker: object
    erin: object  # the patient with a full record: referral, contacts, plan, measures


def person(first, last, born, practice, **extra):
    return PatientDetails(first_name=first, last_name=last, date_of_birth=born, practice_id=practice.id, **extra)


@pytest.fixture
def caseload(store):
    directory_demo.add_demo_data(store)
    cotteridge = practices.add_practice(store, "Cotteridge Health Centre", "M89001", "Bournville PCN")
    selly = practices.add_practice(store, "Selly Park Surgery", "M89002", "Selly Oak PCN")
    worker = practices.add_link_worker(store, "Sam Okafor")
    erin = create_patient(store, person(MARKER, "Quillfeather", date(1958, 4, 2), cotteridge, sex="female",
                                        ethnic_category="A", risk_notes=f"{MARKER} has a dog called Biscuit.",
                                        nhs_number="999 000 0018"))
    referral = add_referral(store, erin.id, ReferralDetails(received_on=date(2026, 10, 5), source="gp",
                                                            needs=frozenset({"loneliness"}), link_worker_id=worker.id,
                                                            reason=f"{MARKER} feels cut off since moving."))
    record_contact(store, referral.id, Contact(at=datetime(2026, 10, 9, 10, 0), kind="phone",
                                               notes=f"Spoke to {MARKER} about walking."))
    record_contact(store, referral.id, Contact(at=datetime(2026, 10, 16, 10, 0), kind="home_visit"))
    change_status(store, referral.id, "active", date(2026, 10, 16), today=TODAY)
    add_to_plan(store, erin.id, WALKING_GROUP, "signposted", date(2026, 10, 16), today=TODAY)
    record_measure(store, erin.id, "baseline", {"life_satisfaction": 4, "worthwhile": 5, "happiness": 3,
                                                "anxiety": 8}, on=date(2026, 10, 16), today=TODAY)
    record_measure(store, erin.id, "review", {"life_satisfaction": 7, "worthwhile": 6, "happiness": 6,
                                              "anxiety": 4}, on=date(2026, 11, 20), today=TODAY)
    add_story(store, erin.id, f"{MARKER} here: the walking group got me out of the house again.",
              consent_to_publish=True, naming="first_name", told_on=date(2026, 11, 20), today=TODAY)

    other = create_patient(store, person("Tomasz", "Wielgosz", date(1990, 7, 1), selly, sex="male"))
    declined = add_referral(store, other.id, ReferralDetails(received_on=date(2026, 11, 2), source="self",
                                                             needs=frozenset({"money"})))
    change_status(store, declined.id, "declined", date(2026, 11, 10), today=TODAY)
    return Caseload(store, cotteridge, selly, worker, erin)
