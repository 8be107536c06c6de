"""Subject access export: everything about one person, as JSON and a PDF a person can read."""

import json
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from linkdesk.caseload.errors import ExportFailed, NotFound
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient, get_patient
from linkdesk.caseload.referral_form import ContactDetails, ReferralDetails
from linkdesk.caseload.referrals import add_referral, change_status, record_contact
from linkdesk.caseload.subject_access import export_subject_access

from .conftest import TODAY, aisha, audit_rows, counts


@pytest.fixture
def person(store, practice, worker):
    patient = create_patient(store, aisha(practice_id=practice.id, last_name="Rahman-Wiśniewska",
                                          ethnic_category="K"), today=TODAY)
    referral = add_referral(store, patient.id, ReferralDetails(received_on="02/11/2026", source="gp",
                                                               needs=frozenset({"bereavement"}),
                                                               link_worker_id=worker.id), today=TODAY)
    record_contact(store, referral.id, ContactDetails(at="03/11/2026 10:30", kind="home_visit", duration_minutes=50,
                                                      notes="Talked about her allotment."),
                   now=datetime(2026, 11, 25, 12, 0))
    change_status(store, referral.id, "active", on=date(2026, 11, 4), today=TODAY)
    get_patient(store, patient.id)
    return patient


def test_the_json_holds_the_record_referrals_contacts_and_audit_trail(store, person, tmp_path):
    json_path, pdf_path = export_subject_access(store, person.id, tmp_path / "sar")
    content = json.loads(json_path.read_text(encoding="utf-8"))
    details = content["Personal details"]
    assert details["Last name"] == "Rahman-Wiśniewska"
    assert details["NHS number"] == "999 100 0003"
    assert details["Ethnic category"] == "Asian or Asian British: Bangladeshi"
    assert details["Communication needs"] == ["Large print"]
    assert content["Registered practice"]["ODS code"] == "M89001"
    (referral,) = content["Referrals"]
    assert referral["Status"] == "Active"
    assert referral["Needs"] == ["Bereavement"]
    assert [step["SNOMED CT code"] for step in referral["Status history"]] == ["", "", "871731000000106"]
    assert referral["Contacts"][0]["Notes"] == "Talked about her allotment."
    actions = [row["Action"] for row in content["Audit log"]]
    assert actions[0] == "create" and "view" in actions and actions[-1] == "export"


def test_the_pdf_reads_back_with_the_same_facts(store, person, tmp_path):
    _, pdf_path = export_subject_access(store, person.id, tmp_path)
    reader = PdfReader(pdf_path)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in ("Information LinkDesk holds about you", "Rahman-Wiśniewska", "999 100 0003",
                     "Cotteridge Health Centre", "871731000000106", "Talked about her allotment.",
                     "Who has looked at or changed this record", "Sam Okafor"):
        assert expected in text, expected
    # The file's own properties, visible without opening it, do not name the person.
    assert "Rahman" not in str(reader.metadata)


def test_the_export_is_audited(store, person, tmp_path):
    export_subject_access(store, person.id, tmp_path)
    last = audit_rows(store, person.id)[-1]
    assert (last.action, last.detail) == ("export", "subject access: JSON and PDF")


def test_an_earlier_export_is_never_overwritten(store, person, tmp_path):
    json_path, _ = export_subject_access(store, person.id, tmp_path)
    before_audit, before_json = counts(store), json_path.read_bytes()
    with pytest.raises(ExportFailed, match="already exists"):
        export_subject_access(store, person.id, tmp_path)
    assert json_path.read_bytes() == before_json
    assert counts(store) == before_audit


def test_an_unwritable_folder_leaves_no_files_and_no_audit_row(store, person, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    before = counts(store)
    with pytest.raises(ExportFailed, match="could not be written"):
        export_subject_access(store, person.id, blocker / "sar")
    assert counts(store) == before


def test_an_unknown_patient_is_named(store, tmp_path):
    with pytest.raises(NotFound, match="no patient with id 42"):
        export_subject_access(store, 42, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_record_with_no_referrals_exports(store, tmp_path):
    patient = create_patient(store, PatientDetails(first_name="Kwame", last_name="Mensah", date_of_birth="1970-06-06"),
                             today=TODAY)
    _, pdf_path = export_subject_access(store, patient.id, tmp_path)
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "There are no referrals." in text
