"""Creating, editing, opening and deleting patient records: validation, duplicates and the audit trail."""

from dataclasses import replace
from datetime import date

import pytest

from linkdesk.caseload import patients
from linkdesk.caseload.errors import DuplicatePatient, NotFound, ValidationError
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient, delete_patient, details_of, get_patient, update_patient

from .conftest import TODAY, aisha, audit_rows, counts


def test_a_patient_is_saved_tidied_and_reads_back(store, practice):
    created = create_patient(store, aisha(practice_id=practice.id), today=TODAY)
    record = get_patient(store, created.id)
    assert record.nhs_number == "9991000003"
    assert record.postcode == "B30 2JX"
    assert record.date_of_birth == date(1961, 3, 14)
    assert record.practice.ods_code == "M89001"
    assert details_of(record).communication_needs == frozenset({"large_print"})
    assert record.referrals == []


def test_a_bad_record_names_every_problem_and_writes_nothing(store, practice):
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        create_patient(store, aisha(date_of_birth="2027-01-01", nhs_number="999 100 0004", postcode="B30",
                                    email="aisha@", practice_id=practice.id), today=TODAY)
    assert set(caught.value.problems) == {"date_of_birth", "nhs_number", "postcode", "email"}
    assert counts(store) == before


def test_an_unknown_practice_is_a_field_problem(store):
    with pytest.raises(ValidationError) as caught:
        create_patient(store, aisha(practice_id=999), today=TODAY)
    assert caught.value.problems == {"practice_id": "Choose the practice from the list."}
    assert counts(store)["Patient"] == 0


def test_the_same_nhs_number_is_refused_and_points_to_the_existing_record(store):
    first = create_patient(store, aisha(), today=TODAY)
    before = counts(store)
    with pytest.raises(DuplicatePatient) as caught:
        create_patient(store, aisha(first_name="Ayesha", date_of_birth="15/03/1961"),
                       allow_same_name_and_birth=True, today=TODAY)
    assert caught.value.blocking
    assert [(match.patient_id, match.reason) for match in caught.value.matches] == [(first.id, "same NHS number")]
    assert "Aisha Rahman" in str(caught.value)
    assert counts(store) == before


def test_same_name_and_birth_warns_but_can_be_confirmed(store):
    first = create_patient(store, aisha(), today=TODAY)
    twin = aisha(first_name=" aisha ", last_name="RAHMAN", nhs_number="")
    with pytest.raises(DuplicatePatient) as caught:
        create_patient(store, twin, today=TODAY)
    assert not caught.value.blocking
    assert caught.value.matches[0].patient_id == first.id
    assert caught.value.matches[0].nhs_number == "999 100 0003"
    assert patients.find_duplicates(store, "", "Aisha", "Rahman", date(1961, 3, 14))[0].patient_id == first.id
    second = create_patient(store, twin, allow_same_name_and_birth=True, today=TODAY)
    assert second.id != first.id


def test_duplicates_match_names_without_accents_or_case(store):
    created = create_patient(store, PatientDetails(first_name="Zofia", last_name="Wiśniewska",
                                                   date_of_birth="02/07/1948"), today=TODAY)
    found = patients.find_duplicates(store, first_name="ZOFIA", last_name="wisniewska",
                                     date_of_birth=date(1948, 7, 2))
    assert [match.patient_id for match in found] == [created.id]


def test_editing_audits_the_changed_field_names_never_the_values(store):
    created = create_patient(store, aisha(), today=TODAY)
    changed = details_of(get_patient(store, created.id))
    update_patient(store, created.id, replace(changed, postcode="B29 6BD", preferred_name="Ash"), today=TODAY)
    assert get_patient(store, created.id).postcode == "B29 6BD"
    rows = audit_rows(store, created.id)
    assert [row.action for row in rows] == ["create", "view", "update", "view"]
    assert rows[2].detail == "fields: preferred_name, postcode"
    every_detail = " ".join(row.detail for row in rows)
    for value in ("Rahman", "Aisha", "B29", "9991000003", "999 100", "Bengali", "alone", "07700"):
        assert value not in every_detail


def test_saving_unchanged_details_writes_nothing(store):
    created = create_patient(store, aisha(), today=TODAY)
    before = counts(store)
    update_patient(store, created.id, aisha(), today=TODAY)
    assert counts(store) == before


def test_a_failed_edit_leaves_the_record_as_it_was(store):
    created = create_patient(store, aisha(), today=TODAY)
    before = counts(store)
    with pytest.raises(ValidationError):
        update_patient(store, created.id, aisha(last_name="", mobile_phone="12"), today=TODAY)
    assert get_patient(store, created.id).last_name == "Rahman"
    assert counts(store)["AuditEvent"] == before["AuditEvent"] + 1  # only the view just now


def test_an_edit_cannot_take_another_patients_nhs_number(store):
    create_patient(store, aisha(), today=TODAY)
    other = create_patient(store, PatientDetails(first_name="Delroy", last_name="Campbell",
                                                 date_of_birth="1955-08-30"), today=TODAY)
    with pytest.raises(DuplicatePatient):
        update_patient(store, other.id, PatientDetails(first_name="Delroy", last_name="Campbell",
                                                       date_of_birth="1955-08-30", nhs_number="9991000003"),
                       today=TODAY)
    assert get_patient(store, other.id).nhs_number is None


def test_deleting_removes_the_record_but_keeps_its_audit_trail(store):
    created = create_patient(store, aisha(), today=TODAY)
    delete_patient(store, created.id)
    with pytest.raises(NotFound, match=f"no patient with id {created.id}"):
        get_patient(store, created.id)
    assert [row.action for row in audit_rows(store, created.id)] == ["create", "delete"]
    assert counts(store)["Patient"] == 0
