"""UI fixtures: a main window over a real store, with background work run inline."""

import pytest

from linkdesk.store import TEST_KDF
from linkdesk.ui.main_window import MainWindow
from linkdesk.ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    return TaskRunner(synchronous=True)


@pytest.fixture
def make_window(qtbot, runner, store_dir):
    """Build a MainWindow on store_dir; keyword arguments go to MainWindow."""
    windows = []

    def make(**options):
        options.setdefault("kdf", TEST_KDF)
        window = MainWindow(store_dir, runner, **options)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.store is not None:
            window.lock()
