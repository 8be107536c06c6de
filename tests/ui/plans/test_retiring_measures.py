"""Retiring an organisation's measure in the Plans tab's Wellbeing page, and bringing it back."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from linkdesk.plans import measures

from .conftest import pick_patient

ONS4_NAME = "ONS personal wellbeing (ONS4)"


class Person:
    """Stands in for the person answering Qt's question box: notes what was asked and gives `answer`."""

    def __init__(self):
        self.answer = QMessageBox.StandardButton.Yes
        self.asked = []

    def __call__(self, parent, title, text, *args):
        self.asked.append(text)
        return self.answer


@pytest.fixture
def person(monkeypatch):
    answering = Person()
    monkeypatch.setattr(QMessageBox, "question", answering)
    return answering


@pytest.fixture
def panel_with_scores(tab, qtbot):
    """Maureen has a baseline on the organisation's "Feeling connected"; Wellbeing is the page on screen."""
    pick_patient(qtbot, tab, "okaf")
    tab.sections.setCurrentWidget(tab.measures)
    dialog = tab.measures.define()
    dialog.name.setText("Feeling connected")
    dialog.items.setPlainText("I have someone to talk to\nI feel part of my community\n")
    dialog.save()
    tab.measures.rows[0].score.setValue(2)
    qtbot.mouseClick(tab.measures.record_button, Qt.MouseButton.LeftButton)
    assert tab.measures.history_model.rowCount() == 1
    return tab.measures


def _choices(panel):
    return [panel.definition.itemText(number) for number in range(panel.definition.count())]


def _choose(panel, text):
    panel.definition.setCurrentIndex(panel.definition.findText(text))
    assert panel.definition.currentText() == text


def test_ons4_offers_no_retiring(panel_with_scores):
    panel = panel_with_scores
    _choose(panel, ONS4_NAME)
    assert not panel.retire_button.isEnabled()
    assert "built in" in panel.retire_button.toolTip()


def test_retiring_asks_first_then_keeps_the_history_in_view_but_takes_no_new_scores(
        panel_with_scores, tab, qtbot, store, person):
    panel = panel_with_scores
    assert panel.retire_button.isVisible() and panel.retire_button.isEnabled()
    assert not panel.bring_back_button.isVisible() and not panel.retired_note.isVisible()

    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)

    [question] = person.asked
    assert question.startswith("Retire Feeling connected?") and "Scores already recorded with it are kept" in question
    assert "history and in their exports" in question and "New scores can't be recorded" in question
    # Maureen has scores on it, so it stays in her choice, marked, with her history beside it.
    assert _choices(panel) == [ONS4_NAME, "Feeling connected (retired)"]
    assert panel.definition.currentText() == "Feeling connected (retired)"
    assert panel.history_model.rowCount() == 1 and panel.history_model.index(0, 2).data() == "2"
    assert panel.retired_note.isVisible() and not panel.record_button.isEnabled()
    assert panel.bring_back_button.isVisible() and not panel.retire_button.isVisible()
    assert "Feeling connected retired" in panel.message.text()
    assert [info.measure.name for info in measures.list_definitions(store)] == [ONS4_NAME]

    # Someone with no scores on it is not offered it at all.
    pick_patient(qtbot, tab, "nowak")
    assert _choices(panel) == [ONS4_NAME]


def test_saying_no_leaves_the_measure_in_use(panel_with_scores, qtbot, store, person):
    panel = panel_with_scores
    person.answer = QMessageBox.StandardButton.Cancel

    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)

    assert len(person.asked) == 1
    assert panel.definition.currentText() == "Feeling connected" and panel.record_button.isEnabled()
    assert [info.archived for info in measures.list_definitions(store)] == [False, False]


def test_a_retired_measure_is_found_with_show_retired_and_brought_back(panel_with_scores, tab, qtbot, store,
                                                                       person):
    panel = panel_with_scores
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    pick_patient(qtbot, tab, "nowak")
    assert _choices(panel) == [ONS4_NAME]

    panel.show_retired.click()
    assert _choices(panel) == [ONS4_NAME, "Feeling connected (retired)"]
    _choose(panel, "Feeling connected (retired)")
    assert panel.history_model.rowCount() == 0 and not panel.record_button.isEnabled()
    qtbot.mouseClick(panel.bring_back_button, Qt.MouseButton.LeftButton)

    assert panel.definition.currentText() == "Feeling connected"
    assert panel.message.text() == "Feeling connected is back in use."
    assert panel.record_button.isEnabled() and panel.retire_button.isVisible()
    panel.rows[1].score.setValue(4)
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.history_model.rowCount() == 1
    assert [info.archived for info in measures.list_definitions(store)] == [False, False]
