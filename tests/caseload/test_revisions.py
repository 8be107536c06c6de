"""Rectification keeps history: every correction to a patient's details is kept, field by field, and read back."""

from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone

import pytest

from linkdesk.caseload.errors import CaseloadError, DuplicatePatient, NotFound, ValidationError
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient, delete_patient, details_of, get_patient, update_patient
from linkdesk.caseload.revisions import Revision, revision_history

from .conftest import TODAY, aisha, audit_rows, counts


def edit(store, patient_id, **changes):
    update_patient(store, patient_id, replace(details_of(get_patient(store, patient_id)), **changes), today=TODAY)


def test_each_changed_field_is_kept_with_its_old_and_new_value_as_people_read_them(store, practice, other_practice):
    patient = create_patient(store, aisha(practice_id=practice.id), today=TODAY)
    started = datetime.now(timezone.utc).replace(tzinfo=None)
    edit(store, patient.id, address_line_1="12 Pershore Road", date_of_birth="15/03/1961",
         nhs_number="999 100 0119", preferred_contact_method="email", email="aisha@example.org",
         communication_needs=frozenset({"large_print", "easy_read"}), interpreter_needed=False,
         practice_id=other_practice.id, sex="female")

    history = revision_history(store, patient.id)

    assert {(change.field, change.old, change.new) for change in history} == {
        ("Address line 1", "", "12 Pershore Road"),
        ("Date of birth", "1961-03-14", "1961-03-15"),
        ("NHS number", "999 100 0003", "999 100 0119"),
        ("Preferred way to be contacted", "Phone call", "Email"),
        ("Email", "", "aisha@example.org"),
        ("Communication needs", "Large print", "Easy read, Large print"),
        ("Needs an interpreter", "Yes", "No"),
        ("Registered practice", "Cotteridge Health Centre (M89001)", "Selly Park Surgery (M89002)"),
        ("Sex", "", "Female"),
    }
    assert {change.changed_by for change in history} == {store.actor}
    [when] = {change.changed_at for change in history}  # one correction, one moment
    assert when.tzinfo is None and started - timedelta(seconds=1) <= when <= started + timedelta(minutes=1)


def test_history_is_newest_first_and_an_unchanged_save_adds_nothing(store):
    patient = create_patient(store, aisha(), today=TODAY)
    edit(store, patient.id, last_name="Rahman-Begum")
    edit(store, patient.id, last_name="Begum", preferred_name="Ash")
    before = counts(store)
    edit(store, patient.id)  # saved with nothing changed
    assert counts(store)["PatientRevision"] == before["PatientRevision"] == 3
    history = revision_history(store, patient.id)
    assert [(change.field, change.old, change.new) for change in history] == [
        ("Last name", "Rahman-Begum", "Begum"), ("Preferred name", "", "Ash"),  # one save, in the form's order
        ("Last name", "Rahman", "Rahman-Begum")]
    assert history[0].changed_at >= history[-1].changed_at


def test_a_refused_correction_keeps_no_history(store):
    patient = create_patient(store, aisha(), today=TODAY)
    other = create_patient(store, PatientDetails(first_name="Delroy", last_name="Campbell",
                                                 date_of_birth="1955-08-30"), today=TODAY)
    with pytest.raises(ValidationError):
        edit(store, patient.id, last_name="", mobile_phone="12")
    with pytest.raises(DuplicatePatient):
        edit(store, other.id, nhs_number="999 100 0003")
    assert counts(store)["PatientRevision"] == 0
    assert revision_history(store, patient.id) == [] and revision_history(store, other.id) == []


def test_reading_the_history_is_audited_as_a_view_and_names_no_values(store):
    patient = create_patient(store, aisha(), today=TODAY)
    edit(store, patient.id, town="Birmingham")
    revision_history(store, patient.id)
    last = audit_rows(store, patient.id)[-1]
    assert (last.action, last.detail) == ("view", "history of changes (1 change)")
    assert "Birmingham" not in " ".join(row.detail for row in audit_rows(store, patient.id))


def test_an_unknown_patient_is_named_and_nothing_is_audited(store):
    before = counts(store)
    with pytest.raises(NotFound, match="no patient with id 404") as caught:
        revision_history(store, 404)
    assert isinstance(caught.value, CaseloadError)
    assert counts(store) == before


def test_deleting_a_patient_removes_their_history(store):
    patient = create_patient(store, aisha(), today=TODAY)
    edit(store, patient.id, town="Birmingham")
    delete_patient(store, patient.id)
    assert counts(store)["PatientRevision"] == 0


def test_the_revision_shape_the_screens_use():
    assert [item.name for item in fields(Revision)] == ["changed_at", "field", "old", "new", "changed_by"]
    with pytest.raises(AttributeError):
        Revision(datetime(2026, 11, 25), "Town or city", "", "Birmingham", "sam").new = "x"
