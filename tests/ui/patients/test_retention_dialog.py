"""Tools > Records due for review in the main window: the rule, the list, erasing one, and the lock."""

import pytest
import shiboken6

from linkdesk.caseload.errors import NotFound
from linkdesk.caseload.patients import get_patient
from linkdesk.caseload.retention import due_for_review, retention_years
from linkdesk.reports.stories import list_stories
from linkdesk.ui.patients.referral_dialogs import day_text
from linkdesk.ui.patients.retention_dialog import DueRecordModel, RetentionDialog

from ...conftest import PASSPHRASE
from ..held_runner import HeldRunner
from .conftest import cells, open_data_tab

STORY = "The allotment is where I feel like myself."


@pytest.fixture
def window(make_window, qtbot, store, discharged_long_ago, maureen):
    store.close()  # the window unlocks the same folder, as a user would
    made = make_window()
    made.show()
    made.start()
    qtbot.keyClicks(made.unlock_page.passphrase, PASSPHRASE)
    made.unlock_page.submit()
    assert made.store is not None
    made.patients = next(tab for tab in made.tabs if tab.title == "Patients")
    made.dorothy, made.maureen = discharged_long_ago, maureen
    return made


def _names(dialog):
    return cells(dialog.model, DueRecordModel.NAME)


def _set_years(dialog, years):
    dialog.years.setValue(years)  # keyboard tracking is off: one change, as after Return or leaving the box


def test_lists_a_record_discharged_long_ago_and_the_rule_can_be_changed(window):
    dialog = window.show_retention()
    assert dialog.isVisible() and dialog.years.value() == 8
    assert _names(dialog) == ["Dorothy Pennant-Test"]  # the others are new records: not due
    assert cells(dialog.model, DueRecordModel.OUTCOME) == ["Discharged"]
    assert cells(dialog.model, DueRecordModel.CLOSED_ON) == ["14 Sep 2012"]
    assert "1 record closed before" in dialog.summary.text()

    _set_years(dialog, 40)
    assert _names(dialog) == [] and "0 records" in dialog.summary.text()
    assert retention_years(window.store) == 40
    _set_years(dialog, 5)
    assert _names(dialog) == ["Dorothy Pennant-Test"]
    assert retention_years(window.store) == 5
    assert "now 5 years" in dialog.message.text()


def test_erasing_from_the_review_needs_the_confirmation_and_closes_the_open_record(window, qtbot):
    window.patients.open_patient(window.dorothy)
    dialog = window.show_retention()
    dialog.table.selectRow(0)
    erase = dialog.erase_selected()
    assert "Dorothy Pennant-Test" in erase.what.text() and "1 referral," in erase.what.text()
    assert not erase.submit()  # no reason, no confirmation word: nothing happens
    assert get_patient(window.store, window.dorothy).first_name == "Dorothy"
    qtbot.keyClicks(erase.reason, "Past the retention period; reviewed with the practice manager")
    qtbot.keyClicks(erase.confirm, "erase")
    assert erase.submit()

    with pytest.raises(NotFound):
        get_patient(window.store, window.dorothy)
    assert _names(dialog) == [] and "was erased for good" in dialog.message.text()
    assert window.patients.patient is None  # the record open in the Patients tab closed
    listed = window.patients.model
    patients_listed = [listed.row_data(row).patient_id for row in range(listed.rowCount())]
    assert window.dorothy not in patients_listed and window.maureen in patients_listed
    assert "erased for good" in window.statusBar().currentMessage()


def test_open_record_shows_the_patient_in_the_patients_tab(window):
    window.tab_widget.setCurrentIndex(window.tab_widget.count() - 1)
    dialog = window.show_retention()
    dialog.table.selectRow(0)
    dialog.open_button.click()
    assert not dialog.isVisible()
    assert window.tab_widget.currentWidget() is window.patients
    assert window.patients.patient.id == window.dorothy


def test_the_lock_closes_the_review_and_parks_a_story_being_typed(window, qtbot):
    data = open_data_tab(window.patients, window.maureen)
    story = data.stories.open_add_story()
    qtbot.keyClicks(story.text, STORY)
    review = window.show_retention()
    assert len(_names(review)) == 1
    menu_item = next(action for action in window.store_actions if action.text() == "Records due for re&view…")
    assert menu_item.isEnabled()

    window.lock()
    assert not story.isVisible() and not review.isVisible()
    assert not menu_item.isEnabled()  # no review of a locked store
    # No names left behind: the closed review is emptied at once (and deleted once the event loop runs).
    assert not shiboken6.isValid(review) or review.model.rowCount() == 0

    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    restored = data.stories.dialog
    assert restored is not None and restored.isVisible()
    assert restored.text.toPlainText() == STORY
    assert list_stories(window.store, window.maureen) == []  # parked while locked, not saved as a story
    assert restored.submit()
    assert [saved.text for saved in list_stories(window.store, window.maureen)] == [STORY]


def test_a_slower_answer_for_an_earlier_rule_never_replaces_the_latest(qtbot, store, discharged_long_ago):
    """Changing the rule twice quickly starts three reviews; a slower earlier one must not win."""
    runner = HeldRunner()
    dialog = RetentionDialog(store, runner)
    qtbot.addWidget(dialog)
    _set_years(dialog, 40)  # Dorothy, discharged in 2012, is not due
    _set_years(dialog, 5)  # she is
    for_8, for_40, for_5 = runner.held
    five_years = f"1 record closed before {day_text(due_for_review(store, 5).cutoff)}"

    runner.finish(for_40)  # stale, and before the latest: still looking
    assert _names(dialog) == [] and dialog.summary.text().startswith("Looking for records")
    runner.finish(for_5)
    assert _names(dialog) == ["Dorothy Pennant-Test"] and dialog.summary.text().startswith(five_years)
    runner.finish(for_8)  # stale, after the latest: changes nothing
    assert _names(dialog) == ["Dorothy Pennant-Test"] and dialog.summary.text().startswith(five_years)
    assert dialog.erase_button.isEnabled()
