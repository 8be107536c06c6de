"""The record's "Stories and data" tab on a real store: stories with consent, history, subject access, erasure."""

from datetime import date

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from linkdesk.caseload.errors import NotFound
from linkdesk.caseload.listing import list_caseload
from linkdesk.caseload.patients import get_patient
from linkdesk.reports.stories import add_story, list_stories
from linkdesk.store.audit import read_events
from linkdesk.ui.patients.caseload_model import CaseloadTableModel
from linkdesk.ui.patients.history_panel import RevisionTableModel
from linkdesk.ui.patients.stories_panel import StoryTableModel

from .conftest import cells, open_data_tab

STORY = "Coming to the walking group on Tuesdays got me out of the house again."


def test_a_story_with_consent_is_listed_named_by_first_name_only(record_tab, qtbot, store, maureen):
    stories = open_data_tab(record_tab, maureen).stories
    dialog = stories.open_add_story()
    assert dialog.isVisible()
    assert not dialog.consent.isChecked()  # consent is never assumed
    assert "Not printed" in dialog.naming.preview.text()
    qtbot.keyClicks(dialog.text, STORY)
    dialog.consent.setChecked(True)
    assert dialog.naming.preview.text().endswith("— Anonymous")
    dialog.naming.buttons["first_name"].setChecked(True)
    assert dialog.naming.preview.text().endswith("— Maureen")  # never the surname
    assert dialog.submit()

    assert not dialog.isVisible()
    assert cells(stories.model, StoryTableModel.STORY) == [STORY]  # short enough to show whole
    assert stories.model.index(0, StoryTableModel.STORY).data(Qt.ItemDataRole.ToolTipRole) == STORY
    assert cells(stories.model, StoryTableModel.CONSENT)[0].startswith("Yes, since")
    assert cells(stories.model, StoryTableModel.NAMED_AS) == ["Maureen"]
    (saved,) = list_stories(store, maureen)
    assert (saved.text, saved.consent_to_publish, saved.naming, saved.told_on) == (STORY, True, "first_name",
                                                                                   date.today())
    assert stories.message.text() == "Story saved."


def test_consent_can_be_withdrawn_and_given_again_anonymously(record_tab, store, maureen):
    add_story(store, maureen, STORY, consent_to_publish=True, naming="first_name")
    stories = open_data_tab(record_tab, maureen).stories
    stories.table.selectRow(0)
    assert stories.consent_button.text() == "&Withdraw consent"

    stories.consent_button.click()
    assert list_stories(store, maureen)[0].consent_to_publish is False
    assert cells(stories.model, StoryTableModel.CONSENT) == ["No"]
    assert "leave this story out" in stories.message.text()
    assert stories.consent_button.text() == "Give &consent…"

    dialog = stories.change_consent()
    dialog.naming.buttons["anonymous"].setChecked(True)
    assert dialog.submit()
    (story,) = list_stories(store, maureen)
    assert (story.consent_to_publish, story.naming) == (True, "anonymous")
    assert cells(stories.model, StoryTableModel.NAMED_AS) == ["Anonymous"]


@pytest.mark.parametrize("typed, told_on, problem", [
    ("   \n  ", "", "write the story or quote"),
    (STORY, "31/02/2026", "the date was not understood"),
])
def test_a_blank_story_or_a_bad_date_is_refused_with_a_message_and_nothing_saved(record_tab, qtbot, store, maureen,
                                                                                typed, told_on, problem):
    stories = open_data_tab(record_tab, maureen).stories
    dialog = stories.open_add_story()
    dialog.text.setPlainText(typed)
    dialog.told_on.setText(told_on)
    dialog.consent.setChecked(True)
    assert not dialog.submit()
    assert dialog.isVisible()
    assert problem in dialog.message.text() and "not saved" in dialog.message.text()
    assert list_stories(store, maureen) == []
    assert stories.model.rowCount() == 0


def test_correcting_an_address_shows_in_the_history_with_what_it_was(record_tab, qtbot, maureen):
    record_tab.open_patient(maureen)
    record_tab.editor.widgets["address_line_1"].setText("12 Acacia Road")
    record_tab.editor.edited.emit()
    assert record_tab.save()
    record_tab.editor.widgets["address_line_1"].setText("14 Acacia Road")
    record_tab.editor.edited.emit()
    assert record_tab.save()

    record_tab.record_tabs.setCurrentWidget(record_tab.pane.data_rights)
    history = record_tab.pane.data_rights.history.model
    assert cells(history, RevisionTableModel.FIELD) == ["Address line 1", "Address line 1"]
    assert cells(history, RevisionTableModel.WAS) == ["12 Acacia Road", "(blank)"]  # newest first
    assert cells(history, RevisionTableModel.NOW) == ["14 Acacia Road", "12 Acacia Road"]
    assert all(cells(history, RevisionTableModel.WHEN)) and all(cells(history, RevisionTableModel.BY))


def test_subject_access_export_writes_json_and_a_readable_pdf(record_tab, store, maureen, tmp_path, monkeypatch):
    data = open_data_tab(record_tab, maureen)
    folder = tmp_path / "sar"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    data.export_button.click()

    json_path = folder / f"linkdesk-patient-{maureen}-subject-access.json"
    pdf_path = json_path.with_suffix(".pdf")
    assert json_path.exists() and pdf_path.exists()
    assert "Maureen" in json_path.read_text(encoding="utf-8")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf_path).pages)
    assert "Maureen" in text and "Ashdown-Test" in text
    assert str(json_path) in data.message.text() and str(pdf_path) in data.message.text()
    assert data.export_button.isEnabled()
    assert ("export", str(maureen)) in [(event.action, event.entity_id) for event in read_events(store)]


def test_an_export_folder_that_cannot_be_made_gives_a_message_and_writes_nothing(record_tab, maureen, tmp_path,
                                                                                 monkeypatch):
    data = open_data_tab(record_tab, maureen)
    blocker = tmp_path / "not-a-folder.txt"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(blocker / "sar"))
    data.export_button.click()
    assert "could not be written" in data.message.text()
    assert data.message.accessibleDescription() == "Error"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["not-a-folder.txt", "store"]


def test_erase_stays_disabled_until_a_reason_and_the_word_erase_are_typed(record_tab, qtbot, store, maureen):
    dialog = open_data_tab(record_tab, maureen).open_erase()
    assert dialog.isVisible()
    assert "Maureen Ashdown-Test" in dialog.what.text() and "0 referrals, 0 contacts" in dialog.what.text()
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "erase")
    assert not dialog.erase_button.isEnabled()  # no reason yet
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.erase_button.isEnabled()  # a blank reason is no reason
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.reason, "The patient asked")
    qtbot.keyClicks(dialog.confirm, "erasE?")
    assert not dialog.erase_button.isEnabled()
    assert not dialog.submit()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # Return never erases
    assert get_patient(store, maureen).first_name == "Maureen"
    dialog.reject()
    assert get_patient(store, maureen).first_name == "Maureen"


def test_erase_refuses_a_reason_naming_the_patient_and_says_why(record_tab, qtbot, store, maureen):
    """The reason stays in the audit log for good: Maureen's name or NHS number must not go into it."""
    dialog = open_data_tab(record_tab, maureen).open_erase()
    assert "without the patient's name, NHS number or date of birth" in dialog.reason_label.text()
    assert "kept in the audit log for good" in dialog.reason.placeholderText()
    qtbot.keyClicks(dialog.reason, "maureen asked to be forgotten")
    qtbot.keyClicks(dialog.confirm, "erase")
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "gives the patient's name" in dialog.message.text()
    assert dialog.message.accessibleDescription() == "Error"
    dialog.reason.setPlainText("Asked by phone, NHS number 999 200 0007")
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "gives the patient's NHS number" in dialog.message.text()
    assert get_patient(store, maureen).first_name == "Maureen"
    assert not [event for event in read_events(store) if event.action == "delete" and event.entity == "patient"]

    dialog.reason.setPlainText("The patient asked, under the right to erasure")
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with pytest.raises(NotFound):
        get_patient(store, maureen)


def test_erasing_closes_the_record_discards_its_edits_and_removes_the_patient(record_tab, qtbot, store, maureen,
                                                                              kwame):
    add_story(store, maureen, STORY, consent_to_publish=True, naming="first_name")
    data = open_data_tab(record_tab, maureen)
    record_tab.editor.widgets["preferred_name"].setText("Mo")
    record_tab.editor.edited.emit()
    assert record_tab.editor.dirty
    dialog = data.open_erase()
    qtbot.keyClicks(dialog.reason, "The patient asked, under the right to erasure")
    qtbot.keyClicks(dialog.confirm, "erase")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    for read_back in (get_patient, list_stories):
        with pytest.raises(NotFound):
            read_back(store, maureen)
    assert record_tab.patient is None and not record_tab.editor.dirty
    assert record_tab.lock_snapshot() is None  # the discarded edit is not parked
    names = [record_tab.proxy.index(row, CaseloadTableModel.NAME).data() for row in range(record_tab.proxy.rowCount())]
    assert names == ["Kwame Osei-Test"]
    assert [row.patient_id for row in list_caseload(store)] == [kwame]
    assert "erased for good" in record_tab.statuses[-1] and "Backups made before now" in record_tab.statuses[-1]
    assert data.stories.model.rowCount() == 0 and not data.erase_button.isEnabled()
    erased = [event for event in read_events(store) if event.action == "delete" and event.entity_id == str(maureen)]
    assert "The patient asked" in erased[0].detail


def test_a_story_being_typed_when_the_app_locks_comes_back_after_unlocking(record_tab, qtbot, store, maureen):
    stories = open_data_tab(record_tab, maureen).stories
    dialog = stories.open_add_story()
    qtbot.keyClicks(dialog.text, STORY)
    dialog.consent.setChecked(True)
    dialog.reject()  # what the main window's lock does to every open dialog
    snapshot = record_tab.lock_snapshot()
    assert snapshot["dialog"]["kind"] == "story" and snapshot["dialog"]["fields"]["text"] == STORY
    assert snapshot["dialog"]["patient_id"] == snapshot["patient_id"] == maureen  # erased with the patient
    record_tab.clear_for_lock()
    assert stories.dialog is None and stories.model.rowCount() == 0

    record_tab.store_opened(store)
    record_tab.restore_snapshot(snapshot)
    restored = stories.dialog
    assert restored.isVisible() and restored.text.toPlainText() == STORY and restored.consent.isChecked()
    assert record_tab.record_tabs.currentWidget() is record_tab.pane.data_rights
    assert list_stories(store, maureen) == []  # parked, not saved

    restored.discard()  # Cancel: the user chose to throw it away
    assert record_tab.lock_snapshot() is None
