"""The Patients tab over the demo caseload: find, open, add with checks, duplicates, lock."""

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from linkdesk.caseload import demo
from linkdesk.caseload.listing import list_caseload
from linkdesk.caseload.nhs_number import complete
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.store.audit import read_events
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.patients.caseload_model import CaseloadTableModel
from linkdesk.ui.patients.tab import PatientsTab
from linkdesk.ui.workspace import WorkspaceContext

from .conftest import type_details


@pytest.fixture
def tab(qtbot, store, runner):
    demo.add_demo_data(store)
    made = PatientsTab(WorkspaceContext(runner, ClipboardGuard(), lambda text: None))
    qtbot.addWidget(made)
    made.store_opened(store)
    yield made
    made.clear_for_lock()


def _find(qtbot, tab, text):
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, text)
    qtbot.waitUntil(lambda: not tab._filter_timer.isActive(), timeout=2000)


def _names(tab):
    return [tab.proxy.index(row, CaseloadTableModel.NAME).data() for row in range(tab.proxy.rowCount())]


def test_the_caseload_and_today_panel_load_and_typing_finds_people(tab, qtbot, store):
    assert tab.proxy.rowCount() == len(list_caseload(store)) >= 30
    assert tab.today_model.rowCount() > 0
    assert tab.today_box.title().startswith("Today (")
    first = tab.model.row_data(0)
    _find(qtbot, tab, first.display_name.split()[-1][:4])
    assert first.display_name in _names(tab)
    assert tab.proxy.rowCount() < len(list_caseload(store))
    nhs = next(row.nhs_number for row in list_caseload(store) if row.nhs_number)
    _find(qtbot, tab, nhs.replace(" ", ""))
    assert tab.proxy.rowCount() == 1
    assert tab.count_label.text().startswith("1 of")


def test_status_filter_keeps_only_that_status(tab, qtbot):
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("active"))
    qtbot.waitUntil(lambda: not tab._filter_timer.isActive(), timeout=2000)
    statuses = {tab.model.row_data(row).status for row in range(tab.model.rowCount())}
    assert statuses == {"active"}


def test_opening_a_record_shows_it_and_is_audited_as_a_view(tab, store):
    row = tab.model.row_data(0)
    tab._open_index(tab.proxy.index(0, 0))
    assert tab.patient.id == row.patient_id
    assert tab.editor.widgets["first_name"].text() in row.display_name
    assert row.display_name.split()[0] in tab.record_title.text()
    assert ("view", "patient", str(row.patient_id)) in [(e.action, e.entity, e.entity_id) for e in read_events(store)]
    assert not tab.save_button.isEnabled()


def test_a_new_record_with_mistakes_is_marked_field_by_field_and_nothing_is_saved(tab, qtbot, store):
    before = len(list_caseload(store))
    tab.new_patient()
    type_details(qtbot, tab, first_name="Bogdan", last_name="Ionescu-Test", date_of_birth="31/02/1980",
          nhs_number="9990000019", postcode="B30 ZZZZ9", email="bogdan@")
    assert tab.editor.problem_text("date_of_birth")
    assert tab.editor.problem_text("postcode")
    assert tab.editor.problem_text("email")
    assert not tab.save()
    assert "not saved" in tab.message.text()
    assert len(list_caseload(store)) == before

    type_details(qtbot, tab, date_of_birth="28/02/1980", postcode="B30 2PS", email="bogdan@example.org",
          nhs_number=complete("999777123"))
    assert tab.save()
    assert len(list_caseload(store)) == before + 1
    assert "Bogdan Ionescu-Test" in _names(tab)
    assert tab.patient is not None and not tab.save_button.isEnabled()


def test_the_same_nhs_number_offers_the_existing_record_and_adds_nobody(tab, qtbot, store, monkeypatch):
    existing = next(row for row in list_caseload(store) if row.nhs_number)
    before = len(list_caseload(store))
    monkeypatch.setattr(tab, "ask_duplicate", lambda error: "open")
    tab.new_patient()
    type_details(qtbot, tab, first_name="Someone", last_name="Else", date_of_birth="01/01/1990",
          nhs_number=existing.nhs_number.replace(" ", ""))
    assert not tab.save()
    assert len(list_caseload(store)) == before
    assert tab.patient.id == existing.patient_id


def test_same_name_and_birth_date_may_be_saved_as_a_different_person(tab, qtbot, store, monkeypatch):
    existing = tab.model.row_data(0)
    first, last = existing.display_name.split(" ", 1)
    before = len(list_caseload(store))
    monkeypatch.setattr(tab, "ask_duplicate", lambda error: "save")
    tab.new_patient()
    type_details(qtbot, tab, first_name=first, last_name=last,
          date_of_birth=existing.date_of_birth.strftime("%d/%m/%Y"))
    assert tab.save()
    assert len(list_caseload(store)) == before + 1


def test_clicking_a_today_item_opens_that_patient(tab, qtbot):
    item = tab.today_model.item(0)
    tab.today_view.clicked.emit(tab.today_model.index(0))
    assert tab.patient.id == item.patient_id


def test_lock_clears_every_field_and_unsaved_edits_come_back(tab, qtbot, store):
    tab._open_index(tab.proxy.index(0, 0))
    patient_id = tab.patient.id
    type_details(qtbot, tab, preferred_name="Typed before the lock")
    snapshot = tab.lock_snapshot()
    assert snapshot is not None
    tab.clear_for_lock()
    texts = [w.text() for w in tab.findChildren(QLineEdit)] + [w.toPlainText() for w in tab.findChildren(QPlainTextEdit)]
    # Only the blank form's own default (main language "English") may remain: nothing of the patient.
    assert {text for text in texts if text} <= {PatientDetails().main_language}
    assert tab.model.rowCount() == 0 and tab.today_model.rowCount() == 0
    assert tab.referrals.referral_model.rowCount() == 0
    tab.store_opened(store)
    tab.restore_snapshot(snapshot)
    assert tab.patient.id == patient_id
    assert tab.editor.widgets["preferred_name"].text() == "Typed before the lock"
    assert tab.save_button.isEnabled()
