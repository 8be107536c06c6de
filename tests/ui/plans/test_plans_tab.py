"""The Plans tab driven as a link worker would: pick a patient, write the plan, add services, record, agree."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QMessageBox, QPlainTextEdit

from linkdesk.directory import demo as directory_demo
from linkdesk.plans import plans
from linkdesk.plans.measures import measure_history
from linkdesk.plans.suggestions import suggestions
from linkdesk.store import TEST_KDF, create_store
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.plans.tab import SUGGESTION_LIMIT, PlansTab
from linkdesk.ui.plans.table_models import ActivityTableModel
from linkdesk.ui.workspace import WorkspaceContext

from ...conftest import PASSPHRASE
from ...plans.conftest import MENS_SHED, WALKING_GROUP, make_patient
from ..held_runner import HeldRunner
from .conftest import pick_patient

WHAT_MATTERS = "Getting out of the flat and seeing people again"


def _activity_rows(tab):
    model = tab.activities.model
    return [(model.index(row, ActivityTableModel.SERVICE).data(), model.index(row, ActivityTableModel.STATUS).data())
            for row in range(model.rowCount())]


def test_the_whole_journey_from_picking_a_patient_to_an_agreed_version(tab, qtbot, store):
    assert not tab.sections.isEnabled()  # nothing to edit before a patient is chosen
    pick_patient(qtbot, tab, "okaf")
    assert tab.patient_label.text().startswith("Maureen Okafor")
    patient_id = tab.patient_id

    qtbot.keyClicks(tab.editor.what_matters, WHAT_MATTERS)
    assert tab.unsaved_label.text() == "Unsaved changes" and tab.save_button.isEnabled()
    # The new goal's cell opens for typing at once; Return ends it (the event loop then closes the editor).
    qtbot.mouseClick(tab.editor.add_goal_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Walk to the park")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    qtbot.mouseClick(tab.editor.add_step_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "Ring the walk leader")  # saved even with the cell still open

    qtbot.keyClick(tab.editor.what_matters, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.unsaved_label.text() == "" and tab.message.text() == "Plan saved."
    saved = plans.open_plan(store, patient_id)
    assert saved.what_matters == WHAT_MATTERS
    assert [(goal.description, [step.what for step in goal.steps]) for goal in saved.goals] == \
        [("Walk to the park", ["Ring the walk leader"])]

    # From the Directory tab (which calls add_service) and from the suggestions panel.
    tab.add_service(WALKING_GROUP)
    assert _activity_rows(tab) == [("Cotteridge Walking Group", "Suggested")]
    assert "Cotteridge Walking Group added to the plan." in tab.statuses
    suggested = [tab.activities.suggestion_model.row(row) for row in range(tab.activities.suggestion_model.rowCount())]
    assert suggested and WALKING_GROUP not in [fit.service_id for fit in suggested]
    assert all(fit.explanation for fit in suggested)
    tab.activities.suggestion_table.selectRow(1)
    qtbot.mouseClick(tab.activities.add_button, Qt.MouseButton.LeftButton)
    assert _activity_rows(tab)[1] == (suggested[1].name, "Suggested")

    # A baseline ONS4 with the band beside each answer.
    rows = tab.measures.rows
    assert rows[0].question.text() == "Overall, how satisfied are you with your life nowadays?"
    for row, score in zip(rows, (3, 6, 7, 9)):
        row.score.setValue(score)
    assert [row.band.text() for row in rows] == ["Low", "Medium", "High", "High"]
    qtbot.mouseClick(tab.measures.record_button, Qt.MouseButton.LeftButton)
    assert tab.measures.history_model.rowCount() == 1
    assert tab.measures.history_model.index(0, 2).data() == "3 (low)"
    assert measure_history(store, patient_id)[0].scores == \
        {"life_satisfaction": 3, "worthwhile": 6, "happiness": 7, "anxiety": 9}

    qtbot.mouseClick(tab.agree_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Plan agreed: kept as version 1."
    assert tab.versions.model.rowCount() == 1
    assert tab.versions.model.index(0, 1).data() == "Agreed"
    assert "First version of the plan" in tab.versions.changes.toPlainText()

    # After a change and a second agreement, the history says what changed.
    qtbot.keyClicks(tab.editor.strengths, "Knows everyone on her street")
    qtbot.mouseClick(tab.agree_button, Qt.MouseButton.LeftButton)  # saves first, then agrees
    assert tab.versions.model.index(0, 0).data() == "2"
    assert "Strengths added" in tab.versions.changes.toPlainText()
    assert plans.open_plan(store, patient_id).strengths == "Knows everyone on her street"


def test_changing_an_activity_status_asks_only_for_what_that_status_needs(tab, qtbot):
    pick_patient(qtbot, tab, "okaf")
    tab.add_service(MENS_SHED)
    tab.activities.table.selectRow(0)
    dialog = tab.activities.change_status()
    choices = [dialog.status.itemData(i) for i in range(dialog.status.count())]
    assert choices == ["signposted", "referred", "attending", "declined"]
    dialog.status.setCurrentIndex(choices.index("referred"))
    assert "date the referral was made" in dialog.help.text() and not dialog.reason.isEnabled()
    dialog.on.setText("01/01/2099")
    dialog.save()
    assert "future" in dialog.message.text() and dialog.isVisible()  # kept open to fix
    dialog.on.setText("20/11/2026")
    dialog.save()
    assert _activity_rows(tab) == [("Stirchley Men's Shed", "Referred")]
    assert tab.activities.model.index(0, ActivityTableModel.REFERRED).data() == "20 Nov 2026"


def test_a_service_added_with_no_patient_chosen_or_twice_says_why(tab, qtbot):
    assert tab.add_service(WALKING_GROUP) is None
    assert "Choose a patient" in tab.message.text()
    pick_patient(qtbot, tab, "okaf")
    tab.add_service(WALKING_GROUP)
    assert tab.add_service(WALKING_GROUP) is None
    assert "already on this plan" in tab.message.text()
    assert len(_activity_rows(tab)) == 1


def test_a_bad_date_keeps_every_typed_word_and_says_what_is_wrong(tab, qtbot, store):
    pick_patient(qtbot, tab, "okaf")
    qtbot.keyClicks(tab.editor.what_matters, WHAT_MATTERS)
    qtbot.keyClicks(tab.editor.review, "31/02/2027")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "next review date" in tab.message.text() and "not a real date" in tab.message.text()
    assert tab.editor.what_matters.toPlainText() == WHAT_MATTERS and tab.dirty
    assert plans.open_plan(store, tab.patient_id).what_matters == ""


def test_bad_scores_are_refused_and_the_choices_stay(tab, qtbot):
    pick_patient(qtbot, tab, "okaf")
    assert tab.measures.rows[0].score.text() == "Not answered"
    qtbot.mouseClick(tab.measures.record_button, Qt.MouseButton.LeftButton)
    assert "no item has a score" in tab.measures.message.text()
    assert tab.measures.history_model.rowCount() == 0


def test_lock_clears_the_plan_and_unlock_brings_unsaved_text_back(make_window, qtbot, store_dir):
    made = create_store(store_dir, PASSPHRASE, kdf=TEST_KDF)
    directory_demo.add_demo_data(made)
    make_patient(made, "Maureen", "Okafor")
    made.close()
    window = make_window(tabs=[PlansTab])
    window.show()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    tab = window.tabs[0]
    pick_patient(qtbot, tab, "okaf")
    tab.add_service(WALKING_GROUP)
    qtbot.keyClicks(tab.editor.what_matters, WHAT_MATTERS)
    tab.measures.rows[2].score.setValue(8)

    window.lock()
    texts = [widget.text() for widget in window.findChildren(QLineEdit) + window.findChildren(QLabel)]
    texts += [widget.toPlainText() for widget in window.findChildren(QPlainTextEdit)]
    assert not any("Okafor" in text or WHAT_MATTERS in text or "Walking" in text for text in texts)
    # Every list and table in the window (combo box pop-ups are windows of their own and hold no patient data).
    views = [view for view in window.findChildren(QAbstractItemView) if view.window() is window]
    assert len(views) >= 7 and all(view.model().rowCount() == 0 for view in views)

    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert tab.patient_label.text().startswith("Maureen Okafor")
    assert tab.editor.what_matters.toPlainText() == WHAT_MATTERS
    assert tab.unsaved_label.text() == "Unsaved changes"
    assert tab.measures.rows[2].score.value() == 8
    assert _activity_rows(tab) == [("Cotteridge Walking Group", "Suggested")]
    assert tab.patient_list.selectionModel().currentIndex().data().startswith("Maureen Okafor")


def test_an_organisation_measure_is_defined_and_recorded_on_its_own_scale(tab, qtbot):
    pick_patient(qtbot, tab, "okaf")
    dialog = tab.measures.define()
    dialog.name.setText("Feeling connected")
    dialog.items.setPlainText("I have someone to talk to\nI feel part of my community\n")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.measures.definition.currentText() == "Feeling connected"
    rows = tab.measures.rows
    assert [row.question.text() for row in rows] == ["I have someone to talk to", "I feel part of my community"]
    assert (rows[0].score.minimum(), rows[0].score.maximum()) == (0, 5)  # 0 means "not answered" on a 1-5 scale
    rows[0].score.setValue(2)
    assert rows[0].band.text() == ""  # bands are ONS4's alone
    qtbot.mouseClick(tab.measures.record_button, Qt.MouseButton.LeftButton)
    assert tab.measures.history_model.index(0, 2).data() == "2"
    assert tab.measures.history_model.index(0, 3).data() == "Not answered"

    again = tab.measures.define()
    again.name.setText("feeling connected")
    again.items.setPlainText("Anything")
    again.save()
    assert "already a measure called" in again.message.text() and again.isVisible()
    again.reject()


@pytest.mark.parametrize("answer", ["Save", "Cancel", "Discard"])
def test_opening_another_patient_with_unsaved_text_asks_first(tab, qtbot, store, monkeypatch, answer):
    asked = []

    def question(*args, **kwargs):  # stands in for the person answering Qt's dialog
        asked.append(args[2])
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    pick_patient(qtbot, tab, "okaf")
    first = tab.patient_id
    qtbot.keyClicks(tab.editor.what_matters, WHAT_MATTERS)
    pick_patient(qtbot, tab, "nowak")
    assert asked == ["Save the changes to this plan before opening another?"]
    if answer == "Cancel":
        assert tab.patient_id == first and tab.editor.what_matters.toPlainText() == WHAT_MATTERS and tab.dirty
    else:
        assert tab.patient_label.text().startswith("Tomasz Nowak") and not tab.dirty
        assert tab.editor.what_matters.toPlainText() == ""
    assert plans.open_plan(store, first).what_matters == (WHAT_MATTERS if answer == "Save" else "")


def test_suggestions_are_ranked_off_the_ui_thread_and_a_late_answer_for_another_plan_is_dropped(qtbot, store):
    directory_demo.add_demo_data(store)
    maureen = make_patient(store, "Maureen", "Okafor", needs=("loneliness", "physical_activity"))
    tomasz = make_patient(store, "Tomasz", "Nowak", needs=("money",), postcode="B14 7AA")
    runner = HeldRunner(holding=False)
    tab = PlansTab(WorkspaceContext(runner, ClipboardGuard(), lambda text: None))
    qtbot.addWidget(tab)
    tab.store_opened(store)
    runner.holding = True  # from here each ranking waits, like one over 50,000 services

    tab.choose_patient(maureen.id)
    assert tab.activities.suggestion_status.text() == "Finding suggestions…"
    assert tab.activities.suggestion_model.rowCount() == 0 and tab.sections.isEnabled()  # the plan is usable
    for_maureen = runner.held[-1]
    tab.choose_patient(tomasz.id)
    for_tomasz = runner.held[-1]
    assert for_maureen.cancelled and not for_tomasz.cancelled  # her ranking is no longer needed
    runner.finish(for_tomasz)
    tomasz_fits = [tab.activities.suggestion_model.row(row).service_id
                   for row in range(tab.activities.suggestion_model.rowCount())]
    assert tomasz_fits == [fit.service_id for fit in suggestions(store, tomasz.id, SUGGESTION_LIMIT)]
    assert tomasz_fits and tab.activities.suggestion_status.isHidden()
    runner.finish(for_maureen)  # answered last, for a plan no longer open
    assert [tab.activities.suggestion_model.row(row).service_id
            for row in range(tab.activities.suggestion_model.rowCount())] == tomasz_fits

    tab.choose_patient(maureen.id)
    tab.clear_for_lock()
    runner.finish(runner.held[-1])  # arriving after the lock: nothing about the patient is shown
    assert tab.activities.suggestion_model.rowCount() == 0
