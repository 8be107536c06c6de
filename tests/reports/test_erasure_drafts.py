"""Erasing a patient also removes the unsaved edits about them that the app parked while it was locked."""

import pytest
from sqlalchemy import select

from linkdesk.caseload.erasure import ErasureRefused, erase_patient
from linkdesk.caseload.errors import NotFound
from linkdesk.caseload.models import Patient
from linkdesk.cli import main
from linkdesk.store import open_store
from linkdesk.store.audit import read_events
from linkdesk.store.drafts import drop_drafts_where, names_patient, park, take

from ..conftest import PASSPHRASE

DIRECTORY_DRAFT = {"query": "walk", "service_id": "5f0c1d55-0b7e-4f7d-9a38-1c2a3f4e5d01", "notes": "Ring first."}


def patients_tab_draft(patient_id):
    """The shape the Patients tab parks: the record being edited (patient_id None for a new one)."""
    return {"patient_id": patient_id, "details": {"first_name": "Zebedee", "risk_notes": "Typed, not saved."}}


def plans_tab_draft(patient_id):
    return {"search": "quill", "patient_id": patient_id, "draft": {"what_matters": "Her garden."},
            "scores": {"anxiety": 4}}


def tomasz_id(store) -> int:
    with store.session() as session:
        return session.scalar(select(Patient.id).where(Patient.last_name == "Wielgosz"))


@pytest.mark.parametrize("payload, named", [
    (patients_tab_draft(7), True),
    (plans_tab_draft(7), True),
    (patients_tab_draft(None), False),  # a new patient, not yet saved: nobody's record
    (plans_tab_draft(17), False),
    (DIRECTORY_DRAFT, False),
    ({"open": [{"kind": "referral", "patient_id": 7}]}, True),  # a later tab may nest it
    ({"patient_id": "7"}, False),
    ({"patient_id": True}, False),  # True == 1 in Python; not an id
])
def test_which_drafts_name_a_patient(payload, named):
    assert names_patient(payload, 7) is named


def test_erasure_drops_only_that_patients_drafts_and_audits_it(caseload):
    store, erin = caseload.store, caseload.erin
    other = tomasz_id(store)
    park(store, {"patients": patients_tab_draft(erin.id), "plans": plans_tab_draft(other),
                 "directory": DIRECTORY_DRAFT})

    summary = erase_patient(store, erin.id, "Patient asked for erasure")

    assert summary.drafts == 1
    assert take(store) == {"plans": plans_tab_draft(other), "directory": DIRECTORY_DRAFT}
    rows = [(row.action, row.entity, row.entity_id, row.detail) for row in read_events(store, limit=2)]
    assert rows == [("delete", "patient", str(erin.id), "erased for good; reason: Patient asked for erasure"),
                    ("delete", "draft", "patients", f"unsaved edits about erased patient {erin.id}")]


def test_a_refused_erasure_keeps_every_draft(caseload):
    store, erin = caseload.store, caseload.erin
    drafts = {"patients": patients_tab_draft(erin.id), "plans": plans_tab_draft(erin.id)}
    park(store, drafts)
    with pytest.raises(ErasureRefused):
        erase_patient(store, erin.id, "  ")
    with pytest.raises(NotFound):
        erase_patient(store, 999, "asked")
    assert take(store) == drafts


def test_drop_drafts_where_deletes_in_the_callers_transaction(caseload):
    store = caseload.store
    park(store, {"patients": patients_tab_draft(3), "plans": plans_tab_draft(4)})
    with pytest.raises(RuntimeError):
        with store.session() as session:
            assert drop_drafts_where(session, lambda payload: True) == ["patients", "plans"]
            raise RuntimeError("the erasure failed after this")
    with store.session() as session:
        assert drop_drafts_where(session, lambda payload: payload["patient_id"] == 4) == ["plans"]
    assert set(take(store)) == {"patients"}


def test_erasing_from_the_command_line_while_the_app_is_locked(caseload, store_dir, monkeypatch, capsys):
    store, erin = caseload.store, caseload.erin
    park(store, {"plans": plans_tab_draft(erin.id)})  # as the app does when it locks
    store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    assert main(["patients", "erase", str(erin.id), "--reason", "asked", "--yes", "--data-dir", str(store_dir)]) == 0
    assert "Unsaved edits about them, kept while LinkDesk was locked, were removed too." in capsys.readouterr().out
    unlocked = open_store(store_dir, PASSPHRASE)
    try:
        assert take(unlocked) == {}  # what the app restores on unlock
    finally:
        unlocked.close()
