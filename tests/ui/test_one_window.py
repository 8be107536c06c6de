"""One app window per store: a second would park and take the first one's unsaved edits."""

import pytest

from linkdesk.store.errors import AppAlreadyOpen
from linkdesk.store.lockfile import hold_window
from linkdesk.ui import app as app_module


def test_a_second_window_on_the_same_store_says_so_and_opens_nothing(qtbot, store_dir, monkeypatch):
    first = hold_window(store_dir)  # the first window's lock, as run_app takes it
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(app_module, "MainWindow", lambda *args, **kwargs: pytest.fail("a second window was made"))
    try:
        assert app_module.run_app(store_dir) == 1
    finally:
        first.release()
    assert len(shown) == 1 and "already open on the store" in shown[0] and str(store_dir) in shown[0]


def test_the_window_lock_is_free_again_once_released(store_dir, tmp_path):
    first = hold_window(store_dir)
    with pytest.raises(AppAlreadyOpen):
        hold_window(store_dir)
    other = hold_window(tmp_path / "another store")  # other stores are not affected
    first.release()
    hold_window(store_dir).release()
    other.release()
