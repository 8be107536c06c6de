"""Referrals through their statuses, contacts, and the summary pasted into the GP record."""

from datetime import date, datetime

import pytest

from linkdesk.caseload import clinical_record
from linkdesk.caseload.errors import StatusChangeRefused, ValidationError
from linkdesk.caseload.patients import create_patient, get_patient
from linkdesk.caseload.referral_form import ContactDetails, ReferralDetails
from linkdesk.caseload.referrals import add_referral, change_status, record_contact, update_referral

from .conftest import TODAY, aisha, audit_rows, counts

NOW = datetime(2026, 11, 25, 16, 0)


@pytest.fixture
def patient(store, practice):
    return create_patient(store, aisha(practice_id=practice.id), today=TODAY)


@pytest.fixture
def referral(store, patient, worker):
    return add_referral(store, patient.id, ReferralDetails(
        received_on="02/11/2026", source="gp", referrer="Dr Priya Shah", needs=frozenset({"loneliness", "money"}),
        reason="Recently widowed; struggling with bills.", link_worker_id=worker.id), today=TODAY)


def test_a_new_referral_is_received_with_its_history(store, patient, referral):
    record = get_patient(store, patient.id)
    (stored,) = record.referrals
    assert stored.status == "received"
    assert stored.need_codes == {"loneliness", "money"}
    assert [(step.from_status, step.to_status) for step in stored.status_changes] == [(None, "received")]
    assert stored.link_worker.name == "Sam Okafor"


def test_referral_problems_are_all_reported_and_nothing_is_saved(store, patient):
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        add_referral(store, patient.id, ReferralDetails(received_on="30/02/2026", source="postcard",
                                                        needs=frozenset({"other"})), today=TODAY)
    assert set(caught.value.problems) == {"received_on", "source", "needs_other"}
    with pytest.raises(ValidationError) as early:
        add_referral(store, patient.id, ReferralDetails(received_on="01/01/1960", source="gp"), today=TODAY)
    assert "before the patient was born" in early.value.problems["received_on"]
    assert counts(store) == before


def test_accepting_and_declining_record_their_snomed_codes(store, patient, referral):
    accepted = change_status(store, referral.id, "active", on=date(2026, 11, 4), today=TODAY)
    assert accepted.snomed_code == "871731000000106"
    other = add_referral(store, patient.id, ReferralDetails(received_on=TODAY, source="self"), today=TODAY)
    declined = change_status(store, other.id, "declined", today=TODAY)
    assert declined.snomed_code == "871711000000103"
    steps = get_patient(store, patient.id).referrals[0].status_changes
    assert [(step.to_status, step.snomed_code) for step in steps] == [("received", None), ("active", "871731000000106")]
    details = [row.detail for row in audit_rows(store, patient.id)]
    assert f"referral {referral.id} fields: status (SNOMED CT code recorded)" in details


def test_a_discharge_needs_a_reason_and_closes_the_referral(store, patient, referral):
    change_status(store, referral.id, "active", on=date(2026, 11, 4), today=TODAY)
    with pytest.raises(StatusChangeRefused, match="reason"):
        change_status(store, referral.id, "discharged", today=TODAY)
    change_status(store, referral.id, "discharged", discharge_reason="goals_met", today=TODAY)
    with pytest.raises(StatusChangeRefused, match="nothing: it is closed"):
        change_status(store, referral.id, "active", today=TODAY)
    assert get_patient(store, patient.id).referrals[0].discharge_reason == "goals_met"


def test_refused_status_changes_change_nothing(store, patient, referral):
    before = counts(store)
    with pytest.raises(StatusChangeRefused, match="cannot become discharged"):
        change_status(store, referral.id, "discharged", discharge_reason="goals_met", today=TODAY)
    with pytest.raises(StatusChangeRefused, match="future"):
        change_status(store, referral.id, "contacted", on=date(2026, 12, 1), today=TODAY)
    with pytest.raises(StatusChangeRefused, match="before the referral's last change"):
        change_status(store, referral.id, "contacted", on=date(2026, 10, 1), today=TODAY)
    assert counts(store) == before
    assert get_patient(store, patient.id).referrals[0].status == "received"


def test_the_first_contact_moves_the_referral_on_and_sets_the_next_date(store, patient, referral):
    record_contact(store, referral.id, ContactDetails(at="03/11/2026 10:30", kind="surgery", duration_minutes="20",
                                                      next_contact_due="10/11/2026"), now=NOW)
    stored = get_patient(store, patient.id).referrals[0]
    assert stored.status == "contacted"
    assert stored.next_contact_due == date(2026, 11, 10)
    assert stored.contacts[0].duration_minutes == 20


def test_a_missed_appointment_is_not_a_contact(store, patient, referral):
    record_contact(store, referral.id, ContactDetails(at="03/11/2026 10:30", kind="phone", did_not_attend=True,
                                                      next_contact_due="05/11/2026"), now=NOW)
    stored = get_patient(store, patient.id).referrals[0]
    assert stored.status == "received"
    assert stored.contacts[0].did_not_attend


def test_contact_problems_are_reported_and_nothing_is_saved(store, patient, referral):
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        record_contact(store, referral.id, ContactDetails(at="01/11/2026 25:00", kind="carrier pigeon",
                                                          duration_minutes="an hour"), now=NOW)
    assert set(caught.value.problems) == {"at", "kind", "duration_minutes"}
    with pytest.raises(ValidationError) as future:
        record_contact(store, referral.id, ContactDetails(at="26/11/2026 09:00", kind="phone"), now=NOW)
    assert "before it happens" in future.value.problems["at"]
    with pytest.raises(ValidationError) as early:
        record_contact(store, referral.id, ContactDetails(at="01/11/2026 09:00", kind="phone",
                                                          next_contact_due="01/10/2026"), now=NOW)
    assert set(early.value.problems) == {"at", "next_contact_due"}
    assert counts(store) == before


def test_editing_a_referral_assigns_and_audits_field_names(store, patient, referral, worker):
    update_referral(store, referral.id, ReferralDetails(
        received_on="02/11/2026", source="practice_nurse", referrer="Dr Priya Shah",
        needs=frozenset({"loneliness", "money"}), reason="Recently widowed; struggling with bills.",
        link_worker_id=None), today=TODAY)
    assert get_patient(store, patient.id).referrals[0].link_worker is None
    assert audit_rows(store, patient.id)[-2].detail == f"referral {referral.id} fields: source, link_worker_id"


def test_the_clinical_summary_carries_codes_and_contacts(store, patient, referral):
    record_contact(store, referral.id, ContactDetails(at="03/11/2026 10:30", kind="surgery", duration_minutes=45,
                                                      notes="Talked about what matters: her garden.\nKeen on a group.",
                                                      next_step="Introduce to the walking group"), now=NOW)
    change_status(store, referral.id, "active", on=date(2026, 11, 4), today=TODAY)
    text = clinical_record.clinical_summary(store, referral.id)
    assert "Patient: Aisha Rahman, born 14 Mar 1961, NHS number 999 100 0003" in text
    assert "Referral received 2 Nov 2026 from GP (Dr Priya Shah)" in text
    assert "Needs: Loneliness or isolation; Money and debt" in text
    assert "4 Nov 2026: Referral to social prescribing service - SNOMED CT 871731000000106" in text
    assert "3 Nov 2026 10:30, At the surgery, 45 minutes" in text
    assert "  Next step: Introduce to the walking group" in text
    assert "\t" not in text
    assert audit_rows(store, patient.id)[-1].action == "export"


def test_a_declined_referral_summary_names_the_decline_code(store, patient, referral):
    change_status(store, referral.id, "declined", today=TODAY)
    text = clinical_record.clinical_summary(store, referral.id)
    assert "Social prescribing declined - SNOMED CT 871711000000103" in text
    assert "Current status: Declined since 25 Nov 2026" in text
