"""The personalised plan PDF: the patient's words and activities, the variant from their needs,
metadata without patient data, printing kept as a version and audited, and `linkdesk print`."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from linkdesk.caseload.nhs_number import complete
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.practices import add_link_worker, add_practice
from linkdesk.cli import main
from linkdesk.directory.demo import FEATURED
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_import import import_records
from linkdesk.documents.organisation import save_print_settings
from linkdesk.documents.plan import plan_document, print_plan
from linkdesk.plans.activities import add_to_plan
from linkdesk.plans.history import version_history
from linkdesk.plans.plans import add_goal, update_plan
from linkdesk.store.audit import AuditEvent

from ..conftest import PASSPHRASE
from .pdf import font_sizes, page_texts, reader

NHS_NUMBER = complete("999000012")
WEB_SERVICE = list(synthetic_services(1, seed=3))
REVIEW = date.today() + timedelta(days=14)
URDU = "میں اپنے پوتے کے ساتھ پارک جانا چاہتی ہوں"


def make_patient(store, needs=frozenset(), **names) -> int:
    practice = add_practice(store, "Hazelwell Lane Surgery", "M85001")
    details = PatientDetails(first_name=names.get("first", "Zofia"), last_name=names.get("last", "Wiśniewska"),
                             preferred_name=names.get("preferred", "Zosia"), date_of_birth=date(1950, 3, 4),
                             nhs_number=NHS_NUMBER, practice_id=practice.id, communication_needs=needs)
    return create_patient(store, details).id


@pytest.fixture
def patient(store):
    import_records(store, FEATURED + WEB_SERVICE, "test feed")
    add_link_worker(store, "Jess Adeyemi", phone="0121 496 0101", own_profile=True)
    patient_id = make_patient(store)
    update_plan(store, patient_id, what_matters="I want to get out of the house more.\n" + URDU,
                next_review_on=REVIEW)
    add_goal(store, patient_id, "Go to a group once a week", REVIEW, "in_progress",
             steps=[("Visit the walking group with Jess", "Patient", REVIEW)])
    add_to_plan(store, patient_id, FEATURED[0]["id"])
    add_to_plan(store, patient_id, WEB_SERVICE[0]["id"], status="referred")
    return patient_id


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def test_the_plan_says_what_the_patient_agreed_in_their_words(store, patient):
    document = plan_document(store, patient)
    data = document.render()
    text = text_of(data)
    for expected in ("My plan", "My name: Zosia", "What matters to me", "I want to get out of the house more.",
                     "My goals and next steps", "Go to a group once a week", "Visit the walking group with Jess (me,",
                     "Activities I am going to try", "Cotteridge Walking Group", "Every Tuesday, 10:00 to 11:30",
                     "Cost: Free", WEB_SERVICE[0]["url"], "My link worker has asked them to contact me.",
                     f"I will see my link worker again on {REVIEW:%A}", "My link worker", "Name: Jess Adeyemi",
                     "Phone: 0121 496 0101", "Practice: Hazelwell Lane Surgery", "If you need help sooner",
                     "NHS 111", "116 123", "999"):
        assert expected in text, expected
    assert document.typesetter.missing == set()  # the Urdu printed in its own font, no boxes
    assert "Page 1 of" in text


def test_the_organisation_sets_its_name_and_help_text(store, patient):
    save_print_settings(store, "Kings Heath Link Workers", None, "Call the surgery on 0121 496 0000.\nOr 111.")
    text = text_of(plan_document(store, patient).render())
    assert text.startswith("Kings Heath Link Workers")
    assert "Call the surgery on 0121 496 0000." in text and "Samaritans" not in text


@pytest.mark.parametrize(("needs", "variant"), [
    (frozenset(), "standard"), (frozenset({"large_print"}), "large"), (frozenset({"easy_read", "audio"}), "easy"),
])
def test_the_variant_follows_the_patients_communication_needs(store, needs, variant):
    patient_id = make_patient(store, needs)
    update_plan(store, patient_id, what_matters="Seeing friends.")
    assert plan_document(store, patient_id).variant.value == variant


def test_large_print_plan_is_16_point_or_more_and_can_be_chosen_by_hand(store, patient):
    document = plan_document(store, patient, "large")
    assert document.variant.value == "large"
    assert min(font_sizes(document.render())) >= 16


def test_pdf_metadata_carries_no_patient_data(store, patient):
    data = plan_document(store, patient).render()
    pdf = reader(data)
    info = " ".join(str(value) for value in (pdf.metadata or {}).values())
    assert str(pdf.metadata["/Title"]) == "My plan"
    for private in ("Zosia", "Zofia", "Wiśniewska", NHS_NUMBER, "Hazelwell", "get out of the house"):
        assert private not in info
    assert pdf.xmp_metadata is None


def test_printing_keeps_the_printed_version_and_audits_it(store, patient, tmp_path):
    target = tmp_path / "plan.pdf"
    print_plan(store, patient, target, "easy")
    assert "My name: Zosia" in text_of(target.read_bytes())
    latest = version_history(store, patient)[0]
    assert (latest.kind, latest.note) == ("printed", "easy read")
    with store.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all()
    assert [(row.entity, row.entity_id) for row in rows] == [("plan", str(patient))]
    assert "Zosia" not in rows[0].detail


def test_a_plan_that_cannot_be_saved_is_not_kept_as_printed(store, patient, tmp_path):
    from linkdesk.documents.base import DocumentNotSaved

    with pytest.raises(DocumentNotSaved):
        print_plan(store, patient, tmp_path / "missing folder" / "plan.pdf")
    assert [version.kind for version in version_history(store, patient)] == []


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def run(capsys, monkeypatch, store_dir):
    def run(*args):
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
        code = main(["--data-dir", str(store_dir), *[str(arg) for arg in args]])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_print_plan_by_nhs_number_and_by_id(store, patient, run, tmp_path):
    code, out, err = run("print", "plan", f"{NHS_NUMBER[:3]} {NHS_NUMBER[3:6]} {NHS_NUMBER[6:]}",
                         "-o", tmp_path / "a.pdf")
    assert (code, err) == (0, "") and "standard" in out
    code, out, _ = run("print", "plan", patient, "-o", tmp_path / "b.pdf", "--variant", "large")
    assert code == 0 and "large print" in out
    assert min(font_sizes((tmp_path / "b.pdf").read_bytes())) >= 16


def test_print_commands_give_one_line_errors_and_write_nothing(store, patient, run, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cases = [
        (("print", "plan", "12345"), "no patient with id or NHS number '12345'"),
        (("print", "leaflet", "not-a-service"), "no service with id not-a-service"),
        (("print", "booklet", "--category", "walking"), "'walking' is not a category"),
        (("print", "booklet", "--area", "ZZ9"), "no services to print"),
    ]
    for args, message in cases:
        code, _, err = run(*args, "-o", out_dir / "x.pdf")
        assert code == 1, args
        assert err.count("\n") == 1 and err.startswith("linkdesk: error: ") and message in err, err
    code, _, err = run("print", "booklet", "--ids", "a", "--category", "arts", "-o", out_dir / "x.pdf")
    assert code == 2 and err.startswith("linkdesk: error: --ids")
    assert list(out_dir.iterdir()) == []


def test_print_leaflet_and_booklets_from_the_command_line(store, patient, run, tmp_path):
    code, out, _ = run("print", "leaflet", FEATURED[0]["id"], "-o", tmp_path / "leaflet.pdf")
    assert code == 0 and "Cotteridge Walking Group" in out
    code, out, _ = run("print", "booklet", "--ids", FEATURED[0]["id"], FEATURED[1]["id"], "-o", tmp_path / "b.pdf")
    assert code == 0 and "2 services" in out
    assert "Contents" in page_texts((tmp_path / "b.pdf").read_bytes())[0]
    code, out, _ = run("print", "booklet", "--patient", patient, "-o", tmp_path / "p.pdf")
    assert code == 0 and "2 services" in out
    with store.session() as session:
        details = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "print")).all()
    assert details == ["activities booklet of 2 services"]
