"""The referrals and contacts panel driven as a link worker would, over a real store."""

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from linkdesk.caseload import patients, practices, referrals
from linkdesk.caseload.nhs_number import complete
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.referral_form import ReferralDetails
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.patients.referrals_panel import COPIED, ContactTableModel, ReferralsPanel, ReferralTableModel
from linkdesk.ui.workspace import WorkspaceContext

from ...caseload.conftest import counts

ACCEPTED = "871731000000106"
DECLINED = "871711000000103"
RECEIVED_ON = date.today() - timedelta(days=10)
REFERRER = "Dr Priya Shah"


@pytest.fixture
def worker(store):
    return practices.add_link_worker(store, "Sam Okafor", organisation="Bournville and Northfield PCN")


@pytest.fixture
def patient_id(store):
    nhs = complete("999100000")
    return patients.create_patient(store, PatientDetails(first_name="Aisha", last_name="Rahman",
                                                         date_of_birth="14/03/1961", nhs_number=nhs)).id


@pytest.fixture
def referral_id(store, patient_id, worker):
    details = ReferralDetails(received_on=RECEIVED_ON, source="gp", referrer=REFERRER,
                              needs=frozenset({"loneliness", "money"}), link_worker_id=worker.id)
    return referrals.add_referral(store, patient_id, details).id


@pytest.fixture
def panel(qtbot, runner):
    statuses = []
    guard = ClipboardGuard()
    made = ReferralsPanel(WorkspaceContext(runner, guard, statuses.append))
    made.statuses, made.guard, made.changes = statuses, guard, []
    made.changed.connect(lambda: made.changes.append(True))
    qtbot.addWidget(made)
    made.resize(1000, 700)
    made.show()
    yield made
    made.clear()


def show(panel, store, patient_id):
    panel.set_patient(store, patients.get_patient(store, patient_id))


def choose(combo: QComboBox, code) -> None:
    row = combo.findData(code)
    assert row >= 0, f"{code!r} is not offered"
    combo.setCurrentIndex(row)


def cell(model, row, column) -> str:
    return model.index(row, column).data()


def referral_column(panel, column) -> list[str]:
    return [cell(panel.referral_model, row, column) for row in range(panel.referral_model.rowCount())]


def test_adding_a_referral_through_the_dialog_shows_it_newest_first(panel, store, patient_id, referral_id, worker):
    show(panel, store, patient_id)
    assert referral_column(panel, ReferralTableModel.REFERRER) == [REFERRER]
    dialog = panel.open_add_referral()
    assert dialog.isVisible()
    dialog.received_on.setText((date.today() - timedelta(days=2)).strftime("%d/%m/%Y"))
    choose(dialog.source, "council")
    dialog.referrer.setText("Housing officer, Birmingham City Council")
    dialog.needs["housing"].setChecked(True)
    dialog.needs["other"].setChecked(True)
    dialog.needs_other.setText("Help with a garden")
    choose(dialog.link_worker, worker.id)

    assert dialog.submit()
    assert not dialog.isVisible()
    assert panel.changes == [True]
    assert referral_column(panel, ReferralTableModel.REFERRER) == ["Housing officer, Birmingham City Council", REFERRER]
    new = panel.selected_referral()
    assert new.referrer.startswith("Housing officer")  # the new one is selected, ready for a first contact
    assert cell(panel.referral_model, 0, ReferralTableModel.SOURCE) == "Local agency: council"
    assert cell(panel.referral_model, 0, ReferralTableModel.NEEDS) == "Housing; Help with a garden"
    assert cell(panel.referral_model, 0, ReferralTableModel.STATUS) == "Received"
    assert cell(panel.referral_model, 0, ReferralTableModel.WORKER) == "Sam Okafor"
    stored = patients.get_patient(store, patient_id).referrals
    assert len(stored) == 2


def test_editing_a_referral_keeps_its_status_and_changes_what_was_typed(panel, store, patient_id, referral_id):
    show(panel, store, patient_id)
    dialog = panel.open_edit_referral()
    assert dialog.referrer.text() == REFERRER
    assert dialog.needs["money"].isChecked()
    dialog.referrer.setText("Nurse Ellie Watts")
    assert dialog.submit()
    assert referral_column(panel, ReferralTableModel.REFERRER) == ["Nurse Ellie Watts"]
    assert patients.get_patient(store, patient_id).referrals[0].referrer == "Nurse Ellie Watts"


@pytest.mark.parametrize("typed, expected", [
    ("", "Enter the date the referral was received."),
    ((date.today() + timedelta(days=3)).strftime("%d/%m/%Y"), "The date received cannot be in the future."),
    ("31/02/2026", "31/02/2026 is not a real date (check the day and the month)."),
])
def test_a_bad_received_date_is_shown_under_its_field_and_nothing_is_written(panel, store, patient_id, typed,
                                                                             expected):
    show(panel, store, patient_id)
    before = counts(store)
    dialog = panel.open_add_referral()
    dialog.received_on.setText(typed)
    dialog.needs["other"].setChecked(True)  # and no source, no other need: every problem at once

    assert not dialog.submit()
    assert dialog.isVisible()
    assert dialog.form.problem("received_on") == expected
    assert dialog.form.problem("source") == "Choose where the referral came from."
    assert dialog.form.problem("needs_other") == "Say what the other need is."
    assert dialog.form.problem("referrer") == ""
    assert "3 problems" in dialog.message.text()
    assert counts(store) == before
    assert panel.referral_model.rowCount() == 0
    assert panel.changes == []

    dialog.received_on.setText(RECEIVED_ON.strftime("%d/%m/%Y"))
    choose(dialog.source, "self")
    dialog.needs["other"].setChecked(False)
    assert dialog.submit()  # corrected in the same dialog, the problems go and it saves
    assert panel.referral_model.rowCount() == 1


@pytest.mark.parametrize("status, code, label", [("active", ACCEPTED, "Active"), ("declined", DECLINED, "Declined")])
def test_accepting_or_declining_records_its_snomed_code(panel, store, patient_id, referral_id, status, code, label):
    show(panel, store, patient_id)
    assert referral_column(panel, ReferralTableModel.SNOMED) == [""]
    dialog = panel.open_change_status()
    choose(dialog.status, status)
    assert code in dialog.snomed.text()  # said before saving
    assert dialog.submit()
    assert referral_column(panel, ReferralTableModel.STATUS) == [label]
    assert referral_column(panel, ReferralTableModel.SNOMED) == [code]
    assert panel.changes == [True]
    stored = patients.get_patient(store, patient_id).referrals[0]
    assert [change.snomed_code for change in stored.status_changes] == [None, code]


def test_only_allowed_statuses_are_offered_and_a_discharge_needs_a_reason(panel, store, patient_id, referral_id):
    show(panel, store, patient_id)
    dialog = panel.open_change_status()
    assert dialog.offered() == ["contacted", "active", "declined", "unable_to_contact"]
    choose(dialog.status, "contacted")
    assert "No SNOMED CT code" in dialog.snomed.text()
    choose(dialog.status, "active")
    assert dialog.submit()

    dialog = panel.open_change_status()
    assert dialog.offered() == ["discharged"]
    assert not dialog.discharge_reason.currentData()
    before = counts(store)
    assert not dialog.submit()
    assert dialog.form.problem("discharge_reason") == "Choose a reason for the discharge."
    assert counts(store) == before
    choose(dialog.discharge_reason, "goals_met")
    assert dialog.submit()
    assert referral_column(panel, ReferralTableModel.STATUS) == ["Discharged (Goals met)"]
    assert not panel.status_button.isEnabled()  # a discharge is final
    assert panel.open_change_status() is None


def test_a_status_change_dated_before_the_last_one_is_refused_plainly(panel, store, patient_id, referral_id):
    show(panel, store, patient_id)
    dialog = panel.open_change_status()
    choose(dialog.status, "active")
    dialog.on.setText((RECEIVED_ON - timedelta(days=1)).strftime("%d/%m/%Y"))
    before = counts(store)
    assert not dialog.submit()
    assert "cannot be dated before the referral's last change" in dialog.message.text()
    assert counts(store) == before
    assert referral_column(panel, ReferralTableModel.STATUS) == ["Received"]


def test_recording_a_contact_shows_it_and_the_first_attended_one_means_contacted(panel, store, patient_id,
                                                                               referral_id):
    show(panel, store, patient_id)
    assert panel.contact_model.rowCount() == 0
    missed = panel.open_record_contact()
    choose(missed.kind, "phone")
    missed.at.setText((RECEIVED_ON + timedelta(days=1)).strftime("%d/%m/%Y 10:00"))
    missed.did_not_attend.setChecked(True)
    assert missed.submit()
    assert referral_column(panel, ReferralTableModel.STATUS) == ["Received"]  # a missed call is not a contact

    dialog = panel.open_record_contact()
    assert dialog.at.text()  # now, ready to save
    choose(dialog.kind, "surgery")
    dialog.duration.setValue(45)
    dialog.notes.setPlainText("Talked about what matters: her garden.")
    dialog.next_step.setText("Introduce to the walking group")
    due = date.today() + timedelta(days=7)
    dialog.next_contact_due.setText(due.strftime("%d/%m/%Y"))
    assert dialog.submit()

    assert referral_column(panel, ReferralTableModel.STATUS) == ["Contacted"]
    model = panel.contact_model
    assert model.rowCount() == 2
    assert [cell(model, 0, column) for column in (ContactTableModel.HOW, ContactTableModel.LENGTH,
                                                  ContactTableModel.ATTENDED, ContactTableModel.NOTES,
                                                  ContactTableModel.NEXT_STEP)] == [
        "At the surgery", "45 minutes", "Yes", "Talked about what matters: her garden.",
        "Introduce to the walking group"]
    assert cell(model, 0, ContactTableModel.DUE) == f"{due.day} {due:%b %Y}"
    assert cell(model, 1, ContactTableModel.ATTENDED) == "Did not attend"
    assert panel.changes == [True, True]


def test_a_contact_with_problems_shows_each_and_writes_nothing(panel, store, patient_id, referral_id):
    show(panel, store, patient_id)
    before = counts(store)
    dialog = panel.open_record_contact()
    dialog.at.setText((date.today() + timedelta(days=1)).strftime("%d/%m/%Y 09:00"))
    dialog.next_contact_due.setText("40/13/2026")
    assert not dialog.submit()
    assert "before it happens" in dialog.form.problem("at")
    assert dialog.form.problem("kind") == "Choose how the contact happened."
    assert "not a real date" in dialog.form.problem("next_contact_due")
    assert counts(store) == before
    assert panel.contact_model.rowCount() == 0


def test_copy_for_clinical_record_puts_the_coded_summary_on_the_clipboard_until_the_lock(panel, store, patient_id,
                                                                                       referral_id):
    referrals.change_status(store, referral_id, "active", on=RECEIVED_ON + timedelta(days=1))
    show(panel, store, patient_id)
    panel.copy_button.click()
    clipboard = QGuiApplication.clipboard()
    copied = clipboard.text(QClipboard.Mode.Clipboard)
    assert f"SNOMED CT {ACCEPTED}" in copied
    assert "Patient: Aisha Rahman" in copied
    assert panel.statuses == [COPIED]
    assert panel.guard.clear_if_ours()
    assert clipboard.text(QClipboard.Mode.Clipboard) == ""


def test_clear_leaves_no_patient_text_in_any_widget(panel, store, patient_id, referral_id):
    referrals.change_status(store, referral_id, "active", on=RECEIVED_ON + timedelta(days=1))
    show(panel, store, patient_id)
    dialog = panel.open_record_contact()
    dialog.notes.setPlainText("Worried about her son")  # typed but not saved when the lock comes
    assert panel.referral_model.rowCount() == 1

    panel.clear()

    assert panel.referral_model.rowCount() == 0
    assert panel.contact_model.rowCount() == 0
    assert not dialog.isVisible()
    patient_words = ("Aisha", "Rahman", REFERRER, "Okafor", "Worried", ACCEPTED, RECEIVED_ON.strftime("%b %Y"))
    texts = [widget.text() for kind in (QLineEdit, QLabel) for widget in panel.findChildren(kind)]
    texts += [widget.toPlainText() for widget in panel.findChildren(QPlainTextEdit)]
    assert texts  # the walk did find the panel's labels
    assert not [text for text in texts if any(word in text for word in patient_words)]
    assert not panel.add_button.isEnabled() and not panel.copy_button.isEnabled()


def test_the_panel_is_keyboard_reachable_with_named_controls(panel, store, patient_id, referral_id):
    show(panel, store, patient_id)
    for button in (panel.add_button, panel.edit_button, panel.status_button, panel.contact_button, panel.copy_button):
        assert button.isEnabled() and button.accessibleName()
        assert "&" in button.text()  # Alt+letter reaches it
    dialog = panel.open_record_contact()
    for name, widget in dialog.form.fields.items():
        assert widget.accessibleName(), name
    assert dialog.notes.tabChangesFocus()
