"""The Directory tab driven as a link worker would, over the real demo directory."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from linkdesk.directory import demo
from linkdesk.directory.detail import draft_for, get_service_detail
from linkdesk.directory.oruk_import import import_path
from linkdesk.directory.search import search_services
from linkdesk.directory.services import ServiceDraft, SessionDraft, add_service
from linkdesk.store.audit import read_events
from linkdesk.ui.directory.editor import SessionRow
from linkdesk.ui.directory.results_model import ServiceTableModel
from linkdesk.ui.directory.tab import DirectoryTab
from linkdesk.ui.directory.transfer import Transfer
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.workspace import WorkspaceContext


@pytest.fixture
def tab(qtbot, store, runner):
    demo.add_demo_data(store)
    made = DirectoryTab(WorkspaceContext(runner, ClipboardGuard(), lambda text: None))
    qtbot.addWidget(made)
    made.store_opened(store)
    yield made
    made.clear_for_lock()  # as the lock does: stop the timers before the store closes


def _type(qtbot, tab, text):
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, text)
    qtbot.waitUntil(lambda: not tab._search_timer.isActive() and not tab._detail_timer.isActive(), timeout=2000)


def _names(tab):
    return [tab.proxy.index(row, ServiceTableModel.NAME).data() for row in range(tab.proxy.rowCount())]


def test_typing_narrows_the_list_and_shows_the_first_match(tab, qtbot):
    everything = tab.proxy.rowCount()
    assert everything >= 100
    _type(qtbot, tab, "walk")
    names = _names(tab)
    assert 0 < len(names) < everything
    assert "Cotteridge Walking Group" in " ".join(names)
    first = tab.model.summary(0)
    assert tab.detail.detail.id == first.id  # the first match is shown
    text = tab.detail.browser.toPlainText()
    assert first.name in text and "When" in text and first.next_session.split(",")[0] in text
    assert tab.count_label.text().startswith(f"{len(names)} service")


def test_filters_match_what_the_search_function_returns(tab, qtbot, store):
    tab.filter_bar.free_only.setChecked(True)
    tab.filter_bar.day.setCurrentIndex(tab.filter_bar.day.findText("Tuesday"))
    qtbot.waitUntil(lambda: not tab._search_timer.isActive(), timeout=2000)
    expected = search_services(store, "", tab.filter_bar.filters(), "relevance")
    assert [tab.model.summary(row).id for row in range(tab.model.rowCount())] == [s.id for s in expected]
    assert all(tab.model.summary(row).free for row in range(tab.model.rowCount()))
    assert tab.model.rowCount() > 0


def test_a_postcode_filter_that_makes_no_sense_is_explained(tab, qtbot):
    qtbot.keyClicks(tab.filter_bar.place, "!!")
    qtbot.waitUntil(lambda: not tab._search_timer.isActive(), timeout=2000)
    assert tab.message.text()  # a plain message, not a crash
    assert tab.proxy.rowCount() > 0  # the last good results stay


def test_shortlist_checked_today_and_notes_are_saved_and_audited(tab, qtbot, store):
    _type(qtbot, tab, "Cotteridge Walking Group")
    service_id = tab.detail.detail.id
    was_favourite = tab.detail.detail.favourite
    qtbot.mouseClick(tab.detail.favourite, Qt.MouseButton.LeftButton)
    assert get_service_detail(store, service_id).favourite is not was_favourite
    qtbot.mouseClick(tab.detail.verify, Qt.MouseButton.LeftButton)
    assert not get_service_detail(store, service_id).possibly_out_of_date
    tab.detail.notes.setPlainText("Ask for Jan at the door")
    assert tab.detail.save_notes.isEnabled()
    qtbot.mouseClick(tab.detail.save_notes, Qt.MouseButton.LeftButton)
    assert get_service_detail(store, service_id).local_notes == "Ask for Jan at the door"
    assert not tab.detail.save_notes.isEnabled()
    audited = [(row.action, row.entity) for row in read_events(store)]
    assert ("update", "service") in audited


def test_adding_a_service_with_no_name_is_refused_then_saved_when_named(tab, qtbot, store):
    dialog = tab.add_service()
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "name" in dialog.message.text()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Kings Heath Knit and Natter")
    dialog.submit()
    assert "organisation" in dialog.message.text()
    qtbot.keyClicks(dialog.organisation, "Kings Heath Community Centre")
    qtbot.keyClicks(dialog.postcode, "B14 7SJ")
    dialog._add_session(None)
    dialog.free.setChecked(True)
    dialog.submit()
    assert dialog.message.text() == ""
    assert not dialog.isVisible()
    found = search_services(store, "knit natter")
    assert [s.name for s in found] == ["Kings Heath Knit and Natter"]
    assert tab.detail.detail.name == "Kings Heath Knit and Natter"
    assert tab.detail.detail.cost == "Free"


def test_editing_keeps_what_was_not_touched(tab, qtbot, store):
    _type(qtbot, tab, "Cotteridge Walking Group")
    before = tab.detail.detail
    dialog = tab.edit_service()
    qtbot.addWidget(dialog)
    dialog.alert.setText("No walk on 30 December")
    dialog.submit()
    after = get_service_detail(store, before.id)
    assert after.alert == "No walk on 30 December"
    assert after.name == before.name and after.when == before.when and after.cost == before.cost


def test_editing_never_changes_a_session_the_form_cannot_show(tab, qtbot, store):
    """Every other Tuesday, Mondays and Wednesdays, the 1st and 15th: kept exactly as they were."""
    sessions = [
        SessionDraft(byday="TU", freq="WEEKLY", interval=2, opens_at="10:00", closes_at="11:30",
                     attending_type="in_person", description="Meet at the gate"),
        SessionDraft(byday="MO,WE", freq="WEEKLY", opens_at="14:00", closes_at="15:00"),
        SessionDraft(freq="MONTHLY", bymonthday="1,15", opens_at="09:00", closes_at="12:00"),
        SessionDraft(byday="TU", freq="WEEKLY", interval=3, opens_at="18:00", closes_at="19:00"),
        SessionDraft(byday="2TH", freq="MONTHLY", opens_at="13:00", closes_at="14:00", attending_type="online"),
    ]
    service_id = add_service(store, ServiceDraft(name="Bournville Bench Chats", organisation="Bournville Friends",
                                                 sessions=sessions))
    before = draft_for(store, service_id).sessions
    dialog = tab.edit_service(service_id)
    qtbot.addWidget(dialog)
    rows = dialog.session_rows
    assert [row.kept_as_is for row in rows] == [False, True, True, True, False]
    assert rows[0].week.currentText() == "Every other week" and rows[0].day.currentText() == "Tuesday"
    assert rows[4].week.currentText() == "Second" and rows[4].day.currentText() == "Thursday"
    assert "(kept as imported)" in rows[1].summary.text()
    dialog.name.setText("Bournville Bench Chats and Tea")
    dialog.submit()
    assert draft_for(store, service_id).name == "Bournville Bench Chats and Tea"
    assert _session_set(draft_for(store, service_id).sessions) == _session_set(before)
    assert "Every other Tuesday, 10:00 to 11:30" in get_service_detail(store, service_id).when


def _session_set(sessions):
    return sorted(repr(session) for session in sessions)


def test_editing_never_gives_a_session_a_day_or_times_it_did_not_have(tab, qtbot, store):
    """No times, no day, only an opening time: kept as they were, never Monday or 10:00 to 11:30."""
    sessions = [
        SessionDraft(byday="TU", freq="WEEKLY", description="Drop in, times vary"),
        SessionDraft(byday="", freq="WEEKLY", opens_at="14:00", closes_at="15:30"),
        SessionDraft(byday="WE", freq="WEEKLY", opens_at="18:00"),
    ]
    service_id = add_service(store, ServiceDraft(name="Stirchley Knit and Natter", organisation="Stirchley Hub",
                                                 sessions=sessions))
    before = draft_for(store, service_id).sessions
    dialog = tab.edit_service(service_id)
    qtbot.addWidget(dialog)
    assert [row.kept_as_is for row in dialog.session_rows] == [True, True, True]
    assert "(kept as imported)" in dialog.session_rows[0].summary.text()
    # A session added now is a new one: it starts from the row's usual Monday, 10:00 to 11:30.
    add = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Add a &session")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    added = dialog.session_rows[-1]
    assert not added.kept_as_is and added.day.currentText() == "Monday"
    assert (added.opens.time().toString("HH:mm"), added.closes.time().toString("HH:mm")) == ("10:00", "11:30")
    dialog.name.setText("Stirchley Knit, Natter and Tea")
    dialog.submit()
    after = draft_for(store, service_id)
    assert after.name == "Stirchley Knit, Natter and Tea"
    kept = [session for session in after.sessions if repr(session) in {repr(old) for old in before}]
    assert _session_set(kept) == _session_set(before)
    (new,) = [session for session in after.sessions if session not in kept]
    assert (new.byday, new.freq, new.opens_at, new.closes_at) == ("MO", "WEEKLY", "10:00", "11:30")


@pytest.mark.parametrize("session", [
    SessionDraft(byday="TU", opens_at="9:30", closes_at="11:00"),  # no leading zero: the box would say 10:00
    SessionDraft(byday="TU", opens_at="09:30:00", closes_at="11:00"),
    SessionDraft(byday="TU", opens_at="09:30", closes_at=""),
    SessionDraft(byday="+1MO", freq="MONTHLY", opens_at="09:30", closes_at="11:00"),  # no "+1" in Which week
    SessionDraft(byday="5FR", freq="MONTHLY", opens_at="09:30", closes_at="11:00"),  # nor a fifth Friday
], ids=["9:30", "with seconds", "no closing time", "+1MO", "fifth Friday"])
def test_a_session_row_the_form_would_rewrite_keeps_the_session_exactly(qtbot, session):
    row = SessionRow(session)
    qtbot.addWidget(row)
    assert row.kept_as_is
    assert row.draft() == session


def test_archiving_hides_a_service_until_show_archived(tab, qtbot):
    _type(qtbot, tab, "Cotteridge Walking Group")
    service_id = tab.detail.detail.id
    qtbot.mouseClick(tab.detail.archive, Qt.MouseButton.LeftButton)
    assert tab.model.row_of(service_id) is None
    tab.filter_bar.include_archived.setChecked(True)
    qtbot.waitUntil(lambda: not tab._search_timer.isActive(), timeout=2000)
    assert tab.model.row_of(service_id) is not None


def test_lock_clears_the_tab_and_unsaved_notes_come_back(tab, qtbot, store):
    _type(qtbot, tab, "Cotteridge Walking Group")
    service_id = tab.detail.detail.id
    tab.detail.notes.setPlainText("Half-typed note")
    snapshot = tab.lock_snapshot()
    tab.clear_for_lock()
    assert tab.model.rowCount() == 0 and tab.detail.detail is None and tab.search_box.text() == ""
    assert not tab.search_box.isEnabled()
    snapshot = json.loads(json.dumps(snapshot))  # it is parked in the store as JSON
    tab.store_opened(store)
    tab.restore_snapshot(snapshot)
    assert tab.detail.detail.id == service_id
    assert tab.detail.notes.toPlainText() == "Half-typed note"
    assert tab.detail.notes_unsaved


def test_import_from_the_tab_reports_counts_and_refreshes(tab, qtbot, store, tmp_path):
    source = tmp_path / "one.json"
    source.write_text(json.dumps({"id": "0b3a5e2c-1111-4a5b-9c8d-000000000001", "name": "Selly Oak Men's Shed",
                                  "status": "active", "description": "Woodwork and a cuppa."}), encoding="utf-8")
    finished = []
    transfer = Transfer(tab, tab.context.runner, store, lambda message: finished.append(message) or tab.refresh(message))
    transfer.import_source(str(source))
    assert finished and finished[0].startswith("Import finished: 1 new")
    _type(qtbot, tab, "men's shed")
    assert "Selly Oak Men's Shed" in _names(tab)


def test_a_broken_import_file_changes_nothing_and_says_why(tab, qtbot, store, tmp_path, monkeypatch):
    source = tmp_path / "broken.json"
    source.write_text("{ this is not json", encoding="utf-8")
    shown = []
    monkeypatch.setattr("linkdesk.ui.directory.transfer.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    before = len(search_services(store, "", limit=100_000))
    Transfer(tab, tab.context.runner, store, tab.refresh).import_source(str(source))
    assert shown and "broken.json" in shown[0]
    assert len(search_services(store, "", limit=100_000)) == before
    with pytest.raises(Exception):
        import_path(store, source)


def test_an_export_to_a_place_that_cannot_be_written_says_why(tab, store, tmp_path, monkeypatch):
    """Not the unexpected-error dialog: a plain message, and nothing left behind."""
    shown = []
    monkeypatch.setattr("linkdesk.ui.directory.transfer.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    (tmp_path / "notes.txt").write_text("not a folder")
    exported = []
    transfer = Transfer(tab, tab.context.runner, store, exported.append)
    transfer.export_to(str(tmp_path / "notes.txt" / "services.json"), "oruk-json")
    assert exported == [] and len(shown) == 1
    assert "could not be saved to" in shown[0] and "notes.txt" in shown[0]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt", "store"]
    transfer.export_to(str(tmp_path / "services.json"), "oruk-json")
    assert exported == [f"Directory exported to {tmp_path / 'services.json'}"]


def test_a_booklet_follows_the_category_area_and_shortlist_filters(tab, qtbot):
    from linkdesk.ui.printing import preview as previews

    tab.filter_bar.category.setCurrentIndex(tab.filter_bar.category.findData("physical-activity"))
    qtbot.keyClicks(tab.filter_bar.place, "B30")
    choice = tab.booklet_choice()
    assert (choice.category, choice.area, choice.shortlist) == ("physical-activity", "B30", False)
    tab.print_booklet("large")
    qtbot.waitUntil(lambda: bool(previews._open_previews), timeout=20000)
    previews.close_previews()


def test_choosing_a_category_for_an_imported_term_refiles_its_services(tab, qtbot, store):
    from linkdesk.directory.services import term_mappings

    dialog = tab.edit_categories()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(term_mappings(store)) > 0
    term = dialog.model.mapping(0).term
    dialog.table.selectRow(0)
    dialog.category.setCurrentIndex(dialog.category.findData("volunteering"))
    dialog.apply()
    mapped = {m.term: m for m in term_mappings(store)}[term]
    assert (mapped.category, mapped.chosen) == ("volunteering", True)
    assert "now files" in dialog.message.text()
    dialog.apply(use_guess=True)
    assert not {m.term: m for m in term_mappings(store)}[term].chosen
