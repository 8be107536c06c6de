"""Subject access export: everything about one person, as JSON and a PDF a person can read."""

import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from linkdesk.caseload.errors import ExportFailed, NotFound
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient, details_of, get_patient, update_patient
from linkdesk.caseload.referral_form import ContactDetails, ReferralDetails
from linkdesk.caseload.referrals import add_referral, change_status, record_contact
from linkdesk.caseload.subject_access import export_subject_access
from linkdesk.reports.stories import add_story, set_consent

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


@pytest.fixture
def corrected_with_stories(store, person):
    """The person's surname corrected and a town added, and two stories: one to publish, one not."""
    details = details_of(get_patient(store, person.id))
    update_patient(store, person.id, replace(details, last_name="Rahman", town="Birmingham"), today=TODAY)
    published = add_story(store, person.id, "The allotment group feels like family now.", consent_to_publish=True,
                          naming="first_name", told_on="20/11/2026", today=TODAY)
    private = add_story(store, person.id, "I nearly did not come today.", consent_to_publish=True,
                        told_on=date(2026, 11, 4), today=TODAY)
    set_consent(store, private.id, False, today=TODAY)  # she changed her mind
    return person, published, private


def test_the_json_holds_the_history_of_changes_and_every_story_with_its_consent(store, corrected_with_stories,
                                                                                tmp_path):
    person, published, private = corrected_with_stories
    json_path, _ = export_subject_access(store, person.id, tmp_path)
    content = json.loads(json_path.read_text(encoding="utf-8"))
    assert content["Personal details"]["Last name"] == "Rahman"
    changes = content["Changes to personal details"]
    assert {(change["Detail"], change["Before"], change["After"]) for change in changes} == {
        ("Last name", "Rahman-Wiśniewska", "Rahman"), ("Town or city", "", "Birmingham")}
    assert {change["Changed by"] for change in changes} == {store.actor}
    assert content["Stories"] == [
        {"Story id": private.id, "Told on": "2026-11-04", "In their words": "I nearly did not come today.",
         "Consent to publish": False, "Consent given on": None, "Named as": "Anonymous"},
        {"Story id": published.id, "Told on": "2026-11-20",
         "In their words": "The allotment group feels like family now.", "Consent to publish": True,
         "Consent given on": "2026-11-25", "Named as": "First name only"},
    ]


def test_the_pdf_shows_the_history_of_changes_and_the_stories(store, corrected_with_stories, tmp_path):
    person, _, _ = corrected_with_stories
    _, pdf_path = export_subject_access(store, person.id, tmp_path)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf_path).pages)
    for expected in ("Changes to your details", "Rahman-Wiśniewska", "Birmingham", "Your stories",
                     "The allotment group feels like family now.", "I nearly did not come today.",
                     "Consent to publish", "First name only", "Anonymous"):
        assert expected in text, expected
    assert text.index("Changes to your details") < text.index("Referrals") < text.index("Your stories")


def test_a_record_never_corrected_and_without_stories_says_so(store, tmp_path):
    patient = create_patient(store, PatientDetails(first_name="Kwame", last_name="Mensah", date_of_birth="1970-06-06"),
                             today=TODAY)
    json_path, pdf_path = export_subject_access(store, patient.id, tmp_path)
    content = json.loads(json_path.read_text(encoding="utf-8"))
    assert content["Changes to personal details"] == [] and content["Stories"] == []
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf_path).pages)
    assert "Your details have not been corrected since they were first recorded." in text
    assert "No stories or quotes are recorded." in text


def test_a_file_in_place_of_the_folder_is_refused_plainly(store, person, tmp_path):
    blocker = tmp_path / "sar"
    blocker.write_text("not a folder")
    before = counts(store)
    with pytest.raises(ExportFailed, match="is a file; give a folder"):
        export_subject_access(store, person.id, blocker)
    assert counts(store) == before and blocker.read_text() == "not a folder"


def test_no_heading_is_left_alone_at_the_foot_of_a_page(store, corrected_with_stories, tmp_path):
    person, _, _ = corrected_with_stories
    _, pdf_path = export_subject_access(store, person.id, tmp_path)
    pages = [[line for line in page.extract_text().splitlines() if line.strip()]
             for page in PdfReader(pdf_path).pages]
    # The personal details start on the first page, under their heading, not on a page of their own.
    assert "Personal details" in pages[0] and any(line.startswith("First name") for line in pages[0])
    headings = {"Personal details", "Changes to your details", "Registered practice", "Referrals", "Status history",
                "Contacts", "Your plan", "Goals and steps", "Activities agreed with you", "Versions of your plan",
                "Wellbeing measures", "Your stories", "Who has looked at or changed this record"}
    for number, lines in enumerate(pages, start=1):
        body = [line for line in lines if not line.startswith("Subject access export, page")]
        assert body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"
