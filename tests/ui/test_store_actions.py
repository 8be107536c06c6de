"""Tools and File menu actions on a real store: passphrase, backup, restore, settings, about, audit."""

from datetime import datetime

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from linkdesk.store import TEST_KDF, WrongPassphrase, create_store, open_store
from linkdesk.store.audit import AuditEvent, AuditRow, read_events
from linkdesk.store.backup import list_automatic_backups
from linkdesk.store.settings import IDLE_LOCK_MINUTES, read_setting, store_id
from linkdesk.ui import store_actions
from linkdesk.ui.audit_view import AuditLogDialog, AuditTableModel
from linkdesk.ui.main_window import MainWindow

from ..conftest import PASSPHRASE
from .held_runner import HeldRunner

NEW_PASSPHRASE = "Zażółć gęślą jaźń نہیں"


@pytest.fixture
def window(make_window, store_dir, qtbot):
    create_store(store_dir, PASSPHRASE, kdf=TEST_KDF).close()
    made = make_window()
    made.start()
    qtbot.keyClicks(made.unlock_page.passphrase, PASSPHRASE)
    made.unlock_page.submit()
    assert made.store is not None
    return made


def test_change_passphrase_re_encrypts_and_the_old_one_stops_working(window, qtbot, store_dir):
    dialog = store_actions.ChangePassphraseDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    # QTest cannot type non-ASCII keys; such text arrives through an input method anyway.
    dialog.new.setText(NEW_PASSPHRASE)
    dialog.repeated.setText(NEW_PASSPHRASE)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    window.lock()
    with pytest.raises(WrongPassphrase):
        open_store(store_dir, PASSPHRASE)
    open_store(store_dir, NEW_PASSPHRASE).close()


def test_change_passphrase_with_the_wrong_current_one_changes_nothing(window, qtbot, store_dir):
    dialog = store_actions.ChangePassphraseDialog(window)
    qtbot.addWidget(dialog)
    header_before = (store_dir / "linkdesk.key").read_bytes()
    qtbot.keyClicks(dialog.current, "not my passphrase")
    dialog.new.setText(NEW_PASSPHRASE)
    dialog.repeated.setText(NEW_PASSPHRASE)
    dialog.submit()
    assert "does not unlock" in dialog.message.text()
    assert dialog.isEnabled()
    assert (store_dir / "linkdesk.key").read_bytes() == header_before


def test_back_up_now_writes_a_verified_backup_that_opens(window, store_dir):
    before = list_automatic_backups(store_dir / "backups", store_id(window.store))
    assert len(before) == 1  # the automatic one, written after unlock
    store_actions.back_up_now(window)  # within the same second: must not collide
    backups = list_automatic_backups(store_dir / "backups", store_id(window.store))
    assert len(backups) == 2
    assert "Verified backup written" in window.statusBar().currentMessage()
    for backup in backups:
        open_store(backup.path, PASSPHRASE).close()


def test_restore_from_backup_reopens_the_backup_and_keeps_the_old_store(window, store_dir, tmp_path):
    backup = tmp_path / "usb" / "monday"
    from linkdesk.store.backup import backup_store

    backup_store(window.store, backup)
    window.store.audit("export", "patient", 1, detail="made after the backup")

    store_actions.restore_backup(window, backup, PASSPHRASE)

    assert window.store is not None
    details = [row.detail for row in read_events(window.store)]
    assert "made after the backup" not in details
    assert any(d.startswith("restored from") for d in details)
    assert list(store_dir.glob("replaced-*/linkdesk.db"))
    assert "Restored from" in window.statusBar().currentMessage()


def test_restore_with_the_wrong_passphrase_says_so_and_changes_nothing(window, store_dir, tmp_path):
    from linkdesk.store.backup import backup_store

    backup = backup_store(window.store, tmp_path / "backup")
    store_actions.restore_backup(window, backup, "the wrong passphrase")
    assert window.store is None  # it locked first
    assert "does not unlock" in window.unlock_page.message.text()
    assert not list(store_dir.glob("replaced-*"))
    open_store(store_dir, PASSPHRASE).close()


@pytest.fixture
def held_window(store_dir, qtbot):
    """A window whose background work can be held, as a slow key derivation would be."""
    create_store(store_dir, PASSPHRASE, kdf=TEST_KDF).close()
    made = MainWindow(store_dir, HeldRunner(holding=False), kdf=TEST_KDF)
    qtbot.addWidget(made)
    made.show()
    made.start()
    qtbot.keyClicks(made.unlock_page.passphrase, PASSPHRASE)
    made.unlock_page.submit()
    assert made.store is not None
    yield made
    made.runner.holding = False
    for task in list(made.runner.held):
        made.runner.finish(task)
    made.lock()


def _usable(page) -> bool:
    return page.passphrase.isEnabled() and page.unlock_button.isEnabled()


def test_the_unlock_page_cannot_unlock_the_old_store_while_a_backup_is_restored(held_window, qtbot, tmp_path,
                                                                                monkeypatch):
    from linkdesk.store.backup import backup_store

    window, runner, page = held_window, held_window.runner, held_window.unlock_page
    backup = backup_store(window.store, tmp_path / "backup")
    window.store.audit("export", "patient", 1, detail="made after the backup")
    runner.holding = True
    store_actions.restore_backup(window, backup, PASSPHRASE)
    (restoring,) = runner.held
    assert window.store is None and window.stack.currentWidget() is page
    assert not _usable(page) and "Checking and restoring the backup" in page.message.text()
    assert "Checking and restoring the backup" in window.statusBar().currentMessage()

    # Unlocking the old store now would make the restore fail as "in use": nothing starts.
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    page.submit()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: pytest.fail("a second restore started"))
    window.restore_action.trigger()
    assert runner.held == [restoring] and window.store is None
    assert "Wait for the unlock or restore" in window.statusBar().currentMessage()

    runner.holding = False
    runner.finish(restoring)
    assert window.store is not None and window.stack.currentWidget() is window.tab_widget
    assert "made after the backup" not in [row.detail for row in read_events(window.store)]
    assert "Restored from" in window.statusBar().currentMessage()
    assert _usable(page) and page.message.text() == ""


def test_a_failed_restore_says_why_on_the_unlock_page_and_in_the_status_bar(held_window, qtbot, store_dir, tmp_path):
    from linkdesk.store.backup import backup_store

    window, runner, page = held_window, held_window.runner, held_window.unlock_page
    backup = backup_store(window.store, tmp_path / "backup")
    runner.holding = True
    store_actions.restore_backup(window, backup, "the wrong passphrase")
    (restoring,) = runner.held
    assert not _usable(page)
    runner.holding = False
    runner.finish(restoring)

    assert window.stack.currentWidget() is page and _usable(page)
    for shown in (page.message.text(), window.statusBar().currentMessage()):
        assert shown.startswith("The backup was not restored:") and "does not unlock" in shown
    assert page.message.accessibleDescription() == "Error"
    assert not list(store_dir.glob("replaced-*"))
    qtbot.keyClicks(page.passphrase, PASSPHRASE)  # the store it would have replaced still unlocks
    page.submit()
    assert window.store is not None


def test_settings_change_the_idle_lock_and_persist(window, qtbot):
    dialog = store_actions.SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.idle_minutes.setValue(12)
    dialog.save()
    assert read_setting(window.store, IDLE_LOCK_MINUTES) == "12"
    assert window.idle._timer.interval() == 12 * 60_000


def test_about_names_version_folder_and_cipher(window, store_dir):
    text = store_actions.about_text(window)
    assert str(store_dir) in text
    assert "SQLCipher:</b> 4." in text
    assert "Argon2id" in text
    window.lock()
    assert "SQLCipher:</b> 4." in store_actions.about_text(window)


def test_audit_log_dialog_lists_events_newest_first_and_filters(window, qtbot):
    window.store.audit("export", "patient", 42, detail="subject access request")
    dialog = AuditLogDialog(window.store, window.runner, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    first = dialog.model.index(0, AuditTableModel.ACTION).data()
    assert first == "export"
    assert dialog.model.index(0, AuditTableModel.RECORD).data() == "patient 42"
    everything = dialog.model.rowCount()
    assert everything > 1
    qtbot.keyClicks(dialog.filter, "SUBJECT access")  # any case
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=2000)
    assert dialog.model.index(0, AuditTableModel.DETAIL).data() == "subject access request"
    assert dialog.count.text() == f"1 of {everything} events (the last 30 days) match the filter."
    qtbot.keyClicks(dialog.filter, " nothing like this")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=2000)
    dialog.filter.clear()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == everything, timeout=2000)
    when = dialog.model.index(0, AuditTableModel.WHEN).data()
    qtbot.keyClicks(dialog.filter, when[:11])  # the date as shown, in local time
    qtbot.waitUntil(lambda: not dialog._filter_timer.isActive(), timeout=2000)
    assert dialog.model.rowCount() >= 1
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers


def test_audit_table_model_without_any_widget():
    model = AuditTableModel()
    model.set_rows([AuditRow(datetime(2026, 11, 25, 9, 30), "sam", "unlock", None, None, "")])
    assert model.rowCount() == 1 and model.columnCount() == 5
    assert model.index(0, AuditTableModel.WHO).data() == "sam"
    assert model.index(0, AuditTableModel.RECORD).data() == ""
    assert model.headerData(0, Qt.Orientation.Horizontal) == "When"


def test_audit_log_shows_the_last_30_days_at_first_and_everything_on_request(window, qtbot):
    """Old events are read only when asked for: the log grows with every record opened."""
    with window.store.session() as session:
        old = AuditEvent(at=datetime(2020, 1, 6, 9, 0), actor="sam", action="view", entity="patient",
                         entity_id="7", detail="record opened")
        session.add(old)
    dialog = AuditLogDialog(window.store, window.runner, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "event" in dialog.count.text(), timeout=5000)
    recent = dialog.model.rowCount()
    assert recent > 0 and "record opened" not in _details(dialog)
    assert dialog.count.text() == f"{recent} event{'' if recent == 1 else 's'} (the last 30 days)."
    dialog.period.setCurrentIndex(dialog.period.findText("Everything"))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == recent + 1, timeout=5000)
    assert "record opened" in _details(dialog)


def _details(dialog):
    return [dialog.model.index(row, AuditTableModel.DETAIL).data() for row in range(dialog.model.rowCount())]


def _delete_closed_widgets() -> None:
    """What the event loop does next: delete the widgets closed with WA_DeleteOnClose."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_audit_log_is_emptied_and_deleted_when_the_app_locks(window, qtbot):
    window.store.audit("export", "patient", 42, detail="subject access request")
    dialog = store_actions.show_audit_log(window)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    assert dialog.isVisible()

    window.lock()
    assert not shiboken6.isValid(dialog) or dialog.model.rowCount() == 0  # emptied at once
    _delete_closed_widgets()
    assert not shiboken6.isValid(dialog)
    assert not [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, AuditLogDialog)]


def test_audit_rows_read_after_the_log_was_closed_are_not_shown_or_kept(window, qtbot):
    runner = HeldRunner()
    dialog = AuditLogDialog(window.store, runner, window)
    dialog.open()
    (reading,) = runner.held
    dialog.reject()
    runner.finish(reading)  # the read finishes after the close, before the dialog is deleted
    assert dialog.model.rowCount() == 0 and dialog.count.text() == ""

    later = AuditLogDialog(window.store, runner, window)
    later.open()
    (reading,) = runner.held
    later.close()
    _delete_closed_widgets()
    assert not shiboken6.isValid(later)
    runner.finish(reading)  # and after it is deleted: nothing to fill, nothing raised
    assert not runner.busy
