"""Create, unlock, lock (by shortcut and by idling), and what a lock leaves behind."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from linkdesk.store import TEST_KDF, create_store
from linkdesk.store.audit import read_events
from linkdesk.store.engine import PAGE_SIZE
from linkdesk.ui.tasks import TaskRunner
from linkdesk.ui.workspace import WorkspaceTab

from ..conftest import PASSPHRASE

SECRET_NAME = "Marta Kowalczyk-Testowa"


class NotesTab(WorkspaceTab):
    """A minimal patient-data tab: one field whose text must survive a lock but not show during it."""

    title = "Notes"
    lock_key = "notes"

    def __init__(self, context):
        super().__init__(context)
        self.field = QLineEdit()
        QVBoxLayout(self).addWidget(self.field)

    def lock_snapshot(self):
        return {"text": self.field.text()} if self.field.text() else None

    def clear_for_lock(self):
        super().clear_for_lock()
        self.field.clear()

    def restore_snapshot(self, snapshot):
        self.field.setText(snapshot["text"])


def _existing_store(store_dir):
    create_store(store_dir, PASSPHRASE, kdf=TEST_KDF).close()


def test_first_run_creates_a_store_after_the_passphrase_is_typed_twice(make_window, qtbot, store_dir):
    window = make_window()
    window.start()
    assert window.stack.currentWidget() is window.create_page
    page = window.create_page
    qtbot.keyClicks(page.passphrase, "short")
    assert "Too short" in page.strength.text()
    page.submit()
    assert "at least 10 characters" in page.message.text()
    assert window.store is None

    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, "four unrelated words here")
    qtbot.keyClicks(page.repeated, "four unrelated words hare")
    page.submit()
    assert "not the same" in page.message.text()
    assert not (store_dir / "linkdesk.db").exists()

    page.repeated.clear()
    qtbot.keyClicks(page.repeated, "four unrelated words here")
    qtbot.keyClick(page.repeated, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.tab_widget
    assert (store_dir / "linkdesk.db").exists()
    assert "Store:" in window.store_label.text()


def test_wrong_passphrase_says_so_and_allows_another_try(make_window, qtbot, store_dir):
    _existing_store(store_dir)
    window = make_window()
    window.start()
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.passphrase, "not the passphrase")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert "does not unlock" in page.message.text()
    assert window.store is None
    assert not page.restore_button.isVisible()

    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.submit()
    assert window.store is not None
    assert window.stack.currentWidget() is window.tab_widget


def test_a_damaged_store_names_the_folder_and_offers_a_restore(make_window, qtbot, store_dir):
    _existing_store(store_dir)
    database = store_dir / "linkdesk.db"
    database.write_bytes(database.read_bytes()[:5000])
    before = database.read_bytes()
    window = make_window()
    window.show()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    message = window.unlock_page.message.text()
    assert str(store_dir) in message and "backup" in message
    assert window.unlock_page.restore_button.isVisible()
    assert database.read_bytes() == before


def test_the_first_unlock_reads_every_page_and_unlocks_after_a_lock_are_quick(make_window, qtbot, store_dir):
    store = create_store(store_dir, PASSPHRASE, kdf=TEST_KDF)
    for number in range(300):  # a file of many pages, so one in the middle can be damaged
        store.audit("update", "patient", number, detail="x" * 200)
    store.close()
    database = store_dir / "linkdesk.db"
    good = database.read_bytes()
    middle = (len(good) // PAGE_SIZE // 2) * PAGE_SIZE
    database.write_bytes(good[:middle + 100] + bytes(500) + good[middle + 600:])
    window = make_window()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert window.store is None and "damaged" in window.unlock_page.message.text()

    database.write_bytes(good)
    window.unlock_page.submit()
    assert window.store is not None and not window.unlock_page.thorough
    window.lock()
    # Damaged while locked: the quick unlock (many a day, after each idle lock) does not read every
    # page, so it opens; `linkdesk check` and the daily verified backup are what find such damage.
    database.write_bytes(database.read_bytes()[:middle + 100] + bytes(500) + database.read_bytes()[middle + 600:])
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert window.store is not None


def test_ctrl_l_locks_clears_patient_data_and_brings_unsaved_text_back(make_window, qtbot, store_dir):
    _existing_store(store_dir)
    window = make_window(tabs=[NotesTab])
    window.show()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    tab = window.tabs[0]
    tab.field.setText(SECRET_NAME)
    window.clipboard.copy(SECRET_NAME)

    # Shortcuts reach only the active window, as for a real user.
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(tab.field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert window.store is None
    assert window.stack.currentWidget() is window.unlock_page
    assert tab.field.text() == ""
    assert QGuiApplication.clipboard().text() == ""
    assert not window.lock_action.isEnabled()

    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert tab.field.text() == SECRET_NAME
    actions = [row.action for row in read_events(window.store)]
    assert actions[:3] == ["unlock", "lock", "backup"] or actions[:2] == ["unlock", "lock"]


def test_clipboard_text_copied_by_someone_else_is_left_alone(make_window, qtbot, store_dir):
    _existing_store(store_dir)
    window = make_window()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    window.clipboard.copy("ours")
    QGuiApplication.clipboard().setText("copied from another program")
    window.lock()
    assert QGuiApplication.clipboard().text() == "copied from another program"


def test_idle_timeout_locks_and_leaves_no_patient_data_in_any_widget(make_window, qtbot, store_dir):
    _existing_store(store_dir)
    window = make_window(tabs=[NotesTab], idle_timeout_ms=200)
    window.show()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    window.tabs[0].field.setText(SECRET_NAME)

    qtbot.waitUntil(lambda: window.store is None, timeout=5000)

    shown = [w.text() for w in window.findChildren(QLineEdit)]
    assert SECRET_NAME not in shown
    assert window.stack.currentWidget() is window.unlock_page


def test_unlock_runs_the_key_derivation_off_the_ui_thread(qtbot, store_dir):
    from linkdesk.ui.main_window import MainWindow

    _existing_store(store_dir)
    runner = TaskRunner()  # real thread pool
    window = MainWindow(store_dir, runner, kdf=TEST_KDF)
    qtbot.addWidget(window)
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert not window.unlock_page.unlock_button.isEnabled()  # busy while the worker derives
    qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)  # the automatic backup
    window.lock()
    assert window.store is None


def test_lock_closes_open_dialogs_so_none_acts_on_the_closed_store(make_window, qtbot, store_dir):
    from linkdesk.ui import store_actions

    _existing_store(store_dir)
    window = make_window()
    window.show()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    settings = store_actions.SettingsDialog(window)
    settings.open()
    change = store_actions.ChangePassphraseDialog(window)
    change.open()
    change.current.setText(PASSPHRASE)
    window.lock()
    assert not settings.isVisible() and not change.isVisible()
    assert window.store is None



def test_locking_frees_garbage_held_in_cycles_at_once(make_window, qtbot, store_dir):
    """A closed view's objects often sit in reference cycles; the lock collects them instead of leaving
    them (patient details and all) until the locked app next allocates enough to trigger a collection."""
    import gc
    import weakref

    class Held:
        pass

    _existing_store(store_dir)
    window = make_window()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    was_enabled = gc.isenabled()
    gc.disable()  # as it is in the app, where the UI thread collects on a timer
    try:
        held = Held()
        held.me, held.detail = held, SECRET_NAME
        watch = weakref.ref(held)
        del held
        assert watch() is not None  # only a cyclic collection frees it
        window.lock()
        assert watch() is None
    finally:
        if was_enabled:
            gc.enable()
