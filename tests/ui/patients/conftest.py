"""Invented patients and a shown Patients tab for the "Stories and data" and retention tests."""

from datetime import date

import pytest

from linkdesk.caseload.nhs_number import complete
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.referral_form import ReferralDetails
from linkdesk.caseload.referrals import add_referral, change_status
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.patients.tab import PatientsTab
from linkdesk.ui.workspace import WorkspaceContext


@pytest.fixture
def maureen(store):
    return create_patient(store, PatientDetails(first_name="Maureen", last_name="Ashdown-Test",
                                                date_of_birth="02/04/1950", nhs_number=complete("999200000"))).id


@pytest.fixture
def kwame(store):
    return create_patient(store, PatientDetails(first_name="Kwame", last_name="Osei-Test",
                                                date_of_birth="11/09/1972")).id


@pytest.fixture
def discharged_long_ago(store):
    """Someone whose only referral was discharged in 2012, well past any sensible retention rule."""
    patient = create_patient(store, PatientDetails(first_name="Dorothy", last_name="Pennant-Test",
                                                   date_of_birth="19/01/1941", nhs_number=complete("999200001")))
    referral = add_referral(store, patient.id, ReferralDetails(received_on=date(2012, 3, 1), source="gp",
                                                               needs=frozenset({"loneliness"})))
    change_status(store, referral.id, "active", date(2012, 3, 20))
    change_status(store, referral.id, "discharged", date(2012, 9, 14), discharge_reason="goals_met")
    return patient.id


@pytest.fixture
def record_tab(qtbot, store, runner, maureen, kwame):
    statuses = []
    made = PatientsTab(WorkspaceContext(runner, ClipboardGuard(), statuses.append))
    made.statuses = statuses
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    made.store_opened(store)
    yield made
    made.clear_for_lock()


def open_data_tab(tab, patient_id):
    """Open the patient and their "Stories and data" tab, as a link worker would."""
    tab.open_patient(patient_id)
    tab.record_tabs.setCurrentWidget(tab.pane.data_rights)
    return tab.pane.data_rights


def cells(model, column) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def type_details(qtbot, tab, **values) -> None:
    """Type into the Patients tab's detail fields as a user would, leaving each one (name=text)."""
    for name, text in values.items():
        widget = tab.editor.widgets[name]
        widget.clear()
        qtbot.keyClicks(widget, text)
        widget.editingFinished.emit()
