"""Nothing typed into a dialog is lost across a lock: Ctrl+L in the dialog, unlock, and it is open again, filled in.

Each test drives the whole main window over a real store: the dialog is typed into, the
lock closes it (parking what was typed, encrypted, in the store), the unlock reopens it,
and saving it then writes the record. Invented people only; NHS numbers from the 999 range.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from linkdesk.caseload.erasure import erase_patient
from linkdesk.caseload.nhs_number import complete
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.listing import list_caseload
from linkdesk.caseload.patients import create_patient, delete_patient, get_patient
from linkdesk.caseload.referral_form import ReferralDetails
from linkdesk.caseload.referrals import add_referral
from linkdesk.directory import demo as directory_demo
from linkdesk.directory.detail import get_service_detail
from linkdesk.plans import activities, measures
from linkdesk.store import TEST_KDF, create_store, drafts, open_store
from linkdesk.store.store import DB_NAME
from linkdesk.ui.directory.editor import ServiceEditorDialog
from linkdesk.ui.patients.referral_dialogs import ContactDialog, ReferralDialog, StatusDialog
from linkdesk.ui.plans.activities_panel import StatusDialog as ActivityStatusDialog
from linkdesk.ui.plans.measures_panel import DefineMeasureDialog

from ..conftest import PASSPHRASE
from ..helpers import contents
from ..plans.conftest import WALKING_GROUP

NOTES = "Talked about the allotment waiting list and the bus to Cotteridge"
NEXT_STEP = "Ring the allotment society on Friday"
MARKER = "MARKER-parked-contact-5527"


@pytest.fixture
def seeded(store_dir):
    """An invented patient with one referral and one suggested activity, and the demo directory; store closed."""
    made = create_store(store_dir, PASSPHRASE, kdf=TEST_KDF, cache_mib=8)
    directory_demo.add_demo_data(made)
    patient = create_patient(made, PatientDetails(first_name="Bronwen", last_name="Ellery-Test",
                                                  date_of_birth="23/06/1957", nhs_number=complete("999300000")))
    referral = add_referral(made, patient.id, ReferralDetails(
        received_on=date.today() - timedelta(days=20), source="gp", referrer="Dr Imran Test",
        needs=frozenset({"loneliness"})))
    activities.add_to_plan(made, patient.id, WALKING_GROUP)
    made.close()
    return SimpleNamespace(patient_id=patient.id, referral_id=referral.id)


@pytest.fixture
def window(make_window, qtbot, seeded):
    made = make_window()
    made.show()
    made.start()
    unlock(made, qtbot)
    made.ids = seeded
    return made


def unlock(window, qtbot) -> None:
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert window.store is not None


def lock_from(dialog, window, qtbot) -> None:
    """Press Ctrl+L in the dialog, as a link worker called away would."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    # Through the window system, as a real key press comes, so the shortcut map sees it first.
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.store is None and window.stack.currentWidget() is window.unlock_page
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def shown_anywhere(text: str) -> bool:
    """True if any text field in the application, closed dialogs not yet deleted included, holds `text`."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, QPlainTextEdit) and text in widget.toPlainText():
            return True
        if isinstance(widget, QLineEdit) and text in widget.text():
            return True
    return False


def open_dialog(kind):
    """The one visible dialog of this class."""
    shown = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, kind) and widget.isVisible()]
    assert len(shown) == 1, shown
    return shown[0]


def choose(combo, code) -> None:
    row = combo.findData(code)
    assert row >= 0, f"{code!r} is not offered"
    combo.setCurrentIndex(row)


def tab_titled(window, title):
    tab = next(tab for tab in window.tabs if tab.title == title)
    window.tab_widget.setCurrentWidget(tab)
    return tab


def open_referrals(window):
    patients = tab_titled(window, "Patients")
    patients.open_patient(window.ids.patient_id)
    patients.record_tabs.setCurrentWidget(patients.referrals)
    return patients


def type_contact(window, qtbot, notes: str = NOTES) -> ContactDialog:
    dialog = open_referrals(window).referrals.open_record_contact()
    choose(dialog.kind, "phone")
    dialog.duration.setValue(25)
    qtbot.keyClicks(dialog.notes, notes)
    qtbot.keyClicks(dialog.next_step, NEXT_STEP)
    return dialog


def the_referral(window):
    return next(referral for referral in get_patient(window.store, window.ids.patient_id).referrals
                if referral.id == window.ids.referral_id)


# -- the Patients tab ------------------------------------------------------------------------


def test_a_contact_being_typed_comes_back_after_the_lock_and_saves(window, qtbot):
    dialog = type_contact(window, qtbot)
    when = dialog.at.text()
    lock_from(dialog, window, qtbot)
    assert not shown_anywhere(NOTES)  # parked in the store, in no widget while locked

    unlock(window, qtbot)
    patients = tab_titled(window, "Patients")
    restored = patients.referrals.dialog
    assert isinstance(restored, ContactDialog) and restored.isVisible()
    assert patients.record_tabs.currentWidget() is patients.referrals
    assert (restored.notes.toPlainText(), restored.next_step.text(), restored.at.text()) == (NOTES, NEXT_STEP, when)
    assert restored.kind.currentData() == "phone" and restored.duration.value() == 25
    assert the_referral(window).contacts == []  # parked, not saved
    assert "kept while LinkDesk was locked" in patients.message.text()

    assert restored.submit()
    assert patients.message.text() == ""  # nothing unsaved is left to mention
    saved = [(contact.notes, contact.next_step, contact.kind, contact.duration_minutes)
             for contact in the_referral(window).contacts]
    assert saved == [(NOTES, NEXT_STEP, "phone", 25)]
    assert patients.referrals.contact_model.rowCount() == 1


def test_a_new_referral_being_typed_comes_back_and_saves(window, qtbot):
    dialog = open_referrals(window).referrals.open_add_referral()
    choose(dialog.source, "self")
    qtbot.keyClicks(dialog.referrer, "Herself, after a leaflet at the library")
    dialog.needs["money"].setChecked(True)
    qtbot.keyClicks(dialog.reason, "Worried about heating bills and not sleeping")
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(ReferralDialog)
    assert restored.referral_id is None  # still adding, not editing
    assert restored.source.currentData() == "self"
    assert restored.referrer.text() == "Herself, after a leaflet at the library"
    assert restored.reason.toPlainText() == "Worried about heating bills and not sleeping"
    assert [code for code, box in restored.needs.items() if box.isChecked()] == ["money"]

    assert restored.submit()
    referrals = get_patient(window.store, window.ids.patient_id).referrals
    assert sorted(referral.reason for referral in referrals) == ["", "Worried about heating bills and not sleeping"]


def test_a_referral_being_corrected_comes_back_as_an_edit_of_that_referral(window, qtbot):
    patients = open_referrals(window)
    dialog = patients.referrals.open_edit_referral()
    dialog.referrer.clear()
    qtbot.keyClicks(dialog.referrer, "Dr Imran Test, GP partner")
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(ReferralDialog)
    assert restored.referral_id == window.ids.referral_id
    assert restored.referrer.text() == "Dr Imran Test, GP partner"
    assert restored.submit()
    assert the_referral(window).referrer == "Dr Imran Test, GP partner"
    assert len(get_patient(window.store, window.ids.patient_id).referrals) == 1


def test_a_status_change_being_typed_comes_back_and_saves(window, qtbot):
    dialog = open_referrals(window).referrals.open_change_status()
    choose(dialog.status, "declined")
    qtbot.keyClicks(dialog.note, "Would rather wait until after the operation")
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(StatusDialog)
    assert restored.status.currentData() == "declined"
    assert restored.note.text() == "Would rather wait until after the operation"
    assert the_referral(window).status == "received"
    assert restored.submit()
    assert the_referral(window).status == "declined"


def test_cancel_throws_the_text_away_and_the_lock_brings_nothing_back(window, qtbot):
    dialog = type_contact(window, qtbot)
    qtbot.keyClick(dialog.next_step, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.lock()
    unlock(window, qtbot)
    patients = tab_titled(window, "Patients")
    assert patients.referrals.dialog is None and not shown_anywhere(NOTES)


def test_the_parked_contact_is_encrypted_in_the_store_files(window, qtbot, store_dir):
    dialog = type_contact(window, qtbot, notes=MARKER)
    lock_from(dialog, window, qtbot)

    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
        path = store_dir / name
        if path.exists():
            data = path.read_bytes()
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert MARKER.encode(encoding) not in data, f"{name} ({encoding})"
    # It is there all the same, under the key: read with the passphrase, the parked draft holds it.
    store = open_store(store_dir, PASSPHRASE)
    try:
        assert any(MARKER in payload for _key, payload in contents(store)["drafts"])
    finally:
        store.close()

    unlock(window, qtbot)
    assert open_dialog(ContactDialog).notes.toPlainText() == MARKER


def test_a_patient_erased_while_locked_takes_their_parked_contact_with_them(window, qtbot, store_dir):
    dialog = type_contact(window, qtbot, notes=MARKER)
    lock_from(dialog, window, qtbot)

    # Erased from the command line while the app is locked.
    store = open_store(store_dir, PASSPHRASE)
    try:
        assert any(MARKER in payload for _key, payload in contents(store)["drafts"])
        summary = erase_patient(store, window.ids.patient_id, "Asked to be forgotten (invented)")
        assert summary.drafts == 1
        assert not any(MARKER in payload for _key, payload in contents(store)["drafts"])
    finally:
        store.close()

    unlock(window, qtbot)
    patients = tab_titled(window, "Patients")
    assert patients.patient is None and patients.referrals.dialog is None
    assert not [widget for widget in QApplication.topLevelWidgets()
                if isinstance(widget, ContactDialog) and widget.isVisible()]
    assert not shown_anywhere(MARKER)
    assert drafts.take(window.store) == {}


def test_a_contact_whose_referral_is_gone_is_not_reopened_and_says_so(window, qtbot, store_dir):
    dialog = type_contact(window, qtbot)
    lock_from(dialog, window, qtbot)
    # The referral it was for has gone by the time of the unlock (the parked draft is pointed elsewhere).
    store = open_store(store_dir, PASSPHRASE)
    try:
        parked = drafts.take(store)
        parked["patients"]["dialog"]["referral_id"] = window.ids.referral_id + 1000
        drafts.park(store, parked)
    finally:
        store.close()

    unlock(window, qtbot)
    patients = tab_titled(window, "Patients")
    assert patients.patient.id == window.ids.patient_id and patients.referrals.dialog is None
    assert "could not be brought back" in patients.message.text()
    assert "referral is no longer" in patients.message.text()


# -- the Plans tab -------------------------------------------------------------------------


def open_plan(window, qtbot):
    plans = tab_titled(window, "Plans")
    assert plans.choose_patient(window.ids.patient_id)
    return plans


def test_an_activity_status_change_being_typed_comes_back_and_saves(window, qtbot):
    plans = open_plan(window, qtbot)
    plans.sections.setCurrentWidget(plans.activities)
    plans.activities.table.selectRow(0)
    dialog = plans.activities.change_status()
    choose(dialog.status, "declined")
    qtbot.keyClicks(dialog.reason, "Mornings are hard with the new medication")
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(ActivityStatusDialog)
    assert plans.sections.currentWidget() is plans.activities
    assert restored.status.currentData() == "declined"
    assert restored.reason.text() == "Mornings are hard with the new medication"
    restored.save()
    assert not restored.isVisible()
    [activity] = activities.list_activities(window.store, window.ids.patient_id)
    assert (activity.status, activity.reason) == ("declined", "Mornings are hard with the new medication")


def test_a_measure_being_defined_comes_back_and_saves(window, qtbot):
    plans = open_plan(window, qtbot)
    plans.sections.setCurrentWidget(plans.measures)
    dialog = plans.measures.define()
    qtbot.keyClicks(dialog.name, "Feeling connected")
    qtbot.keyClicks(dialog.items, "I have someone to talk to")
    qtbot.keyClick(dialog.items, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.items, "I feel part of my community")
    dialog.high.setValue(7)
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(DefineMeasureDialog)
    assert restored.name.text() == "Feeling connected"
    assert restored.items.toPlainText() == "I have someone to talk to\nI feel part of my community"
    assert restored.high.value() == 7
    restored.save()
    assert "Feeling connected" in [info.measure.name for info in measures.list_definitions(window.store)]


# -- the Directory tab ---------------------------------------------------------------------


def test_a_new_service_being_typed_comes_back_and_saves(window, qtbot):
    directory = tab_titled(window, "Directory")
    dialog = directory.add_service()
    qtbot.keyClicks(dialog.name, "Stirchley Repair Cafe")
    qtbot.keyClicks(dialog.organisation, "Stirchley Neighbours")
    qtbot.keyClicks(dialog.description, "Bring something broken; mend it with a volunteer over tea.")
    qtbot.keyClicks(dialog.postcode, "B30 2PH")
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(ServiceEditorDialog)
    assert restored.service_id is None
    assert (restored.name.text(), restored.organisation.text(), restored.postcode.text()) == (
        "Stirchley Repair Cafe", "Stirchley Neighbours", "B30 2PH")
    assert restored.description.toPlainText() == "Bring something broken; mend it with a volunteer over tea."
    restored.submit()
    assert not restored.isVisible()
    saved = get_service_detail(window.store, restored.saved_id)
    assert (saved.name, saved.description) == ("Stirchley Repair Cafe",
                                               "Bring something broken; mend it with a volunteer over tea.")


def test_a_service_being_edited_comes_back_as_an_edit_of_that_service(window, qtbot):
    directory = tab_titled(window, "Directory")
    directory.select_service(WALKING_GROUP)
    dialog = directory.edit_service()
    dialog.alert.clear()
    qtbot.keyClicks(dialog.alert, "No walk on the first Tuesday in January")
    lock_from(dialog, window, qtbot)

    unlock(window, qtbot)
    restored = open_dialog(ServiceEditorDialog)
    assert restored.service_id == WALKING_GROUP and restored.windowTitle() == "Edit service"
    assert restored.alert.text() == "No walk on the first Tuesday in January"
    restored.submit()
    assert not restored.isVisible()
    assert "No walk on the first Tuesday in January" in str(get_service_detail(window.store, WALKING_GROUP))


def test_an_edit_of_a_service_no_longer_in_the_directory_is_not_reopened_and_says_so(window, qtbot, store_dir):
    directory = tab_titled(window, "Directory")
    directory.select_service(WALKING_GROUP)
    dialog = directory.edit_service()
    qtbot.keyClicks(dialog.alert, " Closed for the summer")
    lock_from(dialog, window, qtbot)
    store = open_store(store_dir, PASSPHRASE)
    try:
        parked = drafts.take(store)
        parked["directory"]["dialog"]["service_id"] = "no-such-service-test"
        drafts.park(store, parked)
    finally:
        store.close()

    unlock(window, qtbot)
    assert not [widget for widget in QApplication.topLevelWidgets()
                if isinstance(widget, ServiceEditorDialog) and widget.isVisible()]
    assert "could not be brought back" in directory.message.text()
    assert "no longer in the directory" in directory.message.text()


def test_unsaved_details_of_a_record_gone_meanwhile_never_become_a_new_patient(window, qtbot):
    """A parked edit whose patient was removed while the app was locked is not restored at all."""
    patients = next(tab for tab in window.tabs if tab.title == "Patients")
    patients.open_patient(window.ids.patient_id)
    patients.editor.widgets["preferred_name"].setText("Bron")
    patients.editor.edited.emit()
    window.lock()
    elsewhere = open_store(window.folder, PASSPHRASE, cache_mib=8)
    delete_patient(elsewhere, window.ids.patient_id)  # removed, the parked draft left behind
    elsewhere.close()
    unlock(window, qtbot)
    assert patients.patient is None and not patients.editor.dirty
    assert "no longer in the store" in patients.message.text()
    assert patients.editor.widgets["preferred_name"].text() == ""
    assert patients.save() is True  # nothing to save: no new patient is made from the old edit
    assert list_caseload(window.store) == []
