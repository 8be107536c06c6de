"""The Plans tab on its own over a real store with two invented patients, and picking one as a user would."""

import pytest
from PySide6.QtCore import Qt

from linkdesk.directory import demo as directory_demo
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.plans.tab import PlansTab
from linkdesk.ui.workspace import WorkspaceContext

from ...plans.conftest import make_patient


@pytest.fixture
def tab(qtbot, store, runner):
    directory_demo.add_demo_data(store)
    make_patient(store, "Maureen", "Okafor", needs=("loneliness", "physical_activity"))
    make_patient(store, "Tomasz", "Nowak", needs=("money",), postcode="B14 7AA")
    statuses = []
    made = PlansTab(WorkspaceContext(runner, ClipboardGuard(), statuses.append))
    made.statuses = statuses
    qtbot.addWidget(made)
    made.resize(1100, 700)
    made.show()
    made.windowHandle().requestActivate()  # typing goes to the focused widget, as for a real user
    qtbot.waitUntil(made.isActiveWindow, timeout=3000)
    made.store_opened(store)
    yield made
    made.clear_for_lock()


def pick_patient(qtbot, tab, text):
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, text)
    qtbot.waitUntil(lambda: not tab.picker.search_timer.isActive(), timeout=2000)
    assert tab.patient_model.rowCount() == 1
    rect = tab.patient_list.visualRect(tab.patient_model.index(0))
    qtbot.mouseClick(tab.patient_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
