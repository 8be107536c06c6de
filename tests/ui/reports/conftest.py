"""A demo store (built once per module, copied for each test) opened in a main window, with Tools > Reports open."""

import shutil
from datetime import date

import pytest

from linkdesk.caseload import demo as caseload_demo
from linkdesk.directory import demo as directory_demo
from linkdesk.plans import demo as plans_demo
from linkdesk.reports import demo as reports_demo
from linkdesk.store import TEST_KDF, create_store

from ...conftest import PASSPHRASE

TODAY = date(2026, 11, 25)  # the demo's dates are relative to it
START, END = date(2026, 4, 1), TODAY


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "store"
    store = create_store(folder, PASSPHRASE, kdf=TEST_KDF)
    try:
        directory_demo.add_demo_data(store)
        caseload_demo.add_demo_data(store, today=TODAY)
        plans_demo.add_demo_data(store, today=TODAY)
        reports_demo.add_demo_data(store, today=TODAY)
    finally:
        store.close()
    return folder


@pytest.fixture
def window(make_window, qtbot, store_dir, demo_folder):
    """The main window, unlocked on a fresh copy of the demo store."""
    shutil.copytree(demo_folder, store_dir)
    made = make_window()
    made.show()
    made.start()
    qtbot.keyClicks(made.unlock_page.passphrase, PASSPHRASE)
    made.unlock_page.submit()
    assert made.store is not None
    return made


@pytest.fixture
def dialog(window):
    """Tools > Reports, opened from the menu, with the demo's period chosen."""
    action = next(action for action in window.store_actions if action.text() == "&Reports…")
    action.trigger()
    from linkdesk.ui.reports.dialog import ReportsDialog

    (opened,) = [found for found in window.findChildren(ReportsDialog) if found.isVisible()]
    opened.period.set_dates(START, END)
    return opened
