"""The Directory tab's "Print leaflet…" button opens the leaflet of the service on show."""

import pytest
from PySide6.QtWidgets import QApplication

from linkdesk.directory import demo
from linkdesk.directory.detail import get_service_detail
from linkdesk.ui.directory.tab import DirectoryTab
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.printing.preview import PreviewDialog, close_previews
from linkdesk.ui.workspace import WorkspaceContext

from ...documents.pdf import page_texts


@pytest.fixture
def tab(qtbot, store, runner):
    demo.add_demo_data(store)
    made = DirectoryTab(WorkspaceContext(runner, ClipboardGuard(), lambda text: None))
    qtbot.addWidget(made)
    made.store_opened(store)
    yield made
    close_previews()
    made.clear_for_lock()


def test_print_leaflet_is_off_until_a_service_is_shown_then_previews_it(tab, store):
    tab.detail.show_detail(None)
    assert not tab.detail.print_leaflet.isEnabled()
    walk = get_service_detail(store, demo.FEATURED[0]["id"])
    tab.detail.show_detail(walk)
    assert tab.detail.print_leaflet.isEnabled()
    tab.detail.print_leaflet.click()
    [dialog] = [widget for widget in QApplication.topLevelWidgets()
                if isinstance(widget, PreviewDialog) and widget.isVisible()]
    assert len(dialog.page_views) == 1
    assert "Cotteridge Walking Group" in page_texts(dialog.pages.data)[0]
