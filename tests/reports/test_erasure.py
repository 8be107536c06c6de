"""Erasure really removes a patient: through SQL, in a plaintext export, and in the decrypted file bytes.

Including what the live record no longer shows: values corrected away (kept in the history
of changes until then) and unsaved edits the app parked while it was locked.
"""

import re
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from linkdesk.caseload.erasure import ErasureRefused, ReasonIdentifiesPatient, erase_patient, erasure_preview
from linkdesk.caseload.errors import NotFound
from linkdesk.caseload.models import Patient, Referral
from linkdesk.caseload.nhs_number import complete
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.patients import details_of, get_patient, update_patient
from linkdesk.cli import main
from linkdesk.plans.models import MeasureRecord
from linkdesk.reports.gather import make_report
from linkdesk.store import open_store
from linkdesk.store.audit import AuditEvent, read_events
from linkdesk.store.drafts import park
from linkdesk.store.store import read_store_header, unlock_key

from ..conftest import PASSPHRASE
from .conftest import MARKER, TODAY
from .sqlcipher_pages import decrypted_pages, libcrypto

SURNAME = "Quillfeather"
# Values corrected away before the erasure: kept only in the patient's history of changes.
NEW_SURNAME, OLD_ADDRESS, NEW_ADDRESS = "Ravensworth", "3 Thistledown Row", "9 Larkspur Close"
DRAFT_NOTE = "Gorsemoor"  # typed into the record but not saved when the app was locked


def rows_mentioning(store, text: str) -> list[tuple[str, tuple]]:
    """Every row of every table in which any text or blob column contains `text`."""
    needle = text.encode()
    found = []
    connection = store.raw_connection()
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if (isinstance(value, str) and text in value) or (isinstance(value, bytes) and needle in value):
                        found.append((table, row))
    finally:
        connection.close()
    return found


def plaintext_export(store, target) -> bytes:
    connection = store.raw_connection()
    try:
        connection.execute(f"ATTACH DATABASE '{target}' AS plaintext KEY ''")
        connection.execute("SELECT sqlcipher_export('plaintext')")
        connection.execute("DETACH DATABASE plaintext")
    finally:
        connection.close()
    return target.read_bytes()


def checkpoint(store) -> None:
    connection = store.raw_connection()
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def rectify(store, patient_id: int) -> None:
    """Correct the address twice and the surname once, so the old values live on only in the history."""
    details = details_of(get_patient(store, patient_id))
    update_patient(store, patient_id, replace(details, address_line_1=OLD_ADDRESS), today=TODAY)
    update_patient(store, patient_id, replace(details, address_line_1=NEW_ADDRESS, last_name=NEW_SURNAME),
                   today=TODAY)


def test_erasure_removes_every_trace_and_keeps_a_reasoned_audit_row(caseload, store_dir, tmp_path):
    store, erin = caseload.store, caseload.erin
    key, _, _ = unlock_key(store_dir, read_store_header(store_dir), PASSPHRASE)
    lib = libcrypto()
    rectify(store, erin.id)
    assert {table for table, _ in rows_mentioning(store, SURNAME)} == {"patient_revision"}
    assert {table for table, _ in rows_mentioning(store, OLD_ADDRESS)} == {"patient_revision"}
    park(store, {"patients": {"patient_id": erin.id, "details": {"last_name": NEW_SURNAME,
                                                                 "risk_notes": f"Walks on {DRAFT_NOTE} common."}}})
    assert rows_mentioning(store, MARKER)  # present before: the searches below can find it
    assert MARKER.encode() in plaintext_export(store, tmp_path / "before.db")
    if lib is not None:
        checkpoint(store)
        pages = decrypted_pages(lib, store.db_path, key)
        assert pages[0][:2] == b"\x10\x00"  # bytes 16-17 of a SQLite header: page size 4096
        assert any(MARKER.encode() in page for page in pages)
        for trace in (SURNAME, OLD_ADDRESS, DRAFT_NOTE):
            assert any(trace.encode() in page for page in pages), trace

    preview = erasure_preview(store, erin.id)
    assert preview.describe() == "1 referral, 2 contacts, 1 agreed activity, 0 plan versions, 2 measures"
    summary = erase_patient(store, erin.id, "  Patient asked for erasure  (Article 17) ")
    assert summary.checkpointed

    assert rows_mentioning(store, MARKER) == [] and rows_mentioning(store, SURNAME) == []
    for trace in (NEW_SURNAME, OLD_ADDRESS, NEW_ADDRESS, DRAFT_NOTE):
        assert rows_mentioning(store, trace) == [], trace
    assert MARKER.encode() not in plaintext_export(store, tmp_path / "after.db")
    wal = store.db_path.with_name(store.db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    for path in (store.db_path, wal):
        if path.exists():
            assert MARKER.encode() not in path.read_bytes()
    if lib is not None:
        pages = decrypted_pages(lib, store.db_path, key)
        assert not any(MARKER.encode() in page or SURNAME.encode() in page for page in pages)
        for trace in (NEW_SURNAME, OLD_ADDRESS, NEW_ADDRESS, DRAFT_NOTE):
            assert not any(trace.encode() in page for page in pages), trace

    with store.session() as session:
        assert session.get(Patient, erin.id) is None
        assert session.scalar(select(func.count()).select_from(MeasureRecord)) == 0
        assert session.scalar(select(func.count()).select_from(Referral)) == 1  # the other patient's
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.entity, event.entity_id) == ("delete", "patient", str(erin.id))
    assert event.detail == "erased for good; reason: Patient asked for erasure (Article 17)"
    assert make_report(store, date(2026, 10, 1), date(2026, 11, 30)).referrals_received == 1


def test_erasure_needs_a_reason_and_an_existing_patient(caseload):
    store, erin = caseload.store, caseload.erin
    with pytest.raises(ErasureRefused, match="Say why"):
        erase_patient(store, erin.id, "   ")
    with pytest.raises(ErasureRefused, match="too long"):
        erase_patient(store, erin.id, "x" * 501)
    with pytest.raises(NotFound, match="no patient with id 999"):
        erase_patient(store, 999, "asked")
    assert rows_mentioning(store, MARKER)  # nothing was removed
    with store.session() as session:
        assert session.get(Patient, erin.id) is not None


def assert_nothing_erased(store, patient_id, *traces):
    with store.session() as session:
        assert session.get(Patient, patient_id) is not None
    events = read_events(store)
    assert not [event for event in events if event.action == "delete" and event.entity == "patient"]
    for trace in traces:
        assert not [event for event in events if trace.casefold() in (event.detail or "").casefold()], trace


# Erin is Zebedee Quillfeather, born 2 April 1958, NHS number 999 000 0018.
@pytest.mark.parametrize("reason, what", [
    ("Zebedee asked to be forgotten", "name"),
    ("Asked by phone: ms QUILLFEATHER, under Article 17", "name"),
    ("Patient 999 000 0018 asked to be forgotten", "NHS number"),
    ("Patient 9990000018 asked", "NHS number"),
    ("Patient born 1958-04-02 asked", "date of birth"),
    ("Patient born 02/04/1958 asked", "date of birth"),
    ("Patient born 2/4/58 asked", "date of birth"),
    ("Patient born 2 Apr 1958 asked", "date of birth"),
    ("Patient born 2nd April 1958 asked", "date of birth"),
])
def test_a_reason_that_identifies_the_patient_is_refused_and_nothing_is_erased(caseload, reason, what):
    store, erin = caseload.store, caseload.erin
    with pytest.raises(ReasonIdentifiesPatient, match=fr"gives the patient's {what} \(“.+”\).*Nothing was erased"
                       ) as refused:
        erase_patient(store, erin.id, reason)
    assert isinstance(refused.value, ErasureRefused) and refused.value.what == what
    assert "without naming the person" in str(refused.value)
    assert rows_mentioning(store, MARKER)  # nothing was removed
    assert_nothing_erased(store, erin.id, reason)


def test_preferred_names_and_parts_of_names_count_but_not_within_words_or_single_letters(store):
    maureen = create_patient(store, PatientDetails(first_name="Maureen", last_name="Allsop-Test", preferred_name="Mo",
                                                   date_of_birth="12/04/1941", nhs_number=complete("999300000")))
    for reason, found in (("Mo asked us to forget her", "name (“Mo”)"), ("Mrs allsop asked", "name (“allsop”)"),
                          ("Maureen Allsop, NHS 999 300 0000, asked", "name (“Maureen”)"),
                          ("Asked in person, NHS 999-300-0000", "NHS number (“999-300-0000”)"),
                          ("Asked in person, born 12 Apr 1941", "date of birth (“12 Apr 1941”)")):
        with pytest.raises(ReasonIdentifiesPatient, match=re.escape(f"gives the patient's {found}.")):
            erase_patient(store, maureen.id, reason)
    assert_nothing_erased(store, maureen.id, "Allsop", "999 300 0000", "Mo asked")
    # "Mo" is not in "Moved", and the same day in another year is no date of birth.
    erase_patient(store, maureen.id, "Moved away; asked on 12/04/2026 under Article 17")
    with pytest.raises(NotFound):
        erase_patient(store, maureen.id, "asked")


def test_a_one_letter_name_is_not_looked_for(store):
    initial = create_patient(store, PatientDetails(first_name="Jo", last_name="Pellow-Test", preferred_name="J",
                                                   date_of_birth="01/01/1980"))
    erase_patient(store, initial.id, "Asked in writing; letter ref J/26/4")
    assert [event.detail for event in read_events(store) if event.entity == "patient" and event.action == "delete"
            ] == ["erased for good; reason: Asked in writing; letter ref J/26/4"]


@pytest.fixture
def folder(caseload, store_dir, monkeypatch):
    caseload.store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    return store_dir


def test_erase_command_asks_unless_yes(folder, caseload, capsys, monkeypatch):
    patient_id = str(caseload.erin.id)
    # No terminal to ask at: refused, nothing erased.
    assert main(["patients", "erase", patient_id, "--reason", "asked", "--data-dir", str(folder)]) == 2
    assert "add --yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main(["patients", "erase", patient_id, "--reason", "asked", "--data-dir", str(folder)]) == 1
    assert "Nothing was erased." in capsys.readouterr().out
    store = open_store(folder, PASSPHRASE)
    try:
        assert rows_mentioning(store, MARKER)
    finally:
        store.close()
    assert main(["patients", "erase", patient_id, "--reason", "asked", "--yes", "--data-dir", str(folder)]) == 0
    assert f"Erased patient {patient_id}: 1 referral, 2 contacts" in capsys.readouterr().out
    store = open_store(folder, PASSPHRASE)
    try:
        assert rows_mentioning(store, MARKER) == []
    finally:
        store.close()
    assert main(["patients", "erase", patient_id, "--reason", "asked", "--yes", "--data-dir", str(folder)]) == 1
    assert f"There is no patient with id {patient_id}." in capsys.readouterr().err


def test_erase_command_refuses_a_reason_naming_the_patient(folder, caseload, capsys):
    patient_id = str(caseload.erin.id)
    reason = "Zebedee Quillfeather, NHS 999 000 0018, asked to be forgotten"
    assert main(["patients", "erase", patient_id, "--reason", reason, "--yes", "--data-dir", str(folder)]) == 1
    error = capsys.readouterr().err
    assert "gives the patient's name" in error and "Nothing was erased" in error
    store = open_store(folder, PASSPHRASE)
    try:
        assert rows_mentioning(store, MARKER)
        assert_nothing_erased(store, caseload.erin.id, "Quillfeather", "999 000 0018")
    finally:
        store.close()


def test_erase_command_help_says_not_to_name_the_person(capsys):
    with pytest.raises(SystemExit):
        main(["patients", "erase", "--help"])
    assert "without naming the person: the reason is kept in the audit log for good" in " ".join(
        capsys.readouterr().out.split())


def test_names_and_dates_written_another_way_are_found_and_short_words_are_not_names(store):
    zoe = create_patient(store, PatientDetails(first_name="Zoë", last_name="O'Brien-Test", date_of_birth="12/04/1941"))
    for reason, found in (("Zoe asked to be forgotten", "name (“Zoe”)"),
                          ("Asked by Ms O’Brien-Test in writing", "name (“O’Brien-Test”)"),
                          ("ref smith_brien asked", "name (“brien”)"),
                          ("born 12-Apr-1941", "date of birth (“12-Apr-1941”)"),
                          ("born 12 04 1941", "date of birth (“12 04 1941”)"),
                          ("dob12/04/1941 asked", "date of birth (“12/04/1941”)"),
                          ("born 12 April 41", "date of birth (“12 April 41”)"),
                          ("dob 120441", "date of birth (“120441”)")):
        with pytest.raises(ReasonIdentifiesPatient, match=re.escape(f"gives the patient's {found}.")):
            erase_patient(store, zoe.id, reason)
    assert_nothing_erased(store, zoe.id)

    # Surnames that are everyday words, and particles, are looked for only in the whole name.
    ann = create_patient(store, PatientDetails(first_name="Ann", last_name="He", date_of_birth="01/01/1980"))
    cruz = create_patient(store, PatientDetails(first_name="Maria", last_name="de la Cruz-Test",
                                                date_of_birth="02/02/1970"))
    with pytest.raises(ReasonIdentifiesPatient, match="name"):
        erase_patient(store, ann.id, "Ann He asked by phone")
    erase_patient(store, ann.id, "He asked by phone; to do it under Article 17")
    erase_patient(store, cruz.id, "Asked at the surgery; the letter is on file at la Maison de Santé")
