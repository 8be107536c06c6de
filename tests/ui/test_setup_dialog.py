"""Tools > Practices and link workers on a real store: add, correct, refuse bad input, choose "me"."""

import pytest

from linkdesk.caseload import practices
from linkdesk.store import TEST_KDF, create_store

from ..conftest import PASSPHRASE


@pytest.fixture
def dialog(make_window, qtbot, store_dir):
    create_store(store_dir, PASSPHRASE, kdf=TEST_KDF).close()
    window = make_window()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    made = window.show_setup()
    qtbot.addWidget(made)
    made.window_under_test = window
    return made


def test_a_practice_with_a_missing_ods_code_is_refused_then_added(dialog, qtbot):
    store = dialog.window_under_test.store
    section = dialog.practices
    qtbot.keyClicks(section.fields["name"], "Cotteridge Medical Centre")
    section.add()
    assert section.problems["ods_code"].text()
    assert practices.list_practices(store) == []
    qtbot.keyClicks(section.fields["ods_code"], "M85001")
    qtbot.keyClicks(section.fields["pcn"], "South Birmingham PCN")
    section.add()
    assert [(p.name, p.ods_code) for p in practices.list_practices(store)] == [("Cotteridge Medical Centre", "M85001")]
    assert section.model.rowCount() == 1 and section.message.text() == "Added."


def test_correcting_a_practice_saves_the_change(dialog, qtbot):
    store = dialog.window_under_test.store
    practices.add_practice(store, "Stirchley Surgery", "M85002")
    section = dialog.practices
    section.reload()
    section.table.selectRow(0)
    assert section.fields["name"].text() == "Stirchley Surgery"
    section.fields["name"].setText("Stirchley Health Centre")
    section.save()
    assert practices.list_practices(store)[0].name == "Stirchley Health Centre"


def test_choosing_me_sets_the_profile_printed_on_plans(dialog, qtbot):
    store = dialog.window_under_test.store
    section = dialog.workers
    qtbot.keyClicks(section.fields["name"], "Jess Adeyemi")
    qtbot.keyClicks(section.fields["phone"], "0121 496 0999")
    section.add()
    dialog.set_me(store)
    assert practices.own_profile(store).name == "Jess Adeyemi"
    assert section.model.index(0, 3).data() == "Me"


def test_closing_refreshes_the_practice_choices_in_the_patients_tab(dialog, qtbot):
    window = dialog.window_under_test
    practices.add_practice(window.store, "Kings Heath Practice", "M85003")
    dialog.reject()
    patients = next(tab for tab in window.tabs if tab.title == "Patients")
    assert patients.practice_filter.findText("Kings Heath Practice") >= 0
